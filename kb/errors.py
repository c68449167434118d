"""The one error hierarchy of syncmatrix; the command line turns each into a message and exit 2."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with a knowledge base, at a file and line."""

    file: str  # path as given to the loader, relative to the knowledge base folder
    line: int  # 1-based; 0 when the problem concerns the whole file
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


class SyncmatrixError(Exception):
    """Base of every error the library raises on purpose."""


class KbError(SyncmatrixError):
    """The knowledge base could not be loaded; `problems` lists every problem found, sorted."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid knowledge base")


class InputError(SyncmatrixError):
    """A configuration, option or argument given by the user is not valid."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix when a choice is close to `word`, else ''."""
    import difflib  # only when something is wrong: its import is a cost of every start otherwise

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def one_of(choices: Iterable[str]) -> str:
    """Choices as people read them: 'a, b, c'."""
    return ", ".join(choices)
