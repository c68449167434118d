"""Text from files and arguments made safe to show: control characters escaped, long input shortened.

The filter lives with the catalogue of words (syncmatrix/words.py), which every layer may import;
the faces keep importing it from here.
"""

from __future__ import annotations

from syncmatrix.words import ECHO_LIMIT, escape, shorten

__all__ = ["ECHO_LIMIT", "escape", "shorten"]
