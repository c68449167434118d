"""Issue 21, item 1: an audit never ends as if all were well when rows were not read or nothing was
judged. A copy of the example export with its labels in German (as Dynamics writes them for a German
user) is exit 3, and every report opens with how many rows were not read, and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from syncmatrix.cli import EXIT_INCOMPLETE, EXIT_OK, EXIT_UNSUPPORTED, main
from syncmatrix.present.words import t

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"
GERMAN = {
    ",Active,": ",Aktiv,",
    ",Inactive,": ",Inaktiv,",
    "Server-Side Synchronization or Email Router": "Serverseitige Synchronisierung oder E-Mail-Router",
    "Server-Side Synchronization": "Serverseitige Synchronisierung",
    ",None": ",Keine",
}
DAY = ["--as-of", "2026-12-07"]


def german_copy(folder: Path) -> Path:
    text = (EXAMPLES / "mailboxes.csv").read_text(encoding="utf-8-sig")
    for english, german in GERMAN.items():
        text = text.replace(english, german)
    path = folder / "postfaecher.csv"
    path.write_text(text, encoding="utf-8")
    return path


def audit(capsys, *words: str) -> tuple[int, str]:
    code = main(["audit", *words, "--profiles", str(EXAMPLES / "profiles.csv"), *DAY])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_labels_in_another_language_are_not_all_clear(capsys, tmp_path, lang):
    code, out = audit(capsys, str(german_copy(tmp_path)), "--lang", lang)
    assert code == EXIT_INCOMPLETE
    first = out.splitlines()[0]
    rows = len((EXAMPLES / "mailboxes.csv").read_text(encoding="utf-8-sig").splitlines()) - 1
    assert first.startswith("⚠ " + t("audit_not_read", lang, n=rows, total=rows, reasons="").split("(")[0])
    assert t("audit_foreign_labels", lang, columns="Status").split(":")[0] in first


def test_the_json_says_it_too(capsys, tmp_path):
    code, out = audit(capsys, str(german_copy(tmp_path)), "--json")
    document = json.loads(out)
    assert code == EXIT_INCOMPLETE
    assert document["summary"]["judged"] == 0
    assert document["not_read"].startswith("Not all is known")


def test_one_unreadable_row_is_not_all_clear_either(capsys, tmp_path):
    lines = (EXAMPLES / "mailboxes.csv").read_text(encoding="utf-8-sig").splitlines()
    # The header and the first row whose mailbox is supported on the day, with one unreadable row.
    header, rows = lines[0], lines[1:]
    code, out = audit(capsys, str(EXAMPLES / "mailboxes.csv"), "--json")
    document = json.loads(out)
    fine = [m["row"] for m in document["mailboxes"] if m["verdict"] in ("supported", "supported_with_warnings")]
    assert fine
    keep = rows[fine[0] - 1]  # data rows are numbered from 1, the header excluded
    path = tmp_path / "two.csv"
    path.write_text("\n".join([header, keep, keep.replace(",Active,", ",Aktiv,")]) + "\n", encoding="utf-8")
    code, out = audit(capsys, str(path))
    assert code == EXIT_INCOMPLETE
    assert out.startswith("⚠ " + t("audit_not_read_one", "en", total=2, reasons="").split("(")[0])
    path.write_text("\n".join([header, keep]) + "\n", encoding="utf-8")
    code, out = audit(capsys, str(path))
    assert code == EXIT_OK and not out.startswith("⚠")


def test_an_unsupported_mailbox_still_says_exit_1(capsys):
    code, out = audit(capsys, str(EXAMPLES / "mailboxes-damaged.csv"))
    assert code == EXIT_UNSUPPORTED
    assert out.startswith("⚠ ")
