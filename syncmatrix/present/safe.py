"""Text from files made safe for the viewer of each format: one function per format, no I/O.

An export is typed by people (names, emails, ids) and its report is opened in a terminal, a
spreadsheet or a Markdown viewer, each of which runs or fetches what it recognizes. Every writer of
the audit's reports and of the support table puts such text through these functions, so that:

- text (`plain`, `line`) is shown as standard output shows it (syncmatrix.terminal.SafeStream, by
  present.text.escape): ESC, OSC, BEL, C0 and C1 controls, bidirectional overrides and isolates
  written as visible `\\uXXXX`, never raw; `line` also shows a line break (LF, CR, NEL, U+2028,
  U+2029) as `\\u000a`…, so that a name never forges a line of a line-based report;
- a CSV cell (`csv_cell`, `csv_lines`) is one line, quoted when it needs to be (the writer ends its
  lines with CR LF, so a CR or LF that reaches it is always quoted), and never starts as a formula;
- Markdown (`markdown`) has no CR, no line break, and no character that would make an image, a
  link, HTML, code or a table cell of it.

A lone surrogate (JSON may say "\\ud800") has no UTF-8: every function gives U+FFFD for it, so that no
writer fails on it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence

# As present.text.escape (what standard output shows), plus LF, and lone surrogates apart.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
REPLACEMENT = "\ufffd"

#: What a spreadsheet reads as the start of a formula: the ASCII signs, a tab or CR (which some
#: strip before they look), and the fullwidth signs, which some spreadsheets fold to ASCII ones.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    return REPLACEMENT if "\ud800" <= char <= "\udfff" else f"\\u{ord(char):04x}"


def plain(text: str) -> str:
    """`text` as standard output shows it, its lines kept: controls and bidirectional marks as
    `\\uXXXX`, a lone surrogate as U+FFFD. For a whole document, or text that may hold lines."""
    return _UNSAFE.sub(_shown, text)


def line(text: str) -> str:
    """`text` on one line, as standard output shows it: `plain`, and a line feed as `\\u000a` (CR,
    NEL, U+2028 and U+2029 are already shown by `plain`). For a name, an email, an id, a path, or
    anything of a file that a line-based report puts on a line of its own."""
    if text.isprintable():  # most names: nothing to do, checked in C
        return text
    return _UNSAFE_LINE.sub(_shown, text)


#: What a CSV file starts with so that Excel reads it as UTF-8 ("Bianca Phạm"), not in the system's
#: code page: the UTF-8 byte-order mark. Every CSV the dashboard offers and every CSV file the command
#: line writes with --output has it; CSV on standard output, which scripts read, does not.
EXCEL_BOM = "\ufeff"


def csv_cell(value: object) -> object:
    """A value as a CSV cell: a number of ours as it is; text on one line (`line`) and, when a
    spreadsheet would run it as a formula ('=HYPERLINK(…)', '+1', '@SUM', '-2+3'), after a quote
    that makes it text. In every column: an id is typed by people as much as a name."""
    if not isinstance(value, str):
        return value
    text = value if value.isprintable() else _UNSAFE_LINE.sub(_shown, value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_lines(rows: Iterable[Sequence[object]], line_end: str = "\r\n") -> Iterator[str]:
    """Each row as a line of CSV (RFC 4180: CR LF, a field quoted when it holds a comma, a quote, CR
    or LF), every cell through `csv_cell`. One line at a time, so that a report of a million rows
    need not be one string. `line_end` "\\n" is for the published tables, whose files end their
    lines so (their cells hold no line break, csv_cell sees to it, so only the line ends change)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([csv_cell(value) for value in row])
        written = buffer.getvalue()
        yield written if line_end == "\r\n" else written[:-2] + line_end


def csv_text(rows: Iterable[Sequence[object]], line_end: str = "\r\n") -> str:
    """The rows as one CSV document, as csv_lines writes them (in one buffer: a third faster)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([csv_cell(value) for value in row] for row in rows)
    text = buffer.getvalue()
    # No cell holds a line break (csv_cell), so every CR LF ends a row.
    return text if line_end == "\r\n" else text.replace("\r\n", line_end)


# Markdown: a backslash before every character that starts markup that fetches, links, runs HTML,
# makes code or ends a table cell. "!" is markup only before "[" (an image): escaped there, and at
# the end of the text, where what follows is not known; elsewhere it stays ("Yahoo! Mail").
_MARKDOWN = re.compile(r"[\\`|\[\]<>]|!(?=\[|$)|^#")
_BREAKS = re.compile("\r|[\n\x0b\x0c\x85\u2028\u2029]")


def markdown(text: str) -> str:
    """`text` as inline Markdown that shows it as it is: no CR, a line break folded to a space (no
    heading or table row can be injected), controls and bidirectional marks as `\\uXXXX`, and
    `\\ ` | [ ] < > !` escaped, so that `![x](http://…)` can never be an image or a link, nor
    `<img …>` HTML; a "#" that starts the text cannot make it a heading."""
    text = _BREAKS.sub(lambda m: "" if m.group() == "\r" else " ", text)
    text = plain(text)
    return _MARKDOWN.sub(lambda m: "\\" + m.group(), text)


_URL_BREAKS = {ord(c): f"%{ord(c):02X}" for c in " ()<>`\\\"'"}


def markdown_url(url: str) -> str:
    """An address as the destination of a Markdown link, `[label](url)`: on one line, and with what
    would end the destination or start markup of its own ( ) < > space ` \\ and quotes
    percent-encoded, which every browser reads as the same address."""
    return line(url).translate(_URL_BREAKS)
