"""YAML to plain Python values that remember their line numbers, through PyYAML's safe composer.

Only a composer runs (libyaml's when PyYAML has it): no constructor builds objects from tags, so a
`!!python/...` tag is a reported problem, never an object. Every input is bounded before it costs
anything: a file is read once, through one descriptor, only when it is a regular file of at most
MAX_FILE_BYTES; aliases are allowed but every expanded node counts against MAX_NODES, so an alias
bomb ends in a clear problem instead of eating the memory; a number longer than MAX_NUMBER_CHARS or
written in base 60 is a problem before anything converts it (Python refuses integers past 4,300
digits, and PyYAML converts a base-60 one in quadratic time: 40 s for a 1 MB one).
"""

from __future__ import annotations

import functools
import os
import stat
from typing import TYPE_CHECKING, Any

from syncmatrix.kb.errors import Problem
from syncmatrix.words import Said

if TYPE_CHECKING:
    import yaml

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000
MAX_DEPTH = 40
MAX_NUMBER_CHARS = 40  # a number of the knowledge base is a statement id or a footnote mark
MAX_KEY_CHARS = 100  # keys are names: of fields, variables, languages, remedies

# O_NONBLOCK: opening a FIFO must not wait for a writer (fstat then refuses it); O_NOCTTY: opening a
# terminal must not make it ours. Both are 0 where the platform has no such flag.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:float",
}
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_KINDS = (
    (stat.S_ISDIR, "yaml_kind_folder"),
    (stat.S_ISFIFO, "yaml_kind_fifo"),
    (stat.S_ISCHR, "yaml_kind_character_device"),
    (stat.S_ISBLK, "yaml_kind_block_device"),
    (stat.S_ISSOCK, "yaml_kind_socket"),
)


def readable(path: str | os.PathLike[str]) -> str:
    """A path as text that can always be printed: bytes that are not UTF-8 as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def reason(exc: OSError) -> str:
    """What went wrong, in a few words: 'permission denied'."""
    text = exc.strerror or type(exc).__name__
    return text[:1].lower() + text[1:]


@functools.cache
def _yaml() -> tuple[Any, type[Any], Any]:
    """PyYAML, the composer class and a safe constructor for scalars, imported on first use.

    Why late: commands that fail before reading the knowledge base (a bad option) need none of
    it. Kept for the process only, and made of code alone (no input goes in): nothing to go stale.
    """
    import yaml

    return yaml, _composer_class(), yaml.constructor.SafeConstructor()


def _composer_class() -> type[Any]:
    """The composer that reads the files: libyaml's, all in C, when PyYAML has libyaml.

    Why: PyYAML's Python scanner spends about 70 ms on the page's rules file and its Python
    composer about 4 ms more on libyaml's events; libyaml composes in about 5 ms in all. Its
    recursion is in C, so it is used only when the libyaml it was built with stops deep nesting
    itself: from 0.2.6 on, at 1,000 levels (libyaml pull request 287, merged after 0.2.5; a probe
    of 1,001 levels was rejected: it costs 2 ms, the scanner's work grows with the square of the
    depth). Otherwise PyYAML's Python composer runs on libyaml's parser (its recursion ends in a
    RecursionError we report), or PyYAML's pure Python SafeLoader without libyaml. Either way
    tags resolve through PyYAML's Resolver, marks carry 0-based lines, and nothing constructs
    objects from tags.
    """
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        return yaml.SafeLoader
    from yaml.composer import Composer
    from yaml.cyaml import CParser  # type: ignore[attr-defined]  # the stubs do not re-export it
    from yaml.resolver import Resolver

    class LibyamlComposer(CParser, Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Resolver.__init__(self)

    from yaml import _yaml as libyaml  # the C extension, present with libyaml

    if libyaml.get_version() >= (0, 2, 6):
        return LibyamlComposer

    class PythonComposer(Composer, CParser, Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)

    return PythonComposer


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


def read_file(path: str | os.PathLike[str], name: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file of at most MAX_FILE_BYTES, or None and the problem.

    One open, one descriptor: its fstat decides, and exactly the bytes read from it are returned
    (at most the limit plus one are ever read, so a file that grows meanwhile is refused too).
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        return None, [Problem(name, 0, Said("yaml_pb_missing"))]
    except OSError as exc:
        return None, [Problem(name, 0, Said("yaml_pb_cannot_open", reason=reason(exc)))]
    try:
        status = os.fstat(fd)
        mode, size = status.st_mode, status.st_size
        for test, kind in _KINDS:
            if test(mode):
                return None, [Problem(name, 0, Said("yaml_pb_special", kind=Said(kind)))]
        if not stat.S_ISREG(mode):
            return None, [Problem(name, 0, Said("yaml_pb_not_regular"))]
        if size > MAX_FILE_BYTES:
            return None, [Problem(name, 0, Said("yaml_pb_file_too_big", size=f"{size:,}", limit=f"{MAX_FILE_BYTES:,}"))]
        chunks: list[bytes] = []
        left = MAX_FILE_BYTES + 1
        while left > 0:
            chunk = os.read(fd, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        return None, [Problem(name, 0, Said("yaml_pb_cannot_read", reason=reason(exc)))]
    finally:
        os.close(fd)
    if left <= 0:
        return None, [Problem(name, 0, Said("yaml_pb_file_grew", limit=f"{MAX_FILE_BYTES:,}"))]
    return b"".join(chunks), []


def load_file(path: str | os.PathLike[str], name: str) -> tuple[Any, list[Problem]]:
    """Read one YAML file; return its value (None when unusable) and the problems found."""
    data, problems = read_file(path, name)
    if data is None:
        return None, problems
    return load_bytes(data, name)


def load_bytes(data: bytes, name: str) -> tuple[Any, list[Problem]]:
    """Compose the bytes of a file as UTF-8 YAML; see load_file."""
    if b"\x00" in data:
        return None, [Problem(name, 0, Said("yaml_pb_binary"))]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(name, line, Said("yaml_pb_not_utf8"))]
    return load_text(text, name)


def load_text(text: str, name: str) -> tuple[Any, list[Problem]]:
    """Compose YAML text safely into located values; see load_file."""
    if len(text) > MAX_FILE_BYTES:
        return None, [Problem(name, 0, Said("yaml_pb_text_too_long", n=f"{len(text):,}", limit=f"{MAX_FILE_BYTES:,}"))]
    if not text.strip():
        return None, [Problem(name, 0, Said("yaml_pb_empty"))]
    yaml, composer, _ = _yaml()
    loader = composer(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = exc.problem or exc.context or Said("yaml_syntax_error")
        if "maximum nesting depth" in what:  # libyaml's own limit, met before any recursion of ours
            return None, [Problem(name, line, Said("yaml_pb_too_deep", limit=MAX_DEPTH))]
        if "expected a single document" in str(exc.context):
            return None, [Problem(name, line, Said("yaml_pb_several_documents"))]
        return None, [Problem(name, line, Said("yaml_pb_syntax", what=what))]
    except yaml.YAMLError as exc:
        return None, [Problem(name, 0, Said("yaml_pb_error", error=str(exc)))]
    except RecursionError:
        return None, [Problem(name, 0, Said("yaml_pb_too_deep", limit=MAX_DEPTH))]
    finally:
        loader.dispose()
    if node is None:
        return None, [Problem(name, 0, Said("yaml_pb_no_document"))]
    problems: list[Problem] = []
    try:
        value = _convert(node, name, problems, _Budget(), 0)
    except _TooBig as exc:
        return None, [Problem(name, exc.line, exc.said)]
    return value, problems


class _TooBig(Exception):
    def __init__(self, line: int, said: Said) -> None:
        super().__init__(said)
        self.line, self.said = line, said


def clip(text: str, limit: int = 100) -> str:
    """`text` as echoed in a message: at most `limit` characters, '…' where it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _convert(node: yaml.Node, name: str, problems: list[Problem], budget: _Budget, depth: int) -> Any:
    yaml, _, constructor = _yaml()
    return _Walker(yaml, constructor, name, problems, budget).convert(node, depth)


class _Walker:
    """Turns composed nodes into located values (one walker per document; names bound once, as
    this runs for every node of every file)."""

    def __init__(self, yaml: Any, constructor: Any, name: str, problems: list[Problem], budget: _Budget) -> None:
        self.scalar, self.mapping, self.sequence = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
        self.constructor, self.name, self.problems, self.budget = constructor, name, problems, budget

    def convert(self, node: Any, depth: int) -> Any:
        self.budget.nodes += 1
        if self.budget.nodes > MAX_NODES:
            raise _TooBig(node.start_mark.line + 1, Said("yaml_pb_too_many_nodes", limit=f"{MAX_NODES:,}"))
        if depth > MAX_DEPTH:
            raise _TooBig(node.start_mark.line + 1, Said("yaml_pb_too_deep", limit=MAX_DEPTH))
        kind = type(node)
        if kind is self.scalar:
            if node.tag == "tag:yaml.org,2002:str":
                return node.value
            return _scalar(node, node.start_mark.line + 1, self.name, self.problems, self.constructor)
        line = node.start_mark.line + 1
        if node.tag not in _COLLECTION_TAGS:
            self.problems.append(Problem(self.name, line, Said("yaml_pb_collection_tag", tag=clip(node.tag))))
            return None
        if kind is self.mapping:
            return self.convert_mapping(node, line, depth)
        seq = LSeq()
        seq.line, seq.lines, seq.raw = line, [], []
        for item in node.value:
            seq.append(self.convert(item, depth + 1))
            seq.lines.append(item.start_mark.line + 1)
            seq.raw.append(item.value if type(item) is self.scalar else None)
        return seq

    def convert_mapping(self, node: Any, line: int, depth: int) -> LMap:
        result = LMap()
        result.line, result.lines, result.raw = line, {}, {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if type(key_node) is not self.scalar or key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(self.name, key_line, Said("yaml_pb_key_not_name")))
                continue
            key = key_node.value
            if len(key) > MAX_KEY_CHARS:
                said = Said("yaml_pb_key_too_long", n=f"{len(key):,}", key=clip(key), limit=MAX_KEY_CHARS)
                self.problems.append(Problem(self.name, key_line, said))
            elif key in result:
                said = Said("yaml_pb_duplicate_key", key=key, first=result.lines[key])
                self.problems.append(Problem(self.name, key_line, said))
            else:
                result[key] = self.convert(value_node, depth + 1)
                result.lines[key] = key_line
                if type(value_node) is self.scalar:
                    result.raw[key] = value_node.value
        return result


def _scalar(node: yaml.ScalarNode, line: int, name: str, problems: list[Problem], constructor: Any) -> Any:
    """A scalar as str, int, float, bool or None; numbers are bounded before they are converted."""
    value, tag = node.value, node.tag
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag not in _SCALAR_TAGS:
        problems.append(Problem(name, line, Said("yaml_pb_scalar_tag", value=clip(value), tag=clip(tag))))
        return None
    if tag in _NUMBER_TAGS:
        if len(value) > MAX_NUMBER_CHARS:
            said = Said("yaml_pb_number_too_long", n=f"{len(value):,}", value=clip(value), limit=MAX_NUMBER_CHARS)
            problems.append(Problem(name, line, said))
            return None
        if ":" in value:
            problems.append(Problem(name, line, Said("yaml_pb_base60", value=clip(value))))
            return None
    try:
        return constructor.construct_object(node, deep=True)
    except (ValueError, KeyError, _yaml()[0].YAMLError):
        # An explicit tag on a value it does not fit: `!!int abc`, `!!bool maybe`.
        problems.append(
            Problem(name, line, Said("yaml_pb_cannot_read_as", value=clip(value), type=tag.rsplit(":", 1)[-1]))
        )
        return None
