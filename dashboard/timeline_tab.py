"""The Timeline tab: the verdict of the configuration on every day an advisory changes it."""

from __future__ import annotations

import datetime

import streamlit as st

from syncmatrix.dashboard.questions import kb_dir, loaded, timeline_of
from syncmatrix.dashboard.state import Explore, Question
from syncmatrix.dashboard.widgets import alert, value_label
from syncmatrix.present.markdown import named_links
from syncmatrix.present.report import plain_title, superseded_text, timeline_summary
from syncmatrix.present.words import t
from syncmatrix.solver import SupportModel, Verdict
from syncmatrix.solver.timeline import Period


def timeline_tab(model: SupportModel, explore: Explore, asked: Question, lang: str) -> None:
    """The verdict of the configuration on every day, a bordered block per period, one column (a
    phone reads it top to bottom); the period of the day in question stands out in its verdict's colour."""
    kb = model.kb
    line = timeline_of(kb_dir(), explore.config)
    st.caption(t("timeline_intro", lang))
    given = "; ".join(
        f"{kb.variable(name).label.get(lang)} = {value_label(kb, name, value, lang)}" for name, value in explore.config
    )
    st.markdown(
        f"**{t('timeline_config', lang)}:** {given or t('timeline_all_open', lang)}  \n"
        f"**{t('page_only_verdict', lang)}:** {t(line.page.verdict.value, lang)}"
    )
    st.markdown(f"**{t('timeline_summary', lang)}:** {timeline_summary(line, loaded(kb_dir()), lang)}")
    if asked.as_of is None:
        st.info(t("timeline_no_day", lang))
    for number, period in enumerate(line.periods):
        current = asked.as_of is not None and _holds(period, asked.as_of)
        text = period_markdown(period, lang)
        if current:
            with st.container(key="period-current"):
                mark = t("timeline_as_of", lang, day=asked.day.isoformat())
                alert(period.result.verdict)(f"**:material/event: {mark}**  \n{text}")
        else:
            with st.container(border=True, key=f"period-{number}"):
                st.markdown(text)


def _holds(period: Period, day: datetime.date) -> bool:
    """Whether `day` falls in `period`."""
    return (period.start is None or period.start <= day) and (period.end is None or day <= period.end)


VERDICT_COLOURS = {Verdict.SUPPORTED: "green", Verdict.SUPPORTED_WITH_WARNINGS: "orange", Verdict.UNSUPPORTED: "red"}


def period_markdown(period: Period, lang: str) -> str:
    """One period of a timeline: its days and verdict, then the rules that begin or stop being broken on
    its first day (with their message and where to read them) and the remedies retired that day."""
    kb = period.kb
    start, end = period.start, period.end
    if start is None:
        when = t("timeline_until_day", lang, day=end.isoformat()) if end else t("timeline_every_day", lang)
    elif end is None:
        when = t("timeline_from_day", lang, day=start.isoformat())
    else:
        when = t("timeline_between", lang, start=start.isoformat(), day=end.isoformat())
    verdict = period.result.verdict
    lines = [f"**{when}** · :{VERDICT_COLOURS[verdict]}[**{t(verdict.value, lang)}**]"]
    for rule in period.entering:
        name = f" ({plain_title(kb, rule, lang)})" if plain_title(kb, rule, lang) else ""
        lines.append(f":material/add_circle: **{rule.id}**{name}: {rule.message.get(lang)}")
        read = named_links(kb, rule, lang)
        if read:
            lines.append(f"{t('read_at', lang)}: {read}")
    for rule in period.leaving:
        left = superseded_text(period.kb, rule, lang) if rule in period.superseded else t("timeline_left", lang)
        lines.append(f":material/do_not_disturb_on: **{rule.id}**: {left}")
    for rule in period.retired:
        remedy = rule.remedy.get(lang) if rule.remedy else ""
        lines.append(f":material/history: **{rule.id}**: {t('timeline_retired', lang)} {remedy}".rstrip())
    return "  \n".join(lines)
