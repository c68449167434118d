"""A cache of loaded knowledge bases as JSON data, so a command line start reads no YAML.

Why: reading and validating the page's YAML costs about 35 ms of the command line's cold start
(PyYAML's import alone about 20 ms), the largest part of it that is ours. An entry holds the
validated facts of one load together with everything that load read: the knowledge base files
(names and whole text), the folder and working directory that name them in messages, and the
size and modification time of the loader's own source files. An entry is used only when all of
that is equal now, byte for byte, so a stale entry is never read. (Entries are found by a CRC of
the same inputs; a collision only costs a fresh load. hashlib was rejected: its import alone
costs more than reading an entry.)

Safety: an entry is JSON read by `json.loads` and turned into values only through the frozen
dataclasses and enums of kb.model, by name from a fixed table; nothing in it is run as code (no
pickle). An entry that does not decode into a KnowledgeBase is ignored and the files are loaded
as usual. Only knowledge bases that loaded without a problem are cached, so every problem is
still found and reported by the loader.

Where: $SYNCMATRIX_CACHE_DIR, else $XDG_CACHE_HOME/syncmatrix, else ~/.cache/syncmatrix; set
SYNCMATRIX_CACHE_DIR to an empty string to turn the cache off. At most MAX_ENTRIES entries are
kept, the least recently written are removed first.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import os
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kb import model

FORMAT = "syncmatrix-kb-cache-3"
MAX_ENTRIES = 64
_SOURCES = ("cache.py", "errors.py", "loader.py", "located.py", "model.py")

# The only types an entry may name: the facts of kb.model.
_CLASSES: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        model.Text,
        model.Choice,
        model.Variable,
        model.Condition,
        model.Statement,
        model.Document,
        model.Rule,
        model.KnowledgeBase,
    )
}
_ENUMS: dict[str, type[enum.Enum]] = {cls.__name__: cls for cls in (model.Severity, model.Kind, model.VariableType)}


def folder() -> Path | None:
    """The cache folder, or None when the cache is off."""
    configured = os.environ.get("SYNCMATRIX_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "syncmatrix"


def inputs(root: str, files: Iterable[tuple[str, bytes]]) -> dict[str, Any] | None:
    """What a load of `root` from `files` (name as reported, bytes) depends on, or None when a
    file is not UTF-8 text (the loader reports that; such a load is never cached)."""
    here = Path(__file__).resolve().parent
    try:
        sources = [[name, *_stamp(here / name)] for name in _SOURCES]
        texts = [[name, data.decode("utf-8")] for name, data in files]
    except (OSError, UnicodeDecodeError):
        return None
    return {"format": FORMAT, "root": root, "cwd": os.getcwd(), "sources": sources, "files": texts}


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _entry_name(depends: dict[str, Any]) -> str:
    crc, adler, size = 0, 1, 0
    for part in (depends["format"], depends["root"], depends["cwd"], repr(depends["sources"]), *depends["files"]):
        for text in part if isinstance(part, list) else (part,):
            data = text.encode("utf-8") + b"\0"
            crc, adler, size = zlib.crc32(data, crc), zlib.adler32(data, adler), size + len(data)
    return f"{crc:08x}{adler:08x}{size:x}"


def read(depends: dict[str, Any]) -> model.KnowledgeBase | None:
    """The knowledge base cached for exactly these `inputs`, or None."""
    place = folder()
    if place is None:
        return None
    try:
        document = json.loads((place / f"{_entry_name(depends)}.json").read_bytes(), object_hook=_fact)
        if not isinstance(document, dict) or document.get("inputs") != depends:
            return None
        value = document["kb"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return value if isinstance(value, model.KnowledgeBase) else None


def write(depends: dict[str, Any], kb: model.KnowledgeBase) -> None:
    """Cache `kb` as loaded from these `inputs`; a cache that cannot be written is skipped."""
    place = folder()
    if place is None:
        return
    text = json.dumps({"inputs": depends, "kb": _encode(kb)}, ensure_ascii=False, separators=(",", ":"))
    import tempfile  # only on a miss: its import costs a cold start that hits the cache

    try:
        place.mkdir(parents=True, exist_ok=True)
        # Written aside, then renamed: a reader never sees half an entry.
        handle, temporary = tempfile.mkstemp(dir=place, prefix=".entry-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, place / f"{_entry_name(depends)}.json")
        entries = sorted(place.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-MAX_ENTRIES]:
            old.unlink(missing_ok=True)
    except OSError:
        return


def _encode(value: Any) -> Any:
    """A fact as JSON: {"fact": class name, "fields": [values in field order]}, enums as
    {"enum": name, "value": value}, tuples as lists."""
    if isinstance(value, enum.Enum):
        return {"enum": type(value).__name__, "value": value.value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [_encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init]
        return {"fact": type(value).__name__, "fields": fields}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, str | bool | int):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _fact(value: dict[str, Any]) -> Any:
    """json's object hook, innermost objects first: a fact or enum named in the tables, or the
    mapping as it is. An unknown name raises KeyError, and the entry is ignored."""
    if "fact" in value:
        return _CLASSES[value["fact"]](*[_tuple(v) if type(v) is list else v for v in value["fields"]])
    if "enum" in value:
        return _ENUMS[value["enum"]](value["value"])
    return value


def _tuple(value: list[Any]) -> tuple[Any, ...]:
    return tuple([_tuple(v) if type(v) is list else v for v in value])
