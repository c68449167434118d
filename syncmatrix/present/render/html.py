"""HTML: one standalone page skeleton (doctype, language, meta, title, one style sheet) and the
pieces of its documents: headings, paragraphs, lists, tables, links, comments.

Every function takes HTML and returns HTML; `text` makes text HTML (html.escape, quotes too). A
function that returns a list of lines leaves the joining to its document: the support table puts
one tag a line, the audit's report a table's head on one line ("".join).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

text = html.escape

#: A line break inside a cell of a table.
BREAK = "<br>"


@dataclass(frozen=True, slots=True)
class Style:
    """A document's style sheet: the shared rules with the document's measures, and its own rules."""

    width: str  # the page's max-width
    cell_padding: str  # a table cell's padding
    table_rules: tuple[str, ...] = ()  # rules of its own about tables, right after the shared table rule
    rules: tuple[str, ...] = ()  # rules of its own, after the shared ones


def style_sheet(style: Style) -> list[str]:
    """The lines of the style sheet: a readable column, bordered tables, a shaded table head."""
    return [
        f"body {{ font-family: system-ui, sans-serif; max-width: {style.width}; margin: 2rem auto; padding: 0 1rem;"
        " line-height: 1.5; color: #1b1b1b; }",
        "table { border-collapse: collapse; width: 100%; }",
        *style.table_rules,
        f"th, td {{ border: 1px solid #6b6b6b; padding: {style.cell_padding}; text-align: left;"
        " vertical-align: top; }",
        "thead th { background: #f0f0f0; }",
        *style.rules,
    ]


def page_start(lang: str, title: str, style: Style, note: str = "") -> list[str]:
    """The lines of a page up to its <h1>: `title` (HTML) is the page's title and its heading; `note`
    (text), when given, a comment before <main> (the published tables: that they are generated)."""
    return [
        "<!DOCTYPE html>",
        f'<html lang="{text(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        "<style>",
        *style_sheet(style),
        "</style>",
        "</head>",
        "<body>",
        *([comment(note)] if note else []),
        "<main>",
        heading(1, title),
    ]


def closing(tag: str) -> str:
    """</tag>, for an element opened with `opening`."""
    return f"</{tag}>"


def page_end() -> list[str]:
    """The lines that close what page_start opened."""
    return ["</main>", "</body>", "</html>"]


def _attributes(attributes: Iterable[tuple[str, str]]) -> str:
    return "".join(f' {name}="{text(value)}"' for name, value in attributes if value)


def element(tag: str, inner: str, **attributes: str) -> str:
    """<tag attributes>inner</tag>; an attribute `class_` is written `class`, `aria_label`
    `aria-label`; an empty one is left out."""
    named = ((name.rstrip("_").replace("_", "-"), value) for name, value in attributes.items())
    return f"<{tag}{_attributes(named)}>{inner}</{tag}>"


def opening(tag: str, **attributes: str) -> str:
    """<tag attributes>, for an element whose content follows on lines of their own."""
    named = ((name.rstrip("_").replace("_", "-"), value) for name, value in attributes.items())
    return f"<{tag}{_attributes(named)}>"


def heading(level: int, inner: str, id: str = "") -> str:
    return element(f"h{level}", inner, id=id)


def paragraph(inner: str, class_: str = "", id: str = "") -> str:
    return element("p", inner, class_=class_, id=id)


def strong(inner: str) -> str:
    return element("strong", inner)


def code(inner: str) -> str:
    return element("code", inner)


def sup(inner: str) -> str:
    return element("sup", inner)


def link(href: str, inner: str, aria_label: str = "") -> str:
    """<a href="href">inner</a>; `href` is text (an address, or "#id" in the page). Written straight,
    not by element(): the audit's report links a rule from each of its mailboxes' rows."""
    label = f' aria-label="{text(aria_label)}"' if aria_label else ""
    return f'<a href="{text(href)}"{label}>{inner}</a>'


def comment(note: str) -> str:
    """`note` (text) as a comment: <!-- note -->."""
    return f"<!-- {text(note)} -->"


def item(inner: str, id: str = "") -> str:
    return f'<li id="{text(id)}">{inner}</li>' if id else f"<li>{inner}</li>"


def bullets(items: Iterable[str]) -> list[str]:
    """An unordered list of `items` (each an <li>, see item): its lines."""
    return ["<ul>", *items, "</ul>"]


# A table's cells and rows are written once a mailbox in the audit's reports (1,000,000 of them):
# straight f-strings, not element().


def cell(inner: str, class_: str = "") -> str:
    """A cell; `class_` is a class of the page's style sheet (ours), written as it is."""
    return f'<td class="{class_}">{inner}</td>' if class_ else f"<td>{inner}</td>"


def row_header(inner: str) -> str:
    """The cell that names its row."""
    return f'<th scope="row">{inner}</th>'


def row(cells: Iterable[str], before: str = "") -> str:
    """A table row of `cells`; `before` is markup inside it before the first cell (a comment)."""
    return f"<tr>{before}{''.join(cells)}</tr>"


def table_start(headers: Sequence[str], caption: str = "") -> list[str]:
    """The lines that open a table: <table>, its caption when given, its head of column headers and <tbody>."""
    head = row(element("th", header, scope="col") for header in headers)
    return ["<table>", *([element("caption", caption)] if caption else []), "<thead>", head, "</thead>", "<tbody>"]


def table_end() -> list[str]:
    return ["</tbody>", "</table>"]


#: The rules a page with bar_chart needs in its style sheet (Style.rules).
BAR_CHART_RULES = (
    "figure { margin: 1rem 0; } figcaption { font-weight: bold; margin-bottom: 0.4rem; }",
    ".bars { display: grid; grid-template-columns: minmax(0, 22rem) 1fr; gap: 0.3rem 0.8rem; align-items: center; }",
    ".track { display: flex; align-items: center; gap: 0.4rem; } .bar { display: inline-block; height: 1.1rem; }",
    "@media (max-width: 40rem) { .bars { grid-template-columns: 1fr; gap: 0.1rem; }"
    " .track { margin-bottom: 0.4rem; } }",
)


def bar_chart(bars: Sequence[tuple[str, int, str]], caption: str) -> str:
    """A bar chart in HTML and CSS, no script: for each (label, figure, colour), the label (HTML), a bar
    as long as its share of the largest, and the figure in words beside it (never colour alone); it
    wraps on a phone instead of shrinking its text (BAR_CHART_RULES)."""
    top = max((n for _, n, _ in bars), default=0) or 1
    drawn = []
    for label, n, colour in bars:
        width = 0 if n == 0 else max(1, round(100 * n / top))
        bar = element("span", "", class_="bar", style=f"width:{width}%;background:{colour}")
        drawn.append(
            element("div", label, class_="label") + element("div", bar + element("span", str(n)), class_="track")
        )
    return element("figure", element("figcaption", caption) + element("div", "".join(drawn), class_="bars"))
