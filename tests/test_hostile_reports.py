"""Issue 20, items 1-3 and the report's part of item 9: an export whose names, emails and ids are
typed to attack whoever opens its report, in a spreadsheet, a Markdown viewer or a terminal.

Each mailbox below is one attack; each test reads what a viewer would read: the csv module's rows
of the CSV report, the lines of the Markdown, the bytes of the text written with --output, the lines
of standard output. The unit tests of syncmatrix.present.safe come first."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from syncmatrix.cli import main
from syncmatrix.present import safe
from syncmatrix.present.text import escape
from syncmatrix.present.words import message, t

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "tests" / "exports" / "profiles.csv"
DAY = ["--as-of", "2026-11-29"]

# --- syncmatrix.present.safe -------------------------------------------------------------------------

RAW = ("\x1b", "\x07", "\x9b", "\r", "\u202e", "\u2066", "\u2069", "\u200f", "\u2028", "\u2029", "\x85")


def test_plain_shows_what_standard_output_shows_and_keeps_lines():
    # Every character below U+3000 but the surrogates, as present.text.escape shows it.
    text = "".join(chr(c) for c in range(0x3000) if not 0xD800 <= c <= 0xDFFF)
    assert safe.plain(text) == escape(text)
    assert safe.plain("a\nb") == "a\nb"
    assert safe.plain("\x1b]8;;http://x\x07") == "\\u001b]8;;http://x\\u0007"


def test_line_never_breaks_a_line_and_shows_each_break():
    for char in ("\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"):
        shown = safe.line(f"Eve{char}Summary")
        assert shown == f"Eve\\u{ord(char):04x}Summary"
        assert len(shown.splitlines()) == 1
    assert safe.line("Ana Souza") == "Ana Souza"
    assert safe.line("Kết\tluận") == "Kết\tluận"  # a tab is no line break


@pytest.mark.parametrize("function", [safe.plain, safe.line, safe.markdown, safe.csv_cell])
def test_a_lone_surrogate_becomes_the_replacement_character_and_encodes(function):
    shown = function("Sur\ud800rogate\udfff")
    assert shown.encode("utf-8")
    assert "\ufffd" in shown and "\ud800" not in shown


@pytest.mark.parametrize("sign", ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"])
def test_a_cell_that_a_spreadsheet_would_run_is_text(sign):
    cell = safe.csv_cell(f'{sign}HYPERLINK("http://x")')
    assert isinstance(cell, str) and cell.startswith(("'", "\\u000d"))  # a CR is shown, not kept
    assert not cell.startswith(safe.FORMULA_STARTS)


def test_a_cell_of_our_own_numbers_or_plain_text_is_as_it_is():
    assert safe.csv_cell(42) == 42
    assert safe.csv_cell("Ana Souza") == "Ana Souza"
    assert safe.csv_cell("a=b") == "a=b"  # a formula only at the start


def test_csv_lines_end_in_cr_lf_and_no_cell_breaks_a_row():
    text = safe.csv_text([["row", "name"], [2, "Eve\rHYPERLINK"], [3, "Trent\nSummary"], [4, '=1+1,"x"']])
    assert text.endswith("\r\n") and text.count("\r\n") == 4
    assert "\r" not in text.replace("\r\n", "") and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [["row", "name"], ["2", "Eve\\u000dHYPERLINK"], ["3", "Trent\\u000aSummary"], ["4", '\'=1+1,"x"']]


def test_csv_lines_may_end_in_lf_for_the_published_tables():
    assert safe.csv_text([["a", "b,c"], ["d\re", "f"]], line_end="\n") == 'a,"b,c"\nd\\u000de,f\n'


def test_markdown_cannot_make_an_image_a_link_html_code_or_a_new_row():
    shown = safe.markdown("![x](http://tracker/p.png) <img src=x> `code` a|b [y]: http://z \\ end!")
    assert not re.search(r"(?<!\\)[\[\]<>`|]", shown.replace("\\\\", ""))
    assert "\\!\\[x\\]" in shown and shown.endswith("end\\!")
    assert safe.markdown("Eve\r\n# Injected\u2028row") == "Eve # Injected row"
    assert safe.markdown("# heading") == "\\# heading"
    assert safe.markdown("Yahoo! Mail") == "Yahoo! Mail"  # "!" is markup only before "["
    assert safe.markdown("\x1b[31m\u202e") == "\\\\u001b\\[31m\\\\u202e"


def test_markdown_url_cannot_end_its_link_or_break_its_line():
    assert safe.markdown_url("https://learn.microsoft.com/a#b?c=d") == "https://learn.microsoft.com/a#b?c=d"
    shown = safe.markdown_url("http://x/a) ![y](http://t/p.png\n")
    assert not any(char in shown for char in " ()<>\n") and shown.startswith("http://x/a%29%20!")


# --- the hostile export ------------------------------------------------------------------------------

HEADER = [
    "(Do Not Modify) Mailbox",
    "Name",
    "Email Address",
    "Status",
    "Incoming Email",
    "Outgoing Email",
    "Appointments, Contacts, and Tasks",
    "Server Profile",
]
SYNC = ["Active", "Server-Side Synchronization", "Server-Side Synchronization", "Server-Side Synchronization"]
FORMULA_ID = '=HYPERLINK("http://x","click")'
IMAGE = "![x](http://tracker/p.png)"
OSC = "Mallory\x1b]8;;http://x\x07link\x1b]8;;\x07 \u202eevil\u2066"
FORGED = "Summary: 0 unsupported"
# Every mailbox is on Exchange Server 2016 (EXCH2016), out of support on the day: every one is
# unsupported, so every report lists every one of them.
HOSTILE = [
    (FORMULA_ID, "Eve\rHYPERLINK", "eve@contoso.com"),
    ("id-2", IMAGE, "img@contoso.com"),
    ("id-3", OSC, "mallory@contoso.com"),
    ("id-4", f"Trent\n{FORGED}", "trent@contoso.com"),
    ("id-5", "Oscar\r## Injected heading", "@SUM(1+1)"),
    ("id-6", "Peggy\u2028" + FORGED, "-2+3"),
]


def hostile_csv(folder: Path) -> Path:
    path = folder / "hostile.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows([[id_, name, email, *SYNC, "Exchange OnPrem"] for id_, name, email in HOSTILE])
    return path


def hostile_json(folder: Path, names: list[str]) -> Path:
    """A Web API export (expanded profiles) whose names are `names`: JSON may say a lone surrogate."""
    profile = {
        "name": "Exchange OnPrem",
        "servertype": 0,
        "servertype@OData.Community.Display.V1.FormattedValue": "Exchange Server",
        "incomingserverlocation": "https://exch2016.contoso.local/EWS/Exchange.asmx",
        "outgoingserverlocation": "https://exch2016.contoso.local/EWS/Exchange.asmx",
    }
    value = [
        {
            "mailboxid": f"0b5c1c2e-0001-4000-8000-{n:012d}",
            "name": name,
            "emailaddress": f"m{n}@contoso.com",
            "statecode": 0,
            "incomingemaildeliverymethod": 2,
            "outgoingemaildeliverymethod": 2,
            "actdeliverymethod": 2,
            "emailserverprofile": profile,
        }
        for n, name in enumerate(names, start=1)
    ]
    path = folder / "hostile.json"
    path.write_text(json.dumps({"value": value}), encoding="utf-8")  # ASCII: "\ud800" as an escape
    return path


# Without it the version of the Exchange Server is open, and Exchange SE would keep them supported.
EXCH2016 = ["--map", str(ROOT / "tests" / "exports" / "exch2016-map.yaml")]


def audit(capsys, export: Path, *more: str) -> tuple[int, str, str]:
    words = ["audit", str(export), *DAY, *EXCH2016, *more]
    if export.suffix == ".csv":
        words += ["--profiles", str(PROFILES)]
    code = main(words)
    out, err = capsys.readouterr()
    return code, out, err


def written(capsys, tmp_path: Path, name: str, *more: str) -> str:
    """The report of the hostile export written with --output `name`, as its file holds it."""
    target = tmp_path / name
    code, out, err = audit(capsys, hostile_csv(tmp_path), "--output", str(target), *more)
    assert (code, out, err) == (1, "", "")
    return target.read_bytes().decode("utf-8")


def unescaped(text: str) -> str:
    """Markdown as a viewer shows it: each backslash escape taken away."""
    return re.sub(r"\\(.)", r"\1", text)


def names_of(text: str) -> None:
    """Every hostile mailbox is in the report (the tests below are not passing on an empty one)."""
    for word in ("Eve", "tracker", "Mallory", "Trent", "Oscar", "Peggy"):
        assert word in text, word


# --- 1. CSV -------------------------------------------------------------------------------------------


def test_the_csv_report_has_one_row_per_mailbox_and_no_cell_a_spreadsheet_runs(capsys, tmp_path):
    data = written(capsys, tmp_path, "r.csv")
    names_of(data)
    rows = list(csv.reader(io.StringIO(data, newline="")))
    assert len(rows) == 1 + len(HOSTILE)  # a bare CR in a name made a row of "HYPERLINK" of its own
    numbers = [int(row[0]) for row in rows[1:]]  # each row's own number, as the reader counts them
    assert numbers == sorted(set(numbers))
    assert {len(row) for row in rows} == {len(rows[0])}
    for row in rows:
        for cell in row:
            assert not cell.startswith(safe.FORMULA_STARTS), row
    assert rows[1][1] == "'" + FORMULA_ID  # the id column: '=HYPERLINK(…)' was written raw


def test_the_csv_report_ends_its_lines_in_cr_lf_and_breaks_no_line_inside_a_cell(capsys, tmp_path):
    data = written(capsys, tmp_path, "r.csv")
    lines = data.split("\r\n")
    assert lines[-1] == "" and len(lines) == 2 + len(HOSTILE)
    assert not any(char in data.replace("\r\n", "") for char in ("\n", *RAW))


def test_the_csv_report_on_standard_output_is_the_file(capsys, tmp_path):
    export = hostile_csv(tmp_path)
    code, out, err = audit(capsys, export, "--format", "csv")
    assert code == 1 and err == ""
    code, _, _ = audit(capsys, export, "--output", str(tmp_path / "r.csv"))
    with (tmp_path / "r.csv").open(encoding="utf-8", newline="") as written_:
        assert "\ufeff" + out == written_.read()  # the file after the mark Excel needs (safe.EXCEL_BOM)


# --- 2. Markdown --------------------------------------------------------------------------------------


def test_the_markdown_report_shows_no_image_no_heading_and_breaks_no_table(capsys, tmp_path):
    data = written(capsys, tmp_path, "r.md")
    names_of(data)
    assert "\r" not in data
    assert "Oscar## Injected heading" in unescaped(data)  # the CR removed, the "#" inside a cell
    assert not re.search(r"(?<!\\)!\[", data)  # ![x](http://tracker/p.png) rendered as an image
    assert "\\!\\[x\\]\\(http://tracker/p.png)" in data or "\\!\\[x\\](http://tracker/p.png)" in data
    assert not [line for line in data.splitlines() if "Injected heading" in line and line.startswith("#")]
    assert not [line for line in data.splitlines() if line.startswith(FORGED)]
    # Every row of the table of every mailbox is one line of the file, the mailbox's row first.
    table = [line for line in data.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len({int(line.split("|")[1]) for line in table}) == len(HOSTILE)
    assert not any(char in data for char in RAW)


# --- 3. terminal escapes and forged lines --------------------------------------------------------------


@pytest.mark.parametrize("name", ["r.txt", "r.csv", "r.md", "r.html"])
def test_files_written_with_output_hold_no_escape_bel_or_bidirectional_mark(capsys, tmp_path, name):
    data = written(capsys, tmp_path, name)
    names_of(data)
    for char in RAW:
        assert char not in data.replace("\r\n", "" if name == "r.csv" else "\r\n"), (name, repr(char))
    shown = unescaped(data) if name == "r.md" else data
    assert "\\u001b]8;;http://x\\u0007" in shown


def test_the_text_file_is_what_standard_output_shows(capsys, tmp_path):
    export = hostile_csv(tmp_path)
    code, out, err = audit(capsys, export)
    assert code == 1 and err == ""
    audit(capsys, export, "--output", str(tmp_path / "r.txt"))
    assert (tmp_path / "r.txt").read_text(encoding="utf-8") == out


@pytest.mark.parametrize("fmt", ["text", "csv", "markdown"])
def test_a_name_never_forges_a_line_on_standard_output(capsys, tmp_path, fmt):
    code, out, err = audit(capsys, hostile_csv(tmp_path), "--format", fmt)
    assert code == 1 and err == ""
    names_of(out)
    assert not [line for line in out.splitlines() if line.lstrip("| '").startswith(FORGED)]
    # Markdown folds a line break to a space; the text and the CSV show it.
    assert ("Trent Summary: 0" if fmt == "markdown" else "Trent\\u000aSummary: 0") in out


def test_a_name_never_forges_a_line_of_the_text_file(capsys, tmp_path):
    data = written(capsys, tmp_path, "r.txt")
    assert not [line for line in data.splitlines() if line.lstrip().startswith(FORGED)]
    assert "Peggy\\u2028Summary" in data


# --- lone surrogates (item 9) ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["r.txt", "r.csv", "r.md", "r.html", "r.json"])
def test_a_lone_surrogate_in_a_name_never_fails_a_report(capsys, tmp_path, name):
    export = hostile_json(tmp_path, ["Ana Souza", "Sur\ud800rogate"])
    target = tmp_path / name
    code, out, err = audit(capsys, export, "--output", str(target))
    assert (code, out, err) == (1, "", ""), err
    data = target.read_text(encoding="utf-8")
    assert "Ana Souza" in data
    assert ("Sur\ufffdrogate" in data) or (name == "r.json" and "Sur\\ud800rogate" in data)


@pytest.mark.parametrize("fmt", ["text", "csv", "markdown", "html"])
def test_a_lone_surrogate_on_standard_output_is_the_replacement_character(capsys, tmp_path, fmt):
    code, out, err = audit(capsys, hostile_json(tmp_path, ["Sur\ud800rogate"]), "--format", fmt)
    assert code == 1 and err == ""
    assert "Sur\ufffdrogate" in out


# --- what --output writes (item 9) --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["r.xlsx", "r.pdf", "r", "r.json.bak"])
def test_an_output_suffix_the_audit_does_not_write_is_refused_without_a_format(capsys, tmp_path, name):
    code, out, err = audit(capsys, hostile_csv(tmp_path), "--output", str(tmp_path / name))
    assert code == 2 and out == ""
    said = message("audit_output_suffix", "en", {"path": str(tmp_path / name), "suffix": Path(name).suffix})
    assert err == f"syncmatrix: {said}\n"
    assert ".csv" in err and ".txt" in err and "--format" in err
    assert not (tmp_path / name).exists()


def test_an_output_suffix_the_audit_does_not_write_is_written_as_an_explicit_format_says(capsys, tmp_path):
    target = tmp_path / "r.xlsx"
    code, out, err = audit(capsys, hostile_csv(tmp_path), "--output", str(target), "--format", "csv")
    assert (code, out, err) == (1, "", "")
    assert next(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))[0] == t("audit_col_row", "en")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_an_output_refused_for_an_audit_names_the_report_not_the_table(capsys, tmp_path, lang):
    folder = tmp_path / "r.csv"
    folder.mkdir()
    link = tmp_path / "fifo.csv"
    import os

    os.mkfifo(link)
    code, out, err = audit(capsys, hostile_csv(tmp_path), "--output", str(link), "--lang", lang)
    assert code == 2 and out == ""
    assert (
        err
        == f"syncmatrix: {message('output_special_report', lang, {'path': str(link), 'kind': t('kind_fifo', lang)})}\n"
    )
    assert t("output_special", lang, path=str(link), kind=t("kind_fifo", lang)) not in err


# --- "1 mailboxes" (item 9) ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_one_mailbox_is_said_in_the_singular(capsys, tmp_path, fmt, lang):
    export = hostile_json(tmp_path, ["Ana Souza"])
    code, out, err = audit(capsys, export, "--format", fmt, "--lang", lang)
    assert code == 1 and err == ""
    if lang == "en":
        assert "1 mailboxes" not in out
    of = t("audit_of_one", lang, path=str(export), shape="web-api")
    assert (safe.markdown(of) if fmt == "markdown" else of) in out
    if fmt == "text":
        assert t("audit_needs_action_one", lang) in out


# --- the support table: the same functions over the knowledge base's texts ------------------------------


def hostile_table_kb(folder: Path) -> Path:
    """tests/kbs/cli-table with labels typed to attack: a formula and a CR, an image, an OSC link."""
    import shutil

    kb_dir = folder / "kb"
    shutil.copytree(ROOT / "tests" / "kbs" / "cli-table", kb_dir)
    variables = kb_dir / "variables.yaml"
    text = variables.read_text(encoding="utf-8")
    for before, after in (
        ('{en: "On-premises"', '{en: "=HYPERLINK(\\"http://x\\")\\rX"'),
        ('{en: "Gmail"', '{en: "![x](http://tracker/p.png)"'),
        ('{en: "Exchange Online"', '{en: "Ex\\e]8;;http://x\\achange\\u202e"'),
    ):
        assert before in text
        text = text.replace(before, after)
    variables.write_text(text, encoding="utf-8")
    return kb_dir


def table_file(capsys, tmp_path: Path, name: str) -> str:
    target = tmp_path / name
    code = main(["table", "--kb", str(hostile_table_kb(tmp_path)), "--output", str(target)])
    out, err = capsys.readouterr()
    assert (code, out, err) == (0, "", "")
    with target.open(encoding="utf-8", newline="") as written_:
        return written_.read()


def test_the_table_as_csv_has_no_formula_and_no_extra_row(capsys, tmp_path):
    data = table_file(capsys, tmp_path, "t.csv")
    assert "tracker" in data and "HYPERLINK" in data
    rows = list(csv.reader(io.StringIO(data, newline="")))
    assert [cell for row in rows for cell in row if cell.startswith(safe.FORMULA_STARTS)] == []
    assert not any(row and row[0] == "X" for row in rows)  # the CR made a row of its own
    assert "\r" not in data and not any(char in data for char in RAW)


def test_the_table_as_markdown_shows_no_image_and_no_raw_control(capsys, tmp_path):
    data = table_file(capsys, tmp_path, "t.md")
    assert "tracker" in data
    assert not re.search(r"(?<!\\)!\[", data) and "\\!\\[x\\]" in data
    assert "\r" not in data and not any(char in data for char in RAW)


def test_the_table_as_html_holds_no_raw_control(capsys, tmp_path):
    data = table_file(capsys, tmp_path, "t.html")
    assert "tracker" in data and "\\u001b]8;;http://x\\u0007" in data
    assert not any(char in data for char in RAW)


# --- the dashboard's table of mailboxes (item 1: its own download, never the toolbar's) -----------------


def test_the_dashboard_downloads_its_table_as_safe_csv_and_hides_the_toolbars_download(tmp_path, monkeypatch):
    pytest.importorskip("streamlit", reason="the dashboard extra is not installed")
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.testing.v1 import AppTest

    made = {}  # what each deferred download would write, by its file id
    original = MediaFileManager.add_deferred

    def recording(self, data_callable, *args, **kwargs):
        file_id = original(self, data_callable, *args, **kwargs)
        made[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.query_params.update({"as_of": "2026-11-29", "lang": "en"})
    at.run()
    at.session_state["tabs:en"] = t("tab_audit", "en")
    at.run()
    at.file_uploader(key="audit_file:profiles").set_value(("profiles.csv", PROFILES.read_bytes(), "text/csv"))
    at.run()
    export = hostile_csv(tmp_path).read_bytes()
    at.file_uploader(key="audit_file:export").set_value(("hostile.csv", export, "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    button = next(b for b in at.get("download_button") if b.proto.label == t("dash_audit_table_download", "en"))
    data = made[button.proto.deferred_file_id]()
    assert data.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    text = data.decode("utf-8-sig")
    names_of(text)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 1 + len(HOSTILE) and {len(row) for row in rows} == {len(rows[0])}
    assert [cell for row in rows for cell in row if cell.startswith(safe.FORMULA_STARTS)] == []
    assert not any(char in text.replace("\r\n", "") for char in ("\n", *RAW))
    # Streamlit's own download of this table, which writes names raw, is hidden on it.
    styles = [element.proto.body for element in at.get("html")]
    assert any(
        ".st-key-audit_table-en [data-testid=stElementToolbar]" in style and "Download as CSV" in style
        for style in styles
    ), styles


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_dashboard_says_one_mailbox_in_the_singular(tmp_path, lang):
    pytest.importorskip("streamlit", reason="the dashboard extra is not installed")
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.query_params.update({"as_of": "2026-11-29", "lang": lang})
    at.run()
    at.session_state[f"tabs:{lang}"] = t("tab_audit", lang)
    at.run()
    export = hostile_json(tmp_path, ["Ana Souza"]).read_bytes()
    at.file_uploader(key="audit_file:export").set_value(("one.json", export, "application/json"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    said = [m.value for m in at.markdown] + [c.value for c in at.caption]
    name = "one\\.json"  # as Markdown escapes it
    assert "**" + t("audit_of_one", lang, path=name, shape="web-api") + "**" in said
    assert t("dash_audit_shown_one", lang, n=1) in said
    assert not [text for text in said if "1 mailboxes" in text]
