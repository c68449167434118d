"""The Fix tab: every nearest fix of the configuration, with locks and costs, each applied in one click."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import streamlit as st

from syncmatrix.dashboard.page import (
    _picked,
    describe_change,
    fixed,
    kb_dir,
    keep,
    on_apply,
    restore,
    value_label,
)
from syncmatrix.dashboard.state import Explore
from syncmatrix.present.words import t
from syncmatrix.solver import SupportModel
from syncmatrix.solver.fix import FixGroup, FixResult


def fix_list(model: SupportModel, where: str, result: FixResult, groups: Sequence[FixGroup], lang: str) -> None:
    """Each group of fixes with its one-click apply; a choice of value where a group offers several."""
    kb = model.kb
    if result.distance is None:
        # The same words as the command line's: a void knowledge base is not a matter of locks.
        st.warning(t(("void_strict" if result.strict else "void") if result.void else "no_fix", lang))
        return
    if result.distance == 0:
        st.success(t("already", lang, verdict=t(result.verdict.value, lang)))
        return
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
            for rule in group.resolves:
                remedy = f" — {rule.remedy.get(lang)}" if rule.remedy else ""
                st.caption(f"{t('fix_resolves', lang)}: **{rule.id}**{remedy}")
            changes = "; ".join(
                describe_change(kb, name, _picked(where, number, name, values), lang) for name, values in group.options
            )
            st.button(
                t("apply", lang, changes=changes),
                key=f"apply:{where}:{number}",
                on_click=on_apply,
                args=(model.order, where, number, group.options),
                type="primary",
            )


def fix_tab(model: SupportModel, explore: Explore, lang: str) -> None:
    kb = model.kb
    given = [name for name, _ in explore.config]
    if not given:
        st.info(t("fix_empty", lang))
        return
    restore("locks", [])
    st.session_state["locks"] = [name for name in st.session_state["locks"] if name in given]
    locks = st.multiselect(
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
        costs = {}
        for name in given:
            restore(f"cost:{name}", 1)
            costs[name] = int(
                st.number_input(
                    kb.variable(name).label.get(lang),
                    min_value=1,
                    max_value=1000,
                    step=1,
                    key=f"cost:{name}",
                    on_change=keep,
                    args=(f"cost:{name}",),
                )
            )
    restore("strict", False)
    strict = st.toggle(t("strict", lang), key="strict", on_change=keep, args=("strict",))
    cost_items = tuple((n, c) for n, c in costs.items() if c != 1)
    locked = tuple(n for n in given if n in locks)
    result, groups = fixed(kb_dir(), kb.day, explore.config, locked, cost_items, strict)
    fix_list(model, "fix", result, groups, lang)
