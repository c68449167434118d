"""The dependency graph's questions: which variables rules couple, which stand alone, and the rules on
a chain between two variables (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from syncmatrix import kb
from syncmatrix.present.graph import coupled_groups, coupling_dot, coupling_graph, rules_between

GRAPH = Path(__file__).resolve().parent / "kbs" / "graph"


@pytest.fixture(scope="module")
def knowledge() -> kb.KnowledgeBase:
    return kb.load(GRAPH)


def test_variables_read_together_are_coupled_with_the_rules_as_weight(knowledge):
    graph = coupling_graph(knowledge)
    # The constant `deployment` is read by every rule (applies_when) but couples nothing.
    assert list(graph.nodes) == ["a", "b", "c", "d"]
    assert {(a, b): (d["weight"], d["rules"]) for a, b, d in graph.edges(data=True)} == {
        ("a", "b"): (2, ["a-b-1", "a-b-2"]),
        ("b", "c"): (1, ["b-c"]),
    }


def test_the_coupling_equals_a_plain_pairing_of_what_each_rule_reads(knowledge):
    # An independent count: for every pair of non-constant variables, the rules reading both.
    constant = {v.name for v in knowledge.variables if len(v.domain) == 1}
    expected: dict[frozenset[str], list[str]] = {}
    for rule in knowledge.rules:
        read = [n for n in rule.variables if n not in constant]
        for x in read:
            for y in read:
                if x < y:
                    expected.setdefault(frozenset((x, y)), []).append(rule.id)
    graph = coupling_graph(knowledge)
    assert {frozenset((a, b)): d["rules"] for a, b, d in graph.edges(data=True)} == expected


def test_variables_no_rule_relates_form_their_own_group(knowledge):
    assert coupled_groups(coupling_graph(knowledge)) == [["a", "b", "c"], ["d"]]


def test_the_rules_on_the_chain_between_two_variables(knowledge):
    graph = coupling_graph(knowledge)
    assert rules_between(graph, "a", "c") == [[("a", "b", ["a-b-1", "a-b-2"]), ("b", "c", ["b-c"])]]
    assert rules_between(graph, "a", "d") == []
    assert rules_between(graph, "a", "a") == []


def test_an_unknown_or_constant_variable_is_named_with_the_choices(knowledge):
    graph = coupling_graph(knowledge)
    with pytest.raises(kb.InputError, match=r"'bb' is not a variable that rules couple; .*did you mean 'b'"):
        rules_between(graph, "bb", "c")
    with pytest.raises(kb.InputError, match="'deployment' is not a variable that rules couple"):
        rules_between(graph, "deployment", "c")


def test_the_dot_draws_every_coupling_once_with_its_weight(knowledge):
    dot = coupling_dot(coupling_graph(knowledge), "vi", highlight=["a"])
    assert dot.count(" -- ") == 2
    assert '"a" -- "b" [penwidth=3.0, tooltip="a-b-1, a-b-2", label="2"' in dot


def test_the_command_line_shows_the_couplings_and_the_chains(capsys):
    import json

    from syncmatrix.cli import main

    assert main(["graph", "--kb", str(GRAPH), "--view", "variables", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [(e["source"], e["target"], e["weight"]) for e in document["edges"]] == [("a", "b", 2), ("b", "c", 1)]
    assert document["groups"] == [["a", "b", "c"], ["d"]]
    assert main(["graph", "--kb", str(GRAPH), "--between", "a", "c"]) == 0
    assert capsys.readouterr().out == "1. a → b → c\n     a — b: a-b-1, a-b-2\n     b — c: b-c\n"
    assert main(["graph", "--kb", str(GRAPH), "--between", "a", "d", "--lang", "vi"]) == 0
    assert "Không có quy tắc nào liên hệ a và d" in capsys.readouterr().out
    assert main(["graph", "--kb", str(GRAPH), "--between", "a", "e"]) == 2
    assert "'e' is not a variable that rules couple" in capsys.readouterr().err
