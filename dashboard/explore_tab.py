"""The Explore tab: the form of a configuration and the verdict beside it, with the rules it breaks,
the warnings it carries and the quickest fixes."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from syncmatrix.dashboard.fix_tab import fix_list
from syncmatrix.dashboard.page import (
    QUICK_FIXES,
    Explained,
    counted,
    day_badge,
    fixed,
    kb_dir,
    on_value,
    rule_markdown,
    too_hard,
    value_label,
)
from syncmatrix.dashboard.state import Explore
from syncmatrix.kb import Value
from syncmatrix.present.report import split_warnings
from syncmatrix.present.words import t
from syncmatrix.solver import SupportModel, Verdict
from syncmatrix.solver.limit import SearchLimitExceeded


def value_input(model: SupportModel, explore: Explore, name: str, lang: str, explanation: Explained | None) -> None:
    """One input: open or a value, the values ruled out marked with the rules that rule them out
    (none marked when the question was too hard: the input is how a person narrows it)."""
    kb = model.kb
    variable = kb.variable(name)
    config = explore.as_dict()
    excluded = explanation.ruled_out.get(name, {}) if explanation else {}

    def label(value: Value | None) -> str:
        if value is None:
            return t("open", lang)
        text = value_label(kb, name, value, lang)
        if value in excluded:
            return t("ruled_out_mark", lang, label=text, rules=", ".join(excluded[value]))
        return text

    st.session_state[f"value:{name}"] = config.get(name)
    st.selectbox(
        variable.label.get(lang),
        (None, *variable.domain),
        format_func=label,
        placeholder=t("open", lang),
        key=f"value:{name}",
        on_change=on_value,
        args=(model.order, name),
        help=variable.description.get(lang),
    )
    if excluded:
        by_rule: dict[str, list[str]] = {}
        for value, ids in excluded.items():
            for rule_id in ids:
                by_rule.setdefault(rule_id, []).append(value_label(kb, name, value, lang))
        items = "; ".join(f"**{rule_id}**: {', '.join(labels)}" for rule_id, labels in by_rule.items())
        st.caption(t("ruled_out_by", lang, items=items))


def alert(verdict: Verdict) -> Callable[[str], object]:
    """The box a verdict is shown in: green, orange or red."""
    return {Verdict.SUPPORTED: st.success, Verdict.SUPPORTED_WITH_WARNINGS: st.warning}.get(verdict, st.error)


def verdict_panel(model: SupportModel, explore: Explore, lang: str, explanation: Explained | None) -> None:
    if explanation is None:
        too_hard(lang)
        return
    kb = model.kb
    result, counts = explanation.result, explanation.counts
    try:
        before = counted(kb_dir(), kb.day, explore.history[-1]).total if explore.history else None
    except SearchLimitExceeded:
        before = None  # the change is then not shown; the count itself is
    st.metric(
        t("left_label", lang),
        counts.total,
        delta=None if before is None or before == counts.total else counts.total - before,
        delta_color="off",
        help=t("left_detail", lang, s=counts.supported, w=counts.supported_with_warnings),
        border=True,
    )
    st.caption(t("left_detail", lang, s=counts.supported, w=counts.supported_with_warnings))
    state = t("complete", lang) if result.complete else t("partial", lang, n=len(result.possible))
    line = t("verdict_line", lang, verdict_word=t("verdict", lang), verdict=t(result.verdict.value, lang), state=state)
    with st.container(key="verdict"):
        day_badge(kb, lang)
        alert(result.verdict)(f"**{line}**")
        rules, warnings = split_warnings(result)
        if result.conflict:
            choices = ", ".join(
                f"{kb.variable(c.variable).label.get(lang)} = {value_label(kb, c.variable, c.value, lang)}"
                for c in result.conflict
            )
            st.markdown(t("conflict_line", lang, choices=choices))
            rules += [r for r in result.conflict_rules if r not in rules]
        if rules:
            st.markdown(f"**{t('broken', lang)}**")
            for rule in rules:
                st.markdown(rule_markdown(kb, rule, lang))
        if warnings:
            st.markdown(f"**{t('warnings_one_of' if result.one_of else 'warnings_title', lang)}**")
            for rule in warnings:
                st.markdown(rule_markdown(kb, rule, lang))
        if not rules and not warnings:
            st.markdown(t("no_broken", lang))
    if result.verdict is Verdict.UNSUPPORTED:
        st.markdown(f"**{t('quick_fix', lang)}**")
        fix_result, groups = fixed(kb_dir(), kb.day, explore.config, (), (), False)
        fix_list(model, "quick", fix_result, groups[:QUICK_FIXES], lang)
        st.caption(t("quick_fix_more", lang))


def explore_tab(model: SupportModel, explore: Explore, lang: str, explanation: Explained | None) -> None:
    st.markdown(t("intro", lang))
    inputs, verdict = st.columns([3, 2], gap="large")
    with inputs:
        columns = st.columns(2)
        for index, name in enumerate(model.order):
            with columns[index % 2]:
                value_input(model, explore, name, lang, explanation)
    with verdict:
        verdict_panel(model, explore, lang, explanation)
