"""The readers of the audit under hostile exports (issue 20, items 4, 5, 7 and the readers' part of 9):
an unclosed quote never merges the rows after it, a hidden sheet never stands in for the visible one,
and what a file costs follows what it means (empty rows, rows, cells, shared strings, declared sizes,
suggestions), each refusal in words of syncmatrix/present/words.py and never in Python's.

Every test failed on commit 1ab2e05 (the readers before issue 20), but the guard that a name with a
line break stays one row; the three real-shape bound tests were run there only as their smaller twins.
The large inputs are built here, in tmp_path; a bound that is a module constant is also tried smaller,
and once in the file's real shape.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from syncmatrix.audit import exports
from syncmatrix.audit.exports import read_export
from syncmatrix.audit.judge import audit
from syncmatrix.audit.report import render
from syncmatrix.cli import main
from syncmatrix.kb.errors import InputError
from syncmatrix.present.words import message, t

# The bounds, read so that the tests also run (and fail) on the readers before them.
MAX_ROWS = getattr(exports, "MAX_ROWS", 1_048_576)
MAX_CELL_CHARS = getattr(exports, "MAX_CELL_CHARS", 32_767)
MAX_SHARED_STRINGS = getattr(exports, "MAX_SHARED_STRINGS", 8 * 1_048_576)

HEADER = ["Name", "Email Address", "Status", "Incoming Email", "Outgoing Email", "Appointments, Contacts, and Tasks"]
SSS = "Server-Side Synchronization or Email Router"
# Email at yahoo.com and appointments through server-side synchronization: unsupported (the page's
# act-sync-needs-exchange); email only, appointments left to nobody: supported.
UNSUPPORTED = ["Active", SSS, SSS, "Server-Side Synchronization"]
SUPPORTED = ["Active", SSS, SSS, "None"]


def run(capsys, *words: str) -> tuple[int, str, str]:
    code = main(list(words))
    out, err = capsys.readouterr()
    return code, out, err


def refused(path: Path, profiles: Path | None = None) -> InputError:
    with pytest.raises(InputError) as caught:
        read_export(str(path), None if profiles is None else str(profiles))
    assert "\n" not in str(caught.value) and message(caught.value.key, "vi", caught.value.values) != str(caught.value)
    return caught.value


def no_python_words(text: str) -> None:
    for word in ("Error", "Exception", "KeyError", "OSError", "BadZipFile", "4300", "recursion", "Traceback"):
        assert word not in text, (word, text)


def csv_text(rows: list[list[str]], *, quote_all: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue()


# --- item 4: a stray quote --------------------------------------------------------------------------------


def _the_issues_export(quote_all: bool) -> tuple[str, int, str]:
    """304 mailboxes, 300 of them unsupported, and a quote opened on the line of the fourth that
    nothing closes; with that line and the column of the cell it opens."""
    rows = [[f"Queue {i}", f"queue{i}@contoso.com", *SUPPORTED] for i in range(4)]
    rows += [[f"User {i}", f"user{i}@yahoo.com", *UNSUPPORTED] for i in range(300)]
    text = csv_text(rows, quote_all=quote_all)
    if quote_all:  # Dynamics quotes every cell: the last one of the line lost its closing quote
        line = f'"Queue 3","queue3@contoso.com","Active","{SSS}","{SSS}","None"\r\n'
        assert line in text
        return text.replace(line, line.replace('"None"', '"None')), 5, HEADER[-1]
    return text.replace("Queue 3", '"Queue 3'), 5, "Name"


@pytest.mark.parametrize("quote_all", [False, True], ids=["quoted-where-needed", "every-cell-quoted"])
def test_a_stray_quote_never_merges_the_rows_after_it(capsys, tmp_path, quote_all):
    text, line, column = _the_issues_export(quote_all)
    path = tmp_path / "stray.csv"
    path.write_text(text, encoding="utf-8")
    export = read_export(str(path))
    assert len(export.mailboxes) == 304
    broken = [row for row in export.mailboxes if row.problems]
    # Its data row (the header not counted), while its problem names the line of the file (header: line 1).
    assert [row.row for row in broken] == [line - 1]
    assert [p.reason for p in broken[0].problems] == [t("audit_pb_unclosed_quote", "en", column=column, line=line)]
    code, out, err = run(capsys, "audit", str(path), "--json", "--page-only")
    summary = json.loads(out)["summary"]
    assert (code, err) == (1, "")
    assert (summary["mailboxes"], summary["unsupported"], summary["unreadable"]) == (304, 300, 1)


def test_a_name_with_a_line_break_is_still_one_row(tmp_path):
    rows = [["Multi\nLine\nName", "a@contoso.com", *SUPPORTED], ["Next", "b@contoso.com", *SUPPORTED]]
    path = tmp_path / "names.csv"
    path.write_text(csv_text(rows, quote_all=True), encoding="utf-8")
    export = read_export(str(path))
    assert [(row.row, row.name, row.problems) for row in export.mailboxes] == [
        (1, "Multi\nLine\nName", ()),  # one record over three lines is one row
        (2, "Next", ()),
    ]


def test_a_quote_left_open_at_the_end_of_the_file_is_said_on_its_line(tmp_path):
    rows = [[f"User {i}", f"user{i}@yahoo.com", *UNSUPPORTED] for i in range(3)]
    path = tmp_path / "end.csv"
    path.write_text(csv_text(rows).replace("User 1", '"User 1'), encoding="utf-8")
    export = read_export(str(path))
    assert [row.row for row in export.mailboxes] == [1, 2, 3]
    assert [bool(row.problems) for row in export.mailboxes] == [False, True, False]
    assert "line 3" in export.mailboxes[1].problems[0].reason  # row 2 is line 3 of the file


def test_a_quote_that_runs_past_the_bound_of_lines_is_unclosed(tmp_path):
    # The quote closes only 100 lines later, in a cell of a row as wide as the header: not a name.
    rows = [[f"User {i}", f"user{i}@yahoo.com", *UNSUPPORTED] for i in range(100)]
    text = csv_text(rows).replace("User 0,", '"User 0,').replace("User 99,", 'User 99",')
    path = tmp_path / "long.csv"
    path.write_text(text, encoding="utf-8")
    export = read_export(str(path))
    assert len(export.mailboxes) == 100
    assert [row.row for row in export.mailboxes if row.problems] == [1]


def test_an_unclosed_quote_in_the_header_is_refused(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text('"Name,Incoming Email\r\na,2\r\nb,2\r\n', encoding="utf-8")
    error = refused(path)
    assert error.key == "export_header_unclosed" and "line 1" in str(error)


# --- item 5: a hidden decoy sheet -------------------------------------------------------------------------


def _decoy_book(path: Path, *, hide_all: bool = False) -> None:
    book = openpyxl.Workbook()
    decoy = book.active
    decoy.title = "Decoy"
    decoy.append(HEADER)
    for i in range(3):
        decoy.append([f"Fine {i}", f"fine{i}@contoso.com", *SUPPORTED])
    decoy.sheet_state = "veryHidden"
    real = book.create_sheet("Mailboxes")
    real.append(HEADER)
    for i in range(3):
        real.append([f"User {i}", f"user{i}@yahoo.com", *UNSUPPORTED])
    book.active = 1
    book.save(path)
    if hide_all:  # openpyxl writes no such workbook: its list of sheets says so afterwards
        with zipfile.ZipFile(path) as source:
            parts = {info.filename: source.read(info) for info in source.infolist()}
        workbook = parts["xl/workbook.xml"]
        assert workbook.count(b'state="visible"') == 1, workbook
        parts["xl/workbook.xml"] = workbook.replace(b'state="visible"', b'state="hidden"')
        with zipfile.ZipFile(path, "w") as made:
            for name, data in parts.items():
                made.writestr(name, data)


def test_the_visible_sheet_is_read_and_a_hidden_export_is_noted(capsys, tmp_path):
    path = tmp_path / "decoy.xlsx"
    _decoy_book(path)
    export = read_export(str(path))
    assert [row.name for row in export.mailboxes] == ["User 0", "User 1", "User 2"]
    note = t("export_note_hidden_sheet", "en", hidden="Decoy", visible="Mailboxes", column="Incoming Email")
    assert note in export.notes
    code, out, _ = run(capsys, "audit", str(path), "--json", "--page-only")
    document = json.loads(out)
    assert (code, document["summary"]["unsupported"]) == (1, 3)
    assert note in document["export"]["notes"]


def test_a_workbook_whose_sheets_are_all_hidden_is_refused(tmp_path):
    path = tmp_path / "hidden.xlsx"
    _decoy_book(path, hide_all=True)
    assert refused(path).key == "export_xlsx_no_visible"


# --- item 7: amplification ----------------------------------------------------------------------------


def test_a_megabyte_of_blank_lines_is_no_mailbox(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_bytes(("Incoming Email,Name\r\n2,a\r\n" + "\r\n" * 500_000 + " , \r\n2,b\r\n").encode())
    export = read_export(str(path))
    # Every blank line keeps its number (as a JSON {} keeps its place): b is the 500,003rd record.
    assert [(row.row, row.name) for row in export.mailboxes] == [(1, "a"), (500_003, "b")]
    assert t("export_note_empty_rows", "en", n=500_001) in export.notes


def test_empty_json_objects_are_no_mailboxes(tmp_path):
    path = tmp_path / "empty.json"
    items = [{"name": "a", "incomingemaildeliverymethod": 2}] + [{}] * 200_000
    path.write_text(json.dumps({"value": items}), encoding="utf-8")
    export = read_export(str(path))
    assert [row.name for row in export.mailboxes] == ["a"]
    assert t("export_note_empty_objects", "en", n=200_000) in export.notes


def test_ten_megabytes_of_empty_objects_are_refused_by_the_row_bound(tmp_path):
    path = tmp_path / "empty.json"
    path.write_text("[" + "{}," * 3_300_000 + '{"incomingemaildeliverymethod": 2}]', encoding="utf-8")
    error = refused(path)
    assert error.key == "export_too_many_rows" and f"{MAX_ROWS:,}" in str(error)


def test_a_csv_past_the_row_bound_is_refused_and_a_million_rows_are_read(tmp_path):
    assert MAX_ROWS == 1_048_576
    path = tmp_path / "rows.csv"
    head = b"Incoming Email,Name\r\n2,a\r\n"
    path.write_bytes(head + b"\r\n" * (MAX_ROWS - 1))  # header and row included: more than the bound
    assert refused(path).key == "export_too_many_rows"
    path.write_bytes(head + b"\r\n" * 999_000 + b"2,b\r\n")  # a million rows: read
    assert [row.name for row in read_export(str(path)).mailboxes] == ["a", "b"]


def test_the_row_bound_holds_for_every_shape(tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "MAX_ROWS", 50, raising=False)
    rows = [[f"User {i}", f"user{i}@yahoo.com", *UNSUPPORTED] for i in range(60)]
    path = tmp_path / "m.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    assert refused(path).key == "export_too_many_rows"
    path = tmp_path / "m.json"
    path.write_text(json.dumps([{"name": f"u{i}", "incomingemaildeliverymethod": 2} for i in range(60)]))
    assert refused(path).key == "export_too_many_rows"
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    path = tmp_path / "m.xlsx"
    book.save(path)
    assert refused(path).key == "export_xlsx_too_many_rows"


def _workbook_with(path: Path, part: str, chunks: int, chunk: bytes, head: bytes, tail: bytes) -> None:
    """A workbook written by openpyxl, with `part` replaced by head + chunk * chunks + tail, streamed
    into the archive (never held whole)."""
    book = openpyxl.Workbook()
    book.active.append(["Incoming Email", "Name"])
    book.active.append([2, "a"])
    plain = io.BytesIO()
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as made:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml" and part.endswith("sharedStrings.xml"):
                declared = f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-'
                declared += 'officedocument.spreadsheetml.sharedStrings+xml" /></Types>'
                data = data.replace(b"</Types>", declared.encode())
            if info.filename != part:
                made.writestr(info.filename, data)
        with made.open(part, "w", force_zip64=True) as target:
            target.write(head)
            block = chunk * 4096
            for _ in range(chunks // 4096):
                target.write(block)
            target.write(chunk * (chunks % 4096))
            target.write(tail)
    with zipfile.ZipFile(path) as made:
        assert part in made.namelist()


def _many_shared_strings(path: Path, count: int) -> None:
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    )
    _workbook_with(path, "xl/sharedStrings.xml", count, b"<si><t>a</t></si>", head, b"</sst>")


def test_a_table_of_shared_strings_past_the_bound_is_refused_before_it_is_loaded(tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "MAX_SHARED_STRINGS", 1_000, raising=False)
    path = tmp_path / "strings.xlsx"
    _many_shared_strings(path, 2_000)
    error = refused(path)
    assert error.key == "export_xlsx_strings" and "1,000" in str(error) and "xl/sharedStrings.xml" in str(error)


def test_millions_of_shared_strings_in_a_megabyte_are_refused(tmp_path):
    path = tmp_path / "strings.xlsx"
    _many_shared_strings(path, MAX_SHARED_STRINGS + 1)
    assert path.stat().st_size < 2 * 1024 * 1024
    assert refused(path).key == "export_xlsx_strings"


def test_a_sheet_declaring_more_rows_than_the_bound_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "rows.xlsx"
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Incoming Email</t>'
        b"</is></c></row>"
    )
    # Rows without their r attribute: each is the next one; its cell 2 (server-side synchronization).
    _workbook_with(
        path, "xl/worksheets/sheet1.xml", MAX_ROWS, b"<row><c><v>2</v></c></row>", head, b"</sheetData></worksheet>"
    )
    assert path.stat().st_size < 2 * 1024 * 1024
    error = refused(path)
    assert error.key == "export_xlsx_too_many_rows" and f"{MAX_ROWS:,}" in str(error)


def test_a_cell_past_the_bound_is_a_problem_of_its_row(tmp_path):
    rows = [["x" * 200_000, "a@yahoo.com", *UNSUPPORTED], ["Next", "b@yahoo.com", *UNSUPPORTED]]
    path = tmp_path / "cell.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    export = read_export(str(path))
    assert [row.name for row in export.mailboxes] == ["", "Next"]
    assert f"{MAX_CELL_CHARS:,}" in export.mailboxes[0].problems[0].reason
    assert export.mailboxes[0].incoming is None  # the row is not read: unreadable
    path = tmp_path / "cell.json"
    path.write_text(json.dumps([{"name": "x" * 40_000, "incomingemaildeliverymethod": "y" * 40_000}]))
    (row,) = read_export(str(path)).mailboxes
    assert [p.column for p in row.problems] == ["name", "incomingemaildeliverymethod"]
    assert all(f"{MAX_CELL_CHARS:,}" in p.reason for p in row.problems)


def test_a_number_of_thousands_of_digits_is_a_value_that_is_no_option(tmp_path):
    path = tmp_path / "digits.json"
    path.write_text('[{"name": "a", "incomingemaildeliverymethod": ' + "9" * 5_000 + "}]", encoding="utf-8")
    (row,) = read_export(str(path)).mailboxes
    assert row.incoming is None and "5,000 digits" in row.problems[0].reason
    no_python_words(row.problems[0].reason)


def _profiles_and_mailboxes(tmp_path: Path, names: list[str]) -> tuple[Path, Path]:
    profiles = tmp_path / "profiles.csv"
    profiles.write_text(
        "Name,Email Server Type\r\n" + "".join(f"Profile {i:04d},Exchange Server\r\n" for i in range(2_000)),
        encoding="utf-8",
    )
    mailboxes = tmp_path / "mailboxes.csv"
    lines = [f"User {i},Forward Mailbx,{names[i % len(names)]}\r\n" for i in range(2_000)]
    mailboxes.write_text("Name,Incoming Email,Server Profile\r\n" + "".join(lines), encoding="utf-8")
    return mailboxes, profiles


def test_suggestions_are_looked_for_once_per_distinct_name_among_few(tmp_path, monkeypatch):
    calls: list[int] = []
    real = exports.closest

    def counted(word, choices):
        choices = list(choices)
        calls.append(len(choices))
        return real(word, choices)

    monkeypatch.setattr(exports, "closest", counted)
    # 20 names that match none of 2,000 profiles, each in two cases: 100 mailboxes each.
    names = [f"Retired {i:04d}" for i in range(10)] + [f"RETIRED {i:04d}" for i in range(10)] + ["Profle 1234"]
    mailboxes, profiles = _profiles_and_mailboxes(tmp_path, names)
    export = read_export(str(mailboxes), str(profiles))
    assert len(export.mailboxes) == 2_000
    typo = next(row for row in export.mailboxes if row.profile_name == "Profle 1234")
    assert "(did you mean 'Profile 1234'?)" in typo.problems[-1].reason  # the index still finds it
    label_calls = [n for n in calls if n < 10]  # the labels of Incoming Email: a handful
    profile_calls = [n for n in calls if n >= 10]
    assert len(label_calls) == 1  # one odd label, 2,000 times
    assert len(profile_calls) == 11 and max(profile_calls) <= 16  # one per name (case aside), among few


# --- the readers' part of item 9 ------------------------------------------------------------------------


def test_an_empty_file_name_is_its_own_error(capsys):
    for words, key in (
        (["audit", ""], "export_no_name"),
        (["audit", "tests/exports/mailboxes.csv", "--profiles", ""], "profiles_no_name"),
        (["audit", "tests/exports/mailboxes.csv", "--map", ""], "map_no_name"),
    ):
        code, out, err = run(capsys, *words, "--page-only")
        assert (code, out) == (2, "")
        assert err == f"syncmatrix: {t(key, 'en')}\n"


def test_map_problems_have_their_own_heading(capsys, tmp_path):
    bad = tmp_path / "map.yaml"
    bad.write_text("email_system:\n  hostz: {}\n", encoding="utf-8")
    for lang in ("en", "vi"):
        code, _, err = run(
            capsys, "audit", "tests/exports/mailboxes.csv", "--page-only", "--map", str(bad), "--lang", lang
        )
        assert code == 2
        assert err.startswith(f"syncmatrix: {t('map_invalid_one', lang)}\n") and t("kb_invalid_one", lang) not in err


def test_leading_blank_space_past_the_first_look_is_looked_past(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_bytes(b" \t" * 40_000 + b"\r\n" * 10 + b"Incoming Email,Name\r\n2,a\r\n")
    export = read_export(str(path))
    assert [(row.row, row.name) for row in export.mailboxes] == [(1, "a")]  # blank lines before the header: none
    path.write_bytes(b" \r\n" * 40_000)
    assert refused(path).key == "export_empty"


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "export_json_too_deep"),
        ("fake.xlsx", b"PK\x03\x04" + bytes(range(1, 200)), "export_xlsx_corrupt"),
        ("other.xlsx", b"", "export_xlsx_corrupt"),  # a ZIP archive that holds no workbook
    ],
)
def test_refusals_say_it_in_our_words(tmp_path, name, content, key):
    path = tmp_path / name
    if name == "other.xlsx":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "hello")
    else:
        path.write_bytes(content)
    error = refused(path)
    assert error.key == key
    no_python_words(str(error))
    no_python_words(message(error.key, "vi", error.values))


def test_a_key_given_twice_is_never_taken_silently(tmp_path):
    path = tmp_path / "twice.json"
    path.write_text(
        '{"value": [{"name": "a", "incomingemaildeliverymethod": 0, "incomingemaildeliverymethod": 2},'
        ' {"name": "b", "incomingemaildeliverymethod": 2}]}',
        encoding="utf-8",
    )
    first, second = read_export(str(path)).mailboxes
    assert [p.reason for p in first.problems] == [t("audit_pb_doubled_key", "en", field="incomingemaildeliverymethod")]
    assert second.problems == ()
    path.write_text('{"value": [], "value": [{"incomingemaildeliverymethod": 2}]}', encoding="utf-8")
    assert refused(path).key == "export_json_doubled"


def test_a_lone_surrogate_is_read_as_a_replacement_character_with_a_problem(capsys, tmp_path, page_kb):
    path = tmp_path / "surrogate.json"
    path.write_text(
        '[{"name": "Ann \\ud800", "emailaddress": "ann@yahoo.com", "incomingemaildeliverymethod": 2, '
        '"actdeliverymethod": 1}, {"name": "Bob \\ud83d\\ude00", "incomingemaildeliverymethod": 2}]',
        encoding="utf-8",
    )
    export = read_export(str(path))
    first, second = export.mailboxes
    assert first.name == "Ann \ufffd" and [(p.column, p.reason) for p in first.problems] == [
        ("name", t("audit_pb_surrogate", "en"))
    ]
    assert second.name == "Bob \U0001f600" and second.problems == ()  # a pair is a character
    code, _, err = run(capsys, "audit", str(path), "--page-only", "--json")
    assert code == 1 and err == ""
    result = audit(page_kb.as_of(None), export)
    for fmt in ("text", "csv", "markdown", "html", "json"):
        render(result, fmt, "vi").encode("utf-8")  # every writer: no lone surrogate left to fail on
