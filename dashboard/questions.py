"""The questions the dashboard asks, each answer cached by its (hashable, immutable) question: the
lowest layer of the page, above state.py. A rerun that asks nothing new costs no search.

The knowledge base and the model of each day are shared by every session (cache_resource): they are
never changed after they are built. Answers are cached by value (cache_data): each caller gets its own
copy of a frozen result, keyed by the folder, the day (None: the page alone) and tuples, so no session
can alter what another one sees, and no answer about one day is ever given about another.

Layers of the dashboard, each importing only those below it: state (values and pure steps) →
questions (this module) → actions (the callbacks) → widgets (what several tabs draw) → one module per
tab → page (the sidebar, the tabs) → app.py (the script Streamlit runs).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException
from streamlit.runtime.scriptrunner_utils.script_run_context import get_run_yield_check

from syncmatrix.dashboard.state import ordered
from syncmatrix.kb import KnowledgeBase, Value, load
from syncmatrix.present.links import Config
from syncmatrix.solver import CheckResult, Counts, SupportModel, Verdict
from syncmatrix.solver.fix import FixGroup, FixResult
from syncmatrix.solver.limit import Limit, SearchLimitExceeded
from syncmatrix.solver.timeline import Timeline, timeline

#: Seconds one question of the page may search: a person is waiting, and a core is shared by every
#: session. A harder question says so (`too_hard`) instead of keeping the page busy.
QUESTION_SECONDS = 5.0
#: Configurations the Supported combinations tab lists at most; beyond them it says how many more.
MAX_ROWS = 10_000
#: Days whose model is kept at once. A model is cheap to build (the rules of a day, no search), so a
#: link naming one odd day after another costs little; the bound keeps such links from filling memory.
MODELS = 32


def kb_dir() -> str | None:
    """The knowledge base folder `syncmatrix dashboard --kb` passes; None for the project's data/."""
    # Read on every run, not at import: the module outlives a run, the environment may not.
    return os.environ.get("SYNCMATRIX_KB") or None


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


@st.cache_data(show_spinner=False, max_entries=1024)
def filled(folder: str | None, day: datetime.date | None, config: Config) -> Config | None:
    """`config` with its open values filled by solver.fix.fill_open, or None when it is unsupported."""
    from syncmatrix.solver.fix import fill_open

    model = load_model(folder, day)
    with question() as limit:
        found = fill_open(model, dict(config), limit=limit)
    return None if found is None else ordered(model.order, found)


@st.cache_data(show_spinner=False, max_entries=1024)
def completed(
    folder: str | None,
    day: datetime.date | None,
    config: Config,
    locks: tuple[str, ...],
    costs: tuple[tuple[str, int], ...],
    strict: bool,
) -> Config | None:
    """`config` fixed (its first nearest fix, within the tab's locks and costs) and completed:
    solver.fix.nearest_completion; None when no fix exists."""
    from syncmatrix.solver.fix import nearest_completion

    model = load_model(folder, day)
    with question() as limit:
        found = nearest_completion(model, dict(config), locks, dict(costs), strict, limit=limit)
    return None if found is None else ordered(model.order, found)
