"""The tests' own knowledge bases (tests/kbs/): copy one, break one thing, read the problems.

A test never copies or edits data/: the shipped page may be reworded or grow an email system
without breaking a test of the loader, the command line or the table's mechanics.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from syncmatrix import kb

KBS = Path(__file__).resolve().parent / "kbs"


def copy_kb(name: str, tmp_path: Path, folder: str = "kb") -> Path:
    """A copy of tests/kbs/<name> in tmp_path/<folder>, to break."""
    root = tmp_path / folder
    shutil.copytree(KBS / name, root)
    return root


def edit(root: Path, name: str, old: str, new: str) -> int:
    """Replace the first `old` in the file `name` of `root` by `new`; return the line where `new`
    starts. `old` must be there: an edit that finds nothing is a broken test, not a passing one."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {name}"
    before, _, _ = text.partition(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return before.count("\n") + 1


def line_of(root: Path, name: str, needle: str) -> int:
    """The first line of the file `name` of `root` that holds `needle`."""
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    found = [i for i, line in enumerate(lines, start=1) if needle in line]
    assert found, f"{needle!r} is not in {name}"
    return found[0]


def problems(root: Path) -> list[str]:
    """The problems of loading `root`, with file names relative to it; loading must fail."""
    with pytest.raises(kb.KbError) as caught:
        kb.load(root)
    prefix = f"{root.as_posix()}/"
    return [str(p).replace(prefix, "") for p in caught.value.problems]
