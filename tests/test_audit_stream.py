"""The audit of a large export streamed (issue 20, item 8): `syncmatrix audit` writes the same bytes
as the whole-document reports, in every format and language, while its memory does not grow with
the rows; --output is still written whole or not at all; the dashboard reads an export within the
question's time limit."""

from __future__ import annotations

import datetime
import os
import sys
import tracemalloc
from pathlib import Path

import pytest

from syncmatrix import kb
from syncmatrix.audit import report, stream
from syncmatrix.audit.exports import read_export
from syncmatrix.audit.judge import audit
from syncmatrix.audit.mapping import load_map
from syncmatrix.cli import main
from syncmatrix.files import writing_atomically
from syncmatrix.kb.errors import InputError
from syncmatrix.present import links
from syncmatrix.present.safe import EXCEL_BOM
from syncmatrix.present.words import t

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
sys.path.insert(0, str(ROOT / "benchmarks"))

import exports  # noqa: E402  (benchmarks/exports.py: the generated organizations)

DAY = "2026-11-29"
SUFFIX = {"text": "txt", "json": "json", "csv": "csv", "markdown": "md", "html": "html"}
# Every example export, with the profiles file and the map it goes with.
CASES = (
    ("mailboxes.csv", "profiles.csv", None),
    ("mailboxes.json", None, None),
    ("mailboxes.xlsx", "profiles.xlsx", None),
    ("mailboxes-damaged.csv", "profiles.csv", None),
    ("mailboxes-logical.csv", "profiles.csv", "map.yaml"),
    ("mailboxes-unexpanded.json", "profiles.json", None),
    ("mailboxes.csv", None, None),  # profiles named, none known: every judged row open on its type
)


def _words(mailboxes: Path, profiles: Path | None, email_map: Path | None) -> list[str]:
    words = ["audit", str(mailboxes), "--as-of", DAY]
    words += ["--profiles", str(profiles)] if profiles else []
    return words + (["--map", str(email_map)] if email_map else [])


def _whole(mailboxes: Path, profiles: Path | None, email_map: Path | None, fmt: str, lang: str) -> bytes:
    """The report as the whole document of the Audit held in memory (what the dashboard downloads)."""
    knowledge = kb.load(None).as_of(datetime.date.fromisoformat(DAY))
    found = load_map(email_map, knowledge) if email_map else None
    result = audit(knowledge, read_export(str(mailboxes), str(profiles) if profiles else None), email_map=found)
    said = report.render(result, fmt, lang).encode()
    return EXCEL_BOM.encode() + said if fmt == "csv" else said  # a CSV file starts with the mark Excel needs


def _streamed(words: list[str], out: Path, fmt: str, lang: str) -> bytes:
    assert main([*words, "--format", fmt, "--lang", lang, "--output", str(out)]) in (0, 1)
    return out.read_bytes()


@pytest.fixture
def small_pieces(monkeypatch):
    """Blocks of 3 rows and chunks of 100 characters: every boundary of the stream is crossed."""
    monkeypatch.setattr(stream, "BLOCK", 3)
    monkeypatch.setattr(report, "CHUNK", 100)


@pytest.mark.parametrize(("mailboxes", "profiles", "email_map"), CASES)
def test_the_streamed_report_is_the_whole_report_in_every_format_and_language(
    mailboxes, profiles, email_map, tmp_path, small_pieces
):
    paths = [EXAMPLES / name if name else None for name in (mailboxes, profiles, email_map)]
    words = _words(*paths)
    for fmt in report.FORMATS:
        for lang in ("en", "vi"):
            whole = _whole(*paths, fmt, lang)
            assert _streamed(words, tmp_path / f"r.{SUFFIX[fmt]}", fmt, lang) == whole, (mailboxes, fmt, lang)


def test_a_generated_organization_streams_as_it_is_written_whole(tmp_path, small_pieces, monkeypatch):
    """2,000 mailboxes of every kind (benchmarks/exports.py), some of them damaged: groups of many
    rows, rows of warnings, open verdicts, unreadable rows."""
    monkeypatch.setattr(report, "CHUNK", 4096)
    boxes, known = exports.organization(2000, seed=11)
    damaged, said = exports.damaged_rows(boxes)  # the damage of mailboxes-damaged.csv, among 2,000 rows
    assert said
    mailboxes, profiles = tmp_path / "m.csv", tmp_path / "p.csv"
    exports.write_csv(mailboxes, boxes, known, profiles_path=profiles, rows=damaged)
    words = _words(mailboxes, profiles, None)
    for fmt in report.FORMATS:
        whole = _whole(mailboxes, profiles, None, fmt, "en")
        assert _streamed(words, tmp_path / f"r.{SUFFIX[fmt]}", fmt, "en") == whole, fmt
    # The chunks of text that standard output is written from.
    knowledge = kb.load(None).as_of(datetime.date.fromisoformat(DAY))
    with stream.Spool() as spool:
        streamed = stream.audit(knowledge, read_export(str(mailboxes), str(profiles), into=spool))
        chunks = list(report.text_chunks(streamed, "text", "en"))
    assert len(chunks) > 1
    assert "".join(chunks) == _whole(mailboxes, profiles, None, "text", "en").decode()


def _peak(rows: int, folder: Path, fmt: str) -> int:
    """tracemalloc's peak, in bytes, of `syncmatrix audit` of `rows` generated mailboxes to a file."""
    boxes, known = exports.organization(rows, seed=rows)
    mailboxes, profiles = folder / f"m{rows}.csv", folder / f"p{rows}.csv"
    exports.write_csv(mailboxes, boxes, known, profiles_path=profiles)
    del boxes
    words = [*_words(mailboxes, profiles, None), "--format", fmt, "--output", str(folder / f"r{rows}.{fmt}")]
    main(words)  # once before: what is loaded once (the knowledge base's modules) is not counted
    tracemalloc.start()
    try:
        assert main(words) in (0, 1)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["text", "csv", "json"])
def test_the_memory_of_an_audit_does_not_grow_with_its_rows(tmp_path, fmt):
    """Four times the rows, not four times the memory: before streaming, the peak grew with the rows
    (every row a MailboxRow and a Judged, and the whole report in memory)."""
    small, large = _peak(5_000, tmp_path, fmt), _peak(20_000, tmp_path, fmt)
    assert large < 1.5 * small, (small, large)


def test_an_output_written_in_pieces_is_whole_or_not_written(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("the old report\n")
    with pytest.raises(RuntimeError), writing_atomically(str(target)) as out:
        out.write(b"half of a ")
        raise RuntimeError("the report failed halfway")
    assert target.read_text() == "the old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]  # no temporary file left
    with writing_atomically(str(target)) as out:
        out.write(b"a new ")
        out.write(b"report\n")
    assert target.read_text() == "a new report\n"
    with pytest.raises(InputError):  # a folder is refused before anything is written
        writing_atomically(str(tmp_path)).__enter__()


def test_the_spool_keeps_one_row_per_kind_and_gives_every_row_back_in_order(tmp_path):
    export = read_export(str(EXAMPLES / "mailboxes.csv"), str(EXAMPLES / "profiles.csv"))
    spool = stream.Spool(block=5)
    spool.extend(export.mailboxes)
    assert len(spool) == len(export.mailboxes)
    assert list(spool) == list(export.mailboxes)
    assert len(spool.prototypes) < len(export.mailboxes)
    some = {0, 2}
    assert [box for kind, box in spool.rows(some)] == [
        box for box in export.mailboxes if spool.kind_of[stream.signature(box)] in some
    ]
    spool.close()
    assert list(spool) == []


# --- the dashboard: its reading within the question's time limit ------------------------------------


def test_the_dashboard_reads_an_export_within_the_time_limit_of_a_question(monkeypatch):
    """Before, only the judging had a limit: a slow file kept the page reading for as long as it took."""
    pytest.importorskip("streamlit", reason="the dashboard extra is not installed")
    from streamlit.testing.v1 import AppTest

    from syncmatrix.dashboard import audit_tab, questions

    audit_tab.audited.clear()
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.query_params.update({"as_of": DAY, "lang": "en"})
    at.run()
    at.session_state["tabs:en"] = t("tab_audit", "en")
    at.run()
    monkeypatch.setattr(questions, "QUESTION_SECONDS", 1e-9)  # no reading ends within it
    content = (EXAMPLES / "mailboxes.csv").read_bytes()
    at.file_uploader(key="audit_file:export").set_value(("mailboxes.csv", content, "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    said = t("dash_audit_too_slow", "en", name=links.escape_markdown("mailboxes.csv"), seconds=1e-9)
    assert [e.value for e in at.error] == [said]
    assert not at.metric
    audit_tab.audited.clear()


def test_no_temporary_file_of_the_spool_is_left_on_disk(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    out = tmp_path / "out"
    out.mkdir()
    words = _words(EXAMPLES / "mailboxes.csv", EXAMPLES / "profiles.csv", None)
    assert main([*words, "--output", str(out / "r.json")]) in (0, 1)
    assert sorted(os.listdir(tmp_path)) == ["out"]
