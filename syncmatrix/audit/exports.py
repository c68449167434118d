"""Reading an export of an organization's mailboxes (sources/MAILBOX-EXPORTS.md): Web API JSON, CSV or
Excel (.xlsx), told apart by the file's content, into the option numbers of audit/model.py.

Every row of the file comes back, in its order, with what could be read of it; a cell that cannot be
read is None with a Problem that names its column and says why. A file that is no export at all is an
InputError whose key names its words (syncmatrix/words.py): one paragraph and exit 2 at the
command line.

Bounded: one open, one descriptor, whose fstat decides (a regular file of at most MAX_EXPORT_BYTES,
and never more bytes than that read from it); a CSV is streamed, never held whole; JSON is read
once; a workbook is refused when its parts unpack to more than the limit, and openpyxl is imported
only for one. Work and memory follow what the file means, not what it declares (issue 20):

- an empty row (a blank line, cells all empty, an empty JSON object `{}`) is no mailbox: it is
  skipped and counted in a note, never made a row;
- a table holds at most MAX_ROWS rows, empty ones and the header included, and a JSON list at most
  MAX_ROWS items: Excel's limit of a sheet, so every export Dynamics can write is read, and more is
  refused (InputError) as soon as it is seen; a workbook's sheet is counted by a streaming scan of
  its `<row>` elements before openpyxl reads it;
- a cell holds at most MAX_CELL_CHARS characters (Excel's limit): a longer one is a problem of its
  row, never a refusal of the file;
- a workbook's table of shared strings holds at most MAX_SHARED_STRINGS, counted by a streaming scan
  before openpyxl loads it whole;
- a JSON number of more digits than an option needs is a value that is no option (no 4,300-digit
  limit of Python is met), a JSON key given twice in a mailbox makes the mailbox unreadable, a lone
  surrogate in a JSON text is read as U+FFFD with a problem of its row;
- a suggestion ("did you mean") among many names is looked for once per distinct name, among the
  few names that share most of its letters (_Near), never over every name for every row.

A quote that is not closed (CSV). Dynamics' CSVs quote every cell, and a cell may hold a line
break (a name typed with one), so a quoted cell over several lines is legitimate. The rule: a record
of several physical lines is taken as one row only when its quotes close within MAX_RECORD_LINES
lines (and MAX_CELL_CHARS characters per cell), before the end of the file, and it has exactly as
many cells as the header. Otherwise the quote is unclosed: the line where the record starts is one
unreadable row whose problem names its line and the column whose cell the quote opens, and reading
resumes at the next physical line, so the rows the quote would have swallowed are read as rows.
Rejected: refusing the file (one typo would hide every mailbox), and the csv module's own reading
(it merges every line up to the next quote into one cell, silently).

A workbook is read from its first visible sheet, as Excel shows it; a hidden sheet whose header
names a delivery method column is said in a note (it may be a decoy, or the sheet meant).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import re
import stat
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from typing import IO, TYPE_CHECKING, Any, Protocol

from syncmatrix.audit.collector import no_cycle_collection
from syncmatrix.audit.mapping import Said
from syncmatrix.audit.model import Export, MailboxRow, Problem, Profile, Shape
from syncmatrix.kb.errors import InputError, closest, input_error
from syncmatrix.kb.located import clip, readable
from syncmatrix.kb.located import reason as os_reason

if TYPE_CHECKING:
    import zipfile

Progress = Callable[[int, int | None], None]


class Rows(Protocol):
    """Where the rows of an export go instead of a tuple (read_export's `into`)."""

    def append(self, row: MailboxRow, /) -> None: ...

    def extend(self, rows: Iterable[MailboxRow], /) -> None: ...

    def __len__(self) -> int: ...


MAX_EXPORT_BYTES = 512 * 1024 * 1024  # an organization's export is megabytes; past this it is not one
PROGRESS_EVERY = 1000  # rows between two calls of `progress`
MAX_ROWS = 1_048_576  # rows of a table or items of a JSON list: Excel's limit of a sheet
MAX_CELL_CHARS = 32_767  # characters of a cell: Excel's limit
MAX_SHARED_STRINGS = 8 * MAX_ROWS  # a mailbox of an export has a few texts of its own (id, name, email)
MAX_RECORD_LINES = 32  # physical lines of one CSV row: a name with line breaks has a few
_MAX_TYPES_BYTES = 1024 * 1024  # [Content_Types].xml of a workbook: a few kilobytes
_HEAD_BYTES = 64 * 1024  # what is looked at to tell the shape, the encoding and the delimiter
_CHUNK = 1024 * 1024

# O_NONBLOCK: opening a FIFO must not wait for a writer (fstat then refuses it); O_NOCTTY: opening a
# terminal must not make it ours (as kb/located.py opens the knowledge base's files).
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls), among other compound files
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")  # in text, only tab, line and page breaks are expected
_MISSING = object()


# --- the fields of MAILBOX-EXPORTS.md §2-3 -----------------------------------------------------------


def _key(text: str) -> str:
    """A header or label as compared: case, spacing and punctuation dropped, '&' read as 'and'."""
    return re.sub(r"[\W_]+", "", text.casefold().replace("&", "and"))


@dataclass(frozen=True, slots=True)
class _Field:
    """A field of a mailbox or profile: the attribute it fills, its names, its options (None: text)."""

    attr: str
    logical: str  # the Web API's name, also accepted as a header
    display: str  # the English display name: the header of Dynamics' CSV and Excel exports
    also: tuple[str, ...] = ()  # other headers that name it
    options: Mapping[int, str] = field(default_factory=dict)  # number -> label as Dynamics says it today
    variants: Mapping[str, int] = field(default_factory=dict)  # labels of other releases -> number

    def described(self) -> str:
        return f"{self.display} ({self.logical})"


_OUTLOOK = "Microsoft Dynamics 365 for Outlook"
# Earlier releases say "Microsoft Dynamics CRM for Outlook"; the email methods' value 2 is also
# written "Server-Side Synchronization" (MAILBOX-EXPORTS.md §2).
_OUTLOOK_VARIANTS = {"Microsoft Dynamics CRM for Outlook": 1, "Dynamics 365 for Outlook": 1}
_EMAIL_OPTIONS = {0: "None", 1: _OUTLOOK, 2: "Server-Side Synchronization or Email Router"}
_EMAIL_VARIANTS = {**_OUTLOOK_VARIANTS, "Server-Side Synchronization": 2}

MAILBOX_FIELDS = (
    _Field("id", "mailboxid", "(Do Not Modify) Mailbox"),
    _Field("name", "name", "Name"),
    _Field("email", "emailaddress", "Email Address"),
    _Field("state", "statecode", "Status", options={0: "Active", 1: "Inactive"}),
    _Field(
        "incoming",
        "incomingemaildeliverymethod",
        "Incoming Email",
        options={**_EMAIL_OPTIONS, 3: "Forward Mailbox"},
        variants=_EMAIL_VARIANTS,
    ),
    _Field(
        "outgoing", "outgoingemaildeliverymethod", "Outgoing Email", options=_EMAIL_OPTIONS, variants=_EMAIL_VARIANTS
    ),
    _Field(
        "act",
        "actdeliverymethod",
        "Appointments, Contacts, and Tasks",
        options={0: _OUTLOOK, 1: "Server-Side Synchronization", 2: "None"},
        variants=dict.fromkeys(_OUTLOOK_VARIANTS, 0),
    ),
    _Field(
        "profile", "_emailserverprofile_value", "Server Profile", also=("emailserverprofile", "Email Server Profile")
    ),
)
PROFILE_FIELDS = (
    _Field("id", "emailserverprofileid", "(Do Not Modify) Email Server Profile"),
    _Field("name", "name", "Name"),
    _Field(
        "server_type",
        "servertype",
        "Email Server Type",
        also=("Server Type",),
        options={
            0: "Exchange Server",
            1: "Other (POP3/SMTP)",
            2: "Exchange Server (Hybrid)",
            3: "Exchange Online (Hybrid)",
            4: "IMAP/SMTP",
        },
    ),
    _Field("incoming_location", "incomingserverlocation", "Incoming Server Location"),
    _Field("outgoing_location", "outgoingserverlocation", "Outgoing Server Location"),
)
_METHODS = ("incoming", "outgoing", "act")  # a mailbox export needs one of them to judge anything
_MAILBOX = {f.attr: f for f in MAILBOX_FIELDS}
_PROFILE = {f.attr: f for f in PROFILE_FIELDS}


def _headers(fields: Iterable[_Field]) -> dict[str, _Field]:
    return {_key(name): f for f in fields for name in (f.logical, f.display, *f.also)}


_MAILBOX_HEADERS = _headers(MAILBOX_FIELDS)
_PROFILE_HEADERS = _headers(PROFILE_FIELDS)


class _Options:
    """How the cells of one option field are read: an exact dictionary for what files really hold
    (the numbers, today's labels, the empty cell), then a forgiving path for the rest."""

    __slots__ = ("field", "exact", "keyed", "labels", "expected", "near")

    def __init__(self, field: _Field) -> None:
        self.field = field
        self.near: dict[str, str] = {}
        # Text keys only: an int key would also answer True and 2.0 (equal hashes), which are not
        # option numbers as a file writes them.
        self.exact: dict[str, int | None] = {"": None}
        self.keyed: dict[str, int] = {}
        for number, label in (*field.options.items(), *((n, s) for s, n in field.variants.items())):
            self.exact[str(number)] = self.exact[label] = self.keyed[_key(label)] = number
        self.labels = {label.casefold(): label for label in (*field.options.values(), *field.variants)}
        said = [f"{n} ({label})" for n, label in field.options.items()]
        self.expected = ", ".join(said[:-1]) + " or " + said[-1]

    def _closest(self, text: str) -> str:
        """The label `text` is close to, looked for once per distinct text (a million rows may
        write the same odd label), among at most _NEAR_KEPT remembered texts."""
        near = self.near.get(text)
        if near is None:
            if len(self.near) >= _NEAR_KEPT:
                self.near.clear()
            near = self.near[text] = closest(text, self.labels)
        return near

    def read(self, value: object) -> tuple[int | None, str]:
        """The option number of a cell or JSON value, or None and why not ('' for an empty one)."""
        if value is None:
            return None, ""
        if isinstance(value, str):
            if len(value) > MAX_CELL_CHARS:
                return None, Said("audit_pb_text_too_long", n=len(value), limit=MAX_CELL_CHARS)
            text = value.strip()
            found = self.exact.get(text, _MISSING)
            if found is _MISSING:
                found = self.keyed.get(_key(text), _MISSING)
            if found is not _MISSING:
                return found, ""  # type: ignore[return-value]  # the dictionaries hold int | None
            number = _number(text)
            if number is None:
                near = self.labels.get(self._closest(text.casefold()), "")
                # A label syncmatrix does not read (its key tells the audit's summary so: issue 21, a
                # column of labels in another language).
                values = {"text": clip(text), "field": self.field.display, "expected": self.expected}
                if near:
                    return None, Said("export_pb_label_near", near=near, **values)
                return None, Said("export_pb_label", **values)
            value = number
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None, Said(
                "audit_pb_not_option", value=_shown(value), field=self.field.display, expected=self.expected
            )
        if isinstance(value, float) and not value.is_integer():
            return None, Said(
                "audit_pb_not_whole", value=_shown(value), field=self.field.display, expected=self.expected
            )
        if int(value) not in self.field.options:
            return None, Said(
                "audit_pb_not_value", value=_shown(value), field=self.field.display, expected=self.expected
            )
        return int(value), ""


_NEAR_KEPT = 4096  # odd labels whose suggestion is remembered, per field (within a process)


def _number(text: str) -> int | float | None:
    """A number written in a cell ('7', '2.0', '2.5'), or None for any other text."""
    if re.fullmatch(r"[+-]?\d{1,18}", text):
        return int(text)
    if re.fullmatch(r"[+-]?(\d{1,18}(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?", text):
        number = float(text)
        return number if abs(number) != float("inf") else None
    return None


def _shown(value: object) -> str:
    """A value of a file as a reason quotes it."""
    if isinstance(value, str):
        return f"'{clip(value)}'"
    if isinstance(value, _Digits):
        return Said("audit_shown_digits", n=f"{len(value.digits.lstrip('+-')):,}")
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | float):
        return repr(value)
    return clip(json.dumps(value, ensure_ascii=False, default=str), 60)


_MAILBOX_OPTIONS = {f.attr: _Options(f) for f in MAILBOX_FIELDS if f.options}
_SERVER_TYPES = _Options(_PROFILE["server_type"])


# --- the file: opened once, bounded, its shape told by its content --------------------------------


class _Source:
    """A file opened once: its descriptor, size and first bytes, and its role, 'export' (the
    mailboxes) or 'profiles', which names the words of its errors."""

    def __init__(self, path: str, role: str) -> None:
        self.path, self.role, self.fd = path, role, -1
        self.start = self.lines_before = 0  # where the text starts after blank space (_skip_blank)
        if not path:
            raise input_error(f"{role}_no_name")
        try:
            self.fd = os.open(path, _OPEN_FLAGS)
        except FileNotFoundError:
            raise self.error("missing") from None
        except IsADirectoryError:
            raise self.error("folder") from None
        except OSError as exc:
            raise self.error("unreadable", reason=os_reason(exc)) from None
        try:
            status = os.fstat(self.fd)
            if stat.S_ISDIR(status.st_mode):
                raise self.error("folder")
            if not stat.S_ISREG(status.st_mode):
                raise self.error("special")
            if status.st_size > MAX_EXPORT_BYTES:
                raise self.error("too_big", size=status.st_size, limit=MAX_EXPORT_BYTES)
            self.head = os.read(self.fd, _HEAD_BYTES)
            self._skip_blank()
        except OSError as exc:
            self.close()
            raise self.error("unreadable", reason=os_reason(exc)) from None
        except InputError:
            self.close()
            raise

    def error(self, what: str, **values: object) -> InputError:
        return input_error(f"{self.role}_{what}", path=readable(self.path), **values)

    def _skip_blank(self) -> None:
        """When the first bytes are all blank space (after a UTF-8 BOM), the first text further on:
        `head` becomes the bytes from there, `start` their offset and `lines_before` the line breaks
        before them, so a file is empty only when it is blank to its end (read in chunks, within the
        limit of the file), and its shape is told by its text."""
        head = self.head
        bom = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
        if head[bom:].strip() or len(head) < _HEAD_BYTES:
            return
        offset, breaks, last = len(head), 0, head[-1:]
        breaks = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n")
        while chunk := os.read(self.fd, _CHUNK):
            text = chunk.lstrip()
            skipped = chunk[: len(chunk) - len(text)]
            breaks += skipped.count(b"\n") + skipped.count(b"\r") - skipped.count(b"\r\n")
            if last == b"\r" and skipped.startswith(b"\n"):
                breaks -= 1  # a CRLF across two chunks
            if text:
                self.start = offset + len(skipped)
                self.lines_before = breaks
                self.head = text + os.read(self.fd, max(0, _HEAD_BYTES - len(text)))
                self.head = self.head[:_HEAD_BYTES]
                return
            offset, last = offset + len(chunk), chunk[-1:]
            if offset > MAX_EXPORT_BYTES:
                raise self.error("too_big", size=offset, limit=MAX_EXPORT_BYTES)
        self.head = b""  # blank to its end: empty

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def stream(self, offset: int = 0) -> _Bounded:
        """The file from byte `offset`, as a stream that never reads past the limit."""
        os.lseek(self.fd, offset, os.SEEK_SET)
        return _Bounded(self, MAX_EXPORT_BYTES - offset)


class _Bounded(io.RawIOBase):
    """The bytes of a source's descriptor, at most MAX_EXPORT_BYTES of them: a file that grows past
    the limit after its fstat is refused too. Closing it leaves the descriptor to its source."""

    def __init__(self, source: _Source, left: int) -> None:
        self.source, self.left = source, left

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]  # typeshed's Buffer
        view = memoryview(buffer).cast("B")
        try:
            data = os.read(self.source.fd, min(len(view), self.left + 1))
        except OSError as exc:
            raise self.source.error("unreadable", reason=os_reason(exc)) from None
        if len(data) > self.left:
            raise self.source.error("too_big", size=MAX_EXPORT_BYTES + 1, limit=MAX_EXPORT_BYTES)
        self.left -= len(data)
        view[: len(data)] = data
        return len(data)


def _binary(text: str) -> bool:
    """Whether decoded text is really binary content: NUL bytes, or more than 2% control bytes."""
    return "\x00" in text or len(_CONTROLS.findall(text)) > max(4, len(text) // 50)


def _not_text(source: _Source, encoding: str) -> InputError:
    """The error of a file that is not `encoding` text, at the line of its first undecodable byte
    (read again from the start, in chunks: only once something is already wrong)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    line, stream = 1, source.stream()
    while chunk := stream.read(_CHUNK):
        try:
            line += decoder.decode(chunk).count("\n")
        except UnicodeDecodeError as exc:
            good = chunk[: max(exc.start, 0)]
            line += codecs.getincrementaldecoder(encoding)("replace").decode(good).count("\n")
            return source.error("not_text", line=line, byte=exc.object[exc.start : exc.start + 1].hex().upper())
    return source.error("not_text", line=line, byte="?")


@dataclass(slots=True)
class _Found:
    """What the first bytes of a file say: its shape, and for text its encoding and first text."""

    shape: Shape
    encoding: str = "utf-8"
    text: str = ""


_SUFFIXES = {".json": Shape.WEB_API, ".csv": Shape.CSV, ".txt": Shape.CSV, ".tsv": Shape.CSV, ".xlsx": Shape.XLSX}
_SHAPE_WORDS = {Shape.WEB_API: "shape_web_api", Shape.CSV: "shape_csv", Shape.XLSX: "shape_xlsx"}  # their words


def _shape(source: _Source, notes: list[str]) -> _Found:
    """The shape of a file by its content; its name only chooses the words of an error."""
    head = source.head
    suffix = os.path.splitext(source.path)[1].lower()
    named = _SUFFIXES.get(suffix)
    if not head.strip():
        raise source.error("empty")
    if head.startswith(_ZIP):
        found = _Found(Shape.XLSX)
    elif head.startswith(_OLE2):
        raise source.error("old_excel")
    else:
        encoding = next((name for bom, name in _BOMS if head.startswith(bom)), "utf-8")
        final = len(head) < _HEAD_BYTES  # else the head may end inside a character
        try:
            text = codecs.getincrementaldecoder(encoding)("strict").decode(head, final=final)
            binary = _binary(text)
        except UnicodeDecodeError:
            text = codecs.getincrementaldecoder(encoding)("replace").decode(head, final=final)
            binary = _binary(text) or text.count("\ufffd") > max(4, len(text) // 50)
            if not binary:
                raise _not_text(source, encoding) from None  # text, with a few bytes of another encoding
        if binary:
            if named is Shape.XLSX:
                raise source.error("xlsx_corrupt", reason=Said("xlsx_reason_not_zip"))
            raise source.error("binary")
        text = text.lstrip("\ufeff")
        if not text.strip():
            raise source.error("empty")
        found = _Found(Shape.WEB_API if text.lstrip()[:1] in ("{", "[") else Shape.CSV, encoding, text)
    if named is not None and named is not found.shape:
        notes.append(Said("export_note_shape", suffix=suffix, shape=Said(_SHAPE_WORDS[found.shape])))
    return found


# --- tables: CSV and Excel, read into rows of text -----------------------------------------------


class _Reader(Protocol):
    """Rows of cells as text, and the line (CSV) or row (sheet) where the last one read ends."""

    line_num: int
    width: int  # the header's width once it is read; -1 before

    def __iter__(self) -> Iterator[list[str]]: ...

    def __next__(self) -> list[str]: ...


class _Broken(list):  # type: ignore[type-arg]  # of str, as every row of a reader
    """A row a reader could not take apart: the cells it could read (`cells`) and why not (`said`,
    a problem of the whole row).

    Its own items are markers, one more than the header has cells and never all empty, so that the
    fast path of _table_rows, which looks only at the number and the emptiness of cells, passes it
    to _SlowRows, which reads `cells` and `said`. Rejected: a check of the type of every row in the
    hot loop, a cost of every row of every export for a row that is rare."""

    __slots__ = ("cells", "said")

    def __init__(self, cells: list[str], said: Said, width: int) -> None:
        super().__init__(["\0"] * (max(width, 0) + 1))
        self.cells, self.said = cells, said


@dataclass(slots=True)
class _Table:
    """A CSV or sheet being read: its header, and its reader left just after the header."""

    source: _Source
    header: list[str]
    header_end: int  # the reader's line_num after the header: the next row starts on the line after
    reader: _Reader
    close: Callable[[], None]
    encoding: str = "utf-8"
    total: int | None = None  # rows the file says it holds (a sheet's dimension), header included

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Errors of the csv module and of decoding, met while reading rows, as InputErrors."""
        try:
            yield
        except UnicodeDecodeError:
            raise _not_text(self.source, self.encoding) from None
        except csv.Error as exc:
            raise self.source.error("csv_broken", line=self.reader.line_num + 1, reason=str(exc)) from None


def _numbered(table: _Table) -> Iterator[tuple[int, list[str]]]:
    """The rows after the header, each with its line (CSV) or row (sheet): where the previous one
    ended, plus one, so a quoted cell over several lines counts them all."""
    reader, end = table.reader, table.header_end
    with table.reading():
        for cells in reader:
            yield end + 1, cells
            end = reader.line_num


def _delimiter(line: str) -> str:
    """The delimiter of a header line: the most frequent of ',', ';' and tab outside quotes."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(counts, key=lambda d: (counts[d], d == ","))


def _header(table: _Table) -> _Table:
    """The table with its header read: the first row that is not empty. A header that cannot be
    taken apart (an unclosed quote, a cell past the limit) is refused: it names the columns."""
    with table.reading():
        for cells in table.reader:
            if isinstance(cells, _Broken):
                table.close()
                what = "header_too_long" if cells.said.key == "audit_pb_line_too_long" else "header_unclosed"
                raise table.source.error(what, line=table.reader.line_num, limit=MAX_CELL_CHARS)
            if any(cell.strip() for cell in cells):
                table.header, table.header_end = cells, table.reader.line_num
                table.reader.width = len(cells)
                return table
    table.close()
    raise table.source.error("empty")


def _too_many_rows(source: _Source) -> InputError:
    return source.error("too_many_rows", limit=MAX_ROWS)


class _CsvRows:
    """The records of a CSV through the csv module, as the rule of the module's docstring reads
    them: a record over several physical lines is one row only when its quotes close within
    MAX_RECORD_LINES lines, before the end of the file, with as many cells as the header; else the
    line where it starts is a _Broken row and the lines after it are read again, as rows of their own.

    The csv module reads lines from `_lines`, which keeps the lines of the record being read
    (`held`) and gives back first the lines put back (`back`, last first); `line_num` is the
    physical line where the last record ends. The csv module's field limit is MAX_CELL_CHARS
    while a CSV is read (set by _csv_table, restored by its close).
    """

    def __init__(self, source: _Source, stream: Iterable[str], delimiter: str) -> None:
        self.source, self.delimiter = source, delimiter
        self.held: list[str] = []
        self.back: list[str] = []
        self.ended = False  # the csv module asked for a line past the end of the text
        self.width = -1
        self.line_num = source.lines_before
        self.header: list[str] = []  # set by _csv_table once read: names the cell a quote opens
        self.reader = csv.reader(self._lines(stream), delimiter=delimiter)  # type: ignore[arg-type]  # None: see _lines
        self._rows = self._records()

    def __iter__(self) -> Iterator[list[str]]:
        return self._rows

    def __next__(self) -> list[str]:
        return next(self._rows)

    def _lines(self, lines: Iterable[str]) -> Iterator[str | None]:
        held, back, keep, limit = self.held, self.back, self.held.append, MAX_RECORD_LINES
        for line in lines:
            if len(held) < limit:
                keep(line)
                yield line
            else:
                back.append(line)
            while back:
                again = back.pop()
                if len(held) >= limit:
                    back.append(again)
                    yield None  # not text: the csv module ends the record with an error (see _cut)
                else:
                    keep(again)
                    yield again
        self.ended = True

    def _records(self) -> Iterator[list[str]]:
        held, records, limit = self.held, 0, MAX_ROWS
        while True:
            reader = self.reader
            try:
                for cells in reader:
                    records += 1
                    if records > limit:
                        raise _too_many_rows(self.source)
                    if len(held) == 1 and not self.ended:  # every row but the rare one
                        self.line_num += 1
                        held.clear()
                        yield cells
                        continue
                    yield self._spanning(cells)
                    if self.reader is not reader:
                        break
                else:
                    return
            except csv.Error:
                yield self._cut()

    def _spanning(self, cells: list[str]) -> list[str]:
        """A record over several lines, or one that ran to the end of the text: a row, or _Broken."""
        held = self.held
        if not self.ended and (self.width < 0 or len(cells) == self.width):
            self.line_num += len(held)
            held.clear()
            return cells  # a quoted cell with line breaks in a row of the header's width
        return self._unclosed()

    def _cut(self) -> list[str]:
        """After an error of the csv module: a record cut at MAX_RECORD_LINES lines (see _lines),
        or a cell past the field limit."""
        held = self.held
        if len(held) > 1:
            return self._unclosed()
        line = self.line_num + 1
        if not held or len(held[0]) <= MAX_CELL_CHARS:
            raise self.source.error("csv_broken", line=line, reason="?")
        held.clear()
        self.line_num = line
        return _Broken([], Said("audit_pb_line_too_long", line=line, limit=MAX_CELL_CHARS), self.width)

    def _unclosed(self) -> _Broken:
        """The first line of the record held as a _Broken row; the others put back to be read again."""
        held = self.held
        first, rest = held[0], held[1:]
        held.clear()
        self.line_num += 1
        if self.ended:  # the csv module has met the end of its lines: a new one reads the rest
            self.ended = False
            self.reader = csv.reader(self._lines(iter(rest)), delimiter=self.delimiter)  # type: ignore[arg-type]
        else:
            self.back.extend(reversed(rest))
        try:
            cells = next(csv.reader([first], delimiter=self.delimiter), [])
        except csv.Error:  # the line alone holds a cell past the limit
            cells = []
        line = self.line_num
        column = self.header[len(cells) - 1] if 0 < len(cells) <= len(self.header) else ""
        said = (
            Said("audit_pb_unclosed_quote", column=clip(column, 40), line=line)
            if column.strip()
            else Said("audit_pb_unclosed_quote_line", line=line)
        )
        return _Broken(cells[:-1], said, self.width)


def _csv_table(source: _Source, found: _Found, notes: list[str]) -> _Table:
    """A CSV streamed through the csv module: the delimiter sniffed from the first line (or Excel's
    "sep=;" line before it); physical line numbers counted by _CsvRows."""
    lines = found.text.splitlines()
    hint = re.fullmatch(r"sep=(.)", lines[0].rstrip("\r\n")) if lines else None
    delimiter = hint.group(1) if hint else _delimiter(next((line for line in lines if line.strip()), ""))
    if delimiter != ",":
        said = Said(_DELIMITER_WORDS[delimiter]) if delimiter in _DELIMITER_WORDS else repr(delimiter)
        notes.append(Said("export_note_delimiter", delimiter=said))
    stream = io.TextIOWrapper(
        io.BufferedReader(source.stream(source.start), _CHUNK), encoding=found.encoding, newline=""
    )
    limit = csv.field_size_limit(MAX_CELL_CHARS)

    def close() -> None:
        csv.field_size_limit(limit)
        stream.close()

    reader = _CsvRows(source, stream, delimiter)
    table = _Table(source, [], 0, reader, close, found.encoding)
    try:
        if hint:
            with table.reading():
                next(reader, None)
        _header(table)
    except BaseException:
        close()
        raise
    reader.header = table.header
    return table


_DELIMITER_WORDS = {";": "delimiter_semicolons", "\t": "delimiter_tabs"}  # their words
_DO_NOT_MODIFY = "(Do Not Modify)".casefold()  # what Dynamics writes before the columns it hides


def _xlsx_table(source: _Source, notes: list[str]) -> _Table:
    """The first visible sheet of a workbook, through openpyxl in read-only mode, imported here
    only: the command line's other paths must not pay for it. The caller silences openpyxl's
    warnings (styles, extensions: they say nothing of the data).

    Before openpyxl reads a part whole, bounded streaming scans count what it would hold: the
    shared strings (MAX_SHARED_STRINGS) and the rows of the sheet (MAX_ROWS)."""
    import zipfile

    handle = os.fdopen(os.dup(source.fd), "rb")  # seekable, as a ZIP archive must be
    try:
        try:
            archive = zipfile.ZipFile(handle)
            unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise source.error("xlsx_corrupt", reason=Said("xlsx_reason_damaged_zip")) from None
        if unpacked > MAX_EXPORT_BYTES:  # zipfile stops at the declared sizes, so they bound the work
            raise source.error("xlsx_too_big", size=unpacked, limit=MAX_EXPORT_BYTES)
        _count_parts(source, archive)
        handle.seek(0)
        # openpyxl raises a zoo of exceptions on a damaged workbook (KeyError for a missing part,
        # ParseError, ValueError, TypeError, IndexError from its parsers): each means "not a
        # readable workbook", never a traceback.
        try:
            import openpyxl

            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except Exception:  # any failure of openpyxl's parsers: see above
            raise source.error("xlsx_corrupt", reason=Said("xlsx_reason_parts")) from None
    except BaseException:
        handle.close()
        raise

    def close() -> None:
        book.close()
        archive.close()
        handle.close()

    try:
        if not book.worksheets:
            raise source.error("xlsx_corrupt", reason=Said("xlsx_reason_no_sheet"))
        visible = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
        if not visible:
            raise source.error("xlsx_no_visible")
        sheet = visible[0]
        total = sheet.max_row
        if total is not None and total > MAX_ROWS:  # as the sheet declares it: no sheet of Excel does
            raise source.error("xlsx_too_many_rows", sheet=sheet.title, limit=MAX_ROWS)
        if source.role == "export":
            _note_hidden_exports(book, sheet, notes)
        sheet.reset_dimensions()  # the dimension a writer records may be wrong: the rows decide
        reader = _SheetReader(source, sheet.iter_rows(values_only=True))
        table = _header(_Table(source, [], 0, reader, close, total=total))
        reader.header = table.header
        return table
    except BaseException:
        close()
        raise


def _count(part: IO[bytes], patterns: tuple[bytes, ...], limit: int) -> int:
    """How many times `patterns` occur in a part of a ZIP archive, read in chunks, and no further
    than the first count past `limit`."""
    found, tail, keep = 0, b"", max(map(len, patterns)) - 1
    while chunk := part.read(_CHUNK):
        data = tail + chunk
        found += sum(data.count(pattern) for pattern in patterns)
        if found > limit:
            break
        tail = data[-keep:]
    return found


_SHARED_STRING = (b"<si>", b"<si ", b":si>", b":si ")  # an element <si>, with or without a prefix
_ROW = (b"<row>", b"<row ", b":row>", b":row ")


def _count_parts(source: _Source, archive: zipfile.ZipFile) -> None:
    """Refuse a workbook whose table of shared strings holds more than MAX_SHARED_STRINGS, or a
    sheet more than MAX_ROWS rows, before openpyxl reads them: it loads the shared strings whole,
    and parses every sheet that declares no dimension to its end, before any row is read (a sheet
    of a million rows compresses to a megabyte, and parsing one takes minutes). The parts are
    those [Content_Types].xml names, and any named as Excel names them."""
    names = {info.filename: info for info in archive.infolist()}
    strings = [name for name in names if name.casefold().endswith("sharedstrings.xml")]
    sheets = [name for name in names if re.fullmatch(r"xl/worksheets/[^/]+\.xml", name, re.IGNORECASE)]
    types = names.get("[Content_Types].xml")
    if types is not None:
        if types.file_size > _MAX_TYPES_BYTES:
            raise source.error("xlsx_corrupt", reason=Said("xlsx_reason_types", size=types.file_size))
        try:
            declared = archive.read(types)
        except Exception:  # a damaged member: openpyxl says it below
            declared = b""
        for tag in re.findall(rb"<(?:\w+:)?Override\b[^>]*>", declared):
            named = re.search(rb'PartName\s*=\s*["\']/?([^"\']*)', tag)
            part = named.group(1).decode("utf-8", "replace") if named else ""
            if part in names and b"sharedStrings" in tag:
                strings.append(part)
            elif part in names and b"worksheet+xml" in tag:
                sheets.append(part)
    for name in dict.fromkeys(strings):
        if _counted(archive, name, _SHARED_STRING, MAX_SHARED_STRINGS) > MAX_SHARED_STRINGS:
            raise source.error("xlsx_strings", part=name, limit=MAX_SHARED_STRINGS, rows=MAX_ROWS)
    for name in dict.fromkeys(sheets):
        if _counted(archive, name, _ROW, MAX_ROWS) > MAX_ROWS:
            raise source.error("xlsx_too_many_rows", sheet=name, limit=MAX_ROWS)


def _counted(archive: zipfile.ZipFile, name: str, patterns: tuple[bytes, ...], limit: int) -> int:
    try:
        with archive.open(name) as part:
            return _count(part, patterns, limit)
    except Exception:  # a damaged member: openpyxl says it when it reads it
        return 0


_HIDDEN_PEEK = 10  # rows of a hidden sheet looked at for a header, at most 64 cells each


def _note_hidden_exports(book: object, read: object, notes: list[str]) -> None:
    """A note for each hidden sheet whose header names a delivery method, as an export's does."""
    for sheet in getattr(book, "worksheets", ()):
        if sheet is read or sheet.sheet_state == "visible":
            continue
        try:
            rows = list(sheet.iter_rows(max_row=_HIDDEN_PEEK, max_col=64, values_only=True))
        except Exception:  # a damaged hidden sheet is not read, and not ours to judge
            continue
        for row in rows:
            found = [_MAILBOX_HEADERS.get(_key(_cell_text(v)[:200])) for v in row if v is not None]
            method = next((f for f in found if f is not None and f.attr in _METHODS), None)
            if method is not None:
                notes.append(
                    Said("export_note_hidden_sheet", hidden=sheet.title, visible=read.title, column=method.display)  # type: ignore[attr-defined]
                )
                break


class _SheetReader:
    """The rows of a sheet as text, as a CSV would hold them; line_num counts the sheet's rows,
    at most MAX_ROWS of them; a row with a cell past MAX_CELL_CHARS is _Broken."""

    def __init__(self, source: _Source, rows: Iterator[tuple[object, ...]]) -> None:
        self.source, self.rows, self.line_num = source, rows, 0
        self.width = -1  # once the header is read, its width: a sheet does not store the empty
        # cells that end a row, and a cell past the last header is no column of the export
        self.header: list[str] = []

    def __iter__(self) -> _SheetReader:
        return self

    def __next__(self) -> list[str]:
        try:
            values = next(self.rows)
        except StopIteration:
            raise
        except Exception:  # openpyxl's parsers, as in _xlsx_table
            reason = Said("xlsx_reason_row", row=self.line_num + 1)
            raise self.source.error("xlsx_corrupt", reason=reason) from None
        self.line_num += 1
        if self.line_num > MAX_ROWS:
            raise self.source.error("xlsx_too_many_rows", sheet="", limit=MAX_ROWS)
        cells = [_cell_text(v) for v in values]
        width = self.width
        if cells and max(map(len, cells)) > MAX_CELL_CHARS:
            return self._too_long(cells)
        if width < 0 or len(cells) == width:
            return cells
        return cells[:width] if len(cells) > width else cells + [""] * (width - len(cells))

    def _too_long(self, cells: list[str]) -> _Broken:
        at = next(i for i, cell in enumerate(cells) if len(cell) > MAX_CELL_CHARS)
        column = self.header[at] if at < len(self.header) else ""
        said = Said("audit_pb_text_too_long", n=len(cells[at]), limit=MAX_CELL_CHARS)
        if column.strip():
            said = Said("audit_pb_column", column=clip(column, 40), reason=said)
        return _Broken([c if len(c) <= MAX_CELL_CHARS else "" for c in cells], said, self.width)


def _cell_text(value: object) -> str:
    """A cell of a sheet as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    isoformat = getattr(value, "isoformat", None)
    return str(isoformat() if isoformat else value)


def _table(source: _Source, found: _Found, notes: list[str]) -> _Table:
    return _xlsx_table(source, notes) if found.shape is Shape.XLSX else _csv_table(source, found, notes)


@dataclass(slots=True)
class _Columns:
    """Where each field is in a header: attribute -> index, and the header as the file writes it."""

    index: dict[str, int]
    named: dict[str, str]


def _columns(header: list[str], fields: tuple[_Field, ...], notes: list[str]) -> _Columns:
    known = _MAILBOX_HEADERS if fields is MAILBOX_FIELDS else _PROFILE_HEADERS
    index: dict[str, int] = {}
    named: dict[str, str] = {}
    unknown: list[str] = []
    for i, name in enumerate(header):
        found = known.get(_key(name))
        if found is None:
            # The hidden columns of Dynamics' Excel export (checksum, modified on) are not ours.
            if name.strip() and not name.strip().casefold().startswith(_DO_NOT_MODIFY):
                unknown.append(name)
        elif found.attr in index:
            notes.append(Said("export_note_columns_both", first=named[found.attr], second=name, field=found.display))
        else:
            index[found.attr], named[found.attr] = i, name
    for name in unknown:
        near = _near_field(name, fields, exclude=index)
        if near is not None:
            notes.append(Said("export_note_column_near", name=clip(name), near=near.display))
    return _Columns(index, named)


def _near_field(name: str, fields: Iterable[_Field], exclude: Iterable[str] = ()) -> _Field | None:
    """The field whose name `name` is close to, among those not already found."""
    skip = set(exclude)
    names = {_key(n): f for f in fields if f.attr not in skip for n in (f.logical, f.display, *f.also)}
    near = closest(_key(name), names)
    return names[near] if near else None


def _no_columns(source: _Source, names: list[str]) -> InputError:
    """The error of a table or JSON that holds none of the columns the role needs."""
    needed = [_MAILBOX[a] for a in _METHODS] if source.role == "export" else [_PROFILE["name"], _PROFILE["server_type"]]
    choices = ", ".join(f.described() for f in needed)
    shown = ", ".join(f"'{clip(n, 40)}'" for n in names[:12]) + (", …" if len(names) > 12 else "")
    for name in names:
        # A column of a mailbox or of a profile is what it says, not a near miss of another one.
        known = _key(name) in _MAILBOX_HEADERS or _key(name) in _PROFILE_HEADERS
        near = None if known else _near_field(name, needed)
        if near is not None:
            return source.error("no_columns_near", found=shown, choices=choices, header=name, suggestion=near.display)
    return source.error("no_columns", found=shown, choices=choices)


# --- profiles ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _ProfileRead:
    """A profile of a profiles file (or expanded in a mailbox), where it is, and what of it could
    not be read: (column, reason)."""

    profile: Profile
    where: str
    problems: list[tuple[str, str]]


def _same(profile: Profile) -> tuple[object, ...]:
    return (profile.name, profile.server_type, profile.incoming_location, profile.outgoing_location)


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


class _Profiles:
    """The profiles of a profiles file (or none given), and what a mailbox's reference names: by id
    (the Web API's `_emailserverprofile_value`) or by name (the `Server Profile` of CSV and Excel)."""

    def __init__(self, path: str | None, read: list[_ProfileRead], by: str) -> None:
        self.path, self.read, self.by = path, read, by
        self.index: dict[str, list[_ProfileRead]] = {}
        for item in read:
            key = self._key(item.profile.id if by == "id" else item.profile.name)
            if key:
                self.index.setdefault(key, []).append(item)
        self.cache: dict[str, tuple[Profile | None, str]] = {"": (None, "")}
        self.near: _Near | None = None  # built at the first name that matches none

    def _key(self, reference: str) -> str:
        return reference.strip().casefold() if self.by == "id" else _name_key(reference)

    def resolve(self, reference: str) -> tuple[Profile | None, str]:
        """The profile a cell or field names, as written, and why it cannot say what it is ('' when
        it can); remembered by the text as written."""
        found = self.cache.get(reference)
        if found is None:
            text = reference.strip()
            found = self.cache[reference] = self._resolve(text) if text else (None, "")
        return found

    def _resolve(self, reference: str) -> tuple[Profile | None, str]:
        what = Said("audit_col_id" if self.by == "id" else "audit_col_name")
        if self.path is None:
            return None, Said("audit_pb_profile_no_file", what=what, reference=clip(reference))
        items = self.index.get(self._key(reference), [])
        if not items:
            if self.near is None:
                self.near = _Near([i.profile.id if self.by == "id" else i.profile.name for i in self.read])
            near = self.near(reference)
            mean = Said("did_you_mean", word=near) if near else ""
            path = readable(self.path)
            return None, Said("audit_pb_profile_unknown", what=what, reference=clip(reference), path=path, hint=mean)
        if len({_same(i.profile) for i in items}) > 1:
            where = ", ".join(i.where for i in items)
            return None, Said("audit_pb_profile_ambiguous", n=len(items), reference=clip(reference), where=where)
        item = items[0]
        if item.problems:
            said = "; ".join(f"{column}: {why}" for column, why in item.problems)
            name = clip(item.profile.name)
            return item.profile, Said("audit_pb_profile_partial", name=name, where=item.where, problems=said)
        return item.profile, ""


class _Near:
    """'Did you mean' among many names, against an index built once: the names that share most
    trigrams (three letters) with a word are its candidates, and closest() chooses among at most
    _CANDIDATES of them; each distinct word is looked for once (the cache of _Profiles keeps the
    answer by the text as written, this one by its folded form).

    Why: closest() over every name for every unknown one was 2,000 × 2,000 comparisons of difflib,
    86 s (issue 20). Rejected: a cutoff on the number of names (no suggestion past it), since an
    organization with many profiles is the one that needs it most."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = list(dict.fromkeys(name for name in names if name))
        self.grams = [_trigrams(name) for name in self.names]
        self.postings: dict[str, list[int]] = {}
        for i, grams in enumerate(self.grams):
            for gram in grams:
                self.postings.setdefault(gram, []).append(i)
        self.said: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        key = word.casefold()
        near = self.said.get(key)
        if near is None:
            near = self.said[key] = closest(word, self._candidates(word))
        return near

    def _candidates(self, word: str) -> list[str]:
        if len(self.names) <= _CANDIDATES:
            return self.names
        grams = _trigrams(word)
        seen: set[int] = set()
        # The rarest trigrams first: they say most of which names are near; a common one (' pr'
        # of every 'Profile …') adds candidates only while there are few.
        for gram in sorted(grams, key=lambda g: len(self.postings.get(g, ()))):
            seen.update(self.postings.get(gram, ())[: 4 * _CANDIDATES])
            if len(seen) >= 4 * _CANDIDATES:
                break
        ranked = sorted(seen, key=lambda i: (-len(grams & self.grams[i]), i))[:_CANDIDATES]
        return [self.names[i] for i in ranked]


_CANDIDATES = 16  # names closest() compares a word with


def _trigrams(text: str) -> set[str]:
    padded = f"  {' '.join(text.casefold().split())} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _read_profiles(path: str, by: str, notes: list[str]) -> _Profiles:
    source = _Source(path, "profiles")
    try:
        found = _shape(source, notes)
        if found.shape is Shape.WEB_API:
            items, mended = _json_items(source, found)
            objects = [item for item in items if isinstance(item, dict)]
            if items and not any(
                "servertype" in item and ("name" in item or "emailserverprofileid" in item) for item in objects
            ):
                raise _no_columns(source, _json_keys(items))
            read = [
                _json_profile(item, f"position {i}", mended=i in mended)
                for i, item in enumerate(items, 1)
                if isinstance(item, dict) and item is not _NO_KEYS
            ]
        else:
            read = _table_profiles(source, found, notes)
    finally:
        source.close()
    if by == "id" and read and not any(r.profile.id for r in read):
        raise input_error("profiles_no_ids", path=readable(path))
    for item in read:
        notes.extend(f"profiles file, {item.where}: {column}: {why}" for column, why in item.problems)
    return _Profiles(path, read, by)


def _table_profiles(source: _Source, found: _Found, notes: list[str]) -> list[_ProfileRead]:
    table = _table(source, found, notes)
    try:
        columns = _columns(table.header, PROFILE_FIELDS, notes)
        if not ({"name", "id"} & columns.index.keys() and "server_type" in columns.index):
            raise _no_columns(source, [h for h in table.header if h.strip()])
        where = "row" if found.shape is Shape.XLSX else "line"
        read = []
        for line, cells in _numbered(table):
            if isinstance(cells, _Broken):
                notes.append(Said("export_note_profiles_row", line=line, reason=cells.said))
                continue
            if not any(cell.strip() for cell in cells):
                continue
            texts = {a: (cells[i].strip() if i < len(cells) else "") for a, i in columns.index.items()}
            server_type, why = _SERVER_TYPES.read(texts["server_type"])
            problems = [(columns.named["server_type"], why)] if why else []
            profile = Profile(
                texts.get("name", ""),
                server_type,
                texts.get("incoming_location", ""),
                texts.get("outgoing_location", ""),
                texts.get("id", ""),
            )
            read.append(_ProfileRead(profile, f"{where} {line}", problems))
        return read
    finally:
        table.close()


def _json_text(item: Mapping[str, object], name: str, column: str, problems: list[tuple[str, str]]) -> str:
    value = item.get(name)
    if value is None or isinstance(value, str):
        if value and len(value) > MAX_CELL_CHARS:
            problems.append((column, Said("audit_pb_text_too_long", n=len(value), limit=MAX_CELL_CHARS)))
            return ""
        return (value or "").strip()
    problems.append((column, Said("audit_pb_not_text", value=_shown(value))))
    return ""


def _json_whole(item: Mapping[str, object], mended: bool) -> list[tuple[str, str]]:
    """What is wrong with a JSON object as a whole: a key given twice, a text that held a lone
    surrogate (mended, see _mend_items)."""
    problems: list[tuple[str, str]] = []
    if isinstance(item, _Doubled):
        problems.append(("", Said("audit_pb_doubled_key", field=clip(item.doubled, 60))))
    if mended:
        problems.append(("", Said("audit_pb_surrogate")))
    return problems


def _json_profile(item: Mapping[str, object], where: str, prefix: str = "", mended: bool = False) -> _ProfileRead:
    """A profile of the Web API: a profiles file's object, or a mailbox's expanded one (its columns
    then named `emailserverprofile.servertype`)."""
    problems: list[tuple[str, str]] = _json_whole(item, mended)
    texts = {
        attr: _json_text(item, _PROFILE[attr].logical, prefix + _PROFILE[attr].logical, problems)
        for attr in ("name", "incoming_location", "outgoing_location", "id")
    }
    server_type, why = _SERVER_TYPES.read(item.get("servertype"))
    if why:
        problems.append((prefix + "servertype", why))
    profile = Profile(texts["name"], server_type, texts["incoming_location"], texts["outgoing_location"], texts["id"])
    return _ProfileRead(profile, where, problems)


# --- mailboxes ---------------------------------------------------------------------------------------


def read_export(
    path: str, profiles: str | None = None, *, progress: Progress | None = None, into: Rows | None = None
) -> Export:
    """Read an export of mailboxes, and the file of their email server profiles when they name them
    by id or by name: every row, in the file's order, as option numbers.

    InputError (keys `export_*` and `profiles_*` of syncmatrix/words.py) when a file is no
    export at all; a row that cannot be read whole keeps its problems. `progress(rows, total)` is
    called every PROGRESS_EVERY rows and once at the end (total None while the file does not say).
    `into` takes the rows instead of a tuple (audit/stream.py's Spool: a large export not held in
    memory); the Export's mailboxes are then `into`.
    """
    notes: list[str] = []
    for options in (*_MAILBOX_OPTIONS.values(), _SERVER_TYPES):
        options.near.clear()  # the odd labels remembered are this read's: no answer depends on another file
    if profiles == "":
        raise input_error("profiles_no_name")  # before the export: a name left empty is not "none given"
    source = _Source(path, "export")
    # openpyxl warns of styles and extensions it ignores: nothing about the data.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=r"openpyxl\b")
        try:
            found = _shape(source, notes)
            if found.shape is Shape.WEB_API:
                items, mended = _json_items(source, found)
                source.close()
                return _json_export(source, items, mended, profiles, notes, progress, into)
            table = _table(source, found, notes)
            try:
                return _table_export(table, found.shape, profiles, notes, progress, into)
            finally:
                table.close()
        finally:
            source.close()


def _table_export(
    table: _Table,
    shape: Shape,
    profiles_path: str | None,
    notes: list[str],
    progress: Progress | None,
    into: Rows | None = None,
) -> Export:
    source = table.source
    columns = _columns(table.header, MAILBOX_FIELDS, notes)
    if not any(attr in columns.index for attr in _METHODS):
        raise _no_columns(source, [h for h in table.header if h.strip()])
    for attr in ("state", "incoming", "outgoing", "act", "profile"):
        if attr not in columns.index:
            notes.append(Said("export_note_no_column", field=_MAILBOX[attr].described()))
    ignored: tuple[str, ...] = ()
    if "profile" not in columns.index and profiles_path is not None:  # not needed: set aside, and said
        ignored = (Said("profiles_ignored_unnamed", path=readable(profiles_path), mailboxes=readable(source.path)),)
        notes.extend(ignored)
        profiles_path = None
    profiles = _read_profiles(profiles_path, "name", notes) if profiles_path else _Profiles(None, [], "name")
    mailboxes, skipped = _table_rows(table, columns, profiles, progress, into)
    if skipped:
        notes.append(Said("export_note_empty_rows", n=skipped))
    if not mailboxes:
        notes.append(Said("export_note_no_mailbox"))
    known = tuple(item.profile for item in profiles.read)
    return Export(shape, source.path, mailboxes, known, tuple(notes), ignored)


def _table_rows(
    table: _Table, columns: _Columns, profiles: _Profiles, progress: Progress | None, into: Rows | None = None
) -> tuple[tuple[MailboxRow, ...], int]:
    """Every row after the header as a MailboxRow, and how many empty rows were skipped (an empty
    row is no mailbox: issue 20, where a megabyte of blank lines made gigabytes of rows).

    The hot loop of a large CSV, kept lean: the columns are found once, one itemgetter takes the
    eight cells of a row, each option cell is looked up in its exact dictionary; a row any of that
    misses (an odd label, a short or long row, a profile it cannot say) takes _SlowRows.
    """
    index = columns.index
    order = ("id", "name", "email", "profile", "state", "incoming", "outgoing", "act")
    fetch = itemgetter(*(index.get(attr, -1) for attr in order))  # -1: the "" appended to each row
    width = len(table.header)
    state, incoming, outgoing, act = (_MAILBOX_OPTIONS[a].exact.get for a in order[4:])
    slow = _SlowRows(table, columns, profiles)
    known, resolve = profiles.cache.get, profiles.resolve
    # Typed Any: a cell looked up is its option or this, and the test below sets it apart (mypy cannot follow it).
    missing: Any = _MISSING
    reader, row = table.reader, 0
    total = table.total - table.header_end if table.total else None
    report_at = PROGRESS_EVERY if progress is not None else 1 << 62
    kept: list[MailboxRow] = []  # the rows, when `into` does not take them
    rows: list[MailboxRow] | Rows = kept if into is None else into
    blank = 0
    append = rows.append
    with table.reading(), no_cycle_collection():
        for cells in reader:
            row += 1  # the data row: every record after the header counts, an empty one too (see MailboxRow.row)
            if not any(cells):
                blank += 1
                continue
            n = len(cells)
            cells.append("")
            if n == width:
                i, nm, em, pf, st, inc, out, ac = fetch(cells)
                s, a, b, c = state(st, missing), incoming(inc, missing), outgoing(out, missing), act(ac, missing)
                if s is not missing and a is not missing and b is not missing and c is not missing:
                    profile, why = known(pf) or resolve(pf)
                    if not why and (i or nm or em or pf or st or inc or out or ac):
                        append(
                            MailboxRow(
                                row=row,
                                id=i.strip(),
                                name=nm.strip(),
                                email=em.strip(),
                                state=s,
                                incoming=a,
                                outgoing=b,
                                act=c,
                                profile_name=pf.strip(),
                                profile=profile,
                            )
                        )
                        if len(rows) >= report_at:
                            progress(len(rows), total)  # type: ignore[misc]  # given: report_at is set
                            report_at += PROGRESS_EVERY
                        continue
            read = slow.row(row, cells, n)
            if read is None:
                blank += 1
                continue
            append(read)
            if len(rows) >= report_at:
                progress(len(rows), total)  # type: ignore[misc]  # given: report_at is set
                report_at += PROGRESS_EVERY
    if progress is not None:
        progress(len(rows), len(rows))
    return (tuple(kept) if into is None else rows), blank  # type: ignore[return-value]  # `into` given: see read_export


class _SlowRows:
    """A row of a CSV or sheet the fast path of _table_rows passed on, read with every reason."""

    def __init__(self, table: _Table, columns: _Columns, profiles: _Profiles) -> None:
        index = columns.index
        self.header, self.profiles = table.header, profiles
        self.width = len(table.header)
        self.texts = tuple(index.get(attr, -1) for attr in ("id", "name", "email", "profile"))
        self.options = tuple(
            (index.get(attr, -1), _MAILBOX_OPTIONS[attr], columns.named.get(attr, ""))
            for attr in ("state", "incoming", "outgoing", "act")
        )
        self.profile_column = columns.named.get("profile", "")

    def row(self, row: int, cells: list[str], n: int) -> MailboxRow | None:
        """The MailboxRow of `cells` (n cells, then the "" every row is given), None for an empty row."""
        if isinstance(cells, _Broken):
            return self._broken(row, cells)
        if "".join(cells).isspace() or not any(cells):
            return None

        def cell(i: int) -> str:
            return cells[i] if i < n else ""

        problems: list[Problem] = []
        if n != self.width:
            problems.append(self._width(n))
        values = []
        for i, options, column in self.options:
            value, why = options.read(cell(i))
            if why:
                problems.append(Problem(column, why))
            values.append(value)
        i_id, i_name, i_email, i_profile = self.texts
        profile_name = cell(i_profile).strip()
        profile = None
        if profile_name:
            profile, why = self.profiles.resolve(profile_name)
            if why:
                problems.append(Problem(self.profile_column, why))
        state, incoming, outgoing, act = values
        return MailboxRow(
            row=row,
            id=cell(i_id).strip(),
            name=cell(i_name).strip(),
            email=cell(i_email).strip(),
            state=state,
            incoming=incoming,
            outgoing=outgoing,
            act=act,
            profile_name=profile_name,
            profile=profile,
            problems=tuple(problems),
        )

    def _broken(self, row: int, broken: _Broken) -> MailboxRow:
        """A row its reader could not take apart: what it could read of its texts, and its problem."""
        i_id, i_name, i_email, _ = self.texts
        cells = broken.cells
        mailbox_id, name, email = (cells[i].strip() if 0 <= i < len(cells) else "" for i in (i_id, i_name, i_email))
        return MailboxRow(row=row, id=mailbox_id, name=name, email=email, problems=(Problem("", broken.said),))

    def _width(self, n: int) -> Problem:
        if n < self.width:
            first = self.header[n]
            return Problem(first, Said("audit_pb_row_short", n=n, width=self.width, first=clip(first, 40)))
        return Problem("", Said("audit_pb_row_long", n=n, width=self.width))


# --- Web API JSON ------------------------------------------------------------------------------------


class _Doubled(dict):  # type: ignore[type-arg]  # a JSON object, str -> JSON value
    """A JSON object that gives a key twice (`doubled`, the first such): the last value is kept, as
    json does, and the object says so, so a mailbox is never read from one of two values silently."""

    doubled = ""


_NO_KEYS: dict[str, object] = {}  # every empty JSON object, read as this one: never changed


class _Digits:
    """A JSON integer of more digits than any option or count: kept as its digits, never made an
    int (Python refuses past 4,300 digits, and the work grows with them)."""

    __slots__ = ("digits",)

    def __init__(self, digits: str) -> None:
        self.digits = digits


def _json_object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    if not pairs:
        return _NO_KEYS  # 10 MB of {} is millions of objects: one is enough
    made = dict(pairs)
    if len(made) == len(pairs):
        return made
    seen: set[str] = set()
    doubled = _Doubled(made)
    doubled.doubled = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
    return doubled


def _json_int(text: str) -> int | _Digits:
    return int(text) if len(text) <= 20 else _Digits(text)


_SURROGATE = re.compile("[\ud800-\udfff]")
_MAY_HOLD_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")  # an escape of one, as JSON text writes it


def _mend(value: object) -> object | None:
    """`value` with each lone surrogate of its texts, keys included, read as U+FFFD (lists and
    objects changed in place; a text given anew); None when it holds none. Iterative: a document
    json could read is never too deep for it."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else None
    changed, stack = False, [value]
    while stack:
        container: Any = stack.pop()  # a list or an object of JSON
        if isinstance(container, list):
            pairs: Iterable[tuple[object, object]] = list(enumerate(container))
        elif isinstance(container, dict) and container:
            pairs = list(container.items())
        else:
            continue
        for key, item in pairs:
            if isinstance(item, str):
                if _SURROGATE.search(item):
                    container[key] = _SURROGATE.sub("\ufffd", item)
                    changed = True
            elif isinstance(item, list | dict):
                stack.append(item)
            if isinstance(key, str) and _SURROGATE.search(key):
                container[_SURROGATE.sub("\ufffd", key)] = container.pop(key)
                changed = True
    return value if changed else None


def _mend_items(items: list[object]) -> dict[int, str]:
    """Lone surrogates of the items mended in place: position -> the key (or '') they were under."""
    mended: dict[int, str] = {}
    for position, item in enumerate(items, 1):
        if isinstance(item, dict):
            for key in list(item):
                fixed = _mend(item[key])
                if fixed is not None:
                    item[key] = fixed
                    mended.setdefault(position, key)
                if _SURROGATE.search(key):
                    item[_SURROGATE.sub("\ufffd", key)] = item.pop(key)
                    mended.setdefault(position, "")
        else:
            fixed = _mend(item)
            if fixed is not None:
                items[position - 1] = fixed
                mended[position] = ""
    return mended


def _json_items(source: _Source, found: _Found) -> tuple[list[object], dict[int, str]]:
    """The list of a Web API answer ({"value": [...]}), or a bare list, at most MAX_ROWS items;
    with the positions of the items whose texts held a lone surrogate (see _mend_items)."""
    with source.stream() as stream:
        data = stream.read()
    try:
        text = data.decode(found.encoding)
        del data
        document = json.loads(text, object_pairs_hook=_json_object, parse_int=_json_int)
    except UnicodeDecodeError:
        raise _not_text(source, found.encoding) from None
    except json.JSONDecodeError as exc:
        raise source.error("json_invalid_at", line=exc.lineno, column=exc.colno, reason=exc.msg) from None
    except RecursionError:
        raise source.error("json_too_deep") from None
    except ValueError:  # json raises nothing else of its own; said without Python's words
        raise source.error("json_invalid", reason="?") from None
    items: object = None
    if isinstance(document, list):
        items = document
    elif isinstance(document, dict) and isinstance(document.get("value"), list):
        if isinstance(document, _Doubled) and document.doubled == "value":
            raise source.error("json_doubled", field="value")
        items = document["value"]
    if isinstance(items, list):
        if len(items) > MAX_ROWS:
            raise _too_many_rows(source)
        return items, (_mend_items(items) if _MAY_HOLD_SURROGATE.search(text) else {})
    found_keys = list(document) if isinstance(document, dict) else []
    shown = ", ".join(f"'{clip(str(k), 40)}'" for k in found_keys[:12]) or json.dumps(type(document).__name__)
    raise source.error("json_no_value", found=shown)


def _json_keys(items: list[object]) -> list[str]:
    """The keys of the first objects, annotations left out (or the first values, when no object):
    what the file holds instead of mailboxes."""
    objects = [item for item in items[:100] if isinstance(item, dict)]
    if not objects:
        return [_shown(item) for item in items[:12]]
    return list(dict.fromkeys(str(k) for item in objects for k in item if "@" not in str(k)))


_JSON_OPTIONS = tuple((attr, _MAILBOX[attr].logical, options) for attr, options in _MAILBOX_OPTIONS.items())
_EXPANDED = "emailserverprofile"
_BY_ID = "_emailserverprofile_value"


def _json_export(
    source: _Source,
    items: list[object],
    mended: Mapping[int, str],
    profiles_path: str | None,
    notes: list[str],
    progress: Progress | None,
    into: Rows | None = None,
) -> Export:
    objects = [item for item in items if isinstance(item, dict) and item is not _NO_KEYS]
    methods = {_MAILBOX[attr].logical for attr in _METHODS}
    if items and not any(methods & item.keys() for item in objects):
        raise _no_columns(source, _json_keys(items))
    needs = any(_BY_ID in item and _EXPANDED not in item for item in objects)
    ignored: tuple[str, ...] = ()
    if profiles_path is not None and not needs:  # not needed: set aside, and said (a refusal stopped the audit)
        key = "profiles_ignored_expanded" if any(_EXPANDED in item for item in objects) else "profiles_ignored_unnamed"
        ignored = (Said(key, path=readable(profiles_path), mailboxes=readable(source.path)),)
        notes.extend(ignored)
        profiles_path = None
    if profiles_path is None:
        profiles = _Profiles(None, [], "id")
        if needs:
            notes.append(Said("export_note_profiles_by_id", field=_BY_ID))
    else:
        profiles = _read_profiles(profiles_path, "id", notes)
    for attr, logical, _ in _JSON_OPTIONS:
        if objects and not any(logical in item for item in objects):
            notes.append(Said("export_note_no_field", field=_MAILBOX[attr].described()))
    expanded: dict[tuple[object, ...], Profile] = {}
    kept: list[MailboxRow] = []  # the mailboxes, when `into` does not take them
    mailboxes: list[MailboxRow] | Rows = kept if into is None else into
    total = len(items)
    empty = 0
    for position, item in enumerate(items, 1):
        if item is _NO_KEYS:
            empty += 1  # {} is no mailbox, as an empty row is none
        else:
            mailboxes.append(_json_mailbox(position, item, profiles, expanded, mended.get(position)))
        if progress is not None and not position % PROGRESS_EVERY:
            progress(position, total)
    if progress is not None:
        progress(total, total)
    if empty:
        notes.append(Said("export_note_empty_objects", n=empty))
    if not mailboxes:
        notes.append(Said("export_note_no_mailbox"))
    known = tuple(expanded.values()) if expanded else tuple(item.profile for item in profiles.read)
    listed = tuple(kept) if into is None else mailboxes
    return Export(Shape.WEB_API, source.path, listed, known, tuple(notes), ignored)  # type: ignore[arg-type]  # `into` given: see read_export


def _json_mailbox(
    position: int,
    item: object,
    profiles: _Profiles,
    expanded: dict[tuple[object, ...], Profile],
    mended: str | None = None,
) -> MailboxRow:
    """A mailbox of the Web API: option numbers decide; annotations (`…@OData.Community.Display.V1.
    FormattedValue`, `@odata.etag`) are never read. `mended`: the key under which a lone surrogate
    was read as U+FFFD ('' for a key itself), None when none was."""
    if not isinstance(item, dict):
        return MailboxRow(position, problems=(Problem("", Said("audit_pb_not_mailbox", value=_shown(item))),))
    found: list[tuple[str, str]] = _json_whole(item, False)
    if mended is not None:
        found.append((mended, Said("audit_pb_surrogate")))
    mailbox_id = _json_text(item, "mailboxid", "mailboxid", found)
    name = _json_text(item, "name", "name", found)
    email = _json_text(item, "emailaddress", "emailaddress", found)
    values = {}
    for attr, logical, options in _JSON_OPTIONS:
        values[attr], why = options.read(item.get(logical))
        if why:
            found.append((logical, why))
    profile: Profile | None = None
    profile_name = ""
    if _EXPANDED in item:
        value = item[_EXPANDED]
        if isinstance(value, dict):
            read = _json_profile(value, f"position {position}", prefix=f"{_EXPANDED}.")
            profile_name = read.profile.name
            profile = expanded.setdefault((read.profile.id, *_same(read.profile)), read.profile)
            found.extend(read.problems)
        elif value is not None:
            found.append((_EXPANDED, Said("audit_pb_not_profile", value=_shown(value))))
    elif item.get(_BY_ID) is not None:
        reference = item[_BY_ID]
        if isinstance(reference, str) and reference.strip():
            profile_name = reference.strip()
            profile, why = profiles.resolve(profile_name)
            if why:
                found.append((_BY_ID, why))
        elif not isinstance(reference, str):
            found.append((_BY_ID, Said("audit_pb_not_profile_id", value=_shown(reference))))
    if not any(not key.startswith("@") for key in item):
        found.append(("", Said("audit_pb_object_empty")))
    return MailboxRow(
        position,
        mailbox_id,
        name,
        email,
        values["state"],
        values["incoming"],
        values["outgoing"],
        values["act"],
        profile_name,
        profile,
        tuple(Problem(column, why) for column, why in found),
    )
