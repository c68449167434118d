"""The dashboard's pure parts: the dependency graph, the shareable link, the session steps, the words."""

from __future__ import annotations

import dataclasses
import datetime
import random

import pytest

from syncmatrix import kb
from syncmatrix.dashboard import state
from syncmatrix.present import graph as dg
from syncmatrix.present import links, words
from syncmatrix.solver import SupportModel, Verdict
from syncmatrix.solver.fix import group_fixes, nearest_fixes

GMAIL_ACT = {"email_system": "gmail", "act_sync": True}
EVERY_DAY = ("2000-01-01", "2099-12-31")  # the days the date picker offers, first and last
EVERY_VALUE = ("<every value of the variable, as the page lists them>",)  # filled in by the test


# --- the dependency graph -------------------------------------------------------------------------


def test_every_variable_and_rule_is_a_node_and_each_rule_points_to_what_it_reads(page_kb):
    graph = dg.dependency_graph(page_kb)
    doc = dg.graph_json(graph)
    variables = [n["id"] for n in doc["nodes"] if n["kind"] == "variable"]
    rules = [n["id"] for n in doc["nodes"] if n["kind"] == "rule"]
    assert variables == list(page_kb.variable_names)
    assert rules == [r.id for r in page_kb.rules]
    expected = [{"source": r.id, "target": v} for r in page_kb.rules for v in r.variables]
    assert doc["edges"] == expected
    assert set(doc) == {"nodes", "edges"} and all(set(n) == {"id", "kind"} for n in doc["nodes"])


def test_the_rules_a_configuration_breaks_and_the_variables_they_read_are_highlighted(page_kb, model):
    broken = [r.id for r in model.check(GMAIL_ACT).violations]
    assert broken == ["act-sync-needs-exchange"]
    graph = dg.dependency_graph(page_kb, GMAIL_ACT, broken)
    rule = graph.nodes[dg.node_key(dg.RULE, "act-sync-needs-exchange")]
    assert rule["broken"] is True
    highlighted = sorted(d["id"] for _, d in graph.nodes(data=True) if d["kind"] == dg.VARIABLE and d["read_by_broken"])
    assert highlighted == ["act_sync", "deployment", "email_system"]
    assert [d["id"] for _, d in graph.nodes(data=True) if d["kind"] == dg.RULE and d["broken"]] == broken
    assert graph.nodes[dg.node_key(dg.VARIABLE, "email_system")]["value"] == "gmail"
    assert graph.nodes[dg.node_key(dg.VARIABLE, "fips")]["value"] is None


def test_dot_marks_the_highlight_labels_in_the_language_and_is_deterministic(page_kb):
    graph = dg.dependency_graph(page_kb, GMAIL_ACT, ["act-sync-needs-exchange"])
    dot = dg.graph_dot(graph, "en")
    assert dot == dg.graph_dot(dg.dependency_graph(page_kb, GMAIL_ACT, ["act-sync-needs-exchange"]), "en")
    assert dot.startswith("digraph syncmatrix {\n") and dot.endswith("}\n")
    line = next(x for x in dot.splitlines() if x.startswith('  "rule:act-sync-needs-exchange" ['))
    assert 'fillcolor="#f8d7da"' in line and "penwidth=2.0" in line
    assert '"variable:email_system" [shape="ellipse", label="Email system\\n= Gmail"' in dot
    assert '"rule:act-sync-needs-exchange" -> "variable:act_sync" [color="#b71c1c", penwidth=1.6];' in dot
    vi = dg.graph_dot(graph, "vi")
    assert 'label="Hệ thống email\\n= Gmail"' in vi
    plain = dg.graph_dot(dg.dependency_graph(page_kb), "en")
    assert "#f8d7da" not in plain and "#b71c1c" not in plain


def test_dot_escapes_quotes_and_backslashes():
    assert dg._dot_string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'


def test_an_unknown_rule_to_highlight_is_named(page_kb):
    with pytest.raises(kb.InputError, match="unknown rule 'act-sync-needs-exchang' .*did you mean"):
        dg.dependency_graph(page_kb, {}, ["act-sync-needs-exchang"])


def test_around_keeps_the_rules_reading_the_chosen_variables_and_what_they_read(page_kb):
    graph = dg.dependency_graph(page_kb, GMAIL_ACT)
    part = dg.around(graph, ["mass_email_campaigns"])
    assert [d["id"] for _, d in part.nodes(data=True)] == ["deployment", "mass_email_campaigns", "mass-email-campaigns"]
    assert dg.graph_json(part)["edges"] == [
        {"source": "mass-email-campaigns", "target": "deployment"},
        {"source": "mass-email-campaigns", "target": "mass_email_campaigns"},
    ]
    assert len(dg.around(graph, [])) == 0
    assert len(graph) == len(page_kb.variables) + len(page_kb.rules)  # the whole graph is left as it was


def test_a_rule_and_a_variable_of_the_same_name_stay_two_nodes(page_kb):
    twin = kb.KnowledgeBase(
        page_kb.variables,
        (*page_kb.rules, dataclasses.replace(page_kb.rules[0], id="fips")),
        page_kb.documents,
        page_kb.boolean_labels,
        page_kb.root,
    )
    doc = dg.graph_json(dg.dependency_graph(twin))
    assert {"id": "fips", "kind": "rule"} in doc["nodes"] and {"id": "fips", "kind": "variable"} in doc["nodes"]


def test_graph_text_lists_each_rule_with_what_it_reads(page_kb):
    text = dg.graph_text(dg.dependency_graph(page_kb), "en")
    assert "act-sync-needs-exchange  [error]  → deployment, email_system, act_sync\n" in text
    assert len(text.splitlines()) == len(page_kb.rules)


# --- the shareable link ---------------------------------------------------------------------------


def params(**values: str | list[str]) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in values.items()}


def test_a_link_written_by_the_dashboard_reads_back_the_same(page_kb):
    config = {"email_system": "gmail", "act_sync": True, "fips": False}
    written = links.link_params(page_kb, config, "vi")
    assert written == {"email_system": "gmail", "act_sync": "true", "fips": "false", "lang": "vi"}
    link = links.parse_link(page_kb, {k: [v] for k, v in written.items()})
    assert link == links.Link((("email_system", "gmail"), ("act_sync", True), ("fips", False)), "vi", ())
    assert links.link_params(page_kb, config, "en") == {"email_system": "gmail", "act_sync": "true", "fips": "false"}


def test_a_link_is_read_in_vocabulary_order_with_the_spellings_the_command_line_accepts(page_kb):
    link = links.parse_link(page_kb, params(fips="yes", email_system="Gmail"))
    assert link.config == (("email_system", "gmail"), ("fips", True)) and link.problems == ()


@pytest.mark.parametrize(
    "given,problem",
    [
        (
            params(email_sytem="gmail"),
            links.LinkProblem("unknown_variable", "email_sytem", "gmail", (), "email_system"),
        ),
        (
            params(email_system="gmial"),
            links.LinkProblem("bad_value", "email_system", "gmial", EVERY_VALUE, "gmail"),
        ),
        (params(fips="maybe"), links.LinkProblem("bad_value", "fips", "maybe", ("false", "true"))),
        (params(fips=["true", "false"]), links.LinkProblem("repeated", "fips")),
        (params(lang="fr"), links.LinkProblem("bad_language", "lang", "fr", ("en", "vi"))),
    ],
)
def test_a_broken_link_says_what_was_left_out_and_keeps_the_rest(page_kb, given, problem):
    if problem.allowed == EVERY_VALUE:
        values = tuple(kb.format_value(v) for v in page_kb.variable(problem.key).domain)
        problem = dataclasses.replace(problem, allowed=values)
    link = links.parse_link(page_kb, {**given, "act_sync": ["true"]})
    assert link.problems == (problem,)
    assert link.config == (("act_sync", True),)


def test_a_hostile_link_is_quoted_safely_and_never_raises(page_kb):
    hostile = {
        "<script>alert(1)</script>": ["x"],
        "email_system": ["\u202egmail\x00" + "A" * 5000],
        "[click](javascript:alert(1))": ["**bold**"],
        "": [""],
    }
    link = links.parse_link(page_kb, hostile)
    assert link.config == ()
    assert [p.kind for p in link.problems] == ["unknown_variable", "bad_value", "unknown_variable", "unknown_variable"]
    for problem in link.problems:
        assert len(problem.key) <= links.MAX_QUOTE and len(problem.value) <= links.MAX_QUOTE
        assert "\x00" not in problem.value and "\u202e" not in problem.value
    assert links.escape_markdown("[click](javascript:alert(1))") == "\\[click\\]\\(javascript\\:alert\\(1\\)\\)"


def test_a_link_with_too_many_parameters_reads_only_the_first(page_kb):
    flood = {f"p{i}": ["x"] for i in range(500)}
    link = links.parse_link(page_kb, {"email_system": ["gmail"], **flood})
    assert link.config == (("email_system", "gmail"),)
    assert link.problems[0] == links.LinkProblem("too_many", count=501)
    assert len(link.problems) == links.MAX_PARAMS  # one problem for the flood, one per unknown key read


def test_the_day_and_the_switch_are_written_after_the_configuration_and_read_back(page_kb):
    day = datetime.date(2026, 11, 29)
    written = links.link_params(page_kb, {"email_system": "exchange_2019"}, "vi", day, True)
    assert list(written.items()) == [
        ("email_system", "exchange_2019"),
        ("as_of", "2026-11-29"),
        ("page_only", "1"),
        ("lang", "vi"),
    ]
    link = links.parse_link(page_kb, {k: [v] for k, v in written.items()})
    assert link == links.Link((("email_system", "exchange_2019"),), "vi", (), day, True)
    assert links.link_params(page_kb, {}, "en", day) == {"as_of": "2026-11-29"}  # the switch is written when on
    assert links.parse_link(page_kb, params(page_only="0", as_of=" 2026-11-29 ")) == links.Link((), None, (), day)
    assert links.parse_link(page_kb, {}) == links.Link((), None, ())  # no day named: the page's today


@pytest.mark.parametrize(
    "given,problem",
    [
        (params(as_of="29/11/2026"), links.LinkProblem("day_shape", "as_of", "29/11/2026", ("YYYY-MM-DD",))),
        (params(as_of="2026-02-30"), links.LinkProblem("not_a_day", "as_of", "2026-02-30", ("YYYY-MM-DD",))),
        (
            params(as_of="1999-12-31"),
            links.LinkProblem("day_range", "as_of", "1999-12-31", EVERY_DAY),
        ),
        (params(as_of="2" * 5000), links.LinkProblem("day_shape", "as_of", "2" * 39 + "…", ("YYYY-MM-DD",))),
        (params(as_of=["2026-11-29", "2026-11-29"]), links.LinkProblem("repeated", "as_of")),
        (params(page_only="on"), links.LinkProblem("bad_value", "page_only", "on", ("0", "1"))),
    ],
)
def test_a_bad_day_or_switch_is_left_out_with_what_was_expected(page_kb, given, problem):
    link = links.parse_link(page_kb, {**given, "act_sync": ["true"]})
    assert link.problems == (problem,)
    assert link.config == (("act_sync", True),) and link.as_of is None and link.page_only is False


def test_the_links_own_names_are_reserved():
    assert links.RESERVED == ("embed", "embed_options", "lang", "as_of", "page_only", "tab")


def test_a_question_about_the_page_alone_keeps_its_day():
    day = datetime.date(2026, 11, 29)
    assert state.Question(day).as_of == day
    alone = state.Question(day, page_only=True)
    assert alone.as_of is None and alone.day == day
    with pytest.raises(AttributeError):
        alone.day = day  # type: ignore[misc]


# --- the session's steps --------------------------------------------------------------------------


def test_choose_undo_reset_and_apply_walk_the_history(page_kb):
    order = page_kb.variable_names
    s0 = state.Explore()
    s1 = state.choose(order, s0, "act_sync", True)
    s2 = state.choose(order, s1, "email_system", "gmail")
    assert s2.config == (("email_system", "gmail"), ("act_sync", True))  # vocabulary order, not click order
    assert state.choose(order, s2, "email_system", "gmail") is s2  # no change, no step to undo
    s3 = state.apply_changes(order, s2, {"act_sync": False, "fips": False})
    assert s3.as_dict() == {"email_system": "gmail", "act_sync": False, "fips": False}
    assert state.undo(s3) == s2 and state.undo(state.undo(s3)) == s1
    s4 = state.reset(s3)
    assert s4.config == () and state.undo(s4).config == s3.config
    s5 = state.choose(order, s2, "email_system", None)
    assert s5.config == (("act_sync", True),)
    assert state.undo(s0) is s0 and not s0.can_undo


def test_history_is_bounded(page_kb):
    s = state.Explore()
    for i in range(state.MAX_HISTORY + 20):
        s = state.choose(page_kb.variable_names, s, "fips", bool(i % 2))
    assert len(s.history) == state.MAX_HISTORY


def test_state_values_are_frozen():
    with pytest.raises(AttributeError):
        state.Explore().config = ()  # type: ignore[misc]


def test_ruled_out_agrees_with_the_check_of_the_other_choices(model):
    # The page marks the values of a chosen variable with this shortcut; it must say what check says.
    rng = random.Random(5)
    for _ in range(150):
        names = rng.sample(model.order, rng.randint(1, 6))
        config = {n: rng.choice(model.domains[n]) for n in names}
        for name in names:
            others = {k: v for k, v in config.items() if k != name}
            result = model.check(others)
            expected = dict(result.excluded.get(name, {})) if result.verdict is not Verdict.UNSUPPORTED else {}
            found = {value: tuple(r.id for r in why) for value, why in model.ruled_out(config, name).items()}
            assert found == expected, (config, name)


def test_each_group_of_fixes_carries_the_rules_it_resolves(model: SupportModel):
    result = nearest_fixes(model, GMAIL_ACT)
    groups = group_fixes(model, result.fixes)
    # Turning the feature off comes before moving the mailbox (issue 14: a migration is not the first offer).
    assert [g.options for g in groups][0] == (("act_sync", (False,)),)
    for group in groups:
        assert [r.id for r in group.resolves] == ["act-sync-needs-exchange"]


# --- words ----------------------------------------------------------------------------------------


def test_every_word_has_both_languages_and_the_command_lines_words_are_shared():
    for key in words.keys():  # noqa: SIM118  (words.keys() is the module's function, not a dict's)
        assert words.t(key, "en").strip() and words.t(key, "vi").strip(), key
    assert words.t("unsupported", "vi") == "không được hỗ trợ"
    from untranslated import english_only_phrases

    assert "is ruled out by" in english_only_phrases()
