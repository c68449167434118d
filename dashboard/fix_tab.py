"""The Fix tab: the configuration it fixes and its verdict, every nearest fix with locks and costs, each
applied in one click (with the open values filled in, if asked), what the last click changed, and a
button that fills the rest with the nearest supported values."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from functools import partial

import streamlit as st

from syncmatrix.dashboard.page import (
    _explore,
    _picked,
    _set_explore,
    counted,
    describe_change,
    fixed,
    guarded,
    kb_dir,
    keep,
    load_model,
    question,
    restore,
    rule_name,
    value_label,
)
from syncmatrix.dashboard.state import Explore, apply_changes, ordered
from syncmatrix.kb import KnowledgeBase, Rule, Severity, Value
from syncmatrix.present.links import Config
from syncmatrix.present.words import t
from syncmatrix.solver import SupportModel, Verdict
from syncmatrix.solver.fix import FixGroup, FixResult

#: Session key of what the last Apply (or Fill the rest) changed: the Explore it led to and the
#: changes. Shown while the configuration is that Explore, so the next change of a value hides it.
APPLIED = "fix_applied"
#: Values of the configuration listed as they are; more go under an expander.
SHOWN_VALUES = 5


# --- answers, cached by their question (as page.py's) --------------------------------------------------


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


# --- callbacks -----------------------------------------------------------------------------------------


def _move_to(order: Sequence[str], values: Mapping[str, Value]) -> None:
    """Explore with `values` set (one step for undo), and the changes kept to say what they were."""
    before = _explore()
    after = apply_changes(order, before, values)
    _set_explore(after)
    old = before.as_dict()
    changed = tuple((name, value) for name, value in after.config if name in old and old[name] != value)
    opened = tuple((name, value) for name, value in after.config if name not in old)
    st.session_state[APPLIED] = (after, changed, opened)


@guarded
def on_fix(
    order: Sequence[str], where: str, number: int, options: tuple[tuple[str, tuple[Value, ...]], ...], fill: bool
) -> None:
    """Apply a fix, with the values chosen where it offers several; with `fill`, the open values too."""
    values = {name: _picked(where, number, name, choices) for name, choices in options}
    if fill:
        asked = st.session_state["question"]
        whole = filled(kb_dir(), asked.as_of, ordered(order, {**_explore().as_dict(), **values}))
        values = dict(whole) if whole is not None else values
    _move_to(order, values)


@guarded
def on_fill_rest(order: Sequence[str], config: Config) -> None:
    _move_to(order, dict(config))


# --- drawing -------------------------------------------------------------------------------------------


def _alert(verdict: Verdict) -> Callable[[str], object]:
    """Explore's box of a verdict (green, orange or red), imported when drawn: explore_tab imports
    this module."""
    from syncmatrix.dashboard.explore_tab import alert

    return alert(verdict)


def _errors_first(rules: Sequence[Rule]) -> list[Rule]:
    """Rules as a fix resolves them, the errors (what makes it unsupported) before the warnings."""
    return sorted(rules, key=lambda rule: rule.severity is not Severity.ERROR)


def _title(kb: KnowledgeBase, rule: Rule, lang: str) -> str:
    return rule_name(kb, rule, lang) or rule.id


def _pairs(kb: KnowledgeBase, values: Sequence[tuple[str, Value]], lang: str) -> list[str]:
    """['Email system → Exchange Online', 'Email synchronization → Yes']."""
    return [
        t("set_value", lang, label=kb.variable(n).label.get(lang), value=value_label(kb, n, v, lang)) for n, v in values
    ]


def remedies(kb: KnowledgeBase, groups: Sequence[FixGroup], lang: str) -> None:
    """The rules the fixes resolve, each once, by its title, with its remedy: above the fixes, which
    name them by title only."""
    rules: dict[str, Rule] = {}
    for group in groups:
        for rule in _errors_first(group.resolves):
            rules.setdefault(rule.id, rule)
    if not rules:
        return
    st.markdown(f"**{t('fix_rules', lang)}**")
    for rule in rules.values():
        remedy = f" — {rule.remedy.get(lang)}" if rule.remedy else ""
        st.markdown(f"- **{_title(kb, rule, lang)}**{remedy}")


def fix_list(
    model: SupportModel,
    where: str,
    result: FixResult,
    groups: Sequence[FixGroup],
    lang: str,
    *,
    config: Config = (),
    fill: bool = False,
    remedies_above: bool = False,
) -> None:
    """Each group of fixes with its one-click apply; a choice of value where a group offers several.

    With `remedies_above` the rules the fixes resolve come first, each once with its remedy (the
    Explore tab lists them already, with the rules broken). With `fill`, each Apply also fills the
    open values of `config`, the configuration fixed, and says which first."""
    kb = model.kb
    if result.distance is None:
        # The same words as the command line's: a void knowledge base is not a matter of locks.
        st.warning(t(("dash_void_strict" if result.strict else "dash_void") if result.void else "no_fix", lang))
        return
    if result.distance == 0:
        _alert(result.verdict)(t("already", lang, verdict=t(result.verdict.value, lang)))  # the verdict's colour
        return
    if remedies_above:
        remedies(kb, groups, lang)
    for number, group in enumerate(groups, start=1):
        with st.container(border=True):
            header = t(
                "fix_header_one" if len(group.options) == 1 else "fix_header",
                lang,
                number=number,
                n=len(group.options),
                cost=group.cost,
                verdict=t(group.verdict.value, lang),
            )
            st.markdown(f"**{header}**")
            for name, values in group.options:
                if len(values) > 1:
                    st.selectbox(
                        t("pick_value", lang, label=kb.variable(name).label.get(lang)),
                        list(values),
                        format_func=partial(value_label, kb, name, lang=lang),
                        key=f"pick:{where}:{number}:{name}",
                    )
            if group.resolves:
                titles = "; ".join(_title(kb, rule, lang) for rule in _errors_first(group.resolves))
                st.caption(t("fix_resolves_short", lang, rules=titles))
            picked = {name: _picked(where, number, name, values) for name, values in group.options}
            changes = "; ".join(describe_change(kb, name, value, lang) for name, value in picked.items())
            label = t("apply", lang, changes=changes)
            if fill:
                whole = filled(kb_dir(), kb.day, ordered(model.order, {**dict(config), **picked}))
                opened = [(n, v) for n, v in whole or () if n not in dict(config)]
                if opened:
                    st.caption(t("fill_also_line", lang, changes="; ".join(_pairs(kb, opened, lang))))
                    label = t("apply_and_fill", lang, changes=changes)
            st.button(
                label,
                key=f"apply:{where}:{number}",
                on_click=on_fix,
                args=(model.order, where, number, group.options, fill),
                type="primary",
            )


def what_is_fixed(model: SupportModel, explore: Explore, verdict: Verdict, lang: str) -> None:
    """The configuration as chosen, by its labels, and its verdict: what the fixes below are for."""
    kb = model.kb
    st.markdown(f"**{t('fix_for', lang)}**")
    chosen = "  \n".join(
        f"{kb.variable(n).label.get(lang)}: **{value_label(kb, n, v, lang)}**" for n, v in explore.config
    )
    if len(explore.config) <= SHOWN_VALUES:
        st.markdown(chosen)
    else:  # a whole configuration would push the fixes off a phone's screen
        with st.expander(t("fix_for_values", lang, n=len(explore.config))):
            st.markdown(chosen)
    opened = len(model.order) - len(explore.config)
    state = t("partial", lang, n=opened) if opened else t("complete", lang)
    line = t("verdict_line", lang, verdict_word=t("verdict", lang), verdict=t(verdict.value, lang), state=state)
    _alert(verdict)(f"**{line}**")


def applied_notice(kb: KnowledgeBase, explore: Explore, verdict: Verdict, lang: str) -> bool:
    """What the last Apply changed, with the verdict now, until a value changes again; whether shown."""
    last = st.session_state.get(APPLIED)
    if last is None or last[0] != explore:
        st.session_state.pop(APPLIED, None)
        return False
    _, changed, opened = last
    lines = [t("fix_applied", lang, changes="; ".join(_pairs(kb, changed, lang)))] if changed else []
    if opened:
        lines.append(t("fix_filled", lang, changes="; ".join(_pairs(kb, opened, lang))))
    lines.append(t("fix_applied_verdict", lang, verdict=t(verdict.value, lang)))
    st.success("  \n".join(lines))
    return True


def fix_tab(model: SupportModel, explore: Explore, lang: str) -> None:
    kb = model.kb
    given = [name for name, _ in explore.config]
    if not given:
        st.session_state.pop(APPLIED, None)
        st.info(t("fix_empty", lang))
        return
    restore("locks", [])
    st.session_state["locks"] = [name for name in st.session_state["locks"] if name in given]
    restore("strict", False)
    # A switch that can find nothing on the day is off, and says why (issue 21).
    never = counted(kb_dir(), kb.day, ()).supported == 0
    if never and st.session_state["strict"]:
        st.session_state["strict"] = False
        keep("strict")
    restore("fill_also", False)
    costs = {name: int(st.session_state.get(f"kept:cost:{name}", 1)) for name in given}
    cost_items = tuple((n, c) for n, c in costs.items() if c != 1)
    locked = tuple(n for n in given if n in st.session_state["locks"])
    strict = bool(st.session_state["strict"])
    result, groups = fixed(kb_dir(), kb.day, explore.config, locked, cost_items, strict)

    # What is fixed beside how: on a phone the columns stack, the configuration first.
    chosen, controls = st.columns([3, 2], gap="large")
    with chosen:
        what_is_fixed(model, explore, result.verdict, lang)
    with controls:
        st.multiselect(
            t("locks", lang),
            given,
            format_func=lambda n: kb.variable(n).label.get(lang),
            key="locks",
            on_change=keep,
            args=("locks",),
            help=t("locks_help", lang),
            placeholder=t("choose", lang),
        )
        with st.expander(t("costs", lang)):
            st.caption(t("costs_help", lang))
            for name in given:
                restore(f"cost:{name}", 1)
                st.number_input(
                    kb.variable(name).label.get(lang),
                    min_value=1,
                    max_value=1000,
                    step=1,
                    key=f"cost:{name}",
                    on_change=keep,
                    args=(f"cost:{name}",),
                )
        st.toggle(
            t("strict", lang),
            key="strict",
            on_change=keep,
            args=("strict",),
            disabled=never,
            help=t("dash_strict_never", lang) if never else None,
        )
        fill = bool(
            st.toggle(
                t("fill_also", lang),
                key="fill_also",
                on_change=keep,
                args=("fill_also",),
                help=t("fill_also_help", lang),
            )
        )
        if len(given) < len(model.order):
            whole = completed(kb_dir(), kb.day, explore.config, locked, cost_items, strict)
            st.button(
                t("fill_rest", lang),
                key="fill_rest",
                on_click=on_fill_rest,
                args=(model.order, whole),
                disabled=whole is None,
                help=t("fill_rest_help", lang) if whole is not None else t("fill_rest_none", lang),
            )
    # The notice where the Apply clicked was, so a phone shows it without scrolling back up; it says
    # the verdict now, which a fix list with nothing to change would only repeat.
    if not applied_notice(kb, explore, result.verdict, lang) or result.distance != 0:
        fix_list(model, "fix", result, groups, lang, config=explore.config, fill=fill, remedies_above=True)
