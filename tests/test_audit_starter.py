"""The starter map (issue 21): an entry ready for each profile (or domain) whose mailboxes' answers
depend on the email system; as downloaded it changes nothing, filled in it is the map."""

from __future__ import annotations

import datetime
from dataclasses import replace
from pathlib import Path

from syncmatrix import kb
from syncmatrix.audit.exports import read_export
from syncmatrix.audit.judge import audit
from syncmatrix.audit.mapping import load_map
from syncmatrix.audit.model import Profile
from syncmatrix.audit.starter import starter_map, wanted

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"
DAY = datetime.date(2026, 12, 7)


def example_audit(email_map=None):
    page = kb.load().as_of(DAY)
    export = read_export(str(EXAMPLES / "mailboxes.csv"), str(EXAMPLES / "profiles.csv"))
    return audit(page, export, email_map=email_map)


def test_as_downloaded_it_loads_as_a_map_that_changes_nothing(tmp_path):
    result = example_audit()
    text = starter_map(result, "en")
    asked = {j.mailbox.profile_name for j in result.mailboxes if wanted(j) and j.mailbox.profile_name}
    assert asked and all(f'# "{name}": SYSTEM' in text for name in asked)
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    empty = load_map(path, result.kb)
    assert (empty.profiles, empty.hosts, empty.domains) == ({}, {}, {})


def test_filled_in_it_settles_what_it_names(tmp_path):
    result = example_audit()
    text = starter_map(result, "vi").replace('# "Contoso Exchange": SYSTEM', '"Contoso Exchange": exchange_2019')
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    again = example_audit(load_map(path, result.kb))
    on_it = [j for j in again.mailboxes if j.mailbox.profile_name == "Contoso Exchange" and j.status.value == "judged"]
    assert on_it and all(j.config["email_system"] == "exchange_2019" and not wanted(j) for j in on_it)
    assert "Contoso Exchange" not in starter_map(again, "en")


def test_a_name_with_quotes_and_line_breaks_stays_one_commented_line(tmp_path):
    result = example_audit()
    odd = 'Ex "main"\nserver: x'
    boxes = tuple(
        replace(j, mailbox=j.mailbox._replace(profile_name=odd, profile=Profile(odd, 0))) if wanted(j) else j
        for j in result.mailboxes
    )
    text = starter_map(replace(result, mailboxes=boxes), "en")
    entry = [line for line in text.splitlines() if "SYSTEM" in line and "main" in line]
    assert entry == ['    # "Ex \\"main\\"\\nserver: x": SYSTEM']
    path = tmp_path / "map.yaml"
    path.write_text(text.replace('    # "Ex', '    "Ex').replace(": SYSTEM", ": exchange_2016"), encoding="utf-8")
    assert 'ex "main" server: x' in load_map(path, result.kb).profiles


def test_nothing_to_ask_nothing_to_download():
    result = example_audit()
    settled = replace(result, mailboxes=tuple(j for j in result.mailboxes if not wanted(j)))
    assert starter_map(settled, "en") == ""
