"""benchmarks/run.py prints well-formed JSON (one small case; no timing is asserted, no OR-Tools)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
