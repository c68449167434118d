"""The Supported combinations tab: the acceptable configurations that match, verdict and warnings
first, and their CSV in the page's language or with the ids `syncmatrix enumerate --format csv` writes."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Sequence

import streamlit as st

from syncmatrix.dashboard import questions  # questions.MAX_ROWS, read when drawn (tests lower it)
from syncmatrix.dashboard.actions import keep, restore
from syncmatrix.dashboard.questions import combinations, counted, kb_dir, load_model
from syncmatrix.dashboard.state import Explore
from syncmatrix.dashboard.widgets import title, value_label
from syncmatrix.present.links import Config, escape_markdown
from syncmatrix.present.safe import EXCEL_BOM
from syncmatrix.present.words import t
from syncmatrix.solver import SupportModel, Verdict


@st.cache_data(show_spinner=False, max_entries=256)
def warnings_of(folder: str | None, day: datetime.date | None, filters: Config) -> tuple[tuple[str, ...], ...]:
    """The rules each configuration `combinations` lists breaks (warnings only: each is acceptable),
    row for row. A complete configuration is judged by plain evaluation, without search."""
    model = load_model(folder, day)
    return tuple(
        tuple(r.id for r in model.check(dict(config), explain=False).violations)
        if verdict is not Verdict.SUPPORTED
        else ()
        for config, verdict in combinations(folder, day, filters)
    )


def combinations_tab(model: SupportModel, explore: Explore, lang: str) -> None:
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
    broken = warnings_of(kb_dir(), kb.day, filters)
    rows = zip(found[: questions.MAX_ROWS], broken[: questions.MAX_ROWS], strict=True)
    listed = [(c, v, w) for (c, v), w in rows if v.value in verdicts]
    if len(found) > questions.MAX_ROWS:
        st.warning(
            t("combinations_more", lang, limit=questions.MAX_ROWS, total=counted(kb_dir(), kb.day, filters).total)
        )
    if not listed:
        st.info(t("combinations_none", lang))
        return
    # Complete configurations in vocabulary order: the index-th pair of each row is its variable's value.
    values = {name: [config[index][1] for config, _, _ in listed] for index, name in enumerate(model.order)}
    said_verdicts = [t(verdict.value, lang) for _, verdict, _ in listed]
    titles = ["; ".join(title(kb, kb.rule(r), lang) for r in rules) for *_, rules in listed]
    labelled = {name: [value_label(kb, name, v, lang) for v in column] for name, column in values.items()}
    # A column with one value on every row is said once; with a single row, the row itself says it.
    constant = [name for name, column in values.items() if len(set(column)) == 1] if len(listed) > 1 else []
    st.caption(t("combinations_count", lang, n=len(listed)))
    if constant:
        e = escape_markdown
        said = [
            f"- {e(kb.variable(n).label.get(lang))} = {e(value_label(kb, n, values[n][0], lang))}" for n in constant
        ]
        st.markdown("\n".join([t("combinations_every_row", lang), *said]))
    buttons = st.container(horizontal=True)
    buttons.download_button(
        t("download_csv", lang),
        table_csv(
            {
                t("column_verdict", lang): said_verdicts,
                t("column_warnings", lang): titles,
                **{kb.variable(n).label.get(lang): column for n, column in labelled.items()},
            }
        ),
        file_name=f"syncmatrix-configurations.{lang}.csv",
        mime="text/csv",
        key="csv",
        on_click="ignore",
        help=t("download_csv_labelled_help", lang),
    )
    ids = io.StringIO()
    ids.write(EXCEL_BOM)
    write_enumerate_csv(ids, model, ((dict(c), v) for c, v, _ in listed))
    buttons.download_button(
        t("download_csv_ids", lang),
        ids.getvalue(),
        file_name="syncmatrix-configurations.csv",
        mime="text/csv",
        key="csv_ids",
        on_click="ignore",
        help=t("download_csv_ids_help", lang),
    )
    # Constant columns are said once above: on a phone every column costs a screen's width.
    varying = {kb.variable(n).label.get(lang): column for n, column in labelled.items() if n not in constant}
    shown = {t("column_verdict", lang): said_verdicts, t("column_warnings", lang): [w or "—" for w in titles]}
    st.dataframe({**shown, **varying}, hide_index=True, width="stretch")


def table_csv(columns: dict[str, Sequence[str]]) -> str:
    """`columns` as CSV: a header of their names, then a record per row, after the byte-order mark
    Excel needs to read it as UTF-8 (safe.EXCEL_BOM)."""
    buffer = io.StringIO()
    buffer.write(EXCEL_BOM)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(zip(*columns.values(), strict=True))
    return buffer.getvalue()
