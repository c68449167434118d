"""Reading an export of an organization's mailboxes (sources/MAILBOX-EXPORTS.md): Web API JSON, CSV or
Excel (.xlsx), told apart by the file's content, into the option numbers of audit/model.py.

Every row of the file comes back, in its order, with what could be read of it; a cell that cannot be
read is None with a Problem that names its column and says why. A file that is no export at all is an
InputError whose key names its words (syncmatrix/present/words.py): one paragraph and exit 2 at the
command line.

Bounded: one open, one descriptor, whose fstat decides (a regular file of at most MAX_EXPORT_BYTES,
and never more bytes than that read from it); a CSV is streamed, never held whole; JSON is read
once; a workbook is refused when its parts unpack to more than the limit, and openpyxl is imported
only for one.
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
from typing import Protocol

from syncmatrix.audit.model import Export, MailboxRow, Problem, Profile, Shape, draft_of, maker, no_cycle_collection
from syncmatrix.kb.errors import InputError, closest
from syncmatrix.kb.located import clip, readable
from syncmatrix.kb.located import reason as os_reason
from syncmatrix.present.words import input_error

Progress = Callable[[int, int | None], None]


class Rows(Protocol):
    """Where the rows of an export go instead of a tuple (read_export's `into`)."""

    def append(self, row: MailboxRow, /) -> None: ...

    def extend(self, rows: Iterable[MailboxRow], /) -> None: ...

    def __len__(self) -> int: ...


MAX_EXPORT_BYTES = 512 * 1024 * 1024  # an organization's export is megabytes; past this it is not one
PROGRESS_EVERY = 1000  # rows between two calls of `progress`
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

    __slots__ = ("field", "exact", "keyed", "labels", "expected")

    def __init__(self, field: _Field) -> None:
        self.field = field
        # Text keys only: an int key would also answer True and 2.0 (equal hashes), which are not
        # option numbers as a file writes them.
        self.exact: dict[str, int | None] = {"": None}
        self.keyed: dict[str, int] = {}
        for number, label in (*field.options.items(), *((n, s) for s, n in field.variants.items())):
            self.exact[str(number)] = self.exact[label] = self.keyed[_key(label)] = number
        self.labels = {label.casefold(): label for label in (*field.options.values(), *field.variants)}
        said = [f"{n} ({label})" for n, label in field.options.items()]
        self.expected = ", ".join(said[:-1]) + " or " + said[-1]

    def read(self, value: object) -> tuple[int | None, str]:
        """The option number of a cell or JSON value, or None and why not ('' for an empty one)."""
        if value is None:
            return None, ""
        if isinstance(value, str):
            text = value.strip()
            found = self.exact.get(text, _MISSING)
            if found is _MISSING:
                found = self.keyed.get(_key(text), _MISSING)
            if found is not _MISSING:
                return found, ""  # type: ignore[return-value]  # the dictionaries hold int | None
            number = _number(text)
            if number is None:
                near = self.labels.get(closest(text.casefold(), self.labels), "")
                mean = f" (did you mean '{near}'?)" if near else ""
                return None, (
                    f"'{clip(text)}' is not a value of {self.field.display}{mean}; expected {self.expected}, "
                    "as the number or its label"
                )
            value = number
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None, f"{_shown(value)} is not an option number of {self.field.display}; expected {self.expected}"
        if isinstance(value, float) and not value.is_integer():
            return None, f"{_shown(value)} is not a whole number; {self.field.display} takes {self.expected}"
        if int(value) not in self.field.options:
            return None, f"{_shown(value)} is not a value of {self.field.display}; expected {self.expected}"
        return int(value), ""


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
        except OSError as exc:
            self.close()
            raise self.error("unreadable", reason=os_reason(exc)) from None
        except InputError:
            self.close()
            raise

    def error(self, what: str, **values: object) -> InputError:
        return input_error(f"{self.role}_{what}", path=readable(self.path), **values)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def stream(self) -> _Bounded:
        """The file from its first byte, as a stream that never reads past the limit."""
        os.lseek(self.fd, 0, os.SEEK_SET)
        return _Bounded(self)


class _Bounded(io.RawIOBase):
    """The bytes of a source's descriptor, at most MAX_EXPORT_BYTES of them: a file that grows past
    the limit after its fstat is refused too. Closing it leaves the descriptor to its source."""

    def __init__(self, source: _Source) -> None:
        self.source, self.left = source, MAX_EXPORT_BYTES

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
_SHAPE_WORDS = {Shape.WEB_API: "Web API JSON", Shape.CSV: "CSV text", Shape.XLSX: "an Excel workbook"}


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
                raise source.error("xlsx_corrupt", reason="it is not a ZIP archive")
            raise source.error("binary")
        text = text.lstrip("\ufeff")
        if not text.strip():
            raise source.error("empty")
        found = _Found(Shape.WEB_API if text.lstrip()[:1] in ("{", "[") else Shape.CSV, encoding, text)
    if named is not None and named is not found.shape:
        notes.append(f"the name ends in {suffix} but the content is {_SHAPE_WORDS[found.shape]}: read as such")
    return found


# --- tables: CSV and Excel, read into rows of text -----------------------------------------------


class _Reader(Protocol):
    """Rows of cells as text, and how many lines (CSV) or rows (sheet) have been read so far."""

    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...

    def __next__(self) -> list[str]: ...


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
            raise self.source.error("csv_broken", line=self.reader.line_num, reason=str(exc)) from None


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
    """The table with its header read: the first row that is not empty."""
    with table.reading():
        for cells in table.reader:
            if any(cell.strip() for cell in cells):
                table.header, table.header_end = cells, table.reader.line_num
                return table
    table.close()
    raise table.source.error("empty")


def _csv_table(source: _Source, found: _Found, notes: list[str]) -> _Table:
    """A CSV streamed through the csv module: the delimiter sniffed from the first line (or Excel's
    "sep=;" line before it); physical line numbers from the reader's count of lines."""
    lines = found.text.splitlines()
    hint = re.fullmatch(r"sep=(.)", lines[0].rstrip("\r\n")) if lines else None
    delimiter = hint.group(1) if hint else _delimiter(next((line for line in lines if line.strip()), ""))
    if delimiter != ",":
        notes.append(f"cells are separated by {_DELIMITER_WORDS.get(delimiter, repr(delimiter))}")
    stream = io.TextIOWrapper(io.BufferedReader(source.stream(), _CHUNK), encoding=found.encoding, newline="")
    reader = csv.reader(stream, delimiter=delimiter)
    table = _Table(source, [], 0, reader, stream.close, found.encoding)
    if hint:
        with table.reading():
            next(reader, None)
    return _header(table)


_DELIMITER_WORDS = {";": "semicolons", "\t": "tabs"}


def _xlsx_table(source: _Source) -> _Table:
    """The first sheet of a workbook, through openpyxl in read-only mode, imported here only: the
    command line's other paths must not pay for it. The caller silences openpyxl's warnings (styles,
    extensions: they say nothing of the data)."""
    import zipfile

    handle = os.fdopen(os.dup(source.fd), "rb")  # seekable, as a ZIP archive must be
    try:
        try:
            unpacked = sum(info.file_size for info in zipfile.ZipFile(handle).infolist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise source.error("xlsx_corrupt", reason=_exception(exc)) from None
        if unpacked > MAX_EXPORT_BYTES:  # zipfile stops at the declared sizes, so they bound the work
            raise source.error("xlsx_too_big", size=unpacked, limit=MAX_EXPORT_BYTES)
        handle.seek(0)
        # openpyxl raises a zoo of exceptions on a damaged workbook (KeyError for a missing part,
        # ParseError, ValueError, TypeError, IndexError from its parsers): each means "not a
        # readable workbook", never a traceback.
        try:
            import openpyxl

            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except Exception as exc:  # any failure of openpyxl's parsers: see above
            raise source.error("xlsx_corrupt", reason=_exception(exc)) from None
    except BaseException:
        handle.close()
        raise

    def close() -> None:
        book.close()
        handle.close()

    try:
        if not book.worksheets:
            raise source.error("xlsx_corrupt", reason="the workbook has no worksheet")
        sheet = book.worksheets[0]
        total = sheet.max_row
        sheet.reset_dimensions()  # the dimension a writer records may be wrong: the rows decide
        reader = _SheetReader(source, sheet.iter_rows(values_only=True))
        table = _header(_Table(source, [], 0, reader, close, total=total))
        reader.width = len(table.header)
        return table
    except BaseException:
        close()
        raise


class _SheetReader:
    """The rows of a sheet as text, as a CSV would hold them; line_num counts the sheet's rows."""

    def __init__(self, source: _Source, rows: Iterator[tuple[object, ...]]) -> None:
        self.source, self.rows, self.line_num = source, rows, 0
        self.width = -1  # once the header is read, its width: a sheet does not store the empty
        # cells that end a row, and a cell past the last header is no column of the export

    def __iter__(self) -> _SheetReader:
        return self

    def __next__(self) -> list[str]:
        try:
            values = next(self.rows)
        except StopIteration:
            raise
        except Exception as exc:  # openpyxl's parsers, as in _xlsx_table
            raise self.source.error("xlsx_corrupt", reason=f"row {self.line_num + 1}: {_exception(exc)}") from None
        self.line_num += 1
        cells = [_cell_text(v) for v in values]
        width = self.width
        if width < 0 or len(cells) == width:
            return cells
        return cells[:width] if len(cells) > width else cells + [""] * (width - len(cells))


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


def _exception(exc: BaseException) -> str:
    text = str(exc).strip().strip("'\"")
    return clip(f"{type(exc).__name__}: {text}" if text else type(exc).__name__, 160)


def _table(source: _Source, found: _Found, notes: list[str]) -> _Table:
    return _xlsx_table(source) if found.shape is Shape.XLSX else _csv_table(source, found, notes)


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
            if name.strip() and not name.strip().casefold().startswith("(do not modify)"):
                unknown.append(name)
        elif found.attr in index:
            notes.append(f"columns '{named[found.attr]}' and '{name}' both give {found.display}: the first is read")
        else:
            index[found.attr], named[found.attr] = i, name
    for name in unknown:
        near = _near_field(name, fields, exclude=index)
        if near is not None:
            notes.append(f"column '{clip(name)}' is not read (did you mean '{near.display}'?)")
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
        what = "id" if self.by == "id" else "name"
        if self.path is None:
            return None, (
                f"names the email server profile {what} '{clip(reference)}', but no file of profiles was "
                "given to say what it is"
            )
        items = self.index.get(self._key(reference), [])
        if not items:
            names = [i.profile.id if self.by == "id" else i.profile.name for i in self.read]
            near = closest(reference, [n for n in names if n])
            mean = f" (did you mean '{near}'?)" if near else ""
            return None, f"no email server profile has the {what} '{clip(reference)}' in {readable(self.path)}{mean}"
        if len({_same(i.profile) for i in items}) > 1:
            where = ", ".join(i.where for i in items)
            return None, f"{len(items)} different email server profiles are named '{clip(reference)}' ({where})"
        item = items[0]
        if item.problems:
            said = "; ".join(f"{column}: {why}" for column, why in item.problems)
            return item.profile, f"its profile '{clip(item.profile.name)}' ({item.where}) cannot be read whole: {said}"
        return item.profile, ""


def _read_profiles(path: str, by: str, notes: list[str]) -> _Profiles:
    source = _Source(path, "profiles")
    try:
        found = _shape(source, notes)
        if found.shape is Shape.WEB_API:
            items = _json_items(source, found)
            objects = [item for item in items if isinstance(item, dict)]
            if items and not any(
                "servertype" in item and ("name" in item or "emailserverprofileid" in item) for item in objects
            ):
                raise _no_columns(source, _json_keys(items))
            read = [_json_profile(item, f"position {i}") for i, item in enumerate(items, 1) if isinstance(item, dict)]
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
        return (value or "").strip()
    problems.append((column, f"{_shown(value)} is not a text"))
    return ""


def _json_profile(item: Mapping[str, object], where: str, prefix: str = "") -> _ProfileRead:
    """A profile of the Web API: a profiles file's object, or a mailbox's expanded one (its columns
    then named `emailserverprofile.servertype`)."""
    problems: list[tuple[str, str]] = []
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

    InputError (keys `export_*` and `profiles_*` of syncmatrix/present/words.py) when a file is no
    export at all; a row that cannot be read whole keeps its problems. `progress(rows, total)` is
    called every PROGRESS_EVERY rows and once at the end (total None while the file does not say).
    `into` takes the rows instead of a tuple (audit/stream.py's Spool: a large export not held in
    memory); the Export's mailboxes are then `into`.
    """
    notes: list[str] = []
    source = _Source(path, "export")
    # openpyxl warns of styles and extensions it ignores: nothing about the data.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=r"openpyxl\b")
        try:
            found = _shape(source, notes)
            if found.shape is Shape.WEB_API:
                items = _json_items(source, found)
                source.close()
                return _json_export(source, items, profiles, notes, progress, into)
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
            notes.append(f"no column {_MAILBOX[attr].described()}: that field of every mailbox is unknown")
    if "profile" not in columns.index and profiles_path is not None:
        raise input_error("profiles_not_named", path=readable(profiles_path), mailboxes=readable(source.path))
    profiles = _read_profiles(profiles_path, "name", notes) if profiles_path else _Profiles(None, [], "name")
    mailboxes, skipped = _table_rows(table, columns, profiles, progress, into)
    if skipped:
        notes.append(f"{skipped} empty row(s) at the end of the file were skipped")
    if not mailboxes:
        notes.append("the export holds no mailbox")
    return Export(shape, source.path, mailboxes, tuple(item.profile for item in profiles.read), tuple(notes))


_DRAFT = draft_of(MailboxRow)  # the fast path of _table_rows builds rows through it
_new_row = maker(MailboxRow)


def _table_rows(
    table: _Table, columns: _Columns, profiles: _Profiles, progress: Progress | None, into: Rows | None = None
) -> tuple[tuple[MailboxRow, ...], int]:
    """Every row after the header as a MailboxRow, and how many empty rows ended the file.

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
    known, resolve, missing = profiles.cache.get, profiles.resolve, _MISSING
    draft, row_class = _DRAFT, MailboxRow
    reader, end = table.reader, table.header_end
    total = table.total - table.header_end if table.total else None
    report_at = PROGRESS_EVERY if progress is not None else 1 << 62
    rows: list[MailboxRow] | Rows = [] if into is None else into
    blank: list[int] = []  # empty rows no row has followed yet: skipped if the file ends with them
    append = rows.append
    with table.reading(), no_cycle_collection():
        for cells in reader:
            line, end = end + 1, reader.line_num
            if not any(cells):
                blank.append(line)
                continue
            n = len(cells)
            cells.append("")
            if n == width:
                i, nm, em, pf, st, inc, out, ac = fetch(cells)
                s, a, b, c = state(st, missing), incoming(inc, missing), outgoing(out, missing), act(ac, missing)
                if s is not missing and a is not missing and b is not missing and c is not missing:
                    profile, why = known(pf) or resolve(pf)
                    if not why and (i or nm or em or pf or st or inc or out or ac) and draft is not None:
                        if blank:
                            _empty_rows(rows, blank)
                        made = draft(line, i.strip(), nm.strip(), em.strip(), s, a, b, c, pf.strip(), profile, ())
                        made.__class__ = row_class  # _new_row, inline: see model.draft_of
                        append(made)
                        if len(rows) >= report_at:
                            progress(len(rows), total)  # type: ignore[misc]  # given: report_at is set
                            report_at += PROGRESS_EVERY
                        continue
            row = slow.row(line, cells, n)
            if row is None:
                blank.append(line)
                continue
            if blank:
                _empty_rows(rows, blank)
            append(row)
            if len(rows) >= report_at:
                progress(len(rows), total)  # type: ignore[misc]  # given: report_at is set
                report_at += PROGRESS_EVERY
    if progress is not None:
        progress(len(rows), len(rows))
    return (tuple(rows) if into is None else rows), len(blank)  # type: ignore[return-value]  # see read_export


_EMPTY = (Problem("", "the row is empty"),)


def _empty_rows(rows: list[MailboxRow] | Rows, blank: list[int]) -> None:
    """Empty rows that a row followed: rows of the export, with their problem."""
    rows.extend(_new_row(line, "", "", "", None, None, None, None, "", None, _EMPTY) for line in blank)
    blank.clear()


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

    def row(self, line: int, cells: list[str], n: int) -> MailboxRow | None:
        """The MailboxRow of `cells` (n cells, then the "" every row is given), None for an empty row."""
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
        texts = (cell(i_id).strip(), cell(i_name).strip(), cell(i_email).strip())
        return _new_row(line, *texts, *values, profile_name, profile, tuple(problems))

    def _width(self, n: int) -> Problem:
        if n < self.width:
            first = self.header[n]
            return Problem(
                first,
                f"the row ends after {n} cell(s) where the header has {self.width}: the cells from "
                f"'{clip(first, 40)}' on are missing",
            )
        return Problem(
            "",
            f"the row has {n} cells where the header has {self.width}: a cell may hold an unquoted delimiter, "
            "so its values may stand under the wrong columns",
        )


# --- Web API JSON ------------------------------------------------------------------------------------


def _json_items(source: _Source, found: _Found) -> list[object]:
    """The list of a Web API answer ({"value": [...]}), or a bare list."""
    with source.stream() as stream:
        data = stream.read()
    try:
        document = json.loads(data.decode(found.encoding))
    except UnicodeDecodeError:
        raise _not_text(source, found.encoding) from None
    except json.JSONDecodeError as exc:
        raise source.error("json_invalid_at", line=exc.lineno, column=exc.colno, reason=exc.msg) from None
    except (ValueError, RecursionError) as exc:  # a number of 5,000 digits, nesting past the stack
        raise source.error("json_invalid", reason=_exception(exc)) from None
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and isinstance(document.get("value"), list):
        return document["value"]  # type: ignore[no-any-return]  # a list of JSON values
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
    profiles_path: str | None,
    notes: list[str],
    progress: Progress | None,
    into: Rows | None = None,
) -> Export:
    objects = [item for item in items if isinstance(item, dict)]
    methods = {_MAILBOX[attr].logical for attr in _METHODS}
    if items and not any(methods & item.keys() for item in objects):
        raise _no_columns(source, _json_keys(items))
    needs = any(_BY_ID in item and _EXPANDED not in item for item in objects)
    if profiles_path is not None and not needs:
        key = "profiles_expanded" if any(_EXPANDED in item for item in objects) else "profiles_not_named"
        raise input_error(key, path=readable(profiles_path), mailboxes=readable(source.path))
    if profiles_path is None:
        profiles = _Profiles(None, [], "id")
        if needs:
            notes.append(
                f"the mailboxes name their email server profiles by id ({_BY_ID}); without the file of "
                "profiles their types are unknown"
            )
    else:
        profiles = _read_profiles(profiles_path, "id", notes)
    for attr, logical, _ in _JSON_OPTIONS:
        if objects and not any(logical in item for item in objects):
            notes.append(f"no field {_MAILBOX[attr].described()}: that field of every mailbox is unknown")
    expanded: dict[tuple[object, ...], Profile] = {}
    mailboxes: list[MailboxRow] | Rows = [] if into is None else into
    total = len(items)
    for position, item in enumerate(items, 1):
        mailboxes.append(_json_mailbox(position, item, profiles, expanded))
        if progress is not None and not position % PROGRESS_EVERY:
            progress(position, total)
    if progress is not None:
        progress(total, total)
    if not mailboxes:
        notes.append("the export holds no mailbox")
    known = tuple(expanded.values()) if expanded else tuple(item.profile for item in profiles.read)
    listed = tuple(mailboxes) if into is None else mailboxes
    return Export(Shape.WEB_API, source.path, listed, known, tuple(notes))  # type: ignore[arg-type]  # see read_export


def _json_mailbox(
    position: int, item: object, profiles: _Profiles, expanded: dict[tuple[object, ...], Profile]
) -> MailboxRow:
    """A mailbox of the Web API: option numbers decide; annotations (`…@OData.Community.Display.V1.
    FormattedValue`, `@odata.etag`) are never read."""
    if not isinstance(item, dict):
        return MailboxRow(position, problems=(Problem("", f"{_shown(item)} is not a mailbox (a JSON object)"),))
    found: list[tuple[str, str]] = []
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
            found.append((_EXPANDED, f"{_shown(value)} is not an email server profile (a JSON object)"))
    elif item.get(_BY_ID) is not None:
        reference = item[_BY_ID]
        if isinstance(reference, str) and reference.strip():
            profile_name = reference.strip()
            profile, why = profiles.resolve(profile_name)
            if why:
                found.append((_BY_ID, why))
        elif not isinstance(reference, str):
            found.append((_BY_ID, f"{_shown(reference)} is not the id of a profile"))
    if not any(not key.startswith("@") for key in item):
        found.append(("", "the object is empty"))
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
