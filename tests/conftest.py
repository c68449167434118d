from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
sys.path.insert(0, str(Path(__file__).resolve().parent))
# benchmarks/ too: its synthetic.py generates knowledge bases for the benchmark and the tests alike,
# and ships in no package (only tests and benchmarks use it).
sys.path.insert(1, str(ROOT / "benchmarks"))


class _OnlyTheInstalledPackage:
    """`python -m pytest` puts the repository's root on sys.path, where kb/, solver/ and dashboard/
    would import as top-level packages that no installed syncmatrix has: a test that named one
    (say, a monkeypatch target "solver.support.X") would patch a copy nobody uses. Refuse them."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name in ("kb", "solver", "dashboard", "data"):
            raise ImportError(f"'{name}' is not an import name of syncmatrix; use syncmatrix.{name}")
        return None


sys.meta_path.insert(0, _OnlyTheInstalledPackage())

from oracle import UNSUPPORTED, Oracle  # noqa: E402  (the path above makes tests/ importable)

from syncmatrix import kb  # noqa: E402
from syncmatrix.solver import SupportModel  # noqa: E402


@pytest.fixture(scope="session")
def page_kb() -> kb.KnowledgeBase:
    return kb.load(DATA)


@pytest.fixture(scope="session")
def model(page_kb: kb.KnowledgeBase) -> SupportModel:
    """The page alone (no advisory): what every page case and the oracle's crosscheck are about."""
    return SupportModel(page_kb.as_of(None))


@pytest.fixture(scope="session")
def oracle() -> Oracle:
    return Oracle(DATA)


@pytest.fixture(scope="session")
def acceptable(oracle: Oracle) -> dict[tuple[object, ...], str]:
    """Every complete configuration of the page that is not unsupported, with its verdict."""
    table = {}
    for config in oracle.space():
        verdict = oracle.verdict(config)
        if verdict != UNSUPPORTED:
            table[tuple(config.values())] = verdict
    return table


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite the golden files of generated text instead of comparing"
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with a golden file (a name under tests/golden/, or a path from there), or
    rewrite it with --update-golden."""
    update = request.config.getoption("--update-golden")

    def compare(name: str, text: str) -> None:
        path = (Path(__file__).resolve().parent / "golden" / name).resolve()
        if update:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {path.name}; run pytest --update-golden and review the diff"
        assert text == path.read_text(encoding="utf-8"), f"{path.name} differs; review, then --update-golden"

    return compare
