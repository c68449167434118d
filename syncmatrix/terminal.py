"""What the command line writes to a terminal: nothing read from a file or an argument can take it over.

Control characters (C0 but tab and newline, C1, bidirectional overrides, lone surrogates from
undecodable arguments or file names) are written as `\\uXXXX`, which is also a valid escape inside
a JSON string, so the same filter serves every format. What the stream's encoding cannot hold
(`PYTHONIOENCODING=ascii`, a cp1252 console) degrades instead of failing: in text, to the nearest
ASCII (`✗` → `x`, `Kết luận` → `Ket luan`, else `\\uXXXX`); in JSON, to `\\uXXXX` escapes, so the
document still parses to the same values. (Rejected: reconfiguring the stream with
errors='backslashreplace', which writes `\\xe9`-style escapes that are not JSON and makes
Vietnamese unreadable.)
"""

from __future__ import annotations

import codecs
import os
from typing import Any, TextIO

from syncmatrix.present.text import escape

MESSAGE_LIMIT = 2_000  # characters of any one message line, whatever it holds

_ASCII = {
    "✗": "x",
    "✓": "v",
    "⚠": "!",
    "→": "->",
    "←": "<-",
    "…": "...",
    "·": "-",
    "•": "*",
    "—": "-",
    "–": "-",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "≤": "<=",
    "≥": ">=",
    "×": "x",
    "đ": "d",
    "Đ": "D",
}


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _nearest(char: str, encoding: str) -> str:
    import unicodedata  # only when the stream cannot hold the text

    nearest = _ASCII.get(char)
    if nearest is None:
        decomposed = unicodedata.normalize("NFKD", char)
        nearest = "".join(c for c in decomposed if not unicodedata.combining(c))
    try:
        nearest.encode(encoding)
    except UnicodeEncodeError:
        return _json_escape(char)
    return nearest or _json_escape(char)


def degrade(text: str, encoding: str, json: bool = False) -> str:
    """`text` with what `encoding` cannot hold replaced: nearest ASCII in text, escapes in JSON."""
    out = []
    for char in text:
        try:
            char.encode(encoding)
            out.append(char)
        except UnicodeEncodeError:
            out.append(_json_escape(char) if json else _nearest(char, encoding))
    return "".join(out)


class OutputFailed(Exception):
    """Standard output could not take what was written (a full disk, an I/O error)."""

    def __init__(self, reason: OSError) -> None:
        super().__init__(reason.strerror or str(reason))
        self.reason = reason


class SafeStream:
    """A text stream in front of stdout or stderr that writes only safe, encodable text.

    When the reader has gone (a closed pipe, or a stream closed before the process started) it
    stops writing, quietly, and the command ends with its own exit code. Other write failures of
    stdout raise OutputFailed; stderr never raises (there is nowhere left to say so). Either way the
    descriptor is then pointed at /dev/null, so that the interpreter's last flush at exit does not
    fail a second time with a traceback.
    """

    def __init__(self, stream: TextIO | None, raises: bool = True) -> None:
        self.stream = stream
        self.raises = raises
        self.json = False  # set once the command's format is known
        self.gone = stream is None

    def write(self, text: str) -> int:
        if self.gone or self.stream is None:
            return len(text)
        safe = escape(text)
        encoding = getattr(self.stream, "encoding", None) or "utf-8"
        try:
            safe.encode(encoding)
        except UnicodeEncodeError:
            safe = degrade(safe, encoding, self.json)
        self._guard(self.stream.write, safe)
        return len(text)

    def write_safe(self, data: bytes) -> None:
        """Write UTF-8 text that is already safe (escaped by present.text.escape): straight to the
        stream's bytes when it writes UTF-8, which spares a large report a second pass; through
        write() otherwise, which degrades what the stream's encoding cannot hold."""
        buffer = getattr(self.stream, "buffer", None)
        encoding = getattr(self.stream, "encoding", None) or "utf-8"
        if self.gone or buffer is None or codecs.lookup(encoding).name != "utf-8":
            if self.gone or self.stream is None:
                return
            # Not write(): escaped again, a CSV's CR LF line ends would be shown as "\u000d".
            text = data.decode()
            try:
                text.encode(encoding)
            except UnicodeEncodeError:
                text = degrade(text, encoding, self.json)
            self._guard(self.stream.write, text)
            return
        self._guard(self.stream.flush)  # type: ignore[union-attr]  # not gone: a stream
        if not self.gone:
            self._guard(buffer.write, data)

    def flush(self) -> None:
        if not self.gone and self.stream is not None:
            self._guard(self.stream.flush)

    def _guard(self, action: Any, *args: Any) -> None:
        try:
            action(*args)
        except BrokenPipeError:
            self._silence()
        except OSError as exc:
            self._silence()
            if self.raises:
                raise OutputFailed(exc) from None
        except ValueError:  # written after the stream was closed
            self.gone = True

    def _silence(self) -> None:
        self.gone = True
        try:
            descriptor = self.stream.fileno() if self.stream is not None else -1
        except (OSError, ValueError, AttributeError):
            return
        if descriptor < 0:
            return
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, descriptor)
        finally:
            os.close(null)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)
