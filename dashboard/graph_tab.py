"""The Dependency graph tab: which rules tie which variables, the broken ones marked."""

from __future__ import annotations

import streamlit as st

from syncmatrix.dashboard.page import (
    graph_source,
    kb_dir,
    keep,
    restore,
    too_hard,
)
from syncmatrix.dashboard.state import Explore
from syncmatrix.present.words import t
from syncmatrix.solver import CheckResult, SupportModel


def graph_tab(model: SupportModel, explore: Explore, lang: str, result: CheckResult | None) -> None:
    if result is None:
        too_hard(lang)
        return
    broken = tuple(dict.fromkeys(r.id for r in (*result.violations, *result.conflict_rules)))
    st.caption(t("graph_intro", lang))
    st.markdown(t("graph_broken", lang, rules=", ".join(broken)) if broken else t("graph_none", lang))
    restore("graph_focus", False)
    focus = st.toggle(
        t("graph_focus", lang), key="graph_focus", disabled=not explore.config, on_change=keep, args=("graph_focus",)
    )
    dot = graph_source(kb_dir(), model.kb.day, explore.config, broken, focus and bool(explore.config), lang)
    st.graphviz_chart(dot, alt=t("graph_alt", lang))
