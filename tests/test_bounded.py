"""Every search bounded (issue 10): counts that never list, listings that stream, budgets that end
every question with a clear message, and fix on a void knowledge base.

Each test failed on commit a36f672 (where `count` listed every configuration, `enumerate` built
them all in memory, no question took a limit and fix blamed locks nobody gave). Work is bounded by
search nodes, never by the clock: a node budget is deterministic. Knowledge bases:
tests/kbs/bounded-*; the one of 5,000 rules is generated (it is larger than a file may be). They hold
no advisory; the command line is asked about them with `--page-only`, so that no answer names today.
"""

from __future__ import annotations

import io
import itertools
import json
import math
import re
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from oracle import SUPPORTED, UNSUPPORTED, WITH_WARNINGS, Oracle
from synthetic import write_synthetic  # benchmarks/synthetic.py (conftest.py's path)
from test_hostile_cli import one_paragraph, run

from syncmatrix import kb
from syncmatrix.cli import ROWS_MOST, main
from syncmatrix.present.words import message, t
from syncmatrix.solver import DEFAULT_LIMIT, Limit, SearchLimitExceeded, SupportModel, Verdict
from syncmatrix.solver.fix import nearest_fixes
from syncmatrix.solver.lint import lint

KBS = Path(__file__).resolve().parent / "kbs"
B25 = str(KBS / "bounded-25")  # 25 booleans, 10 rules: 3,407,872 acceptable configurations
HARD = str(KBS / "bounded-hard")  # 40 booleans, 170 rules of 3 variables: thousands of steps per question
VOID = str(KBS / "bounded-void")  # no configuration is supported
B25_TOTAL, B25_SUPPORTED, B25_WARNED = 3_407_872, 1_830_912, 1_576_960  # counted once by brute force
PAGE_ALONE = {"as_of": None, "page_only": True}  # what a JSON answer of `--page-only` says of its day


def model_of(folder: str, limit: Limit = DEFAULT_LIMIT) -> SupportModel:
    return SupportModel(kb.load(folder), limit=limit)


# --- count: exact, never listing --------------------------------------------------------------------


def brute_force_by_component(root: Path) -> tuple[int, int]:
    """(not unsupported, supported) by the oracle: the product over the groups of variables the
    rules link, each group walked whole (it is small), free variables doubling the space."""
    oracle = Oracle(root)
    group = {name: name for name in oracle.names}

    def find(name: str) -> str:
        while group[name] != name:
            name = group[name]
        return name

    for rule in oracle.rules:
        first, *rest = rule.when
        for other in rest:
            group[find(other)] = find(first)
    members: dict[str, list[str]] = {}
    for name in oracle.names:
        members.setdefault(find(name), []).append(name)
    acceptable = supported = 1
    for names in members.values():
        assert len(names) <= 12, "a group too large to walk: the test's knowledge base changed"
        rules = [r for r in oracle.rules if set(r.when) <= set(names)]
        ok = fine = 0
        for values in itertools.product(*(oracle.domains[n] for n in names)):
            config = dict(zip(names, values, strict=True))
            broken = [r for r in rules if r.broken_by(config)]
            ok += not any(r.severity == "error" for r in broken)
            fine += not broken
        acceptable, supported = acceptable * ok, supported * fine
    return acceptable, supported


def test_count_of_sixty_booleans_is_exact_within_a_few_hundred_steps():
    root = KBS / "bounded-blocks-60"
    acceptable, supported = brute_force_by_component(root)
    counts = model_of(str(root)).count({}, limit=Limit(60, nodes=2_000))
    assert (counts.total, counts.supported) == (acceptable, supported)
    assert counts.total > 2**32  # far past anything a listing could reach


def test_count_of_a_sparse_sixty_boolean_kb_adds_up_over_each_value():
    model = model_of(str(KBS / "bounded-sparse-60"), Limit(60, nodes=5_000))
    whole = model.count({})
    assert whole.total > 10**12
    for name in ("x000", "x017", "x059"):
        parts = [model.count({name: value}) for value in (False, True)]
        assert sum(p.supported for p in parts) == whole.supported
        assert sum(p.supported_with_warnings for p in parts) == whole.supported_with_warnings


def test_count_command_answers_twenty_five_booleans_without_listing(capsys):
    code, out, err = run(capsys, "count", "--kb", B25, "--json", "--page-only")
    assert (code, err) == (0, "")
    counts = {"count": B25_TOTAL, "supported": B25_SUPPORTED, "supported_with_warnings": B25_WARNED}
    assert json.loads(out) == {**counts, **PAGE_ALONE}


# --- enumerate: streamed, with --limit ------------------------------------------------------------


def test_enumerate_json_keeps_the_exact_count_and_says_it_is_truncated(capsys):
    code, out, err = run(capsys, "enumerate", "--kb", B25, "--json", "--limit", "5")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["count"] == B25_TOTAL and document["truncated"] is True
    rows = document["configurations"]
    assert len(rows) == 5
    oracle = Oracle(Path(B25))
    for row in rows:  # each one what the oracle says it is, and in vocabulary order
        assert oracle.verdict({n: row[n] for n in oracle.names}) == row["verdict"] != UNSUPPORTED
    keys = [tuple(row[n] for n in oracle.names) for row in rows]
    assert keys == sorted(keys) and len(set(keys)) == 5
    # Streamed, and still byte for byte the document json.dumps writes.
    assert out == json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_enumerate_lists_what_brute_force_lists(capsys):
    code, out, _ = run(capsys, "enumerate", "--kb", VOID, "--json", "--limit", "0", "--page-only")
    assert code == 0 and json.loads(out) == {"configurations": [], "count": 0, "truncated": False, **PAGE_ALONE}
    root = KBS / "bounded-blocks-60"
    filters = {f"x{i:03d}": False for i in range(54)}  # six variables left open: 64 configurations
    words = [f"{n}=false" for n in filters]
    code, out, _ = run(capsys, "enumerate", "--kb", str(root), "--json", *words, "--page-only")
    document = json.loads(out)
    oracle = Oracle(root)
    expected = []
    for config in oracle.completions(filters):
        verdict = oracle.verdict(config)
        if verdict != UNSUPPORTED:
            expected.append({**config, "verdict": verdict})
    assert document == {"configurations": expected, "count": len(expected), "truncated": False, **PAGE_ALONE}
    assert {SUPPORTED, WITH_WARNINGS} >= {row["verdict"] for row in expected}


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_enumerate_text_shows_fifty_rows_and_says_how_to_see_the_rest(capsys, lang):
    code, out, err = run(capsys, "enumerate", "--kb", B25, "--lang", lang, "--page-only")
    assert (code, err) == (0, "")
    day, *lines = out.splitlines()
    assert day == t("page_only_line", lang)
    # A block per row: its number and verdict, then its values as words `check` takes back.
    heads = [i for i, line in enumerate(lines) if re.fullmatch(r"[0-9]+\. .+", line)]
    assert [lines[i].split(".")[0] for i in heads] == [str(n) for n in range(1, 51)]
    last = lines.index("", heads[-1])
    for start, end in zip(heads, [*heads[1:], last], strict=True):
        words = " ".join(lines[start + 1 : end]).split()
        assert [w.partition("=")[0] for w in words] == [f"x{i:03d}" for i in range(25)]
    tail = " ".join(lines[last + 1 :])
    assert str(B25_TOTAL) in tail and str(B25_TOTAL - 50) in tail and "--limit 0" in tail and "--limit N" in tail
    assert max(len(line) for line in lines) <= 100


def test_enumerate_csv_takes_a_limit(capsys):
    code, out, _ = run(capsys, "enumerate", "--kb", B25, "--format", "csv", "--limit", "3")
    assert code == 0 and len(out.splitlines()) == 1 + 3


class _Closing(io.TextIOBase):
    """A standard output whose reader goes away after `writes` writes (`| head`)."""

    def __init__(self, writes: int) -> None:
        self.left = writes

    def write(self, text: str) -> int:
        self.left -= 1
        if self.left < 0:
            raise BrokenPipeError(32, "Broken pipe")
        return len(text)


def test_enumerate_stops_searching_when_its_reader_is_gone(monkeypatch):
    pulled = 0
    original = SupportModel.supported_configurations

    def counted(self, *args, **kwargs) -> Iterator:
        nonlocal pulled
        for row in original(self, *args, **kwargs):
            pulled += 1
            yield row

    monkeypatch.setattr(SupportModel, "supported_configurations", counted)
    monkeypatch.setattr("sys.stdout", _Closing(writes=3))
    assert main(["enumerate", "--kb", B25, "--format", "csv", "--limit", "0"]) == 0
    assert pulled < 10  # not the 3,407,872 a closed pipe would have waited for


def test_enumerate_memory_stays_flat_however_many_rows(monkeypatch):
    class Sink(io.TextIOBase):
        def write(self, text: str) -> int:
            return len(text)

    monkeypatch.setattr("syncmatrix.solver.support.CHUNK", 256)  # parts of the space listed at once

    def peak(given: int) -> int:
        words = [f"x{i:03d}=false" for i in range(given)]
        monkeypatch.setattr("sys.stdout", Sink())
        tracemalloc.start()
        try:
            assert main(["enumerate", "--kb", B25, "--format", "csv", *words]) == 0
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(20)  # imports and first-use allocations, once
    few, many = peak(15), peak(9)  # about 500 rows, then about 16,000
    assert many < few + 1_000_000  # a listing held in memory grew by 28 MB here


# --- budgets: every question ends -----------------------------------------------------------------

QUESTIONS = {
    "check": lambda m, limit: m.check({"x000": True}, limit=limit),
    "count": lambda m, limit: m.count({}, limit=limit),
    "enumerate": lambda m, limit: list(itertools.islice(m.supported_configurations({}, limit=limit), 10)),
    "fix": lambda m, limit: nearest_fixes(m, {f"x{i:03d}": True for i in range(40)}, limit=limit),
    "lint": lambda m, limit: lint(m, limit=limit),
    "possible_values": lambda m, limit: m.possible_values({}, limit=limit),
}


@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_a_node_budget_stops_every_question_with_a_message_that_says_what_to_do(question):
    model = model_of(HARD)
    with pytest.raises(SearchLimitExceeded) as caught:
        QUESTIONS[question](model, Limit(60, nodes=20))
    error = caught.value
    assert error.reason == "nodes" and error.limit.nodes == 20
    text = str(error)
    assert text.startswith("the search for ") and "\n" not in text
    assert "node limit of 20 search steps" in text
    assert "Give more values (VARIABLE=VALUE)" in text and "--time-limit" in text
    assert text == message(error.key, "en", error.values)  # the command line says the same, in either language


@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_the_asker_can_cancel_every_question_while_it_searches(question):
    polls = 0

    def cancelled() -> bool:
        nonlocal polls
        polls += 1
        return polls > 2  # the asker leaves during the search, not before it

    with pytest.raises(SearchLimitExceeded) as caught:
        QUESTIONS[question](model_of(HARD), Limit(60, cancelled=cancelled))
    assert caught.value.reason == "cancelled" and polls == 3
    assert str(caught.value).endswith("was cancelled: its asker no longer waits for the answer")


def test_the_model_limit_applies_unless_a_question_brings_its_own():
    model = model_of(HARD, Limit(60, nodes=20))
    with pytest.raises(SearchLimitExceeded):
        model.count({})
    assert model.count({}, limit=Limit(60)).total == 2_452_778
    assert isinstance(SearchLimitExceeded("count", DEFAULT_LIMIT, "time"), kb.SyncmatrixError)


@pytest.mark.parametrize("seconds, nodes", [(0, None), (-1, None), (math.nan, None), (math.inf, None), (1, -1)])
def test_a_limit_must_be_a_positive_time(seconds, nodes):
    with pytest.raises(ValueError):
        Limit(seconds, nodes)


@pytest.mark.parametrize(
    "command", [["count"], ["enumerate"], ["check", "x000=true"], ["fix", "x000=true", "x001=true"], ["lint"]]
)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_time_limit_ends_the_command_with_exit_2_and_one_paragraph(capsys, command, lang):
    code, out, err = run(capsys, *command, "--kb", HARD, "--time-limit", "0.0001", "--lang", lang)
    assert code == 2 and one_paragraph(err)
    assert "0.0001" in err and "--time-limit" in err
    if lang == "vi":
        assert "giới hạn thời gian" in err
    else:
        assert "the time limit of 0.0001 s" in err
    assert out == "" or command[0] == "enumerate"  # a listing may have streamed rows before


@pytest.mark.parametrize("value", ["0", "-3", "nan", "inf", "soon"])
def test_time_limit_must_be_a_positive_number_of_seconds(capsys, value):
    code, out, err = run(capsys, "count", "--kb", B25, f"--time-limit={value}")
    assert (code, out) == (2, "") and one_paragraph(err) and "--time-limit" in err
    assert ("above 0" in err) or ("invalid float value" in err)


@pytest.mark.parametrize("value", ["-1", "many"])
def test_row_limit_must_be_a_whole_number(capsys, value):
    code, out, err = run(capsys, "enumerate", "--kb", B25, f"--limit={value}")
    assert (code, out) == (2, "") and one_paragraph(err) and "--limit" in err
    if value == "-1":  # ours; "many" is argparse's own refusal
        assert err == f"syncmatrix: {t('row_limit_range', 'en', text=value, most=ROWS_MOST)}\n"
    else:
        assert "invalid int value" in err


# --- 5,000 rules ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def five_thousand_rules(tmp_path_factory) -> tuple[SupportModel, dict]:
    """20 variables of 2 to 8 values and 5,000 rules, in files of 1,000 (a file holds 1 MB at most)."""
    root = tmp_path_factory.mktemp("rules-5000")
    planted = write_synthetic(root, 20, 5_000, seed=7)
    rules = yaml.safe_load((root / "rules" / "synthetic.yaml").read_text(encoding="utf-8"))["rules"]
    (root / "rules" / "synthetic.yaml").unlink()
    for start in range(0, len(rules), 1_000):
        document = {"document": "synthetic", "rules": rules[start : start + 1_000]}
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
        (root / "rules" / f"part{start // 1_000}.yaml").write_text(text, encoding="utf-8")
    return SupportModel(kb.load(root)), planted


def test_check_on_five_thousand_rules_needs_few_search_steps(five_thousand_rules):
    model, planted = five_thousand_rules
    given = dict(itertools.islice(planted.items(), 3))
    result = model.check(given, limit=Limit(600, nodes=1_000))
    assert result.verdict is Verdict.SUPPORTED  # the planted configuration breaks no rule
    for name, values in result.possible.items():
        assert planted[name] in values
        for value in result.excluded.get(name, {}):
            assert value not in values and result.excluded[name][value]


def test_lint_on_five_thousand_rules_ends_within_its_budget(five_thousand_rules):
    model, _ = five_thousand_rules
    findings = lint(model, limit=Limit(600, nodes=20_000))
    assert not any(f.kind == "void" for f in findings)


# --- fix on a void knowledge base -----------------------------------------------------------------


@pytest.mark.parametrize("locks", [[], ["--lock", "b"]])
def test_fix_on_a_void_knowledge_base_says_nothing_is_supported_not_that_locks_are_to_blame(capsys, locks):
    code, out, err = run(capsys, "fix", "--kb", VOID, "a=true", "b=false", *locks)
    assert (code, err) == (1, "")
    assert "locks" not in out and "no configuration at all is supported" in out and "syncmatrix lint" in out
    result = nearest_fixes(model_of(VOID), {"a": True, "b": False}, locks=locks[1:])
    assert result.void and result.fixes == ()


def test_fix_still_blames_the_locks_when_they_are_to_blame(capsys):
    # gmail with act_sync has fixes, unless email_system and act_sync are both locked.
    locks = ["--lock", "email_system", "--lock", "act_sync"]
    code, out, _ = run(capsys, "fix", "--kb", str(KBS / "cli-table"), "email_system=gmail", "act_sync=true", *locks)
    assert code == 1 and "No fix exists within the locks given." in out
