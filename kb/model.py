"""The facts of a knowledge base as immutable values: hashable, sortable, picklable."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

#: A value of a variable: a name for an enum variable, True/False for a boolean one.
Value = str | bool

LANGUAGES = ("en", "vi")


class Severity(StrEnum):
    ERROR = "error"  # the page says the set-up is not supported
    WARNING = "warning"  # a recommendation, a caveat, or a reading the page does not settle


class Kind(StrEnum):
    """Which part of a document a rule encodes, or what else it is."""

    TABLE = "table"
    FOOTNOTE = "footnote"
    UNSUPPORTED = "unsupported"
    IMPORTANT = "important"
    NOTE = "note"
    UNTESTED = "untested"
    READING = "reading"  # the rule itself is a reading of an open question
    AXIOM = "axiom"  # a product fact of the model, not a statement of the page
    SCOPE = "scope"  # the edge of the question the page answers
    ADVISORY = "advisory"  # a dated fact from outside the page, holding from a day (a phase)

    @property
    def of_the_page(self) -> bool:
        """Whether a rule of this kind encodes a statement of the page or its readings (not the
        model, and not an advisory dated after the page)."""
        return self not in (Kind.AXIOM, Kind.SCOPE, Kind.ADVISORY)


class VariableType(StrEnum):
    ENUM = "enum"
    BOOL = "bool"


@dataclass(frozen=True, slots=True)
class Text:
    """The same words in every language of LANGUAGES."""

    en: str
    vi: str

    def get(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en

    def say(self, lang: str) -> str:
        """The words in `lang`, as a value of syncmatrix.words.Said says them."""
        return self.get(lang)


@dataclass(frozen=True, slots=True)
class Choice:
    """One value of a variable, with its labels."""

    value: Value
    label: Text
    # Names people type for it (hotmail for outlook_com): accepted in its place, never printed.
    aliases: tuple[str, ...] = ()
    # Names people may mean by it that other values share (live: Outlook.com or Windows Live Mail):
    # suggested, never accepted.
    hints: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ValueGroup:
    """A named set of a variable's values (say, the on-premises Exchange versions), usable in a rule's
    `when` in place of listing them, so that a new value joins every rule of its group in one edit."""

    name: str
    label: Text
    values: tuple[Value, ...]  # in domain order
    line: int = 0  # where the group is defined in the variables file


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the form people fill in (the dashboard's Explore tab): variables read together,
    in the order an administrator thinks of them (the mailbox, its profile and protocols, ...)."""

    name: str
    label: Text
    variables: tuple[str, ...]  # in the order the form shows them
    line: int = 0  # where the section is defined in the variables file


@dataclass(frozen=True, slots=True)
class Variable:
    """A variable of the vocabulary with its values (`choices`) and labels."""

    name: str
    type: VariableType
    label: Text
    description: Text
    choices: tuple[Choice, ...]  # in the order people read them
    expected_dead: tuple[Value, ...] = ()  # values ruled out on purpose (lint reports them as info)
    file: str = ""  # the variables file, as the loader names it
    line: int = 0  # where the variable is defined in it
    groups: tuple[ValueGroup, ...] = ()  # named sets of its values, in the order they are defined
    # What changing it asks of an administrator, for ranking fixes of equal cost (solver/fix.py):
    # 1 turning an option on or off, 2 another profile or protocol, 3 moving the mailbox elsewhere.
    effort: int = 1
    aliases: tuple[str, ...] = ()  # other names people type for the variable (appointments: act_sync)
    hints: tuple[str, ...] = ()  # names other variables share: suggested, never accepted

    def value_named(self, word: str) -> Value | None:
        """The value `word` names, as written or by one of its aliases (any case); None otherwise."""
        lowered = word.lower()
        for c in self.choices:
            if isinstance(c.value, str) and (word == c.value or lowered == c.value or lowered in c.aliases):
                return c.value
        return None

    def hinted(self, word: str) -> tuple[Value, ...]:
        """The values `word` may mean: those that list it among their hints (any case)."""
        lowered = word.lower()
        return tuple(c.value for c in self.choices if lowered in c.hints)

    @property
    def domain(self) -> tuple[Value, ...]:
        return tuple(c.value for c in self.choices)

    def choice(self, value: Value) -> Choice:
        for c in self.choices:
            if c.value == value:
                return c
        raise KeyError(value)

    def label_of(self, value: Value, lang: str) -> str:
        return self.choice(value).label.get(lang)

    def group(self, name: str) -> ValueGroup | None:
        for g in self.groups:
            if g.name == name:
                return g
        return None


def format_value(value: Value) -> str:
    """A value as written on the command line and in YAML: booleans as true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


@dataclass(frozen=True, slots=True)
class Condition:
    """`variable` takes one of `values` (in domain order)."""

    variable: str
    values: tuple[Value, ...]

    def holds(self, value: Value) -> bool:
        return value in self.values


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement of a document, named by its place and summed up in our own words."""

    ref: str  # DOCUMENT/STATEMENT
    section: Text
    item: Text
    about: Text
    mark: str | None = None  # the mark of a footnote of the document's table, such as "1"
    url: str = ""  # where the statement can be read: an https URL or a path in the repository (docs/…)


@dataclass(frozen=True, slots=True)
class Document:
    """A document the rules cite (the page, the readings), with its statements."""

    id: str
    title: Text
    short: Text
    edition: str
    origin: str
    statements: tuple[Statement, ...]  # each with its url, or the document's where it has none of its own
    url: str = ""  # where the document is published: an https URL or a path in the repository (docs/…)


@dataclass(frozen=True, slots=True)
class Advisory:
    """A dated fact from outside the page (the retirement of EWS in Exchange Online, the lifecycle of
    Exchange Server…), declared once with its title and first day; its phases are rules of kind
    advisory that name it, each from a day on or after the advisory's own."""

    id: str
    title: Text
    valid_from: datetime.date | None  # None: it has held on every day (no date is published)
    sources: tuple[str, ...]  # statement refs, DOCUMENT/STATEMENT
    file: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class RetiredRemedy:
    """What to say, on and after `date`, in place of a shared remedy that no longer works (the
    Email Router, retired on 2021-04-12)."""

    date: datetime.date
    text: Text
    sources: tuple[str, ...]  # statement refs, DOCUMENT/STATEMENT
    advisory: str | None = None  # the advisory that retires it, when named


@dataclass(frozen=True, slots=True)
class Supersession:
    """From `date`, in answers about a day, the advisory `advisory` takes the place of a rule of the
    page layer (A8: Exchange SE, not named by the page, is read as Exchange 2019 CU15 from its
    release); the page alone keeps the rule."""

    date: datetime.date
    advisory: str


@dataclass(frozen=True, slots=True)
class Rule:
    """A forbidden combination: broken when every condition holds."""

    id: str
    severity: Severity
    kind: Kind
    when: tuple[Condition, ...]  # in vocabulary order of the variables
    sources: tuple[str, ...]  # statement refs, DOCUMENT/STATEMENT
    message: Text
    remedy: Text | None
    remedy_sources: tuple[str, ...]  # statement refs behind a shared remedy
    reading: Text | None  # what is read and why, when the rule rests on a reading
    document: str
    file: str
    line: int
    advisory: str | None = None  # the advisory's id, shared by its phases (kind advisory only)
    valid_from: datetime.date | None = None  # the first day of the phase; None: always
    valid_until: datetime.date | None = None  # the last day: the day before the next phase; None: open
    remedy_retired: RetiredRemedy | None = None  # the remedy's text from the day it is retired
    title: Text | None = None  # a short plain name ("Exchange Server 2019 out of support")
    superseded: Supersession | None = None  # of a page-layer rule: the advisory that replaces it from a day

    def holds_on(self, day: datetime.date | None) -> bool:
        """Whether the rule holds in a question about `day` (None: the page alone, no advisory)."""
        if self.kind is not Kind.ADVISORY:
            return self.superseded is None or day is None or day < self.superseded.date
        if day is None:
            return False
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    @property
    def variables(self) -> tuple[str, ...]:
        return tuple(c.variable for c in self.when)

    def broken_by(self, config: Mapping[str, Value]) -> bool:
        """Whether a complete configuration breaks this rule."""
        return all(config[c.variable] in c.values for c in self.when)


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """The validated facts of a knowledge base folder: vocabulary, rules and documents."""

    variables: tuple[Variable, ...]
    rules: tuple[Rule, ...]
    documents: tuple[Document, ...]
    boolean_labels: tuple[Text, Text]  # labels of false, true
    root: str  # the folder it was loaded from
    advisories: tuple[Advisory, ...] = ()  # in the order they are declared
    sections: tuple[Section, ...] = ()  # the form's parts, in order; () when the variables file names none
    dated: bool = False  # whether `rules` are those of one question's day (as_of), advisories resolved
    day: datetime.date | None = None  # that day; None with `dated`: the page alone, no advisory
    # Of a knowledge base of one day (as_of): the rules as loaded, every phase of every advisory, so
    # that a question about the day can look at the days after it (solver/fix.py: fixes that last).
    phases: tuple[Rule, ...] = field(default=(), repr=False, compare=False)
    _variables: Mapping[str, Variable] = field(init=False, repr=False, compare=False, hash=False)
    _statements: Mapping[str, Statement] = field(init=False, repr=False, compare=False, hash=False)
    _rules: Mapping[str, Rule] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        # Indexes derived from the fields (plain dicts: the dashboard's st.cache_data copies answers by pickling).
        object.__setattr__(self, "_variables", {v.name: v for v in self.variables})
        object.__setattr__(self, "_statements", {s.ref: s for d in self.documents for s in d.statements})
        object.__setattr__(self, "_rules", {r.id: r for r in self.rules})

    @property
    def variable_names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.variables)

    def form(self) -> tuple[Section, ...]:
        """The parts of a form of every variable: the variables file's sections, or one part of
        every variable in vocabulary order (name "", no label to show) when it names none."""
        if self.sections:
            return self.sections
        return (Section("", Text("", ""), self.variable_names),)

    def variable(self, name: str) -> Variable:
        return self._variables[name]

    def variable_named(self, word: str) -> str | None:
        """The variable `word` names, as written or by one of its aliases (an alias in any case); None otherwise."""
        if word in self._variables:
            return word
        lowered = word.lower()
        for v in self.variables:
            if lowered in v.aliases:
                return v.name
        return None

    def hinted_variables(self, word: str) -> tuple[str, ...]:
        """The variables `word` may mean: those that list it among their hints (any case)."""
        lowered = word.lower()
        return tuple(v.name for v in self.variables if lowered in v.hints)

    def has_variable(self, name: str) -> bool:
        return name in self._variables

    def rule(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def statement(self, ref: str) -> Statement:
        return self._statements[ref]

    def advisory(self, advisory_id: str) -> Advisory:
        for a in self.advisories:
            if a.id == advisory_id:
                return a
        raise KeyError(advisory_id)

    @property
    def page_only(self) -> bool:
        """Whether the rules are the page's alone (as_of(None))."""
        return self.dated and self.day is None

    def superseded_rules(self) -> tuple[Rule, ...]:
        """The page-layer rules an advisory has superseded on the day of this question (as_of), each
        with its `superseded`; () for the page alone or a knowledge base as loaded."""
        if self.day is None:
            return ()
        return tuple(r for r in self.phases if r.superseded is not None and not r.holds_on(self.day))

    def retired_on(self, rule: Rule) -> datetime.date | None:
        """The day the remedy `rule` carries was retired, when this question's day is on or after it."""
        retired = rule.remedy_retired
        if retired is None or self.day is None or self.day < retired.date:
            return None
        return retired.date

    def document(self, doc_id: str) -> Document:
        for d in self.documents:
            if d.id == doc_id:
                return d
        raise KeyError(doc_id)

    def cite(self, refs: tuple[str, ...], lang: str = "en") -> str:
        """Statement refs as people read them: 'On-premises support page: Important, item 2; …'."""
        parts = []
        for ref in refs:
            statement = self.statement(ref)
            doc = self.document(ref.split("/", 1)[0])
            parts.append(f"{doc.short.get(lang)}: {statement.section.get(lang)}, {statement.item.get(lang)}")
        return "; ".join(parts)

    def links(self, refs: tuple[str, ...]) -> tuple[str, ...]:
        """Where the statements `refs` can be read: their addresses, each once, in order."""
        return tuple(dict.fromkeys(self.statement(ref).url for ref in refs if self.statement(ref).url))

    def label_of(self, variable: str, value: Value, lang: str = "en") -> str:
        return self.variable(variable).label_of(value, lang)

    def as_of(self, day: datetime.date | None) -> KnowledgeBase:
        """The knowledge base of a question about `day`: the rules that hold on it (the phase of each
        advisory in force, the page's rules always), and remedies retired by `day` replaced by their
        retired text (`remedy_retired` stays, to say since when). `None` is the page alone: no
        advisory, the page's remedies. A new knowledge base; this one is left as it is."""
        if self.dated:
            raise ValueError("as_of() takes the knowledge base as loaded, not one already of a day")
        rules = []
        for rule in self.rules:
            if not rule.holds_on(day):
                continue
            retired = rule.remedy_retired
            if retired is not None and day is not None and day >= retired.date:
                rule = replace(rule, remedy=retired.text, remedy_sources=retired.sources)
            rules.append(rule)
        return replace(self, rules=tuple(rules), dated=True, day=day, phases=self.rules)

    def loaded(self) -> KnowledgeBase | None:
        """The knowledge base as loaded, every phase of every advisory, of one already of a day
        (as_of); None when this one was never made of a day."""
        if not self.dated:
            return self
        if not self.phases:
            return None
        return replace(self, rules=self.phases, dated=False, day=None, phases=())
