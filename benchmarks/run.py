"""Benchmarks of syncmatrix side by side with brute force and CP-SAT (issue 6).

    python benchmarks/run.py [--quick] [--json] [--case PREFIX]...

Each case times our answer and a baseline on the same seeded workload, in the same run: both are
run once to warm up (their answers are compared there: a mismatch stops the run), then
alternately `--repeat` times; the figures are the medians. `ratio` = ours / baseline, so below 1
we are faster. `--json` prints exactly {"cases": [{"name", "unit", "ours", "baseline",
"baseline_name", "ratio"}]}; progress goes to stderr. `--quick` runs fewer repeats and samples and
stays under five minutes on two cores. `--case audit/1m` (peak memory of an audit of 1,000,000
mailboxes in every format, about three minutes) runs only when named.

The fix cases need OR-Tools (`pip install -e '.[bench]'`); the dashboard case needs Streamlit.
Neither is imported by a case that does not need it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from synthetic import write_synthetic  # benchmarks/synthetic.py, beside this script

from syncmatrix import kb
from syncmatrix.kb.model import Severity, Value
from syncmatrix.solver import SupportModel
from syncmatrix.solver.fix import nearest_fixes

ROOT = Path(__file__).resolve().parent.parent

Config = dict[str, Value]


@dataclass
class Case:
    name: str
    unit: str  # what one figure measures
    workload: str  # for people: what one run does
    ours: Callable[[], Any]
    baseline: Callable[[], Any] | None  # None: the case cannot be measured in this checkout
    baseline_name: str
    target: float | None  # the target for the ratio; None: reported only
    same: Callable[[Any, Any], str | None] = lambda ours, base: None  # raises when the answers disagree
    scale: float = 1000.0  # seconds to the unit
    per: int = 1  # the figure is the time of one run divided by this
    note: str = ""
    alone: bool = False  # no baseline can answer (brute force over 2**60): ours is timed and reported alone
    # Measured once, not timed: returns the figure (in `unit`) and a note; `limit` is its target (≤).
    measured: Callable[[], tuple[float, str]] | None = None
    limit: float | None = None
    results: dict[str, float | None] = field(default_factory=dict)


# --- timing -------------------------------------------------------------------------------------------


def measure(case: Case, repeats: int, budget: float) -> None:
    """Warm up both sides once and compare their answers, then take the medians of `repeats` runs.

    A side stops repeating after three runs once its runs add up to `budget` seconds (brute force
    over the page takes seconds a run; its median needs no more).
    """
    if case.measured is not None:
        figure, case.note = case.measured()
        case.results = {"ours": figure, "baseline": None}
        return
    if case.baseline is None:
        ours_only = [] if case.alone else None
        if ours_only is not None:
            case.same(case.ours(), None)
            for _ in range(repeats):
                start = time.perf_counter()
                case.ours()
                ours_only.append(time.perf_counter() - start)
        case.results = {
            "ours": statistics.median(ours_only) * case.scale / case.per if ours_only else None,
            "baseline": None,
        }
        return
    note = case.same(case.ours(), case.baseline())
    if note:
        case.note = note
    ours: list[float] = []
    base: list[float] = []
    for i in range(repeats):
        # Alternate which side goes first, so a slow phase of the machine hurts both alike.
        order = [(case.ours, ours), (case.baseline, base)]
        for run, times in order if i % 2 == 0 else reversed(order):
            if len(times) >= 3 and sum(times) > budget:
                continue
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
    case.results = {
        "ours": statistics.median(ours) * case.scale / case.per,
        "baseline": statistics.median(base) * case.scale / case.per,
    }


# --- the page ------------------------------------------------------------------------------------------


def page_model() -> SupportModel:
    # The page alone (as_of(None)), not the page with today's advisories: the rules measured must
    # not change with the day of the run, so that figures of different runs (and the README's)
    # stay comparable. The brute-force baselines read model.kb.rules, the same rules.
    return SupportModel(kb.load().as_of(None))


def space(model: SupportModel) -> list[Config]:
    names = model.order
    return [dict(zip(names, values, strict=True)) for values in itertools.product(*model.domains.values())]


class PlainRules:
    """The rules evaluated plainly, with no CSP and no index: the baseline of check and enumeration."""

    def __init__(self, model: SupportModel) -> None:
        self.rules = [
            (r.id, r.severity is Severity.ERROR, tuple((c.variable, frozenset(c.values)) for c in r.when))
            for r in model.kb.rules
        ]
        self.errors = [conditions for _, error, conditions in self.rules if error]

    def judge(self, config: Mapping[str, Value]) -> tuple[str, list[str]]:
        broken = [(rid, error) for rid, error, conds in self.rules if all(config[v] in s for v, s in conds)]
        if any(error for _, error in broken):
            verdict = "unsupported"
        else:
            verdict = "supported_with_warnings" if broken else "supported"
        return verdict, sorted(rid for rid, _ in broken)

    def acceptable(self, config: Mapping[str, Value]) -> bool:
        return not any(all(config[v] in s for v, s in conds) for conds in self.errors)


def case_check(model: SupportModel, quick: bool) -> Case:
    rng = random.Random(6001)
    configs = rng.sample(space(model), 3000)
    plain = PlainRules(model)

    def ours() -> list[tuple[str, list[str]]]:
        results = [model.check(c) for c in configs]
        return [(r.verdict.value, sorted(v.id for v in r.violations)) for r in results]

    def baseline() -> list[tuple[str, list[str]]]:
        return [plain.judge(c) for c in configs]

    def same(a: Any, b: Any) -> None:
        assert a == b, "check/complete: verdicts or violations differ from the plain evaluation"

    return Case(
        "check/complete",
        "ms",
        f"check {len(configs)} seeded complete configurations of the page",
        ours,
        baseline,
        "plain Python evaluation of the rules",
        1.5,
        same,
    )


def case_enumerate(model: SupportModel, quick: bool) -> Case:
    plain = PlainRules(model)
    names = model.order
    domains = list(model.domains.values())

    def ours() -> list[tuple[tuple[Value, ...], str]]:
        return [(tuple(c.values()), v.value) for c, v in model.supported_configurations({})]

    def baseline() -> list[tuple[tuple[Value, ...], str]]:
        found = []
        for values in itertools.product(*domains):
            config = dict(zip(names, values, strict=True))
            verdict, _ = plain.judge(config)
            if verdict != "unsupported":
                found.append((values, verdict))
        return found

    def same(a: Any, b: Any) -> None:
        assert a == b, "enumerate/brute-force: the enumeration differs from brute force"

    return Case(
        "enumerate/brute-force",
        "ms",
        "every configuration of the page that is not unsupported, with its verdict",
        ours,
        baseline,
        "brute force over the product of the domains",
        0.05,
        same,
    )


def partial_configs(model: SupportModel, rng: random.Random, count: int, given: tuple[int, int]) -> list[Config]:
    configs = []
    for _ in range(count):
        names = rng.sample(model.order, rng.randint(*given))
        configs.append({n: rng.choice(model.domains[n]) for n in model.order if n in names})
    return configs


def case_possible(model: SupportModel, quick: bool) -> Case:
    rng = random.Random(6003)
    configs = partial_configs(model, rng, 40, (1, 6))
    plain = PlainRules(model)

    def ours() -> list[dict[str, tuple[Value, ...]]]:
        return [model.possible_values(c) for c in configs]

    def brute(config: Config) -> dict[str, tuple[Value, ...]]:
        open_names = [n for n in model.order if n not in config]
        seen: dict[str, set[Value]] = {n: set() for n in open_names}
        for values in itertools.product(*(model.domains[n] for n in open_names)):
            completion = {**config, **dict(zip(open_names, values, strict=True))}
            if plain.acceptable(completion):
                for name, value in zip(open_names, values, strict=True):
                    seen[name].add(value)
        return {n: tuple(v for v in model.domains[n] if v in seen[n]) for n in open_names}

    def baseline() -> list[dict[str, tuple[Value, ...]]]:
        return [brute(c) for c in configs]

    def same(a: Any, b: Any) -> None:
        assert a == b, "possible/page: narrowing differs from brute force"

    return Case(
        "possible/page",
        "ms",
        f"possible values of {len(configs)} seeded partial configurations (1 to 6 variables given)",
        ours,
        baseline,
        "brute force over the completions",
        0.2,
        same,
    )


# --- nearest fixes against CP-SAT ----------------------------------------------------------------------


class CpSatFix:
    """The minimum cost of a fix by CP-SAT: one Boolean per value, a clause per error rule.

    Model building is part of every query (the index lists below are prepared once per knowledge
    base, as SupportModel is). One search worker: on models this small it answers sooner than the
    default portfolio on this two-core machine.
    """

    def __init__(self, model: SupportModel) -> None:
        from ortools.sat.python import cp_model  # the bench extra; imported only by the fix cases

        self.cp_model = cp_model
        self.order = model.order
        self.sizes = {n: len(d) for n, d in model.domains.items()}
        self.index = {n: {v: i for i, v in enumerate(d)} for n, d in model.domains.items()}
        # A rule is avoided when one of its variables takes a value outside its condition.
        self.clauses = [
            [(c.variable, i) for c in r.when for i, v in enumerate(model.domains[c.variable]) if v not in c.values]
            for r in model.errors
        ]

    def minimum(self, config: Mapping[str, Value]) -> int | None:
        cp_model = self.cp_model
        m = cp_model.CpModel()
        lits = {n: [m.new_bool_var(f"{n}={i}") for i in range(self.sizes[n])] for n in self.order}
        for row in lits.values():
            m.add_exactly_one(row)
        for clause in self.clauses:
            m.add_bool_or([lits[n][i] for n, i in clause])
        m.minimize(sum(1 - lits[n][self.index[n][v]] for n, v in config.items()))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        status = solver.solve(m)
        if status == cp_model.INFEASIBLE:
            return None
        assert status == cp_model.OPTIMAL, solver.status_name(status)
        return round(solver.objective_value)


def fix_case(name: str, model: SupportModel, configs: list[Config], target: float | None, workload: str) -> Case:
    cpsat = CpSatFix(model)

    def ours() -> list[int | None]:
        return [nearest_fixes(model, c).cost for c in configs]

    def baseline() -> list[int | None]:
        return [cpsat.minimum(c) for c in configs]

    def same(a: Any, b: Any) -> str:
        for config, mine, theirs in zip(configs, a, b, strict=True):
            assert mine == theirs, f"{name}: our minimum {mine} differs from CP-SAT's {theirs} for {config}"
        return "minimum costs " + ", ".join(f"{k}: {v}" for k, v in sorted(Counter(a).items()))

    return Case(
        name,
        "ms",
        workload,
        ours,
        baseline,
        "CP-SAT minimizing the changes (model building included)",
        target,
        same,
    )


def case_fix_page(model: SupportModel, quick: bool) -> Case:
    rng = random.Random(6004)
    complete = [c for c in rng.sample(space(model), 4000) if model.verdict_of(c).value == "unsupported"][:20]
    partial = [c for c in partial_configs(model, rng, 400, (4, 10)) if model.best_verdict(c).value == "unsupported"][
        :20
    ]
    return fix_case(
        "fix/cp-sat",
        model,
        complete + partial,
        1.0,
        "all minimum fixes of 20 complete and 20 partial seeded unsupported configurations",
    )


def synthetic_configs(model: SupportModel, planted: Config, rng: random.Random, count: int) -> list[Config]:
    """Unsupported configurations made by changing 6 variables of the planted one."""
    configs: list[Config] = []
    while len(configs) < count:
        config = dict(planted)
        for name in rng.sample(model.order, 6):
            config[name] = rng.choice([v for v in model.domains[name] if v != planted[name]])
        if model.verdict_of(config).value == "unsupported":
            configs.append(config)
    return configs


def case_fix_synthetic(n: int, quick: bool, folder: Path) -> Case:
    root = folder / f"synthetic-{n}"
    planted = write_synthetic(root, n, 3 * n, seed=6000 + n)
    model = SupportModel(kb.load(root))
    count = 10  # the same sample in both modes: --quick only repeats less
    configs = synthetic_configs(model, planted, random.Random(6100 + n), count)
    target = {40: 2.0, 80: 3.0}.get(n)
    return fix_case(
        f"fix/synthetic-{n}",
        model,
        configs,
        target,
        f"all minimum fixes of {count} configurations, 6 variables changed from a valid one; "
        f"{n} variables of 2-8 values, {3 * n} rules",
    )


# --- the audit of an organization ---------------------------------------------------------------------------


def _write_export(folder: Path, rows: int, shape: str) -> tuple[Path, Path]:
    """A synthetic organization of `rows` mailboxes (benchmarks/exports.py) in `shape`, once per run."""
    import exports  # benchmarks/exports.py: this folder is on sys.path when run.py runs as a script

    out = folder / f"export-{shape}-{rows}"
    suffix = {"csv": "csv", "xlsx": "xlsx"}[shape]
    mailboxes, profiles = out / f"mailboxes.{suffix}", out / f"profiles.{suffix}"
    if not mailboxes.exists():
        out.mkdir(parents=True, exist_ok=True)
        boxes, known = exports.organization(rows, seed=7000 + rows)
        writer = exports.write_csv if shape == "csv" else exports.write_xlsx
        writer(mailboxes, boxes, known, profiles_path=profiles)
    return mailboxes, profiles


def case_audit(rows: int, shape: str, folder: Path) -> Case:
    """The whole audit as `syncmatrix audit FILE --json --as-of DAY > report.json` does it, in this
    process: read, map, judge (one check and fix per distinct configuration), write the JSON report."""
    import csv

    from syncmatrix.cli import main as cli

    mailboxes, profiles = _write_export(folder, rows, shape)
    words = ["audit", str(mailboxes), "--profiles", str(profiles), "--json", "--as-of", "2026-11-29"]

    report = mailboxes.parent / "report.json"

    def ours() -> Path:
        # Standard output redirected to a file, as `syncmatrix audit … > report.json` does.
        saved = sys.stdout
        with report.open("w", encoding="utf-8") as out:
            sys.stdout = out
            try:
                code = cli(words)
            finally:
                sys.stdout = saved
        assert code in (0, 1), code
        return report  # read by `same`, once, outside the timed runs

    def read_csv() -> int:
        with mailboxes.open(encoding="utf-8-sig", newline="") as file:
            return sum(1 for _ in csv.reader(file)) - 1

    def read_xlsx() -> int:
        import openpyxl

        book = openpyxl.load_workbook(mailboxes, read_only=True, data_only=True)
        try:
            return sum(1 for _ in book.worksheets[0].iter_rows(values_only=True)) - 1
        finally:
            book.close()

    def same(written: Path, read: int) -> None:
        judged = len(json.loads(written.read_bytes())["mailboxes"])
        assert judged == read == rows, (judged, read, rows)

    baseline = read_csv if shape == "csv" else read_xlsx
    name = "the csv module reading the file" if shape == "csv" else "openpyxl (read-only) reading the sheet"
    return Case(
        f"audit/{'100k' if rows == 100_000 else f'{shape}-{rows // 1000}k'}",
        "ms",
        f"`syncmatrix audit` of {rows:,} mailboxes in {shape.upper()} to a JSON report, as of 2026-11-29",
        ours,
        baseline,
        name,
        3.0 if shape == "csv" else None,
        same,
    )


#: The peak resident memory `syncmatrix audit` of 1,000,000 mailboxes may reach, in every format (issue 20).
AUDIT_1M_MB = 500.0


def case_audit_1m(folder: Path) -> Case:
    """`syncmatrix audit` of 1,000,000 generated mailboxes (CSV) to a file, once per report format,
    each in a fresh process: its wall time and its peak resident memory. The figure is the largest
    peak; the target is AUDIT_1M_MB in every format.

    The export is generated in a child of its own, and each audit is started by a small Python
    wrapper that reports RUSAGE_CHILDREN: a child's ru_maxrss counts what it held before its exec,
    so a child of this process (which may hold the benchmarks' models) would report this one's size."""
    here = str(Path(__file__).resolve().parent)
    generate = f"import run; run._write_export(run.Path({str(folder)!r}), 1_000_000, 'csv')"
    # The benchmarks' folder on the child's path through its environment (run.py is no package).
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (here, os.environ.get("PYTHONPATH"))))}
    subprocess.run([sys.executable, "-c", generate], check=True, cwd=ROOT, env=env)
    out_folder = folder / "export-csv-1000000"
    mailboxes, profiles = out_folder / "mailboxes.csv", out_folder / "profiles.csv"
    script = Path(sys.executable).parent / "syncmatrix"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "syncmatrix"]

    def measured() -> tuple[float, str]:
        said, peaks = [], []
        for fmt, suffix in (("text", "txt"), ("csv", "csv"), ("json", "json"), ("markdown", "md"), ("html", "html")):
            out = mailboxes.parent / f"report.{suffix}"
            words = ["audit", str(mailboxes), "--profiles", str(profiles), "--as-of", "2026-11-29"]
            start = time.perf_counter()
            audit = [*command, *words, "--format", fmt, "--output", str(out)]
            wrapper = (
                "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
                "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
            )
            done = subprocess.run([sys.executable, "-c", wrapper, *audit], capture_output=True, text=True, cwd=ROOT)
            seconds = time.perf_counter() - start
            code, kilobytes = done.stdout.split()
            assert int(code) in (0, 1), (fmt, code, done.stderr)
            peak = int(kilobytes) / 1024  # KB on Linux
            peaks.append(peak)
            said.append(f"{fmt} {seconds:.1f} s, peak {peak:.0f} MB, {out.stat().st_size / 1e6:.0f} MB written")
            out.unlink()
        return max(peaks), f"target ≤ {AUDIT_1M_MB:g} MB in every format: " + "; ".join(said)

    return Case(
        "audit/1m",
        "MB",
        "`syncmatrix audit` of 1,000,000 mailboxes in CSV to a file in each format, as of 2026-11-29: "
        "the largest peak resident memory",
        lambda: None,
        None,
        "—",
        None,
        measured=measured,
        limit=AUDIT_1M_MB,
    )


# --- the peer: flamapy on the exported UVL (issue 15) ---------------------------------------------------


def _flamapy(model: SupportModel) -> Any:
    """flamapy's answers about `model` (benchmarks/peer.py), None when the peer extra is missing."""
    try:
        from peer import Flamapy  # benchmarks/peer.py: this folder is on sys.path when run.py runs
    except ImportError:
        return None
    try:
        return Flamapy(model)
    except ImportError:
        return None


def unsupported_complete(model: SupportModel, seed: int, count: int) -> list[Config]:
    rng = random.Random(seed)
    return [c for c in rng.sample(space(model), 4000) if model.verdict_of(c).value == "unsupported"][:count]


PEER = "flamapy 2.6 on the UVL of `syncmatrix export --page-only`"


def peer_case(
    name: str, workload: str, ours: Callable[[], Any], theirs: Callable[[], Any] | None, target: float, **more: Any
) -> Case:
    return Case(name, "µs", workload, ours, theirs, PEER, target, scale=1e6, **more)


def case_peer_count(model: SupportModel, quick: bool) -> Case:
    peer = _flamapy(model)
    runs = 200

    def ours() -> int:
        return [model.count({}).total for _ in range(runs)][-1]

    def theirs() -> int:
        return [peer.count() for _ in range(runs)][-1]

    def same(a: int, b: int) -> str:
        assert a == b, f"count/page: we count {a}, flamapy {b}"
        return f"both count {a:,}"

    return peer_case(
        "count/page",
        "count every acceptable configuration of the page (one count; flamapy: its BDD)",
        ours,
        theirs if peer else None,
        1.0,
        same=same,
        per=runs,
    )


def case_peer_check(model: SupportModel, quick: bool) -> Case:
    peer = _flamapy(model)
    configs = random.Random(6101).sample(space(model), 100 if quick else 300)

    def ours() -> list[bool]:
        return [model.check(c).verdict.value != "unsupported" for c in configs]

    def theirs() -> list[bool]:
        return [peer.acceptable(c) for c in configs]

    def same(a: list[bool], b: list[bool]) -> str:
        assert a == b, "check/page: flamapy and we disagree on which configurations are acceptable"
        return f"{sum(a)} of {len(a)} acceptable"

    return peer_case(
        "check/page",
        f"check one seeded complete configuration of the page ({len(configs)} of them; flamapy: PySAT)",
        ours,
        theirs if peer else None,
        0.2,
        same=same,
        per=len(configs),
    )


def _as_choices(model: SupportModel, given: Any) -> list[str]:
    """Our conflict (pairs of variable and value) as flamapy's choices."""
    choices = []
    for name, value in ((g.variable, g.value) for g in given):
        if isinstance(value, bool):
            choices.append(f"{name} = {'true' if value else 'false'}")
        else:
            choices.append(f"{name}__{value} = true")
    return choices


def case_peer_conflict(model: SupportModel, quick: bool) -> Case:
    from peer import consistent

    peer = _flamapy(model)
    configs = unsupported_complete(model, 6102, 23)

    def ours() -> list[Any]:
        return [model.conflict(c) for c in configs]

    def theirs() -> list[list[str]]:
        return [peer.conflict(c) for c in configs]

    def same(a: list[Any], b: list[list[str]]) -> str:
        # Ours must be a conflict by flamapy's own SAT model: no acceptable configuration holds it.
        for config, conflict in zip(configs, a, strict=True):
            assert conflict and not consistent(peer, _as_choices(model, conflict)), f"not a conflict: {config}"
        wrong = sum(consistent(peer, choices) for choices in b)
        return f"every conflict checked by flamapy's SAT model: ours all hold; flamapy's fail for {wrong} of {len(b)}"

    return peer_case(
        "conflict/page",
        f"a minimal conflict of one seeded complete unsupported configuration ({len(configs)} of them; "
        "flamapy: PySAT QuickXPlain, first conflict)",
        ours,
        theirs if peer else None,
        1.0,
        same=same,
        per=len(configs),
    )


def case_peer_enumerate(model: SupportModel, quick: bool) -> Case:
    peer = _flamapy(model)

    def ours() -> list[tuple[Value, ...]]:
        return [tuple(c.values()) for c, _ in model.supported_configurations({})]

    def theirs() -> list[tuple[Value, ...]]:
        return peer.configurations()

    def same(a: list[tuple[Value, ...]], b: list[tuple[Value, ...]]) -> str:
        assert sorted(a, key=repr) == sorted(b, key=repr), "enumerate/page: flamapy lists other configurations"
        return f"both list the same {len(a):,}"

    return Case(
        "enumerate/page",
        "ms",
        "every acceptable configuration of the page (ours with its verdict; flamapy: its BDD)",
        ours,
        theirs if peer else None,
        PEER,
        1.0,
        same,
    )


def case_peer_fix(model: SupportModel, quick: bool) -> Case:
    peer = _flamapy(model)
    configs = unsupported_complete(model, 6104, 23)

    def ours() -> list[Any]:
        return [nearest_fixes(model, c).fixes for c in configs]

    def theirs() -> list[list[str]]:
        return [peer.repair(c) for c in configs]

    def same(a: list[Any], b: list[list[str]]) -> str:
        fixes = sum(len(found) for found in a)
        return f"ours: every minimum fix, {fixes} in all; flamapy: one subset-minimal repair each"

    return peer_case(
        "fix/page",
        f"the nearest fixes of one seeded complete unsupported configuration ({len(configs)} of them; ours: "
        "every minimum fix; flamapy: PySAT FastDiag, first diagnosis)",
        ours,
        theirs if peer else None,
        1.0,
        same=same,
        per=len(configs),
    )


PEER_CASES: dict[str, Callable[[SupportModel, bool], Case]] = {
    "count/page": case_peer_count,
    "check/page": case_peer_check,
    "conflict/page": case_peer_conflict,
    "enumerate/page": case_peer_enumerate,
    "fix/page": case_peer_fix,
}


def case_count_synthetic(n: int, folder: Path) -> Case:
    """An exact count where listing is hopeless: `n` booleans, 3n rules of 1 to 3 of them."""
    root = folder / f"booleans-{n}"
    write_synthetic(root, n, 3 * n, seed=6200 + n, domain_sizes=(2, 2), bool_share=1.0)
    model = SupportModel(kb.load(root).as_of(None))

    def ours() -> int:
        return model.count({}).total

    def same(a: int, b: None) -> str:
        return f"{a:,} acceptable of 2**{n} = {2**n:,}"

    return Case(
        f"count/synthetic-{n}",
        "ms",
        f"count the acceptable configurations of a generated knowledge base of {n} booleans and {3 * n} rules",
        ours,
        None,
        f"none: brute force would list 2**{n} configurations",
        None,
        same,
        alone=True,
    )


# --- processes and the dashboard ---------------------------------------------------------------------------


def case_cold_start(quick: bool) -> Case:
    bindir = Path(sys.executable).parent
    script = bindir / "syncmatrix"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "syncmatrix"]
    ours_cmd = [*command, "check", "email_system=gmail", "act_sync=true"]
    base_cmd = [sys.executable, "-c", "import constraint"]
    # Bytecode is cached, as after any first run of an installed program (the baseline's
    # python-constraint is byte-compiled by pip); a shell that sets PYTHONDONTWRITEBYTECODE would
    # otherwise make us compile every module on every start.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(cmd: Sequence[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, check=False)

    def ours() -> subprocess.CompletedProcess[str]:
        return run(ours_cmd)

    def baseline() -> subprocess.CompletedProcess[str]:
        return run(base_cmd)

    def same(a: Any, b: Any) -> None:
        assert a.returncode == 1 and "Verdict: unsupported" in a.stdout, a.stderr
        assert b.returncode == 0, b.stderr

    return Case(
        "cli/cold-start",
        "ms",
        "`syncmatrix check email_system=gmail act_sync=true` as a whole process",
        ours,
        baseline,
        '`python -c "import constraint"`',
        2.0,
        same,
    )


ONE_LINE_APP = 'import streamlit as st; st.selectbox("choice", ["a", "b"])'


def _toggler(at: Any) -> Callable[[], None]:
    """A function that changes the first widget of a run AppTest to another value and reruns."""
    for kind in ("selectbox", "radio", "checkbox", "toggle", "multiselect", "select_slider"):
        widgets = getattr(at, kind, [])
        if len(widgets):
            widget = widgets[0]
            break
    else:
        raise AssertionError("the app shows no widget that the benchmark can change")
    state = {"flip": False}

    def rerun() -> None:
        state["flip"] = not state["flip"]
        w = getattr(at, kind)[0]
        if kind in ("checkbox", "toggle"):
            w.set_value(not w.value)
        elif kind == "multiselect":
            w.set_value(list(w.options[:1]) if state["flip"] else [])
        else:
            options = list(w.options)
            w.set_value(options[1] if state["flip"] and len(options) > 1 else options[0])
        at.run()
        assert not at.exception, at.exception

    del widget
    return rerun


def case_dashboard(quick: bool) -> Case:
    app = ROOT / "dashboard" / "app.py"
    if not app.exists():
        return Case(
            "dashboard/rerun",
            "ms",
            "one rerun after a widget change",
            lambda: None,
            None,
            "rerun of a one-line Streamlit app",
            None,
            note="not measurable yet: dashboard/app.py does not exist",
        )
    import logging

    from streamlit.testing.v1 import AppTest

    # AppTest runs scripts bare, and Streamlit warns about that on every cached call.
    logging.getLogger("streamlit").setLevel(logging.ERROR)

    ours_app = AppTest.from_file(str(app), default_timeout=120)
    ours_app.run()
    assert not ours_app.exception, ours_app.exception
    base_app = AppTest.from_string(ONE_LINE_APP, default_timeout=60)
    base_app.run()
    return Case(
        "dashboard/rerun",
        "ms",
        "server time of one rerun of dashboard/app.py after a widget change (AppTest)",
        _toggler(ours_app),
        _toggler(base_app),
        "rerun of a one-line Streamlit app",
        None,
    )


# --- the run -------------------------------------------------------------------------------------------------

NAMES = (
    "check/complete",
    "enumerate/brute-force",
    "possible/page",
    "fix/cp-sat",
    "count/page",
    "check/page",
    "conflict/page",
    "enumerate/page",
    "fix/page",
    "count/synthetic-60",
    "fix/synthetic-20",
    "fix/synthetic-40",
    "fix/synthetic-80",
    "fix/synthetic-160",
    "cli/cold-start",
    "dashboard/rerun",
    "audit/100k",
    "audit/xlsx-10k",
    "audit/1m",
)
#: Cases run only when named in full by --case (minutes each): `--case audit/1m`.
SLOW = ("audit/1m",)


def build(name: str, quick: bool, page: Callable[[], SupportModel], folder: Path) -> Case:
    if name == "check/complete":
        return case_check(page(), quick)
    if name == "enumerate/brute-force":
        return case_enumerate(page(), quick)
    if name == "possible/page":
        return case_possible(page(), quick)
    if name == "fix/cp-sat":
        return case_fix_page(page(), quick)
    if name in PEER_CASES:
        return PEER_CASES[name](page(), quick)
    if name == "count/synthetic-60":
        return case_count_synthetic(60, folder)
    if name.startswith("fix/synthetic-"):
        return case_fix_synthetic(int(name.rsplit("-", 1)[1]), quick, folder)
    if name == "cli/cold-start":
        return case_cold_start(quick)
    if name == "audit/100k":
        return case_audit(100_000, "csv", folder)
    if name == "audit/xlsx-10k":
        return case_audit(10_000, "xlsx", folder)
    if name == "audit/1m":
        return case_audit_1m(folder)
    return case_dashboard(quick)


def repeats_for(case: Case, quick: bool, override: int | None) -> int:
    if override is not None:
        return override
    if case.name == "cli/cold-start":
        return 21 if quick else 41
    if case.name == "dashboard/rerun":
        return 10 if quick else 30
    if case.name.startswith("audit/"):
        return 3 if quick else 5
    return 5 if quick else 11


def ratio(case: Case) -> float | None:
    ours, base = case.results.get("ours"), case.results.get("baseline")
    return None if ours is None or base is None or base == 0 else ours / base


def as_json(cases: list[Case]) -> str:
    rows = []
    for case in cases:
        r = ratio(case)
        rows.append(
            {
                "name": case.name,
                "unit": case.unit,
                "ours": _round(case.results.get("ours")),
                "baseline": _round(case.results.get("baseline")),
                "baseline_name": case.baseline_name,
                "ratio": None if r is None else round(r, 4),
            }
        )
    return json.dumps({"cases": rows}, indent=2, sort_keys=True)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def verdict(case: Case) -> str:
    r = ratio(case)
    if case.limit is not None and case.results.get("ours") is not None:
        return "meets" if case.results["ours"] <= case.limit else "MISSES"
    if case.alone and case.results.get("ours") is not None:
        return "reported alone"
    if r is None:
        return "not measurable yet"
    if case.target is None:
        return "reported"
    return "meets" if r <= case.target else "MISSES"


def _target(case: Case) -> str:
    if case.limit is not None:
        return f"≤ {case.limit:g} {case.unit}"
    return "—" if case.target is None else f"≤ {case.target:g}"


def as_table(cases: list[Case], seconds: float, argv: Sequence[str]) -> str:
    header = ("case", "ours", "baseline", "ratio", "target", "", "baseline is")
    rows = [header]
    for case in cases:
        r = ratio(case)
        ours, base = case.results.get("ours"), case.results.get("baseline")
        rows.append(
            (
                case.name,
                "—" if ours is None else f"{ours:,.1f} {case.unit}",
                "—" if base is None else f"{base:,.1f} {case.unit}",
                "—" if r is None else f"{r:.3f}",
                _target(case),
                verdict(case),
                case.baseline_name,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    for case in cases:
        extra = f" ({case.note})" if case.note else ""
        lines.append(f"{case.name}: {case.workload}{extra}")
    lines.append(f"\n{' '.join(argv)}: {seconds:.0f} s on {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and samples (under five minutes)")
    parser.add_argument("--json", action="store_true", help="print the JSON document only")
    parser.add_argument("--case", action="append", default=[], metavar="PREFIX", help="run cases starting so")
    parser.add_argument("--repeat", type=int, default=None, help="timed runs of each side (default by case)")
    args = parser.parse_args(argv)
    names = [
        n
        for n in NAMES
        if (not args.case and n not in SLOW) or any(n == p if n in SLOW else n.startswith(p) for p in args.case)
    ]
    if not names:
        parser.error(f"no case starts with {', '.join(args.case)}; cases: {', '.join(NAMES)}")
    started = time.perf_counter()
    cached: list[SupportModel] = []

    def page() -> SupportModel:
        if not cached:
            cached.append(page_model())
        return cached[0]

    cases = []
    with tempfile.TemporaryDirectory(prefix="syncmatrix-bench-") as tmp:
        for name in names:
            sys.stderr.write(f"{name} …")
            sys.stderr.flush()
            case_start = time.perf_counter()
            case = build(name, args.quick, page, Path(tmp))
            measure(case, repeats_for(case, args.quick, args.repeat), 10.0 if args.quick else 60.0)
            cases.append(case)
            r = ratio(case)
            shown = "—" if r is None else f"{r:.3f}"
            sys.stderr.write(f" ratio {shown}, {verdict(case)} ({time.perf_counter() - case_start:.0f} s)\n")
    seconds = time.perf_counter() - started
    if args.json:
        sys.stdout.write(as_json(cases) + "\n")
    else:
        shown_argv = ["python", "benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])]
        sys.stdout.write(as_table(cases, seconds, shown_argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
