"""The `syncmatrix` command line (CONTRACT.md §3).

Exit codes: 0 supported or done; 1 unsupported, no fix, or lint problems; 2 bad input, with a
one-paragraph message on stderr and never a traceback; 130 interrupted (Ctrl+C), 143 and 129 stopped by
SIGTERM and SIGHUP (128 + the signal's number), cleaned up as after Ctrl+C. `main` is the one
edge where every error becomes that message, in the language of `--lang`, and where the output is
made safe for a terminal (syncmatrix/terminal.py). Heavy modules (the table generator, the
dashboard) are imported only by the commands that need them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import signal
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, NoReturn, cast

from syncmatrix import kb
from syncmatrix.kb.errors import InputError, KbError, SyncmatrixError, closest, one_of
from syncmatrix.present.text import shorten
from syncmatrix.present.words import has, input_error, message, reason, t
from syncmatrix.terminal import MESSAGE_LIMIT, OutputFailed, SafeStream

EXIT_OK, EXIT_UNSUPPORTED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
#: An audit with no unsupported mailbox that is not all clear either: some row could not be read,
#: or no mailbox could be judged (issue 21: "all clear" on an export of unread labels).
EXIT_INCOMPLETE = 3

# argparse's complaints, by their English words (Python 3.11 to 3.13), as keys of syncmatrix/present/words.py.
_ARGPARSE = tuple(
    (key, re.compile(pattern, re.DOTALL))
    for key, pattern in (
        (
            "arg_invalid_choice",
            r"argument (?P<option>.+?): invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)",
        ),
        ("arg_invalid_int", r"argument (?P<option>.+?): invalid int value: (?P<value>.*)"),
        ("arg_invalid_float", r"argument (?P<option>.+?): invalid float value: (?P<value>.*)"),
        ("arg_expected_one", r"argument (?P<option>.+?): expected one argument"),
        ("arg_not_allowed", r"argument (?P<option>.+?): not allowed with argument (?P<other>.+)"),
        ("arg_unrecognized", r"unrecognized arguments: (?P<words>.*)"),
        ("arg_required", r"the following arguments are required: (?P<names>.*)"),
        ("arg_ambiguous", r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)"),
    )
)


def _unquote(text: str) -> str:
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" else text


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad option as one paragraph and exit 2, in the words of syncmatrix/present/words.py."""

    options: tuple[str, ...] = ()  # every long option of every command, for "did you mean"
    # Set by build_parser for each parser (class defaults for the others): the words each option
    # takes, and the commands that have it; the command of the words, once command_first found it.
    arity: dict[str, int] = {}  # noqa: RUF012  (replaced per parser, never mutated)
    commands_of: dict[str, tuple[str, ...]] = {}  # noqa: RUF012  (as arity)
    command = ""

    def error(self, message: str) -> NoReturn:
        for key, pattern in _ARGPARSE:
            found = pattern.fullmatch(message)
            if found:
                key, values = self._explain(key, found.groupdict())
                raise input_error(key, **values, prog=self.prog)
        raise InputError(f"{message} (see '{self.prog} --help')")

    def _explain(self, key: str, values: dict[str, str]) -> tuple[str, dict[str, str]]:
        if key == "arg_invalid_choice":
            choices = [_unquote(c) for c in values["choices"].split(", ")]
            value = _unquote(values["value"])
            if values["option"] == "COMMAND":
                return "unknown_command", {
                    "word": value,
                    "choices": one_of(COMMANDS),
                    "suggestion": closest(value, COMMANDS),
                }
            return key, {**values, "value": value, "choices": one_of(choices), "suggestion": closest(value, choices)}
        if key in ("arg_invalid_int", "arg_invalid_float"):
            return key, {**values, "value": _unquote(values["value"])}
        if key == "arg_unrecognized":
            options = [w.partition("=")[0] for w in values["words"].split() if w.startswith("--")]
            elsewhere = next((o for o in options if o in self.commands_of and self.command), "")
            if elsewhere:  # an option of other commands, given before or after this one
                return "option_not_of_command", {
                    "option": elsewhere,
                    "command": self.command,
                    "commands": one_of(self.commands_of[elsewhere]),
                }
            suggestion = next((c for c in (closest(o, self.options) for o in options) if c), "")
            return key, {**values, "suggestion": suggestion}
        return key, values


def _output(args: argparse.Namespace, document: dict[str, Any], text: Callable[[], str]) -> None:
    if args.format == "json":
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    else:
        sys.stdout.write(text())


def _model(args: argparse.Namespace) -> Any:
    from syncmatrix.solver import SupportModel

    return SupportModel(_knowledge(args), limit=_time_limit(args))


def _knowledge(args: argparse.Namespace) -> kb.KnowledgeBase:
    """The knowledge base of the question: the rules in force on the day of `--as-of` (default:
    today), or the page alone with `--page-only` (CONTRACT.md §4). The day is read before the
    knowledge base, so that a bad date is said first."""
    return kb.load(args.kb).as_of(question_day(args))


def question_day(args: argparse.Namespace) -> Any:
    """The day `--as-of` names (default: today's date), None with `--page-only`."""
    import datetime

    if args.page_only:
        return None
    if args.as_of is None:
        return datetime.date.today()
    return kb.parse_day(args.as_of, "--as-of")


def _answer(
    args: argparse.Namespace, knowledge: kb.KnowledgeBase, document: dict[str, Any], text: Callable[[], str]
) -> None:
    """A dated answer: the document with the day it is about (as_of, page_only), the text opened by
    the line that says it."""
    from syncmatrix.present.report import question_json, question_text

    _output(args, {**document, **question_json(knowledge)}, lambda: question_text(knowledge, args.lang) + text())


def _time_limit(args: argparse.Namespace) -> Any:
    """The budget of each question of the command: `--time-limit` seconds (solver/limit.py)."""
    import math

    from syncmatrix.solver import DEFAULT_LIMIT, Limit

    seconds = getattr(args, "time_limit", None)
    if seconds is None:
        return DEFAULT_LIMIT
    if not (math.isfinite(seconds) and seconds > 0):
        raise input_error("time_limit_range", text=f"{seconds:g}")
    return Limit(seconds)


def _config(model: Any, words: Sequence[str]) -> dict[str, Any]:
    return kb.parse_assignments(model.kb, words)


def cmd_check(args: argparse.Namespace) -> int:
    from syncmatrix.present import report

    model = _model(args)
    result = model.check(_config(model, args.assignments))
    document = report.check_json(model.kb, result, args.lang)
    _answer(args, model.kb, document, lambda: report.check_text(model, result, args.lang))
    return EXIT_UNSUPPORTED if result.verdict.value == "unsupported" else EXIT_OK


_WHOLE_NUMBER = re.compile(r"[0-9]+")  # ASCII digits only: str.isdigit takes '²', which int() refuses


def _costs(knowledge: kb.KnowledgeBase, words: Sequence[str]) -> dict[str, int]:
    """`--cost VARIABLE=N` words as costs; a variable priced twice differently is an error, not last-wins.
    A variable may be named by an alias (data/variables.yaml), as in VARIABLE=VALUE."""
    from syncmatrix.solver.fix import MAX_COST

    costs: dict[str, int] = {}
    for word in words:
        name, sep, number = (part.strip() for part in word.partition("="))
        if not sep or not name or not _WHOLE_NUMBER.fullmatch(number):
            raise input_error("cost_malformed", word=word)
        name = knowledge.variable_named(name) or name
        if len(number.lstrip("0")) > len(str(MAX_COST)):  # before int(): past 4,300 digits it raises
            raise input_error("cost_range", variable=name, limit=MAX_COST, text=number)
        cost = int(number)
        if costs.get(name, cost) != cost:
            raise input_error("cost_twice", variable=name, first=costs[name], second=cost)
        costs[name] = cost
    return costs


def cmd_fix(args: argparse.Namespace) -> int:
    from syncmatrix.present import report
    from syncmatrix.solver.fix import fix_completion, nearest_fixes

    model = _model(args)
    config = _config(model, args.assignments)
    locks = [model.kb.variable_named(name) or name for name in args.lock]  # an alias names its variable
    result = nearest_fixes(model, config, locks=locks, costs=_costs(model.kb, args.cost), strict=args.strict)
    # --complete: each fix with the open values filled in (solver.fix.fill_open); none asked, none shown.
    filled = [fix_completion(model, config, fix) for fix in result.fixes] if args.complete else None
    _answer(
        args,
        model.kb,
        report.fix_json(model.kb, result, args.lang, filled),
        lambda: report.fix_text(model, result, args.lang, filled),
    )
    return EXIT_OK if result.fixes else EXIT_UNSUPPORTED


ROWS_SHOWN = 50  # rows `enumerate` prints for people unless --limit says otherwise
ROWS_MOST = 1_000_000_000  # the largest --limit: more rows than anyone reads, and 0 says "all"


def cmd_enumerate(args: argparse.Namespace) -> int:
    """Rows are written as they are found, at most --limit of them (0: all; for people 50 unless
    given, in JSON and CSV all): memory stays flat whatever their number. The counts come first,
    exact, from the model counter, so JSON says `count` and `truncated` and text how many more."""
    import itertools

    from syncmatrix.present import report

    shown = args.limit if args.limit is not None else (ROWS_SHOWN if args.format == "text" else 0)
    if not 0 <= shown <= ROWS_MOST:
        raise input_error("row_limit_range", text=shorten(str(shown)), most=ROWS_MOST)
    model = _model(args)
    filters = _config(model, args.assignments)
    counts = model.count(filters) if args.format != "csv" else None
    rows = _while_read(model.supported_configurations(filters))
    if shown:
        rows = itertools.islice(rows, shown)
    if counts is None:
        report.write_enumerate_csv(sys.stdout, model, rows)
    elif args.format == "json":
        question = report.question_json(model.kb)
        report.write_enumerate_json(
            sys.stdout, rows, counts.total, truncated=0 < shown < counts.total, question=question
        )
    else:
        sys.stdout.write(report.question_text(model.kb, args.lang))
        report.write_enumerate_text(sys.stdout, model, rows, counts, shown or None, args.lang, filters)
    return EXIT_OK


def _while_read(rows: Iterator[Any]) -> Iterator[Any]:
    """`rows` until nobody reads standard output any more: a listing of millions stops with its
    reader (`| head`), instead of searching on for a stream that writes nothing (SafeStream.gone)."""
    for row in rows:
        yield row
        if getattr(sys.stdout, "gone", False):
            return


def cmd_count(args: argparse.Namespace) -> int:
    from syncmatrix.present import report

    model = _model(args)
    counts = model.count(_config(model, args.assignments))

    def text() -> str:
        bottom = report.bottom_line_text(model.kb, report.bottom_line(model), args.lang)
        return report.count_text(counts, args.lang, bottom)

    _answer(args, model.kb, report.count_json(counts), text)
    return EXIT_OK


def cmd_timeline(args: argparse.Namespace) -> int:
    """The verdict of a configuration on every day where it changes (solver/timeline.py); the
    period of the day in question (--as-of, default today) is marked and gives the exit code."""
    from syncmatrix.present import report
    from syncmatrix.solver.timeline import timeline

    day = question_day(args)
    knowledge = kb.load(args.kb)
    line = timeline(knowledge, kb.parse_assignments(knowledge, args.assignments), limit=_time_limit(args))
    document = report.timeline_json(line, knowledge, day, args.lang)
    _output(args, document, lambda: report.timeline_text(line, knowledge, day, args.lang))
    return EXIT_UNSUPPORTED if document["verdict"] == "unsupported" else EXIT_OK


class _Progress:
    """A line on stderr while a long audit reads and judges: only on a terminal, only once the work
    has taken a second, rewritten in place at most ten times a second, and wiped when done."""

    def __init__(self, lang: str) -> None:
        import time

        self._clock = time.monotonic
        self._start = self._clock()
        self._shown = 0.0
        self._lang = lang
        stream = getattr(sys.stderr, "stream", sys.stderr)  # SafeStream wraps the real one
        self._on = bool(getattr(stream, "isatty", lambda: False)())

    def __call__(self, step: str, done: int, total: int | None) -> None:
        now = self._clock()
        if not self._on or now - self._start < 1.0 or now - self._shown < 0.1:
            return
        self._shown = now
        what = t(f"progress_{step}", self._lang)
        figure = f"{done:,}" if total is None else f"{done:,} / {total:,} ({100 * done // max(total, 1)} %)"
        sys.stderr.write(f"\rsyncmatrix: {what} {figure}\x1b[K")
        sys.stderr.flush()

    def done(self) -> None:
        if self._on and self._shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def cmd_audit(args: argparse.Namespace) -> int:
    """Every mailbox of an export judged on the day of the question, with its nearest fix in
    Dynamics' terms (CONTRACT.md §5); exit 1 when a judged mailbox is unsupported, else 3 when a row
    could not be read or no mailbox could be judged, 0 only when every row was read and none is unsupported."""
    from syncmatrix.audit.exports import read_export
    from syncmatrix.audit.mapping import Said, load_map, parse_settings
    from syncmatrix.audit.report import chunks
    from syncmatrix.audit.stream import Spool, audit
    from syncmatrix.files import check_output, writing_atomically
    from syncmatrix.present.safe import EXCEL_BOM

    if args.output is not None:
        check_output(args.output, "report")
    fmt = args.format or _audit_format(args.output)
    knowledge = _knowledge(args)  # the day first: a bad one is said before any file is read
    settings = parse_settings(knowledge, args.org)
    email_map = load_map(args.map, knowledge) if args.map is not None else None  # '' is said, not ignored
    progress = _Progress(args.lang)
    # The rows go to a temporary file as they are read, one row of each kind stays in memory, and
    # the report is written in chunks (audit/stream.py): 1,000,000 mailboxes in a few hundred MB.
    with Spool() as spool:
        try:
            export = read_export(
                args.mailboxes,
                args.profiles,
                progress=lambda done, total: progress("reading", done, total),
                into=spool,
            )
            result = audit(
                knowledge,
                export,
                settings=settings,
                email_map=email_map,
                limit=_time_limit(args),
                progress=lambda done, total: progress("judging", done, total),
            )
        finally:
            progress.done()
        for said in export.ignored:  # a file given and not needed: said, and the audit goes on
            text = said.say(args.lang) if isinstance(said, Said) else said
            sys.stderr.write(f"syncmatrix: {t('warning', args.lang)}: {text}\n")
        # Bytes, already as standard output shows them (a CSV's lines end in CR LF, which a second
        # escape would show), in chunks: a file and standard output get the same bytes.
        if args.output is not None:
            with writing_atomically(args.output, "report") as out:
                if fmt == "csv":  # a file, which Excel opens: see safe.EXCEL_BOM
                    out.write(EXCEL_BOM.encode())
                for chunk in chunks(result, fmt, args.lang):
                    out.write(chunk)
        else:
            for chunk in chunks(result, fmt, args.lang):
                cast(SafeStream, sys.stdout).write_safe(chunk)  # cast: main() made stdout a SafeStream
    counts = result.summary()
    if counts["unsupported"]:
        return EXIT_UNSUPPORTED
    return EXIT_INCOMPLETE if counts["unreadable"] or not counts["judged"] else EXIT_OK


def _audit_format(path: str | None) -> str:
    """The format of the report: text on standard output, else the one the file's suffix names;
    InputError for a suffix the audit writes no report as (r.xlsx, r.pdf, none), which --format
    overrides: a file never gets text it did not ask for."""
    from syncmatrix.files import format_for

    if path is None:
        return "text"
    fmt = "text" if path.lower().endswith(".txt") else format_for(path)
    if fmt is None:
        raise input_error("audit_output_suffix", path=path)
    return fmt


def cmd_vocabulary(args: argparse.Namespace) -> int:
    """The variables of a configuration and their values, with their labels: what VARIABLE=VALUE may say."""
    knowledge = kb.load(args.kb)
    document = {
        "variables": [
            {
                "name": v.name,
                "type": v.type.value,
                "label": v.label.get(args.lang),
                "description": v.description.get(args.lang),
                "values": [{"value": c.value, "label": c.label.get(args.lang)} for c in v.choices],
                "groups": {g.name: list(g.values) for g in v.groups},
            }
            for v in knowledge.variables
        ]
    }

    def text() -> str:
        lines = []
        for v in knowledge.variables:
            lines.append(f"{v.name}  ({v.label.get(args.lang)}): {v.description.get(args.lang)}")
            lines += [f"    {kb.format_value(c.value)}  {c.label.get(args.lang)}" for c in v.choices]
        return "\n".join(lines) + "\n"

    _output(args, document, text)
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from syncmatrix.present import report

    knowledge = kb.load(args.kb)
    _output(args, report.rules_json(knowledge, args.lang), lambda: report.rules_text(knowledge, args.lang))
    return EXIT_OK


def cmd_lint(args: argparse.Namespace) -> int:
    from syncmatrix.present import report
    from syncmatrix.solver.lint import Level, lint

    model = _model(args)
    findings = lint(model)
    _answer(args, model.kb, report.lint_json(findings), lambda: report.lint_text(findings, args.lang, model.kb))
    return EXIT_UNSUPPORTED if any(f.level is Level.ERROR for f in findings) else EXIT_OK


def cmd_table(args: argparse.Namespace) -> int:
    import shlex

    from syncmatrix.files import check_output, format_for, read_published, staleness, write_atomically
    from syncmatrix.present.safe import EXCEL_BOM
    from syncmatrix.present.table import build_table, render

    # The files first, so that a wrong name is said before the table is computed.
    if args.output is not None:
        check_output(args.output)
    published = read_published(args.check) if args.check is not None else None
    target = args.output or args.check
    fmt = args.format or (format_for(target) if target else None) or "markdown"
    model = _model(args)
    text = render(build_table(model), fmt, args.lang, sources=args.sources)
    # A CSV file starts with the mark Excel needs (safe.EXCEL_BOM), and a published one is checked with it.
    in_file = EXCEL_BOM + text if fmt == "csv" else text
    if args.output is not None:
        write_atomically(args.output, in_file)
        return EXIT_OK
    if args.check is not None and published is not None:
        diff = staleness(args.check, in_file, published)
        if diff is None:
            return EXIT_OK
        sys.stdout.write(diff)
        command = ["syncmatrix", "table", "--format", fmt, "--lang", args.lang]
        command += (["--sources"] if args.sources else []) + (["--kb", args.kb] if args.kb else [])
        command += ["--page-only"] if args.page_only else (["--as-of", args.as_of] if args.as_of else [])
        again = shlex.join([*command, "--output", args.check])
        sys.stderr.write(f"syncmatrix: {t('stale', args.lang, path=args.check, command=again)}\n")
        return EXIT_UNSUPPORTED
    sys.stdout.write(text)
    return EXIT_OK


def cmd_graph(args: argparse.Namespace) -> int:
    try:
        # networkx comes with the dashboard extra; only this command and the dashboard need it.
        import syncmatrix.present.graph as graphs
    except ModuleNotFoundError as exc:
        raise input_error("graph_needs", package=exc.name or "networkx") from None
    knowledge = kb.load(args.kb)
    if args.between or args.view == "variables":
        coupling = graphs.coupling_graph(knowledge)
        if args.between:
            chains = graphs.rules_between(coupling, *args.between)
            document = {"between": list(args.between), "chains": [[list(step) for step in c] for c in chains]}
            _output(args, document, lambda: graphs.chains_text(chains, args.between, args.lang))
        elif args.format == "dot":
            sys.stdout.write(graphs.coupling_dot(coupling, args.lang))
        else:
            _output(args, graphs.coupling_json(coupling), lambda: graphs.coupling_text(coupling, args.lang))
        return EXIT_OK
    graph = graphs.dependency_graph(knowledge)
    if args.format == "dot":
        sys.stdout.write(graphs.graph_dot(graph, args.lang))
    else:
        _output(args, graphs.graph_json(graph), lambda: graphs.graph_text(graph, args.lang))
    return EXIT_OK


def cmd_dashboard(args: argparse.Namespace) -> int:
    """Check everything the server would trip on, then serve (syncmatrix/launch.py says how)."""
    import importlib.util
    import os
    from pathlib import Path

    from syncmatrix import launch
    from syncmatrix.present.links import dashboard_problems

    missing = [name for name in ("streamlit", "networkx") if importlib.util.find_spec(name) is None]
    if missing:
        raise input_error(
            "dashboard_needs_one" if len(missing) == 1 else "dashboard_needs", packages=" and ".join(missing)
        )
    if not 1 <= args.port <= 65535:
        raise input_error("port_range", port=args.port)
    day = question_day(args)  # the day new pages open on: a bad one is said before the server starts
    launch.check_address(args.address)
    # A broken knowledge base, or one whose names the page cannot carry, is said here, not on the page.
    problems = dashboard_problems(kb.load(args.kb), args.lang)
    if problems:
        raise KbError(problems)
    launch.probe_port(args.address, args.port)
    if launch.beyond_loopback(args.address, args.port):
        sys.stderr.write(f"syncmatrix: {t('exposed', args.lang, address=args.address)}\n")
    # The dashboard's script, found without importing the other face.
    spec = importlib.util.find_spec("syncmatrix.dashboard")
    assert spec is not None and spec.origin is not None  # shipped with the package
    app = Path(spec.origin).resolve().parent / "app.py"
    env = launch.child_environment(dict(os.environ, SYNCMATRIX_LANG=args.lang))
    env.pop("SYNCMATRIX_AS_OF", None)
    env.pop("SYNCMATRIX_PAGE_ONLY", None)
    if args.page_only:
        env["SYNCMATRIX_PAGE_ONLY"] = "1"
    elif args.as_of is not None:
        env["SYNCMATRIX_AS_OF"] = day.isoformat()
    if args.kb:
        env["SYNCMATRIX_KB"] = str(Path(args.kb).resolve())
    host = f"[{args.address}]" if ":" in args.address else args.address
    url = f"http://{host}:{args.port}/"
    sys.stderr.write(f"syncmatrix: {t('dashboard_at', args.lang, url=url)}\n")
    sys.stderr.flush()
    # In the app's own folder: a .streamlit/config.toml of the current one is never read (launch.py).
    return launch.serve(launch.streamlit_command(str(app), args.address, args.port), env, cwd=str(app.parent))


def cmd_export(args: argparse.Namespace) -> int:
    """The hard rules of the day's knowledge base as a feature model for other tools (syncmatrix/present/uvl.py)."""
    from syncmatrix.files import check_output, write_atomically
    from syncmatrix.present.uvl import uvl_text

    if args.format == "json":  # a feature model has no JSON form here; said, not ignored
        raise input_error("export_no_json")
    if args.output is not None:  # the file first, so that a wrong name is said before the model is built
        check_output(args.output, "model")
    text = uvl_text(_model(args), args.lang)
    if args.output is not None:
        write_atomically(args.output, text, "model")
    else:
        sys.stdout.write(text)
    return EXIT_OK


# The other names of the formats --format takes: the suffixes people know them by, as files.SUFFIXES
# and _audit_format read them from --output (here, not there: files imports difflib, a cost of every start).
FORMAT_NAMES = {"md": "markdown", "htm": "html", "txt": "text"}

# After a command's options in its --help: an example, and where the vocabulary is listed.
_VOCABULARY = "Variables and values: syncmatrix vocabulary."
EPILOGS = {
    "check": "Example: syncmatrix check email_system=gmail act_sync=true --as-of 2026-11-29. " + _VOCABULARY,
    "fix": "Example: syncmatrix fix email_system=gmail act_sync=true --lock act_sync. With the open values "
    "filled in: syncmatrix fix --complete email_system=gmail act_sync=true. " + _VOCABULARY,
    "enumerate": "Example: syncmatrix enumerate email_system=gmail --limit 10. " + _VOCABULARY,
    "count": "Example: syncmatrix count email_system=gmail. " + _VOCABULARY,
    "timeline": "Example: syncmatrix timeline email_system=exchange_2019. " + _VOCABULARY,
    "audit": "Example: syncmatrix audit mailboxes.csv --profiles profiles.csv --org fips=false.",
    "export": "Example: syncmatrix export --as-of 2026-11-29 --output syncmatrix.uvl; then, in Python with "
    "flamapy: FLAMAFeatureModel('syncmatrix.uvl').configurations_number() gives what syncmatrix count "
    "--as-of 2026-11-29 calls not unsupported.",
}

# The commands that judge configurations: each answers about a day (--as-of, --page-only).
JUDGING = ("check", "fix", "enumerate", "count", "lint", "table", "audit")

COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str, tuple[str, ...]]] = {
    # name: (handler, help, output formats)
    "check": (
        cmd_check,
        "verdict of a configuration, with the rules it breaks and what is still possible",
        ("text", "json"),
    ),
    "fix": (cmd_fix, "every minimum-cost set of changes that makes a configuration supported", ("text", "json")),
    "enumerate": (cmd_enumerate, "every complete configuration that is not unsupported", ("text", "json", "csv")),
    "count": (cmd_count, "how many complete configurations are supported", ("text", "json")),
    "audit": (
        cmd_audit,
        "every mailbox of an organization's export judged, explained and fixed in Dynamics' own terms",
        ("text", "json", "csv", "markdown", "html"),
    ),
    "timeline": (
        cmd_timeline,
        "the verdict of a configuration on every day where advisories change it, with the reason",
        ("text", "json"),
    ),
    "vocabulary": (cmd_vocabulary, "the variables of a configuration and the values each may take", ("text", "json")),
    "rules": (cmd_rules, "the rules of the knowledge base with their sources", ("text", "json")),
    "lint": (cmd_lint, "problems of the knowledge base as a whole", ("text", "json")),
    "table": (
        cmd_table,
        "the support table for documentation, generated from the knowledge base",
        ("markdown", "html", "csv", "json"),
    ),
    "graph": (cmd_graph, "the rules and the variables each one reads, as a graph", ("text", "dot", "json")),
    "dashboard": (cmd_dashboard, "start the interactive dashboard in a local web server", ("text",)),
    "export": (
        cmd_export,
        "the hard rules as a feature model that other tools read (UVL: flamapy, FeatureIDE)",
        ("uvl",),
    ),
}


def build_parser() -> _Parser:
    parser = _Parser(
        prog="syncmatrix",
        description="Is this email set-up supported by Dynamics 365 server-side synchronization, and what is "
        "the smallest change that makes it supported? Configurations are VARIABLE=VALUE words. A command's "
        "options may come before its name too: syncmatrix --lang vi check email_system=gmail.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    for name, (handler, help_text, formats) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text, epilog=EPILOGS.get(name))
        sub.set_defaults(handler=handler)
        sub.add_argument(
            "--kb", metavar="DIR", default=None, help="knowledge base folder (default: the project's data/)"
        )
        sub.add_argument("--lang", choices=kb.LANGUAGES, default="en", help="language of messages (default: en)")
        if name != "dashboard":  # it prints no document
            default = None if name in ("table", "audit") else formats[0]  # the format may follow the file name
            # The suffixes people name a format by (md for markdown): read as it, before choices are checked.
            names = {other: fmt for other, fmt in FORMAT_NAMES.items() if fmt in formats}
            also = f"; also {', '.join(f'{o} for {f}' for o, f in names.items())}" if names else ""

            def named(word: str, names: dict[str, str] = names) -> str:
                return names.get(word.lower(), word)

            sub.add_argument(
                "--format",
                choices=formats,
                default=default,
                type=named,
                help=f"output format (default: {formats[0]}{also})",
            )
            # export has no JSON form: its --json is refused with a message (cmd_export), not offered in --help.
            json_help = "same as --format json" if "json" in formats else argparse.SUPPRESS
            sub.add_argument("--json", dest="format", action="store_const", const="json", help=json_help)
        if name in ("check", "fix", "enumerate", "count", "timeline"):
            what = "filters" if name in ("enumerate", "count") else "the configuration"
            sub.add_argument("assignments", nargs="*", metavar="VARIABLE=VALUE", help=what)
        if name == "timeline":
            sub.add_argument(
                "--as-of",
                metavar="YYYY-MM-DD",
                default=None,
                help="the day in question, marked in the timeline and giving the exit code (default: today's date)",
            )
            sub.set_defaults(page_only=False)
        if name in JUDGING or name == "timeline":
            sub.add_argument(
                "--time-limit",
                type=float,
                metavar="SECONDS",
                default=None,
                help="time each search may take before the command stops with exit 2 (default: 30; "
                "for enumerate, the search for each next row)",
            )
        if name in JUDGING or name in ("dashboard", "export"):
            day = sub.add_mutually_exclusive_group()
            day.add_argument(
                "--as-of",
                metavar="YYYY-MM-DD",
                default=None,
                help="the day the question is about: the page with the advisories in force that day "
                "(default: today's date)",
            )
            day.add_argument(
                "--page-only",
                action="store_true",
                help="the page and its readings alone, without any advisory, whatever the date",
            )
        if name == "enumerate":
            sub.add_argument(
                "--limit",
                type=int,
                metavar="N",
                default=None,
                help=f"print at most N configurations, 0 for all (default: {ROWS_SHOWN} in text, all in json and csv)",
            )
        if name == "fix":
            sub.add_argument(
                "--lock",
                action="append",
                default=[],
                metavar="VARIABLE",
                help="keep this variable as given (repeatable)",
            )
            sub.add_argument(
                "--cost",
                action="append",
                default=[],
                metavar="VARIABLE=N",
                help="cost of changing this variable, 1 to 1000 (default 1; repeatable)",
            )
            sub.add_argument("--strict", action="store_true", help="require supported, not only with warnings")
            sub.add_argument(
                "--complete",
                action="store_true",
                help="also fill in the variables left open, with the first values that keep each fix's verdict "
                "(supported before supported with warnings); a configuration that needs no fix is filled in as it is",
            )
        if name == "dashboard":
            sub.add_argument("--port", type=int, default=8501, help="port of the web server (default: 8501)")
            sub.add_argument(
                "--address",
                default="127.0.0.1",
                help="IP address or host name to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 shares "
                "it with the network, with a warning: the page has no login)",
            )
        if name == "graph":
            sub.add_argument(
                "--view",
                choices=("rules", "variables"),
                default="rules",
                help="rules: each rule and the variables it reads (default); variables: the variables that "
                "rules couple, weighted by how many rules do, and the groups no rule relates",
            )
            sub.add_argument(
                "--between",
                nargs=2,
                metavar=("VARIABLE", "VARIABLE"),
                help="the rules on every shortest chain of couplings between two variables",
            )
        if name == "audit":
            sub.add_argument(
                "mailboxes",
                metavar="MAILBOXES",
                help="the export of the mailboxes: Web API JSON, CSV or Excel (.xlsx), told apart by content and name",
            )
            sub.add_argument(
                "--profiles",
                metavar="FILE",
                default=None,
                help="the email server profiles, when the mailboxes' file does not hold them (same shape)",
            )
            sub.add_argument(
                "--org",
                action="append",
                default=[],
                metavar="VARIABLE=VALUE",
                help="a setting of the organization the export cannot show, e.g. fips=false (repeatable)",
            )
            sub.add_argument(
                "--map",
                metavar="FILE",
                default=None,
                help="a YAML file deciding what the export cannot: email systems by profile name, server host "
                "or address domain",
            )
            sub.add_argument(
                "--output",
                metavar="FILE",
                help="write the report to FILE atomically; its suffix chooses the format "
                "(.json, .csv, .md, .html, .txt; another suffix needs --format)",
            )
        if name == "table":
            target = sub.add_mutually_exclusive_group()
            target.add_argument(
                "--output",
                metavar="FILE",
                help="write the table to FILE, a regular file, atomically (through a symbolic link: its target)",
            )
            target.add_argument("--check", metavar="FILE", help="exit 1 with a diff when FILE is not current")
            sub.add_argument("--sources", action="store_true", help="add the rule ids behind each row and item")
        if name == "export":
            sub.add_argument(
                "--output",
                metavar="FILE",
                help="write the feature model to FILE, a regular file, atomically (default: standard output)",
            )
    # For "did you mean" on an unrecognized option (argparse keeps no public list of them), and for
    # the options given before the command (command_first): how many words each one takes after it.
    found = {
        option: action.nargs if isinstance(action.nargs, int) else 1
        for sub in commands.choices.values()
        for action in sub._actions
        for option in action.option_strings
    }
    parser.options = tuple(sorted(option for option in found if option.startswith("--")))
    parser.arity = {option: count for option, count in found.items() if option.startswith("--")}
    parser.commands_of = {
        option: tuple(name for name, sub in commands.choices.items() if option in sub._option_string_actions)
        for option in parser.options
    }
    return parser


def command_first(parser: _Parser, words: Sequence[str]) -> list[str]:
    """`words` with the options given before the command moved after it (`--lang vi check …` as
    `check --lang vi …`), so that each is read, and refused, by the command as if it followed it.

    argparse reads a subcommand's options only after its name; declaring them on the main parser
    too was the alternative, rejected: the command's default would then overwrite the value given
    before it. An option is recognised as argparse does (whole, `--opt=value`, or an unambiguous
    prefix), with the words it takes; one no command has takes none. `--help` among them asks for
    the main parser's help; options and no command leave the command missing, as said without them.
    """
    i = 0
    while i < len(words) and words[i].startswith("--") and words[i] != "--":
        name, equals, _ = words[i].partition("=")
        if "--help".startswith(name) and len(name) > 2:
            return list(words[i:])
        matches = [option for option in parser.options if option.startswith(name)]
        option = name if name in parser.arity else (matches[0] if len(matches) == 1 else "")
        i += 1 if equals else 1 + parser.arity.get(option, 0)
    if i >= len(words):
        return [] if i else list(words)
    parser.command = words[i] if words[i] in COMMANDS else ""
    return [words[i], *words[:i], *words[i + 1 :]]


def language_of(words: Sequence[str]) -> str:
    """The language `--lang` asks for in `words` (as argparse reads it: last wins, `--lang=vi`, an
    unambiguous prefix such as `--lan`), read before parsing so that a parsing error is said in it."""
    lang = kb.LANGUAGES[0]
    for i, word in enumerate(words):
        if word == "--":
            break
        name, equals, value = word.partition("=")
        if len(name) >= len("--la") and "--lang".startswith(name):
            value = value if equals else (words[i + 1] if i + 1 < len(words) else "")
            lang = value if value in kb.LANGUAGES else lang
    return lang


def _say(lines: Sequence[str]) -> None:
    sys.stderr.write("".join(f"syncmatrix: {line}\n" if i == 0 else f"  {line}\n" for i, line in enumerate(lines)))


def _explained(error: BaseException, lang: str, command: str | None = None) -> list[str]:
    """The one paragraph (and, for a knowledge base, its problems) that says what went wrong; the
    advice of some fits the command (`command`, None before it is known)."""
    if isinstance(error, KbError):
        count = len(error.problems)
        heading = getattr(error, "heading", "kb_invalid")  # a map file's problems have their own words
        header = t(f"{heading}_one" if count == 1 else heading, lang, n=count)
        return [header] + [shorten(str(problem), MESSAGE_LIMIT) for problem in error.problems]
    if isinstance(error, SyncmatrixError):
        key = getattr(error, "key", "")
        values: Mapping[str, object] = getattr(error, "values", {})  # with `key`: InputError, SearchLimitExceeded
        return [message(key, lang, values) if key and has(key) else shorten(str(error), MESSAGE_LIMIT)]
    if isinstance(error, OutputFailed):
        return [t("output_failed", lang, reason=reason(error.reason, lang))]
    if isinstance(error, KeyboardInterrupt):
        return [t("interrupted", lang)]
    if isinstance(error, Stopped):
        return [t("stopped_by_signal", lang, signal=error.name)]
    if isinstance(error, RecursionError):
        return [t("too_deep", lang)]
    if isinstance(error, MemoryError):  # an audit's memory is the export's, not the knowledge base's
        return [t("out_of_memory_audit" if command == "audit" else "out_of_memory", lang)]
    if isinstance(error, UnicodeDecodeError):
        byte = f"{error.object[error.start]:02x}" if error.start < len(error.object) else "??"
        return [t("not_utf8", lang, encoding=error.encoding, byte=byte, position=error.start)]
    if isinstance(error, UnicodeEncodeError):
        char = shorten(repr(error.object[error.start : error.start + 1]))
        return [t("cannot_encode", lang, char=char, encoding=error.encoding)]
    if isinstance(error, OSError) and error.filename is not None:
        path = shorten(str(error.filename))
        return [t("os_error", lang, path=path, reason=reason(error, lang))]
    if isinstance(error, OSError):
        return [t("os_error_nopath", lang, reason=reason(error, lang))]
    return [shorten(f"{type(error).__name__}: {error}", MESSAGE_LIMIT)]


# What the edge turns into a message, and the exit code of each; anything else is a bug and is
# raised (the process entry point, run(), says so in one line).
_EXPECTED: tuple[tuple[type[BaseException], int], ...] = (
    (SyncmatrixError, EXIT_BAD_INPUT),
    (OutputFailed, EXIT_BAD_INPUT),
    (KeyboardInterrupt, EXIT_INTERRUPTED),
    (RecursionError, EXIT_BAD_INPUT),
    (MemoryError, EXIT_BAD_INPUT),
    (UnicodeError, EXIT_BAD_INPUT),
    (OSError, EXIT_BAD_INPUT),
)


class Stopped(BaseException):
    """SIGTERM or SIGHUP, raised where the command is (stop_like_ctrl_c), so that it ends as after
    Ctrl+C: the `finally` of what it was doing runs (a file being written is removed), one line,
    exit 128 + the signal's number. A BaseException, as KeyboardInterrupt: no `except Exception`
    takes it for a failure to recover from."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name


_STOPPING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _stop(signum: int, _frame: object) -> None:
    """The handler of SIGTERM and SIGHUP: raise Stopped, once; a second signal is ignored, so that
    it cannot cut the clean-up short (SIGKILL still ends the process)."""
    for number in _STOPPING:
        if signal.getsignal(number) is _stop:
            signal.signal(number, signal.SIG_IGN)
    raise Stopped(signum)


def stop_like_ctrl_c() -> None:
    """Make SIGTERM and SIGHUP stop the command as Ctrl+C does (their default action ends the
    process at once, and left a hidden partial temporary file of `--output`). For the process
    only (run()): main() also runs inside other programs' processes (tests), whose signals are theirs.

    A signal the process was started ignoring stays ignored: `nohup syncmatrix …` is asked to
    outlive its terminal (and, for SIGINT, a job a script starts in the background is deaf to
    Ctrl+C; Python itself keeps that)."""
    for number in _STOPPING:
        if signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, _stop)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it).

    Every error the contract knows ends here as one paragraph on stderr in the language of
    `--lang` and its exit code: bad input, a knowledge base, the system (OSError, with its path),
    text (UnicodeError), too deep or too big an input, Ctrl+C (130), SIGTERM or SIGHUP once run()
    has made them stop it (128 + the signal's number). Output goes through SafeStream:
    escaped, encodable, and quiet when its reader has gone (the exit code stays the command's).
    """
    words = list(sys.argv[1:] if argv is None else argv)
    lang = language_of(words)
    out, err = SafeStream(sys.stdout), SafeStream(sys.stderr, raises=False)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err  # SafeStream writes as a TextIO does
    command: str | None = None
    try:
        try:
            parser = build_parser()
            args = parser.parse_args(command_first(parser, words))
            command = args.command
            out.json = getattr(args, "format", None) == "json"
            code = int(args.handler(args))
        except SystemExit as exit_:  # --help: argparse printed it and exits
            code = exit_.code if isinstance(exit_.code, int) else EXIT_OK
        out.flush()
        return code
    except BaseException as error:
        exit_code = next((code for kind, code in _EXPECTED if isinstance(error, kind)), None)
        if isinstance(error, Stopped):
            exit_code = 128 + error.signum
        if exit_code is None:
            raise
        with contextlib.suppress(OutputFailed):  # what the failure is about is said next
            out.flush()
        _say(_explained(error, lang, command))
        return exit_code
    finally:
        sys.stdout, sys.stderr = saved


def run() -> None:
    """The process entry point (console script and `python -m syncmatrix`): main, then exit.

    An error main() does not expect is a bug: one line that says so and exit 2 rather than a
    traceback, and never exit 1, which would read as "unsupported". The process is about to end,
    so nothing it made needs collecting: gc.freeze() moves every object out of the collector's
    reach, which spares the collections that interpreter shutdown would run over them (about
    20 ms of a 190 ms start; benchmarks/run.py, cli/cold-start). Not in main(), which tests call
    in a long-lived process.
    """
    import gc

    try:
        stop_like_ctrl_c()
        code = main()
    except KeyboardInterrupt:  # between main's own handlers
        code = EXIT_INTERRUPTED
    except Stopped as stopped:  # as well
        code = 128 + stopped.signum
    except Exception as error:  # noqa: BLE001  (the last edge: a bug, said in one line)
        message = shorten(f"{type(error).__name__}: {error}", MESSAGE_LIMIT)
        SafeStream(sys.stderr, raises=False).write(
            f"syncmatrix: internal error ({message}); this is a bug of syncmatrix, please report it "
            "with the command that caused it\n"
        )
        code = EXIT_BAD_INPUT
    gc.freeze()
    sys.exit(code)
