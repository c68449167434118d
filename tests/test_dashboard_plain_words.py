"""No command-line wording in the dashboard (issue 21): a person on the page has no `--org` to give
and no `syncmatrix audit` to run. Every text of every tab, in both languages (what the page shows,
the labels, options and help of its controls), and every report it offers for download, is scanned
for a `--` option and for a command of the command line."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

import pytest

pytest.importorskip("streamlit", reason="the dashboard extra is not installed")

from google.protobuf import text_format  # noqa: E402  (Streamlit's own dependency)
from streamlit.testing.v1 import AppTest  # noqa: E402
from test_dashboard_audit import APP, DAY, EXAMPLES, assert_clean, upload  # noqa: E402

from syncmatrix import kb  # noqa: E402
from syncmatrix.audit.exports import read_export  # noqa: E402
from syncmatrix.audit.judge import audit  # noqa: E402
from syncmatrix.audit.report import render_bytes  # noqa: E402
from syncmatrix.audit.starter import starter_map  # noqa: E402
from syncmatrix.cli import COMMANDS  # noqa: E402
from syncmatrix.present.words import t  # noqa: E402

COMMAND_LINE = re.compile(
    r"(?<![\w-])--[a-z][a-z-]*|\bsyncmatrix (?:" + "|".join(map(re.escape, COMMANDS)) + r")\b", re.IGNORECASE
)
TABS = ("tab_explore", "tab_fix", "tab_combinations", "tab_table", "tab_timeline", "tab_graph", "tab_audit")


def said(at: AppTest) -> Iterator[str]:
    """Every text of the page's elements: each element's message, with its labels, options and help."""
    stack = [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None:
            # Unicode as itself, so that a Vietnamese sentence reads as one in a failure.
            yield text_format.MessageToString(proto, as_utf8=True)
        stack.extend(getattr(node, "children", {}).values())


def found(texts: Iterator[str]) -> list[str]:
    return sorted({m.group(0) for text in texts for m in COMMAND_LINE.finditer(text)})


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_no_tab_speaks_of_the_command_line(lang):
    at = AppTest.from_file(APP, default_timeout=60)
    # A configuration given, so that Fix and Explore have something to say; the day is one on which
    # nothing is fully supported, so that the strict switch says why it is off.
    at.query_params.update({"as_of": "2026-12-07", "lang": lang, "email_system": "gmail", "act_sync": "true"})
    at.run()
    assert_clean(at)
    seen: list[str] = []
    for tab in TABS:
        at.session_state[f"tabs:{lang}"] = t(tab, lang)
        at.run()
        assert_clean(at)
        if tab == "tab_audit":
            upload(at, "profiles", "profiles.csv")
            upload(at, "export", "mailboxes.csv")
            assert at.metric  # the audit is shown, not an error
        seen += said(at)
    assert found(iter(seen)) == []


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("day", [DAY, datetime.date(2026, 12, 7), None])
def test_no_download_of_the_audit_speaks_of_the_command_line(lang, day):
    page = kb.load()
    export = read_export(str(EXAMPLES / "mailboxes.csv"), str(EXAMPLES / "profiles.csv"))
    result = audit(page.as_of(day), export)
    texts = [render_bytes(result, fmt, lang).decode() for fmt in ("json", "csv", "markdown", "html")]
    texts.append(starter_map(result, lang))
    assert found(iter(texts)) == []


def test_the_scan_finds_what_it_looks_for():
    assert found(iter(["give them with --org", "as syncmatrix audit writes it", "a — dash"])) == [
        "--org",
        "syncmatrix audit",
    ]


@pytest.mark.parametrize(("day", "never"), [("2026-12-07", True), ("2020-01-01", False)])
def test_the_strict_switch_is_off_and_says_why_on_a_day_it_can_find_nothing(day, never):
    # On 2026-12-07 every configuration carries a warning (the advisories); in 2020 the page's table held.
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"as_of": day, "lang": "en", "email_system": "gmail", "act_sync": "true"})
    at.run()
    at.session_state["tabs:en"] = t("tab_fix", "en")
    at.run()
    assert_clean(at)
    switch = at.toggle(key="strict")
    assert switch.disabled is never
    assert (switch.help == t("dash_strict_never", "en")) is never
