"""The UVL export (syncmatrix/present/uvl.py, `syncmatrix export`): read back by flamapy, the peer of
issue 15, it gives the same acceptable configurations as the rules, one for one.

flamapy comes with the test extra (pip install -e '.[test]'); without it the read-back tests skip,
except under CI, where .ci/run installs it and a missing flamapy is a failure.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from oracle import UNSUPPORTED, Oracle

from syncmatrix import kb
from syncmatrix.cli import main
from syncmatrix.present.uvl import ROOT, feature_name, reference, uvl_text
from syncmatrix.present.words import t
from syncmatrix.solver import SupportModel

TESTS = Path(__file__).resolve().parent
DATA = TESTS.parent / "data"
KBS = TESTS / "kbs"
ISSUE_DAY = datetime.date(2026, 11, 29)

# Small knowledge bases, each with its oracle (a plain evaluation of the YAML) to compare with:
# value groups in an error rule and a yes/no condition (groups); names UVL reads only in quotes, both
# signs of a yes/no condition (uvl-names); advisories that add error rules on a day (advisories-tiny).
SMALL = [
    ("groups", None),
    ("uvl-names", None),
    ("advisories-tiny", None),
    ("advisories-tiny", datetime.date(2027, 5, 1)),
]


def _flamapy_or_skip():
    """flamapy's feature model facade; a skip (or, under CI, a failure) saying how to install it."""
    try:
        from flamapy.interfaces.python.flamapy_feature_model import FLAMAFeatureModel
    except ImportError:
        reason = "the UVL read-back needs flamapy (pip install -e '.[test]' or '.[peer]')"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; .ci/run installs the test extra")
        pytest.skip(reason)
    return FLAMAFeatureModel


def read_back(model: SupportModel, tmp_path: Path):
    """flamapy's feature model of `model`'s export, read from a file as any tool would."""
    facade = _flamapy_or_skip()
    path = tmp_path / "model.uvl"
    path.write_text(uvl_text(model), encoding="utf-8")
    return facade(str(path))


def as_config(model: SupportModel, selected: set[str]) -> tuple[object, ...]:
    """A configuration of flamapy (its selected features) in our values, in vocabulary order."""
    config = []
    for variable in model.kb.variables:
        if isinstance(variable.domain[0], bool):
            config.append(variable.name in selected)
        else:
            chosen = [v for v in variable.domain if feature_name(variable.name, str(v)) in selected]
            assert len(chosen) == 1, (variable.name, chosen)  # the alternative group: exactly one
            config.append(chosen[0])
    return tuple(config)


def flamapy_configurations(model: SupportModel, feature_model) -> set[tuple[object, ...]]:
    found = [as_config(model, set(c.get_selected_elements())) for c in feature_model.configurations()]
    assert len(found) == len(set(found))  # each configuration once
    return set(found)


def oracle_acceptable(root: Path, day: datetime.date | None) -> set[tuple[object, ...]]:
    oracle = Oracle(root, day)
    return {tuple(c.values()) for c in oracle.space() if oracle.verdict(c) != UNSUPPORTED}


def model_of(name: str, day: datetime.date | None) -> SupportModel:
    return SupportModel(kb.load(KBS / name).as_of(day))


# --- read back by flamapy --------------------------------------------------------------------------


def test_the_page_alone_reads_back_with_the_count_and_the_configurations_of_the_rules(model, acceptable, tmp_path):
    feature_model = read_back(model, tmp_path)
    assert feature_model.configurations_number() == model.count({}).total == len(acceptable)
    assert flamapy_configurations(model, feature_model) == set(acceptable)


def test_the_page_on_a_day_reads_back_with_the_count_and_the_configurations_of_the_rules(page_kb, tmp_path):
    # The oracle of a day costs seconds over the page's space: the day's listing is the solver's,
    # which tests/test_advisories_page.py checks against that oracle.
    model = SupportModel(page_kb.as_of(ISSUE_DAY))
    assert any(r.kind is kb.Kind.ADVISORY for r in model.errors)  # the day adds hard rules of its own
    feature_model = read_back(model, tmp_path)
    listed = {tuple(c.values()) for c, _ in model.supported_configurations({})}
    assert feature_model.configurations_number() == model.count({}).total == len(listed)
    assert flamapy_configurations(model, feature_model) == listed


@pytest.mark.parametrize(("name", "day"), SMALL, ids=[f"{n}-{d or 'page'}" for n, d in SMALL])
def test_a_small_knowledge_base_reads_back_with_the_configurations_of_its_oracle(name, day, tmp_path):
    model = model_of(name, day)
    feature_model = read_back(model, tmp_path)
    expected = oracle_acceptable(KBS / name, day)
    assert 0 < len(expected) < len(list(Oracle(KBS / name, day).space()))  # the rules rule something out
    assert feature_model.configurations_number() == model.count({}).total == len(expected)
    assert flamapy_configurations(model, feature_model) == expected


def test_flamapy_reads_every_error_rule_as_one_constraint_and_every_name_as_written(tmp_path):
    model = model_of("uvl-names", None)
    feature_model = read_back(model, tmp_path).fm_model
    assert len(feature_model.get_constraints()) == len(model.errors)
    names = {f.name for f in feature_model.get_features()}
    expected = {ROOT, *(v.name for v in model.kb.variables)}
    expected |= {
        feature_name(v.name, str(x)) for v in model.kb.variables if v.type is kb.VariableType.ENUM for x in v.domain
    }
    assert names == expected and {"alternative", "optional", "_hidden", "région__sud"} <= names


# --- the text --------------------------------------------------------------------------------------


def constraints_by_rule(text: str) -> list[tuple[str, str]]:
    """(rule id, constraint) for each comment line of the constraints and the line after it."""
    lines = text.split("\n")
    start = lines.index("constraints")
    found = []
    for i in range(start + 1, len(lines) - 1, 2):
        comment, formula = lines[i].strip(), lines[i + 1].strip()
        assert comment.startswith("// ") and formula.startswith("!"), (comment, formula)
        found.append((comment[3:], formula))
    assert lines[-1] == ""  # one newline at the end, nothing after the last constraint
    return found


@pytest.mark.parametrize("day", [None, ISSUE_DAY], ids=["page", "day"])
def test_every_error_rule_is_a_constraint_after_its_id_and_no_warning_is(page_kb, day):
    model = SupportModel(page_kb.as_of(day))
    found = constraints_by_rule(uvl_text(model))
    assert [rule_id for rule_id, _ in found] == [r.id for r in model.errors]
    assert not {r.id for r in model.warnings} & {rule_id for rule_id, _ in found}


def test_a_rule_with_a_value_group_and_a_yes_no_condition_is_written_with_its_values():
    model = model_of("groups", None)
    found = dict(constraints_by_rule(uvl_text(model)))
    # email_system: web_mail (gmail, yahoo_mail), act_sync: true
    assert found == {"act-sync-needs-exchange": "!((email_system__gmail | email_system__yahoo_mail) & act_sync)"}


def test_names_that_uvl_reads_only_in_quotes_are_quoted_and_no_other():
    assert [reference(n) for n in ("email_system", "email_system__gmail", "x1")] == [
        "email_system",
        "email_system__gmail",
        "x1",
    ]
    assert [reference(n) for n in ("optional", "Features", "_hidden", "région")] == [
        '"optional"',
        '"Features"',
        '"_hidden"',
        '"région"',
    ]
    found = dict(constraints_by_rule(uvl_text(model_of("uvl-names", None))))
    assert found["hidden-off-in-the-south"] == '!(("région__sud" | "région__est") & !"_hidden")'


def test_the_header_says_the_day_and_that_only_hard_rules_are_in_it(page_kb):
    for day, said in ((None, t("uvl_page_only", "en")), (ISSUE_DAY, t("uvl_day", "en", day="2026-11-29"))):
        model = SupportModel(page_kb.as_of(day))
        header = uvl_text(model).split("\nfeatures\n")[0].split("\n")
        assert all(line.startswith("// ") for line in header)
        assert header[1] == "// " + said
        assert header[2] == "// " + t("uvl_hard_only", "en", errors=len(model.errors), warnings=len(model.warnings))
    assert "// Chỉ trang" in uvl_text(SupportModel(page_kb.as_of(None)), "vi")


def test_the_features_are_the_root_each_variable_and_each_enum_value_in_vocabulary_order(model):
    tree = uvl_text(model).split("\nfeatures\n")[1].split("\nconstraints\n")[0].split("\n")
    assert tree[0] == "\t" + ROOT
    enums = [v for v in model.kb.variables if v.type is kb.VariableType.ENUM]
    bools = [v for v in model.kb.variables if v.type is kb.VariableType.BOOL]
    expected = ["\t\tmandatory"]
    for variable in enums:
        expected += ["\t\t\t" + variable.name, "\t\t\t\talternative"]
        expected += ["\t\t\t\t\t" + feature_name(variable.name, str(v)) for v in variable.domain]
    expected += ["\t\toptional", *("\t\t\t" + v.name for v in bools)]
    assert tree[1:] == expected


def test_two_features_of_one_name_are_refused_with_the_name(tmp_path):
    folder = tmp_path / "clash"
    folder.mkdir()
    (folder / "rules").mkdir()
    (folder / "sources.yaml").write_text(
        (KBS / "groups" / "sources.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "rules" / "groups.yaml").write_text(
        (KBS / "groups" / "rules" / "groups.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    variables = (KBS / "groups" / "variables.yaml").read_text(encoding="utf-8")
    variables += (
        "  - name: email_system__gmail\n"
        "    type: bool\n"
        '    label: {en: "A clash", vi: "Trùng tên"}\n'
        '    description: {en: "Named as a value\'s feature.", vi: "Trùng tên đặc trưng của một giá trị."}\n'
    )
    (folder / "variables.yaml").write_text(variables, encoding="utf-8")
    model = SupportModel(kb.load(folder).as_of(None))
    with pytest.raises(kb.InputError, match="'email_system__gmail'"):
        uvl_text(model)


# --- the command -----------------------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("question", [["--page-only"], ["--as-of", "2026-11-29"]], ids=" ".join)
def test_export_prints_the_uvl_of_the_day(capsys, page_kb, question):
    code, out, err = run(capsys, "export", *question)
    day = None if question == ["--page-only"] else ISSUE_DAY
    assert (code, err) == (0, "") and out == uvl_text(SupportModel(page_kb.as_of(day)))
    code, again, _ = run(capsys, "export", "--format", "uvl", *question)
    assert (code, again) == (0, out)


def test_export_writes_the_file_atomically_and_prints_nothing(capsys, tmp_path):
    target = tmp_path / "page.uvl"
    target.write_text("old", encoding="utf-8")
    code, out, err = run(capsys, "export", "--page-only", "--kb", str(KBS / "groups"), "--output", str(target))
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8") == uvl_text(model_of("groups", None))
    assert [p.name for p in tmp_path.iterdir()] == ["page.uvl"]  # no temporary file left


def test_export_refuses_a_folder_as_output_before_anything(capsys, tmp_path):
    code, out, err = run(capsys, "export", "--output", str(tmp_path))
    assert (code, out) == (2, "") and err.startswith("syncmatrix: ") and str(tmp_path) in err


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_export_refuses_another_format_and_json_with_exit_2(capsys, lang):
    code, out, err = run(capsys, "export", "--format", "dot", "--lang", lang)
    assert (code, out) == (2, "") and "'dot'" in err and "uvl" in err
    code, out, err = run(capsys, "export", "--json", "--lang", lang)
    assert (code, out) == (2, "") and err == f"syncmatrix: {t('export_no_json', lang)}\n"


def test_export_refuses_a_bad_day_and_a_day_with_page_only(capsys):
    code, out, err = run(capsys, "export", "--as-of", "2026-02-29")
    assert (code, out) == (2, "") and "--as-of '2026-02-29'" in err
    code, out, err = run(capsys, "export", "--as-of", "2026-11-29", "--page-only")
    assert (code, out) == (2, "") and "not allowed with argument" in err


def test_export_help_has_an_example_and_offers_no_json(capsys):
    code, out, _ = run(capsys, "export", "--help")
    assert code == 0 and "Example: syncmatrix export" in out and "--output" in out and "--json" not in out


def test_export_loads_neither_flamapy_nor_the_dashboard():
    script = (
        "import sys\nfrom syncmatrix.cli import main\nassert main(['export', '--page-only']) == 0\n"
        "heavy = sorted(m for m in ('flamapy', 'streamlit', 'networkx', 'constraint') if m in sys.modules)\n"
        "sys.stderr.write(repr(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert done.stderr == "[]" and re.match(r"// ", done.stdout)
