"""What several tabs of the dashboard draw: the box of a verdict, the day the answers are about, a
question too hard, values and changes in words, and the list of fixes with their one-click apply.
Above actions.py (the callbacks its buttons name), below the tabs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import streamlit as st

from syncmatrix.dashboard import questions  # questions.QUESTION_SECONDS, read when drawn (tests lower it)
from syncmatrix.dashboard.actions import on_fix, picked
from syncmatrix.dashboard.questions import filled, kb_dir
from syncmatrix.dashboard.state import ordered
from syncmatrix.kb import KnowledgeBase, Rule, Severity, Value, VariableType
from syncmatrix.present.links import Config
from syncmatrix.present.report import plain_title
from syncmatrix.present.words import t
from syncmatrix.solver import SupportModel, Verdict
from syncmatrix.solver.fix import FixGroup, FixResult


def too_hard(lang: str) -> None:
    st.warning(t("too_hard", lang, seconds=questions.QUESTION_SECONDS))


def day_badge(kb: KnowledgeBase, lang: str) -> None:
    """The day the answers are about, above the tabs and beside the verdict: 'As of 2026-11-29', or
    'The page alone'."""
    if kb.day is None:
        st.badge(t("answer_page_only", lang), icon=":material/description:", color="gray")
    else:
        st.badge(t("answer_as_of", lang, day=kb.day.isoformat()), icon=":material/event:", color="blue")


def alert(verdict: Verdict) -> Callable[[str], object]:
    """The box a verdict is shown in: green, orange or red."""
    return {Verdict.SUPPORTED: st.success, Verdict.SUPPORTED_WITH_WARNINGS: st.warning}.get(verdict, st.error)


def value_label(kb: KnowledgeBase, name: str, value: Value, lang: str) -> str:
    return kb.label_of(name, value, lang)


def describe_change(kb: KnowledgeBase, name: str, value: Value, lang: str) -> str:
    """'Turn off “Appointments, contacts and tasks synchronization”' — a change as people say it, the
    field's label quoted as it reads on the form (a label mid-sentence keeps its capital)."""
    label = kb.variable(name).label.get(lang)
    if kb.variable(name).type is VariableType.BOOL:
        return t("turn_on" if value else "turn_off", lang, label=label)
    return t("set_to", lang, label=label, value=value_label(kb, name, value, lang))


def errors_first(rules: Sequence[Rule]) -> list[Rule]:
    """Rules as a fix resolves them, the errors (what makes it unsupported) before the warnings."""
    return sorted(rules, key=lambda rule: rule.severity is not Severity.ERROR)


def title(kb: KnowledgeBase, rule: Rule, lang: str) -> str:
    """A rule as people name it: its plain title (present.report.plain_title), else its id."""
    return plain_title(kb, rule, lang) or rule.id


def pairs(kb: KnowledgeBase, values: Sequence[tuple[str, Value]], lang: str) -> list[str]:
    """['Email system → Exchange Online', 'Email synchronization → Yes']."""
    return [
        t("set_value", lang, label=kb.variable(n).label.get(lang), value=value_label(kb, n, v, lang)) for n, v in values
    ]


def remedies(kb: KnowledgeBase, groups: Sequence[FixGroup], lang: str) -> None:
    """The rules the fixes resolve, each once, by its title, with its remedy: above the fixes, which
    name them by title only."""
    rules: dict[str, Rule] = {}
    for group in groups:
        for rule in errors_first(group.resolves):
            rules.setdefault(rule.id, rule)
    if not rules:
        return
    st.markdown(f"**{t('fix_rules', lang)}**")
    for rule in rules.values():
        remedy = f" — {rule.remedy.get(lang)}" if rule.remedy else ""
        st.markdown(f"- **{title(kb, rule, lang)}**{remedy}")


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
        alert(result.verdict)(t("already", lang, verdict=t(result.verdict.value, lang)))  # the verdict's colour
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
                titles = "; ".join(title(kb, rule, lang) for rule in errors_first(group.resolves))
                st.caption(t("fix_resolves_short", lang, rules=titles))
            chosen = {name: picked(where, number, name, values) for name, values in group.options}
            changes = "; ".join(describe_change(kb, name, value, lang) for name, value in chosen.items())
            label = t("apply", lang, changes=changes)
            if fill:
                whole = filled(kb_dir(), kb.day, ordered(model.order, {**dict(config), **chosen}))
                opened = [(n, v) for n, v in whole or () if n not in dict(config)]
                if opened:
                    st.caption(t("fill_also_line", lang, changes="; ".join(pairs(kb, opened, lang))))
                    label = t("apply_and_fill", lang, changes=changes)
            st.button(
                label,
                key=f"apply:{where}:{number}",
                on_click=on_fix,
                args=(model.order, where, number, group.options, fill),
                type="primary",
            )
