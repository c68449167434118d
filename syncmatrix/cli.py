"""The `syncmatrix` command line (CONTRACT.md §3).

Exit codes: 0 supported or done; 1 unsupported, no fix, or lint problems; 2 bad input, with a
one-paragraph message on stderr and never a traceback. Heavy modules (the table generator, the
dashboard) are imported only by the commands that need them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

import kb
from kb.errors import InputError, KbError, SyncmatrixError, did_you_mean, one_of

EXIT_OK, EXIT_UNSUPPORTED, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad option as one paragraph and exit 2."""

    def error(self, message: str) -> NoReturn:
        if "invalid choice" in message and "argument COMMAND" in message:
            word = message.split("'")[1] if "'" in message else ""
            message = f"unknown command '{word}'; expected one of {one_of(COMMANDS)}{did_you_mean(word, COMMANDS)}"
        raise InputError(f"{message} (see '{self.prog} --help')")


def _output(args: argparse.Namespace, document: dict[str, Any], text: Callable[[], str]) -> None:
    if args.format == "json":
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    else:
        sys.stdout.write(text())


def _model(args: argparse.Namespace) -> Any:
    from solver import SupportModel

    return SupportModel(kb.load(args.kb))


def _config(model: Any, words: Sequence[str]) -> dict[str, Any]:
    return kb.parse_assignments(model.kb, words)


def cmd_check(args: argparse.Namespace) -> int:
    from syncmatrix import report

    model = _model(args)
    result = model.check(_config(model, args.assignments))
    _output(args, report.check_json(model.kb, result, args.lang), lambda: report.check_text(model, result, args.lang))
    return EXIT_UNSUPPORTED if result.verdict.value == "unsupported" else EXIT_OK


def _costs(words: Sequence[str]) -> dict[str, int]:
    costs: dict[str, int] = {}
    for word in words:
        name, sep, number = word.partition("=")
        if not sep or not name.strip() or not number.strip().isdigit():
            raise InputError(
                f"--cost '{word}': expected VARIABLE=N with N a whole number, for example --cost email_system=5"
            )
        costs[name.strip()] = int(number)
    return costs


def cmd_fix(args: argparse.Namespace) -> int:
    from solver.fix import nearest_fixes
    from syncmatrix import report

    model = _model(args)
    config = _config(model, args.assignments)
    result = nearest_fixes(model, config, locks=args.lock, costs=_costs(args.cost), strict=args.strict)
    _output(args, report.fix_json(model.kb, result, args.lang), lambda: report.fix_text(model, result, args.lang))
    return EXIT_OK if result.fixes else EXIT_UNSUPPORTED


def cmd_enumerate(args: argparse.Namespace) -> int:
    from syncmatrix import report

    model = _model(args)
    rows = list(model.supported_configurations(_config(model, args.assignments)))
    if args.format == "csv":
        sys.stdout.write(report.enumerate_csv(model, rows))
    else:
        _output(args, report.enumerate_json(rows), lambda: report.enumerate_text(model, rows, args.lang))
    return EXIT_OK


def cmd_count(args: argparse.Namespace) -> int:
    from syncmatrix import report

    model = _model(args)
    counts = model.count(_config(model, args.assignments))
    _output(args, report.count_json(counts), lambda: report.count_text(counts, args.lang))
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from syncmatrix import report

    knowledge = kb.load(args.kb)
    _output(args, report.rules_json(knowledge, args.lang), lambda: report.rules_text(knowledge, args.lang))
    return EXIT_OK


def cmd_lint(args: argparse.Namespace) -> int:
    from solver.lint import Level, lint
    from syncmatrix import report

    findings = lint(_model(args))
    _output(args, report.lint_json(findings), lambda: report.lint_text(findings, args.lang))
    return EXIT_UNSUPPORTED if any(f.level is Level.ERROR for f in findings) else EXIT_OK


def cmd_table(args: argparse.Namespace) -> int:
    from syncmatrix.table import build_table, format_for, render, staleness, write_atomically

    target = args.output or args.check
    fmt = args.format or (format_for(target) if target else None) or "markdown"
    model = _model(args)
    text = render(build_table(model), fmt, args.lang, sources=args.sources)
    if args.output:
        write_atomically(args.output, text)
        return EXIT_OK
    if args.check:
        diff = staleness(args.check, text)
        if diff is None:
            return EXIT_OK
        sys.stdout.write(diff)
        sys.stderr.write(
            f"syncmatrix: {args.check} is stale; regenerate it with: syncmatrix table --format {fmt} "
            f"--lang {args.lang}{' --sources' if args.sources else ''} --output {args.check}\n"
        )
        return EXIT_UNSUPPORTED
    sys.stdout.write(text)
    return EXIT_OK


def cmd_graph(args: argparse.Namespace) -> int:
    try:
        # networkx comes with the dashboard extra; only this command and the dashboard need it.
        from dashboard.graph import dependency_graph, graph_dot, graph_json, graph_text
    except ModuleNotFoundError as exc:
        raise InputError(
            f"the graph command needs the {exc.name} package, which is not installed; "
            "install it with: pip install 'syncmatrix[dashboard]'"
        ) from None
    graph = dependency_graph(kb.load(args.kb))
    if args.format == "dot":
        sys.stdout.write(graph_dot(graph, args.lang))
    else:
        _output(args, graph_json(graph), lambda: graph_text(graph, args.lang))
    return EXIT_OK


def cmd_dashboard(args: argparse.Namespace) -> int:
    import importlib.util
    import os
    import subprocess
    from pathlib import Path

    import dashboard

    missing = [name for name in ("streamlit", "networkx") if importlib.util.find_spec(name) is None]
    if missing:
        raise InputError(
            f"the dashboard needs {' and '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} not "
            f"installed; install {'it' if len(missing) == 1 else 'them'} with: pip install 'syncmatrix[dashboard]'"
        )
    if not 1 <= args.port <= 65535:
        raise InputError(f"--port {args.port}: expected a port number from 1 to 65535, for example --port 8501")
    kb.load(args.kb)  # a broken knowledge base is reported here, with exit 2, not on the page
    app = Path(dashboard.__file__).resolve().parent / "app.py"
    env = dict(os.environ, SYNCMATRIX_LANG=args.lang)
    if args.kb:
        env["SYNCMATRIX_KB"] = str(Path(args.kb).resolve())
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.headless=true",
        f"--server.port={args.port}",
        f"--server.address={args.address}",
        "--browser.gatherUsageStats=false",
        "--client.toolbarMode=minimal",
    ]
    sys.stderr.write(f"syncmatrix: the dashboard is at http://{args.address}:{args.port}/ (Ctrl+C stops it)\n")
    try:
        return subprocess.run(command, env=env, check=False).returncode
    except KeyboardInterrupt:
        return EXIT_OK


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
    "rules": (cmd_rules, "the rules of the knowledge base with their sources", ("text", "json")),
    "lint": (cmd_lint, "problems of the knowledge base as a whole", ("text", "json")),
    "table": (
        cmd_table,
        "the support table for documentation, generated from the knowledge base",
        ("markdown", "html", "csv", "json"),
    ),
    "graph": (cmd_graph, "the rules and the variables each one reads, as a graph", ("text", "dot", "json")),
    "dashboard": (cmd_dashboard, "start the interactive dashboard in a local web server", ("text",)),
}


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="syncmatrix",
        description="Is this email set-up supported by Dynamics 365 server-side synchronization, and what is "
        "the smallest change that makes it supported? Configurations are VARIABLE=VALUE words.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    for name, (handler, help_text, formats) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        sub.add_argument(
            "--kb", metavar="DIR", default=None, help="knowledge base folder (default: the project's data/)"
        )
        sub.add_argument("--lang", choices=kb.LANGUAGES, default="en", help="language of messages (default: en)")
        default = None if name == "table" else formats[0]  # the table's format may follow the file name
        sub.add_argument("--format", choices=formats, default=default, help=f"output format (default: {formats[0]})")
        sub.add_argument("--json", dest="format", action="store_const", const="json", help="same as --format json")
        if name in ("check", "fix", "enumerate", "count"):
            what = "filters" if name in ("enumerate", "count") else "the configuration"
            sub.add_argument("assignments", nargs="*", metavar="VARIABLE=VALUE", help=what)
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
        if name == "dashboard":
            sub.add_argument("--port", type=int, default=8501, help="port of the web server (default: 8501)")
            sub.add_argument(
                "--address",
                default="127.0.0.1",
                help="address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 shares it)",
            )
        if name == "table":
            target = sub.add_mutually_exclusive_group()
            target.add_argument("--output", metavar="FILE", help="write the table to FILE (atomically)")
            target.add_argument("--check", metavar="FILE", help="exit 1 with a diff when FILE is not current")
            sub.add_argument("--sources", action="store_true", help="add the rule ids behind each row and item")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    try:
        args = build_parser().parse_args(argv)
        return int(args.handler(args))
    except KbError as exc:
        count = len(exc.problems)
        sys.stderr.write(f"syncmatrix: the knowledge base is not valid ({count} problem{'s' * (count != 1)}):\n")
        for problem in exc.problems:
            sys.stderr.write(f"  {problem}\n")
        return EXIT_BAD_INPUT
    except SyncmatrixError as exc:
        sys.stderr.write(f"syncmatrix: {exc}\n")
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK


def run() -> None:
    """The process entry point (console script and `python -m syncmatrix`): main, then exit.

    The process is about to end, so nothing it made needs collecting: gc.freeze() moves every
    object out of the collector's reach, which spares the collections that interpreter shutdown
    would run over them (about 20 ms of a 190 ms start; benchmarks/run.py, cli/cold-start).
    Not in main(), which tests call in a long-lived process.
    """
    import gc

    code = main()
    gc.freeze()
    sys.exit(code)
