"""The shareable link: a configuration, the day of the question, a language and the open tab as URL
query parameters, read defensively.

A link is written by the dashboard (`link_params`) and read back by `parse_link`, which never
raises: anything it cannot use (an unknown variable, a bad value, a repeated key, a huge or hostile
parameter) becomes a `LinkProblem` and is left out, and the rest of the link still applies.

A variable named like a parameter the link needs for itself could not be carried by a link at all:
`dashboard_problems` refuses such a knowledge base. This module imports neither streamlit nor
networkx, so `syncmatrix dashboard` can ask it before it starts the server.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import get_close_matches

from syncmatrix.kb.config import parse_day, parse_value
from syncmatrix.kb.errors import InputError, Problem, one_of
from syncmatrix.kb.model import LANGUAGES, KnowledgeBase, Value, format_value
from syncmatrix.present.words import t

# A configuration as the page keeps it: (variable, value) pairs in vocabulary order (hashable).
Config = tuple[tuple[str, Value], ...]

LANG = "lang"
#: The day the answers are about (YYYY-MM-DD), and the switch to the page alone (1: no advisory).
AS_OF = "as_of"
PAGE_ONLY = "page_only"
#: The open tab, by an English id that stays the same whatever the page's language.
TAB = "tab"
#: The dashboard's tabs in their order; the first is open when a link names none (and is not written).
TABS = ("explore", "timeline", "fix", "combinations", "table", "graph", "audit")
#: Query parameter names no variable may take: the link's own (language, day, page alone, tab), and
#: the two Streamlit keeps for itself (it refuses to set them and hides them from the page). Compared
#: without case, as Streamlit compares its own.
RESERVED = ("embed", "embed_options", LANG, AS_OF, PAGE_ONLY, TAB)
#: How `page_only` may be written; the dashboard writes 1, and leaves it out when off.
PAGE_ONLY_VALUES = {"1": True, "0": False, "true": True, "false": False}
#: The days the dashboard's date picker offers, and so the days a link may name: wide around every
#: advisory's dates (2015 to 2029), narrow enough that the picker's calendar stays usable.
FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)
#: How many parameters are read; a link the dashboard writes has one per variable plus its own four.
MAX_PARAMS = 64
#: How much of a key or value a problem quotes back.
MAX_QUOTE = 40
#: Longest value read at all; the longest value of the page is far shorter.
MAX_VALUE = 200


@dataclass(frozen=True, slots=True)
class LinkProblem:
    """One part of a link that was left out, with what was expected instead."""

    kind: str  # unknown_variable, bad_value, repeated, bad_language, bad_tab, day_shape, not_a_day, day_range, too_many
    key: str = ""  # the parameter's name, made safe to show (`quote`)
    value: str = ""  # the parameter's value, made safe to show
    allowed: tuple[str, ...] = ()  # what would have been accepted
    suggestion: str = ""  # the closest allowed word, when one is close
    count: int = 0  # too_many: how many parameters the link holds (MAX_PARAMS are read)


@dataclass(frozen=True, slots=True)
class Link:
    config: Config
    lang: str | None  # None when the link names no language
    problems: tuple[LinkProblem, ...]
    as_of: datetime.date | None = None  # None when the link names no day (or a bad one): today's, then
    page_only: bool = False
    tab: str | None = None  # one of TABS; None when the link names none (or a bad one): the first


def quote(text: str, limit: int = MAX_QUOTE) -> str:
    """`text` safe to show inside a message: no control or format characters, at most `limit` long."""
    kept = "".join(c if unicodedata.category(c)[0] not in "CZ" or c == " " else "�" for c in text[: limit + 1])
    return kept if len(kept) <= limit else kept[: limit - 1] + "…"


def escape_markdown(text: str) -> str:
    """`text` shown literally by a Markdown renderer (Streamlit's included): every markup sign escaped."""
    return "".join("\\" + c if c in "\\`*_{}[]()<>#+-.!|~$:=&\"'" else c for c in text)


def parse_link(kb: KnowledgeBase, params: Mapping[str, Sequence[str]]) -> Link:
    """The configuration, day, language and tab of a link's query parameters (each key with all its values).

    Parameters the dashboard did not write are reported and skipped; so is a key given twice, since
    neither value can be trusted over the other. Problems come in the order of the parameters.
    """
    problems: list[LinkProblem] = []
    config: dict[str, Value] = {}
    lang: str | None = None
    as_of: datetime.date | None = None
    page_only = False
    tab: str | None = None
    items = list(params.items())
    if len(items) > MAX_PARAMS:
        problems.append(LinkProblem("too_many", count=len(items)))
        items = items[:MAX_PARAMS]
    for key, values in items:
        shown = quote(key)
        if len(values) != 1:
            problems.append(LinkProblem("repeated", shown))
            continue
        text = values[0]
        if key == LANG:
            if text in LANGUAGES:
                lang = text
            else:
                problems.append(LinkProblem("bad_language", shown, quote(text), LANGUAGES))
            continue
        if key == TAB:
            if text in TABS:
                tab = text
            else:
                problems.append(LinkProblem("bad_tab", shown, quote(text), TABS, _closest(text, TABS)))
            continue
        if key == AS_OF:
            day = _day(shown, text)
            if isinstance(day, LinkProblem):
                problems.append(day)
            else:
                as_of = day
            continue
        if key == PAGE_ONLY:
            if text.lower() in PAGE_ONLY_VALUES:
                page_only = PAGE_ONLY_VALUES[text.lower()]
            else:
                problems.append(LinkProblem("bad_value", shown, quote(text), ("0", "1")))
            continue
        if not kb.has_variable(key):
            problems.append(LinkProblem("unknown_variable", shown, quote(text), (), _closest(key, kb.variable_names)))
            continue
        allowed = tuple(format_value(v) for v in kb.variable(key).domain)
        try:
            if len(text) > MAX_VALUE:
                raise InputError("too long")
            config[key] = parse_value(kb, key, text)
        except InputError:
            problems.append(LinkProblem("bad_value", shown, quote(text), allowed, _closest(text, allowed)))
    ordered = tuple((name, config[name]) for name in kb.variable_names if name in config)
    return Link(ordered, lang, tuple(problems), as_of, page_only, tab)


def _day(shown: str, text: str) -> datetime.date | LinkProblem:
    """The day `as_of` names, or what is wrong with it: its shape, the calendar, or the picker's range."""
    try:
        day = parse_day(text[:MAX_VALUE], AS_OF)
    except InputError as exc:  # day_shape or not_a_day, as the command line says of --as-of
        return LinkProblem(exc.key or "day_shape", shown, quote(text), ("YYYY-MM-DD",))
    if not FIRST_DAY <= day <= LAST_DAY:
        return LinkProblem("day_range", shown, quote(text), (FIRST_DAY.isoformat(), LAST_DAY.isoformat()))
    return day


def dashboard_problems(kb: KnowledgeBase, lang: str = "en") -> list[Problem]:
    """The variables a link could not carry because of their names, each at its line, in `lang`."""
    return [
        Problem(v.file, v.line, t("reserved_name", lang, name=v.name, reserved=one_of(RESERVED)))
        for v in kb.variables
        if v.name.casefold() in RESERVED
    ]


def link_params(
    kb: KnowledgeBase,
    config: Mapping[str, Value],
    lang: str,
    as_of: datetime.date | None = None,
    page_only: bool = False,
    tab: str | None = None,
) -> dict[str, str]:
    """The query parameters of a link to `config` in `lang` about the day `as_of` (or the page alone):
    vocabulary order, then the day, the switch when on, the language when not English, the tab when
    not the first.

    The day is written whenever it is known, today's included: a link answers about the day it names,
    on whatever day it is opened (sources/ADVISORIES.md, "How dates are read")."""
    params = {name: format_value(config[name]) for name in kb.variable_names if name in config}
    if as_of is not None:
        params[AS_OF] = as_of.isoformat()
    if page_only:
        params[PAGE_ONLY] = "1"
    if lang != LANGUAGES[0]:
        params[LANG] = lang
    if tab is not None and tab != TABS[0]:
        params[TAB] = tab
    return params


def _closest(word: str, choices: Iterable[str]) -> str:
    close = get_close_matches(word[:MAX_VALUE].lower(), list(choices), n=1, cutoff=0.6)
    return close[0] if close else ""
