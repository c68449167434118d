"""Load a knowledge base folder and validate every fact in it.

A knowledge base folder holds `variables.yaml` (the vocabulary), `sources.yaml` (the documents and
their statements) and `rules/*.yaml` (the rules, one file per document). Every problem is
collected and reported with its file and line; nothing in a file is ever run as code.
"""

from __future__ import annotations

import datetime
import importlib.util
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from syncmatrix.kb.errors import KbError, Problem, closest, one_of
from syncmatrix.kb.located import LMap, LSeq, clip, load_file, readable, reason
from syncmatrix.kb.model import (
    LANGUAGES,
    Advisory,
    Choice,
    Condition,
    Document,
    Kind,
    KnowledgeBase,
    RetiredRemedy,
    Rule,
    Section,
    Severity,
    Statement,
    Supersession,
    Text,
    Value,
    ValueGroup,
    Variable,
    VariableType,
    format_value,
)
from syncmatrix.words import Said


def _shipped() -> Path:
    """The knowledge base the package ships (syncmatrix.data: the repository's data/, in a wheel and
    in an editable install alike), found by its import spec: importlib.resources would import
    tempfile, zipfile and more on every start for one folder's path (5 ms of the benchmark case
    cli/cold-start, whose ratio was 1.9 with it)."""
    spec = importlib.util.find_spec("syncmatrix.data")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("syncmatrix.data", name="syncmatrix.data")  # the package is broken
    return Path(next(iter(spec.submodule_search_locations)))


DEFAULT_KB = _shipped()
MAX_RULE_FILES = 200
MAX_NAME_CHARS = 100  # names and ids: of variables, values, documents, statements, rules
MAX_NOTE_CHARS = 1000  # a document's edition and origin


def _did_you_mean(word: str, choices: Iterable[str]) -> Said | str:
    """A "did you mean" after a problem, when a choice is close to `word`; '' otherwise."""
    close = closest(word, choices)
    return Said("did_you_mean", word=close) if close else ""


def load(root: str | os.PathLike[str] | None = None) -> KnowledgeBase:
    """Load and validate the knowledge base in `root` (default: the project's data/).

    Every file is read once and bounded (kb.located.read_file); the rule files are listed and
    counted before any is read. Raises KbError with every problem found, sorted by file and line.
    """
    folder = Path(root) if root is not None else DEFAULT_KB
    reader = _Reader(folder)
    try:
        is_folder = stat.S_ISDIR(os.stat(folder).st_mode)
    except FileNotFoundError:
        is_folder = False
    except OSError as exc:
        raise KbError([Problem(reader.name(folder), 0, Said("kb_pb_cannot_open", reason=reason(exc)))]) from None
    except ValueError:  # a NUL character, which no path can hold
        name = readable(repr(str(folder)))
        raise KbError([Problem(name, 0, Said("kb_pb_nul"))]) from None
    if not is_folder:
        raise KbError([Problem(reader.name(folder), 0, Said("kb_pb_not_folder"))])
    rule_files = reader.rule_files(folder / "rules")
    variables = reader.variables(folder / "variables.yaml")
    documents = reader.sources(folder / "sources.yaml")
    rules: list[Rule] = []
    for path in rule_files:
        rules.extend(reader.rules(path, variables, documents))
    reader.cross_check(rules)
    reader.dated_within(rules)
    rules = _phases(rules, reader)
    if reader.problems:
        raise KbError(reader.problems)
    return KnowledgeBase(
        variables=tuple(variables.values()),
        rules=tuple(rules),
        documents=tuple(documents.values()),
        boolean_labels=reader.boolean_labels,
        root=str(folder),
        advisories=tuple(reader.advisories.values()),
        sections=reader.sections,
    )


_VARIABLE_KEYS = {
    "name": True,
    "type": True,
    "label": True,
    "description": True,
    "values": False,
    "expected_dead": False,
    "groups": False,
    "effort": False,
    "aliases": False,
    "hints": False,
}
_SECTION_KEYS = {"name": True, "label": True, "variables": True}
MAX_EFFORT = 9
# A path in the repository, with an optional anchor: docs/READINGS.md#readings
_REPOSITORY_PATH = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*(#[A-Za-z0-9_-]+)?")
_GROUP_KEYS = {"name": True, "label": True, "values": True}
_CHOICE_KEYS = {"name": True, "label": True, "aliases": False, "hints": False}
_DOCUMENT_KEYS = {
    "id": True,
    "title": True,
    "short": True,
    "edition": True,
    "origin": True,
    "url": False,
    "statements": True,
}
_STATEMENT_KEYS = {"id": True, "section": True, "item": True, "about": True, "mark": False, "url": False}
_RULE_FILE_KEYS = {"document": True, "applies_when": False, "advisories": False, "remedies": False, "rules": True}
_ADVISORY_KEYS = {"title": True, "from": True, "source": True}
_REMEDY_KEYS = {"source": True, "en": True, "vi": True, "retired": False}
_RETIRED_KEYS = {"from": True, "advisory": False, "source": True, "en": True, "vi": True}
_SUPERSEDED_KEYS = {"advisory": True, "from": True}
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_Remedies = dict[str, tuple[Text, tuple[str, ...], RetiredRemedy | None]]
_RULE_KEYS = {
    "id": True,
    "title": False,
    "severity": True,
    "kind": True,
    "source": True,
    "reading": False,
    "when": True,
    "message": True,
    "remedy": False,
    "advisory": False,
    "from": False,
    "superseded": False,
}


def _phases(rules: list[Rule], reader: _Reader) -> list[Rule]:
    """The rules with the last day of each advisory phase (`valid_until`): the day before the next
    phase of the same advisory over the same configurations (`when`) begins. Two phases that begin
    on the same day are a problem."""
    chains: dict[tuple[str, tuple[Condition, ...]], list[Rule]] = {}
    for rule in rules:
        if rule.kind is Kind.ADVISORY and rule.advisory is not None:
            chains.setdefault((rule.advisory, rule.when), []).append(rule)
    until: dict[str, datetime.date] = {}
    for phases in chains.values():
        phases.sort(key=lambda r: r.valid_from or datetime.date.min)
        for before, after in zip(phases, phases[1:], strict=False):
            if before.valid_from == after.valid_from:
                begins = "always" if after.valid_from is None else after.valid_from.isoformat()
                said = Said(
                    "kb_pb_phase_same_day",
                    rule=after.id,
                    advisory=after.advisory,
                    other=before.id,
                    file=before.file,
                    line=before.line,
                    day=begins,
                )
                reader.problem(after.file, after.line, said)
            elif after.valid_from is not None:
                until[before.id] = after.valid_from - datetime.timedelta(days=1)
    return [replace(r, valid_until=until[r.id]) if r.id in until else r for r in rules]


class _Reader:
    """Collects problems while it turns located YAML into facts."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[Problem] = []
        self.boolean_labels = (Text("No", "Không"), Text("Yes", "Có"))
        self.advisories: dict[str, Advisory] = {}  # declared in the rule files, by id
        # What names an advisory, checked once every file is read: (file, line, what, advisory, first day).
        self._dated: list[tuple[str, int, str, str, datetime.date | None]] = []
        self._named: set[str] = set()  # every advisory id a rule or remedy names, valid or not
        # What supersedes a rule of the page layer: (file, line, what, advisory, day), checked once
        # every file is read, against the advisory's phases.
        self._superseding: list[tuple[str, int, str, str, datetime.date]] = []
        self.unread_rule_file = False
        self.variables_by_name: dict[str, Variable] = {}
        # Each variable's aliases and hints with their lines, for the clashes between variables.
        self.variable_names_at: dict[str, tuple[list[tuple[str, int]], list[tuple[str, int]]]] = {}
        self.sections: tuple[Section, ...] = ()  # the form's parts (variables.yaml `sections`)

    # --- reporting -------------------------------------------------------------------------------
    def name(self, path: Path) -> str:
        """`path` as messages name it: relative to the working directory when inside it, and
        always printable (bytes that are not UTF-8 as \\xNN)."""
        try:
            rel = os.path.relpath(path)
        except (OSError, ValueError):  # no working directory any more; another drive
            rel = ".."
        return readable(path.as_posix() if rel.startswith("..") else Path(rel).as_posix())

    def problem(self, path: Path | str, line: int, message: str) -> None:
        name = path if isinstance(path, str) else self.name(path)
        self.problems.append(Problem(name, line, message))

    def rule_files(self, folder: Path) -> list[Path]:
        """The rule files (`folder`/*.yaml), sorted; listed and counted before any is read."""
        names: list[str] = []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".yaml"):
                        names.append(entry.name)
                        if len(names) > MAX_RULE_FILES:
                            self.problem(folder, 0, Said("kb_pb_too_many_files", limit=MAX_RULE_FILES))
                            return []
        except FileNotFoundError:
            pass
        except NotADirectoryError:
            self.problem(folder, 0, Said("kb_pb_rules_not_folder"))
            return []
        except OSError as exc:
            self.problem(folder, 0, Said("kb_pb_cannot_list", reason=reason(exc)))
            return []
        if not names:
            self.problem(folder, 0, Said("kb_pb_no_rule_files"))
        paths = []
        for name in sorted(names):
            path = folder / name
            if readable(name) != name:
                self.problem(path, 0, Said("kb_pb_name_not_utf8"))
            else:
                paths.append(path)
        return paths

    def read(self, path: Path) -> Any:
        value, problems = load_file(path, self.name(path))
        self.problems.extend(problems)
        # A file with problems at the YAML level is not read further: what follows from a rejected
        # value would only repeat the same problem in other words.
        return None if problems else value

    def top(self, path: Path, what: str, keys: dict[str, bool]) -> LMap | None:
        """The top-level mapping of a file, or None when the file or its shape is unusable."""
        raw = self.read(path)
        return None if raw is None else self.mapping(self.name(path), raw, 1, what, keys)

    # --- shapes ----------------------------------------------------------------------------------
    def mapping(self, file: str, value: Any, line: int, what: str, keys: dict[str, bool]) -> LMap | None:
        """`value` as a mapping with only `keys` (True = required); None when it is not one."""
        if not isinstance(value, LMap):
            self.problem(file, line, Said("kb_pb_not_mapping", what=what, keys=one_of(keys)))
            return None
        for key in value:
            if key not in keys:
                hint = _did_you_mean(key, keys)
                self.problem(
                    file, value.lines[key], Said("kb_pb_unknown_key", word=key, what=what, keys=one_of(keys), hint=hint)
                )
        for key, required in keys.items():
            if required and key not in value:
                self.problem(file, value.line, Said("kb_pb_lacks_key", what=what, word=key))
        return value

    def sequence(self, file: str, m: LMap, key: str, what: str) -> LSeq:
        value = m.get(key)
        if not isinstance(value, LSeq):
            if key in m:
                self.problem(file, m.lines[key], Said("kb_pb_not_list", word=key, what=what))
            empty = LSeq()
            empty.line, empty.lines, empty.raw = m.line, [], []
            return empty
        return value

    def string(self, file: str, m: LMap, key: str, what: str, limit: int = MAX_NAME_CHARS) -> str | None:
        """A non-empty text of at most `limit` characters under `key` (by default a name or id)."""
        value = m.get(key)
        if key not in m:
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(file, m.lines[key], Said("kb_pb_empty_text", word=key, what=what))
            return None
        if len(value) > limit:
            self.too_long(file, m.lines[key], f"'{key}' of {what}", value, limit)
            return None
        return value

    def too_long(self, file: str, line: int, what: str, value: str, limit: int) -> None:
        self.problem(file, line, Said("kb_pb_too_long", what=what, n=f"{len(value):,}", text=clip(value), limit=limit))

    def text(self, file: str, m: LMap, key: str, what: str) -> Text | None:
        """A mapping {en: …, vi: …} under `key`: every language, nothing else."""
        if key not in m:
            return None
        return self.text_value(file, m[key], m.lines[key], f"'{key}' of {what}")

    def text_value(self, file: str, value: Any, line: int, what: str) -> Text | None:
        if not isinstance(value, LMap):
            self.problem(file, line, Said("kb_pb_not_text", what=what, languages=one_of(LANGUAGES)))
            return None
        words: dict[str, str] = {}
        for lang in value:
            if lang not in LANGUAGES:
                hint = _did_you_mean(lang, LANGUAGES)
                said = Said("kb_pb_unknown_language", lang=lang, what=what, languages=one_of(LANGUAGES), hint=hint)
                self.problem(file, value.lines[lang], said)
            elif not isinstance(value[lang], str) or not value[lang].strip():
                self.problem(file, value.lines[lang], Said("kb_pb_empty_translation", lang=lang, what=what))
            else:
                words[lang] = " ".join(value[lang].split())
        for lang in LANGUAGES:
            if lang not in value:
                self.problem(file, line, Said("kb_pb_lacks_translation", what=what, lang=lang))
        if len(words) != len(LANGUAGES):
            return None
        return Text(**words)

    def each_mapping(
        self, file: str, seq: LSeq, what: str, keys: dict[str, bool], read: Callable[[LMap], None]
    ) -> None:
        for i, item in enumerate(seq):
            ident = item.get("id", item.get("name")) if isinstance(item, LMap) else None
            named = f"{what.split(' ', 1)[1]} '{clip(ident)}'" if isinstance(ident, str) and " " in what else what
            m = self.mapping(file, item, seq.lines[i], named, keys)
            if m is not None:
                read(m)

    # --- variables.yaml --------------------------------------------------------------------------
    def variables(self, path: Path) -> dict[str, Variable]:
        file = self.name(path)
        top = self.top(path, "variables.yaml", {"booleans": True, "sections": False, "variables": True})
        if top is None:
            return {}
        self._booleans(file, top)
        result: dict[str, Variable] = {}

        def read(m: LMap) -> None:
            variable = self._variable(file, m)
            if variable is None:
                return
            if variable.name in result:
                first = result[variable.name].line
                self.problem(file, m.line, Said("kb_pb_variable_twice", name=variable.name, first=first))
                return
            result[variable.name] = variable

        self.each_mapping(
            file, self.sequence(file, top, "variables", "variables.yaml"), "a variable", _VARIABLE_KEYS, read
        )
        if not result and "variables" in top:
            self.problem(file, top.lines["variables"], Said("kb_pb_no_variables"))
        self._clashes(
            file,
            "the variables",
            {name: f"the variable '{name}'" for name in result},
            {f"variable '{n}'": listed[0] for n, listed in self.variable_names_at.items() if n in result},
            {f"variable '{n}'": listed[1] for n, listed in self.variable_names_at.items() if n in result},
        )
        self.variables_by_name = result
        if "sections" in top:
            self.sections = self._sections(file, top, result)
        return result

    def _sections(self, file: str, top: LMap, variables: dict[str, Variable]) -> tuple[Section, ...]:
        """`sections`: the form's parts, each listing variables; every variable in exactly one."""
        sections: dict[str, Section] = {}
        placed: dict[str, str] = {}  # variable -> its section

        def read(m: LMap) -> None:
            name = self.string(file, m, "name", "a section")
            label = self.text(file, m, "label", f"section '{name}'")
            if name is None or label is None:
                return
            if not name.isidentifier() or name in sections:
                clash = "kb_pb_section_twice" if name in sections else "kb_pb_section_not_identifier"
                self.problem(file, m.lines["name"], Said(clash, name=clip(name)))
                return
            members = self.sequence(file, m, "variables", f"section '{name}'")
            listed: list[str] = []
            for i, item in enumerate(members):
                shown = clip(str(members.raw[i] if members.raw[i] is not None else item))
                if not isinstance(item, str) or item not in variables:
                    hint = _did_you_mean(shown, variables)
                    said = Said(
                        "kb_pb_section_not_variable", name=name, word=shown, choices=one_of(variables), hint=hint
                    )
                    self.problem(file, members.lines[i], said)
                elif item in placed:
                    self.problem(
                        file, members.lines[i], Said("kb_pb_already_in_section", name=item, section=placed[item])
                    )
                else:
                    placed[item] = name
                    listed.append(item)
            if not members and "variables" in m:
                self.problem(file, m.lines["variables"], Said("kb_pb_section_empty", name=name))
            sections[name] = Section(name, label, tuple(listed), m.line)

        self.each_mapping(
            file, self.sequence(file, top, "sections", "variables.yaml"), "a section", _SECTION_KEYS, read
        )
        missing = [name for name in variables if name not in placed]
        if missing and sections:
            self.problem(file, top.lines["sections"], Said("kb_pb_sections_leave_out", missing=one_of(missing)))
        return tuple(sections.values())

    def _effort(self, file: str, m: LMap, what: str) -> int:
        if "effort" not in m:
            return 1
        value = m["effort"]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_EFFORT:
            shown = clip(str(m.raw.get("effort", value)))
            self.problem(file, m.lines["effort"], Said("kb_pb_effort", what=what, text=shown, limit=MAX_EFFORT))
            return 1
        return value

    def _booleans(self, file: str, top: LMap) -> None:
        m = self.mapping(
            file, top.get("booleans"), top.lines.get("booleans", top.line), "'booleans'", {"true": True, "false": True}
        )
        if m is None:
            return
        no, yes = self.text(file, m, "false", "'booleans'"), self.text(file, m, "true", "'booleans'")
        if no and yes:
            self.boolean_labels = (no, yes)

    def _variable(self, file: str, m: LMap) -> Variable | None:
        name = self.string(file, m, "name", "a variable")
        what = f"variable '{name}'" if name else "a variable"
        if name is not None and not name.isidentifier():
            self.problem(file, m.lines["name"], Said("kb_pb_variable_not_identifier", name=name))
        type_text = self.string(file, m, "type", what)
        vtype = None
        if type_text is not None:
            if type_text in VariableType.__members__.values():
                vtype = VariableType(type_text)
            else:
                allowed = [t.value for t in VariableType]
                hint = _did_you_mean(type_text, allowed)
                said = Said("kb_pb_unknown_type", word=type_text, what=what, choices=one_of(allowed), hint=hint)
                self.problem(file, m.lines["type"], said)
        label = self.text(file, m, "label", what)
        description = self.text(file, m, "description", what)
        choices: list[Choice] = []
        if vtype is VariableType.BOOL:
            if "values" in m:
                self.problem(file, m.lines["values"], Said("kb_pb_bool_values", what=what))
            choices = [Choice(False, self.boolean_labels[0]), Choice(True, self.boolean_labels[1])]
        elif vtype is VariableType.ENUM:
            choices = self._choices(file, m, what)
        expected_dead = self._expected_dead(file, m, what, choices)
        groups = self._groups(file, m, what, choices)
        effort = self._effort(file, m, what)
        aliases = self._names(file, m, "aliases", what)
        hints = self._names(file, m, "hints", what)
        if None in (name, vtype, label, description) or not choices:
            return None
        assert name is not None and vtype is not None and label is not None and description is not None
        self.variable_names_at[name] = (aliases, hints)
        return Variable(
            name,
            vtype,
            label,
            description,
            tuple(choices),
            expected_dead,
            file,
            m.line,
            groups,
            effort,
            tuple(a for a, _ in aliases),
            tuple(h for h, _ in hints),
        )

    def _names(self, file: str, m: LMap, key: str, what: str) -> list[tuple[str, int]]:
        """`aliases` or `hints`: a list of names people type, each a plain lower-case identifier,
        with the line it is on; one listed twice is a problem."""
        if key not in m:
            return []
        seq = self.sequence(file, m, key, what)
        found: list[tuple[str, int]] = []
        for i, item in enumerate(seq):
            shown = clip(str(seq.raw[i] if seq.raw[i] is not None else item))
            if (
                not isinstance(item, str)
                or not item.isidentifier()
                or item != item.lower()
                or item in ("true", "false")
            ):
                self.problem(file, seq.lines[i], Said("kb_pb_name_not_plain", word=key, what=what, name=shown))
            elif any(item == name for name, _ in found):
                self.problem(file, seq.lines[i], Said("kb_pb_lists_twice", word=key, what=what, item=item))
            else:
                found.append((item, seq.lines[i]))
        return found

    def _clashes(
        self,
        file: str,
        what: str,
        names: dict[str, str],
        aliases: dict[str, list[tuple[str, int]]],
        hints: dict[str, list[tuple[str, int]]],
    ) -> None:
        """An alias is one name for one thing: it may not be a name (`names`: name -> what it is) or
        another alias; a hint, which may be shared, may not be either."""
        taken: dict[str, str] = dict(names)
        # A name without its punctuation (exchange2016) is refused on purpose, with the name suggested:
        # an alias may not make it accepted.
        squeezed = {name.replace("_", ""): name for name in names}
        for owner, listed in aliases.items():
            for alias, line in listed:
                if alias in taken:
                    said = Said("kb_pb_alias_taken", alias=alias, owner=owner, what=what, taken=taken[alias])
                    self.problem(file, line, said)
                elif alias.replace("_", "") in squeezed:
                    name = squeezed[alias.replace("_", "")]
                    self.problem(
                        file, line, Said("kb_pb_alias_squeezed", alias=alias, owner=owner, what=what, name=name)
                    )
                else:
                    taken[alias] = Said("kb_what_alias_of", owner=owner)
        for owner, listed in hints.items():
            for hint, line in listed:
                if hint in taken:
                    self.problem(
                        file, line, Said("kb_pb_hint_taken", hint=hint, owner=owner, what=what, taken=taken[hint])
                    )

    def _choices(self, file: str, m: LMap, what: str) -> list[Choice]:
        if "values" not in m:
            self.problem(file, m.line, Said("kb_pb_enum_no_values", what=what))
            return []
        seq = self.sequence(file, m, "values", what)
        choices: list[Choice] = []
        seen: dict[str, int] = {}

        def read(c: LMap) -> None:
            value = self.string(file, c, "name", f"a value of {what}")
            label = self.text(file, c, "label", f"value '{value}' of {what}")
            if value is None or label is None:
                return
            if value in seen:
                self.problem(file, c.line, Said("kb_pb_value_twice", value=value, what=what, first=seen[value]))
                return
            if value in ("true", "false") or not value.isidentifier():
                self.problem(file, c.lines["name"], Said("kb_pb_value_not_identifier", value=value, what=what))
                return
            seen[value] = c.line
            aliases[value] = self._names(file, c, "aliases", f"value '{value}' of {what}")
            hints[value] = self._names(file, c, "hints", f"value '{value}' of {what}")
            choices.append(Choice(value, label, tuple(a for a, _ in aliases[value]), tuple(h for h, _ in hints[value])))

        aliases: dict[str, list[tuple[str, int]]] = {}
        hints: dict[str, list[tuple[str, int]]] = {}
        self.each_mapping(file, seq, f"a value of {what}", _CHOICE_KEYS, read)
        if not seq and "values" in m:
            self.problem(file, m.lines["values"], Said("kb_pb_no_values", what=what))
        self._clashes(
            file,
            what,
            {str(c.value): f"the value '{c.value}'" for c in choices},
            {f"value '{v}'": listed for v, listed in aliases.items()},
            {f"value '{v}'": listed for v, listed in hints.items()},
        )
        return choices

    def _expected_dead(self, file: str, m: LMap, what: str, choices: list[Choice]) -> tuple[Value, ...]:
        if "expected_dead" not in m:
            return ()
        seq = self.sequence(file, m, "expected_dead", what)
        names = {format_value(c.value): c.value for c in choices}
        dead: list[Value] = []
        for i, item in enumerate(seq):
            text = seq.raw[i] if isinstance(item, bool) else item
            if not isinstance(text, str) or text not in names:
                hint = _did_you_mean(str(text), names)
                said = Said("kb_pb_dead_not_value", what=what, word=clip(str(text)), choices=one_of(names), hint=hint)
                self.problem(file, seq.lines[i], said)
            else:
                dead.append(names[text])
        return tuple(dead)

    def _groups(self, file: str, m: LMap, what: str, choices: list[Choice]) -> tuple[ValueGroup, ...]:
        """`groups`: named sets of the variable's values; a member is a value or an earlier group."""
        if "groups" not in m:
            return ()
        if choices and isinstance(choices[0].value, bool):
            self.problem(file, m.lines["groups"], Said("kb_pb_bool_groups", what=what))
            return ()
        domain = [c.value for c in choices]
        groups: dict[str, ValueGroup] = {}

        def read(g: LMap) -> None:
            name = self.string(file, g, "name", f"a group of {what}")
            label = self.text(file, g, "label", f"group '{name}' of {what}")
            if name is None or label is None:
                return
            if not name.isidentifier() or name in domain or name in groups:
                clash = "value" if name in domain else "twice" if name in groups else "not_identifier"
                self.problem(file, g.lines["name"], Said(f"kb_pb_group_name_{clash}", name=clip(name), what=what))
                return
            members = self.sequence(file, g, "values", f"group '{name}' of {what}")
            values: set[Value] = set()
            for i, item in enumerate(members):
                if isinstance(item, str) and item in groups:
                    values.update(groups[item].values)
                elif isinstance(item, str) and item in domain:
                    values.add(item)
                else:
                    shown = clip(str(members.raw[i] if members.raw[i] is not None else item))
                    allowed = domain + list(groups)
                    choices, hint = one_of(str(a) for a in allowed), _did_you_mean(shown, map(str, allowed))
                    said = Said("kb_pb_group_member", name=name, what=what, word=shown, choices=choices, hint=hint)
                    self.problem(file, members.lines[i], said)
            if not members and "values" in g:
                self.problem(file, g.lines["values"], Said("kb_pb_group_empty", name=name, what=what))
            if values:
                groups[name] = ValueGroup(name, label, tuple(v for v in domain if v in values), g.line)

        self.each_mapping(file, self.sequence(file, m, "groups", what), f"a group of {what}", _GROUP_KEYS, read)
        return tuple(groups.values())

    # --- sources.yaml ----------------------------------------------------------------------------
    def sources(self, path: Path) -> dict[str, Document]:
        file = self.name(path)
        top = self.top(path, "sources.yaml", {"documents": True})
        if top is None:
            return {}
        result: dict[str, Document] = {}

        def read(m: LMap) -> None:
            doc = self._document(file, m)
            if doc is None:
                return
            if doc.id in result:
                self.problem(file, m.line, Said("kb_pb_document_twice", name=doc.id))
                return
            result[doc.id] = doc

        self.each_mapping(
            file, self.sequence(file, top, "documents", "sources.yaml"), "a document", _DOCUMENT_KEYS, read
        )
        return result

    def _document(self, file: str, m: LMap) -> Document | None:
        doc_id = self.string(file, m, "id", "a document")
        what = f"document '{doc_id}'"
        if doc_id is not None and "/" in doc_id:
            self.problem(file, m.lines["id"], Said("kb_pb_document_slash", name=doc_id))
            doc_id = None
        title, short = self.text(file, m, "title", what), self.text(file, m, "short", what)
        edition = self.string(file, m, "edition", what, limit=MAX_NOTE_CHARS)
        origin = self.string(file, m, "origin", what, limit=MAX_NOTE_CHARS)
        url = self._url(file, m, what)
        statements: dict[str, Statement] = {}

        def read(s: LMap) -> None:
            sid = s.get("id")
            if isinstance(sid, int) and not isinstance(sid, bool):
                sid = str(sid)
            if not isinstance(sid, str) or not sid.strip():
                self.problem(file, s.lines.get("id", s.line), Said("kb_pb_statement_no_id", what=what))
                return
            if len(sid) > MAX_NAME_CHARS:
                self.too_long(file, s.lines["id"], Said("kb_what_statement_id", what=what), sid, MAX_NAME_CHARS)
                return
            swhat = f"statement '{sid}' of {what}"
            section, item, about = (self.text(file, s, k, swhat) for k in ("section", "item", "about"))
            mark = s.get("mark")
            if mark is not None and (
                isinstance(mark, bool)
                or not isinstance(mark, str | int)
                or not str(mark).strip()
                or len(str(mark)) > MAX_NAME_CHARS
            ):
                self.problem(file, s.lines["mark"], Said("kb_pb_mark", what=swhat))
                mark = None
            ref = f"{doc_id}/{sid}"
            if ref in statements:
                self.problem(file, s.line, Said("kb_pb_defined_twice", what=swhat))
            elif section and item and about:
                link = self._url(file, s, swhat) or url or ""
                statements[ref] = Statement(ref, section, item, about, None if mark is None else str(mark), link)

        self.each_mapping(
            file, self.sequence(file, m, "statements", what), f"a statement of {what}", _STATEMENT_KEYS, read
        )
        if doc_id is None or title is None or short is None or edition is None or origin is None:
            return None
        return Document(doc_id, title, short, edition, origin, tuple(statements.values()), url or "")

    def _url(self, file: str, m: LMap, what: str) -> str | None:
        """`url`: an https address, or a relative path in the repository such as docs/READINGS.md."""
        if "url" not in m:
            return None
        text = self.string(file, m, "url", what, limit=MAX_NOTE_CHARS)
        if text is None:
            return None
        relative = _REPOSITORY_PATH.fullmatch(text) is not None and ".." not in text.split("/")
        if any(c.isspace() or not c.isprintable() for c in text) or not (text.startswith("https://") or relative):
            self.problem(file, m.lines["url"], Said("kb_pb_url", what=what, text=clip(text)))
            return None
        return text

    # --- rules/*.yaml ----------------------------------------------------------------------------
    def rules(self, path: Path, variables: dict[str, Variable], documents: dict[str, Document]) -> list[Rule]:
        file = self.name(path)
        top = self.top(path, "a rule file", _RULE_FILE_KEYS)
        if top is None:
            self.unread_rule_file = True  # the advisories it declares are unknown: see dated_within
            return []
        statements = {s.ref for d in documents.values() for s in d.statements}
        document = self.string(file, top, "document", Said("kb_what_the_rule_file"))
        if document is not None and documents and document not in documents:
            hint = _did_you_mean(document, documents)
            said = Said("kb_pb_unknown_document", name=document, choices=one_of(documents), hint=hint)
            self.problem(file, top.lines["document"], said)
        applies = self._when(file, top, "applies_when", "'applies_when'", variables) if "applies_when" in top else []
        if "advisories" in top:
            self._advisories(file, top, statements)
        remedies = self._remedies(file, top, statements)
        rules: list[Rule] = []

        def read(m: LMap) -> None:
            rule = self._rule(file, m, variables, statements, applies, remedies, document or "")
            if rule is not None:
                rules.append(rule)

        rule_list = self.sequence(file, top, "rules", Said("kb_what_the_rule_file"))
        self.each_mapping(file, rule_list, "a rule", _RULE_KEYS, read)
        return rules

    def _advisories(self, file: str, top: LMap, statements: set[str]) -> None:
        """`advisories`: {ID: {title: {en, vi}, from: "YYYY-MM-DD" or always, source}}, the advisories
        whose phases the rules are."""
        m = top["advisories"]
        if not isinstance(m, LMap) or not m:
            self.problem(file, top.lines["advisories"], Said("kb_pb_advisories_not_mapping"))
            return
        for name in m:
            what = f"advisory '{name}'"
            a = self.mapping(file, m[name], m.lines[name], what, _ADVISORY_KEYS)
            if a is None:
                continue
            if not isinstance(name, str) or len(name) > MAX_NAME_CHARS:
                self.problem(file, m.lines[name], Said("kb_pb_advisory_id", limit=MAX_NAME_CHARS))
                continue
            if name in self.advisories:
                other = self.advisories[name]
                self.problem(
                    file, m.lines[name], Said("kb_pb_declared_twice", what=what, file=other.file, line=other.line)
                )
                continue
            title = self.text(file, a, "title", what)
            day = self._day(file, a, what, always=True) if "from" in a else None
            sources = self._sources(file, a, what, statements)
            if title is None or day is None or not sources:
                continue
            valid_from = day if isinstance(day, datetime.date) else None
            self.advisories[name] = Advisory(name, title, valid_from, sources, file, m.lines[name])

    def _remedies(self, file: str, top: LMap, statements: set[str]) -> _Remedies:
        if "remedies" not in top:
            return {}
        m = top["remedies"]
        if not isinstance(m, LMap):
            self.problem(file, top.lines["remedies"], Said("kb_pb_remedies_not_mapping"))
            return {}
        result: _Remedies = {}
        for name in m:
            r = self.mapping(file, m[name], m.lines[name], f"remedy '{name}'", _REMEDY_KEYS)
            if r is None:
                continue
            sources = self._sources(file, r, f"remedy '{name}'", statements)
            text = self._remedy_text(file, r, f"remedy '{name}'")
            retired = self._retired(file, r, name, statements) if "retired" in r else None
            if text is not None:
                result[name] = (text, sources, retired)
        return result

    def _retired(self, file: str, r: LMap, name: str, statements: set[str]) -> RetiredRemedy | None:
        """`retired` of a remedy: {from: "YYYY-MM-DD", advisory, source, en, vi}."""
        what = Said("kb_what_retired", name=name)
        m = self.mapping(file, r["retired"], r.lines["retired"], what, _RETIRED_KEYS)
        if m is None:
            return None
        day = self._day(file, m, what, always=False) if "from" in m else None
        advisory = self.string(file, m, "advisory", what)
        if advisory is not None:
            self._named.add(advisory)
        sources = self._sources(file, m, what, statements)
        text = self._remedy_text(file, m, what)
        if day is None or text is None or not sources:
            return None
        assert isinstance(day, datetime.date)
        if advisory is not None:
            self._dated.append((file, m.lines["advisory"], what, advisory, day))
        return RetiredRemedy(day, text, sources, advisory)

    def _superseded(self, file: str, m: LMap, what: str, kind: Kind | None) -> Supersession | None:
        """`superseded` of a page-layer rule: {advisory: ID, from: "YYYY-MM-DD"}, the advisory that
        takes its place from that day in answers about a day (checked across files: dated_within)."""
        line = m.lines["superseded"]
        if kind is Kind.ADVISORY:
            self.problem(file, line, Said("kb_pb_superseded_phase", what=what))
            return None
        where = Said("kb_what_superseded", what=what)
        block = self.mapping(file, m["superseded"], line, where, _SUPERSEDED_KEYS)
        if block is None:
            return None
        advisory = self.string(file, block, "advisory", where)
        day = self._day(file, block, where, always=False) if "from" in block else None
        if advisory is None or not isinstance(day, datetime.date):
            return None
        self._named.add(advisory)
        self._superseding.append((file, block.lines["from"], what, advisory, day))
        return Supersession(day, advisory)

    def _day(self, file: str, m: LMap, what: str, always: bool) -> datetime.date | str | None:
        """`from`: a day written "YYYY-MM-DD" (or 'always' where `always`); None when it is not one."""
        value = m["from"]
        shape = '"YYYY-MM-DD"' + (" or 'always'" if always else "")
        if always and value == "always":
            return "always"
        if not isinstance(value, str) or _DAY.fullmatch(value) is None:
            shown = clip(str(m.raw.get("from", value)))
            self.problem(file, m.lines["from"], Said("kb_pb_day_shape", what=what, shape=shape, text=shown))
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.problem(file, m.lines["from"], Said("kb_pb_not_a_day", what=what, text=value))
            return None

    def _remedy_text(self, file: str, r: LMap, what: str) -> Text | None:
        words = {}
        for lang in LANGUAGES:
            value = r.get(lang)
            if not isinstance(value, str) or not value.strip():
                if lang in r:
                    self.problem(file, r.lines[lang], Said("kb_pb_empty_translation", lang=lang, what=what))
                return None
            words[lang] = " ".join(value.split())
        return Text(**words)

    def _sources(self, file: str, m: LMap, what: str, statements: set[str]) -> tuple[str, ...]:
        value = m.get("source")
        line = m.lines.get("source", m.line)
        items: list[tuple[Any, int]]
        if isinstance(value, str):
            items = [(value, line)]
        elif isinstance(value, LSeq) and value:
            items = list(zip(value, value.lines, strict=True))
        else:
            if "source" in m:
                self.problem(file, line, Said("kb_pb_source_shape", what=what))
            return ()
        refs: list[str] = []
        for ref, ref_line in items:
            if not statements:
                continue  # sources.yaml could not be read; that problem is reported already
            if not isinstance(ref, str) or ref not in statements:
                hint = _did_you_mean(str(ref), statements)
                self.problem(file, ref_line, Said("kb_pb_source_unknown", what=what, ref=clip(str(ref)), hint=hint))
            elif ref in refs:
                self.problem(file, ref_line, Said("kb_pb_source_twice", what=what, ref=ref))
            else:
                refs.append(ref)
        return tuple(refs)

    def _rule(
        self,
        file: str,
        m: LMap,
        variables: dict[str, Variable],
        statements: set[str],
        applies: list[tuple[Condition, int]],
        remedies: _Remedies,
        document: str,
    ) -> Rule | None:
        rule_id = self.string(file, m, "id", "a rule")
        what = f"rule '{rule_id}'" if rule_id else "a rule"
        if rule_id is not None and not (rule_id.replace("-", "").replace("_", "").replace(".", "") or "a").isalnum():
            self.problem(file, m.lines["id"], Said("kb_pb_rule_id", name=rule_id))
        severity = self._enum(file, m, "severity", what, Severity)
        kind = self._enum(file, m, "kind", what, Kind)
        sources = self._sources(file, m, what, statements)
        message = self.text(file, m, "message", what)
        title = self.text(file, m, "title", what) if "title" in m else None
        reading = self.text(file, m, "reading", what)
        if kind is Kind.READING and reading is None and "reading" not in m:
            self.problem(file, m.line, Said("kb_pb_reading", what=what))
        advisory, valid_from, dated = self._dates(file, m, what, kind)
        superseded = self._superseded(file, m, what, kind) if "superseded" in m else None
        remedy: Text | None = None
        remedy_sources: tuple[str, ...] = ()
        retired: RetiredRemedy | None = None
        if isinstance(m.get("remedy"), str):
            name = m["remedy"]
            if name in remedies:
                remedy, remedy_sources, retired = remedies[name]
            else:
                choices = one_of(remedies) or Said("kb_none_defined")
                hint = _did_you_mean(name, remedies)
                said = Said("kb_pb_unknown_remedy", what=what, name=clip(name), choices=choices, hint=hint)
                self.problem(file, m.lines["remedy"], said)
        elif "remedy" in m:
            remedy = self.text(file, m, "remedy", what)
        when = self._when(file, m, "when", what, variables) if "when" in m else []
        conditions = self._merge(file, m, what, applies, when)
        if None in (rule_id, severity, kind, message) or not sources or conditions is None or not dated:
            return None
        if "superseded" in m and superseded is None:
            return None
        assert rule_id is not None and severity is not None and kind is not None and message is not None
        return Rule(
            rule_id,
            severity,
            kind,
            conditions,
            sources,
            message,
            remedy,
            remedy_sources,
            reading,
            document,
            file,
            m.line,
            advisory=advisory,
            valid_from=valid_from,
            remedy_retired=retired,
            title=title,
            superseded=superseded,
        )

    def _dates(self, file: str, m: LMap, what: str, kind: Kind | None) -> tuple[str | None, datetime.date | None, bool]:
        """`advisory` and `from` of a rule: (the advisory's id, its first day or None for always,
        whether they are valid). Only a rule of kind advisory has them, and it has both."""
        if kind is None:
            return None, None, True
        if kind is not Kind.ADVISORY:
            for key in ("advisory", "from"):
                if key in m:
                    self.problem(file, m.lines[key], Said("kb_pb_not_dated", what=what, kind=str(kind), word=key))
            return None, None, "advisory" not in m and "from" not in m
        for key in ("advisory", "from"):
            if key not in m:
                self.problem(file, m.line, Said("kb_pb_advisory_lacks", what=what, word=key))
        advisory = self.string(file, m, "advisory", what)
        if advisory is not None:
            self._named.add(advisory)
        day = self._day(file, m, what, always=True) if "from" in m else None
        if advisory is None or day is None:
            return None, None, False
        valid_from = day if isinstance(day, datetime.date) else None
        self._dated.append((file, m.lines["advisory"], what, advisory, valid_from))
        return advisory, valid_from, True

    def _enum(self, file: str, m: LMap, key: str, what: str, enum: Any) -> Any:
        text = self.string(file, m, key, what)
        if text is None:
            return None
        allowed = [e.value for e in enum]
        if text not in allowed:
            hint = _did_you_mean(text, allowed)
            said = Said("kb_pb_unknown_enum", word=key, text=text, what=what, choices=one_of(allowed), hint=hint)
            self.problem(file, m.lines[key], said)
            return None
        return enum(text)

    def _when(
        self, file: str, m: LMap, key: str, what: str, variables: dict[str, Variable]
    ) -> list[tuple[Condition, int]]:
        """Conditions under `key`: {VARIABLE: VALUE or [VALUES]}, each checked against the vocabulary."""
        value = m[key]
        if not isinstance(value, LMap) or not value:
            self.problem(file, m.lines[key], Said("kb_pb_when_shape", word=key, what=what))
            return []
        result: list[tuple[Condition, int]] = []
        for name in value:
            line = value.lines[name]
            variable = variables.get(name)
            if variable is None:
                if variables:
                    hint = _did_you_mean(name, variables)
                    said = Said("kb_pb_unknown_variable", name=name, what=what, choices=one_of(variables), hint=hint)
                    self.problem(file, line, said)
                continue
            raw = value[name]
            if isinstance(raw, LSeq):
                items = list(zip(raw, raw.raw, raw.lines, strict=True))
                if not raw:
                    self.problem(file, line, Said("kb_pb_when_empty", name=name, what=what))
                    continue
            else:
                items = [(raw, value.raw.get(name), line)]
            values: list[Value] = []
            for item, text, item_line in items:
                group = variable.group(item) if isinstance(item, str) else None
                if group is not None:
                    values.extend(v for v in group.values if v not in values)
                    continue
                parsed = self._value(file, item_line, variable, item, text, what)
                if parsed is None:
                    continue
                if parsed in values:
                    said = Said("kb_pb_when_twice", name=name, what=what, value=format_value(parsed))
                    self.problem(file, item_line, said)
                else:
                    values.append(parsed)
            if values:
                ordered = tuple(v for v in variable.domain if v in values)
                result.append((Condition(name, ordered), line))
        return result

    def _value(self, file: str, line: int, variable: Variable, item: Any, text: str | None, what: str) -> Value | None:
        if variable.type is VariableType.BOOL:
            if isinstance(item, bool):
                return item
            self.problem(file, line, Said("kb_pb_when_bool", name=variable.name, what=what, text=clip(str(text))))
            return None
        if isinstance(item, str) and item in variable.domain:
            return item
        shown = clip(text if text is not None else str(item))
        allowed = [format_value(v) for v in variable.domain] + [g.name for g in variable.groups]
        quote = Said("kb_yaml_boolean") if isinstance(item, bool) else ""
        said = Said(
            "kb_pb_unknown_value",
            text=shown,
            variable=variable.name,
            what=what,
            choices=one_of(allowed),
            hint=_did_you_mean(shown, allowed),
            quote=quote,
        )
        self.problem(file, line, said)
        return None

    def _merge(
        self,
        file: str,
        m: LMap,
        what: str,
        applies: list[tuple[Condition, int]],
        when: list[tuple[Condition, int]],
    ) -> tuple[Condition, ...] | None:
        """The rule's own conditions with the file's `applies_when`, intersected, in vocabulary order."""
        if not when:
            return None
        merged: dict[str, tuple[Value, ...]] = {}
        for condition, _line in applies + when:
            if condition.variable in merged:
                kept = tuple(v for v in merged[condition.variable] if v in condition.values)
                if not kept:
                    said = Said("kb_pb_never_holds", what=what, variable=condition.variable)
                    self.problem(file, m.lines.get("when", m.line), said)
                    return None
                merged[condition.variable] = kept
            else:
                merged[condition.variable] = condition.values
        order = self.variables_by_name
        return tuple(Condition(v, merged[v]) for v in order if v in merged)

    # --- across files ----------------------------------------------------------------------------
    def dated_within(self, rules: list[Rule]) -> None:
        """Every advisory a rule or a retired remedy names is declared, and its day is on or after
        the advisory's first day; every declared advisory has a phase or a retired remedy."""
        for file, line, what, name, day in self._dated:
            advisory = self.advisories.get(name)
            if advisory is None and self.unread_rule_file:
                continue  # it may be declared in the file that could not be read, a problem said already
            if advisory is None:
                declared = one_of(self.advisories) or Said("kb_none_declared")
                hint = _did_you_mean(name, self.advisories)
                said = Said("kb_pb_unknown_advisory", what=what, name=clip(name), choices=declared, hint=hint)
                self.problem(file, line, said)
            elif advisory.valid_from is not None and (day is None or day < advisory.valid_from):
                begins = "always" if day is None else day.isoformat()
                said = Said(
                    "kb_pb_phase_before",
                    what=what,
                    day=begins,
                    name=name,
                    file=advisory.file,
                    line=advisory.line,
                    start=advisory.valid_from.isoformat(),
                )
                self.problem(file, line, said)
        for file, line, what, name, day in self._superseding:
            if name not in self.advisories:
                if not self.unread_rule_file:
                    declared = one_of(self.advisories) or Said("kb_none_declared")
                    hint = _did_you_mean(name, self.advisories)
                    said = Said("kb_pb_superseded_unknown", what=what, name=clip(name), choices=declared, hint=hint)
                    self.problem(file, line - 1 if line > 1 else line, said)
                continue
            starts = [r.valid_from for r in rules if r.kind is Kind.ADVISORY and r.advisory == name]
            if not starts or (None not in starts and day < min(d for d in starts if d is not None)):
                first = min((d for d in starts if d is not None), default=None)
                where = (
                    Said("kb_superseded_first_phase", day=first.isoformat())
                    if first
                    else Said("kb_superseded_no_phase")
                )
                said = Said("kb_pb_superseded_outside", what=what, day=day.isoformat(), name=name, where=where)
                self.problem(file, line, said)
        for advisory in self.advisories.values():
            if advisory.id not in self._named:
                self.problem(advisory.file, advisory.line, Said("kb_pb_advisory_unused", name=advisory.id))

    def cross_check(self, rules: list[Rule]) -> None:
        first: dict[str, Rule] = {}
        for rule in rules:
            if rule.id in first:
                other = first[rule.id]
                said = Said("kb_pb_duplicate_rule", name=rule.id, file=other.file, line=other.line)
                self.problem(rule.file, rule.line, said)
            else:
                first[rule.id] = rule
