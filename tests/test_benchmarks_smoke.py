"""benchmarks/run.py prints well-formed JSON (one small case; no timing is asserted, no OR-Tools)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_one_case_prints_the_documented_json():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--case", "check/complete", "--repeat", "1", "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    document = json.loads(done.stdout)
    assert list(document) == ["cases"]
    [case] = document["cases"]
    assert set(case) == {"name", "unit", "ours", "baseline", "baseline_name", "ratio"}
    assert case["name"] == "check/complete" and case["unit"] == "ms"
    assert case["ours"] > 0 and case["baseline"] > 0
    assert abs(case["ratio"] - case["ours"] / case["baseline"]) < 0.01


def test_the_peer_cases_compare_answers_with_flamapy_and_the_60_booleans_are_counted_alone():
    """The flamapy cases (issue 15) run their answer checks in the warm-up: a disagreement with
    flamapy (a count, the acceptable set, a conflict flamapy's own SAT model says can hold) stops
    the run with an error, so a zero exit means the answers agreed."""
    pytest.importorskip("flamapy", reason="the peer extra (flamapy) is not installed")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            *("--case", "count/", "--case", "conflict/page", "--case", "enumerate/page"),
            *("--repeat", "1", "--json"),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    cases = {case["name"]: case for case in json.loads(done.stdout)["cases"]}
    assert set(cases) == {"count/page", "count/synthetic-60", "conflict/page", "enumerate/page"}
    for name in ("count/page", "conflict/page", "enumerate/page"):
        assert cases[name]["baseline"] > 0 and cases[name]["ratio"] is not None, name
    alone = cases["count/synthetic-60"]
    assert alone["ours"] > 0 and alone["baseline"] is None and alone["ratio"] is None
