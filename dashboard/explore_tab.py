"""The Explore tab: the form of a configuration and the verdict beside it, with the rules it breaks,
the warnings it carries and the quickest fixes."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from syncmatrix.dashboard.actions import on_value
from syncmatrix.dashboard.questions import Explained, counted, fixed, kb_dir
from syncmatrix.dashboard.state import Explore
from syncmatrix.dashboard.widgets import alert, day_badge, fix_list, too_hard, value_label
from syncmatrix.kb import KnowledgeBase, Section, Value
from syncmatrix.present.markdown import rule_markdown
from syncmatrix.present.report import plain_title, split_warnings
from syncmatrix.present.words import t
from syncmatrix.solver import SupportModel, Verdict
from syncmatrix.solver.limit import SearchLimitExceeded

QUICK_FIXES = 3  # fix groups shown under an unsupported verdict; the Fix tab shows them all


def ruled_out_lines(kb: KnowledgeBase, name: str, excluded: Mapping[Value, tuple[str, ...]], lang: str) -> list[str]:
    """What rules out each ruled-out value of `name`, the rules named by their plain titles: one line
    per set of rules. A value is quoted, so that a boolean's "No" never reads as a statement."""
    by_rules: dict[tuple[str, ...], list[Value]] = {}
    for value in kb.variable(name).domain:
        if value in excluded:
            by_rules.setdefault(excluded[value], []).append(value)
    lines = []
    for ids, values in by_rules.items():
        shown = ", ".join(f"“{value_label(kb, name, value, lang)}”" for value in values)
        titles = [f"**{plain_title(kb, kb.rule(i), lang) or i}**" for i in ids]
        rules = ", ".join(titles) or t("ruled_out_others", lang)
        lines.append(t("ruled_out_one" if len(values) == 1 else "ruled_out_many", lang, values=shown, rules=rules))
    return lines


def value_input(model: SupportModel, explore: Explore, name: str, lang: str, explanation: Explained | None) -> None:
    """One input: open or a value, the values ruled out marked short (✗), what rules them out in its
    help (none marked when the question was too hard: the input is how a person narrows it)."""
    kb = model.kb
    variable = kb.variable(name)
    config = explore.as_dict()
    excluded = explanation.ruled_out.get(name, {}) if explanation else {}

    def label(value: Value | None) -> str:
        if value is None:
            return t("open", lang)
        text = value_label(kb, name, value, lang)
        return t("ruled_out_short", lang, label=text) if value in excluded else text

    why = "".join(f"\n- {line}" for line in ruled_out_lines(kb, name, excluded, lang))
    st.session_state[f"value:{name}"] = config.get(name)
    st.selectbox(
        variable.label.get(lang),
        (None, *variable.domain),
        format_func=label,
        placeholder=t("open", lang),
        key=f"value:{name}",
        on_change=on_value,
        args=(model.order, name),
        help=variable.description.get(lang) + ("\n" + why if why else ""),
    )


def section_form(
    model: SupportModel, explore: Explore, section: Section, lang: str, explanation: Explained | None
) -> None:
    """One part of the form: its label, its inputs two a row, and why some of their values are ruled out.

    Row by row, a `st.columns(2)` per pair, not two columns of inputs: a phone stacks the columns of
    a row, so it reads the inputs in the form's order too; and the two inputs of a row stay level
    whatever the height of the other rows."""
    kb = model.kb
    with st.container(border=bool(section.name), key=f"section-{section.name or 'all'}"):
        if section.name:
            st.markdown(f"**{section.label.get(lang)}**")
        for start in range(0, len(section.variables), 2):
            for column, name in zip(
                st.columns(2, vertical_alignment="bottom"), section.variables[start : start + 2], strict=False
            ):
                with column:
                    value_input(model, explore, name, lang, explanation)
        ruled_out = explanation.ruled_out if explanation else {}
        why = []
        for name in section.variables:
            lines = ruled_out_lines(kb, name, ruled_out.get(name, {}), lang)
            if lines:
                why.append(f"- **{kb.variable(name).label.get(lang)}**")
                why += [f"  - {line}" for line in lines]
        if why:
            with st.expander(t("why_ruled_out", lang)):
                st.markdown("\n".join(why))


def left_metric(model: SupportModel, explore: Explore, explanation: Explained, lang: str) -> None:
    """The count of acceptable configurations left, and how the last change moved it."""
    counts = explanation.counts
    try:
        before = counted(kb_dir(), model.kb.day, explore.history[-1]).total if explore.history else None
    except SearchLimitExceeded:
        before = None  # the change is then not shown; the count itself is
    detail = t("left_detail", lang, s=counts.supported, w=counts.supported_with_warnings)
    st.metric(
        t("left_label", lang),
        counts.total,
        delta=None if before is None or before == counts.total else counts.total - before,
        delta_color="off",
        help=detail,
        border=True,
    )
    st.caption(detail)


def verdict_panel(model: SupportModel, explore: Explore, lang: str, explanation: Explained | None) -> None:
    """The verdict and why, first (a phone shows it right below the form), then the count left.

    The count is drawn outside the verdict's container: its change since the last choice belongs to
    this session's history, the verdict only to the configuration and the day."""
    if explanation is None:
        too_hard(lang)
        return
    kb, result = model.kb, explanation.result
    if not explore.config:
        # Nothing chosen: a verdict would be about every configuration at once, which tells nothing.
        st.info(t("explore_empty", lang, open=t("open", lang)), icon=":material/checklist:")
        left_metric(model, explore, explanation, lang)
        return
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
    left_metric(model, explore, explanation, lang)
    if result.verdict is Verdict.UNSUPPORTED:
        st.markdown(f"**{t('quick_fix', lang)}**")
        fix_result, groups = fixed(kb_dir(), kb.day, explore.config, (), (), False)
        fix_list(model, "quick", fix_result, groups[:QUICK_FIXES], lang)
        st.caption(t("quick_fix_more", lang))


def explore_tab(model: SupportModel, explore: Explore, lang: str, explanation: Explained | None) -> None:
    st.markdown(t("intro", lang))
    # Side by side at desktop width. On a phone Streamlit stacks the columns, which would put the
    # verdict under all the inputs, about 2,100 px down (issue 21): there it comes first, by CSS
    # alone (the order of the stacked columns), so the page holds one verdict at every width.
    st.html(
        f"<style>@media (max-width: {PHONE_PX}px) {{ .st-key-explore_layout [data-testid=stHorizontalBlock] "
        "> [data-testid=stColumn]:nth-child(2) { order: -1; } }</style>"
    )
    with st.container(key="explore_layout"):
        inputs, verdict = st.columns([3, 2], gap="large")
        with inputs:
            for section in model.kb.form():
                section_form(model, explore, section, lang, explanation)
        with verdict:
            verdict_panel(model, explore, lang, explanation)


#: The widest screen on which Streamlit stacks columns (its front end's breakpoint, 640 px).
PHONE_PX = 640
