"""The dashboard driven through Streamlit's AppTest: what a person picks, clicks and reads."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

pytest.importorskip("streamlit", reason="the dashboard extra is not installed")

from streamlit.testing.v1 import AppTest  # noqa: E402  (after the skip above)
from untranslated import english_only_phrases  # noqa: E402

from syncmatrix import kb  # noqa: E402
from syncmatrix.dashboard import page  # noqa: E402
from syncmatrix.present.report import in_force  # noqa: E402
from syncmatrix.present.words import t  # noqa: E402
from syncmatrix.solver import SupportModel  # noqa: E402

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
TABS_EN = ("Explore", "Timeline", "Fix", "Supported combinations", "Support table", "Dependency graph", "Audit")
TABS_VI = (
    "Khám phá",
    "Dòng thời gian",
    "Sửa",
    "Các tổ hợp được hỗ trợ",
    "Bảng hỗ trợ",
    "Đồ thị phụ thuộc",
    "Kiểm tra hộp thư",
)
#: The link of a test about the page's own facts: the page alone, on a named day, so that no answer
#: and no link written back depends on the day the suite runs.
PAGE = {"as_of": "2026-11-29", "page_only": "1"}
DAY = datetime.date(2026, 11, 29)
#: A test that asks about a day names it in its link; only a link naming neither asks about the page alone.
DATED = ("as_of", "page_only")


def start(**query: str | list[str]) -> AppTest:
    """The page opened on a link: `query`, about the page alone unless it names a day or the switch."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query if set(DATED) & set(query) else {**PAGE, **query})
    at.run()
    assert_clean(at)
    return at


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    # The page turns an error nobody foresaw into a plain message: that is a failure here too.
    assert not {t("unexpected", lang) for lang in ("en", "vi")} & {e.value for e in at.error}


def pick(at: AppTest, name: str, value: object) -> None:
    at.selectbox(key=f"value:{name}").set_value(value)
    at.run()
    assert_clean(at)


def open_tab(at: AppTest, label: str, lang: str = "en") -> None:
    at.session_state[f"tabs:{lang}"] = label
    at.run()
    assert_clean(at)


def turn_off(page_kb: kb.KnowledgeBase, name: str) -> str:
    """The label of the button that applies the fix turning a bool off."""
    return t("apply", "en", changes=t("turn_off", "en", label=page_kb.variable(name).label.en))


def set_to(page_kb: kb.KnowledgeBase, name: str, value: object) -> str:
    """The label of the button that applies the fix setting a variable to a value."""
    changes = t("set_to", "en", label=page_kb.variable(name).label.en, value=page_kb.label_of(name, value))
    return t("apply", "en", changes=changes)


def verdict(at: AppTest) -> str:
    boxes = [*at.success, *at.warning, *at.error]
    return next(b.value for b in boxes if "Verdict" in b.value or "Kết luận" in b.value)


def listed(at: AppTest) -> str:
    """The line of the Supported combinations tab that says how many configurations it lists."""
    return next(c.value for c in at.caption if c.value.endswith("complete configurations"))


def texts(at: AppTest) -> list[str]:
    """Every text a person can read on the page: markdown, alerts, labels, options, buttons, tabs."""
    found = [m.value for m in at.markdown] + [c.value for c in at.caption] + [at.title[0].value]
    found += [a.value for a in (*at.success, *at.warning, *at.error, *at.info)]
    found += [s.label for s in at.selectbox] + [o for s in at.selectbox for o in s.options]
    found += [b.label for b in at.button] + [tab.label for tab in at.tabs] + [m.label for m in at.metric]
    found += [w.label for w in (*at.toggle, *at.multiselect, *at.number_input, *at.date_input)]
    found += [o for m in at.multiselect for o in m.options]
    found += [w.proto.placeholder for w in (*at.selectbox, *at.multiselect)]
    found += [d.proto.label for d in at.get("download_button")]
    return found


def test_a_fresh_page_is_open_and_asks_for_what_is_known(model):
    at = start()
    assert [tab.label for tab in at.tabs] == list(TABS_EN)
    assert len(at.selectbox) == len(model.order) and all(s.value is None for s in at.selectbox)
    # No verdict before a value is chosen.
    assert [i.value for i in at.info] == [t("explore_empty", "en", open=t("open", "en"))]
    assert at.metric[0].value == str(model.count({}).total)
    assert at.query_params == PAGE


def test_choosing_values_narrows_the_others_and_names_the_rule_behind_each_impossible_value(model, page_kb):
    left, everything = model.count({"email_system": "gmail"}).total, model.count({}).total
    at = start()
    pick(at, "email_system", "gmail")
    incoming = at.selectbox(key="value:incoming_protocol")
    label = page_kb.label_of
    assert incoming.options[1] == f"✗ {label('incoming_protocol', 'ews')}"
    assert incoming.options[2:] == [label("incoming_protocol", "pop3"), label("incoming_protocol", "imap")]
    assert f"**{page_kb.rule('web-mail-over-pop3-or-imap').title.en}**" in incoming.help
    assert at.metric[0].value == str(left) and at.metric[0].delta == str(left - everything)
    pick(at, "fips", True)
    assert verdict(at).startswith("**Verdict: supported with warnings")
    assert any("fips-confirm-server" in m.value for m in at.markdown)


def test_gmail_with_appointments_is_unsupported_names_the_rule_its_source_and_remedy_and_fixes_in_one_click(page_kb):
    at = start()
    pick(at, "email_system", "gmail")
    pick(at, "act_sync", True)
    open_ = len(page_kb.variables) - 2
    assert verdict(at) == f"**Verdict: unsupported (partial configuration: {open_} variables open)**"
    shown = next(m.value for m in at.markdown if "act-sync-needs-exchange" in m.value)
    rule = page_kb.rule("act-sync-needs-exchange")
    assert "**Source:** " in shown and page_kb.cite(rule.sources[:1]) in shown
    assert f"**Remedy:** {rule.remedy.en}" in shown
    assert at.metric[0].value == "0"
    assert at.query_params == {"email_system": "gmail", "act_sync": "true", **PAGE}
    button = next(b for b in at.button if b.label == turn_off(page_kb, "act_sync"))
    button.click()
    at.run()
    assert_clean(at)
    assert at.selectbox(key="value:act_sync").value is False
    assert verdict(at).startswith("**Verdict: supported")
    assert at.query_params == {"email_system": "gmail", "act_sync": "false", **PAGE}


def test_undo_walks_back_one_change_at_a_time_and_reset_can_be_undone():
    at = start()
    assert at.button(key="undo").disabled and at.button(key="reset").disabled
    pick(at, "email_system", "gmail")
    pick(at, "act_sync", True)
    at.button(key="undo").click()
    at.run()
    assert at.selectbox(key="value:act_sync").value is None
    assert at.selectbox(key="value:email_system").value == "gmail"
    at.button(key="reset").click()
    at.run()
    assert all(s.value is None for s in at.selectbox)
    at.button(key="undo").click()
    at.run()
    assert at.selectbox(key="value:email_system").value == "gmail"
    at.button(key="undo").click()
    at.run()
    assert all(s.value is None for s in at.selectbox) and at.button(key="undo").disabled


def test_a_value_can_be_left_open_again(model):
    at = start(email_system="gmail")
    pick(at, "email_system", None)
    assert at.query_params == PAGE and at.metric[0].value == str(model.count({}).total)


def test_the_fix_tab_honours_locks_and_costs_and_applies_the_value_chosen(page_kb):
    at = start(email_system="gmail", act_sync="true")
    open_tab(at, "Fix")
    assert len([b for b in at.button if b.label.startswith("Apply:")]) == 2
    at.multiselect(key="locks").set_value(["act_sync"])
    at.run()
    assert_clean(at)
    [apply] = [b for b in at.button if b.label.startswith("Apply:")]
    assert apply.label == set_to(page_kb, "email_system", "exchange_online")
    at.selectbox(key="pick:fix:1:email_system").set_value("exchange_2019")
    at.run()
    apply = next(b for b in at.button if b.label.startswith("Apply:"))
    assert apply.label == set_to(page_kb, "email_system", "exchange_2019")
    apply.click()
    at.run()
    assert_clean(at)
    assert at.query_params == {"email_system": "exchange_2019", "act_sync": "true", **PAGE, "tab": "fix"}
    # The Fix tab says what Apply changed and the verdict now (tests/test_fix_complete.py).
    assert any(s.value.startswith(t("fix_applied", "en", changes="")) for s in at.success)
    open_tab(at, "Explore")
    open_tab(at, "Fix")
    assert at.multiselect(key="locks").value == ["act_sync"]  # kept while the tab was closed
    at.multiselect(key="locks").set_value([])
    at.run()
    at.button(key="undo").click()
    at.run()
    # With a high cost on the email system, the cheapest fix turns appointments off instead.
    at.number_input(key="cost:email_system").set_value(5)
    at.run()
    assert [b.label for b in at.button if b.label.startswith("Apply:")] == [turn_off(page_kb, "act_sync")]


def test_the_fix_tab_asks_for_values_first():
    at = start()
    open_tab(at, "Fix")
    assert at.info[0].value.startswith("Choose some values in Explore first")


def test_supported_combinations_are_filtered_and_downloadable(model):
    chosen = model.count({"email_system": "gmail", "act_sync": False, "fips": False})
    at = start(email_system="gmail", act_sync="false", fips="false")
    open_tab(at, "Supported combinations")
    assert listed(at) == f"{chosen.total} complete configurations"
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == chosen.total
    assert [d.proto.label for d in at.get("download_button")] == ["Download CSV", "Download CSV with ids"]
    at.multiselect(key="combinations_verdicts").set_value(["supported_with_warnings"])
    at.run()
    assert listed(at) == f"{chosen.supported_with_warnings} complete configurations"
    at.toggle(key="combinations_match").set_value(False)
    at.run()
    assert listed(at) == f"{model.count({}).supported_with_warnings} complete configurations"


def test_the_support_table_is_shown_and_offered_as_markdown_and_html(page_kb):
    at = start(lang="vi")
    open_tab(at, "Bảng hỗ trợ", "vi")
    assert [d.proto.label for d in at.get("download_button")] == ["Tải Markdown", "Tải HTML"]
    assert not at.get("iframe")  # drawn with the page's own elements (tests/test_dashboard_tabs.py)
    assert page_kb.variable("email_sync").label.vi in at.table[0].value.columns


def test_the_graph_highlights_the_broken_rule_and_can_focus_on_the_chosen_variables():
    at = start(email_system="gmail", act_sync="true")
    open_tab(at, "Dependency graph")
    title = kb.load().rule("act-sync-needs-exchange").title.en
    assert any(m.value == f"Highlighted rules: {title}" for m in at.markdown)
    at.segmented_control(key="graph_view").set_value("rules")  # the full view: every rule in a box
    at.run()
    [chart] = at.get("graphviz_chart")
    spec = chart.proto.spec
    assert '"rule:act-sync-needs-exchange" [shape="box", style="rounded,filled"' in spec and "#f8d7da" in spec
    assert spec.count(" -> ") == sum(len(r.variables) for r in kb.load().as_of(None).rules)
    at.toggle(key="graph_focus").set_value(True)
    at.run()
    assert_clean(at)
    focused = at.get("graphviz_chart")[0].proto.spec
    assert focused.count("->") < spec.count("->") and "rule:mass-email-campaigns" not in focused


@pytest.mark.parametrize(
    "query",
    [
        {"email_system": "gmail", "act_sync": "true", "fips": "true"},
        # A day: advisories broken, their phases and a retired remedy, each said in Vietnamese too.
        {"email_system": "exchange_2019", "mass_email_campaigns": "true", "as_of": "2026-11-29"},
    ],
    ids=["page-only", "as-of-2026-11-29"],
)
def test_every_tab_opens_in_both_languages_with_no_english_left_in_vietnamese(query):
    at = start(**query)
    for label in TABS_EN:
        open_tab(at, label)
    open_tab(at, "Dependency graph")  # the tab the language changes on (Audit comes after it)
    at.segmented_control(key="lang_pick").set_value("vi")
    at.run()
    assert_clean(at)
    assert [tab.label for tab in at.tabs] == list(TABS_VI)
    assert at.title[0].value == "Thiết lập email này có được hỗ trợ không?"
    assert any(m.value.startswith("Các quy tắc được tô sáng") for m in at.markdown)  # still on the graph
    assert at.query_params["lang"] == "vi"
    # Whole words only: rule ids such as untested-pop3-server are names, not words to translate.
    english = [re.compile(rf"(?<![\w-]){re.escape(p)}(?![\w-])") for p in english_only_phrases()]
    for label in TABS_VI:
        open_tab(at, label, "vi")
        for text in texts(at):
            assert not [p.pattern for p in english if p.search(text)], text
    open_tab(at, "Khám phá", "vi")
    assert verdict(at).startswith("**Kết luận: không được hỗ trợ")


def test_the_tab_stays_open_when_the_language_changes():
    at = start()
    open_tab(at, "Supported combinations")
    at.segmented_control(key="lang_pick").set_value("vi")
    at.run()
    assert_clean(at)
    assert at.toggle(key="combinations_match").label == "Chỉ những tổ hợp khớp với các giá trị đã chọn ở thẻ Khám phá"


def test_a_shared_link_reproduces_the_configuration_and_the_language():
    at = start(email_system="gmail", act_sync="true", lang="vi")
    assert at.selectbox(key="value:email_system").value == "gmail"
    assert at.selectbox(key="value:act_sync").value is True
    assert verdict(at).startswith("**Kết luận: không được hỗ trợ")
    assert not at.warning


@pytest.mark.parametrize(
    "query,message",
    [
        ({"email_sytem": "gmail"}, "'email\\_sytem' is not a variable of a configuration (did you mean 'email\\_sys"),
        ({"email_system": "gmial"}, "'gmial' is not a value of email\\_system; expected one of exchange\\_online"),
        ({"fips": ["true", "false"]}, "fips is given more than once; the link keeps none of its values"),
        ({"lang": "fr"}, "'fr' is not a language of the dashboard; expected one of en, vi"),
        ({"<script>alert(1)</script>": "x"}, "'\\<script\\>alert\\(1\\)\\</script\\>' is not a variable"),
        ({"email_system": "A" * 10_000}, "'" + "A" * 39 + "…' is not a value of email\\_system"),
        ({"[x](javascript:alert(1))": "**b**"}, "'\\[x\\]\\(javascript\\:alert\\(1\\)\\)' is not a variable"),
        ({"fips": "\x00\u202etrue"}, "'��true' is not a value of fips; expected one of false, true"),
    ],
)
def test_a_broken_or_hostile_link_shows_a_clear_message_and_keeps_what_it_can(query, message):
    at = start(act_sync="true", **query)
    [warning] = at.warning
    assert warning.value.startswith("Parts of the link were ignored:\n- ")
    assert message in warning.value
    assert at.selectbox(key="value:act_sync").value is True
    assert at.query_params.get("act_sync") == "true" and set(at.query_params) <= {"act_sync", "lang", *DATED}
    pick(at, "fips", False)
    assert not at.warning  # the message goes once the page has moved on from the link


def test_a_flood_of_parameters_is_cut_short():
    at = start(**{f"p{i}": "x" for i in range(300)})
    [warning] = at.warning
    # The day and the switch come first and are read: 62 unknown names follow them, and the flood itself.
    assert "the link holds 302 parameters; only the first 64 were read" in warning.value
    assert warning.value.rstrip().endswith("- and 53 more")


def test_a_broken_knowledge_base_is_reported_on_the_page(tmp_path, monkeypatch):
    (tmp_path / "variables.yaml").write_text("variables: [\n", encoding="utf-8")
    monkeypatch.setenv("SYNCMATRIX_KB", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert_clean(at)
    assert at.error[0].value.startswith("The knowledge base could not be loaded")
    assert "variables.yaml" in at.code[0].value


def test_a_run_of_interactions_stays_clean():
    # Every step asks a new question. How long a rerun takes is measured by benchmarks/run.py
    # (dashboard/rerun), not here: a timed test flakes on a loaded machine.
    at = start()
    steps = [
        ("email_system", "gmail"),
        ("fips", True),
        ("incoming_protocol", "imap"),
        ("act_sync", True),
        ("act_sync", False),
        ("email_sync", True),
        ("mfa", False),
        ("server_profile", "imap_smtp"),
        ("outgoing_protocol", "smtp"),
        ("manual_tracking", True),
        ("email_system", "yahoo_mail"),
        ("email_system", "exchange_online"),
    ]
    for name, value in steps:
        at.selectbox(key=f"value:{name}").set_value(value)
        at.run()
        assert_clean(at)


# --- the day of the question --------------------------------------------------------------------------


def badges(at: AppTest) -> list[str]:
    """The badges that say which day the page answers about (above the tabs, and beside the verdict)."""
    return [m.value for m in at.markdown if "-badge[" in m.value]


def test_an_exchange_2019_mailbox_is_unsupported_as_of_2026_11_29_by_the_advisory_and_supported_by_the_page_alone(
    page_kb,
):
    at = start(email_system="exchange_2019", as_of="2026-11-29")
    assert verdict(at).startswith("**Verdict: unsupported")
    assert badges(at) == [":blue-badge[:material/event: As of 2026-11-29]"] * 2
    rule = page_kb.rule("a2-exchange-2019-extended-over")
    shown = next(m.value for m in at.markdown if rule.id in m.value)
    advisory = page_kb.advisory("exchange-server-lifecycle").title.en
    assert f"**Advisory:** {advisory} · {in_force(rule, 'en')}" in shown
    assert in_force(rule, "en") == "In force from 2025-10-15."
    urls = page_kb.links(rule.sources)  # the lifecycle page, and the Extended Security Updates (A2)
    assert urls and all(f"[{url}]({url})" in shown for url in urls)
    assert urls[0].startswith("https://learn.microsoft.com/")
    open_tab(at, "Dependency graph")
    assert any(m.value == f"Highlighted rules: {rule.title.en}" for m in at.markdown)

    at.toggle(key="page_only").set_value(True)
    at.run()
    assert_clean(at)
    assert any(m.value == "The configuration breaks no rule." for m in at.markdown)
    assert badges(at) == [":gray-badge[:material/description: The page alone]"]  # the graph tab has no verdict
    assert at.query_params == {"email_system": "exchange_2019", "as_of": "2026-11-29", "page_only": "1", "tab": "graph"}
    open_tab(at, "Explore")
    assert verdict(at) == "**Verdict: supported (partial configuration: 13 variables open)**"
    assert not [m for m in at.markdown if rule.id in m.value]


def test_the_day_and_the_switch_are_kept_in_the_link_and_restored_from_it(page_kb):
    at = start(email_system="exchange_2019", as_of="2026-11-29", lang="vi")
    assert at.date_input(key="as_of").value == DAY and not at.date_input(key="as_of").disabled
    assert at.toggle(key="page_only").value is False
    assert at.query_params == {"email_system": "exchange_2019", "as_of": "2026-11-29", "lang": "vi"}
    assert verdict(at).startswith("**Kết luận: không được hỗ trợ")
    # Another day in the same session: the answers are cached by day, never given about another one.
    at.date_input(key="as_of").set_value(datetime.date(2023, 6, 1))
    at.run()
    assert_clean(at)
    assert verdict(at).startswith("**Kết luận: được hỗ trợ (")
    assert at.query_params["as_of"] == "2023-06-01"
    assert badges(at)[0] == ":blue-badge[:material/event: Tính đến ngày 2023-06-01]"
    at.toggle(key="page_only").set_value(True)
    at.run()
    assert_clean(at)
    assert at.date_input(key="as_of").disabled and at.date_input(key="as_of").value == datetime.date(2023, 6, 1)
    link = dict(at.query_params)
    assert link == {"email_system": "exchange_2019", "as_of": "2023-06-01", "page_only": "1", "lang": "vi"}

    again = start(**link)
    assert again.date_input(key="as_of").value == datetime.date(2023, 6, 1) and again.date_input(key="as_of").disabled
    assert again.toggle(key="page_only").value is True
    assert badges(again)[0] == ":gray-badge[:material/description: Chỉ theo trang]"
    # Turning the switch off again answers about the day the link kept.
    again.toggle(key="page_only").set_value(False)
    again.run()
    assert_clean(again)
    assert again.query_params["as_of"] == "2023-06-01" and "page_only" not in again.query_params
    assert badges(again)[0] == ":blue-badge[:material/event: Tính đến ngày 2023-06-01]"


def test_a_link_that_names_no_day_answers_about_today_and_names_it(monkeypatch):
    monkeypatch.setattr(page, "today", lambda: DAY)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(email_system="exchange_2019")
    at.run()
    assert_clean(at)
    assert at.date_input(key="as_of").value == DAY
    assert at.query_params == {"email_system": "exchange_2019", "as_of": "2026-11-29"}  # the link now names it
    assert verdict(at).startswith("**Verdict: unsupported")


@pytest.mark.parametrize(
    "query,message",
    [
        ({"as_of": "29/11/2026"}, "'29/11/2026' is not a day for as\\_of; write it YYYY-MM-DD, for example as\\_of="),
        ({"as_of": "2026-02-30"}, "'2026\\-02\\-30' is not a day of the calendar (as\\_of); write an existing day as"),
        ({"as_of": "1999-12-31"}, "as\\_of takes a day from 2000\\-01\\-01 to 2099\\-12\\-31"),
        ({"as_of": ["2026-11-29", "2020-01-01"]}, "as\\_of is given more than once"),
        ({"page_only": "yes please"}, "'yes please' is not a value of page\\_only; expected one of 0, 1"),
    ],
)
def test_a_bad_day_or_switch_in_a_link_is_a_clear_message_and_the_rest_applies(monkeypatch, query, message):
    monkeypatch.setattr(page, "today", lambda: DAY)
    at = start(act_sync="true", email_system="exchange_2019", **query)
    [warning] = at.warning  # the verdict is an error: unsupported
    assert warning.value.startswith("Parts of the link were ignored:\n- ") and message in warning.value
    assert at.selectbox(key="value:act_sync").value is True  # the rest of the link still applies
    assert at.date_input(key="as_of").value == DAY and at.toggle(key="page_only").value is False
    assert at.query_params == {"act_sync": "true", "email_system": "exchange_2019", "as_of": "2026-11-29"}


def test_a_bad_day_is_said_in_vietnamese_too(monkeypatch):
    monkeypatch.setattr(page, "today", lambda: DAY)
    at = start(as_of="hôm qua", email_system="exchange_2019", lang="vi")
    [warning] = at.warning
    assert warning.value == (
        "Một số phần của liên kết đã bị bỏ qua:\n"
        "- 'hôm qua' không phải là một ngày hợp lệ cho as\\_of; hãy viết theo dạng YYYY-MM-DD, ví dụ as\\_of=2026-11-29"
    )


def test_a_remedy_retired_on_a_day_says_so_from_that_day_on(page_kb):
    rule = page_kb.rule("mass-email-campaigns")
    before = start(mass_email_campaigns="true", as_of="2021-04-11")
    shown = next(m.value for m in before.markdown if rule.id in m.value)
    assert f"**Remedy:** {rule.remedy.en}" in shown
    after = start(mass_email_campaigns="true", as_of="2021-04-12")
    shown = next(m.value for m in after.markdown if rule.id in m.value)
    assert f"**Remedy, retired since 2021-04-12:** {rule.remedy_retired.text.en}" in shown
    assert rule.remedy.en not in shown


def test_the_timeline_shows_the_2025_10_15_change_and_marks_the_day_in_question(page_kb):
    at = start(email_system="exchange_2019", email_sync="true", as_of="2026-11-29")
    open_tab(at, "Timeline")
    summary = next(m.value for m in at.markdown if m.value.startswith("**In short:**"))
    assert "unsupported from 2025-10-15 (Exchange Server 2019 out of support)" in summary
    assert "supported with warnings from 2024-01-10" in summary
    assert any("**By the page alone:** supported" in m.value for m in at.markdown)
    # The period of the day in question is the one alert of the tab, in the colour of its verdict.
    [current] = at.error
    assert current.value.startswith("**:material/event: 2026-11-29, the day in question**  \n")
    assert "**From 2025-10-15 to 2027-01-12** · :red[**unsupported**]" in current.value
    rule = page_kb.rule("a2-exchange-2019-extended-over")
    assert f"**{rule.id}** (Exchange Server 2019 out of support): {rule.message.en}" in current.value
    assert "(https://learn.microsoft.com/en-us/lifecycle/products/exchange-server-2019)" in current.value
    assert ":material/do_not_disturb_on: **a2-exchange-2019-mainstream-over**: no longer in force" in current.value
    periods = [m.value for m in at.markdown if m.value.startswith("**Until ") or m.value.startswith("**From ")]
    assert periods[0] == "**Until 2024-01-09** · :green[**supported**]"
    assert periods[1].startswith("**From 2024-01-10 to 2025-10-14** · :orange[**supported with warnings**]")
    # A day before the change marks the period before it; the timeline itself is the same.
    at.date_input(key="as_of").set_value(datetime.date(2025, 10, 14))
    at.run()
    assert_clean(at)
    [current] = at.warning
    assert "**From 2024-01-10 to 2025-10-14**" in current.value and "2025-10-14, the day in question" in current.value
    at.segmented_control(key="lang_pick").set_value("vi")
    at.run()
    assert_clean(at)
    summary = next(m.value for m in at.markdown if m.value.startswith("**Tóm lại:**"))
    assert "không được hỗ trợ từ ngày 2025-10-15 (Exchange Server 2019 hết hỗ trợ)" in summary
    at.toggle(key="page_only").set_value(True)
    at.run()
    assert_clean(at)
    assert not at.warning and not at.error  # the page alone marks no day, and says so
    assert at.info[0].value.startswith("Đang bật “Chỉ theo trang” nên không có ngày nào được đánh dấu")


def test_the_support_table_is_the_table_of_the_day(model):
    from syncmatrix.present.table import build_table, day_markdown

    dated = SupportModel(kb.load().as_of(DAY))
    at = start(as_of="2026-11-29")
    open_tab(at, "Support table")
    assert day_markdown(build_table(dated), "en").strip() in [m.value for m in at.markdown]
    assert [d.proto.label for d in at.get("download_button")] == ["Download Markdown", "Download HTML"]
    at.toggle(key="page_only").set_value(True)
    at.run()
    assert_clean(at)
    assert not [m for m in at.markdown if m.value.startswith("### " + t("table_advisories", "en", day="")[:10])]
    assert len(at.table[0].value) == len(build_table(model).rows)
