"""The support table for documentation, derived from the knowledge base by the solver.

Nothing here is a template of the page: rows come from asking the solver which email systems have
an acceptable configuration with email synchronization, with appointments, contacts and tasks
synchronization, and with which protocol pairs, grouping systems with the same answers; footnote
marks come from error rules that cite a footnote of the document's table, on the systems those
rules rule out; the unsupported list and the notes come from the rules' kinds and the statements
they cite. `render` writes the result as Markdown, HTML, CSV or JSON in English or Vietnamese.

On a day (a knowledge base `as_of(day)`), the rows are those of the rules in force that day, and the
table says why they differ from the page's own table: every advisory phase in force that touches a
system the page's table lists is named with a letter, the systems it rules out are listed as no
longer listed, and the systems it only touches carry its letter. The page alone (`as_of(None)`) is
the page's own table, exactly as it was before advisories existed.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from syncmatrix.kb.errors import InputError, one_of
from syncmatrix.kb.model import (
    LANGUAGES,
    Kind,
    KnowledgeBase,
    Rule,
    Severity,
    Statement,
    Text,
    Value,
    VariableType,
)
from syncmatrix.present.render import csv, html, markdown
from syncmatrix.present.report import question_json
from syncmatrix.present.safe import plain
from syncmatrix.present.words import input_error, t
from syncmatrix.solver import SupportModel, Verdict

FORMATS = ("markdown", "html", "csv", "json")

# The variables of the table's columns: fixed by the vocabulary of CONTRACT.md §1.
DEPLOYMENT, SYSTEM, EMAIL, ACT = "deployment", "email_system", "email_sync", "act_sync"
INCOMING, OUTGOING = "incoming_protocol", "outgoing_protocol"
COLUMNS = (DEPLOYMENT, SYSTEM, EMAIL, ACT, INCOMING, OUTGOING)


@dataclass(frozen=True, slots=True)
class Row:
    deployment: str
    systems: tuple[str, ...]  # in vocabulary order
    email_sync: bool  # some acceptable configuration synchronizes email
    act_sync: bool  # some acceptable configuration synchronizes appointments, contacts and tasks
    protocols: tuple[tuple[str, str], ...]  # (incoming, outgoing) pairs with an acceptable configuration
    marks: tuple[tuple[str, tuple[str, ...]], ...]  # system -> footnote marks
    rules: tuple[str, ...]  # the rules that rule out what the row does not offer


@dataclass(frozen=True, slots=True)
class Item:
    """A footnote, an unsupported scenario, a remedy or a note: a statement and the rules behind it."""

    statement: str
    rules: tuple[str, ...]
    text: Text
    mark: str | None = None


@dataclass(frozen=True, slots=True)
class Phase:
    """A phase of an advisory in force on the table's day that shapes the table: its `when` touches a
    system the page's own table lists, or it is among the rules that rule such a system out."""

    mark: str  # its letter, a, b, …: the mark of the systems it touches that are still listed
    rule: Rule
    title: Text  # the advisory's title
    affected: tuple[str, ...]  # systems still listed that it touches, in table order
    removed: tuple[str, ...]  # systems the page lists that it rules out (alone or with others)


@dataclass(frozen=True, slots=True)
class SupportTable:
    title: Text
    rows: tuple[Row, ...]
    footnotes: tuple[Item, ...]
    unsupported: tuple[Item, ...]
    remedies: tuple[Item, ...]  # shared remedies of the unsupported scenarios
    notes: tuple[Item, ...]
    kb: KnowledgeBase = field(compare=False, repr=False)  # for the labels of variables and values
    day: datetime.date | None = None  # the day it is about; None: the page's own table
    phases: tuple[Phase, ...] = ()  # the advisory phases that shape it on `day`, in rule order
    removed: tuple[tuple[str, tuple[str, ...]], ...] = ()  # system the page lists -> marks of the phases
    void: tuple[Rule, ...] = ()  # with no row at all: the rules that rule out every configuration
    # On a day when rows are left but none is supported without warnings: the warnings every
    # acceptable configuration breaks (or, `one_of`, one of which each breaks), for the bottom line.
    unavoidable: tuple[Rule, ...] = ()
    unavoidable_one_of: bool = False


def build_table(model: SupportModel) -> SupportTable:
    """The support table of the knowledge base behind `model`, as of its day when it has one;
    InputError when the knowledge base lacks a variable of the table's columns (COLUMNS), or has
    email_sync or act_sync not true/false."""
    kb = model.kb
    missing = [name for name in COLUMNS if not kb.has_variable(name)]
    if missing:
        raise input_error("table_needs", needed=one_of(COLUMNS), missing=one_of(missing))
    for name in (EMAIL, ACT):
        if kb.variable(name).type is not VariableType.BOOL:
            raise input_error("table_needs_bool", needed=one_of((EMAIL, ACT)), variable=name)
    footnotes = _footnotes(kb)
    rows = _rows(model, footnotes)
    used_marks = {m for row in rows for _, marks in row.marks for m in marks}
    # The page's document: the first rule's that is not an advisory (the advisories' file may load first).
    page_rule = next((r for r in kb.rules if r.kind is not Kind.ADVISORY), None)
    document = kb.document(page_rule.document) if page_rule else kb.documents[0]
    table = SupportTable(
        title=document.title,
        rows=tuple(rows),
        footnotes=tuple(f for f in footnotes if f.mark in used_marks),
        unsupported=_items(kb, (Kind.UNSUPPORTED,)),
        remedies=_remedies(kb),
        notes=_items(kb, (Kind.IMPORTANT, Kind.UNTESTED, Kind.NOTE)),
        kb=kb,
    )
    return table if kb.day is None else _as_of(model, table, kb.day)


def _rows(model: SupportModel, footnotes: Sequence[Item]) -> list[Row]:
    """The rows: per deployment, the email systems with an acceptable configuration, grouped by
    their answers (email sync, act sync, protocol pairs), with the footnote marks of each system."""
    kb = model.kb
    order = [r.id for r in kb.rules]
    rows: list[Row] = []
    for deployment in model.domains[DEPLOYMENT]:
        groups: dict[tuple[bool, bool, tuple[tuple[str, str], ...]], list[str]] = {}
        reasons: dict[tuple[bool, bool, tuple[tuple[str, str], ...]], set[str]] = {}
        for system in model.domains[SYSTEM]:
            base: dict[str, Value] = {DEPLOYMENT: deployment, SYSTEM: system}
            if not _acceptable(model, base):
                continue  # never supported: the unsupported list speaks of it
            answers = (
                _acceptable(model, {**base, EMAIL: True}),
                _acceptable(model, {**base, ACT: True}),
                tuple(
                    (str(i), str(o))
                    for i in model.domains[INCOMING]
                    for o in model.domains[OUTGOING]
                    if _acceptable(model, {**base, INCOMING: i, OUTGOING: o})
                ),
            )
            groups.setdefault(answers, []).append(str(system))
            reasons.setdefault(answers, set()).update(_ruled_out(model, base, answers))
        for (email, act, protocols), systems in groups.items():
            marks = tuple(
                (system, tuple(f.mark for f in footnotes if f.mark and _marks(model, f, deployment, system)))
                for system in systems
            )
            rows.append(
                Row(
                    str(deployment),
                    tuple(systems),
                    email,
                    act,
                    protocols,
                    tuple((system, m) for system, m in marks if m),
                    tuple(sorted(reasons[(email, act, protocols)], key=order.index)),
                )
            )
    return rows


def _as_of(model: SupportModel, table: SupportTable, day: datetime.date) -> SupportTable:
    """`table`, the table of `day`, with what makes it differ from the page's own table: the
    advisory phases in force that touch a system the page lists, the systems they rule out, their
    letters on the systems still listed, and the reason when no row is left."""
    kb = model.kb
    # The page's own rows: the same knowledge base without the advisories (remedies do not shape rows).
    page = replace(kb, rules=tuple(r for r in kb.rules if r.kind is not Kind.ADVISORY), day=None)
    page_listed = [(row.deployment, s) for row in _rows(SupportModel(page, limit=model.limit), ()) for s in row.systems]
    listed = {(row.deployment, s) for row in table.rows for s in row.systems}
    gone = [pair for pair in page_listed if pair not in listed]
    # What rules out each system the table no longer lists: the advisories among the rules why not.
    removers = {
        pair: {r.id for r in model.why_not({DEPLOYMENT: pair[0], SYSTEM: pair[1]}) if r.kind is Kind.ADVISORY}
        for pair in gone
    }
    phases: list[Phase] = []
    for rule in kb.rules:
        if rule.kind is not Kind.ADVISORY:
            continue
        touched = [pair for pair in page_listed if _touches(rule, *pair)]
        removed = [pair[1] for pair in gone if rule.id in removers[pair]]
        if not touched and not removed:
            continue  # about systems the page's table does not list: it changes nothing here
        title = kb.advisory(rule.advisory).title if rule.advisory else (rule.title or rule.message)
        affected = [pair[1] for pair in touched if pair in listed]
        phases.append(Phase(_letter(len(phases)), rule, title, _once(affected), _once(removed)))
    rows = tuple(replace(row, marks=_with_phases(row, phases)) for row in table.rows)
    title = Text(
        **{lang: t("table_as_of", lang, title=table.title.get(lang), day=day.isoformat()) for lang in LANGUAGES}
    )
    from syncmatrix.present.report import bottom_line

    unavoidable, one_of = (bottom_line(model) or ((), False)) if rows else ((), False)
    return replace(
        table,
        title=title,
        rows=rows,
        day=day,
        phases=tuple(phases),
        removed=tuple((pair[1], tuple(p.mark for p in phases if p.rule.id in removers[pair])) for pair in gone),
        void=model.why_not({}) if not rows else (),
        unavoidable=unavoidable,
        unavoidable_one_of=one_of,
    )


def bottom_line(table: SupportTable, lang: str) -> str:
    """The bottom line of the table's day in one sentence when rows are left but none is supported
    without warnings, the rules named by their titles; '' otherwise (and for the page's own table)."""
    from syncmatrix.present.report import bottom_line_text

    if not table.unavoidable:
        return ""

    def name(rule: Rule, lang: str) -> str:
        title = rule.title or (table.kb.advisory(rule.advisory).title if rule.advisory else None)
        return title.get(lang) if title else rule.id

    return bottom_line_text(table.kb, (table.unavoidable, table.unavoidable_one_of), lang, name)


def _touches(rule: Rule, deployment: Value, system: Value) -> bool:
    """Whether a rule's `when` can hold for `system` in `deployment` (it names them, or names none)."""
    given = {DEPLOYMENT: deployment, SYSTEM: system}
    return all(c.holds(given[c.variable]) for c in rule.when if c.variable in given)


def _with_phases(row: Row, phases: Sequence[Phase]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The row's marks with the letters of the phases that touch each of its systems, after the page's."""
    page = dict(row.marks)
    marks = (
        (s, page.get(s, ()) + tuple(p.mark for p in phases if _touches(p.rule, row.deployment, s))) for s in row.systems
    )
    return tuple((s, m) for s, m in marks if m)


def _letter(index: int) -> str:
    """The mark of the `index`-th phase: a … z, then aa, ab, … (the page's own marks are digits)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _once(names: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def _acceptable(model: SupportModel, config: dict[str, Value]) -> bool:
    return model.completion(config) is not None


def _ruled_out(model: SupportModel, base: dict[str, Value], answers: tuple[bool, bool, Any]) -> set[str]:
    """The rules behind what a system does not offer: no sync of a kind, no protocol pair."""
    email, act, protocols = answers
    found: set[str] = set()
    for variable, offered in ((EMAIL, email), (ACT, act)):
        if not offered:
            found.update(r.id for r in model.why_not({**base, variable: True}))
    for i in model.domains[INCOMING]:
        for o in model.domains[OUTGOING]:
            if (i, o) not in protocols:
                found.update(r.id for r in model.why_not({**base, INCOMING: i, OUTGOING: o}))
    return found


def _footnotes(kb: KnowledgeBase) -> list[Item]:
    """Every footnote statement of the table cited by an error rule, with its rules, by mark."""
    items = []
    for document in kb.documents:
        for statement in document.statements:
            if statement.mark is None:
                continue
            rules = tuple(r.id for r in kb.rules if statement.ref in r.sources and r.severity is Severity.ERROR)
            if rules:
                items.append(Item(statement.ref, rules, statement.about, statement.mark))
    return items


def _marks(model: SupportModel, footnote: Item, deployment: Value, system: Value) -> bool:
    """Whether a footnote's rules rule the system out under the options they name."""
    for rule_id in footnote.rules:
        rule = model.kb.rule(rule_id)
        options = {c.variable: c.values for c in rule.when if c.variable not in (DEPLOYMENT, SYSTEM)}
        systems = next((c.values for c in rule.when if c.variable == SYSTEM), ())
        if system not in systems or not options:
            continue
        under = {DEPLOYMENT: deployment, SYSTEM: system}
        under.update({name: values[0] for name, values in options.items()})
        if model.best_verdict(under) is Verdict.UNSUPPORTED:
            return True
    return False


def _primary_statement(kb: KnowledgeBase, rule: Rule) -> Statement:
    """The statement of the page a rule encodes first (its first source outside the readings)."""
    return kb.statement(next((s for s in rule.sources if not s.startswith("readings/")), rule.sources[0]))


def _items(kb: KnowledgeBase, kinds: tuple[Kind, ...]) -> tuple[Item, ...]:
    """One item per statement cited first by a rule of `kinds`, in the order of the statements,
    with every rule that cites that statement first."""
    by_statement: dict[str, list[str]] = {}
    for rule in kb.rules:
        if rule.kind in kinds:
            by_statement.setdefault(_primary_statement(kb, rule).ref, [])
    for rule in kb.rules:
        ref = _primary_statement(kb, rule).ref
        if ref in by_statement and rule.kind.of_the_page:
            by_statement[ref].append(rule.id)
    order = [s.ref for d in kb.documents for s in d.statements]
    return tuple(
        Item(ref, tuple(by_statement[ref]), kb.statement(ref).about) for ref in sorted(by_statement, key=order.index)
    )


def _remedies(kb: KnowledgeBase) -> tuple[Item, ...]:
    """Remedies shared by rules of the unsupported list, once each, with the rules that offer them."""
    found: dict[Text, tuple[str, list[str]]] = {}
    for rule in kb.rules:
        if rule.kind is Kind.UNSUPPORTED and rule.remedy is not None and rule.remedy_sources:
            ref, ids = found.setdefault(rule.remedy, (rule.remedy_sources[0], []))
            ids.append(rule.id)
    return tuple(Item(ref, tuple(ids), text) for text, (ref, ids) in found.items())


def important_notes(table: SupportTable) -> tuple[Text | None, tuple[Item, ...], tuple[Item, ...]]:
    """The notes of `table` split as the page sets them out: the name of the section the page calls
    important (that of the statements its `important` rules encode; None when there are none), the
    notes from that section, and the other notes, each in table order.

    The published renderings keep one list of notes; the dashboard shows the page's Important box
    apart, as the page does."""
    kb = table.kb
    sections = {_primary_statement(kb, r).section for r in kb.rules if r.kind is Kind.IMPORTANT}
    important = tuple(item for item in table.notes if kb.statement(item.statement).section in sections)
    others = tuple(item for item in table.notes if item not in important)
    return (next(iter(sections)) if len(sections) == 1 else None), important, others


def cells(table: SupportTable, lang: str, mark: Callable[[str], str] = "{}".format) -> list[list[str]]:
    """The table's header and rows as plain texts in `lang`, for a renderer of its own (the dashboard):
    deployment, the systems (each followed by its marks written by `mark`, joined by ", "), email
    synchronization, appointments, contacts and tasks synchronization, the protocols (joined by ", ")."""
    kb = table.kb
    out = [_headers(kb, lang)]
    for row in table.rows:
        marks = dict(row.marks)
        out.append(
            [
                kb.label_of(DEPLOYMENT, row.deployment, lang),
                ", ".join(
                    kb.label_of(SYSTEM, s, lang) + "".join(mark(m) for m in marks.get(s, ())) for s in row.systems
                ),
                _yes_no(kb, row.email_sync, lang),
                _yes_no(kb, row.act_sync, lang),
                ", ".join(_protocol_label(kb, p, lang) for p in row.protocols),
            ]
        )
    return out


def day_markdown(table: SupportTable, lang: str) -> str:
    """What makes the table of a day differ from the page's own, in Markdown with `###` headings (the
    dashboard's): why nothing is supported, the systems no longer listed and the advisories in force;
    '' for the page's own table."""
    if table.day is None:
        return ""
    out: list[str] = []
    if not table.rows:
        out += [t("table_none_supported", lang, day=_day(table)), ""]
        out += [markdown.bullet(text) for _, text in _void_reasons(table, lang)] + [""]
    out += _markdown_advisories(table, table.kb, lang, lambda ids: "", level=3)
    return "\n".join(out)


# --- rendering -----------------------------------------------------------------------------------


def render(table: SupportTable, fmt: str, lang: str, sources: bool = False) -> str:
    """The table as `fmt` (markdown, html, csv, json) in `lang`; `sources` adds the rule ids. As
    standard output shows it (safe.plain): a file written with --output holds no control character
    or bidirectional mark of the knowledge base's texts either."""
    renderers = {"markdown": _markdown, "html": _html, "csv": _csv, "json": _json}
    if fmt not in renderers:
        raise InputError(f"unknown table format '{fmt}'; expected one of {one_of(FORMATS)}")
    return plain(renderers[fmt](table, table.kb, lang, sources))


def _protocol_label(kb: KnowledgeBase, pair: tuple[str, str], lang: str) -> str:
    incoming, outgoing = pair
    if incoming == outgoing:
        return kb.variable(INCOMING).choice(incoming).label.get(lang)
    short = {INCOMING: incoming, OUTGOING: outgoing}
    return "/".join(kb.variable(v).choice(value).label.get(lang).split(" (")[0] for v, value in short.items())


def _headers(kb: KnowledgeBase, lang: str) -> list[str]:
    return [
        kb.variable(DEPLOYMENT).label.get(lang),
        kb.variable(SYSTEM).label.get(lang),
        kb.variable(EMAIL).label.get(lang),
        kb.variable(ACT).label.get(lang),
        t("protocol", lang),
    ]


def _yes_no(kb: KnowledgeBase, value: bool, lang: str) -> str:
    return kb.boolean_labels[int(value)].get(lang)


def _period(rule: Rule, lang: str) -> str:
    """The severity of a phase and the days it holds: "warning from 2026-10-01 to 2027-03-31"."""
    severity = t(rule.severity.value, lang)
    start, until = rule.valid_from, rule.valid_until
    if start is not None and until is not None:
        return t("table_phase_between", lang, severity=severity, start=start.isoformat(), until=until.isoformat())
    if start is not None:
        return t("table_phase_from", lang, severity=severity, start=start.isoformat())
    if until is not None:
        return t("table_phase_until", lang, severity=severity, until=until.isoformat())
    return t("table_phase_always", lang, severity=severity)


def _links(kb: KnowledgeBase, refs: tuple[str, ...], lang: str) -> list[tuple[str, str]]:
    """(label, address) of each place the statements `refs` can be read, in the order of kb.links."""
    found: dict[str, str] = {}
    for ref in refs:
        statement = kb.statement(ref)
        if statement.url:
            found.setdefault(statement.url, statement.section.get(lang))
    return [(label, url) for url, label in found.items()]


def _systems(kb: KnowledgeBase, systems: Sequence[str], lang: str) -> str:
    return ", ".join(kb.label_of(SYSTEM, s, lang) for s in systems)


def _phase_text(phase: Phase, kb: KnowledgeBase, lang: str) -> tuple[str, str]:
    """A phase as people read it: its heading (letter and advisory), and what follows it (the
    phase's name and days, its message and reading, the systems it marks and those it rules out)."""
    rule = phase.rule
    # The phase's own name, unless it only repeats the advisory's.
    name = rule.title.get(lang) if rule.title and rule.title.get(lang) != phase.title.get(lang) else ""
    parts = [f"— {name} ({_period(rule, lang)})." if name else f"({_period(rule, lang)}).", rule.message.get(lang)]
    if rule.reading:  # a step that is ours, not the source's: say which
        parts.append(f"{t('reading', lang)}: {rule.reading.get(lang)}")
    if phase.affected:
        parts.append(t("table_marked", lang, mark=phase.mark, systems=_systems(kb, phase.affected, lang)))
    if phase.removed:
        parts.append(t("table_removes", lang, systems=_systems(kb, phase.removed, lang)))
    return f"{phase.mark}. {phase.title.get(lang)}", " ".join(parts)


def _gone_text(
    table: SupportTable, marks: tuple[str, ...], lang: str, show: Callable[[str, str], str] = "{} ({})".format
) -> str:
    """Why a system the page lists is gone: "since 2027-04-01, <advisory> (a)" for each phase that
    rules it out, earliest first; `show` joins each reason and its letter (HTML links the letter)."""
    earliest_first = sorted(
        (p for p in table.phases if p.mark in marks), key=lambda p: p.rule.valid_from or datetime.date.min
    )
    said = []
    for phase in earliest_first:
        start, title = phase.rule.valid_from, phase.title.get(lang)
        reason = t("table_gone_since", lang, day=start.isoformat(), title=title) if start is not None else title
        said.append(show(reason, phase.mark))
    return "; ".join(said)


def _void_reasons(table: SupportTable, lang: str) -> list[tuple[Rule, str]]:
    """Each rule that rules out every configuration, as people read it, with its phase's letter."""
    phases = {p.rule.id: p for p in table.phases}
    said = []
    for rule in table.void:
        phase = phases.get(rule.id)
        head = f"{phase.title.get(lang)} ({phase.mark}): " if phase else ""
        said.append((rule, head + rule.message.get(lang)))
    return said


def _day(table: SupportTable) -> str:
    return table.day.isoformat() if table.day else ""


def _markdown(table: SupportTable, kb: KnowledgeBase, lang: str, sources: bool) -> str:
    """The texts of the knowledge base go through markdown.text (safe.markdown): shown as they are,
    never an image, a link, HTML or a new row of the table; the markup around them is ours."""
    text = markdown.text

    def rules(ids: Sequence[str]) -> str:
        return _md_rules(ids, lang, sources)

    out = [markdown.heading(1, text(table.title.get(lang))), "", markdown.comment(t("generated", lang)), ""]
    said = bottom_line(table, lang)
    if said:
        out += [markdown.strong(text(said)) + rules([r.id for r in table.unavoidable]), ""]
    if table.rows or table.day is None:
        out += markdown.table_head([text(header) for header in _headers(kb, lang)])
    else:  # a day on which nothing is supported: no table, and why
        out += [t("table_none_supported", lang, day=_day(table)), ""]
        out += [markdown.bullet(text(said)) + rules((rule.id,)) for rule, said in _void_reasons(table, lang)]
    for row in table.rows:
        marks = dict(row.marks)
        systems = markdown.BREAK.join(
            markdown.bullet(text(kb.label_of(SYSTEM, s, lang)) + "".join(markdown.sup(m) for m in marks.get(s, ())))
            for s in row.systems
        )
        cells = [
            text(kb.label_of(DEPLOYMENT, row.deployment, lang)),
            systems,
            _yes_no(kb, row.email_sync, lang),
            _yes_no(kb, row.act_sync, lang),
            markdown.BREAK.join(text(_protocol_label(kb, p, lang)) for p in row.protocols),
        ]
        out.append(markdown.row(cells) + rules(row.rules))
    out.append("")
    for note in table.footnotes:
        out.append(f"{markdown.sup(note.mark or '')} {text(note.text.get(lang))}" + rules(note.rules))
        out.append("")
    if table.day is not None:
        out += _markdown_advisories(table, kb, lang, rules)
    out += [markdown.heading(2, t("table_unsupported", lang)), "", t("unsupported_intro", lang), ""]
    out += [markdown.bullet(text(item.text.get(lang))) + rules(item.rules) for item in table.unsupported]
    out.append("")
    for item in table.remedies:
        out += [text(item.text.get(lang)) + rules(item.rules), ""]
    out += [markdown.heading(2, t("notes", lang)), ""]
    out += [markdown.bullet(text(item.text.get(lang))) + rules(item.rules) for item in table.notes]
    return "\n".join(out) + "\n"


def _markdown_advisories(
    table: SupportTable, kb: KnowledgeBase, lang: str, rules: Callable[[Sequence[str]], str], level: int = 2
) -> list[str]:
    """The systems no longer listed and the advisories in force on the table's day, in Markdown,
    under a heading of `level`."""
    text = markdown.text
    day = _day(table)
    out: list[str] = []
    if table.removed:
        out += [t("table_gone", lang, day=day), ""]
        for system, marks in table.removed:
            ids = [p.rule.id for p in table.phases if p.mark in marks]
            said = f"{kb.label_of(SYSTEM, system, lang)} — {_gone_text(table, marks, lang)}"
            out.append(markdown.bullet(text(said)) + rules(ids))
        out.append("")
    out += [markdown.heading(level, t("table_advisories", lang, day=day)), ""]
    if not table.phases:
        return [*out, t("table_no_advisory", lang, day=day), ""]
    out += [t("table_advisories_intro", lang, day=day), ""]
    for phase in table.phases:
        head, said = _phase_text(phase, kb, lang)
        links = ", ".join(markdown.link(label, url) for label, url in _links(kb, phase.rule.sources, lang))
        where = f"{t('table_sources', lang)}: {links}" if links else ""
        out.append(
            markdown.bullet(f"{markdown.strong(text(head))} {text(said)} {where}".rstrip()) + rules((phase.rule.id,))
        )
    return [*out, ""]


def _md_rules(ids: Sequence[str], lang: str, sources: bool) -> str:
    """With `sources`, the rule ids behind a line, as a comment after it; '' otherwise."""
    return " " + markdown.comment(f"{t('table_rules', lang)}: {', '.join(ids)}") if sources else ""


#: The published table's page: a column of 70rem, roomy cells, a caption, lists in cells without margins.
_STYLE = html.Style(
    width="70rem",
    cell_padding="0.5rem",
    table_rules=("caption { text-align: left; font-weight: bold; padding: 0.5rem 0; }",),
    rules=("td ul { margin: 0; padding-left: 1.2rem; }",),
)


def _html(table: SupportTable, kb: KnowledgeBase, lang: str, sources: bool) -> str:
    text = html.text

    def comment(ids: Sequence[str]) -> str:
        return html.comment(f"{t('table_rules', lang)}: {', '.join(ids)}") if sources else ""

    letters = {p.mark for p in table.phases}

    def mark(m: str) -> str:
        # A letter points at its advisory below, a digit at the page's footnote.
        target, name = (
            (f"advisory-{m}", t("kind_advisory", lang)) if m in letters else (f"footnote-{m}", t("footnotes", lang))
        )
        return html.sup(html.link(f"#{target}", text(m), aria_label=f"{name} {m}"))

    title = text(table.title.get(lang))
    out = html.page_start(lang, title, _STYLE, note=t("generated", lang))
    said = bottom_line(table, lang)
    if said:
        out.append(html.paragraph(html.strong(text(said)) + comment([r.id for r in table.unavoidable])))
    if table.rows or table.day is None:
        out += html.table_start([text(header) for header in _headers(kb, lang)], caption=text(t("caption", lang)))
    else:  # a day on which nothing is supported: no table, and why
        out.append(html.paragraph(text(t("table_none_supported", lang, day=_day(table)))))
        out += html.bullets(html.item(text(said) + comment((rule.id,))) for rule, said in _void_reasons(table, lang))
    for row in table.rows:
        marks = dict(row.marks)
        systems = (
            html.item(text(kb.label_of(SYSTEM, s, lang)) + "".join(mark(m) for m in marks.get(s, ())))
            for s in row.systems
        )
        cells = [
            html.row_header(text(kb.label_of(DEPLOYMENT, row.deployment, lang))),
            html.cell("".join(html.bullets(systems))),
            html.cell(text(_yes_no(kb, row.email_sync, lang))),
            html.cell(text(_yes_no(kb, row.act_sync, lang))),
            html.cell(html.BREAK.join(text(_protocol_label(kb, p, lang)) for p in row.protocols)),
        ]
        out.append(html.row(cells, before=comment(row.rules)))
    if table.rows or table.day is None:
        out += html.table_end()
    if table.footnotes:
        out.append(html.opening("section", aria_label=t("footnotes", lang)))
        for note in table.footnotes:
            number = note.mark or ""
            said = f"{html.sup(text(number))} {text(note.text.get(lang))}{comment(note.rules)}"
            out.append(html.paragraph(said, id=f"footnote-{number}"))
        out.append(html.closing("section"))
    if table.day is not None:
        out += _html_advisories(table, kb, lang, comment)
    out += [html.heading(2, text(t("table_unsupported", lang))), html.paragraph(text(t("unsupported_intro", lang)))]
    out += html.bullets(html.item(text(item.text.get(lang)) + comment(item.rules)) for item in table.unsupported)
    out += [html.paragraph(text(item.text.get(lang)) + comment(item.rules)) for item in table.remedies]
    out.append(html.heading(2, text(t("notes", lang))))
    out += html.bullets(html.item(text(item.text.get(lang)) + comment(item.rules)) for item in table.notes)
    out += html.page_end()
    return "\n".join(out) + "\n"


def _html_advisories(
    table: SupportTable, kb: KnowledgeBase, lang: str, comment: Callable[[Sequence[str]], str]
) -> list[str]:
    """The systems no longer listed and the advisories in force on the table's day, in HTML."""
    text = html.text

    def linked(reason: str, mark: str) -> str:
        return f"{text(reason)} ({html.link(f'#advisory-{mark}', text(mark))})"

    day = _day(table)
    out: list[str] = []
    if table.removed:
        out.append(html.paragraph(text(t("table_gone", lang, day=day))))
        gone = []
        for system, marks in table.removed:
            ids = [p.rule.id for p in table.phases if p.mark in marks]
            why = _gone_text(table, marks, lang, linked)
            gone.append(html.item(f"{text(kb.label_of(SYSTEM, system, lang))} — {why}{comment(ids)}"))
        out += html.bullets(gone)
    out.append(html.heading(2, text(t("table_advisories", lang, day=day)), id="advisories"))
    if not table.phases:
        return [*out, html.paragraph(text(t("table_no_advisory", lang, day=day)))]
    out.append(html.paragraph(text(t("table_advisories_intro", lang, day=day))))
    phases = []
    for phase in table.phases:
        head, said = _phase_text(phase, kb, lang)
        links = ", ".join(html.link(url, text(label)) for label, url in _links(kb, phase.rule.sources, lang))
        where = f" {text(t('table_sources', lang))}: {links}" if links else ""
        inner = f"{html.strong(text(head))} {text(said)}{where}{comment((phase.rule.id,))}"
        phases.append(html.item(inner, id=f"advisory-{phase.mark}"))
    return [*out, *html.bullets(phases)]


def _csv(table: SupportTable, kb: KnowledgeBase, lang: str, sources: bool) -> str:
    """Every cell through safe.csv_cell (on one line, never a formula); lines end in "\\n", as the
    published tables always have (their cells hold no line break, so the rows are those of CR LF)."""
    rows: list[Sequence[object]] = [_headers(kb, lang) + ([t("table_rules", lang)] if sources else [])]
    for row in table.rows:
        marks = dict(row.marks)
        systems = "; ".join(
            kb.label_of(SYSTEM, s, lang) + "".join(f" ({m})" for m in marks.get(s, ())) for s in row.systems
        )
        protocols = "; ".join(_protocol_label(kb, p, lang) for p in row.protocols)
        rows.append(
            [
                kb.label_of(DEPLOYMENT, row.deployment, lang),
                systems,
                _yes_no(kb, row.email_sync, lang),
                _yes_no(kb, row.act_sync, lang),
                protocols,
            ]
            + ([" ".join(row.rules)] if sources else [])
        )
    if table.day is not None:
        # After the table, a blank line and a second block: why the table is what it is on its day.
        rows.append([])
        if not table.rows:
            said = " ".join(text for _, text in _void_reasons(table, lang))
            rows.append([f"{t('table_none_supported', lang, day=_day(table))} {said}"])
        columns = ("mark", "phase", "in_force", "text", "marked", "removed")
        rows.append(
            [t("table_col_advisory", lang, day=_day(table))]
            + [t(f"table_col_{c}", lang) for c in columns]
            + [t("table_sources", lang)]
            + ([t("table_rules", lang)] if sources else [])
        )
        for phase in table.phases:
            rule = phase.rule
            rows.append(
                [
                    phase.title.get(lang),
                    phase.mark,
                    rule.title.get(lang) if rule.title else "",
                    _period(rule, lang),
                    rule.message.get(lang)
                    + (f" {t('reading', lang)}: {rule.reading.get(lang)}" if rule.reading else ""),
                    _systems(kb, phase.affected, lang),
                    _systems(kb, phase.removed, lang),
                    " ".join(kb.links(rule.sources)),
                ]
                + ([rule.id] if sources else [])
            )
    return csv.document(rows, line_end="\n")


def table_json(table: SupportTable, lang: str, sources: bool = False) -> dict[str, Any]:
    """The table as CONTRACT.md §3 describes it; `sources` adds the rule ids as `rules`. On a day,
    `as_of` and `page_only` (null and true for the page's own table), and on a day what shapes the
    table that day (CONTRACT.md §4): `advisories`, `no_longer_listed` and `nothing_supported`."""

    def item(entry: Item) -> dict[str, Any]:
        value: dict[str, Any] = {"rule": entry.rules[0], "text": entry.text.get(lang), "statement": entry.statement}
        if sources:
            value["rules"] = list(entry.rules)
        return value

    rows = []
    for row in table.rows:
        value: dict[str, Any] = {
            "deployment": row.deployment,
            "email_systems": list(row.systems),
            "email_sync": row.email_sync,
            "act_sync": row.act_sync,
            "protocols": [f"{i}/{o}" for i, o in row.protocols],
            "footnotes": {system: list(marks) for system, marks in row.marks},
        }
        if sources:
            value["rules"] = list(row.rules)
        rows.append(value)
    footnotes = []
    for note in table.footnotes:
        entry: dict[str, Any] = {"mark": note.mark, "text": note.text.get(lang)}
        if sources:
            entry["rules"] = list(note.rules)
        footnotes.append(entry)
    document = {
        "title": table.title.get(lang),
        "rows": rows,
        "footnotes": footnotes,
        "unsupported": [item(i) for i in table.unsupported],
        "remedies": [item(i) for i in table.remedies],
        "notes": [item(i) for i in table.notes],
    }
    if table.day is None:  # the page's own table, as it was before advisories existed, and the day it is about
        return {**document, **question_json(table.kb)}
    used = {m for row in table.rows for _, marks in row.marks for m in marks}
    footnotes += [
        {"mark": p.mark, "text": p.rule.message.get(lang), "advisory": p.rule.advisory, "rule": p.rule.id}
        for p in table.phases
        if p.mark in used
    ]
    void = [{"rule": rule.id, "text": text} for rule, text in _void_reasons(table, lang)]
    return {
        **document,
        **question_json(table.kb),
        "advisories": [_phase_json(p, table.kb, lang) for p in table.phases],
        "no_longer_listed": [
            {"system": system, "marks": list(marks), "rules": [p.rule.id for p in table.phases if p.mark in marks]}
            for system, marks in table.removed
        ],
        "nothing_supported": (
            {"text": t("table_none_supported", lang, day=_day(table)), "reasons": void} if not table.rows else None
        ),
    }


def _phase_json(phase: Phase, kb: KnowledgeBase, lang: str) -> dict[str, Any]:
    rule = phase.rule
    return {
        "mark": phase.mark,
        "rule": rule.id,
        "advisory": rule.advisory,
        "title": phase.title.get(lang),
        "phase": rule.title.get(lang) if rule.title else None,
        "from": rule.valid_from.isoformat() if rule.valid_from else None,
        "until": rule.valid_until.isoformat() if rule.valid_until else None,
        "severity": rule.severity.value,
        "text": rule.message.get(lang),
        "reading": rule.reading.get(lang) if rule.reading else None,
        "links": list(kb.links(rule.sources)),
        "affected": list(phase.affected),
        "removed": list(phase.removed),
    }


def _json(table: SupportTable, kb: KnowledgeBase, lang: str, sources: bool) -> str:
    return json.dumps(table_json(table, lang, sources), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- files ---------------------------------------------------------------------------------------
