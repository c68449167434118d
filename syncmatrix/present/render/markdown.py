"""Markdown: the pieces of the documents syncmatrix writes in it (headings, paragraphs, lists,
tables, links, comments), as lines.

Every function takes Markdown and returns Markdown; `text` (safe.markdown) makes text of the
knowledge base or of an export inline Markdown that only shows it: never an image, a link, HTML or
a new row of a table. The words of the catalogue are ours and are written as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from syncmatrix.present.safe import markdown, markdown_url

text = markdown

#: A line break inside a cell of a table (HTML: Markdown has none of its own there).
BREAK = "<br>"

#: The rule under a table's head for a column of text and for one of figures (right-aligned).
LEFT, RIGHT = "---", "---:"


def heading(level: int, inline: str) -> str:
    return f"{'#' * level} {inline}"


def strong(inline: str) -> str:
    return f"**{inline}**"


def quote(inline: str) -> str:
    return f"> {inline}"


def bullet(inline: str) -> str:
    return f"- {inline}"


def code(inline: str) -> str:
    return f"`{inline}`"


def sup(inline: str) -> str:
    """A mark after a word (HTML, which every Markdown viewer shows as a superscript)."""
    return f"<sup>{inline}</sup>"


def autolink(url: str) -> str:
    """<url>: an address shown as itself and linked (`url` is ours: a source's address)."""
    return f"<{url}>"


def link(label: str, url: str) -> str:
    """[label](url) from text: the label's brackets as parentheses, the address through
    safe.markdown_url, so that neither can end the link or start markup of its own."""
    return f"[{markdown(label.replace('[', '(').replace(']', ')'))}]({markdown_url(url)})"


def comment(note: str) -> str:
    """<!-- note -->: `note` is ours (the catalogue's words, rule ids), read by people who open the file."""
    return f"<!-- {note} -->"


def row(cells: Iterable[str]) -> str:
    """A table row: | a | b |."""
    return "| " + " | ".join(cells) + " |"


def table_head(headers: Sequence[str], align: Sequence[str] | None = None) -> list[str]:
    """The two lines that open a table: its column headers and the rule under them, each column
    LEFT unless `align` says (LEFT or RIGHT for each)."""
    return [row(headers), "|" + "|".join(align or [LEFT] * len(headers)) + "|"]
