"""The support table as of a day: the rows of the rules in force that day, and why they differ from
the page's own table (the advisories that shape it, the systems they rule out, their marks).

The shipped data is read, never edited; the expectations about it come from the table of phases in
shared/sources/ADVISORIES.md (PHASES below), not from the table's output. The mechanics are tested
on tests/kbs/table-dated, a reduced page with advisories of its own.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
import types
from pathlib import Path

import pytest
from kbtools import copy_kb, edit
from untranslated import english_only_phrases

from syncmatrix import kb
from syncmatrix.cli import main
from syncmatrix.present.table import build_table, render
from syncmatrix.present.words import t
from syncmatrix.solver import SupportModel

ROOT = Path(__file__).resolve().parent.parent
KBS = Path(__file__).resolve().parent / "kbs"
day = datetime.date.fromisoformat

# The page's table: the systems of each of its two rows (the shipped page, docs/support-table.en.md).
PAGE_ROWS = (
    ("exchange_online", "exchange_2010", "exchange_2013", "exchange_2016", "exchange_2019"),
    ("gmail", "yahoo_mail", "msn", "outlook_com", "windows_live_mail"),
)
PAGE_SYSTEMS = PAGE_ROWS[0] + PAGE_ROWS[1]
EVERY = frozenset({*PAGE_SYSTEMS, "exchange_se"})  # a phase about the deployment, whatever the system

# ADVISORIES.md, A1-A6: (advisory, systems, severity, first day, last day); None: open. A phase
# lasts until the day before the next phase of its advisory over the same systems.
PHASES = (
    ("ews-exchange-online", {"exchange_online"}, "warning", day("2023-09-19"), day("2026-09-30")),
    ("ews-exchange-online", {"exchange_online"}, "warning", day("2026-10-01"), day("2027-03-31")),
    ("ews-exchange-online", {"exchange_online"}, "error", day("2027-04-01"), None),
    ("exchange-server-lifecycle", {"exchange_2010"}, "warning", day("2015-01-14"), day("2020-10-13")),
    ("exchange-server-lifecycle", {"exchange_2010"}, "error", day("2020-10-14"), None),
    ("exchange-server-lifecycle", {"exchange_2013"}, "warning", day("2018-04-11"), day("2023-04-11")),
    ("exchange-server-lifecycle", {"exchange_2013"}, "error", day("2023-04-12"), None),
    ("exchange-server-lifecycle", {"exchange_2016"}, "warning", day("2020-10-14"), day("2025-10-14")),
    ("exchange-server-lifecycle", {"exchange_2016"}, "error", day("2025-10-15"), None),
    ("exchange-server-lifecycle", {"exchange_2019"}, "warning", day("2024-01-10"), day("2025-10-14")),
    ("exchange-server-lifecycle", {"exchange_2019"}, "error", day("2025-10-15"), None),
    ("customer-engagement-lifecycle", EVERY, "warning", day("2027-01-13"), day("2029-01-09")),
    ("customer-engagement-lifecycle", EVERY, "error", day("2029-01-10"), None),
    ("outlook-com-basic-auth", {"outlook_com", "msn", "windows_live_mail"}, "error", day("2024-09-16"), None),
    ("gmail-password-sign-in", {"gmail"}, "warning", day("2022-05-30"), None),
    ("yahoo-app-password", {"yahoo_mail"}, "warning", None, None),
    # A8: Exchange SE, not on the page, did not exist before 2025-07-01 and is read as 2019 CU15 after.
    ("exchange-server-se", {"exchange_se"}, "error", None, day("2025-06-30")),
    ("exchange-server-se", {"exchange_se"}, "warning", day("2025-07-01"), None),
)
# From its release SE takes its place in the page's Exchange row, after 2019 (vocabulary order):
# the advisory supersedes the page's scope rule (exchange-se-not-on-page) in tables of a day.
SE_RELEASED = day("2025-07-01")

# Before, on and after the boundaries of the phases.
DAYS = (
    "2015-01-13",
    "2015-01-14",
    "2020-10-13",
    "2020-10-14",
    "2024-09-15",
    "2024-09-16",
    "2025-06-30",
    "2025-07-01",
    "2025-10-15",
    "2026-11-29",
    "2027-01-12",
    "2027-01-13",
    "2027-03-31",
    "2027-04-01",
    "2029-01-09",
    "2029-01-10",
)


def in_force(on: datetime.date) -> list[tuple]:
    return [p for p in PHASES if (p[3] is None or p[3] <= on) and (p[4] is None or on <= p[4])]


def expected(on: datetime.date) -> dict:
    """What the table as of `on` must say, from PHASES alone. From its release SE is one of the
    page's systems as read on the day (the advisory supersedes the page's scope rule), in the
    Exchange row after 2019."""
    phases = in_force(on)
    systems = PAGE_ROWS[0] + (("exchange_se",) if on >= SE_RELEASED else ()) + PAGE_ROWS[1]
    removed = {s: {p[0] for p in phases if s in p[1] and p[2] == "error"} for s in systems}
    removed = {s: advisories for s, advisories in removed.items() if advisories}
    listed = [s for s in systems if s not in removed]
    marked = {s: {p[0] for p in phases if s in p[1]} for s in listed}
    return {
        "listed": listed,
        "marked": {s: advisories for s, advisories in marked.items() if advisories},
        "removed": removed,
        "named": {(p[0], p[2], p[3]) for p in phases if p[1] & set(systems)},  # about a system of the day's page
    }


def observed(table) -> dict:
    """The same facts, read from a built table: a phase's letter stands for its advisory."""
    advisory = {p.mark: p.rule.advisory for p in table.phases}
    marked = {s: {advisory[m] for m in marks if m in advisory} for row in table.rows for s, marks in row.marks}
    return {
        "listed": [s for row in table.rows for s in row.systems],
        "marked": {s: advisories for s, advisories in marked.items() if advisories},
        "removed": {s: {advisory[m] for m in marks} for s, marks in table.removed},
        "named": {(p.rule.advisory, p.rule.severity.value, p.rule.valid_from) for p in table.phases},
    }


@pytest.fixture(scope="module")
def page_table(model):
    return build_table(model)


@pytest.fixture(scope="module")
def tables(page_kb):
    """The table as of each of DAYS, built once."""
    return {on: build_table(SupportModel(page_kb.as_of(day(on)))) for on in DAYS}


# --- the shipped data, on each day --------------------------------------------------------------


@pytest.mark.parametrize("on", DAYS)
def test_the_table_of_a_day_lists_names_and_marks_what_the_advisories_say(tables, on):
    assert observed(tables[on]) == expected(day(on))


@pytest.mark.parametrize("on", DAYS)
def test_a_system_still_listed_keeps_the_row_the_page_gives_it(tables, page_table, on):
    # The advisories remove whole systems; what the page offers the others stays as it is.
    page = {s: (r.email_sync, r.act_sync, r.protocols) for r in page_table.rows for s in r.systems}
    page["exchange_se"] = page["exchange_2019"]  # A8: SE in 2019's row, as the code of 2019 CU15
    for row in tables[on].rows:
        for system in row.systems:
            assert (row.email_sync, row.act_sync, row.protocols) == page[system]


def test_the_boundaries_are_where_advisories_md_puts_them(tables):
    # The day before a phase and its first day: one more advisory named, or one system fewer.
    assert observed(tables["2015-01-13"])["named"] == {("yahoo-app-password", "warning", None)}
    assert "exchange_2010" in observed(tables["2015-01-14"])["marked"]
    assert "exchange_2010" in observed(tables["2020-10-13"])["listed"]
    assert "exchange_2010" not in observed(tables["2020-10-14"])["listed"]
    assert {"msn", "outlook_com", "windows_live_mail"} <= set(observed(tables["2024-09-15"])["listed"])
    assert not {"msn", "outlook_com", "windows_live_mail"} & set(observed(tables["2024-09-16"])["listed"])
    assert "exchange_se" not in observed(tables["2025-06-30"])["listed"]
    assert "exchange_se" in observed(tables["2025-07-01"])["listed"]
    assert observed(tables["2027-03-31"])["listed"] == ["exchange_online", "exchange_se", "gmail", "yahoo_mail"]
    assert observed(tables["2027-04-01"])["listed"] == ["exchange_se", "gmail", "yahoo_mail"]
    assert observed(tables["2029-01-09"])["listed"] == ["exchange_se", "gmail", "yahoo_mail"]
    assert observed(tables["2029-01-10"])["listed"] == []


def test_on_2026_11_29_the_exchange_servers_and_the_microsoft_consumer_services_are_gone(tables):
    table = tables["2026-11-29"]
    gone = [s for s, _ in table.removed]
    assert gone == [
        "exchange_2010",
        "exchange_2013",
        "exchange_2016",
        "exchange_2019",
        "msn",
        "outlook_com",
        "windows_live_mail",
    ]
    assert [row.systems for row in table.rows] == [("exchange_online", "exchange_se"), ("gmail", "yahoo_mail")]
    # The page's FIPS footnote marks MSN, Outlook.com and Windows Live Mail only: none is left to mark.
    assert table.footnotes == ()


def test_the_page_footnote_stays_while_its_systems_are_listed(tables):
    marks = {s: m for row in tables["2020-10-14"].rows for s, m in row.marks}
    assert {s: m for s, m in marks.items() if s in ("msn", "outlook_com", "windows_live_mail")} == {
        "msn": ("1",),
        "outlook_com": ("1",),
        "windows_live_mail": ("1",),
    }
    assert [f.mark for f in tables["2020-10-14"].footnotes] == ["1"]


def test_each_advisory_named_carries_its_title_message_first_day_and_links(tables, page_kb):
    table = tables["2026-11-29"]
    markdown = render(table, "markdown", "en")
    for phase in table.phases:
        rule = phase.rule
        assert phase.title == page_kb.advisory(rule.advisory).title
        assert rule.message.en in markdown and phase.title.en in markdown
        assert rule.valid_from is None or rule.valid_from.isoformat() in markdown
        assert kb_links(page_kb, rule) and all(f"]({url})" in markdown for url in kb_links(page_kb, rule))
    # Letters in order, one per phase.
    assert [p.mark for p in table.phases] == list("abcdefghijklmnop"[: len(table.phases)])


def kb_links(page_kb, rule):
    return page_kb.links(rule.sources)


def test_a_warning_marks_its_system_with_the_letter_of_its_advisory(tables):
    table = tables["2026-11-29"]
    by_advisory = {p.rule.advisory: p for p in table.phases}
    marks = {s: m for row in table.rows for s, m in row.marks}
    assert marks["exchange_online"] == (by_advisory["ews-exchange-online"].mark,)
    assert marks["gmail"] == (by_advisory["gmail-password-sign-in"].mark,)
    assert by_advisory["ews-exchange-online"].rule.id == "a1-ews-online-allow-list"
    markdown = render(table, "markdown", "en")
    assert f"- Exchange Online<sup>{marks['exchange_online'][0]}</sup><br>" in markdown  # SE follows it in the cell


def test_the_product_warning_marks_every_system_listed(tables):
    # A3's warning is about the deployment, whatever the email system: every listed system has it.
    table = tables["2027-03-31"]
    phase = next(p for p in table.phases if p.rule.advisory == "customer-engagement-lifecycle")
    assert phase.affected == ("exchange_online", "exchange_se", "gmail", "yahoo_mail")
    assert all(phase.mark in marks for row in table.rows for _, marks in row.marks)


def test_the_email_router_remedy_is_retired_from_2021_04_12(page_kb):
    # A7: the page's Email Router remedy is the page's before 2021-04-12, its retired text from then on.
    retired = next(r.remedy_retired for r in page_kb.rules if r.remedy_retired is not None)
    page_text = next(r.remedy for r in page_kb.rules if r.remedy_retired is not None)
    assert retired.date == day("2021-04-12")
    before = build_table(SupportModel(page_kb.as_of(day("2021-04-11"))))
    after = build_table(SupportModel(page_kb.as_of(day("2021-04-12"))))
    assert page_text in [i.text for i in before.remedies] and retired.text not in [i.text for i in before.remedies]
    assert retired.text in [i.text for i in after.remedies] and page_text not in [i.text for i in after.remedies]
    assert retired.text.vi in render(after, "markdown", "vi")


# --- the command line -----------------------------------------------------------------------------


def table_part(markdown: str) -> str:
    """The rows of a Markdown table: the lines that start with '|'."""
    return "\n".join(line for line in markdown.splitlines() if line.startswith("|"))


def test_the_table_as_of_2027_04_01_no_longer_lists_exchange_online_and_says_why(capsys, page_kb):
    title = page_kb.advisory("ews-exchange-online").title.en
    assert main(["table", "--as-of", "2027-03-31"]) == 0
    before = capsys.readouterr().out
    assert "Exchange Online<sup>" in table_part(before)
    assert main(["table", "--as-of", "2027-04-01"]) == 0
    after = capsys.readouterr().out
    assert after.startswith(f"# {page_kb.document('sss-onprem').title.en} as of 2027-04-01\n")
    assert "Exchange Online" not in table_part(after)
    assert f"- Exchange Online — since 2027-04-01, {title} (a)" in after
    assert page_kb.rule("a1-ews-online-turned-off").message.en in after


def test_the_json_of_a_day_says_the_day_and_the_advisories(capsys, page_kb):
    assert main(["table", "--as-of", "2027-04-01", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["as_of"], doc["page_only"]) == ("2027-04-01", False)
    assert {"rows", "footnotes", "unsupported", "remedies", "notes", "title"} <= set(doc)  # the keys of §3 stay
    ews = next(a for a in doc["advisories"] if a["advisory"] == "ews-exchange-online")
    rule = page_kb.rule("a1-ews-online-turned-off")
    assert ews == {
        "mark": ews["mark"],
        "rule": rule.id,
        "advisory": "ews-exchange-online",
        "title": page_kb.advisory("ews-exchange-online").title.en,
        "phase": rule.title.en,
        "from": "2027-04-01",
        "until": None,
        "severity": "error",
        "text": rule.message.en,
        "reading": None,
        "links": list(page_kb.links(rule.sources)),
        "affected": [],
        "removed": ["exchange_online"],
    }
    gone = {entry["system"]: entry["rules"] for entry in doc["no_longer_listed"]}
    assert gone["exchange_online"] == [rule.id]
    assert doc["nothing_supported"] is None
    marks = {m for row in doc["rows"] for ms in row["footnotes"].values() for m in ms}
    assert marks <= {f["mark"] for f in doc["footnotes"]}  # every mark in a row is explained


class _Today:
    """A datetime module whose date.today() is a chosen day, for the command line's default day."""

    def __init__(self, on: datetime.date) -> None:
        class Date(datetime.date):
            @classmethod
            def today(cls) -> Date:
                return cls(on.year, on.month, on.day)

        self.module = types.ModuleType("datetime")
        self.module.__dict__.update(datetime.__dict__)
        self.module.date = Date


@pytest.fixture
def today(monkeypatch):
    """Make the command line's `import datetime` see another today; the knowledge base's own
    modules keep the real one (they imported it already)."""

    def set_today(on: str) -> None:
        monkeypatch.setitem(sys.modules, "datetime", _Today(day(on)).module)

    return set_today


@pytest.mark.parametrize("on", DAYS)
def test_page_only_is_the_page_table_whatever_today_is(capsys, today, tables, on):
    page = (ROOT / "docs" / "support-table.en.md").read_text(encoding="utf-8")
    today(on)
    assert main(["table", "--page-only"]) == 0
    assert capsys.readouterr().out == page
    # Without an option the table is about today.
    assert main(["table"]) == 0
    out = capsys.readouterr().out
    assert out == render(tables[on], "markdown", "en") and out != page


def test_page_only_json_is_the_page_table_and_says_it_is(capsys, page_table):
    # The page's own table, with the contract's keys of the day it is about: none (CONTRACT.md §4).
    assert main(["table", "--page-only", "--json"]) == 0
    out = capsys.readouterr().out
    assert out == render(page_table, "json", "en")
    document = json.loads(out)
    assert (document["as_of"], document["page_only"]) == (None, True)
    assert not {"advisories", "no_longer_listed", "nothing_supported"} & set(document)
    assert " as of " not in out


# --- a day on which nothing is supported ----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["markdown", "html", "csv", "json"])
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_when_nothing_is_supported_the_table_still_renders_and_says_why(tables, page_kb, fmt, lang):
    table = tables["2029-01-10"]
    assert table.rows == ()
    rule = page_kb.rule("a3-ce-onprem-extended-over")
    assert table.void == (rule,)
    text = render(table, fmt, lang)
    said = t("table_none_supported", lang, day="2029-01-10")
    if fmt == "json":
        doc = json.loads(text)
        assert doc["rows"] == [] and doc["nothing_supported"]["text"] == said
        assert [r["rule"] for r in doc["nothing_supported"]["reasons"]] == [rule.id]
    else:
        assert said in text or said.replace(",", "\\,") in text
        assert rule.message.get(lang) in text
        assert page_kb.advisory("customer-engagement-lifecycle").title.get(lang) in text
    if fmt == "html":
        assert "<table>" not in text
    if fmt == "csv":
        assert text.splitlines()[1] == ""  # the header, then no row


# --- languages and formats --------------------------------------------------------------------------


def test_the_vietnamese_table_of_a_day_is_in_vietnamese(tables):
    table = tables["2026-11-29"]
    for fmt in ("markdown", "html"):
        text = render(table, fmt, "vi")
        assert "tính đến ngày 2026-11-29" in text
        assert "Các khuyến cáo có hiệu lực vào ngày 2026-11-29" in text
        assert "Không còn trong bảng vào ngày 2026-11-29" in text
        shown = re.sub(r"<[^>]*>", " ", text)  # what a reader sees: not the anchors' names
        left = [phrase for phrase in english_only_phrases() if phrase in shown]
        assert left == [], f"English words left in the Vietnamese {fmt}: {left}"


def test_html_marks_point_at_their_advisory(tables):
    page = render(tables["2027-03-31"], "html", "en")
    targets = re.findall(r'href="#(advisory-[a-z]+)"', page)
    ids = re.findall(r'id="(advisory-[a-z]+)"', page)
    assert targets and set(targets) <= set(ids) and len(ids) == len(set(ids))
    assert page.count('<h2 id="advisories">') == 1


def test_csv_of_a_day_keeps_the_rows_first_and_explains_them_after(tables):
    lines = render(tables["2026-11-29"], "csv", "en").splitlines()
    assert lines[0] == render(tables["2015-01-13"], "csv", "en").splitlines()[0]  # the same header
    blank = lines.index("")
    assert blank == 1 + len(tables["2026-11-29"].rows)
    assert lines[blank + 1].startswith("Advisory in force on 2026-11-29,Mark,")
    assert len(lines) == blank + 2 + len(tables["2026-11-29"].phases)


# --- the mechanics, on a reduced page (tests/kbs/table-dated) ---------------------------------------


def dated(root: Path, on: str | None):
    return build_table(SupportModel(kb.load(root).as_of(day(on) if on else None)))


def test_a_phase_about_a_system_the_page_does_not_list_is_never_named():
    # exchange-2007-out-of-support holds from 2017-04-12, but the page's table never lists Exchange 2007.
    for on in ("2018-01-01", "2026-01-01", "2029-01-10"):
        table = dated(KBS / "table-dated", on)
        assert "exchange-2007-out-of-support" not in [p.rule.id for p in table.phases]
        assert "Exchange Server 2007 is out of support" not in render(table, "markdown", "en")


def test_the_reduced_page_through_its_phases():
    root = KBS / "table-dated"
    page = dated(root, None)
    assert [r.systems for r in page.rows] == [("exchange_2016", "exchange_2019"), ("gmail", "yahoo_mail", "msn")]
    assert page.phases == () and page.day is None and "Advisories" not in render(page, "markdown", "en")
    # 2019: only Gmail's phase (every day) is in force.
    table = dated(root, "2019-01-01")
    assert [(p.mark, p.rule.id, p.affected, p.removed) for p in table.phases] == [
        ("a", "gmail-app-password", ("gmail",), ())
    ]
    assert [r.systems for r in table.rows] == [r.systems for r in page.rows]
    # 2020-10-14: Exchange 2016 under a warning, marked after nothing of the page's.
    table = dated(root, "2020-10-14")
    marks = {s: m for r in table.rows for s, m in r.marks}
    assert marks == {"exchange_2016": ("a",), "gmail": ("b",), "msn": ("1",)}
    # 2026: Exchange 2016 and MSN gone, each with the phase that removes it.
    table = dated(root, "2026-01-01")
    assert [r.systems for r in table.rows] == [("exchange_2019",), ("gmail", "yahoo_mail")]
    assert [(s, [p.rule.id for p in table.phases if p.mark in m]) for s, m in table.removed] == [
        ("exchange_2016", ["exchange-2016-out-of-support"]),
        ("msn", ["msn-password-off"]),
    ]
    markdown = render(table, "markdown", "en")
    assert "- Exchange Server 2016 — since 2025-10-15, Exchange Server lifecycle (a)" in markdown
    assert "Reading: That this stops synchronization is our inference." in markdown  # an inferred phase says so
    # 2027-01-13: the product's warning marks every system still listed, after its own letters.
    table = dated(root, "2027-01-13")
    product = next(p.mark for p in table.phases if p.rule.id == "product-mainstream-over")
    assert all(m[-1] == product for r in table.rows for _, m in r.marks)
    assert {s for r in table.rows for s, _ in r.marks} == {"exchange_2019", "gmail", "yahoo_mail"}
    # 2029-01-10: nothing is left, because of the product's end of support.
    table = dated(root, "2029-01-10")
    assert table.rows == () and [r.id for r in table.void] == ["product-out-of-support"]


def test_a_page_footnote_comes_before_an_advisory_letter(tmp_path):
    root = copy_kb("table-dated", tmp_path)
    edit(
        root,
        "rules/advisories.yaml",
        '    from: "2024-09-16"\n    severity: error',
        '    from: "2024-09-16"\n    severity: warning',
    )
    table = dated(root, "2025-01-01")
    letter = next(p.mark for p in table.phases if p.rule.id == "msn-password-off")
    assert dict(m for r in table.rows for m in r.marks)["msn"] == ("1", letter)
    assert table.removed == ()


def test_a_day_without_any_advisory_says_so(tmp_path):
    root = copy_kb("table-dated", tmp_path)
    edit(
        root,
        "rules/advisories.yaml",
        "    from: always\n    severity: warning",
        '    from: "2030-01-01"\n    severity: warning',
    )
    edit(
        root,
        "rules/advisories.yaml",
        'vi: "Mật khẩu ứng dụng Gmail"}\n    from: always',
        'vi: "Mật khẩu ứng dụng Gmail"}\n    from: "2030-01-01"',
    )
    table = dated(root, "2019-01-01")
    assert table.phases == () and table.removed == ()
    assert [r.systems for r in table.rows] == [r.systems for r in dated(root, None).rows]
    for lang in ("en", "vi"):
        assert t("table_no_advisory", lang, day="2019-01-01") in render(table, "markdown", lang)
    doc = json.loads(render(table, "json", "en"))
    assert (doc["as_of"], doc["advisories"], doc["no_longer_listed"]) == ("2019-01-01", [], [])


def test_letters_run_past_z():
    from syncmatrix.present.table import _letter

    assert [_letter(i) for i in (0, 1, 25, 26, 27, 51, 52)] == ["a", "b", "z", "aa", "ab", "az", "ba"]
