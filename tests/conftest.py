from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from oracle import UNSUPPORTED, Oracle  # noqa: E402  (the path above makes tests/ importable)

import kb  # noqa: E402
from solver import SupportModel  # noqa: E402


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
