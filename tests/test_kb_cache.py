"""The loader's cache (kb.cache): the same facts as a fresh load, never code, never stale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import kb
from kb import cache

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SYNCMATRIX_CACHE_DIR", str(folder))
    return folder


def test_a_cached_load_equals_a_fresh_one(cache_dir, monkeypatch):
    first = kb.load(DATA)
    [entry] = cache_dir.glob("*.json")
    second = kb.load(DATA)
    assert second == first and second is not first
    assert [r.file for r in second.rules] == [r.file for r in first.rules]
    monkeypatch.setenv("SYNCMATRIX_CACHE_DIR", "")
    assert kb.load(DATA) == second
    assert list(cache_dir.glob("*.json")) == [entry]


def test_a_changed_file_is_read_again(cache_dir, tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(DATA, root)
    before = kb.load(root)
    rules = root / "rules" / "sss-onprem.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("severity: warning", "severity: error", 1), "utf-8")
    after = kb.load(root)
    assert after != before
    assert len(list(cache_dir.glob("*.json"))) == 2


def test_an_entry_that_is_not_facts_is_ignored(cache_dir):
    fresh = kb.load(DATA)
    [entry] = cache_dir.glob("*.json")
    document = json.loads(entry.read_text(encoding="utf-8"))
    document["kb"]["fields"][1][0] = {"fact": "Popen", "fields": [["touch", "owned"]]}
    entry.write_text(json.dumps(document), encoding="utf-8")
    assert kb.load(DATA) == fresh
    entry.write_text("{not json", encoding="utf-8")
    assert kb.load(DATA) == fresh


def test_problems_are_never_cached(cache_dir, tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(DATA, root)
    (root / "variables.yaml").write_text("variables: [", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(kb.KbError):
            kb.load(root)
    assert not list(cache_dir.glob("*.json"))


def test_entries_are_capped(cache_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    root = tmp_path / "kb"
    shutil.copytree(DATA, root)
    for i in range(4):
        (root / "sources.yaml").write_text(
            (DATA / "sources.yaml").read_text(encoding="utf-8") + f"\n# {i}\n", encoding="utf-8"
        )
        kb.load(root)
    assert len(list(cache_dir.glob("*.json"))) == 2
