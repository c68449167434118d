"""One catalogue of words (issue 22, item 2): the layers below presentation raise keys and values.

An English sentence written in kb/, solver/ or syncmatrix/audit/ cannot be said in Vietnamese; one
in syncmatrix/words.py can. The scan below finds the first kind with a heuristic a reader can check
by eye: a string constant of the code (not a docstring) that holds three words or more, two of them
side by side with a space between, and two in lower case, once its {placeholders} and HTML tags are
cut out. Identifiers, keys, format specs, file names, markup and single words never match, nor the
labels Dynamics writes in title case ('Server-Side Synchronization or Email Router'), which are data
the readers compare with. Messages to programmers who call the library wrongly (`raise TypeError(...)`,
ValueError, AttributeError) are not words for a person and are left out, and so is a text looked for
in another library's message (`"expected a single document" in str(exc.context)`, kb/located.py): the
words are PyYAML's, never said by syncmatrix.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from syncmatrix import kb, words
from syncmatrix.kb.errors import InputError
from syncmatrix.solver.fix import nearest_fixes
from syncmatrix.solver.support import SupportModel

ROOT = Path(__file__).resolve().parent.parent
BELOW_PRESENTATION = ("kb", "solver", "syncmatrix/audit")
READERS = ("syncmatrix/audit/exports.py", "syncmatrix/audit/mapping.py")
# Modules whose sentences are still to move into the catalogue, with how many the scan finds in each
# today; the list only shrinks (a module converted leaves it, and the count of one left must not grow).
PENDING: dict[str, int] = {}
PROGRAMMER_ERRORS = frozenset({"TypeError", "ValueError", "AttributeError", "RuntimeError", "AssertionError"})
_WORD = re.compile(r"[A-Za-z]{2,}")
_TWO_WORDS = re.compile(r"[A-Za-z]{2,} +[A-Za-z]{2,}")
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
_TAG = re.compile(r"<[^>]*>")  # HTML markup: the words between tags come from the catalogue


def looks_like_a_sentence(text: str) -> bool:
    words_only = _TAG.sub(" ", _PLACEHOLDER.sub(" ", text))
    found = _WORD.findall(words_only)
    lower = [w for w in found if w.islower()]
    return len(found) >= 3 and len(lower) >= 2 and _TWO_WORDS.search(words_only) is not None


def sentences(source: str) -> list[tuple[int, str]]:
    """The string constants of `source` that look like English sentences, with their lines."""
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skipped.add(id(first.value))  # a docstring
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            called = node.exc.func
            if isinstance(called, ast.Name) and called.id in PROGRAMMER_ERRORS:
                skipped.update(id(inner) for inner in ast.walk(node.exc))
        elif isinstance(node, ast.Compare) and isinstance(node.ops[0], ast.In | ast.NotIn):
            searched = node.left  # looked for in someone else's text: not said
            if isinstance(searched, ast.Constant) and isinstance(searched.value, str):
                skipped.add(id(searched))
    found = []
    for node in ast.walk(tree):  # breadth first: an f-string is met before the pieces it holds
        if id(node) in skipped:
            continue
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(piece) for piece in node.values)
            text = "".join(p.value if isinstance(p, ast.Constant) else "{}" for p in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if looks_like_a_sentence(text):
            found.append((node.lineno, text))
    return sorted(found)


def modules_below_presentation() -> list[str]:
    files = sorted(p for folder in BELOW_PRESENTATION for p in (ROOT / folder).rglob("*.py"))
    return [p.relative_to(ROOT).as_posix() for p in files]


@pytest.mark.parametrize("module", modules_below_presentation())
def test_no_english_sentence_below_presentation_outside_the_catalogue(module):
    found = sentences((ROOT / module).read_text(encoding="utf-8"))
    if module in PENDING:
        assert 0 < len(found) <= PENDING[module], "converted? take it off PENDING"
    else:
        assert found == []


def test_the_sentence_scan_can_fail():
    source = '''
"""A docstring, which is no message."""
KEY = "unknown_variable"
SPEC = "{where}{variable}: {choices}{hint}"
def f(x):
    """Another docstring of several words."""
    if x:
        raise TypeError(f"f takes a number, not {x!r}")
    raise InputError(f"unknown variable '{x}'; expected one of these")
SAID = "the knowledge base is not valid"
if "found another document" in text or "not for a person" not in text:
    say(f"more than one document: {text}" in shown)
'''
    assert sentences(source) == [
        (9, "unknown variable '{}'; expected one of these"),
        (10, "the knowledge base is not valid"),
        (12, "more than one document: {}"),
    ]
    assert not looks_like_a_sentence("data/rules.yaml") and not looks_like_a_sentence("{option} {variable}")
    assert not looks_like_a_sentence("Microsoft Dynamics 365 for Outlook")
    assert not looks_like_a_sentence('<th scope="col">{}</th>') and looks_like_a_sentence("<p>no rule is broken</p>")


def imported_modules(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("module", [*modules_below_presentation(), "syncmatrix/words.py"])
def test_readers_and_lower_layers_never_import_presentation(module):
    if module.startswith("syncmatrix/audit/") and module not in READERS:
        pytest.skip("the audit's writers (report.py, starter.py) present; only its readers are below presentation")
    imported = imported_modules((ROOT / module).read_text(encoding="utf-8"))
    assert sorted(n for n in imported if n.startswith("syncmatrix.present")) == []


def test_the_readers_load_no_presentation_module(tmp_path):
    # What the readers import, and what that imports in turn: the whole chain stays below presentation.
    code = (
        "import sys\nimport syncmatrix.audit.exports, syncmatrix.audit.mapping, syncmatrix.solver.lint\n"
        "print(sorted(m for m in sys.modules if m.startswith('syncmatrix.present')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.strip() == "[]"


def test_the_catalogue_imports_nothing_of_syncmatrix(tmp_path):
    code = "import sys\nimport syncmatrix.words\nprint(sorted(m for m in sys.modules if m.startswith('syncmatrix.')))"
    # syncmatrix.words itself, and nothing else of the package: no kb, no presentation.
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.strip() == "['syncmatrix.words']"


def test_the_faces_read_the_same_catalogue():
    from syncmatrix.present import text
    from syncmatrix.present import words as face_words

    assert face_words.t is words.t and face_words.message is words.message and face_words._WORDS is words._WORDS
    assert text.escape is words.escape and text.shorten is words.shorten


# --- the solver raises keys and values (solver/support.py, solver/fix.py) ------------------------------
TABLE_KB = ROOT / "tests" / "kbs" / "cli-table"


def said(error: InputError, lang: str = "en") -> str:
    return words.message(error.key, lang, error.values)


@pytest.mark.parametrize(
    "config,key",
    [({"emial_system": "gmail"}, "unknown_variable"), ({"email_system": "msn"}, "unknown_value")],
    ids=str,
)
def test_validate_raises_a_key_and_values_its_english_is_the_catalogues(config, key):
    model = SupportModel(kb.load(TABLE_KB))
    with pytest.raises(InputError) as caught:
        model.validate(config)
    assert caught.value.key == key
    assert str(caught.value) == said(caught.value)
    assert said(caught.value, "vi") != said(caught.value)


def test_validate_names_the_variable_it_may_mean():
    model = SupportModel(kb.load(TABLE_KB))
    with pytest.raises(InputError) as caught:
        model.validate({"emial_system": "gmail"})
    hint = words.t("did_you_mean", word="email_system")
    expected = words.t("unknown_variable", where="", variable="emial_system", choices=", ".join(model.order), hint=hint)
    assert str(caught.value) == expected


@pytest.mark.parametrize(
    "locks,costs,key",
    [
        (["emial_system"], {}, "option_unknown_variable"),
        (["act_sync"], {}, "option_not_given"),
        ([], {"email_system": 0}, "cost_range"),
    ],
    ids=str,
)
def test_fix_options_raise_keys_and_values(locks, costs, key):
    model = SupportModel(kb.load(TABLE_KB))
    with pytest.raises(InputError) as caught:
        nearest_fixes(model, {"email_system": "gmail"}, locks=locks, costs=costs)
    assert caught.value.key == key
    assert str(caught.value) == said(caught.value)


# --- configurations (kb/config.py) and budgets (solver/limit.py) -------------------------------------
@pytest.mark.parametrize(
    "text,key", [("2026-02-30", "not_a_day"), ("29/11/2026", "day_shape")], ids=["no-such-day", "shape"]
)
def test_a_day_refused_is_a_key_and_values(text, key):
    with pytest.raises(InputError) as caught:
        kb.parse_day(text, "--as-of")
    assert (caught.value.key, caught.value.values) == (key, {"option": "--as-of", "text": text})
    assert str(caught.value) == words.t(key, option="--as-of", text=text)


@pytest.mark.parametrize("reason", ["time", "nodes", "cancelled"])
def test_a_search_out_of_budget_says_the_catalogues_english(reason):
    from syncmatrix.solver.limit import Limit, SearchLimitExceeded

    error = SearchLimitExceeded("fix", Limit(2, nodes=1000), reason)
    expected = words.t(
        f"search_limit_{reason}", question=words.t("question_fix"), seconds="2", nodes="1,000", more="60"
    )
    assert error.key == f"search_limit_{reason}" and str(error) == expected


# --- the audit's readers (syncmatrix/audit/mapping.py, exports.py) -----------------------------------
def test_every_problem_of_a_map_file_is_a_key_and_values_said_in_both_languages():
    from syncmatrix.audit.mapping import Said, load_map

    with pytest.raises(kb.KbError) as caught:
        load_map(ROOT / "tests" / "audit-maps" / "problems.yaml", kb.load().as_of(None))
    problems = caught.value.problems
    assert len(problems) >= 5
    for problem in problems:
        said = problem.message
        assert isinstance(said, Said) and words.has(said.key), problem
        assert str(said) == said.say("en") != said.say("vi")


def test_a_row_of_the_wrong_length_is_said_from_the_catalogue(tmp_path):
    from syncmatrix.audit.exports import read_export

    export = tmp_path / "short.csv"
    export.write_text("Full Name,Primary Email,Incoming Email\nAda,ada@contoso.com\n", encoding="utf-8")
    (row,) = read_export(export).mailboxes
    (problem,) = row.problems
    expected = words.t("audit_pb_row_short", n=2, width=3, first="Incoming Email")
    assert (problem.column, problem.reason) == ("Incoming Email", expected)
    assert problem.reason.say("vi") == words.t("audit_pb_row_short", "vi", n=2, width=3, first="Incoming Email")
