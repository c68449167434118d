"""The Dependency graph tab: which variables rules tie together (the default view), or which rules
read which variables (the full view), with what the configuration breaks marked and a legend."""

from __future__ import annotations

import datetime
from typing import cast

import streamlit as st

from syncmatrix.dashboard.actions import keep, restore
from syncmatrix.dashboard.questions import kb_dir, load_model
from syncmatrix.dashboard.state import Explore
from syncmatrix.dashboard.widgets import title, too_hard, value_label
from syncmatrix.kb import KnowledgeBase
from syncmatrix.present.links import Config, escape_markdown
from syncmatrix.present.words import t
from syncmatrix.solver import CheckResult, SupportModel

#: The two views, in the order the switch offers them: the first is the default.
VIEWS = ("variables", "rules")
#: Characters per line of a variable's label: long labels on one line make the drawing too wide to
#: read on a phone, where the chart is shrunk to the screen's width.
WRAP = 20


def titles(kb: KnowledgeBase, lang: str) -> dict[str, str]:
    """Each rule's title in `lang` (its advisory's, else its id, when it has none)."""
    return {rule.id: title(kb, rule, lang) for rule in kb.rules}


@st.cache_data(show_spinner=False, max_entries=1024)
def coupling_source(
    folder: str | None, day: datetime.date | None, config: Config, broken: tuple[str, ...], focus: bool, lang: str
) -> str:
    """The variable–variable view in DOT: variables joined by the rules that read both."""
    from syncmatrix.present.graph import coupling_around, coupling_dot, coupling_graph, dependency_graph

    kb = load_model(folder, day).kb
    graph = coupling_graph(kb)
    read = dependency_graph(kb, dict(config), broken)  # which variables the broken rules read
    marked = [data["id"] for _, data in read.nodes(data=True) if data["kind"] == "variable" and data["read_by_broken"]]
    chosen = {name: value_label(kb, name, value, lang) for name, value in config}
    return coupling_dot(
        coupling_around(graph, dict(config)) if focus else graph,
        lang,
        marked,
        chosen=chosen,
        broken=broken,
        titles=titles(kb, lang),
        wrap=WRAP,
    )


@st.cache_data(show_spinner=False, max_entries=1024)
def rules_source(
    folder: str | None, day: datetime.date | None, config: Config, broken: tuple[str, ...], focus: bool, lang: str
) -> str:
    """The full view in DOT: every rule in a box, titled, joined to the variables it reads."""
    from syncmatrix.present.graph import around, dependency_graph, graph_dot

    kb = load_model(folder, day).kb
    graph = dependency_graph(kb, dict(config), broken)
    return graph_dot(around(graph, dict(config)) if focus else graph, lang, titles(kb, lang))


def graph_tab(model: SupportModel, explore: Explore, lang: str, result: CheckResult | None) -> None:
    if result is None:
        too_hard(lang)
        return
    kb = model.kb
    broken = tuple(dict.fromkeys(r.id for r in (*result.violations, *result.conflict_rules)))
    named = titles(kb, lang)
    restore("graph_view", VIEWS[0])
    view = st.segmented_control(
        t("graph_view", lang),
        VIEWS,
        format_func=lambda v: t(f"graph_view_{v}", lang),
        key="graph_view",
        on_change=keep,
        args=("graph_view",),
        required=True,
    )
    st.caption(t(f"graph_intro_{view}", lang))
    if broken:
        said = ", ".join(escape_markdown(named[r]) for r in broken)
        st.markdown(t("graph_broken", lang, rules=said), help=", ".join(broken))
    else:
        st.markdown(t("graph_none", lang))
    restore("graph_focus", False)
    focus = st.toggle(
        t(f"graph_focus_{view}", lang),
        key="graph_focus",
        disabled=not explore.config,
        on_change=keep,
        args=("graph_focus",),
    )
    focus = focus and bool(explore.config)
    source = coupling_source if view == "variables" else rules_source
    dot = source(kb_dir(), kb.day, explore.config, broken, focus, lang)
    st.graphviz_chart(dot, alt=t(f"graph_alt_{view}", lang))
    legend(kb, cast(str, view), lang)  # cast: required=True, never None


def legend(kb: KnowledgeBase, view: str, lang: str) -> None:
    """What the shapes, lines and colours of the view mean; what the variable view leaves out."""
    from syncmatrix.present.graph import constant_variables

    lines = [t(f"graph_legend_{view}", lang), t(f"graph_legend_colours_{view}", lang)]
    left_out = constant_variables(kb)
    if view == "variables" and left_out:
        said = "; ".join(
            f"{kb.variable(n).label.get(lang)} = {value_label(kb, n, kb.variable(n).domain[0], lang)}" for n in left_out
        )
        lines.append(t("graph_legend_left_out", lang, variables=escape_markdown(said)))
    st.markdown(f"**{t('graph_legend', lang)}**\n\n" + "\n".join(f"- {line}" for line in lines))
