"""The README and the docs are tested: their examples print what they show, their links lead somewhere,
and CI runs the README's test command."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from syncmatrix.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: Every page whose ```console examples run: the README, each page of docs/ and the benchmark's notes.
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "benchmarks" / "README.md"]
_CONSOLE = re.compile(r"```console\n\$ (.+?)\n(.*?)```", flags=re.S)


def console_examples(text: str) -> list[tuple[str, str]]:
    """Each ```console block of a page as (the command after `$ `, what it prints)."""
    return _CONSOLE.findall(text)


EXAMPLES = [
    (page.relative_to(ROOT).as_posix(), n, command, expected)
    for page in PAGES
    for n, (command, expected) in enumerate(console_examples(page.read_text(encoding="utf-8")), start=1)
]


def test_the_readme_is_a_front_door():
    # Issue 22: at most 10 KB, with one check and one fix example; the rest lives in docs/.
    assert len(README.encode("utf-8")) <= 10_000
    commands = [shlex.split(command)[1] for command, _ in console_examples(README)]
    assert commands == ["check", "fix"]


def test_the_docs_have_their_examples():
    # Before the README moved into docs/ it held 8 examples; none may be lost in the move.
    assert len(EXAMPLES) >= 8
    assert {page for page, *_ in EXAMPLES} >= {"README.md", "docs/command-line.md", "docs/dates.md", "docs/audit.md"}


@pytest.mark.parametrize(
    "page,n,command,expected", EXAMPLES, ids=[f"{page}:{n}:{command[11:50]}" for page, n, command, _ in EXAMPLES]
)
def test_example_prints_what_the_page_shows(capsys, monkeypatch, page, n, command, expected):
    monkeypatch.chdir(ROOT)  # the examples name files of the repository from its root
    argv = shlex.split(command)
    assert argv[0] == "syncmatrix", f"{page}, example {n}"
    code = main(argv[1:])
    out, err = capsys.readouterr()
    assert code in (0, 1) and err == ""
    assert out == expected


def test_console_examples_are_found_in_a_page():
    # The collector itself: a block is an example only when fenced as console and begun with `$ `.
    page = "```console\n$ syncmatrix vocabulary\nout\n```\n\n```sh\n$ not this\n```\n```console\nnor this\n```\n"
    assert console_examples(page) == [("syncmatrix vocabulary", "out\n")]


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
    for page, _, command, _ in EXAMPLES:
        argv = shlex.split(command)
        if argv[1] in judging:
            assert "--as-of" in argv or "--page-only" in argv, f"{page}: {command}"


def _table_commands(text: str, heading: str) -> list[str]:
    """The first word of each row of the table under a page's heading."""
    section = re.split(rf"^{heading}\n", text, flags=re.M)[1].split("\n#", 1)[0]
    return re.findall(r"^\| `([a-z]+)[ `]", section, flags=re.M)


def test_every_command_has_a_line_in_the_readme_and_in_the_command_line_page():
    command_line = (ROOT / "docs" / "command-line.md").read_text(encoding="utf-8")
    # One line each, none twice, in the order the pages chose (the order of the help is another).
    for table in (_table_commands(README, "## Commands"), _table_commands(command_line, "# Commands")):
        assert sorted(table) == sorted(COMMANDS)


_LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_every_relative_link_leads_to_a_file_and_its_heading(page):
    # A link relative to its page (not to the repository's root) opens on GitHub and in a clone; the
    # move of the README into docs/ changed where each text stands, so each one is checked.
    text = page.read_text(encoding="utf-8")
    for target in _LINK.findall(re.sub(r"```.*?```", "", text, flags=re.S)):
        if re.match(r"[a-z]+:", target):
            continue  # an address on the web
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.exists(), f"{page.relative_to(ROOT)}: {target} leads nowhere"
        if anchor:
            prose = re.sub(r"```.*?```", "", linked.read_text(encoding="utf-8"), flags=re.S)
            headings = re.findall(r"^#+ (.+)$", prose, flags=re.M)
            anchors = {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}
            assert anchor in anchors, f"{page.relative_to(ROOT)}: {target}: no such heading"
