"""The callbacks of the dashboard: each runs before the script, replaces the one Explore (or
Question) value of the session, and the widgets are set from it on the next run, so undo, reset, a
fix and a link all move every input at once. Above questions.py, below the widgets that name them.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import wraps

import streamlit as st

from syncmatrix.dashboard.questions import filled, kb_dir
from syncmatrix.dashboard.state import Explore, Question, apply_changes, choose, ordered, reset, undo
from syncmatrix.kb import Value
from syncmatrix.present import links
from syncmatrix.present.links import Config
from syncmatrix.present.words import t

#: Where an error nobody foresaw goes with its traceback: the server's log, never the page.
LOG = logging.getLogger("syncmatrix.dashboard")
#: The words of the tabs' labels, in the order of the tabs' ids in a link (links.TABS).
TABS = tuple(f"tab_{name}" for name in links.TABS)
#: Session key of what the last Apply (or Fill the rest) changed: the Explore it led to and the
#: changes. Shown while the configuration is that Explore, so the next change of a value hides it.
APPLIED = "fix_applied"


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


def current_explore() -> Explore:
    explore: Explore = st.session_state["explore"]
    return explore


def set_explore(new: Explore) -> None:
    st.session_state["explore"] = new
    st.session_state["link_problems"] = ()  # the page has moved on from the link


def current_question() -> Question:
    asked: Question = st.session_state["question"]
    return asked


def set_question(new: Question) -> None:
    st.session_state["question"] = new
    st.session_state["link_problems"] = ()


@guarded
def on_value(order: Sequence[str], name: str) -> None:
    set_explore(choose(order, current_explore(), name, st.session_state[f"value:{name}"]))


@guarded
def on_day() -> None:
    day = st.session_state["as_of"]
    # A cleared field keeps the day it had: an answer is always about a day.
    if isinstance(day, datetime.date) and links.FIRST_DAY <= day <= links.LAST_DAY:
        set_question(replace(current_question(), day=day))


@guarded
def on_page_only() -> None:
    set_question(replace(current_question(), page_only=bool(st.session_state["page_only"])))


@guarded
def on_undo() -> None:
    set_explore(undo(current_explore()))


@guarded
def on_reset() -> None:
    set_explore(reset(current_explore()))


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


def picked(where: str, number: int, name: str, values: tuple[Value, ...]) -> Value:
    """The value chosen for `name` in a fix that offers several; the first one otherwise."""
    chosen = st.session_state.get(f"pick:{where}:{number}:{name}", values[0])
    return chosen if chosen in values else values[0]


def _move_to(order: Sequence[str], values: Mapping[str, Value]) -> None:
    """Explore with `values` set (one step for undo), and the changes kept to say what they were."""
    before = current_explore()
    after = apply_changes(order, before, values)
    set_explore(after)
    old = before.as_dict()
    changed = tuple((name, value) for name, value in after.config if name in old and old[name] != value)
    opened = tuple((name, value) for name, value in after.config if name not in old)
    st.session_state[APPLIED] = (after, changed, opened)


@guarded
def on_fix(
    order: Sequence[str], where: str, number: int, options: tuple[tuple[str, tuple[Value, ...]], ...], fill: bool
) -> None:
    """Apply a fix, with the values chosen where it offers several; with `fill`, the open values too."""
    values = {name: picked(where, number, name, choices) for name, choices in options}
    if fill:
        asked = st.session_state["question"]
        whole = filled(kb_dir(), asked.as_of, ordered(order, {**current_explore().as_dict(), **values}))
        values = dict(whole) if whole is not None else values
    _move_to(order, values)


@guarded
def on_fill_rest(order: Sequence[str], config: Config) -> None:
    _move_to(order, dict(config))
