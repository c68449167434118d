from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from oracle import UNSUPPORTED, Oracle  # noqa: E402  (the path above makes tests/ importable)

from syncmatrix import kb  # noqa: E402
from syncmatrix.solver import SupportModel  # noqa: E402


@pytest.fixture(scope="session")
def page_kb() -> kb.KnowledgeBase:
    return kb.load(DATA)


@pytest.fixture(scope="session")
def model(page_kb: kb.KnowledgeBase) -> SupportModel:
    return SupportModel(page_kb)


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
