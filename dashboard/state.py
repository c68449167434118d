"""What a person has chosen, and the history that undo walks back: immutable values and pure steps.

The page keeps one `Explore` in its session and replaces it on every change, so a rerun can never
see half of a change, and the steps are tested without Streamlit.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from syncmatrix.kb.model import Value
from syncmatrix.present.links import Config

#: How many earlier configurations undo can go back to.
MAX_HISTORY = 50


@dataclass(frozen=True, slots=True)
class Explore:
    config: Config = ()
    history: tuple[Config, ...] = ()  # earlier configurations, the latest last

    def as_dict(self) -> dict[str, Value]:
        return dict(self.config)

    @property
    def can_undo(self) -> bool:
        return bool(self.history)


@dataclass(frozen=True, slots=True)
class Question:
    """The day every answer of the page is about, or the page alone.

    The day is kept while the page alone is chosen (its picker is only disabled), so that turning the
    switch off again answers about the same day as before. Not part of undo: undo walks back the
    configuration, and the day is a separate choice that the sidebar always shows."""

    day: datetime.date
    page_only: bool = False

    @property
    def as_of(self) -> datetime.date | None:
        """The day to ask `KnowledgeBase.as_of` about: None for the page alone."""
        return None if self.page_only else self.day


def ordered(order: Sequence[str], config: Mapping[str, Value]) -> Config:
    """`config` as a Config: the variables of `order` that it gives, in that order."""
    return tuple((name, config[name]) for name in order if name in config)


def _moved(state: Explore, config: Config) -> Explore:
    if config == state.config:
        return state  # nothing changed: nothing to undo either
    return Explore(config, (state.history + (state.config,))[-MAX_HISTORY:])


def choose(order: Sequence[str], state: Explore, variable: str, value: Value | None) -> Explore:
    """`state` with `variable` set to `value`, or left open when `value` is None."""
    config = state.as_dict()
    if value is None:
        config.pop(variable, None)
    else:
        config[variable] = value
    return _moved(state, ordered(order, config))


def apply_changes(order: Sequence[str], state: Explore, changes: Mapping[str, Value]) -> Explore:
    """`state` with every change of a fix made at once (one step for undo)."""
    return _moved(state, ordered(order, {**state.as_dict(), **changes}))


def replace_config(order: Sequence[str], state: Explore, config: Mapping[str, Value]) -> Explore:
    """`state` with `config` in place of its configuration (one step for undo): a mailbox of an audit
    opened in Explore, whatever was chosen before."""
    return _moved(state, ordered(order, config))


def reset(state: Explore) -> Explore:
    """Every variable open again; undo brings the configuration back."""
    return _moved(state, ())


def undo(state: Explore) -> Explore:
    """The configuration before the last change; `state` itself when there is none."""
    if not state.history:
        return state
    return Explore(state.history[-1], state.history[:-1])
