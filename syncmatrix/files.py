"""Files the command line reads and writes: the published table, written safely and checked for staleness.

Face-side I/O, kept out of the presentation layer (syncmatrix.present.table renders text; this module
puts it in a file). `--output` writes only regular files, through a temporary file in the same folder
and a rename; `--check` reads a bounded, regular file.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import signal
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from syncmatrix.present.words import input_error, reason

SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".csv": "csv", ".json": "json"}

MAX_PUBLISHED_BYTES = 1_000_000  # a published table is ~10 kB; more is not one, and is not read whole
_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISDIR, "kind_folder"),
    (stat.S_ISCHR, "kind_device"),
    (stat.S_ISBLK, "kind_device"),
)
_KINDS += ((stat.S_ISFIFO, "kind_fifo"), (stat.S_ISSOCK, "kind_socket"))


def _kind(mode: int) -> str:
    """The key of the words of a file's kind ('kind_fifo'): a message says it in its own language."""
    return next((key for test, key in _KINDS if test(mode)), "kind_other")


def format_for(path: str) -> str | None:
    """The format a file name asks for by its suffix, or None."""
    return SUFFIXES.get(Path(path).suffix.lower())


#: What each command writes with --output, as its refusals name it: the words of a key end in it.
WRITTEN = ("table", "report", "model")


def _said(key: str, written: str) -> str:
    """The key of a refusal that names what is written: 'output_special' for the table (its first
    words), 'output_special_report' for an audit's report, 'output_special_model' for a feature model."""
    return key if written == "table" else f"{key}_{written}"


def check_output(path: str, written: str = "table") -> tuple[Path, os.stat_result | None]:
    """Where `--output path` writes, and the file there now (None for a new file); InputError when it
    must not be written: an empty name, a missing folder, a folder, a device, FIFO or socket, a
    link to nothing, a file with other hard links, a read-only file, a name the system refuses.
    `written` (one of WRITTEN) is what the refusals say is written.

    Through a symbolic link it is the link's target that is written (the link stays a link)."""
    if not path:
        raise input_error("option_empty", option="--output")
    if path.endswith(("/", os.sep)):
        raise input_error("output_folder", path=path)
    try:
        is_link = os.path.islink(path)
        target = Path(os.path.realpath(path, strict=True) if is_link else path)
        current: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        if is_link:
            raise input_error("output_dangling", path=path, target=os.readlink(path)) from None
        target, current = Path(path), None
    except OSError as exc:  # a name too long, a loop of links, a folder that cannot be searched
        raise input_error("output_unusable", path=path, reason=reason(exc)) from None
    folder = target.parent
    if current is None and not folder.is_dir():
        raise input_error("output_no_folder", path=path, folder=str(folder))
    if current is not None and stat.S_ISDIR(current.st_mode):
        raise input_error("output_folder", path=path)
    if current is not None and not stat.S_ISREG(current.st_mode):
        raise input_error(_said("output_special", written), path=path, kind=_kind(current.st_mode))
    if current is not None and current.st_nlink > 1:
        raise input_error(_said("output_hard_links", written), path=path, n=current.st_nlink)
    # Permission bits, not os.access: root may write anything, yet a file marked read-only is
    # a file somebody meant to keep.
    if current is not None and (not os.access(target, os.W_OK) or not current.st_mode & 0o222):
        raise input_error("output_read_only", path=path)
    return target, current


def write_atomically(path: str, text: str | bytes, written: str = "table") -> None:
    """Write `text` (bytes: already UTF-8) to `path` through a temporary file in the same folder and a rename, so that a
    reader never sees half a file and a failure (a full disk) leaves the old file as it was.

    The file keeps its permission bits and, where the process may set them, its owner; a new file
    gets the umask's bits. Through a symbolic link, the target is replaced, in the target's folder.
    A file with other hard links is refused (check_output): a rename would leave the other names
    on the old text, and writing in place could leave half a file.
    """
    with writing_atomically(path, written) as stream:
        stream.write(text.encode() if isinstance(text, str) else text)


class AtomicWriter:
    """The binary stream writing_atomically yields: a failure to write (a full disk) is an
    InputError that names the file, as write_atomically's is."""

    def __init__(self, stream: BinaryIO, path: str) -> None:
        self.stream, self.path = stream, path

    def write(self, data: bytes) -> None:
        try:
            self.stream.write(data)
        except OSError as exc:
            raise input_error("output_cannot_write", path=self.path, reason=reason(exc)) from None


@contextlib.contextmanager
def writing_atomically(path: str, written: str = "table") -> Iterator[AtomicWriter]:
    """write_atomically for a text written in pieces (a report of 1,000,000 mailboxes is never
    whole in memory): a binary writer into the temporary file, renamed to `path` when the block
    ends, and removed, the old file left as it was, when the block ends with an exception (which
    goes on as it was raised)."""
    target, current = check_output(path, written)
    folder = target.parent
    temporary = folder / f".{target.name[:40]}.{os.urandom(6).hex()}.tmp"
    created = False
    held = _hold_stops()
    try:
        try:
            # 0o666 and the umask for a new file, as any editor would; the old bits for an existing one.
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
            created = True
        except OSError as exc:
            raise input_error("output_cannot_create", path=path, folder=str(folder), reason=reason(exc)) from None
        finally:
            _release_stops(held)  # a stop that came meanwhile is raised here, with `created` said
        try:
            if current is not None:
                os.chmod(handle, stat.S_IMODE(current.st_mode))
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.chown(handle, current.st_uid, current.st_gid)
            stream = os.fdopen(handle, "wb")
        except OSError as exc:
            os.close(handle)
            raise input_error("output_cannot_write", path=path, reason=reason(exc)) from None
        try:
            yield AtomicWriter(stream, path)
            try:
                stream.flush()
                os.fsync(stream.fileno())
            except OSError as exc:
                raise input_error("output_cannot_write", path=path, reason=reason(exc)) from None
        finally:
            # After a failed flush, closing flushes the same bytes again and fails again (a full disk,
            # EFBIG): that second failure must not replace the error already said. The descriptor is
            # closed either way.
            with contextlib.suppress(OSError):
                stream.close()
        try:
            os.replace(temporary, target)
        except OSError as exc:
            raise input_error("output_cannot_write", path=path, reason=reason(exc)) from None
    finally:
        # Whatever ends the write: an error, Ctrl+C, or SIGTERM/SIGHUP, which cli.run() turns into
        # an exception for this reason (a signal's default action would end the process here).
        if created:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


# The signals that stop a command (cli.run() makes SIGTERM and SIGHUP stop it as Ctrl+C does).
_STOPS = frozenset(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def _hold_stops() -> set[int | signal.Signals] | None:
    """Hold back the signals that stop the command while a temporary file is created and marked for
    clean-up: a stop in between would leave the file behind. The mask before, or None where the
    system cannot hold signals."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)


def _release_stops(held: set[int | signal.Signals] | None) -> None:
    """Let the held signals through again: one that came meanwhile is acted on now."""
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def read_published(path: str) -> str:
    """The text of the published table at `path` ('' when there is none), read once and bounded:
    only a regular file, at most MAX_PUBLISHED_BYTES, UTF-8; InputError otherwise."""
    if not path:
        raise input_error("option_empty", option="--check")
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just after.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise input_error("check_unreadable", path=path, reason=reason(exc)) from None
    with os.fdopen(handle, "rb") as stream:
        try:
            found = os.fstat(handle)
            mode, size = found.st_mode, found.st_size
            if not stat.S_ISREG(mode):
                raise input_error("check_special", path=path, kind=_kind(mode))
            if size > MAX_PUBLISHED_BYTES:
                raise input_error("check_too_big", path=path, size=size, limit=MAX_PUBLISHED_BYTES)
            data = stream.read(MAX_PUBLISHED_BYTES + 1)
        except OSError as exc:
            raise input_error("check_unreadable", path=path, reason=reason(exc)) from None
    if len(data) > MAX_PUBLISHED_BYTES:  # it grew after fstat
        raise input_error("check_too_big", path=path, size=len(data), limit=MAX_PUBLISHED_BYTES)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise input_error("check_not_utf8", path=path, byte=f"{data[exc.start]:02x}", position=exc.start) from None


def staleness(path: str, text: str, current: str | None = None) -> str | None:
    """A unified diff from the published table at `path` (its text `current`, else read) to `text`,
    or None when the file is current."""
    if current is None:
        current = read_published(path)
    if current == text:
        return None
    diff = difflib.unified_diff(
        current.splitlines(keepends=True),
        text.splitlines(keepends=True),
        fromfile=f"{path} (published)",
        tofile=f"{path} (from the knowledge base)",
    )
    return "".join(diff) or f"{path} differs from the generated table\n"
