"""Reading exports of mailboxes (syncmatrix/audit/exports.py, sources/MAILBOX-EXPORTS.md): the three
shapes read to the same rows, every row of a damaged file kept with its problems, every kind of
file that is no export refused with its words, and the reader's own shortcuts against plain answers.

The fixtures in tests/exports/ hold the same eight mailboxes in every shape: active and inactive,
each delivery method, each server type, labels in both variants and odd case, one mailbox with no
profile (Frank) and one naming a profile the profiles file lacks (Grace).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syncmatrix.audit import exports
from syncmatrix.audit.exports import MAX_EXPORT_BYTES, read_export
from syncmatrix.audit.model import MailboxRow, Problem, Profile, Shape
from syncmatrix.kb.errors import InputError
from syncmatrix.present.words import message, t

HERE = Path(__file__).resolve().parent / "exports"

EWS = "/EWS/Exchange.asmx"
HYBRID = ("Exchange Hybrid", 2, f"https://mail.contoso.com{EWS}", f"https://mail.contoso.com{EWS}")
ONPREM = ("Exchange OnPrem", 0, f"https://exch2016.contoso.local{EWS}", f"https://exch2016.contoso.local{EWS}")
GMAIL = ("Gmail POP", 1, "pop.gmail.com", "smtp.gmail.com")
ONLINE = ("Exchange Online", 3, f"https://outlook.office365.com{EWS}", f"https://outlook.office365.com{EWS}")
YAHOO = ("Yahoo IMAP", 4, "imap.mail.yahoo.com", "smtp.mail.yahoo.com")

# (name, email, state, incoming, outgoing, act, profile as (name, type, incoming, outgoing) or None,
#  the column of its one problem or None)
UNKNOWN = "unknown profile"
EXPECTED = [
    ("Alice Nguyen", "alice@contoso.com", 0, 2, 2, 1, HYBRID, None),
    ("Bob Tran", "bob@contoso.com", 0, 1, 1, 0, ONPREM, None),
    ("Carol Le", "carol@gmail.com", 1, 2, 2, 2, GMAIL, None),
    ("Dan Pham", "dan@contoso.onmicrosoft.com", 0, 3, 0, 2, ONLINE, None),
    ("Erin Vo", "erin@yahoo.com", 0, 0, 2, 1, YAHOO, None),
    ("Frank Do", "frank@contoso.com", 0, 2, 2, 1, None, None),
    ("Grace Ho", "grace@contoso.com", 0, 2, 0, 2, None, UNKNOWN),
    ("Đặng Thu Hà", "ha.dang@contoso.com", 1, 1, 2, 0, HYBRID, None),
]


def seen(row: MailboxRow) -> tuple[object, ...]:
    """What a row says, whatever the shape: row numbers, ids and the columns' names left out."""
    profile = row.profile
    said = (
        (profile.name, profile.server_type, profile.incoming_location, profile.outgoing_location) if profile else None
    )
    problem = None
    if row.problems:
        assert len(row.problems) == 1, row.problems
        problem = UNKNOWN if "no email server profile has the" in row.problems[0].reason else row.problems[0].reason
    return (row.name, row.email, row.state, row.incoming, row.outgoing, row.act, said, problem)


def read(name: str, profiles: str | None = None, **kwargs: object) -> exports.Export:
    return read_export(str(HERE / name), str(HERE / profiles) if profiles else None, **kwargs)


def refused(path: Path | str, profiles: Path | str | None = None) -> InputError:
    with pytest.raises(InputError) as caught:
        read_export(str(path), None if profiles is None else str(profiles))
    return caught.value


# --- the three shapes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mailboxes", "profiles", "shape"),
    [
        ("mailboxes.csv", "profiles.csv", Shape.CSV),
        ("mailboxes.csv", "profiles.json", Shape.CSV),  # joined by name, whatever the profiles' shape
        ("mailboxes-logical.csv", "profiles.xlsx", Shape.CSV),
        ("mailboxes.xlsx", "profiles.xlsx", Shape.XLSX),
        ("mailboxes.xlsx", "profiles.csv", Shape.XLSX),
        ("mailboxes.json", "profiles.json", Shape.WEB_API),
        ("mailboxes.json", "profiles.xlsx", Shape.WEB_API),  # by id: the hidden column of Export to Excel
    ],
)
def test_the_three_shapes_read_the_same_mailboxes(mailboxes, profiles, shape):
    export = read(mailboxes, profiles)
    assert export.shape is shape
    assert export.path == str(HERE / mailboxes)
    assert [seen(row) for row in export.mailboxes] == EXPECTED
    assert [row.row for row in export.mailboxes] == list(range(1, 9))  # the data row, the same in every shape
    assert sorted(p.name for p in export.profiles) == sorted(p[0] for p in (HYBRID, ONPREM, GMAIL, ONLINE, YAHOO))
    assert all(type(row) is MailboxRow for row in export.mailboxes)


def test_the_rows_name_the_profile_as_the_file_writes_it_and_the_problem_by_its_column():
    csv_rows = read("mailboxes.csv", "profiles.csv").mailboxes
    assert csv_rows[2].profile_name == "gmail pop"  # joined without regard to case or spacing
    assert csv_rows[7].profile_name == "Exchange  Hybrid"
    assert csv_rows[6].problems == (
        Problem(
            "Server Profile",
            t(
                "audit_pb_profile_unknown",
                "en",
                what=t("audit_col_name", "en"),
                reference="Retired Profile",
                path=HERE / "profiles.csv",
                hint="",
            ),
        ),
    )
    json_rows = read("mailboxes.json", "profiles.json").mailboxes
    assert json_rows[0].profile_name == "5e7f0000-0000-4000-8000-00000000000a"
    assert json_rows[0].profile == Profile(*HYBRID, id="5e7f0000-0000-4000-8000-00000000000a")
    assert [p.column for p in json_rows[6].problems] == ["_emailserverprofile_value"]
    assert "'5e7f0000-0000-4000-8000-0000000000ff'" in json_rows[6].problems[0].reason
    assert read("mailboxes-logical.csv", "profiles.csv").mailboxes[6].problems[0].column == "emailserverprofile"
    assert read("mailboxes.xlsx", "profiles.xlsx").mailboxes[6].problems[0].column == "Server Profile"


def test_ids_come_from_the_web_api_and_from_the_hidden_column_of_export_to_excel():
    ids = [f"0b5c1c2e-0001-4000-8000-00000000000{n}" for n in range(1, 9)]
    assert [row.id for row in read("mailboxes.json", "profiles.json").mailboxes] == ids
    assert [row.id for row in read("mailboxes-logical.csv", "profiles.csv").mailboxes] == ids
    assert [row.id for row in read("mailboxes.xlsx", "profiles.xlsx").mailboxes] == ids
    assert [row.id for row in read("mailboxes.csv", "profiles.csv").mailboxes] == [""] * 8


def test_expanded_profiles_need_no_profiles_file():
    export = read("mailboxes-expanded.json")
    rows = [seen(row) for row in export.mailboxes]
    assert rows[:6] + rows[7:] == EXPECTED[:6] + EXPECTED[7:]
    grace = export.mailboxes[6]
    assert grace.profile == Profile(
        "Retired Profile", None, "https://old.contoso.com", "", "5e7f0000-0000-4000-8000-0000000000ff"
    )
    assert [p.column for p in grace.problems] == ["emailserverprofile.servertype"]
    assert grace.problems[0].reason.startswith("9 is not a value of Email Server Type; expected 0 (Exchange Server)")
    assert [p.name for p in export.profiles] == [
        "Exchange Hybrid", "Exchange OnPrem", "Gmail POP", "Exchange Online", "Yahoo IMAP", "Retired Profile"
    ]  # fmt: skip
    assert export.notes == ()


def test_json_annotations_never_decide():
    document = json.loads((HERE / "mailboxes.json").read_text(encoding="utf-8"))
    alice = document["value"][0]
    assert alice["incomingemaildeliverymethod@OData.Community.Display.V1.FormattedValue"] == "Forward Mailbox"
    assert alice["actdeliverymethod@OData.Community.Display.V1.FormattedValue"] == "None"
    row = read("mailboxes.json", "profiles.json").mailboxes[0]
    assert (row.incoming, row.act, row.problems) == (2, 1, ())


def test_the_hidden_columns_and_sheets_of_export_to_excel_are_not_read():
    export = read("mailboxes.xlsx", "profiles.xlsx")
    assert export.notes == (t("export_note_empty_rows", "en", n=2),)
    assert all("checksum" not in row.name for row in export.mailboxes)
    assert not any("mailbox:metadata" in row.name for row in export.mailboxes)
    assert export.profiles[0].id == "5e7f0000-0000-4000-8000-00000000000a"


def test_the_committed_workbooks_are_what_make_xlsx_writes(tmp_path):
    import openpyxl

    sys.path.insert(0, str(HERE))
    try:
        import make_xlsx
    finally:
        sys.path.remove(str(HERE))
    make_xlsx.write(tmp_path)
    for name in ("mailboxes.xlsx", "profiles.xlsx"):
        books = [openpyxl.load_workbook(folder / name) for folder in (HERE, tmp_path)]
        cells = [[[c.value for c in row] for row in book.worksheets[0].iter_rows()] for book in books]
        hidden = [[book.worksheets[0].column_dimensions[c].hidden for c in "ABCD"] for book in books]
        assert cells[0] == cells[1], name
        assert hidden[0] == hidden[1] == [True, True, True, False]


@pytest.mark.parametrize(
    ("encoding", "delimiter", "first_line"),
    [
        ("utf-8-sig", ";", ""),  # Excel's CSV UTF-8, in a locale whose list separator is ';'
        ("utf-16", "\t", ""),  # Excel's "Unicode Text": UTF-16 with its BOM, tabs
        ("utf-8", ";", "sep=;\r\n"),  # Excel's own hint line
        ("utf-8", ",", ""),
    ],
)
def test_csv_delimiters_and_encodings(tmp_path, encoding, delimiter, first_line):
    with open(HERE / "mailboxes.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    text = io.StringIO()
    text.write(first_line)
    csv.writer(text, delimiter=delimiter).writerows(rows)
    path = tmp_path / "mailboxes.txt"
    path.write_bytes(text.getvalue().encode(encoding))
    export = read_export(str(path), str(HERE / "profiles.csv"))
    assert [seen(row) for row in export.mailboxes] == EXPECTED
    assert [row.row for row in export.mailboxes] == list(range(1, 9))  # a line before the header changes none
    semicolons = t("export_note_delimiter", "en", delimiter=t("delimiter_semicolons", "en"))
    assert (semicolons in export.notes) == (delimiter == ";")


# --- a damaged CSV: every row, with its problems --------------------------------------------------------

OUTLOOK, SSS_OR_ROUTER = "Microsoft Dynamics 365 for Outlook", "Server-Side Synchronization or Email Router"
INCOMING_CHOICES = f"0 (None), 1 ({OUTLOOK}), 2 ({SSS_OR_ROUTER}) or 3 (Forward Mailbox)"
# The data row of each mailbox (the first after the header is 1), not the line of the file.
DAMAGED = [
    (1, "Good One", (0, 2, 2, 1), []),
    (
        2,
        "Wrong Label",
        (0, None, 2, 1),
        [
            (
                "Incoming Email",
                "'Forward Mailbx' is not a value of Incoming Email (did you mean 'Forward Mailbox'?); "
                f"expected {INCOMING_CHOICES}, as the number or its label",
            )
        ],
    ),
    (
        3,
        "Out Of Range",
        (0, 2, None, 1),
        [
            (
                "Outgoing Email",
                f"7 is not a value of Outgoing Email; expected 0 (None), 1 ({OUTLOOK}) or 2 ({SSS_OR_ROUTER})",
            )
        ],
    ),
    (
        4,
        "Not Whole",
        (0, 2, 2, None),
        [
            (
                "Appointments, Contacts, and Tasks",
                "1.5 is not a whole number; Appointments, Contacts, and Tasks takes "
                f"0 ({OUTLOOK}), 1 (Server-Side Synchronization) or 2 (None)",
            )
        ],
    ),
    (
        5,
        "Short Row",
        (0, None, None, None),
        [
            (
                "Incoming Email",
                t("audit_pb_row_short", "en", n=3, width=7, first="Incoming Email"),
            )
        ],
    ),
    (6, "Long", None, None),  # its values stand under the wrong columns: see the test
    # row 7 (line 8) is empty: no mailbox (issue 20), but it keeps its number, as a JSON {} would
    (
        8,
        "Multi\nLine",
        (None, 2, 2, 1),
        [
            (
                "Status",
                "'Activ' is not a value of Status (did you mean 'Active'?); expected 0 (Active) or 1 (Inactive), "
                "as the number or its label",
            )
        ],
    ),
    (9, "Good Two", (1, 0, 0, 2), []),  # after a cell of two lines: row 9, on line 11
]


def test_a_damaged_csv_keeps_every_row_with_its_problems():
    export = read("damaged.csv")
    assert [(row.row, row.name) for row in export.mailboxes] == [(line, name) for line, name, _, _ in DAMAGED]
    for row, (_, _, values, problems) in zip(export.mailboxes, DAMAGED, strict=True):
        if values is not None:
            assert (row.state, row.incoming, row.outgoing, row.act) == values, row
            assert [(p.column, p.reason) for p in row.problems] == problems, row
    long_row = export.mailboxes[5]
    assert long_row.problems[0] == Problem("", t("audit_pb_row_long", "en", n=8, width=7))
    assert [p.column for p in long_row.problems[1:]] == ["Status", "Incoming Email", "Server Profile"]
    assert export.notes == (t("export_note_empty_rows", "en", n=3),)


def test_empty_rows_are_no_mailboxes_wherever_they_are(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("Incoming Email,Name\r\n\r\n2,a\r\n , \r\n\r\n2,b\r\n,\r\n\r\n   \r\n", encoding="utf-8")
    export = read_export(str(path))
    # Data rows: the blank line after the header is row 1, so a is row 2 and b row 5.
    assert [(row.row, row.name, row.problems) for row in export.mailboxes] == [(2, "a", ()), (5, "b", ())]
    assert t("export_note_empty_rows", "en", n=6) in export.notes


def test_an_empty_row_keeps_its_number_in_every_shape_as_a_json_empty_object_does(tmp_path):
    import openpyxl

    mailboxes = [("a", 2), None, None, ("b", 2)]  # None: an empty row, an empty object
    as_csv = tmp_path / "m.csv"
    as_csv.write_text(
        "Name,Incoming Email\r\n" + "".join(f"{m[0]},{m[1]}\r\n" if m else ",\r\n" for m in mailboxes),
        encoding="utf-8",
    )
    as_json = tmp_path / "m.json"
    as_json.write_text(
        json.dumps([{"name": m[0], "incomingemaildeliverymethod": m[1]} if m else {} for m in mailboxes]),
        encoding="utf-8",
    )
    as_xlsx = tmp_path / "m.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Incoming Email"])
    for i, m in enumerate(mailboxes, start=2):
        if m:
            sheet.cell(row=i, column=1, value=m[0])
            sheet.cell(row=i, column=2, value=m[1])
    book.save(as_xlsx)
    for path in (as_csv, as_json, as_xlsx):
        assert [(row.row, row.name) for row in read_export(str(path)).mailboxes] == [(1, "a"), (4, "b")], path.name


def test_near_miss_and_repeated_headers_are_noted(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("Incoming Email,Outgoing Emial,incomingemaildeliverymethod,Status Reason,Status\n2,2,0,x,1\n")
    export = read_export(str(path))
    assert (export.mailboxes[0].incoming, export.mailboxes[0].outgoing) == (2, None)
    assert t("export_note_column_near", "en", name="Outgoing Emial", near="Outgoing Email") in export.notes
    both = {"first": "Incoming Email", "second": "incomingemaildeliverymethod", "field": "Incoming Email"}
    assert t("export_note_columns_both", "en", **both) in export.notes
    assert not any("Status Reason" in note for note in export.notes)  # Status is there: nothing near-missed
    field = "Appointments, Contacts, and Tasks (actdeliverymethod)"
    assert t("export_note_no_column", "en", field=field) in export.notes


def test_odd_json_rows_are_kept_with_their_problems(tmp_path):
    path = tmp_path / "m.json"
    items = [
        {"incomingemaildeliverymethod": True},
        5,
        {"@odata.etag": 'W/"1"'},
        {"incomingemaildeliverymethod": 2.0, "statecode": 1.5, "name": 7, "actdeliverymethod": "1"},
        {"outgoingemaildeliverymethod": 2, "_emailserverprofile_value": 12},
    ]
    path.write_text(json.dumps(items))
    rows = read_export(str(path)).mailboxes
    said = [(row.row, [(p.column, p.reason.split(";")[0]) for p in row.problems]) for row in rows]
    assert said == [
        (1, [("incomingemaildeliverymethod", "true is not an option number of Incoming Email")]),
        (2, [("", t("audit_pb_not_mailbox", "en", value="5"))]),
        (3, [("", t("audit_pb_object_empty", "en"))]),
        (4, [("name", t("audit_pb_not_text", "en", value="7")), ("statecode", "1.5 is not a whole number")]),
        (5, [("_emailserverprofile_value", t("audit_pb_not_profile_id", "en", value="12"))]),
    ]
    assert (rows[3].incoming, rows[3].act) == (2, 1)


# --- profiles -----------------------------------------------------------------------------------------


def test_without_the_profiles_file_the_rows_say_what_they_name():
    rows = read("mailboxes.csv").mailboxes
    assert rows[0].profile is None
    name = t("audit_col_name", "en")
    assert rows[0].problems == (
        Problem("Server Profile", t("audit_pb_profile_no_file", "en", what=name, reference="Exchange Hybrid")),
    )
    assert rows[5].problems == ()  # Frank names none
    export = read("mailboxes.json")
    assert export.mailboxes[0].problems[0].column == "_emailserverprofile_value"
    assert export.notes == (t("export_note_profiles_by_id", "en", field="_emailserverprofile_value"),)


def test_a_profile_that_cannot_be_read_whole_is_said_on_its_mailboxes(tmp_path):
    profiles = tmp_path / "p.csv"
    profiles.write_text("Name,Email Server Type\nExchange Hybrid,Exchange 2019\nExchange Hybrid,2\nSame,1\nSame,1\n")
    mailboxes = tmp_path / "m.csv"
    mailboxes.write_text("Name,Incoming Email,Server Profile\na,2,exchange hybrid\nb,2,Same\nc,2,Exchnage Hybrid\n")
    export = read_export(str(mailboxes), str(profiles))
    a, b, c = export.mailboxes
    ambiguous = {"n": 2, "reference": "exchange hybrid", "where": "line 2, line 3"}
    assert a.problems == (Problem("Server Profile", t("audit_pb_profile_ambiguous", "en", **ambiguous)),)
    assert (b.profile, b.problems) == (Profile("Same", 1), ())  # the same profile twice is one profile
    assert c.problems[0].reason.endswith("(did you mean 'Exchange Hybrid'?)")
    assert export.notes[-1].startswith("profiles file, line 2: Email Server Type: 'Exchange 2019' is not a value")


# --- files that are no export: InputError with its key and words -------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


NOT_EXPORTS = [
    ("empty.csv", b"", "export_empty", ["the file is empty", "Web API", "CSV", ".xlsx", "Incoming Email"]),
    ("blank.csv", b"\xef\xbb\xbf \r\n\t\r\n", "export_empty", ["the file is empty"]),
    ("commas.csv", b",,,\r\n,,,\r\n", "export_empty", ["the file is empty"]),
    ("garbage.csv", bytes(range(256)) * 8, "export_binary", ["binary content", "Web API", "Incoming Email"]),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "export_old_excel", ["Excel 97-2003", "(.xlsx)"]),
    ("broken.json", b'{"value": [\n {"name": "a",\n', "export_json_invalid_at", ["not valid JSON (line 3"]),
    (
        "error.json",
        b'{"error": {"code": "0x80040220", "message": "Principal user is missing prvReadMailbox"}}',
        "export_json_no_value",
        ["without the list 'value'", "'error'", "/api/data/v9.1/mailboxes"],
    ),
    ("number.json", b"[1, 2]", "export_no_columns", ["'1', '2'"]),
    (
        "contacts.json",
        b'{"value": [{"fullname": "a", "emailaddress1": "a@x.com"}]}',
        "export_no_columns",
        ["no column the audit can use", "'fullname', 'emailaddress1'", "Incoming Email (incomingemaildeliverymethod)"],
    ),
    (
        "contacts.csv",
        b"Full Name,E-mail,Business Phone\r\nA,a@x.com,1\r\n",
        "export_no_columns",
        ["no column the audit can use", "'Full Name', 'E-mail', 'Business Phone'", "Outgoing Email"],
    ),
    (
        "typo.csv",
        b"Name,Incomng Email,Status\r\nA,2,Active\r\n",
        "export_no_columns_near",
        ["'Incomng Email' is not one (did you mean 'Incoming Email'?)"],
    ),
    ("fake.xlsx", b"PK\x03\x04" + bytes(range(1, 200)), "export_xlsx_corrupt", ["not a readable Excel workbook"]),
    ("other.zip", _zip({"readme.txt": b"hello"}), "export_xlsx_corrupt", ["not a readable Excel workbook"]),
    ("noise.xlsx", bytes(range(256)) * 4, "export_xlsx_corrupt", ["it is not a ZIP archive"]),
    ("latin1.csv", b"Name,Incoming Email\r\nA,2\r\nJos\xe9,2\r\n", "export_not_text", ["line 3", "0xE9", "CSV UTF-8"]),
    # A cell past the limit in a row is a problem of its row (tests/test_hostile_exports.py); in the header:
    ("huge-header.csv", b'"' + b"x" * 200_000 + b'"\r\n2\r\n', "export_header_too_long", ["line 1", "32,767"]),
]


@pytest.mark.parametrize(("name", "content", "key", "words"), NOT_EXPORTS, ids=[case[0] for case in NOT_EXPORTS])
def test_a_file_that_is_no_export_is_refused_with_its_words(tmp_path, name, content, key, words):
    path = tmp_path / name
    path.write_bytes(content)
    error = refused(path)
    assert error.key == key
    for word in words:
        assert word in str(error), (word, str(error))
    assert str(error).startswith(f"{path}: ")
    assert "\n" not in str(error)  # one paragraph
    assert message(key, "vi", error.values) != str(error)  # said in Vietnamese too


def test_missing_files_folders_and_devices_are_refused(tmp_path):
    assert refused(tmp_path / "nope.csv").key == "export_missing"
    assert refused(tmp_path).key == "export_folder"
    assert refused("/dev/null").key == "export_special"
    assert refused(HERE / "mailboxes.csv", tmp_path / "nope.csv").key == "profiles_missing"
    assert "no such file" in str(refused(tmp_path / "nope.csv"))


def test_a_file_past_the_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:
        f.truncate(MAX_EXPORT_BYTES + 1)  # sparse: nothing is written, and nothing may be read
    error = refused(path)
    assert error.key == "export_too_big"
    assert f"{MAX_EXPORT_BYTES + 1:,} bytes" in str(error) and "(512 MB)" in str(error)


def test_a_workbook_that_unpacks_past_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "MAX_EXPORT_BYTES", 10_000)
    error = refused(HERE / "mailboxes.xlsx")
    assert error.key == "export_xlsx_too_big"


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "m.csv"
    path.write_text("Incoming Email\n" + "2\n" * 5_000)
    monkeypatch.setattr(exports, "MAX_EXPORT_BYTES", 20_000)
    source = exports._Source(str(path), "export")
    monkeypatch.setattr(exports, "MAX_EXPORT_BYTES", 1_000)  # as if the file had grown after its fstat
    with pytest.raises(InputError) as caught:
        source.stream().read()
    source.close()
    assert caught.value.key == "export_too_big"


@pytest.mark.parametrize(
    ("mailboxes", "profiles", "key", "words"),
    [
        ("mailboxes.json", "profiles.csv", "profiles_no_ids", ["emailserverprofileid"]),
        ("mailboxes.csv", "mailboxes.csv", "profiles_no_columns", ["Email Server Type (servertype)"]),
        ("mailboxes.csv", "damaged.csv", "profiles_no_columns", ["holds 'Name', 'Email Address'"]),
    ],
)
def test_a_profiles_file_is_refused_when_it_cannot_serve(tmp_path, mailboxes, profiles, key, words):
    error = refused(HERE / mailboxes, HERE / profiles)
    assert error.key == key
    assert str(error).startswith(f"profiles file {HERE / profiles}: ")
    for word in words:
        assert word in str(error)


@pytest.mark.parametrize(
    ("mailboxes", "profiles", "key", "words"),
    [
        ("mailboxes-expanded.json", "profiles.json", "profiles_ignored_expanded", ["$expand=emailserverprofile"]),
        ("no-profile-column.csv", "profiles.csv", "profiles_ignored_unnamed", ["no Server Profile column"]),
        ("m.json", "profiles.json", "profiles_ignored_unnamed", ["no _emailserverprofile_value"]),
    ],
)
def test_a_profiles_file_that_is_not_needed_is_set_aside_and_said(tmp_path, mailboxes, profiles, key, words):
    if mailboxes == "no-profile-column.csv":
        text = (HERE / "damaged.csv").read_text().replace(",Server Profile", ",Owner")
        (tmp_path / mailboxes).write_text(text)
    elif mailboxes == "m.json":
        (tmp_path / mailboxes).write_text('{"value": [{"incomingemaildeliverymethod": 2}]}')
    path = tmp_path / mailboxes if (tmp_path / mailboxes).exists() else HERE / mailboxes
    export = read_export(str(path), str(HERE / profiles))
    assert read_export(str(path)).mailboxes == export.mailboxes  # the same rows as without it
    [said] = export.ignored
    assert said.key == key and said in export.notes
    assert said.startswith(f"profiles file {HERE / profiles} set aside, not read: ")
    for word in words:
        assert word in said


def test_a_name_that_says_one_shape_while_the_content_is_another(tmp_path):
    as_xlsx = tmp_path / "mailboxes.xlsx"
    as_xlsx.write_bytes((HERE / "mailboxes.csv").read_bytes())
    export = read_export(str(as_xlsx), str(HERE / "profiles.csv"))
    assert export.shape is Shape.CSV
    assert export.notes[0] == t("export_note_shape", "en", suffix=".xlsx", shape=t("shape_csv", "en"))
    as_csv = tmp_path / "mailboxes.csv"
    as_csv.write_bytes((HERE / "mailboxes.xlsx").read_bytes())
    assert read_export(str(as_csv), str(HERE / "profiles.xlsx")).shape is Shape.XLSX
    as_txt = tmp_path / "mailboxes.txt"
    as_txt.write_bytes(b"  \n" + (HERE / "mailboxes.json").read_bytes())
    assert [seen(row) for row in read_export(str(as_txt), str(HERE / "profiles.json")).mailboxes] == EXPECTED


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=400) | st.text(max_size=300).map(lambda s: s.encode("utf-8")))
def test_anything_at_all_is_an_export_or_an_input_error(tmp_path, content):
    path = tmp_path / "any.csv"
    path.write_bytes(content)
    try:
        export = read_export(str(path))
    except InputError as error:
        assert error.key.startswith("export_")
    else:
        assert all(isinstance(row, MailboxRow) for row in export.mailboxes)


# --- the reader's shortcuts, against plain answers --------------------------------------------------


def test_rows_of_the_fast_path_are_the_model_s_own_rows():
    rows = read("mailboxes.csv", "profiles.csv").mailboxes
    for row in rows:
        same = MailboxRow(**{name: getattr(row, name) for name in MailboxRow._fields})
        assert type(row) is MailboxRow and row == same and hash(row) == hash(same)
        with pytest.raises(AttributeError):  # immutable, as a NamedTuple is
            row.name = "x"  # type: ignore[misc]


ORACLE = {  # label as compared (case, spaces and punctuation dropped) -> number; written out by hand
    "state": {"active": 0, "inactive": 1},
    "incoming": {
        "none": 0,
        "microsoftdynamics365foroutlook": 1,
        "microsoftdynamicscrmforoutlook": 1,
        "dynamics365foroutlook": 1,
        "serversidesynchronizationoremailrouter": 2,
        "serversidesynchronization": 2,
        "forwardmailbox": 3,
    },
    "act": {
        "microsoftdynamics365foroutlook": 0,
        "microsoftdynamicscrmforoutlook": 0,
        "dynamics365foroutlook": 0,
        "serversidesynchronization": 1,
        "none": 2,
    },
}
CELLS = [
    "", " ", "0", "1", "2", "3", "4", "7", "-1", "2.0", "1.5", "x", "Active", "INACTIVE", " inactive ",
    "None", "none", "Forward Mailbox", "forward-mailbox", "Server-Side Synchronization",
    "server side synchronization", "Server-Side Synchronization or Email Router", "Microsoft Dynamics 365 for Outlook",
    "Microsoft Dynamics CRM for Outlook", "Email Router", "Outlook",
]  # fmt: skip


def oracle(attr: str, cell: str) -> int | None:
    text = re.sub(r"[\W_]+", "", cell.casefold())
    if text in ORACLE[attr]:
        return ORACLE[attr][text]
    if re.fullmatch(r"\s*-?\d+(\.0)?\s*", cell):
        number = int(float(cell))
        return number if number in range(len(set(ORACLE[attr].values()))) else None
    return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(*[st.sampled_from(CELLS)] * 3), min_size=1, max_size=30))
def test_every_cell_reads_as_a_plain_reading_says(tmp_path, rows):
    path = tmp_path / "m.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Name", "Status", "Incoming Email", "Appointments, Contacts, and Tasks"])
        writer.writerows([f"m{n}", *cells] for n, cells in enumerate(rows))
    read_rows = read_export(str(path)).mailboxes
    assert [row.name for row in read_rows] == [f"m{n}" for n in range(len(rows))]
    for row, cells in zip(read_rows, rows, strict=True):
        expected = [oracle(attr, cell) for attr, cell in zip(("state", "incoming", "act"), cells, strict=True)]
        assert [row.state, row.incoming, row.act] == expected, (cells, row)
        bad = [column for column, cell, value in zip(("Status", "Incoming Email", "Appointments, Contacts, and Tasks"),
               cells, expected, strict=True) if value is None and cell.strip()]  # fmt: skip
        assert [p.column for p in row.problems] == bad, (cells, row.problems)


def test_progress_is_said_every_thousand_rows_and_at_the_end(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("Name,Incoming Email\n" + "".join(f"m{n},{n % 4}\n" for n in range(2_500)))
    calls: list[tuple[int, int | None]] = []
    export = read_export(str(path), progress=lambda done, total: calls.append((done, total)))
    assert len(export.mailboxes) == 2_500
    assert calls == [(1_000, None), (2_000, None), (2_500, 2_500)]
    json_path = tmp_path / "m.json"
    json_path.write_text(json.dumps({"value": [{"incomingemaildeliverymethod": 2}] * 1_500}))
    calls.clear()
    read_export(str(json_path), progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1_000, 1_500), (1_500, 1_500)]


def test_a_csv_is_read_without_openpyxl_and_a_workbook_is_closed(tmp_path):
    code = (
        "import sys\nfrom syncmatrix.audit.exports import read_export\n"
        f"read_export({str(HERE / 'mailboxes.csv')!r}, {str(HERE / 'profiles.json')!r})\n"
        "print('openpyxl' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.strip() == "False"
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(5):
        read("mailboxes.xlsx", "profiles.xlsx")
    assert len(os.listdir("/proc/self/fd")) == before


# --- data/examples: an organization written by another hand (benchmarks/exports.py) --------------------

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"


def test_every_shape_of_the_examples_reads_to_the_same_rows():
    def plain(row: MailboxRow) -> MailboxRow:  # what every shape says alike
        profile = row.profile and dataclasses.replace(row.profile, id="")
        return row._replace(row=0, id="", profile_name="", profile=profile)

    pairs = [
        ("mailboxes.json", None),
        ("mailboxes-unexpanded.json", "profiles.json"),
        ("mailboxes.csv", "profiles.csv"),
        ("mailboxes-logical.csv", "profiles.csv"),
        ("mailboxes.xlsx", "profiles.xlsx"),
    ]
    said = [
        [plain(row) for row in read_export(str(EXAMPLES / m), str(EXAMPLES / p) if p else None).mailboxes]
        for m, p in pairs
    ]
    assert len(said[0]) >= 10 and not any(row.problems for row in said[0])
    for (name, _), rows in zip(pairs, said, strict=True):
        assert rows == said[0], name


def test_the_damaged_example_has_its_problems_on_the_lines_its_readme_lists():
    listed = re.findall(r"^- row (\d+), ", (EXAMPLES / "README.md").read_text(encoding="utf-8"), re.MULTILINE)
    export = read_export(str(EXAMPLES / "mailboxes-damaged.csv"), str(EXAMPLES / "profiles.csv"))
    assert listed and [row.row for row in export.mailboxes if row.problems] == [int(line) for line in listed]
    assert len(export.mailboxes) == len(read_export(str(EXAMPLES / "mailboxes.csv")).mailboxes)
