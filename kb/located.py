"""YAML to plain Python values that remember their line numbers, through PyYAML's safe composer.

Only the composer runs (on libyaml's parser when PyYAML has it): no constructor builds objects
from tags, so a `!!python/...` tag is a reported problem, never an object. Aliases are allowed
but every expanded node counts against a budget, so an exponential alias bomb ends in a clear
problem instead of eating the memory.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kb.errors import Problem

if TYPE_CHECKING:
    import yaml

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000
MAX_DEPTH = 40

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:float",
}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@functools.cache
def _yaml() -> tuple[Any, type[Any], Any]:
    """PyYAML, the loader class and a safe constructor for scalars, imported on first use.

    Why late: importing PyYAML costs about 20 ms of the command line's cold start, and a
    knowledge base read from the loader's cache (kb.cache) needs no YAML at all.
    """
    import yaml

    return yaml, _composer_class(), yaml.constructor.SafeConstructor()


def _composer_class() -> type[Any]:
    """The safe loader whose composer reads the files: libyaml's scanner and parser when present.

    Why: PyYAML's pure-Python scanner spends about 70 ms on the page's rules file, most of the
    command line's cold start; libyaml's takes about 5 ms. Only the scanning and parsing move to C:
    the composer stays PyYAML's Python one (listed first, so its methods win over CParser's), so
    nesting still ends in a RecursionError we report, tags resolve through the same Resolver, and
    marks carry the same 0-based lines. The all-C `yaml.CSafeLoader` composer was rejected: its
    recursion is in C, bounded only by the nesting limit of the libyaml it was built against.
    Nothing here constructs objects from tags; `_convert` builds every value.
    """
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        return yaml.SafeLoader
    from yaml.composer import Composer
    from yaml.cyaml import CParser  # type: ignore[attr-defined]  # the stubs do not re-export it
    from yaml.resolver import Resolver

    class LibyamlComposer(Composer, CParser, Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)

    return LibyamlComposer


class LMap(dict[str, Any]):
    """A YAML mapping: `line` of the mapping, `lines[key]` of each key, `raw[key]` scalar text."""

    line: int
    lines: dict[str, int]
    raw: dict[str, str]


class LSeq(list[Any]):
    """A YAML sequence: `line` of the sequence, `lines[i]` of each item, `raw[i]` scalar text."""

    line: int
    lines: list[int]
    raw: list[str | None]


class _Budget:
    def __init__(self) -> None:
        self.nodes = 0


def load_file(path: Path, name: str) -> tuple[Any, list[Problem]]:
    """Read one YAML file; return its value (None when unreadable) and the problems found."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(name, 0, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, 0, f"cannot read the file: {exc.strerror or exc}")]
    if b"\x00" in data:
        return None, [Problem(name, 0, "binary file (contains NUL bytes); expected YAML text")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(name, line, "not UTF-8 text; save the file as UTF-8")]
    return load_text(text, name)


def load_text(text: str, name: str) -> tuple[Any, list[Problem]]:
    """Compose YAML text safely into located values; see load_file."""
    if not text.strip():
        return None, [Problem(name, 0, "the file is empty")]
    yaml, loader, _ = _yaml()
    try:
        nodes = list(yaml.compose_all(text, Loader=loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = exc.problem or exc.context or "syntax error"
        if "maximum nesting depth" in what:  # libyaml's own limit, met before our composer's recursion
            return None, [Problem(name, line, f"the document is nested too deeply (limit {MAX_DEPTH} levels)")]
        return None, [Problem(name, line, f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return None, [Problem(name, 0, f"YAML error: {exc}")]
    except RecursionError:
        return None, [Problem(name, 0, f"the document is nested too deeply (limit {MAX_DEPTH} levels)")]
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None, [Problem(name, 0, "the file holds no YAML document")]
    if len(nodes) > 1:
        return None, [Problem(name, nodes[1].start_mark.line + 1, "more than one YAML document; expected one")]
    problems: list[Problem] = []
    try:
        value = _convert(nodes[0], name, problems, _Budget(), 0)
    except _TooBig as exc:
        return None, [Problem(name, exc.line, str(exc))]
    return value, problems


class _TooBig(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _convert(node: yaml.Node, name: str, problems: list[Problem], budget: _Budget, depth: int) -> Any:
    yaml, _, constructor = _yaml()
    budget.nodes += 1
    line = node.start_mark.line + 1
    if budget.nodes > MAX_NODES:
        raise _TooBig(line, f"the document expands to more than {MAX_NODES:,} nodes (aliases?)")
    if depth > MAX_DEPTH:
        raise _TooBig(line, f"the document is nested too deeply (limit {MAX_DEPTH} levels)")
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in _COLLECTION_TAGS:
        problems.append(Problem(name, line, f"YAML tag '{node.tag}' is not allowed; use plain mappings and lists"))
        return None
    if isinstance(node, yaml.MappingNode):
        result = LMap()
        result.line, result.lines, result.raw = line, {}, {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(name, key_line, "a mapping key must be a plain name"))
                continue
            key = str(key_node.value)
            if key in result:
                problems.append(Problem(name, key_line, f"duplicate key '{key}' (first at line {result.lines[key]})"))
                continue
            result[key] = _convert(value_node, name, problems, budget, depth + 1)
            result.lines[key] = key_line
            if isinstance(value_node, yaml.ScalarNode):
                result.raw[key] = str(value_node.value)
        return result
    if isinstance(node, yaml.SequenceNode):
        seq = LSeq()
        seq.line, seq.lines, seq.raw = line, [], []
        for item in node.value:
            seq.append(_convert(item, name, problems, budget, depth + 1))
            seq.lines.append(item.start_mark.line + 1)
            seq.raw.append(str(item.value) if isinstance(item, yaml.ScalarNode) else None)
        return seq
    if node.tag not in _SCALAR_TAGS:
        problems.append(
            Problem(
                name,
                line,
                f"'{node.value}' is read by YAML with tag '{node.tag}', which is not allowed; "
                "use plain strings (quote the value), numbers and booleans",
            )
        )
        return None
    return constructor.construct_object(node, deep=True)
