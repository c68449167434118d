"""The dashboard under hostile links and side by side sessions: a message, never a traceback, and
no session ever sees another's state."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

pytest.importorskip("streamlit", reason="the dashboard extra is not installed")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from syncmatrix import kb  # noqa: E402

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
TEXT = st.text(max_size=40)


def run(query: dict[str, str | list[str]]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query)
    at.run()
    return at


def verdicts(at: AppTest) -> list[str]:
    boxes = [*at.success, *at.warning, *at.error]
    return [b.value for b in boxes if b.value.startswith(("**Verdict:", "**Kết luận:"))]


def queries(page: kb.KnowledgeBase) -> st.SearchStrategy[dict[str, object]]:
    """Links of the page's variables and values, and of the link's own day and switch, mixed with any
    text (built from the page_kb fixture, so that importing this module loads nothing)."""
    names = [*page.variable_names, "lang", "as_of", "page_only"]
    days = {"2026-11-29", "2021-04-12", "2000-01-01", "2099-12-31", "1999-12-31", "2026-02-30", "29/11/2026"}
    values = sorted(
        {kb.format_value(v) for var in page.variables for v in var.domain} | {"en", "vi", "yes", "0", "1"} | days
    )
    return st.dictionaries(
        st.one_of(st.sampled_from(names), TEXT),
        st.one_of(st.sampled_from(values), TEXT, st.lists(st.one_of(st.sampled_from(values), TEXT), max_size=3)),
        max_size=8,
    )


@settings(
    max_examples=40,
    deadline=timedelta(seconds=60),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_random_query_parameters_never_break_the_page(page_kb, data):
    at = run(data.draw(queries(page_kb), label="query"))
    assert not at.exception, [e.value for e in at.exception]
    # The page always reaches its verdict, or (no value given) asks for what is known instead.
    assert len(verdicts(at)) + len(at.info) == 1, [i.value for i in at.info]


def test_two_sessions_never_see_each_others_state(page_kb):
    # The page alone: on some days every configuration is unsupported (an advisory of the product itself).
    page = {"as_of": "2026-11-29", "page_only": "1"}
    first, second = run(page), run(page)
    first.selectbox(key="value:email_system").set_value("gmail")
    first.run()
    first.selectbox(key="value:act_sync").set_value(True)
    first.run()
    assert "unsupported" in verdicts(first)[0]
    second.run()
    assert second.selectbox(key="value:email_system").value is None
    assert second.selectbox(key="value:act_sync").value is None
    assert not verdicts(second)  # nothing chosen in this session: no verdict, "choose what you know"
    # A third session opened after both sees neither, and the cached knowledge base is untouched.
    third = run(page)
    assert third.selectbox(key="value:email_system").value is None
    assert kb.load() == page_kb


def test_two_sessions_on_two_days_each_see_the_answer_of_their_own_day():
    # One configuration, two days: the cache is keyed by the day as well, so neither sees the other's.
    before = run({"email_system": "exchange_2019", "as_of": "2025-10-14"})
    after = run({"email_system": "exchange_2019", "as_of": "2025-10-15"})
    assert verdicts(before)[0].startswith("**Verdict: supported with warnings")
    assert verdicts(after)[0].startswith("**Verdict: unsupported")
    before.run()
    assert verdicts(before)[0].startswith("**Verdict: supported with warnings")
