"""`syncmatrix audit` as an administrator runs it (CONTRACT.md §5): the three shapes of one
organization give one report, every row of a damaged file comes back, the formats and the files
it writes, and bad input is exit 2 with one paragraph. On the shipped examples (data/examples,
synthetic) and knowledge base, read only; every answer names its day."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from syncmatrix.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
DAY = ["--as-of", "2026-11-29"]

# The same organization in every shape: (mailboxes, profiles or None).
SHAPES = {
    "web-api": ("mailboxes.json", None),
    "web-api-unexpanded": ("mailboxes-unexpanded.json", "profiles.json"),
    "csv": ("mailboxes.csv", "profiles.csv"),
    "csv-logical": ("mailboxes-logical.csv", "profiles.csv"),
    "xlsx": ("mailboxes.xlsx", "profiles.xlsx"),
}


def run(capsys, *words: str) -> tuple[int, str, str]:
    code = main(list(words))
    out, err = capsys.readouterr()
    return code, out, err


def audit_json(capsys, shape: str, *more: str) -> dict:
    mailboxes, profiles = SHAPES[shape]
    words = ["audit", str(EXAMPLES / mailboxes), "--json", *DAY, *more]
    if profiles:
        words += ["--profiles", str(EXAMPLES / profiles)]
    code, out, err = run(capsys, *words)
    assert code == 1 and err == "", err  # the example organization has unsupported mailboxes
    return json.loads(out)


def comparable(document: dict) -> dict:
    """What must not depend on the shape: all but the file's own name. The rows too: a mailbox's
    row is its data row, the same in the CSV, the sheet and the JSON of the same export."""
    return {k: v for k, v in document.items() if k != "export"}


@pytest.fixture(scope="module")
def reports():
    capture = pytest.MonkeyPatch()
    documents = {}
    import io
    import sys

    for shape in SHAPES:
        out = io.StringIO()
        capture.setattr(sys, "stdout", out)
        mailboxes, profiles = SHAPES[shape]
        words = ["audit", str(EXAMPLES / mailboxes), "--json", *DAY]
        words += ["--profiles", str(EXAMPLES / profiles)] if profiles else []
        assert main(words) == 1
        documents[shape] = json.loads(out.getvalue())
    capture.undo()
    return documents


@pytest.mark.parametrize("shape", [s for s in SHAPES if s != "csv"])
def test_every_shape_of_the_organization_gives_the_same_report(reports, shape):
    assert comparable(reports[shape]) == comparable(reports["csv"])
    assert reports[shape]["export"]["shape"] == shape.split("-")[0] + ("-api" if shape.startswith("web") else "")


def test_the_report_has_the_contracts_keys_and_every_row(reports):
    document = reports["csv"]
    assert {"as_of", "page_only", "organization", "summary", "mailboxes", "rules"} <= set(document)
    assert (document["as_of"], document["page_only"]) == ("2026-11-29", False)
    with (EXAMPLES / "mailboxes.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    # Every row of the export, in its order, whatever happened to it.
    assert [box["name"] for box in document["mailboxes"]] == [row["Name"] for row in rows]
    summary = document["summary"]
    assert summary["mailboxes"] == len(rows)
    assert summary["judged"] == summary["supported"] + summary["supported_with_warnings"] + summary["unsupported"]
    assert summary["mailboxes"] == sum(summary[k] for k in ("judged", "inactive", "not_synchronized", "unreadable"))
    inactive = [row["Name"] for row in rows if row["Status"] == "Inactive"]
    assert [b["name"] for b in document["mailboxes"] if b["status"] == "inactive"] == inactive
    for box in document["mailboxes"]:
        assert {"row", "id", "name", "email", "config", "open", "verdict", "violations", "possible", "fix"} <= set(box)
        if box["verdict"] == "unsupported":
            assert box["fix"] is None or all(
                {"variable", "from", "to", "field", "field_value"} <= set(c) for c in box["fix"]["changes"]
            )
    counted = {entry["rule"]: entry["mailboxes"] for entry in document["rules"]}
    expected: dict[str, int] = {}
    asked: dict[str, int] = {}
    for box in document["mailboxes"]:
        for rule in box["violations"]:  # only what is broken for certain (issue 21)
            expected[rule] = expected.get(rule, 0) + 1
        for name in box["depends_on"]:
            asked[name] = asked.get(name, 0) + 1
        assert not set(box["violations"]) & set(box["would_break"])
    assert counted == expected and counted
    assert {q["variable"]: q["mailboxes"] for q in document["questions"]} == asked
    assert summary["depends"] == sum(1 for box in document["mailboxes"] if box["depends_on"])
    assert [entry["mailboxes"] for entry in document["rules"]] == sorted(counted.values(), reverse=True)


def test_the_export_decides_the_org_fact_and_names_its_rows(reports):
    document = reports["csv"]
    with (EXAMPLES / "mailboxes.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    outlook = [
        i + 1  # the data row
        for i, row in enumerate(rows)
        if row["Status"] == "Active"
        and row["Appointments, Contacts, and Tasks"].strip().lower().startswith("microsoft dynamics 365 for outlook")
    ]
    assert outlook, "the example organization synchronizes appointments through Outlook somewhere"
    assert document["organization"]["facts"] == {"outlook_sync_act_in_org": True}
    assert document["organization"]["fact_rows"]["outlook_sync_act_in_org"] == outlook


def test_a_gmail_mailbox_with_appointments_is_fixed_in_dynamics_terms(reports):
    [box] = [
        b
        for b in reports["csv"]["mailboxes"]
        if b["verdict"] == "unsupported" and "act-sync-needs-exchange" in b["violations"]
    ]
    assert box["config"]["email_system"] == "gmail" and box["config"]["act_sync"] is True
    [change] = box["fix"]["changes"]
    assert (change["variable"], change["from"], change["to"]) == ("act_sync", True, False)
    assert (change["field"], change["field_value"]) == ("Appointments, Contacts, and Tasks", "None")


def test_the_page_alone_and_a_day_give_different_answers_for_exchange_2019(capsys):
    mapped = ["--map", str(EXAMPLES / "map.yaml")]
    today = audit_json(capsys, "csv", *mapped)
    code, out, _ = run(
        capsys,
        "audit",
        str(EXAMPLES / "mailboxes.csv"),
        "--profiles",
        str(EXAMPLES / "profiles.csv"),
        "--json",
        "--page-only",
        *mapped,
    )
    page = json.loads(out)
    assert page["as_of"] is None and page["page_only"] is True
    exchange = [i for i, b in enumerate(today["mailboxes"]) if b["config"].get("email_system") == "exchange_2019"]
    assert exchange
    assert {today["mailboxes"][i]["verdict"] for i in exchange} == {"unsupported"}
    assert "unsupported" not in {page["mailboxes"][i]["verdict"] for i in exchange}


def test_every_row_of_a_damaged_file_comes_back(capsys):
    path = EXAMPLES / "mailboxes-damaged.csv"
    code, out, err = run(capsys, "audit", str(path), "--profiles", str(EXAMPLES / "profiles.csv"), "--json", *DAY)
    assert code in (0, 1) and err == ""
    document = json.loads(out)
    with path.open(encoding="utf-8-sig", newline="") as file:
        records = list(csv.reader(file))[1:]
    assert len(document["mailboxes"]) == len([r for r in records if any(cell.strip() for cell in r)])
    unreadable = [b for b in document["mailboxes"] if b["status"] == "unreadable"]
    assert unreadable and all(b["problems"] for b in unreadable)
    assert document["summary"]["unreadable"] == len(unreadable)


@pytest.mark.parametrize(
    ("suffix", "start"),
    [(".json", "{"), (".csv", "\ufeffrow,"), (".md", "# "), (".html", "<!DOCTYPE html>"), (".txt", "As of")],
)
def test_output_follows_the_file_name(capsys, tmp_path, suffix, start):
    target = tmp_path / f"report{suffix}"
    code, out, err = run(capsys, "audit", str(EXAMPLES / "mailboxes.json"), *DAY, "--output", str(target))
    assert (code, out, err) == (1, "", "")
    text = target.read_text(encoding="utf-8")
    assert text.startswith(start)
    if suffix == ".html":
        assert 'class="bars"' in text and "<script" not in text.lower() and 'lang="en"' in text


def test_a_csv_file_starts_with_the_mark_excel_needs_and_standard_output_does_not(capsys, tmp_path):
    target = tmp_path / "report.csv"
    code, out, err = run(capsys, "audit", str(EXAMPLES / "mailboxes.csv"), *DAY, "--output", str(target))
    assert (code, out, err) == (1, "", "")
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf" * 2)
    code, out, err = run(capsys, "audit", str(EXAMPLES / "mailboxes.csv"), *DAY, "--format", "csv")
    assert code == 1 and out.startswith("row,")  # piped to a script: no mark to strip
    assert data.decode("utf-8-sig") == out
    assert "Bianca Phạm" in out


def test_vietnamese_says_it_in_vietnamese(capsys):
    code, out, _ = run(capsys, "audit", str(EXAMPLES / "mailboxes.json"), *DAY, "--lang", "vi")
    assert code == 1
    assert "hộp thư" in out and "Cần xử lý" in out and "Tính đến ngày 2026-11-29" in out
    said = out.replace(str(EXAMPLES / "mailboxes.json"), "")  # the file's own name is not ours to translate
    for english in ("Needs action", "mailboxes", "Nearest fix", "Not judged", "inactive", "rows "):
        assert english not in said, english


def test_no_progress_line_when_stderr_is_not_a_terminal(capsys):
    code, _, err = run(capsys, "audit", str(EXAMPLES / "mailboxes.csv"), *DAY)
    assert code == 1 and err == ""


def test_an_organization_with_no_unsupported_mailbox_exits_0(capsys, tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text(
        'Name,Email Address,Status,Incoming Email,Outgoing Email,"Appointments, Contacts, and Tasks",Server Profile\n'
        "Queue,queue@contoso.com,Active,Server-Side Synchronization,Server-Side Synchronization,None,Online\n",
        encoding="utf-8",
    )
    profiles = tmp_path / "profiles.csv"
    profiles.write_text("Name,Email Server Type\nOnline,Exchange Online (Hybrid)\n", encoding="utf-8")
    code, out, err = run(capsys, "audit", str(path), "--profiles", str(profiles), "--json", "--page-only")
    assert (code, err) == (0, "")
    assert json.loads(out)["summary"]["unsupported"] == 0


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["audit", "no-such-file.csv"], "no-such-file.csv"),
        (["audit", str(ROOT / "docs")], "docs"),
        (["audit", str(ROOT / "pyproject.toml")], "pyproject.toml"),
        (["audit", str(EXAMPLES / "mailboxes.csv"), "--org", "email_system=gmail"], "email_system"),
        (["audit", str(EXAMPLES / "mailboxes.csv"), "--org", "fips=ture"], "fips"),
        (["audit", str(EXAMPLES / "mailboxes.csv"), "--as-of", "2026-02-30"], "--as-of"),
        (["audit", str(EXAMPLES / "mailboxes.csv"), "--format", "pdf"], "--format"),
    ],
)
def test_bad_input_is_exit_2_with_one_paragraph(capsys, words, said):
    code, out, err = run(capsys, *words)
    assert (code, out) == (2, "")
    assert err.startswith("syncmatrix: ") and said in err and "Traceback" not in err


def test_a_bad_map_is_exit_2_with_its_file_and_line(capsys, tmp_path):
    bad = tmp_path / "map.yaml"
    bad.write_text("email_system:\n  profiles:\n    Contoso Exchange: exchange_2091\n", encoding="utf-8")
    code, out, err = run(capsys, "audit", str(EXAMPLES / "mailboxes.csv"), *DAY, "--map", str(bad))
    assert (code, out) == (2, "")
    assert "map.yaml:3" in err and "exchange_2019" in err  # did you mean


# Names that would steer a terminal (a bidirectional override, an escape, DEL, a C1 control) beside
# plain Vietnamese: the JSON report escapes the first, keeps the second, and parses to every name.
STEERING_NAMES = ["Ana \u202eevil", "Bob \x1b[31mred", "Cid \x7f", "Dee \x9b", "Nguyễn Văn An", "Plain"]


def _steering_export(tmp_path: Path) -> Path:
    path = tmp_path / "names.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["Name", "Email Address", "Status", "Incoming Email", "Outgoing Email"])
        for i, name in enumerate(STEERING_NAMES):
            writer.writerow([name, f"user{i}@gmail.com", "Active", "Server-Side Synchronization", "None"])
    return path


def _names_of(data: bytes) -> list[str]:
    raw = data.decode("ascii", errors="replace") if data.isascii() else data.decode("utf-8")
    for unsafe in ("\u202e", "\x1b", "\x7f", "\x9b"):
        assert unsafe not in raw
    return [box["name"] for box in json.loads(raw)["mailboxes"]]


def test_json_on_standard_output_is_safe_and_exact(tmp_path, monkeypatch):
    """Standard output redirected to a file (`> report.json`): the report is written as bytes."""
    report = tmp_path / "report.json"
    with report.open("w", encoding="utf-8") as out:
        monkeypatch.setattr("sys.stdout", out)
        code = main(["audit", str(_steering_export(tmp_path)), "--json", "--page-only"])
    monkeypatch.undo()
    assert code in (0, 1)
    data = report.read_bytes()
    assert "Nguyễn Văn An".encode() in data
    assert _names_of(data) == STEERING_NAMES


def test_json_to_an_ascii_stream_degrades_to_escapes(tmp_path, monkeypatch):
    import io

    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="ascii", newline="")
    monkeypatch.setattr("sys.stdout", stream)
    code = main(["audit", str(_steering_export(tmp_path)), "--json", "--page-only"])
    stream.flush()
    monkeypatch.undo()
    assert code in (0, 1)
    assert buffer.getvalue().isascii()
    assert _names_of(buffer.getvalue()) == STEERING_NAMES


def test_json_written_with_output_is_the_same_document(tmp_path, capsys):
    export = _steering_export(tmp_path)
    target = tmp_path / "out.json"
    code, out, err = run(capsys, "audit", str(export), "--page-only", "--output", str(target))
    assert code in (0, 1) and out == err == ""
    _, printed, _ = run(capsys, "audit", str(export), "--page-only", "--json")
    assert json.loads(target.read_bytes()) == json.loads(printed)
    assert _names_of(target.read_bytes()) == STEERING_NAMES
