"""The page of the dashboard: explore a configuration, follow it over time, fix it, list, tabulate and
graph what is supported, audit an organization's mailboxes, every answer about the day the sidebar
names (or the page alone). Each tab is a module of its own beside this one (explore_tab.py,
timeline_tab.py, fix_tab.py, combinations_tab.py, table_tab.py, graph_tab.py, audit_tab.py); this
one holds what they share: the cached questions, the callbacks, the sidebar and the words of rules.

The page only presents: the facts come from kb, the answers from solver, the link and the graph
from pure modules beside this one. Every answer is cached by its (hashable, immutable) question, so
a rerun that asks nothing new costs no search. `dashboard/app.py` is the script Streamlit runs.
"""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import wraps
from itertools import islice
from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException
from streamlit.runtime.scriptrunner_utils.script_run_context import get_run_yield_check

from syncmatrix.dashboard.state import (
    Explore,
    Question,
    apply_changes,
    choose,
    ordered,
    reset,
    undo,
)
from syncmatrix.kb import LANGUAGES, Kind, KnowledgeBase, Rule, SyncmatrixError, Value, VariableType, load
from syncmatrix.present import links
from syncmatrix.present.links import Config
from syncmatrix.present.report import in_force
from syncmatrix.present.sources import web
from syncmatrix.present.words import LANGUAGE_NAMES, t
from syncmatrix.solver import CheckResult, Counts, SupportModel, Verdict
from syncmatrix.solver.fix import FixGroup, FixResult
from syncmatrix.solver.limit import Limit, SearchLimitExceeded
from syncmatrix.solver.timeline import Timeline, timeline

#: Where an error nobody foresaw goes with its traceback: the server's log, never the page.
LOG = logging.getLogger("syncmatrix.dashboard")


def kb_dir() -> str | None:
    """The knowledge base folder `syncmatrix dashboard --kb` passes; None for the project's data/."""
    # Read on every run, not at import: the module outlives a run, the environment may not.
    return os.environ.get("SYNCMATRIX_KB") or None


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


#: The words of the tabs' labels, in the order of the tabs' ids in a link (links.TABS).
TABS = tuple(f"tab_{name}" for name in links.TABS)
QUICK_FIXES = 3  # fix groups shown under an unsupported verdict; the Fix tab shows them all
#: Seconds one question of the page may search: a person is waiting, and a core is shared by every
#: session. A harder question says so (`too_hard`) instead of keeping the page busy.
QUESTION_SECONDS = 5.0
#: Configurations the Supported combinations tab lists at most; beyond them it says how many more.
MAX_ROWS = 10_000
#: Days whose model is kept at once. A model is cheap to build (the rules of a day, no search), so a
#: link naming one odd day after another costs little; the bound keeps such links from filling memory.
MODELS = 32


# --- answers, cached by their question -----------------------------------------------------------------
# The knowledge base and the model of each day are shared by every session (cache_resource): they are
# never changed after they are built. Answers are cached by value (cache_data): each caller gets its own
# copy of a frozen result, keyed by the folder, the day (None: the page alone) and tuples, so no session
# can alter what another one sees, and no answer about one day is ever given about another.


class RunWatch:
    """Whether the script run that asks a question still waits for its answer: the `cancelled` of the
    question's limit.

    Streamlit asks a run to stop when its session goes (the browser closed) and, by default, when a
    newer run of the session replaces it. It hands such a request over only once, as the exception
    that ends the run, when the run checks for it; a question checks here instead, keeps the
    exception and `stopped` raises it again once the search has ended, so the stop or rerun still
    happens. Outside a script run (a test, a thread of its own) nothing is ever cancelled.
    """

    def __init__(self) -> None:
        self._check = get_run_yield_check()
        self.stopped: ScriptControlException | None = None

    def __call__(self) -> bool:
        if self.stopped is None and self._check is not None:
            try:
                self._check()
            except ScriptControlException as request:
                self.stopped = request
        return self.stopped is not None


@contextmanager
def question() -> Iterator[Limit]:
    """The limit of one question this run asks, with the run's own `cancelled` (the model is shared
    by every session, so it is given per call, never kept in the model). A question cancelled
    because the run was asked to stop ends the run as Streamlit ends it; one out of time raises
    SearchLimitExceeded, which the page shows as `too_hard`."""
    watch = RunWatch()
    try:
        yield Limit(QUESTION_SECONDS, cancelled=watch)
    except SearchLimitExceeded:
        if watch.stopped is not None:
            raise watch.stopped from None
        raise


@st.cache_resource(show_spinner=False)
def loaded(folder: str | None) -> KnowledgeBase:
    """The knowledge base as loaded, with every phase of every advisory: each day's model and the
    timeline are read from it."""
    return load(folder)


@st.cache_resource(show_spinner=False, max_entries=MODELS)
def load_model(folder: str | None, day: datetime.date | None) -> SupportModel:
    """The model of a question about `day`: the rules in force that day (None: the page alone)."""
    return SupportModel(loaded(folder).as_of(day), limit=Limit(QUESTION_SECONDS))


@st.cache_data(show_spinner=False, max_entries=4096)
def checked(folder: str | None, day: datetime.date | None, config: Config) -> CheckResult:
    with question() as limit:
        return load_model(folder, day).check(dict(config), limit=limit)


@st.cache_data(show_spinner=False, max_entries=4096)
def counted(folder: str | None, day: datetime.date | None, config: Config) -> Counts:
    with question() as limit:
        return load_model(folder, day).count(dict(config), limit=limit)


@dataclass(frozen=True, slots=True)
class Explained:
    """Everything the Explore tab shows of one configuration: one cache entry, one lookup per rerun."""

    result: CheckResult
    counts: Counts
    ruled_out: Mapping[str, Mapping[Value, tuple[str, ...]]]  # variable -> value the others rule out -> rule ids


@st.cache_data(show_spinner=False, max_entries=4096)
def explained(folder: str | None, day: datetime.date | None, config: Config) -> Explained:
    model = load_model(folder, day)
    result = checked(folder, day, config)
    given = dict(config)
    # A given variable shows what the other choices allow for it; an open one what all of them allow.
    with question() as limit:
        # One budget for every given variable's searches: they are one question to the person.
        budget = model.budget("possible_values", limit)
        excluded: dict[str, Mapping[Value, tuple[str, ...]]] = {
            name: {
                value: tuple(r.id for r in rules) for value, rules in model.ruled_out(given, name, limit=budget).items()
            }
            for name in given
        }
    excluded.update(result.excluded)
    return Explained(result, counted(folder, day, config), {n: excluded[n] for n in model.order if excluded.get(n)})


@st.cache_data(show_spinner=False, max_entries=1024)
def fixed(
    folder: str | None,
    day: datetime.date | None,
    config: Config,
    locks: tuple[str, ...],
    costs: tuple[tuple[str, int], ...],
    strict: bool,
) -> tuple[FixResult, tuple[FixGroup, ...]]:
    from syncmatrix.solver.fix import group_fixes, nearest_fixes

    model = load_model(folder, day)
    with question() as limit:
        result = nearest_fixes(model, dict(config), locks=locks, costs=dict(costs), strict=strict, limit=limit)
    return result, tuple(group_fixes(model, result.fixes))


@st.cache_data(show_spinner=False, max_entries=256)
def combinations(folder: str | None, day: datetime.date | None, filters: Config) -> tuple[tuple[Config, Verdict], ...]:
    """The first MAX_ROWS + 1 acceptable configurations matching `filters` (the one more tells that
    there are more), all found within one question's budget."""
    model = load_model(folder, day)
    with question() as limit:
        found = model.supported_configurations(dict(filters), limit=model.budget("the supported combinations", limit))
        return tuple((ordered(model.order, c), v) for c, v in islice(found, MAX_ROWS + 1))


@st.cache_data(show_spinner=False, max_entries=256)
def support_table(folder: str | None, day: datetime.date | None, lang: str) -> tuple[str, str]:
    from syncmatrix.present.table import build_table, render

    table = build_table(load_model(folder, day))
    return render(table, "markdown", lang), render(table, "html", lang)


@st.cache_data(show_spinner=False, max_entries=1024)
def timeline_of(folder: str | None, config: Config) -> Timeline:
    """The answers about `config` on every day (solver/timeline.py): one per configuration, whatever
    the day in question, which only marks one of its periods."""
    with question() as limit:
        return timeline(loaded(folder), dict(config), limit=limit)


# --- session state and its callbacks ------------------------------------------------------------------
# Callbacks run before the script: each replaces the one Explore value of the session, and the widgets
# are set from it on the next run, so undo, reset, a fix and a link all move every input at once.


def guarded(callback: Callable[..., None]) -> Callable[..., None]:
    """`callback`, with an error nobody foresaw logged and left for `main` to show in plain words."""

    @wraps(callback)
    def run(*args: object) -> None:
        try:
            callback(*args)
        except Exception:
            LOG.exception("a callback of the dashboard failed")
            st.session_state["failed"] = True

    return run


def _explore() -> Explore:
    explore: Explore = st.session_state["explore"]
    return explore


def _set_explore(new: Explore) -> None:
    st.session_state["explore"] = new
    st.session_state["link_problems"] = ()  # the page has moved on from the link


def _question() -> Question:
    asked: Question = st.session_state["question"]
    return asked


def _set_question(new: Question) -> None:
    st.session_state["question"] = new
    st.session_state["link_problems"] = ()


@guarded
def on_value(order: Sequence[str], name: str) -> None:
    _set_explore(choose(order, _explore(), name, st.session_state[f"value:{name}"]))


@guarded
def on_apply(order: Sequence[str], where: str, number: int, options: tuple[tuple[str, tuple[Value, ...]], ...]) -> None:
    changes = {name: _picked(where, number, name, values) for name, values in options}
    _set_explore(apply_changes(order, _explore(), changes))


@guarded
def on_day() -> None:
    day = st.session_state["as_of"]
    # A cleared field keeps the day it had: an answer is always about a day.
    if isinstance(day, datetime.date) and links.FIRST_DAY <= day <= links.LAST_DAY:
        _set_question(replace(_question(), day=day))


@guarded
def on_page_only() -> None:
    _set_question(replace(_question(), page_only=bool(st.session_state["page_only"])))


@guarded
def on_undo() -> None:
    _set_explore(undo(_explore()))


@guarded
def on_reset() -> None:
    _set_explore(reset(_explore()))


@guarded
def on_language() -> None:
    # The tabs' state is their label, which changes with the language: carry the open tab across.
    old = st.session_state["lang"]
    labels = [t(key, old) for key in TABS]
    current = st.session_state.get(f"tabs:{old}")
    if current in labels:
        st.session_state["tab_index"] = labels.index(current)
    st.session_state["lang"] = st.session_state["lang_pick"]


def restore(key: str, default: object) -> None:
    """Give widget `key` the value it was last given: a lazy tab forgets the widgets it did not draw."""
    st.session_state[key] = st.session_state.get(f"kept:{key}", default)


@guarded
def keep(key: str) -> None:
    st.session_state[f"kept:{key}"] = st.session_state[key]


def _picked(where: str, number: int, name: str, values: tuple[Value, ...]) -> Value:
    """The value chosen for `name` in a fix that offers several; the first one otherwise."""
    chosen = st.session_state.get(f"pick:{where}:{number}:{name}", values[0])
    return chosen if chosen in values else values[0]


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


# --- words ---------------------------------------------------------------------------------------------


def value_label(kb: KnowledgeBase, name: str, value: Value, lang: str) -> str:
    return kb.label_of(name, value, lang)


def describe_change(kb: KnowledgeBase, name: str, value: Value, lang: str) -> str:
    """'Turn off “Appointments, contacts and tasks synchronization”' — a change as people say it, the
    field's label quoted as it reads on the form (a label mid-sentence keeps its capital)."""
    label = kb.variable(name).label.get(lang)
    if kb.variable(name).type is VariableType.BOOL:
        return t("turn_on" if value else "turn_off", lang, label=label)
    return t("set_to", lang, label=label, value=value_label(kb, name, value, lang))


def problem_text(problem: links.LinkProblem, lang: str) -> str:
    """A link problem in `lang`, with the link's own words escaped so they show as written."""
    e = links.escape_markdown
    suggestion = t("did_you_mean", lang, word=e(problem.suggestion)) if problem.suggestion else ""
    allowed = ", ".join(e(a) for a in problem.allowed)
    if problem.kind == "too_many":
        return t("link_too_many", lang, n=problem.count, limit=links.MAX_PARAMS)
    return t(
        f"link_{problem.kind}",
        lang,
        key=e(problem.key),
        value=e(problem.value),
        allowed=allowed,
        suggestion=suggestion,
        first=e(links.FIRST_DAY.isoformat()),
        last=e(links.LAST_DAY.isoformat()),
    )


def web_links(kb: KnowledgeBase, rule: Rule) -> str:
    """Where a rule's statements can be read, as links: a path in the repository (the readings) to
    its address in the repository (sources.web); one that cannot be linked as a name to look up."""
    return ", ".join(
        f"[{url}]({url})" if url.startswith("https://") else f"`{url}`" for url in map(web, kb.links(rule.sources))
    )


def named_links(kb: KnowledgeBase, rule: Rule, lang: str) -> str:
    """Where a rule's statements can be read, each address named by its statement's section: a
    timeline has no room for a citation and the address both, and a phone wraps a bare address badly."""
    named = {}
    for ref in rule.sources:
        url, section = web(kb.statement(ref).url), links.escape_markdown(kb.statement(ref).section.get(lang))
        if url and url not in named:
            named[url] = f"[{section}]({url})" if url.startswith("https://") else f"{section} (`{url}`)"
    return "; ".join(named.values())


def rule_name(kb: KnowledgeBase, rule: Rule, lang: str) -> str:
    """A rule as people name it: its own short title, else (an advisory's phase) its advisory's; ''
    when it has neither, as a rule of a test knowledge base may: the caller then names it by its id."""
    if rule.title:
        return rule.title.get(lang)
    return kb.advisory(rule.advisory).title.get(lang) if rule.advisory else ""


def rule_markdown(kb: KnowledgeBase, rule: Rule, lang: str) -> str:
    """A rule as the verdict names it: its plain title in bold, then a small grey line of details
    (severity, kind, and the id, which a person needs only to look the rule up), what it says, where
    the page says it, and the remedy."""
    mark = "✗" if rule.severity.value == "error" else "⚠"
    meta = t("rule_meta", lang, severity=t(rule.severity.value, lang), kind=t(f"kind_{rule.kind.value}", lang))
    if not rule.kind.of_the_page:
        meta += f" · {t('not_of_page', lang)}"
    name = rule_name(kb, rule, lang)
    if name:  # without a title the id is the name, in bold, and not repeated as a detail
        meta += f" · `{rule.id}`"
    lines = [f"{mark} **{name or rule.id}**", f":gray[:small[{meta}]]"]
    if rule.kind is Kind.ADVISORY:
        # Which advisory, and the days its phase holds: the answer is about a day, so is the rule.
        advisory = kb.advisory(rule.advisory).title.get(lang) if rule.advisory else rule_name(kb, rule, lang)
        said = " · ".join(part for part in (advisory, in_force(rule, lang)) if part)
        lines.append(f"**{t('advisory_label', lang)}:** {said}")
    lines += [
        f"{rule.message.get(lang)}",
        f"**{t('source', lang)}:** {kb.cite(rule.sources, lang)}",
    ]
    read = web_links(kb, rule)
    if read:
        lines.append(f"**{t('read_at', lang)}:** {read}")
    if rule.reading:
        lines.append(f"**{t('reading', lang)}:** {rule.reading.get(lang)}")
    if rule.remedy:
        retired = kb.retired_on(rule)
        label = t("remedy_retired", lang, day=retired.isoformat()) if retired else t("remedy", lang)
        lines.append(f"**{label}:** {rule.remedy.get(lang)}")
    return "  \n".join(lines)


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


def too_hard(lang: str) -> None:
    st.warning(t("too_hard", lang, seconds=QUESTION_SECONDS))


def day_badge(kb: KnowledgeBase, lang: str) -> None:
    """The day the answers are about, above the tabs and beside the verdict: 'As of 2026-11-29', or
    'The page alone'."""
    if kb.day is None:
        st.badge(t("answer_page_only", lang), icon=":material/description:", color="gray")
    else:
        st.badge(t("answer_as_of", lang, day=kb.day.isoformat()), icon=":material/event:", color="blue")


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
    asked = _question()
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
    # The tabs' modules import this one's helpers: imported here, once this module is whole.
    from syncmatrix.dashboard.combinations_tab import combinations_tab
    from syncmatrix.dashboard.explore_tab import explore_tab
    from syncmatrix.dashboard.fix_tab import fix_tab
    from syncmatrix.dashboard.graph_tab import graph_tab
    from syncmatrix.dashboard.table_tab import table_tab
    from syncmatrix.dashboard.timeline_tab import timeline_tab

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
