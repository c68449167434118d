"""The dashboard driven through Streamlit's AppTest: what a person picks, clicks and reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("streamlit", reason="the dashboard extra is not installed")

from streamlit.testing.v1 import AppTest  # noqa: E402  (after the skip above)

from syncmatrix import kb  # noqa: E402
from syncmatrix.present.words import english_only_phrases, t  # noqa: E402

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
TABS_EN = ("Explore", "Fix", "Supported combinations", "Support table", "Dependency graph")
TABS_VI = ("Khám phá", "Sửa", "Các tổ hợp được hỗ trợ", "Bảng hỗ trợ", "Đồ thị phụ thuộc")


def start(**query: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query)
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
    return f"Apply: Turn off {page_kb.variable(name).label.en}"


def set_to(page_kb: kb.KnowledgeBase, name: str, value: object) -> str:
    """The label of the button that applies the fix setting a variable to a value."""
    return f"Apply: Set {page_kb.variable(name).label.en} to {page_kb.label_of(name, value)}"


def verdict(at: AppTest) -> str:
    boxes = [*at.success, *at.warning, *at.error]
    return next(b.value for b in boxes if "Verdict" in b.value or "Kết luận" in b.value)


def texts(at: AppTest) -> list[str]:
    """Every text a person can read on the page: markdown, alerts, labels, options, buttons, tabs."""
    found = [m.value for m in at.markdown] + [c.value for c in at.caption] + [at.title[0].value]
    found += [a.value for a in (*at.success, *at.warning, *at.error, *at.info)]
    found += [s.label for s in at.selectbox] + [o for s in at.selectbox for o in s.options]
    found += [b.label for b in at.button] + [tab.label for tab in at.tabs] + [m.label for m in at.metric]
    found += [w.label for w in (*at.toggle, *at.multiselect, *at.number_input)]
    found += [o for m in at.multiselect for o in m.options]
    found += [w.proto.placeholder for w in (*at.selectbox, *at.multiselect)]
    found += [d.proto.label for d in at.get("download_button")]
    return found


def test_a_fresh_page_is_open_and_supported(model):
    at = start()
    assert [tab.label for tab in at.tabs] == list(TABS_EN)
    assert len(at.selectbox) == len(model.order) and all(s.value is None for s in at.selectbox)
    assert verdict(at).startswith("**Verdict: supported")
    assert at.metric[0].value == str(model.count({}).total)
    assert at.query_params == {}


def test_choosing_values_narrows_the_others_and_names_the_rule_behind_each_impossible_value(model, page_kb):
    left, everything = model.count({"email_system": "gmail"}).total, model.count({}).total
    at = start()
    pick(at, "email_system", "gmail")
    incoming = at.selectbox(key="value:incoming_protocol")
    label = page_kb.label_of
    assert incoming.options[1] == f"✗ {label('incoming_protocol', 'ews')} (ruled out by web-mail-over-pop3-or-imap)"
    assert incoming.options[2:] == [label("incoming_protocol", "pop3"), label("incoming_protocol", "imap")]
    assert any(c.value.startswith("Ruled out by **web-mail-over-pop3-or-imap**") for c in at.caption)
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
    assert at.query_params == {"email_system": "gmail", "act_sync": "true"}
    button = next(b for b in at.button if b.label == turn_off(page_kb, "act_sync"))
    button.click()
    at.run()
    assert_clean(at)
    assert at.selectbox(key="value:act_sync").value is False
    assert verdict(at).startswith("**Verdict: supported")
    assert at.query_params == {"email_system": "gmail", "act_sync": "false"}


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
    assert at.query_params == {} and at.metric[0].value == str(model.count({}).total)


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
    assert at.query_params == {"email_system": "exchange_2019", "act_sync": "true"}
    assert any(s.value.startswith("Nothing to change") for s in at.success)
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
    assert at.caption[0].value == f"{chosen.total} complete configurations"
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == chosen.total
    [csv] = at.get("download_button")
    assert csv.proto.label == "Download CSV"
    at.multiselect(key="combinations_verdicts").set_value(["supported_with_warnings"])
    at.run()
    assert at.caption[0].value == f"{chosen.supported_with_warnings} complete configurations"
    at.toggle(key="combinations_match").set_value(False)
    at.run()
    assert at.caption[0].value == f"{model.count({}).supported_with_warnings} complete configurations"


def test_the_support_table_is_shown_and_offered_as_markdown_and_html(page_kb):
    at = start(lang="vi")
    open_tab(at, "Bảng hỗ trợ", "vi")
    assert [d.proto.label for d in at.get("download_button")] == ["Tải Markdown", "Tải HTML"]
    [frame] = at.get("iframe")
    assert '<html lang="vi">' in frame.proto.srcdoc and page_kb.variable("email_sync").label.vi in frame.proto.srcdoc


def test_the_graph_highlights_the_broken_rule_and_can_focus_on_the_chosen_variables():
    at = start(email_system="gmail", act_sync="true")
    open_tab(at, "Dependency graph")
    assert any(m.value == "Highlighted rules: act-sync-needs-exchange" for m in at.markdown)
    [chart] = at.get("graphviz_chart")
    spec = chart.proto.spec
    assert '"rule:act-sync-needs-exchange" [shape="box", style="rounded,filled"' in spec and "#f8d7da" in spec
    assert spec.count(" -> ") == sum(len(r.variables) for r in kb.load().rules)
    at.toggle(key="graph_focus").set_value(True)
    at.run()
    assert_clean(at)
    focused = at.get("graphviz_chart")[0].proto.spec
    assert focused.count("->") < spec.count("->") and "rule:mass-email-campaigns" not in focused


def test_every_tab_opens_in_both_languages_with_no_english_left_in_vietnamese():
    at = start(email_system="gmail", act_sync="true", fips="true")
    for label in TABS_EN:
        open_tab(at, label)
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
    assert at.query_params.get("act_sync") == "true" and set(at.query_params) <= {"act_sync", "lang"}
    pick(at, "fips", False)
    assert not at.warning  # the message goes once the page has moved on from the link


def test_a_flood_of_parameters_is_cut_short():
    at = start(**{f"p{i}": "x" for i in range(300)})
    [warning] = at.warning
    assert "the link holds 300 parameters; only the first 64 were read" in warning.value
    assert warning.value.rstrip().endswith("- and 55 more")


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
