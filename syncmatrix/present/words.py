"""The words of both faces: the catalogue (syncmatrix/words.py), as the faces import it.

The table and its lookup live below every layer so that kb/, solver/ and the audit's readers raise
keys and values without importing presentation; the faces keep importing them from here.
"""

from __future__ import annotations

from syncmatrix.kb.errors import input_error
from syncmatrix.words import (
    _WORDS,
    LANGUAGE_NAMES,
    has,
    keys,
    message,
    reason,
    t,
)

__all__ = [
    "_WORDS",
    "LANGUAGE_NAMES",
    "has",
    "input_error",
    "keys",
    "message",
    "reason",
    "t",
]
