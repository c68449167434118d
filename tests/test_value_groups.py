"""Value groups: named sets of a variable's values, usable in a rule's `when` (issue 11)."""

from __future__ import annotations

from pathlib import Path

from kbtools import KBS, copy_kb, edit, line_of, problems

from syncmatrix import kb

GROUPS = KBS / "groups"


def copy(tmp_path: Path, old: str, new: str, name: str = "variables.yaml") -> Path:
    root = copy_kb("groups", tmp_path)
    edit(root, name, old, new)
    return root


def test_a_group_in_when_stands_for_its_values():
    knowledge = kb.load(GROUPS)
    when = {r.id: {c.variable: c.values for c in r.when} for r in knowledge.rules}
    assert when["act-sync-needs-exchange"]["email_system"] == ("gmail", "yahoo_mail")
    # Values and groups mix; the result is in the variable's own order.
    assert when["mixed-list"]["email_system"] == ("exchange_2019", "gmail", "yahoo_mail")


def test_groups_of_groups_are_flattened_in_domain_order():
    system = kb.load(GROUPS).variable("email_system")
    assert [(g.name, g.values) for g in system.groups] == [
        ("exchange_server", ("exchange_2016", "exchange_2019")),
        ("web_mail", ("gmail", "yahoo_mail")),
        ("everything", ("exchange_2016", "exchange_2019", "gmail", "yahoo_mail")),
    ]


def test_a_new_value_joins_every_rule_of_its_group_in_one_edit(tmp_path):
    root = copy(
        tmp_path,
        "    groups:\n",
        '      - name: proton_mail\n        label: {en: "Proton Mail", vi: "Proton Mail"}\n    groups:\n',
    )
    edit(root, "variables.yaml", "values: [gmail, yahoo_mail]", "values: [gmail, yahoo_mail, proton_mail]")
    rule = kb.load(root).rule("act-sync-needs-exchange")
    assert rule.broken_by({"email_system": "proton_mail", "act_sync": True})


def test_an_unknown_member_is_named_with_its_line_and_a_suggestion(tmp_path):
    root = copy(tmp_path, "values: [gmail, yahoo_mail]", "values: [gmail, yahoo_mial]")
    line = line_of(root, "variables.yaml", "yahoo_mial")
    assert problems(root) == [
        f"variables.yaml:{line}: group 'web_mail' of variable 'email_system' names 'yahoo_mial', which is "
        "neither one of its values nor an earlier group: exchange_2016, exchange_2019, gmail, yahoo_mail, "
        "exchange_server (did you mean 'yahoo_mail'?)"
    ]


def test_a_group_named_like_a_value_or_twice_is_a_problem(tmp_path):
    root = copy(tmp_path, "- name: web_mail", "- name: gmail")
    line = line_of(root, "variables.yaml", 'label: {en: "Web mail"') - 1
    assert (
        f"variables.yaml:{line}: group name 'gmail' of variable 'email_system' is a value of it; a group "
        "needs a name of its own" in problems(root)
    )
    root = copy(tmp_path / "second", "- name: web_mail", "- name: exchange_server")
    assert any("group name 'exchange_server' of variable 'email_system' is defined twice" in p for p in problems(root))


def test_a_later_group_cannot_be_named_before_it_is_defined(tmp_path):
    root = copy(tmp_path, "values: [exchange_2016, exchange_2019]", "values: [exchange_2016, web_mail]")
    assert "names 'web_mail', which is neither one of its values nor an earlier group" in problems(root)[0]


def test_a_bool_has_no_groups(tmp_path):
    root = copy(
        tmp_path,
        '    description: {en: "They are synchronized too."',
        "    groups: [{name: on, label: {en: On, vi: Bật}, values: [true]}]\n"
        '    description: {en: "They are synchronized too."',
    )
    assert any("is a bool: it has no groups of values" in p for p in problems(root))


def test_a_rule_naming_an_unknown_group_gets_the_groups_as_suggestions(tmp_path):
    root = copy(tmp_path, "email_system: web_mail", "email_system: webmail", name="rules/groups.yaml")
    found = problems(root)
    assert len(found) == 1 and "unknown value 'webmail' for email_system" in found[0]
    assert "(did you mean 'web_mail'?)" in found[0]


def test_lint_names_a_value_left_out_of_every_group(tmp_path):
    from syncmatrix.solver import SupportModel
    from syncmatrix.solver.lint import FindingKind, Level, lint

    grouped = [f for f in lint(SupportModel(kb.load(GROUPS))) if f.kind is FindingKind.UNGROUPED]
    assert grouped == []
    root = copy_kb("groups", tmp_path)
    edit(
        root,
        "variables.yaml",
        "    groups:\n",
        '      - name: proton_mail\n        label: {en: "Proton", vi: "Proton"}\n    groups:\n',
    )
    knowledge = kb.load(root)
    [finding] = [f for f in lint(SupportModel(knowledge)) if f.kind is FindingKind.UNGROUPED]
    system = knowledge.variable("email_system")
    assert (finding.level, finding.variable, finding.value) == (Level.ERROR, "email_system", "proton_mail")
    assert (finding.file, finding.line) == (system.file, system.line)
    assert "email_system=proton_mail is in no group" in finding.message
