"""The Support table tab: the table of the page (or of a day) as the published documents show it."""

from __future__ import annotations

import streamlit as st

from syncmatrix.dashboard.page import (
    kb_dir,
    support_table,
)
from syncmatrix.kb import KnowledgeBase
from syncmatrix.kb.errors import InputError
from syncmatrix.present.words import message, t
from syncmatrix.solver import SupportModel


def table_tab(model: SupportModel, lang: str) -> None:
    try:
        markdown, html = support_table(kb_dir(), model.kb.day, lang)
    except InputError as exc:  # a knowledge base without the variables the table is made of
        st.info(message(exc.key, lang, exc.values) if exc.key else str(exc))
        return
    st.caption(t("table_intro", lang))
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
    # An iframe keeps the document's own stylesheet from restyling the page around it; the HTML is
    # our renderer's, with every text of the knowledge base escaped.
    st.iframe(html, height="content", alt=t("table_alt", lang))


def table_name(kb: KnowledgeBase) -> str:
    """The name a downloaded table is saved under: with its day, as the published tables are named."""
    return f"support-table-{kb.day.isoformat()}" if kb.day else "support-table"
