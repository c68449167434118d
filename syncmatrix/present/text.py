"""Text from files and arguments made safe to show: control characters escaped, long input shortened.

Control characters (C0 but tab and newline, C1, bidirectional overrides, lone surrogates from
undecodable arguments or file names) are written as `\\uXXXX`, which is also a valid escape inside
a JSON string, so the same filter serves every format and every face.
"""

from __future__ import annotations

import re

ECHO_LIMIT = 80  # characters of a person's input that a message repeats

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def escape(text: str) -> str:
    """`text` with every character that could steer a terminal written as `\\uXXXX`."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def shorten(text: str, limit: int = ECHO_LIMIT) -> str:
    """`text` escaped and, past `limit` characters, cut in the middle with '…' (both ends stay)."""
    text = escape(text)
    if len(text) <= limit:
        return text
    tail = limit // 3
    return f"{text[: limit - tail - 1]}…{text[-tail:]}"
