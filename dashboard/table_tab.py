"""The Support table tab: the table of the page (or of a day) drawn with the page's own elements, so
it takes the page's font and fits a phone, and the published documents to download."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import streamlit as st

from syncmatrix.dashboard.questions import kb_dir, load_model, support_table
from syncmatrix.kb import KnowledgeBase
from syncmatrix.kb.errors import InputError
from syncmatrix.present.links import escape_markdown
from syncmatrix.present.words import message, t
from syncmatrix.solver import SupportModel

#: Marks as raised characters: Markdown has no superscript, and the page marks systems with them.
_RAISABLE = "0123456789abcdefghijklmnoprstuvwxyz"
_RAISED = str.maketrans(_RAISABLE, "⁰¹²³⁴⁵⁶⁷⁸⁹ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ")


def raised(mark: str) -> str:
    """A footnote's or an advisory's mark as it follows a name: raised, or in brackets when one of
    its letters has no raised form (q)."""
    return mark.translate(_RAISED) if all(c in _RAISABLE for c in mark) else f"({mark})"


@dataclass(frozen=True, slots=True)
class Drawn:
    """Everything the tab shows of one table, as Markdown (escaped) and cells: one cached value."""

    title: str
    same: str  # "All rows: Deployment = …" when every row has the same deployment; else ""
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    footnotes: tuple[str, ...]
    day: str  # what makes a day's table differ from the page's (Markdown), or ""
    unsupported: tuple[str, ...]
    remedies: tuple[str, ...]
    important_heading: str
    important: tuple[str, ...]
    notes: tuple[str, ...]
    bottom: str = ""  # the day's bottom line when nothing is supported without warnings, or ""


@st.cache_data(show_spinner=False, max_entries=256)
def drawn(folder: str | None, day: datetime.date | None, lang: str) -> Drawn:
    from syncmatrix.present.table import bottom_line, build_table, cells, day_markdown, important_notes

    table = build_table(load_model(folder, day))
    e = escape_markdown
    header, *rows = cells(table, lang, raised)
    # The deployment is one column the page's own table repeats on every row: said once instead.
    deployments = {row[0] for row in rows}
    same = t("combinations_all_rows", lang, pairs=e(f"{header[0]} = {rows[0][0]}")) if len(deployments) == 1 else ""
    keep = slice(1, None) if same else slice(None)
    section, important, others = important_notes(table)
    return Drawn(
        title=table.title.get(lang),
        same=same,
        header=tuple(header[keep]),
        rows=tuple(tuple(e(cell) for cell in row[keep]) for row in rows),
        footnotes=tuple(f"{raised(n.mark or '')} {e(n.text.get(lang))}" for n in table.footnotes),
        day=day_markdown(table, lang),
        unsupported=tuple(e(i.text.get(lang)) for i in table.unsupported),
        remedies=tuple(e(i.text.get(lang)) for i in table.remedies),
        important_heading=section.get(lang) if section else t("kind_important", lang).capitalize(),
        important=tuple(e(i.text.get(lang)) for i in important),
        notes=tuple(e(i.text.get(lang)) for i in others),
        bottom=e(bottom_line(table, lang)),
    )


def table_tab(model: SupportModel, lang: str) -> None:
    try:
        markdown, html = support_table(kb_dir(), model.kb.day, lang)
        shown = drawn(kb_dir(), model.kb.day, lang)
    except InputError as exc:  # a knowledge base without the variables the table is made of
        st.info(message(exc.key, lang, exc.values) if exc.key else str(exc))
        return
    st.caption(t("table_intro", lang, title=escape_markdown(shown.title)))
    buttons = st.container(horizontal=True)
    buttons.download_button(
        t("download_markdown", lang),
        markdown,
        file_name=f"{table_name(model.kb)}.{lang}.md",
        mime="text/markdown",
        key="download_markdown",
        on_click="ignore",
    )
    buttons.download_button(
        t("download_html", lang),
        html,
        file_name=f"{table_name(model.kb)}.{lang}.html",
        mime="text/html",
        key="download_html",
        on_click="ignore",
    )
    if shown.bottom:
        st.warning(shown.bottom, icon=":material/priority_high:")
    if shown.same:
        st.markdown(shown.same)
    if shown.rows:
        # st.table: the page's font, Markdown in its cells, and a box of its own that scrolls sideways
        # on a narrow screen instead of cutting a column off.
        st.table(
            [dict(zip(shown.header, row, strict=True)) for row in shown.rows], hide_index=True, alt=t("table_alt", lang)
        )
    if shown.footnotes:
        st.markdown("  \n".join(shown.footnotes))
    if shown.day:
        st.markdown(shown.day)
    bullets = "\n".join
    st.markdown(f"### {t('table_unsupported', lang)}\n\n{t('unsupported_intro', lang)}")
    st.markdown(bullets(f"- {item}" for item in shown.unsupported))
    for remedy in shown.remedies:
        st.info(remedy, icon=":material/lightbulb:")
    if shown.important:
        st.markdown(f"### {shown.important_heading}")
        st.warning(bullets(f"- {item}" for item in shown.important), icon=":material/priority_high:")
    if shown.notes:
        st.markdown(f"### {t('notes', lang)}\n\n" + bullets(f"- {item}" for item in shown.notes))


def table_name(kb: KnowledgeBase) -> str:
    """The name a downloaded table is saved under: with its day, as the published tables are named."""
    return f"support-table-{kb.day.isoformat()}" if kb.day else "support-table"
