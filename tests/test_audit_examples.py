"""The examples of data/examples are what benchmarks/exports.py writes (they never drift from their
generator), and the progress line of a long audit shows on a terminal only."""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import exports  # noqa: E402  (benchmarks/exports.py, the examples' generator)


def test_the_examples_are_what_their_generator_writes(tmp_path):
    written = exports.write_examples(tmp_path)
    assert written
    for path in written:
        shipped = ROOT / "data" / "examples" / path.relative_to(tmp_path)
        assert shipped.read_bytes() == path.read_bytes(), (
            f"{shipped} is stale: python benchmarks/exports.py --examples data/examples"
        )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _progress(monkeypatch, stream: io.StringIO, times: list[float]):
    """A progress line on `stream`, started at 0 s, that reads `times` as its clock."""
    from syncmatrix import cli

    monkeypatch.setattr(sys, "stderr", stream)
    progress = cli._Progress("vi")
    progress._start = 0.0
    progress._clock = iter(times).__next__
    return progress


def test_a_progress_line_shows_on_a_terminal_after_a_second_and_is_wiped(monkeypatch):
    stream = _Terminal()
    progress = _progress(monkeypatch, stream, [0.5, 1.2, 1.25, 1.5])
    progress("reading", 10, None)  # 0.5 s: too soon
    progress("reading", 2_000, None)  # 1.2 s: shown
    progress("reading", 3_000, None)  # 1.25 s: too soon after the last
    progress("judging", 5, 10)  # 1.5 s: shown, with its share
    progress.done()
    said = stream.getvalue()
    assert said.count("\r") == 3 and "2,000" in said and "3,000" not in said and "5 / 10 (50 %)" in said
    assert "đang đọc tệp xuất" in said and said.endswith("\r\x1b[K")


def test_no_progress_line_off_a_terminal(monkeypatch):
    stream = io.StringIO()
    progress = _progress(monkeypatch, stream, [5.0, 6.0])
    progress("reading", 2_000, None)
    progress.done()
    assert stream.getvalue() == ""
