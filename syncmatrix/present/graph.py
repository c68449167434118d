"""The dependency graph of a knowledge base: each rule joined to the variables it reads.

`dependency_graph` builds it with networkx, marking what a configuration breaks; `graph_json`,
`graph_dot` and `graph_text` write it for the command line and the page. Pure functions of their
arguments, with nodes and edges inserted in knowledge base order so every output is deterministic.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from syncmatrix.kb.errors import InputError, did_you_mean
from syncmatrix.kb.model import KnowledgeBase, Severity, Text, Value
from syncmatrix.present.words import t

VARIABLE, RULE = "variable", "rule"

# Colours of the page's highlight: red for a broken error rule, amber for a broken warning, pink for
# the variables such a rule reads. Chosen to stay readable in print and for red-green colour blindness
# (they differ in lightness, not only in hue).
_BROKEN_ERROR = ("#f8d7da", "#b71c1c")
_BROKEN_WARNING = ("#ffe0b2", "#e65100")
_READ_BY_BROKEN = ("#fce4ec", "#ad1457")
_PLAIN = ("#ffffff", "#5f6368")


def node_key(kind: str, ident: str) -> str:
    """The networkx key of a node: kinds keep a rule and a variable of the same name apart."""
    return f"{kind}:{ident}"


def dependency_graph(
    kb: KnowledgeBase, config: Mapping[str, Value] | None = None, broken: Iterable[str] = ()
) -> nx.DiGraph[str]:
    """Variables and rules of `kb` as nodes, an edge from each rule to each variable it reads.

    `config` marks the variables it gives (attribute `value`), `broken` the rules a configuration
    breaks (attribute `broken`) and the variables those rules read (`read_by_broken`). Every node
    has `kind`, `id` and `label` (a Text); rule nodes also `severity` and `of_the_page`.
    """
    config = config or {}
    broken = set(broken)
    unknown = sorted(b for b in broken if b not in {r.id for r in kb.rules})
    if unknown:
        ids = [r.id for r in kb.rules]
        raise InputError(f"unknown rule '{unknown[0]}' to highlight{did_you_mean(unknown[0], ids)}")
    graph: nx.DiGraph[str] = nx.DiGraph()
    for variable in kb.variables:
        value = config.get(variable.name)
        value_label = None
        if value is not None:
            value_label = Text(kb.label_of(variable.name, value, "en"), kb.label_of(variable.name, value, "vi"))
        graph.add_node(
            node_key(VARIABLE, variable.name),
            kind=VARIABLE,
            id=variable.name,
            label=variable.label,
            value=value,
            value_label=value_label,
            read_by_broken=False,
        )
    for rule in kb.rules:
        key = node_key(RULE, rule.id)
        graph.add_node(
            key,
            kind=RULE,
            id=rule.id,
            label=Text(rule.id, rule.id),
            message=rule.message,
            severity=rule.severity,
            of_the_page=rule.kind.of_the_page,
            broken=rule.id in broken,
        )
        for name in rule.variables:
            graph.add_edge(key, node_key(VARIABLE, name), broken=rule.id in broken)
    for key, data in graph.nodes(data=True):
        if data["kind"] == RULE and data["broken"]:
            for read in graph.successors(key):
                graph.nodes[read]["read_by_broken"] = True
    return graph


def around(graph: nx.DiGraph[str], variables: Iterable[str]) -> nx.DiGraph[str]:
    """The part of `graph` around `variables`: the rules that read one of them and all that those rules read.

    Nodes and edges keep the order and the attributes of `graph`; an empty `variables` gives an empty graph.
    """
    chosen = [node_key(VARIABLE, name) for name in variables if node_key(VARIABLE, name) in graph]
    rules = {rule for variable in chosen for rule in graph.predecessors(variable)}
    keep = rules | {read for rule in rules for read in graph.successors(rule)} | set(chosen)
    # Built node by node rather than with graph.subgraph(): a small subgraph view iterates its set of
    # nodes, whose order changes with the hash seed, and the DOT must not.
    part: nx.DiGraph[str] = nx.DiGraph()
    part.add_nodes_from((node, dict(data)) for node, data in graph.nodes(data=True) if node in keep)
    part.add_edges_from((u, v, dict(data)) for u, v, data in graph.edges(data=True) if u in keep and v in keep)
    return part


def graph_json(graph: nx.DiGraph[str]) -> dict[str, Any]:
    """The graph as CONTRACT.md §3 prints it: nodes with id and kind, edges from rule to variable."""
    nodes = graph.nodes
    return {
        "nodes": [{"id": data["id"], "kind": data["kind"]} for _, data in graph.nodes(data=True)],
        "edges": [{"source": nodes[u]["id"], "target": nodes[v]["id"]} for u, v in graph.edges()],
    }


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class _Html(str):
    """A Graphviz HTML-like label, written between < and > instead of quotes; its text already escaped."""

    __slots__ = ()


def _attributes(pairs: Mapping[str, str | float]) -> str:
    def written(value: str | float) -> str:
        if isinstance(value, _Html):
            return f"<{value}>"
        return _dot_string(value) if isinstance(value, str) else str(value)

    return "[" + ", ".join(f"{k}={written(v)}" for k, v in pairs.items()) + "]"


def _titled(title: str, detail: str) -> _Html:
    """A box's title over a smaller grey detail (a rule's id), each escaped."""
    return _Html(f'{html.escape(title)}<BR/><FONT POINT-SIZE="9" COLOR="#5f6368">{html.escape(detail)}</FONT>')


def graph_dot(graph: nx.DiGraph[str], lang: str = "en", titles: Mapping[str, str] | None = None) -> str:
    """The graph in Graphviz DOT, labelled in `lang`, with the broken rules and what they read highlighted.

    `titles` (rule id -> title) labels each rule box with its title over its id; without it a box
    shows its id alone, as the command line's DOT does."""
    lines = [
        "digraph syncmatrix {",
        '  graph [rankdir="LR", bgcolor="transparent", nodesep=0.1, ranksep=1.0, fontname="Helvetica"];',
        '  node [fontname="Helvetica", fontsize=11, style="filled"];',
        '  edge [color="#b0b0b0", arrowsize=0.5];',
    ]
    for key, data in graph.nodes(data=True):
        if data["kind"] == RULE:
            if data["broken"]:
                fill, line = _BROKEN_ERROR if data["severity"] is Severity.ERROR else _BROKEN_WARNING
            else:
                fill, line = _PLAIN
            style = "rounded,filled" + ("" if data["of_the_page"] else ",dashed")
            attributes: dict[str, str | float] = {
                "shape": "box",
                "style": style,
                "label": _titled(titles[data["id"]], data["id"]) if titles else data["id"],
                "tooltip": data["message"].get(lang),
                "fillcolor": fill,
                "color": line,
                "penwidth": 2.0 if data["broken"] else 1.0,
            }
        else:
            fill, line = _READ_BY_BROKEN if data["read_by_broken"] else _PLAIN
            label = data["label"].get(lang)
            if data["value_label"] is not None:
                label += "\n= " + data["value_label"].get(lang)
            attributes = {
                "shape": "ellipse",
                "label": label,
                "tooltip": data["id"],
                "fillcolor": fill,
                "color": line,
                "penwidth": 3.0 if data["value"] is not None else 1.0,
            }
        lines.append(f"  {_dot_string(key)} {_attributes(attributes)};")
    for u, v, data in graph.edges(data=True):
        edge = ' [color="#b71c1c", penwidth=1.6]' if data["broken"] else ""
        lines.append(f"  {_dot_string(u)} -> {_dot_string(v)}{edge};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def graph_text(graph: nx.DiGraph[str], lang: str = "en") -> str:
    """One line per rule for people: its severity and the variables it reads."""
    lines = []
    for key, data in graph.nodes(data=True):
        if data["kind"] == RULE:
            reads = ", ".join(graph.nodes[v]["id"] for v in graph.successors(key))
            lines.append(f"{data['id']}  [{t(data['severity'].value, lang)}]  → {reads}")
    return "\n".join(lines) + "\n"


# --- The variable–variable view ------------------------------------------------------------------
# Two variables are coupled when some rule reads both; the weight of their edge is the number of
# such rules. A variable with one value (the deployment of the page) is a constant: every rule of a
# file reads it through `applies_when`, so it would tie everything to everything and is left out.


def constant_variables(kb: KnowledgeBase) -> list[str]:
    """The variables with a single value, which the coupling graph leaves out, in vocabulary order."""
    return [v.name for v in kb.variables if len(v.domain) < 2]


def coupling_graph(kb: KnowledgeBase) -> nx.Graph[str]:
    """Variables as nodes, an edge between two variables that some rule reads together.

    Edge attributes: `weight` (how many rules couple the two) and `rules` (their ids, in knowledge
    base order); node attributes: `label` (a Text) and `rules` (the rules that read the variable).
    Constant variables (one value) are left out.
    """
    graph: nx.Graph[str] = nx.Graph()
    constant = set(constant_variables(kb))
    for variable in kb.variables:
        if variable.name not in constant:
            graph.add_node(variable.name, label=variable.label, rules=[])
    for rule in kb.rules:
        read = [name for name in rule.variables if name not in constant]
        for name in read:
            graph.nodes[name]["rules"].append(rule.id)
        for i, a in enumerate(read):
            for b in read[i + 1 :]:
                if graph.has_edge(a, b):
                    graph.edges[a, b]["rules"].append(rule.id)
                    graph.edges[a, b]["weight"] += 1
                else:
                    graph.add_edge(a, b, weight=1, rules=[rule.id])
    return graph


def coupled_groups(graph: nx.Graph[str]) -> list[list[str]]:
    """The connected components of the coupling graph: sets of variables no rule relates to any other
    set, so each can be reasoned about (and changed) alone. Largest first, each in graph order."""
    order = {name: i for i, name in enumerate(graph.nodes)}
    groups = [sorted(part, key=order.__getitem__) for part in nx.connected_components(graph)]
    return sorted(groups, key=lambda g: (-len(g), order[g[0]]))


def rules_between(graph: nx.Graph[str], source: str, target: str) -> list[list[tuple[str, str, list[str]]]]:
    """How a choice of `source` can matter to `target`: every shortest chain of couplings between the
    two variables, each step (a, b, the rules that read a and b together). [] when nothing links them.

    Raises InputError for a variable that is not in the graph (unknown, or a constant).
    """
    for name in (source, target):
        if name not in graph:
            raise InputError(
                f"'{name}' is not a variable that rules couple; expected one of "
                f"{', '.join(graph.nodes)}{did_you_mean(name, list(graph.nodes))}"
            )
    if source == target or not nx.has_path(graph, source, target):
        return []
    chains = []
    for path in nx.all_shortest_paths(graph, source, target):
        chains.append([(a, b, list(graph.edges[a, b]["rules"])) for a, b in zip(path, path[1:], strict=False)])
    return sorted(chains)


def coupling_around(graph: nx.Graph[str], variables: Iterable[str]) -> nx.Graph[str]:
    """The part of the coupling graph around `variables`: them and the variables coupled to them,
    with the couplings among those; order and attributes as in `graph`."""
    chosen = {name for name in variables if name in graph}
    keep = chosen | {other for name in chosen for other in graph.neighbors(name)}
    part: nx.Graph[str] = nx.Graph()
    part.add_nodes_from((node, dict(data)) for node, data in graph.nodes(data=True) if node in keep)
    part.add_edges_from((a, b, dict(data)) for a, b, data in graph.edges(data=True) if a in keep and b in keep)
    return part


def coupling_dot(
    graph: nx.Graph[str],
    lang: str = "en",
    highlight: Iterable[str] = (),
    *,
    chosen: Mapping[str, str] | None = None,
    broken: Iterable[str] = (),
    titles: Mapping[str, str] | None = None,
    wrap: int = 0,
) -> str:
    """The coupling graph in Graphviz DOT: thicker edges for more rules, `highlight`ed variables filled.

    For the page: `chosen` (variable -> the label of its value) outlines a chosen variable thickly
    under its value; a coupling by a `broken` rule is drawn red; `titles` (rule id -> title) name
    the rules of a coupling in its tooltip instead of their ids; `wrap` breaks a variable's label into
    lines of about that many characters, so that the drawing stays narrow enough for a phone."""
    marked = set(highlight)
    chosen = chosen or {}
    broken = set(broken)
    lines = [
        "graph syncmatrix {",
        '  graph [layout="neato", overlap="false", splines="true", bgcolor="transparent", fontname="Helvetica"];',
        '  node [fontname="Helvetica", fontsize=11, style="filled", shape="ellipse"];',
        '  edge [color="#8a8f98"];',
    ]
    for name, data in graph.nodes(data=True):
        fill, line = _READ_BY_BROKEN if name in marked else _PLAIN
        attributes: dict[str, str | float] = {
            "label": _wrapped(data["label"].get(lang), wrap)
            + (f"\n= {_wrapped(chosen[name], wrap)}" if name in chosen else ""),
            "tooltip": name,
            "fillcolor": fill,
            "color": line,
        }
        if name in chosen:
            attributes["penwidth"] = 3.0
        lines.append(f"  {_dot_string(name)} {_attributes(attributes)};")
    for a, b, data in graph.edges(data=True):
        attributes = {
            "penwidth": 1.0 + data["weight"],
            "tooltip": "; ".join(titles.get(r, r) for r in data["rules"]) if titles else ", ".join(data["rules"]),
            "label": str(data["weight"]),
            "fontsize": 9,
        }
        if broken & set(data["rules"]):
            attributes.update(color=_BROKEN_ERROR[1], fontcolor=_BROKEN_ERROR[1])
        lines.append(f"  {_dot_string(a)} -- {_dot_string(b)} {_attributes(attributes)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _wrapped(text: str, width: int) -> str:
    return textwrap.fill(text, width, break_long_words=False) if width else text


def coupling_json(graph: nx.Graph[str]) -> dict[str, Any]:
    """The coupling graph as data: variables, couplings with their rules, and the coupled groups."""
    return {
        "nodes": [
            {"id": name, "kind": VARIABLE, "rules": list(data["rules"])} for name, data in graph.nodes(data=True)
        ],
        "edges": [
            {"source": a, "target": b, "weight": data["weight"], "rules": list(data["rules"])}
            for a, b, data in graph.edges(data=True)
        ],
        "groups": coupled_groups(graph),
    }


def coupling_text(graph: nx.Graph[str], lang: str = "en") -> str:
    """For people: each coupling with its rules, strongest first, then the groups no rule relates."""
    edges = sorted(graph.edges(data=True), key=lambda e: -e[2]["weight"])
    lines = [f"{a} — {b}  ({t('coupled_by', lang, n=d['weight'])}: {', '.join(d['rules'])})" for a, b, d in edges]
    lines.append("")
    lines.append(t("coupled_groups", lang))
    lines += [f"  {', '.join(group)}" for group in coupled_groups(graph)]
    return "\n".join(lines) + "\n"


def chains_text(chains: list[list[tuple[str, str, list[str]]]], between: Sequence[str], lang: str = "en") -> str:
    """For people: each shortest chain between two variables, one step a line, with its rules."""
    if not chains:
        return t("no_chain", lang, a=between[0], b=between[1]) + "\n"
    lines = []
    for number, chain in enumerate(chains, 1):
        lines.append(f"{number}. " + " → ".join([chain[0][0], *(step[1] for step in chain)]))
        lines += [f"     {a} — {b}: {', '.join(rules)}" for a, b, rules in chain]
    return "\n".join(lines) + "\n"
