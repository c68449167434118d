"""The Fix tab: the configuration it fixes and its verdict, every nearest fix with locks and costs, each
applied in one click (with the open values filled in, if asked), what the last click changed, and a
button that fills the rest with the nearest supported values."""

from __future__ import annotations

import streamlit as st

from syncmatrix.dashboard.actions import APPLIED, keep, on_fill_rest, restore
from syncmatrix.dashboard.questions import completed, counted, fixed, kb_dir
from syncmatrix.dashboard.state import Explore
from syncmatrix.dashboard.widgets import alert, fix_list, pairs, value_label
from syncmatrix.kb import KnowledgeBase
from syncmatrix.present.words import t
from syncmatrix.solver import SupportModel, Verdict

#: Values of the configuration listed as they are; more go under an expander.
SHOWN_VALUES = 5


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
    alert(verdict)(f"**{line}**")


def applied_notice(kb: KnowledgeBase, explore: Explore, verdict: Verdict, lang: str) -> bool:
    """What the last Apply changed, with the verdict now, until a value changes again; whether shown."""
    last = st.session_state.get(APPLIED)
    if last is None or last[0] != explore:
        st.session_state.pop(APPLIED, None)
        return False
    _, changed, opened = last
    lines = [t("fix_applied", lang, changes="; ".join(pairs(kb, changed, lang)))] if changed else []
    if opened:
        lines.append(t("fix_filled", lang, changes="; ".join(pairs(kb, opened, lang))))
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
