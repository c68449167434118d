"""CSV: a document of rows, every cell through safe.csv_cell (on one line, never a formula).

`lines` gives one line at a time (a report of a million mailboxes is never one string); `document`
gives the whole text at once. Lines end in CR LF (RFC 4180) unless `line_end` says "\\n", as the
published tables' files do (their cells hold no line break, so only the line ends change).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from syncmatrix.present.safe import csv_lines, csv_text


def lines(rows: Iterable[Sequence[object]], line_end: str = "\r\n") -> Iterator[str]:
    """Each row as a line of CSV, as it is read from `rows` (safe.csv_lines)."""
    return csv_lines(rows, line_end)


def document(rows: Iterable[Sequence[object]], line_end: str = "\r\n") -> str:
    """The rows as one CSV document (safe.csv_text: the same text as `lines`, in one buffer)."""
    return csv_text(rows, line_end)
