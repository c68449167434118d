"""The support table: derived from the rules, faithful to the page, in every format and language."""

from __future__ import annotations

import datetime
import json
import re
import stat
from pathlib import Path

import pytest
from kbtools import copy_kb, edit

from syncmatrix import kb
from syncmatrix.cli import main
from syncmatrix.present.table import build_table, render
from syncmatrix.solver import SupportModel

ROOT = Path(__file__).resolve().parent.parent
FORMATS = {"markdown": "md", "html": "html", "csv": "csv", "json": "json"}
#: The day of the dated tables published beside the page's own (docs/support-table-DAY.LANG.EXT).
PUBLISHED_DAY = datetime.date(2026, 11, 29)
#: A published table's name: support-table[-DAY].LANG.EXT; without a day, the page's own table.
PUBLISHED = re.compile(r"support-table(?:-(?P<day>\d{4}-\d{2}-\d{2}))?\.(?P<lang>en|vi)\.(?:md|html)")


@pytest.fixture(scope="module")
def table(model):
    """The page's own table (`model` is the page alone)."""
    return build_table(model)


@pytest.fixture(scope="module")
def dated_table(page_kb):
    """The table as of the day of the published dated tables."""
    return build_table(SupportModel(page_kb.as_of(PUBLISHED_DAY)))


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(table, golden, fmt, lang):
    # The published Markdown and HTML tables in docs/ are the golden files of those formats.
    name = f"support-table.{lang}.{FORMATS[fmt]}"
    golden(
        f"../../docs/{name}" if fmt in ("markdown", "html") else f"table.{lang}.{FORMATS[fmt]}",
        render(table, fmt, lang),
    )


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_golden_as_of(dated_table, golden, fmt, lang):
    # The dated tables published in docs/ are the golden files of the table as of their day.
    golden(f"../../docs/support-table-{PUBLISHED_DAY}.{lang}.{FORMATS[fmt]}", render(dated_table, fmt, lang))


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_golden_as_of_in_data_formats(dated_table, golden, fmt):
    golden(f"table-{PUBLISHED_DAY}.en.{FORMATS[fmt]}", render(dated_table, fmt, "en"))


@pytest.mark.parametrize("fmt", ["markdown", "json", "csv", "html"])
def test_golden_with_sources(table, golden, fmt):
    golden(f"table.en.sources.{FORMATS[fmt]}", render(table, fmt, "en", sources=True))


def test_the_english_table_states_the_facts_of_the_page(table):
    doc = json.loads(render(table, "json", "en"))
    assert [row["deployment"] for row in doc["rows"]] == ["onprem", "onprem"]
    first, second = doc["rows"]
    # The systems the page names in each row, in its order; a system added to data/ may join a row.
    page_rows = (
        ["exchange_online", "exchange_2010", "exchange_2013", "exchange_2016", "exchange_2019"],
        ["gmail", "yahoo_mail", "msn", "outlook_com", "windows_live_mail"],
    )
    for row, named in zip((first, second), page_rows, strict=True):
        assert [system for system in row["email_systems"] if system in named] == named
        assert not {"exchange_2003", "exchange_2007", "other_pop3_imap"} & set(row["email_systems"])
    assert (first["email_sync"], first["act_sync"], first["protocols"]) == (True, True, ["ews/ews"])
    assert first["footnotes"] == {}
    assert (second["email_sync"], second["act_sync"], second["protocols"]) == (True, False, ["pop3/smtp", "imap/smtp"])
    marked = {"msn": ["1"], "outlook_com": ["1"], "windows_live_mail": ["1"]}
    assert {s: m for s, m in second["footnotes"].items() if s in page_rows[1]} == marked
    assert [f["mark"] for f in doc["footnotes"]] == ["1"]
    assert len(doc["unsupported"]) == 8  # the eight items of the page's list
    assert len(doc["notes"]) == 5  # the four items of the Important box and the Note
    markdown = render(table, "markdown", "en")
    assert "| Yes | Yes | Exchange Web Services (EWS) |" in markdown
    assert "| Yes | No | POP3/SMTP<br>IMAP/SMTP |" in markdown
    assert "- MSN<sup>1</sup><br>- Outlook.com<sup>1</sup><br>- Windows Live Mail<sup>1</sup>" in markdown
    assert "Yahoo! Mail" in markdown and "Exchange Server 2003" not in markdown.split("##")[0]


def test_the_vietnamese_table_uses_microsofts_terms(table):
    markdown = render(table, "markdown", "vi")
    assert "| Triển khai | Hệ thống email | Đồng bộ hóa email |" in markdown
    assert "| Có | Có |" in markdown and "| Có | Không |" in markdown
    for english in ("Yes", "No ", "Email synchronization", "Unsupported", "Notes"):
        assert english not in markdown


def table_of(root: Path) -> dict:
    return json.loads(render(build_table(SupportModel(kb.load(root))), "json", "en"))


def test_a_system_with_the_rules_of_exchange_2019_joins_the_first_row(tmp_path):
    root = copy_kb("table-page", tmp_path)
    assert [row["email_systems"] for row in table_of(root)["rows"]] == [
        ["exchange_2016", "exchange_2019"],
        ["gmail", "yahoo_mail", "msn"],
    ]
    # A new system: one value and its place in the group whose rules it shares.
    edit(
        root,
        "variables.yaml",
        "      - name: gmail\n",
        '      - name: exchange_se\n        label: {en: "Exchange Server SE", vi: "Exchange Server SE"}\n'
        "      - name: gmail\n",
    )
    edit(
        root,
        "variables.yaml",
        "values: [exchange_2016, exchange_2019]",
        "values: [exchange_2016, exchange_2019, exchange_se]",
    )
    rows = table_of(root)["rows"]
    assert [row["email_systems"] for row in rows] == [
        ["exchange_2016", "exchange_2019", "exchange_se"],
        ["gmail", "yahoo_mail", "msn"],
    ]


def test_a_footnote_follows_its_rule(tmp_path):
    root = copy_kb("table-page", tmp_path)
    assert table_of(root)["rows"][1]["footnotes"] == {"msn": ["1"]}
    # Gmail joins the FIPS error rule that cites the footnote: it gets the mark, and the rows stay
    # as they are.
    edit(root, "rules/page.yaml", "email_system: [msn]", "email_system: [gmail, msn]")
    edit(root, "rules/page.yaml", "email_system: [gmail, yahoo_mail]", "email_system: [yahoo_mail]")
    doc = table_of(root)
    assert doc["rows"][1]["footnotes"] == {"gmail": ["1"], "msn": ["1"]}
    assert [row["email_systems"] for row in doc["rows"]] == [
        ["exchange_2016", "exchange_2019"],
        ["gmail", "yahoo_mail", "msn"],
    ]


def test_html_is_a_standalone_accessible_page(table):
    page = render(table, "html", "vi")
    assert page.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert "<caption>" in page and '<th scope="col">' in page and '<th scope="row">' in page
    assert "<script" not in page.lower()
    assert "<td>Có</td>" in page  # Yes/No in words, never by colour alone


def published_options(name: str) -> list[str]:
    """The options a published table is generated with, read from its name: its language, and the
    page's own table (support-table.LANG.EXT) with --page-only, a dated one (support-table-DAY.LANG.EXT)
    with --as-of DAY."""
    found = PUBLISHED.fullmatch(name)
    assert found, f"docs/{name}: not a name of a published table (support-table[-YYYY-MM-DD].LANG.md|html)"
    return ["--lang", found["lang"], *(["--as-of", found["day"]] if found["day"] else ["--page-only"])]


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "docs").glob("support-table*")))
def test_published_tables_are_current(capsys, name):
    # The documentation's tables must be regenerated whenever the rules change, each with the options
    # its name says: whatever today is, a published table is about the day it names, or the page alone.
    code = main(["table", *published_options(name), "--check", str(ROOT / "docs" / name)])
    out, err = capsys.readouterr()
    assert code == 0, f"docs/{name} is stale:\n{out}{err}"


def test_the_options_of_a_published_table_follow_its_name():
    assert published_options("support-table.vi.html") == ["--lang", "vi", "--page-only"]
    assert published_options("support-table-2026-11-29.en.md") == ["--lang", "en", "--as-of", "2026-11-29"]
    with pytest.raises(AssertionError, match="not a name of a published table"):
        published_options("support-table.fr.md")


def test_every_published_table_exists():
    # The page's own table and the table as of PUBLISHED_DAY, in both languages, Markdown and HTML.
    assert sorted(p.name for p in (ROOT / "docs").glob("support-table*")) == sorted(
        f"support-table{day}.{lang}.{ext}"
        for day in ("", f"-{PUBLISHED_DAY}")
        for lang in ("en", "vi")
        for ext in ("md", "html")
    )


def test_check_catches_a_stale_file_and_output_refreshes_it(capsys, tmp_path, table):
    target = tmp_path / "table.md"
    target.write_text("| an old table |\n", encoding="utf-8")
    assert main(["table", "--page-only", "--check", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"--- {target} (published)") and "-| an old table |" in out
    assert "is stale; regenerate it with: syncmatrix table --format markdown --lang en --page-only --output" in err
    assert main(["table", "--page-only", "--output", str(target)]) == 0
    assert main(["table", "--page-only", "--check", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == render(table, "markdown", "en")


def test_a_csv_file_starts_with_the_mark_excel_needs_and_checks_with_it(capsys, tmp_path, table):
    target = tmp_path / "table.csv"
    assert main(["table", "--page-only", "--output", str(target)]) == 0
    assert target.read_bytes() == "\ufeff".encode() + render(table, "csv", "en").encode()
    assert main(["table", "--page-only", "--check", str(target)]) == 0  # the file as --output writes it is current
    capsys.readouterr()
    assert main(["table", "--page-only", "--format", "csv"]) == 0
    assert capsys.readouterr().out == render(table, "csv", "en")  # standard output, for scripts: no mark


def test_format_follows_the_file_name(capsys, tmp_path):
    target = tmp_path / "table.json"
    assert main(["table", "--page-only", "--output", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["rows"]


def test_output_into_a_missing_folder_is_bad_input(capsys, tmp_path):
    assert main(["table", "--output", str(tmp_path / "missing" / "t.md")]) == 2
    _, err = capsys.readouterr()
    assert "the folder" in err and "does not exist" in err


def test_output_onto_a_read_only_file_leaves_it_intact(capsys, tmp_path):
    target = tmp_path / "t.md"
    target.write_text("keep me\n", encoding="utf-8")
    target.chmod(stat.S_IRUSR)
    assert main(["table", "--output", str(target)]) == 2
    assert "read-only" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_output_into_a_read_only_folder_leaves_the_file_intact(capsys, tmp_path, monkeypatch):
    target = tmp_path / "t.md"
    target.write_text("keep me\n", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("os.replace", refuse)
    assert main(["table", "--output", str(target)]) == 2
    _, err = capsys.readouterr()
    assert "Permission denied" in err and "left as it was" in err
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.md"]  # no temporary file left behind


def test_output_and_check_together_are_refused(capsys, tmp_path):
    assert main(["table", "--output", "a.md", "--check", "b.md"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err
