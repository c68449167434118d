"""Hostile knowledge bases and bad input everywhere: a clear message and exit 2, never a traceback,
never code run, never a file half-written."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kbtools import copy_kb, edit

from syncmatrix import kb
from syncmatrix.cli import main
from syncmatrix.kb.located import MAX_FILE_BYTES, load_text
from syncmatrix.present.words import t

# The knowledge bases broken here are copies of tests/kbs/loader-page, a reduced page of our own.
PAGE = "loader-page"
RULES = "rules/page.yaml"


def hostile_kb(tmp_path: Path, name: str, content: str | bytes) -> Path:
    root = copy_kb(PAGE, tmp_path)
    path = root / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return root


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def alias_bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


HOSTILE = {
    "syntax error": ("document: page\nrules: [\n", "YAML syntax error"),
    "wrong type": ("document: [page]\nrules: []\n", "'document' of the rule file must be a non-empty text"),
    "unknown key": (
        "documnet: page\nrules: []\n",
        "unknown key 'documnet' in a rule file; expected document, "
        "applies_when, advisories, remedies, rules (did you mean 'document'?)",
    ),
    "empty file": ("", t("yaml_pb_empty")),
    "binary file": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", t("yaml_pb_binary")),
    "not UTF-8": (b"document: page\nrules: []\n# caf\xe9\n", t("yaml_pb_not_utf8")),
    "very large file": (
        "# " + "x" * (MAX_FILE_BYTES + 10) + "\n",
        t("yaml_pb_file_too_big", size="1,000,013", limit="1,000,000"),
    ),
    "deep nesting": ("document: page\nrules: " + "[" * 3000 + "]" * 3000 + "\n", t("yaml_pb_too_deep", limit=40)),
    "deep block nesting": (
        "document: page\n" + "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v\n",
        t("yaml_pb_too_deep", limit=40),
    ),
    "alias bomb": (alias_bomb(), t("yaml_pb_too_many_nodes", limit="200,000")),
    "python tag": (
        "document: !!python/object/apply:os.system ['touch {marker}']\nrules: []\n",
        t("yaml_pb_collection_tag", tag="tag:yaml.org,2002:python/object/apply:os.system"),
    ),
    "python name tag": ("document: !!python/name:os.system\nrules: []\n", "is not allowed"),
    "several documents": ("document: page\nrules: []\n---\ndocument: x\n", t("yaml_pb_several_documents")),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_rule_file_exits_2_with_file_and_line(capsys, tmp_path, case):
    content, needle = HOSTILE[case]
    marker = tmp_path / "ran"
    if isinstance(content, str):
        content = content.replace("{marker}", str(marker))
    root = hostile_kb(tmp_path, RULES, content)
    code, out, err = run(capsys, "check", "email_system=gmail", "--kb", str(root))
    assert code == 2 and out == ""
    assert "Traceback" not in err
    assert needle in err
    assert f"{root.as_posix()}/{RULES}:" in err  # the file, and the line where one applies
    assert not marker.exists()  # nothing executed


def test_text_that_looks_like_code_stays_text(capsys, tmp_path):
    marker = tmp_path / "ran"
    code_like = f"__import__('os').system('touch {marker}')"
    root = copy_kb(PAGE, tmp_path)
    edit(root, RULES, '"Mass email campaigns are not sent this way."', f'"{code_like}"')
    edit(root, RULES, "      mass_email_campaigns: true\n", '      mass_email_campaigns: "True or 1 == 1"\n')
    code, _, err = run(capsys, "check", "--kb", str(root))
    assert code == 2
    assert (
        "'mass_email_campaigns' in rule 'mass-email-campaigns' is a bool: expected true or false, got "
        "'True or 1 == 1'" in err
    )
    # Once the value is right, the code-like message is just a message.
    edit(root, RULES, '"True or 1 == 1"', "true")
    code, out, _ = run(capsys, "check", "mass_email_campaigns=true", "--kb", str(root), "--json")
    assert code == 1 and json.loads(out)["violations"][0]["message"] == code_like
    assert not marker.exists()


@pytest.mark.parametrize(
    "argv,needle",
    [
        (["enumerate", "email_system=gmial"], "(did you mean 'gmail'?)"),
        (["count", "=gmail"], "is not a VARIABLE=VALUE pair"),
        (["count", "email_system="], "unknown value '' for email_system"),
        (["fix", "email_system=gmail", "--cost", "email_system"], "expected VARIABLE=N"),
        (["fix", "email_system=gmail", "--cost", "email_system=-3"], "expected VARIABLE=N"),
        (["fix", "email_system=gmail", "--cost", "email_system=1001"], "a whole number from 1 to 1000"),
        (["fix", "email_system=gmail", "--cost", "fips=2"], "--cost fips: fips is not given"),
        (["fix", "email_system=gmail", "--lock"], "expected one argument"),
        (["table", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["table", "--lang", "de"], "invalid choice: 'de'"),
        (["table", "--output", "a.md", "--check", "a.md"], "not allowed with argument"),
        (["rules", "email_system=gmail"], "unrecognized arguments: email_system=gmail"),
        # An option of another command: said so, with the commands that take it (issue 21).
        (["lint", "--strict"], t("option_not_of_command", "en", command="lint", option="--strict", commands="fix")),
        (["check", "--kb"], "expected one argument"),
        ([], "the following arguments are required: COMMAND"),
        (["check", "--json", "--format", "text", "email_system=msn", "--frobnicate"], "unrecognized arguments"),
    ],
)
def test_bad_arguments_exit_2(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and needle in err and "Traceback" not in err


def test_kb_that_is_a_file_not_a_folder(capsys, tmp_path):
    path = tmp_path / "kb.yaml"
    path.write_text("x: 1\n", encoding="utf-8")
    code, _, err = run(capsys, "rules", "--kb", str(path))
    assert code == 2 and "not a folder; expected a knowledge base folder" in err


def test_output_is_never_half_written(capsys, tmp_path, monkeypatch):
    target = tmp_path / "t.md"
    target.write_text("published\n", encoding="utf-8")
    real_fdopen = os.fdopen

    class Exploding:
        def __init__(self, stream):
            self.stream = stream

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()
            return False

        def close(self):  # files.writing_atomically closes what it opened, with or without `with`
            self.stream.close()

        def flush(self):
            self.stream.flush()

        def fileno(self):
            return self.stream.fileno()

        def write(self, text):
            self.stream.write(text[: len(text) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: Exploding(real_fdopen(*a, **k)))
    code, _, err = run(capsys, "table", "--output", str(target))
    assert code == 2 and "No space left on device" in err
    assert target.read_text(encoding="utf-8") == "published\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.md"]


# --- fuzzing ---------------------------------------------------------------------------------------

FUZZ = settings(
    max_examples=150,
    deadline=timedelta(seconds=20),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@FUZZ
@given(st.text(max_size=400))
def test_random_text_to_the_yaml_loader(text):
    value, problems = load_text(text, "fuzz.yaml")
    assert all(p.file == "fuzz.yaml" and p.line >= 0 and p.message for p in problems)
    assert value is None or not problems or isinstance(value, dict | list)


YAML_PIECES = [
    "document: page\n",
    "rules:\n",
    "  - id: r\n",
    "    severity: error\n",
    "    kind: table\n",
    "    source: page/unsupported-2\n",
    "    when:\n",
    "      mass_email_campaigns: true\n",
    "      email_system: [gmail, msn]\n",
    "    message: {en: a, vi: b}\n",
    "    remedy: email-router\n",
    "applies_when: {deployment: onprem}\n",
    "  - 1\n",
    "- x\n",
    "    when: 3\n",
    "&a x: *a\n",
    "    message: {en: '', vi: b}\n",
    "      fips: maybe\n",
    "    severity: fatal\n",
    "\t\n",
    "  :\n",
]


@FUZZ
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=14))
def test_near_valid_rule_files_give_problems_not_exceptions(tmp_path_factory, pieces):
    root = copy_kb(PAGE, tmp_path_factory.mktemp("fuzzkb"))
    (root / RULES).write_text("".join(pieces), encoding="utf-8")
    try:
        kb.load(root)
    except kb.KbError as error:
        assert error.problems
        assert all(p.file.endswith(RULES) and p.line >= 0 and p.message for p in error.problems)


# Edits of the rule file's lines; a line number is taken modulo the file's length, so that the
# strategy reads no file when the module is imported.
MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["drop", "duplicate", "swap", "dedent", "truncate"]),
        st.integers(0, 199),
        st.integers(0, 199),
    ),
    min_size=1,
    max_size=4,
)


def _apply(lines, ops):
    lines = list(lines)
    for op, i, j in ops:
        i, j = i % len(lines), j % len(lines)
        if op == "drop":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "dedent":
            lines[i] = lines[i].lstrip()
        else:
            lines[i] = lines[i][: len(lines[i]) // 2] + "\n"
        if not lines:
            lines = ["\n"]
    return "".join(lines)


@FUZZ
@given(MUTATIONS)
def test_mutated_page_rules_load_or_report(tmp_path_factory, mutation):
    root = copy_kb(PAGE, tmp_path_factory.mktemp("mutkb"))
    lines = (root / RULES).read_text(encoding="utf-8").splitlines(keepends=True)
    (root / RULES).write_text(_apply(lines, mutation), encoding="utf-8")
    try:
        kb.load(root)
    except kb.KbError as error:
        assert error.problems
        assert all(p.file.endswith(RULES) and p.line >= 0 and p.message for p in error.problems)


WORDS = [
    "check",
    "fix",
    "enumerate",
    "count",
    "rules",
    "lint",
    "table",
    "--json",
    "--format",
    "json",
    "text",
    "csv",
    "markdown",
    "html",
    "--lang",
    "vi",
    "en",
    "--lock",
    "--cost",
    "--strict",
    "--sources",
    "--output",
    "--check",
    "out.md",
    "--kb",
    "missing",
    "email_system=gmail",
    "email_system=msn",
    "fips=true",
    "act_sync=1",
    "email_system",
    "=",
    "fips=maybe",
    "email_system=2",
    "mfa=yes",
    "incoming_protocol=pop3",
    "--help-not",
    "email_system=3",
    "act_sync=2",
    "-",
    "--",
    "x=y",
]
TOKENS = st.one_of(
    st.sampled_from(WORDS),
    st.text(alphabet=st.characters(blacklist_characters="/\\.\x00", blacklist_categories=("Cs",)), max_size=12),
)


@FUZZ
@given(st.lists(TOKENS, max_size=8))
def test_random_argument_lists_exit_0_1_or_2(capsys, tmp_path_factory, argv):
    # Relative names only, inside a fresh folder: --output may write there and nowhere else.
    folder = tmp_path_factory.mktemp("cli")
    previous = os.getcwd()
    os.chdir(folder)
    try:
        try:
            code = main(argv)
        except SystemExit as exit_:  # --help and --version style exits from argparse
            code = exit_.code if isinstance(exit_.code, int) else 0
    finally:
        os.chdir(previous)
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), (argv, code)
    assert "Traceback" not in err
    if code == 2:
        assert err.startswith("syncmatrix: ") or err.startswith("usage:"), err
