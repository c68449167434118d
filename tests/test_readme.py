"""The README is tested: its examples print what it shows, and CI runs its test command."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from syncmatrix.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```console\n\$ (.+?)\n(.*?)```", README, flags=re.S)


def test_the_readme_has_examples():
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("command,expected", EXAMPLES, ids=[c[:60] for c, _ in EXAMPLES])
def test_example_prints_what_the_readme_shows(capsys, monkeypatch, command, expected):
    monkeypatch.chdir(ROOT)  # the examples name files of the repository from its root
    argv = shlex.split(command)
    assert argv[0] == "syncmatrix"
    code = main(argv[1:])
    out, err = capsys.readouterr()
    assert code in (0, 1) and err == ""
    assert out == expected


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"```sh\n(.+?)\n```", README)
    install_and_test = commands[1]
    assert "pytest" in install_and_test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # The README creates the virtual environment in the same command; .ci/run does it on its own line.
    assert install_and_test.split(" && ", 1)[1] in ci


def test_every_example_names_its_day():
    # An answer depends on the day it is about (advisories): an example that did not name one would
    # print another answer the day an advisory's phase begins.
    judging = ("check", "fix", "enumerate", "count", "lint", "table", "timeline", "audit")
    for command, _ in EXAMPLES:
        argv = shlex.split(command)
        if argv[1] in judging:
            assert "--as-of" in argv or "--page-only" in argv, command
