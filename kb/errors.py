"""The one error hierarchy of syncmatrix; the command line turns each into a message and exit 2."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from syncmatrix import words


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a knowledge base, at a file and line; sorted by file, line, message."""

    file: str  # path as given to the loader, relative to the knowledge base folder
    line: int  # 1-based; 0 when the problem concerns the whole file
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"

    def __lt__(self, other: Problem) -> bool:
        # Written out: order=True generates four methods at import, about 1.5 ms of every start.
        return (self.file, self.line, self.message) < (other.file, other.line, other.message)


class SyncmatrixError(Exception):
    """Base of every error the library raises on purpose."""


class KbError(SyncmatrixError):
    """The knowledge base could not be loaded; `problems` lists every problem found, sorted.
    `heading` names the words that head them (syncmatrix/words.py; '_one' for one problem):
    a file of another kind read the same way (audit/mapping.MapError) has its own."""

    heading = "kb_invalid"

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        super().__init__("\n".join(str(p) for p in self.problems) or words.t("kb_invalid_none"))


class InputError(SyncmatrixError):
    """A configuration, option or argument given by the user is not valid.

    `key` and `values`, when given, name the message so that a face can say it in the person's
    language and shorten what it echoes (syncmatrix/words.py); str() stays the English message.
    Raise one with `input_error(key, **values)`.
    """

    def __init__(self, message: str, key: str = "", values: Mapping[str, object] | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.values = dict(values or {})


def input_error(key: str, **values: object) -> InputError:
    """An InputError whose English text and translations come from the words of `key`
    (syncmatrix/words.py)."""
    return InputError(words.message(key, "en", values), key, values)


def closest(word: str, choices: Iterable[str]) -> str:
    """The choice closest to `word`, or '' when none is close."""
    import difflib  # only when something is wrong: its import is a cost of every start otherwise

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else ""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix when a choice is close to `word`, else ''."""
    close = closest(word, choices)
    return words.t("did_you_mean", "en", word=close) if close else ""


def one_of(choices: Iterable[str]) -> str:
    """Choices as people read them: 'a, b, c'."""
    return ", ".join(choices)
