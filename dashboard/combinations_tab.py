"""The Supported combinations tab: the acceptable configurations that match, and their CSV."""

from __future__ import annotations

import streamlit as st

from syncmatrix.dashboard import page  # page.MAX_ROWS, read when drawn (tests lower it)
from syncmatrix.dashboard.page import (
    combinations,
    counted,
    kb_dir,
    keep,
    restore,
    value_label,
)
from syncmatrix.dashboard.state import Explore
from syncmatrix.present.words import t
from syncmatrix.solver import SupportModel, Verdict


def combinations_tab(model: SupportModel, explore: Explore, lang: str) -> None:
    import io

    from syncmatrix.present.report import write_enumerate_csv

    kb = model.kb
    restore("combinations_match", True)
    match = st.toggle(
        t("combinations_match", lang), key="combinations_match", on_change=keep, args=("combinations_match",)
    )
    acceptable = (Verdict.SUPPORTED.value, Verdict.SUPPORTED_WITH_WARNINGS.value)
    restore("combinations_verdicts", list(acceptable))
    verdicts = st.multiselect(
        t("combinations_verdicts", lang),
        acceptable,
        format_func=lambda v: t(v, lang),
        key="combinations_verdicts",
        on_change=keep,
        args=("combinations_verdicts",),
        placeholder=t("choose", lang),
    )
    filters = explore.config if match else ()
    found = combinations(kb_dir(), kb.day, filters)
    rows = [(c, v) for c, v in found[: page.MAX_ROWS] if v.value in verdicts]
    if len(found) > page.MAX_ROWS:
        st.warning(t("combinations_more", lang, limit=page.MAX_ROWS, total=counted(kb_dir(), kb.day, filters).total))
    if not rows:
        st.info(t("combinations_none", lang))
        return
    st.caption(t("combinations_count", lang, n=len(rows)))
    # Complete configurations in vocabulary order: the index-th pair of each row is its variable's value.
    columns = {
        kb.variable(name).label.get(lang): [value_label(kb, name, config[index][1], lang) for config, _ in rows]
        for index, name in enumerate(model.order)
    }
    columns[t("column_verdict", lang)] = [t(verdict.value, lang) for _, verdict in rows]
    buffer = io.StringIO()
    write_enumerate_csv(buffer, model, ((dict(c), v) for c, v in rows))
    csv = buffer.getvalue()
    st.download_button(
        t("download_csv", lang),
        csv,
        file_name="syncmatrix-configurations.csv",
        mime="text/csv",
        key="csv",
        on_click="ignore",
    )
    st.dataframe(columns, hide_index=True, width="stretch")
