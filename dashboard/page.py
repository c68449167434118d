"""The page of the dashboard: explore a configuration, follow it over time, fix it, list, tabulate and
graph what is supported, audit an organization's mailboxes, every answer about the day the sidebar
names (or the page alone). The top layer: it starts a session from its link, draws the sidebar and
the open tab. Each tab is a module of its own (explore_tab.py, timeline_tab.py, fix_tab.py,
combinations_tab.py, table_tab.py, graph_tab.py, audit_tab.py); below them are what they share, each
layer importing only those below it: widgets.py, actions.py (the callbacks), questions.py (the
cached answers) and state.py.

The page only presents: the facts come from kb, the answers from solver, the link, the graph and the
words of rules from syncmatrix.present. `dashboard/app.py` is the script Streamlit runs.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Mapping, Sequence
from urllib.parse import urlencode

import streamlit as st

from syncmatrix.dashboard.actions import (
    LOG,
    TABS,
    current_question,
    on_day,
    on_language,
    on_page_only,
    on_reset,
    on_undo,
)
from syncmatrix.dashboard.combinations_tab import combinations_tab
from syncmatrix.dashboard.explore_tab import explore_tab
from syncmatrix.dashboard.fix_tab import fix_tab
from syncmatrix.dashboard.graph_tab import graph_tab
from syncmatrix.dashboard.questions import Explained, explained, kb_dir, load_model, loaded
from syncmatrix.dashboard.state import Explore, Question
from syncmatrix.dashboard.table_tab import table_tab
from syncmatrix.dashboard.timeline_tab import timeline_tab
from syncmatrix.dashboard.widgets import day_badge, too_hard
from syncmatrix.kb import LANGUAGES, KnowledgeBase, SyncmatrixError
from syncmatrix.present import links
from syncmatrix.present.markdown import problem_text
from syncmatrix.present.words import LANGUAGE_NAMES, t
from syncmatrix.solver import SupportModel
from syncmatrix.solver.limit import SearchLimitExceeded


def page_language() -> str:
    """The language of this page: the session's, else that of its first run (`first_language`)."""
    lang = st.session_state.get("lang")
    if lang in LANGUAGES:
        return str(lang)
    asked = st.query_params.get(links.LANG)
    return first_language(asked if asked in LANGUAGES else None)


def today() -> datetime.date:
    """The day a new session asks about when its link names none: `syncmatrix dashboard --as-of`'s,
    else the server's date."""
    asked = os.environ.get("SYNCMATRIX_AS_OF", "")
    try:
        return datetime.date.fromisoformat(asked) if asked else datetime.date.today()
    except ValueError:  # the launcher checked it; a hand-set variable may be anything
        return datetime.date.today()


def page_only_first() -> bool:
    """Whether a new session answers by the page alone when its link does not say: `syncmatrix
    dashboard --page-only`."""
    return os.environ.get("SYNCMATRIX_PAGE_ONLY") == "1"


def first_language(link_lang: str | None) -> str:
    """The language of a new session: the link's, else `syncmatrix dashboard --lang`, else the browser's."""
    if link_lang:
        return link_lang
    option = os.environ.get("SYNCMATRIX_LANG", "")
    if option in LANGUAGES:
        return option
    return "vi" if (st.context.locale or "").lower().startswith("vi") else "en"


def _start(kb: KnowledgeBase) -> None:
    """Read the link once per session: the configuration, the day, the language and what was left out."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    link = links.parse_link(kb, params)
    lang = first_language(link.lang)
    st.session_state["explore"] = Explore(link.config)
    st.session_state["question"] = Question(link.as_of or today(), link.page_only or page_only_first())
    st.session_state["lang"] = lang
    st.session_state["link_problems"] = link.problems
    st.session_state["tab_index"] = links.TABS.index(link.tab) if link.tab else 0


# --- the page ------------------------------------------------------------------------------------------


def sidebar(explore: Explore, asked: Question, params: Mapping[str, str], lang: str) -> None:
    with st.sidebar:
        st.session_state["lang_pick"] = lang
        st.segmented_control(
            f"{t('language', 'en')} / {t('language', 'vi')}",
            LANGUAGES,
            format_func=LANGUAGE_NAMES.__getitem__,
            key="lang_pick",
            on_change=on_language,
            required=True,
        )
        st.session_state["as_of"] = asked.day
        st.date_input(
            t("as_of_pick", lang),
            min_value=links.FIRST_DAY,
            max_value=links.LAST_DAY,
            key="as_of",
            on_change=on_day,
            help=t("as_of_help", lang),
            format="YYYY-MM-DD",
            disabled=asked.page_only,
        )
        st.session_state["page_only"] = asked.page_only
        st.toggle(t("page_only_pick", lang), key="page_only", on_change=on_page_only, help=t("page_only_help", lang))
        left, right = st.columns(2)
        left.button(
            t("undo", lang),
            key="undo",
            on_click=on_undo,
            disabled=not explore.can_undo,
            icon=":material/undo:",
            help=t("undo_help", lang),
            width="stretch",
        )
        right.button(
            t("reset", lang),
            key="reset",
            on_click=on_reset,
            disabled=not explore.config,
            icon=":material/restart_alt:",
            help=t("reset_help", lang),
            width="stretch",
        )
        base = (st.context.url or "").split("?", 1)[0]
        st.caption(t("share", lang), help=t("share_help_dated", lang))
        st.code(base + ("?" + urlencode(params) if params else ""), language=None, wrap_lines=True)


def audit_tab(model: SupportModel, lang: str) -> None:
    # Imported when the tab is open: the audit's readers and reports are no cost of the other tabs.
    from syncmatrix.dashboard.audit_tab import audit_tab as draw_audit

    draw_audit(model, lang)


def link_problems(lang: str) -> None:
    problems: Sequence[links.LinkProblem] = st.session_state.get("link_problems", ())
    if problems:
        shown = [f"- {problem_text(p, lang)}" for p in problems[:10]]
        if len(problems) > 10:
            shown.append(f"- {t('link_more', lang, n=len(problems) - 10)}")
        st.warning(t("link_problems", lang) + "\n" + "\n".join(shown))


def kb_problems(problems: Sequence[object], lang: str) -> None:
    st.error(t("kb_error", lang, n=len(problems)))
    st.code("\n".join(str(p) for p in problems), language=None)


def main() -> None:
    """The page. An error nobody foresaw ends it with a plain message in the page's language; its
    traceback, which names files of the server, goes to the server's log only."""
    try:
        if st.session_state.pop("failed", False):
            st.error(t("unexpected", page_language()))
        draw()
    except Exception:
        LOG.exception("the dashboard page failed")
        st.error(t("unexpected", page_language()))


def draw() -> None:
    try:
        kb = loaded(kb_dir())
    except SyncmatrixError as exc:
        kb_problems(getattr(exc, "problems", ()) or (exc,), page_language())
        return
    # Refused here rather than in loaded: the knowledge base is shared, the language is this page's.
    clashes = links.dashboard_problems(kb, page_language())
    if clashes:
        kb_problems(clashes, page_language())
        return
    if "explore" not in st.session_state or "question" not in st.session_state:
        _start(kb)
    explore: Explore = st.session_state["explore"]
    asked = current_question()
    lang: str = st.session_state["lang"]
    model = load_model(kb_dir(), asked.as_of)
    st.set_page_config(page_title=t("page_title", lang), page_icon="✉️", layout="wide")
    labels = [t(key, lang) for key in TABS]
    key = f"tabs:{lang}"
    # The open tab: the one clicked (the tabs' state), else the one the link or the language change named.
    shown = st.session_state.get(key)
    open_tab = labels.index(shown) if shown in labels else st.session_state.get("tab_index", 0)
    params = links.link_params(kb, explore.as_dict(), lang, asked.day, asked.page_only, links.TABS[open_tab])
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)

    sidebar(explore, asked, params, lang)
    st.title(t("title", lang))
    with st.container(horizontal=True, vertical_alignment="center", key="day"):
        # Above the tabs, since every tab answers about that day; on a phone the picker is out of sight.
        day_badge(model.kb, lang)
        st.caption(t("day_where" if model.kb.day else "page_only_where", lang))
    link_problems(lang)
    try:
        explanation: Explained | None = explained(kb_dir(), asked.as_of, explore.config)
    except SearchLimitExceeded:
        explanation = None  # each tab that needs it says so, the inputs stay to narrow the question
    default = labels[st.session_state.get("tab_index", 0)]
    tabs = st.tabs(labels, key=key, default=default, on_change="rerun")
    pages: tuple[Callable[[], None], ...] = (
        lambda: explore_tab(model, explore, lang, explanation),
        lambda: timeline_tab(model, explore, asked, lang),
        lambda: fix_tab(model, explore, lang),
        lambda: combinations_tab(model, explore, lang),
        lambda: table_tab(model, lang),
        lambda: graph_tab(model, explore, lang, explanation.result if explanation else None),
        lambda: audit_tab(model, lang),
    )
    for tab, page in zip(tabs, pages, strict=True):
        # Only the open tab runs: the others would cost their searches on every click.
        if tab.open:
            with tab:
                try:
                    page()
                except SearchLimitExceeded:
                    too_hard(lang)
