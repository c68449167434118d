"""An audit said for people and programs: text for a terminal, JSON (CONTRACT.md §5), CSV for a
spreadsheet, Markdown, and a standalone HTML page with a chart, in English or Vietnamese.

Every format says the same things in the same order: the day, the summary, the organization, the
mailboxes that need action grouped by the rule they break (with its source and remedy and each
mailbox's nearest fix in Dynamics' terms), then every row of the export.

What the export says (names, emails, ids, what a row could not be read as) is typed by people, and
the report is opened in a terminal, a spreadsheet or a Markdown viewer: every format puts it through
syncmatrix.present.safe, and the text, Markdown and HTML documents are, whole, what standard output
shows (safe.plain), so a file written with --output is the text a terminal would have shown.
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, AnyStr, Protocol

from syncmatrix.audit.collector import no_cycle_collection
from syncmatrix.audit.judge import question_counts_of, rule_counts_of, summary_of
from syncmatrix.audit.mapping import ORG_SETTINGS, Said
from syncmatrix.audit.model import Audit, Change, Export, Judged, Status
from syncmatrix.audit.stream import StreamedAudit
from syncmatrix.kb.model import KnowledgeBase, Rule, format_value
from syncmatrix.present.render import csv, html, markdown
from syncmatrix.present.report import question_json, question_text
from syncmatrix.present.safe import line, plain
from syncmatrix.present.sources import local
from syncmatrix.present.text import escape
from syncmatrix.present.words import t

FORMATS = ("text", "json", "csv", "markdown", "html")
VERDICTS = ("supported", "supported_with_warnings", "unsupported")
NOT_JUDGED = (Status.INACTIVE, Status.NOT_SYNCHRONIZED, Status.UNREADABLE)
#: Characters (or bytes) of report gathered before a chunk is handed to the writer.
CHUNK = 256 * 1024


#: How a report names where a source can be read (present/sources.py): `local` on the command line
#: (the shipped copy of a repository path), `sources.web` in the dashboard (its address in the repository).
Address = Callable[[str], str]


def render(audit: Audit | StreamedAudit, fmt: str, lang: str, address: Address = local) -> str:
    """The whole report as one str (tests, small audits); chunks() writes a large one."""
    if fmt == "json":
        return audit_json(audit).decode()
    return "".join(text_chunks(audit, fmt, lang, address))


def render_bytes(audit: Audit | StreamedAudit, fmt: str, lang: str, address: Address = local) -> bytes:
    """The report in UTF-8, as a file holds it (JSON without ever being a str: see audit_json)."""
    return b"".join(chunks(audit, fmt, lang, address))


def chunks(audit: Audit | StreamedAudit, fmt: str, lang: str, address: Address = local) -> Iterator[bytes]:
    """The report in UTF-8, in chunks of about CHUNK bytes: what a file or a pipe is written from
    without the whole report ever in memory (issue 20: a report of 1,000,000 mailboxes)."""
    if fmt == "json":
        yield from _batched(_json_pieces(_view(audit)))
    else:
        for chunk in text_chunks(audit, fmt, lang, address):
            yield chunk.encode()


def text_chunks(audit: Audit | StreamedAudit, fmt: str, lang: str, address: Address = local) -> Iterator[str]:
    """A report other than JSON as str chunks of about CHUNK characters, each ending at the end of
    a line or between two row numbers (standard output escapes each chunk by itself)."""
    if fmt == "csv":  # cell by cell (safe.csv_cell): its lines end in CR LF, which plain would show
        yield from _batched(_csv_pieces(_view(audit), lang))
        return
    pieces = {"text": _text_pieces, "markdown": _markdown_pieces, "html": _html_pieces}[fmt]
    # Each chunk as standard output shows it (safe.plain, character by character: chunks may split anywhere).
    for chunk in _batched(pieces(_view(audit), lang, address)):
        yield plain(chunk)


def _batched(pieces: Iterable[AnyStr]) -> Iterator[AnyStr]:
    """The pieces joined into chunks of about CHUNK characters (str) or bytes (JSON)."""
    gathered: list[AnyStr] = []
    size = 0
    for piece in pieces:
        gathered.append(piece)
        size += len(piece)
        if size >= CHUNK:
            yield gathered[0][:0].join(gathered)
            gathered.clear()
            size = 0
    if gathered:
        yield gathered[0][:0].join(gathered)


# --- the audit as the formats read it: kinds of rows, and the rows of some kinds -----------------------


class _View(Protocol):
    """What the formats read of an audit (StreamedAudit is one; _Whole makes an Audit one): one
    Judged of each kind of row (its first row) and how many rows are of it, and the rows of some
    kinds in the export's order. Everything but who a row is follows from its kind. Read only (as
    properties): StreamedAudit is a frozen dataclass."""

    @property
    def kb(self) -> KnowledgeBase: ...
    @property
    def export(self) -> Export: ...
    @property
    def settings(self) -> Mapping[str, Any]: ...
    @property
    def facts(self) -> Mapping[str, Any]: ...
    @property
    def fact_rows(self) -> Mapping[str, Any]: ...
    @property
    def kinds(self) -> tuple[Judged, ...]: ...
    @property
    def counts(self) -> tuple[int, ...]: ...

    def rows(self, which: frozenset[int] | set[int] | None = None) -> Iterator[tuple[int, Judged]]: ...


class _Whole:
    """An Audit held in memory as a _View: rows of a kind share the objects judge.audit gives
    them, so a kind is told by the identities of what a Judged holds beside its row."""

    def __init__(self, audit: Audit) -> None:
        self.kb, self.export, self.settings = audit.kb, audit.export, audit.settings
        self.facts, self.fact_rows, self.mailboxes = audit.facts, audit.fact_rows, audit.mailboxes
        kind_of: dict[tuple[int, ...], int] = {}
        kinds: list[Judged] = []
        counts: list[int] = []
        self.kind_of_row: list[int] = []
        for j in audit.mailboxes:
            key = (
                *map(id, (j.status, j.config, j.open, j.evidence, j.verdict, j.violations, j.because)),
                *map(id, (j.possible, j.depends_on, j.would_break, j.fix, j.fix_verdict, j.fix_possible, j.problems)),
            )
            kind = kind_of.get(key)
            if kind is None:
                kind = kind_of[key] = len(kinds)
                kinds.append(j)
                counts.append(0)
            counts[kind] += 1
            self.kind_of_row.append(kind)
        self.kinds, self.counts = tuple(kinds), tuple(counts)

    def rows(self, which: frozenset[int] | set[int] | None = None) -> Iterator[tuple[int, Judged]]:
        for kind, judged in zip(self.kind_of_row, self.mailboxes, strict=True):
            if which is None or kind in which:
                yield kind, judged


def _view(audit: Audit | StreamedAudit | _View) -> _View:
    return _Whole(audit) if isinstance(audit, Audit) else audit


def _pairs(v: _View) -> list[tuple[Judged, int]]:
    return list(zip(v.kinds, v.counts, strict=True))


def _summary(v: _View) -> dict[str, int]:
    return summary_of(_pairs(v))


def not_read(v: Audit | StreamedAudit | _View, lang: str) -> str:
    """The sentence every report opens with when not everything was read (issue 21): how many rows
    could not be read, by the column that could not be, and when a column holds labels syncmatrix
    does not read on every row, that they look like labels in another language; or that nothing
    could be judged. '' when every row was read and some mailbox judged."""
    v = _view(v)
    pairs = _pairs(v)
    total = sum(n for _, n in pairs)
    unread = [(j, n) for j, n in pairs if j.status is Status.UNREADABLE]
    n_unread = sum(n for _, n in unread)
    counts = summary_of(pairs)
    if not n_unread:
        return t("audit_nothing_judged", lang, total=total) if not counts["judged"] else ""
    by_column: dict[str, int] = {}
    labels: dict[str, int] = {}  # column -> rows whose cell there is a label syncmatrix does not read
    for judged, n in unread:
        columns = {p.column for p in judged.mailbox.problems}
        for column in columns:
            by_column[column] = by_column.get(column, 0) + n
        for column in {p.column for p in judged.mailbox.problems if _unknown_label(p.reason)}:
            labels[column] = labels.get(column, 0) + n
    reasons = [
        t("audit_not_read_column", lang, n=n, column=line(column)) if column else t("audit_not_read_other", lang, n=n)
        for column, n in sorted(by_column.items(), key=lambda item: (-item[1], item[0]))
    ]
    said = t(
        "audit_not_read_one" if n_unread == 1 else "audit_not_read",
        lang,
        n=n_unread,
        total=total,
        reasons="; ".join(reasons),
    )
    foreign = [column for column, n in labels.items() if n == total]
    if foreign:
        said += " " + t("audit_foreign_labels", lang, columns=", ".join(line(c) for c in sorted(foreign))) + "."
    return said


def _unknown_label(reason: str) -> bool:
    return getattr(reason, "key", "") in ("export_pb_label", "export_pb_label_near")


def _rule_counts(v: _View) -> list[tuple[str, int]]:
    return rule_counts_of(v.kb, _pairs(v))


def question_counts(audit: Audit | StreamedAudit | _View) -> list[tuple[str, int]]:
    """judge.question_counts of any audit: the open variables that would settle answers, most first."""
    v = _view(audit)
    return question_counts_of(v.kb, _pairs(v))


#: Where the administrator gives what the export leaves open, by variable (ORG_SETTINGS: an
#: organization setting); said in words of no one face, as the reports are the dashboard's too.
_HOW = {
    "email_system": "audit_question_map",
    "server_profile": "audit_question_profile",
    "incoming_protocol": "audit_question_profile",
    "outgoing_protocol": "audit_question_profile",
}


def question_lines(audit: Audit | StreamedAudit | _View, lang: str) -> list[str]:
    """'Email system: 18 mailboxes (name it in a map file …)', one per open variable some answer
    depends on, the one that would settle the most mailboxes first; [] when every answer is settled."""
    v = _view(audit)
    lines = []
    for name, n in question_counts(v):
        how = "audit_question_setting" if name in ORG_SETTINGS else _HOW.get(name, "audit_question_other")
        label = v.kb.variable(name).label.get(lang)
        lines.append(f"{label}: {_many(n, lang)} ({t(how, lang)})")
    return lines


def _what_settles(kb: KnowledgeBase, names: Sequence[str], lang: str) -> str:
    """The labels of open variables, lower-case where a sentence holds them: 'email system'."""
    return t("audit_and", lang).join(_lower(kb.variable(n).label.get(lang)) for n in names)


def _lower(label: str) -> str:
    """A label inside a sentence: 'Email system' → 'email system'; one that begins with a name or an
    acronym ('Outlook on the web', 'FIPS 140-2 compliance') as it is."""
    first = label.split(" ", 1)[0]
    return label if first.isupper() or first in _NAMES else label[:1].lower() + label[1:]


_NAMES = frozenset({"Outlook", "Exchange", "Dynamics"})


def _judged_rows(v: _View, which: Iterable[int]) -> Iterator[Judged]:
    """The rows of the kinds `which`, in the export's order."""
    for _, judged in v.rows(set(which)):
        yield judged


# --- what every format says ------------------------------------------------------------------------


def _config_words(config: Any) -> str:
    return " ".join(f"{name}={format_value(value)}" for name, value in config.items())


def _who(judged: Judged) -> str:
    """A mailbox as people name it: 'Ana Souza <ana@contoso.com>', or its row."""
    box = judged.mailbox
    if box.name and box.email:
        return f"{box.name} <{box.email}>"
    return box.name or box.email or box.id or "—"


def say(text: str, lang: str) -> str:
    """Words of the audit in `lang`: a Said in its language, the file's own words as they are."""
    return text.say(lang) if isinstance(text, Said) else text


def _problems(judged: Judged, lang: str) -> str:
    return "; ".join(say(p, lang) for p in judged.problems)


def change_text(kb: KnowledgeBase, change: Change, lang: str) -> str:
    """'Appointments, Contacts, and Tasks → None (act_sync: true → false)'."""
    vocabulary = (
        f"{change.variable}: {format_value(change.before) if change.before is not None else t('audit_open', lang)}"
        f" → {format_value(change.after)}"
    )
    value = say(change.field_value, lang)
    if change.field:
        return f"{say(change.field, lang)} → {value} ({vocabulary})"
    return f"{value} ({vocabulary})" if value else vocabulary


def nearest_fix_text(kb: KnowledgeBase, judged: Judged, lang: str) -> str:
    """A mailbox's nearest fix in Dynamics' terms and the vocabulary's, then what it leaves open; for
    an unsupported mailbox with none, that none was found; '' for one that needs none. (Not
    present.report.fix_text, which says a `fix` command's answer.)"""
    if judged.fix is None:
        return t("audit_no_fix", lang) if judged.verdict and judged.verdict.value == "unsupported" else ""
    text = "; ".join(change_text(kb, c, lang) for c in judged.fix)
    after = {**judged.config, **{c.variable: c.after for c in judged.fix}}
    then = _narrowed(kb, judged.fix_possible, after)
    return f"{text}; {t('audit_then', lang)} {then}" if then else text


def _title(rule: Rule, lang: str) -> str:
    return rule.title.get(lang) if rule.title else rule.id


def _many(n: int, lang: str) -> str:
    return t("audit_mailboxes_one" if n == 1 else "audit_mailboxes", lang, n=n)


@dataclass(frozen=True, slots=True)
class _Group:
    """Mailboxes said together: their rule(s), their kinds of rows, how many, and the first of them."""

    rules: tuple[Rule, ...]
    kinds: tuple[int, ...]  # in the order of their first rows
    n: int
    first: Judged
    # For mailboxes unsupported whatever the export leaves open, what decides which of `rules`
    # they break (their depends_on); () when they break every rule of `rules`.
    depends: tuple[str, ...] = ()


def _needs_action(v: _View) -> list[_Group]:
    """The unsupported mailboxes grouped by why: the error rules they break, or, apart, the rules
    they cannot escape and what decides which (issue 21: never one of these counted as broken);
    most mailboxes first, ties in the order of the first rule in the knowledge base."""
    found: dict[tuple[tuple[str, ...], tuple[str, ...]], list[int]] = {}  # kinds by their first rows: the file's order
    for kind, judged in enumerate(v.kinds):
        if _verdict(judged) == "unsupported":
            found.setdefault((tuple(r.id for r in judged.because), judged.depends_on), []).append(kind)
    groups = [
        _Group(
            v.kinds[kinds[0]].because,
            tuple(kinds),
            sum(v.counts[k] for k in kinds),
            v.kinds[kinds[0]],
            depends,
        )
        for (_, depends), kinds in found.items()
    ]
    position = {r.id: i for i, r in enumerate(v.kb.rules)}
    return sorted(groups, key=lambda g: (-g.n, min((position[r.id] for r in g.rules), default=-1)))


def _warned(v: _View) -> list[tuple[Rule, _Group]]:
    groups = []
    for rule_id, _ in _rule_counts(v):
        rule = v.kb.rule(rule_id)
        if rule.severity.value == "warning":
            kinds = tuple(
                kind
                for kind, j in enumerate(v.kinds)
                if _verdict(j) == "supported_with_warnings" and rule in j.violations
            )
            if kinds:
                groups.append((rule, _Group((rule,), kinds, sum(v.counts[k] for k in kinds), v.kinds[kinds[0]])))
    return groups


@dataclass(frozen=True, slots=True)
class GroupSaid:
    """A group of mailboxes as a face other than a report shows it (the dashboard): its title, what
    its rules say and their remedies, and its mailboxes by the fix they share (fix said, rows)."""

    title: str
    n: int
    severity: str  # error: they need action; warning: they are supported with warnings
    intro: str  # for mailboxes unsupported whatever the export leaves open, that; else ''
    rules: tuple[tuple[str, str], ...]  # (title, message) of each rule
    remedies: tuple[str, ...]
    by_fix: tuple[tuple[str, tuple[Judged, ...]], ...]


def groups_said(audit: Audit | StreamedAudit, lang: str) -> list[GroupSaid]:
    """The groups of the reports (the unsupported by why, then the warned by rule), said in `lang`,
    each with its mailboxes in the export's order: the HTML report's sections, as data, the rules
    by their titles alone (a face for people: the ids are the reports')."""
    v = _view(audit)
    kb = v.kb
    found = []
    for group in _needs_action(v):
        by_fix: dict[str, list[Judged]] = {}
        for judged, fix in _with_fixes(v, group, lang):
            by_fix.setdefault(fix, []).append(judged)
        escape = _escapes(group)
        found.append(
            GroupSaid(
                f"{_plain_title(kb, group, lang)} — {_many(group.n, lang)}",
                group.n,
                "error",
                _whatever(kb, group, lang) if escape else "",
                tuple((_title(r, lang), r.message.get(lang)) for r in group.rules),
                tuple(dict.fromkeys(r.remedy.get(lang) for r in group.rules if r.remedy)),
                tuple((fix, tuple(rows)) for fix, rows in by_fix.items()),
            )
        )
    for rule, group in _warned(v):
        rows = tuple(_judged_rows(v, group.kinds))
        found.append(
            GroupSaid(
                f"{_title(rule, lang)} — {_many(group.n, lang)}",
                group.n,
                "warning",
                "",
                ((_title(rule, lang), rule.message.get(lang)),),
                (rule.remedy.get(lang),) if rule.remedy else (),
                (("", rows),),
            )
        )
    return found


def _plain_title(kb: KnowledgeBase, group: _Group, lang: str) -> str:
    """_group_title without the rules' ids."""
    if group.depends or not group.rules:
        return _group_title(kb, group, lang)
    return " / ".join(_title(r, lang) for r in group.rules)


def _export_line(v: _View, lang: str) -> str:
    n = sum(v.counts)
    return t("audit_of_one" if n == 1 else "audit_of", lang, path=line(v.export.path), shape=v.export.shape.value, n=n)


def _verdict(judged: Judged) -> str | None:
    return judged.verdict.value if judged.verdict is not None else None


def _open_text(kb: KnowledgeBase, judged: Judged) -> str:
    """What the export left open about the mailbox that its verdict depends on: 'email_system ∈
    {exchange_2010, …}' (the organization's settings are said once, for all: assumed_settings)."""
    possible = {name: judged.possible[name] for name in judged.depends_on if name in judged.possible}
    return _narrowed(kb, possible, judged.config)


# Read by the profile's type through the axioms of the model: once the profile is known, they say nothing more.
_TIED_TO_PROFILE = ("incoming_protocol", "outgoing_protocol")


def _narrowed(kb: KnowledgeBase, possible: Any, config: Any) -> str:
    """Open variables of the mailbox with the values still acceptable, for those some values only are."""
    return "; ".join(
        f"{name} ∈ {{{', '.join(format_value(v) for v in values)}}}"
        for name, values in possible.items()
        if values
        and len(values) < len(kb.variable(name).domain)
        and name not in ORG_SETTINGS
        and not (name in _TIED_TO_PROFILE and "server_profile" in {**config, **possible})
    )


def assumed_settings(audit: Audit | StreamedAudit | _View) -> dict[str, tuple[Any, ...]]:
    """The organization's settings not given that some judged verdict depends on, with the values
    every such verdict allows: 'the verdicts hold if mfa=false …'."""
    audit = _view(audit)
    assumed: dict[str, set[Any]] = {}
    for judged in audit.kinds:  # rows of a kind depend on the same
        if _verdict(judged) == "unsupported":
            continue  # its depends_on decide which rule it breaks, not whether
        for name in judged.depends_on:
            if name in ORG_SETTINGS and name in judged.possible:
                values = set(judged.possible[name])
                assumed[name] = assumed[name] & values if name in assumed else values
    order = {v: i for i, v in enumerate(audit.kb.variable_names)}
    return {
        name: tuple(v for v in audit.kb.variable(name).domain if v in assumed[name])
        for name in sorted(assumed, key=order.__getitem__)
    }


def _status_text(judged: Judged, lang: str) -> str:
    if judged.status is Status.JUDGED:
        return t(_verdict(judged) or "unsupported", lang)
    return t(f"audit_status_{judged.status.value}", lang)


# --- text ------------------------------------------------------------------------------------------


def audit_text(audit: Audit | StreamedAudit, lang: str) -> str:
    return render(audit, "text", lang)


def _text_pieces(v: _View, lang: str, address: Address = local) -> Iterator[str]:
    """The text report, line by line (a line of many row numbers in pieces)."""
    kb = v.kb
    counts = _summary(v)
    first = not_read(v, lang)
    lines = ([f"⚠ {first}", ""] if first else []) + [question_text(kb, lang).rstrip("\n")]
    lines.append(_export_line(v, lang))
    lines.append(
        "  "
        + t(
            "audit_judged_line",
            lang,
            n=counts["judged"],
            s=counts["supported"],
            w=counts["supported_with_warnings"],
            u=counts["unsupported"],
        )
    )
    if counts["depends"]:
        n = counts["depends"]
        lines.append("  " + t("audit_depends_line_one" if n == 1 else "audit_depends_line", lang, n=n))
    lines.append(
        "  "
        + t(
            "audit_not_judged_line",
            lang,
            i=counts["inactive"],
            n=counts["not_synchronized"],
            r=counts["unreadable"],
        )
    )
    lines += _organization_lines(v, lang)
    questions = question_lines(v, lang)
    if questions:
        lines += ["", t("audit_questions", lang), *(f"  {q}" for q in questions)]
    yield from _ended(lines)
    action = _needs_action(v)
    yield "\n"
    if action:
        n = counts["unsupported"]
        yield t("audit_needs_action_one" if n == 1 else "audit_needs_action", lang, n=n) + "\n"
        for group in action:
            lines = ["", f"✗ {_group_title(kb, group, lang)} — {_many(group.n, lang)}"]
            lines += [f"    {line}" for line in _group_lines(kb, group, lang, address)]
            yield from _ended(lines)
            by_fix: dict[str, list[int]] = {}  # mailboxes with the same nearest fix, said once
            for kind in group.kinds:
                by_fix.setdefault(nearest_fix_text(kb, v.kinds[kind], lang), []).append(kind)
            for fix, same in by_fix.items():
                said = f"{t('audit_fix', lang)}: {line(fix)}" if fix else t("audit_no_fix_found", lang)
                yield f"    {said}\n"
                for judged in _judged_rows(v, same):
                    yield _group_row_line(judged, lang) + "\n"
    else:
        yield t("audit_nothing_unsupported", lang) + "\n"
    warned = _warned(v)
    if warned:
        n = counts["supported_with_warnings"]
        yield from _ended(["", t("audit_with_warnings_one" if n == 1 else "audit_with_warnings", lang, n=n)])
        for rule, group in warned:
            yield f"  ! {_rule_title(rule, lang)} — "
            yield from _rows(v, group, lang)
            yield "\n"
            if rule.remedy:
                yield f"      {t('remedy', lang)}: {rule.remedy.get(lang)}\n"
    conditional = [k for k, j in enumerate(v.kinds) if j.status is Status.JUDGED and _open_text(kb, j)]
    if conditional:
        yield from _ended(["", t("audit_depends", lang)])
        opens = {kind: _open_text(kb, v.kinds[kind]) for kind in conditional}
        for kind, judged in v.rows(set(conditional)):
            yield _depends_line(judged, opens[kind], lang) + "\n"
    not_judged = [k for k, j in enumerate(v.kinds) if j.status in NOT_JUDGED]
    if not_judged:
        yield from _ended(["", t("audit_not_judged", lang)])
        for judged in _judged_rows(v, not_judged):
            yield _not_judged_line(judged, lang) + "\n"


def _ended(lines: Iterable[str]) -> Iterator[str]:
    for each in lines:
        yield each + "\n"


def _group_row_line(judged: Judged, lang: str) -> str:
    """A mailbox of a group of the text report: '      row 21  Ana Souza <ana@contoso.com>'."""
    return f"      {t('audit_row', lang, row=judged.mailbox.row)}  {line(_who(judged))}"


def _depends_line(judged: Judged, open_text: str, lang: str) -> str:
    """A mailbox whose verdict depends on what the export leaves open (`open_text`: _open_text of it)."""
    return (
        f"  {t('audit_row', lang, row=judged.mailbox.row)}  {line(_who(judged))}: {_status_text(judged, lang)} "
        f"{t('audit_if', lang)} {open_text}"
    )


def _not_judged_line(judged: Judged, lang: str) -> str:
    why = f": {line(_problems(judged, lang))}" if judged.problems else ""
    return f"  {t('audit_row', lang, row=judged.mailbox.row)}  {line(_who(judged))}: {_status_text(judged, lang)}{why}"


def _row_numbers(rows: Sequence[int], lang: str, most: int = 10) -> str:
    """'row 21', 'rows 15, 18, 23', at most `most` of them then '…'."""
    if len(rows) == 1:
        return t("audit_row", lang, row=rows[0])
    return t("audit_rows", lang, rows=", ".join(str(r) for r in rows[:most]) + (" …" if len(rows) > most else ""))


_MARK = "\x00"  # where a list of row numbers goes in the words that hold it


def _rows(v: _View, group: _Group, lang: str) -> Iterator[str]:
    """_row_numbers of every row of `group`, all of them, in pieces of a few thousand numbers."""
    if group.n == 1:
        yield from (t("audit_row", lang, row=judged.mailbox.row) for judged in _judged_rows(v, group.kinds))
        return
    before, after = t("audit_rows", lang, rows=_MARK).split(_MARK)
    yield before
    numbers: list[str] = []
    first = True
    for judged in _judged_rows(v, group.kinds):
        numbers.append(str(judged.mailbox.row))
        if len(numbers) >= 4096:
            yield ("" if first else ", ") + ", ".join(numbers)
            numbers.clear()
            first = False
    if numbers:
        yield ("" if first else ", ") + ", ".join(numbers)
    yield after


def _group_title(kb: KnowledgeBase, group: _Group, lang: str) -> str:
    """'Exchange Server 2019 out of support [a2-…]' (each rule its mailboxes break); for mailboxes
    unsupported whatever the export leaves open, that, and what it leaves open (never the titles
    of rules they may not break)."""
    if group.depends:
        return t("audit_group_depends", lang, what=_what_settles(kb, group.depends, lang))
    if not group.rules:
        return t("audit_no_rule", lang)
    return " / ".join(_rule_title(r, lang) for r in group.rules)


def _rule_title(rule: Rule, lang: str) -> str:
    return f"{_title(rule, lang)} [{rule.id}]" if rule.title else rule.id


def _escapes(group: _Group) -> bool:
    """Whether the mailboxes of `group` break no rule of it for certain: one of them, by what is open."""
    return bool(group.rules) and not any(r in group.first.violations for r in group.rules)


def _whatever(kb: KnowledgeBase, group: _Group, lang: str) -> str:
    """The sentence before the rules of a group its mailboxes cannot escape."""
    return t("audit_whatever", lang, what=_what_settles(kb, group.depends, lang))


def _group_lines(kb: KnowledgeBase, group: _Group, lang: str, address: Address = local) -> list[str]:
    """What the rules of a group say, with their sources, then their remedies, each once; for a set
    the open values cannot escape (its first mailbox breaks none of them itself), first that
    whatever they are, one of these rules is broken, and each rule's title."""
    rules = group.rules
    escape = _escapes(group)
    lines = [_whatever(kb, group, lang)] if escape else []
    for rule in rules:
        lines.append(f"• {_rule_title(rule, lang)}: {rule.message.get(lang)}" if escape else rule.message.get(lang))
        lines.append(f"{'  ' if escape else ''}{t('source', lang)}: {kb.cite(rule.sources, lang)}")
        lines += [f"{'  ' if escape else ''}  {address(link)}" for link in kb.links(rule.sources)]
    remedies = dict.fromkeys(r.remedy.get(lang) for r in rules if r.remedy)
    lines += [f"{t('remedy', lang)}: {remedy}" for remedy in remedies]
    return lines


def _organization_lines(audit: _View, lang: str) -> list[str]:
    lines = []
    settings = _config_words(audit.settings) or t("audit_none_given", lang)
    lines.append(f"{t('audit_settings', lang)}: {settings}")
    assumed = assumed_settings(audit)
    if assumed:
        shown = ", ".join(f"{n}={'/'.join(format_value(v) for v in values)}" for n, values in assumed.items())
        lines.append(t("audit_assumed", lang, settings=shown))
    for name, value in audit.facts.items():
        rows = audit.fact_rows.get(name, ())
        because = f" ({_row_numbers(rows, lang)})" if rows else ""
        lines.append(f"{t('audit_fact', lang)}: {name}={format_value(value)}{because}")
    return lines


# --- JSON (CONTRACT.md §5) -------------------------------------------------------------------------


def _own_json(judged: Judged) -> dict[str, Any]:
    """What is this mailbox's alone: where it is and who it is."""
    box = judged.mailbox
    return {"row": box.row, "id": box.id, "name": box.name, "email": box.email}


def _mapped_json(judged: Judged) -> dict[str, Any]:
    """What the export shows of it, shared by the rows mapped alike."""
    return {
        "config": dict(judged.config),
        "evidence": dict(judged.evidence),
        "status": judged.status.value,
        "problems": list(judged.problems),
    }


def _shared_json(judged: Judged) -> dict[str, Any]:
    """What every mailbox with the same configuration shares: the answer about it."""
    fix = None
    if judged.fix is not None:
        fix = {
            "changes": [
                {
                    "variable": c.variable,
                    "from": c.before,
                    "to": c.after,
                    "field": c.field,
                    "field_value": c.field_value,
                }
                for c in judged.fix
            ],
            "verdict": judged.fix_verdict.value if judged.fix_verdict else None,
        }
    return {
        "open": list(judged.open),
        "depends_on": list(judged.depends_on),
        "verdict": _verdict(judged),
        "violations": [r.id for r in judged.violations],
        "because": [r.id for r in judged.because],
        "would_break": [r.id for r in judged.would_break],
        "possible": {name: list(values) for name, values in judged.possible.items()},
        "fix": fix,
    }


def _head_json(audit: _View) -> dict[str, Any]:
    return {
        **question_json(audit.kb),
        "export": {"path": audit.export.path, "shape": audit.export.shape.value, "notes": list(audit.export.notes)},
        "organization": {
            "settings": dict(audit.settings),
            "facts": dict(audit.facts),
            "fact_rows": {name: list(rows) for name, rows in audit.fact_rows.items()},
        },
        "summary": _summary(audit),
        "not_read": not_read(audit, "en"),
        "rules": [{"rule": rule_id, "mailboxes": n} for rule_id, n in _rule_counts(audit)],
        "questions": [{"variable": name, "mailboxes": n} for name, n in question_counts(audit)],
    }


def audit_json(audit: Audit | StreamedAudit, lang: str = "en") -> bytes:
    """The JSON document in UTF-8, already safe for a terminal (present.text.escape): its head
    indented with sorted keys, each mailbox on one line of its own, its keys in a fixed order (its
    own fields, then what the rows read alike share). `lang` is unused: the JSON is for programs.
    chunks() gives the same bytes a piece at a time."""
    return b"".join(_json_pieces(_view(audit)))


def _json_pieces(v: _View) -> Iterator[bytes]:
    """audit_json's bytes, row by row.

    Built for 1,000,000 mailboxes: what rows of a kind share is encoded (by json's C encoder) and
    escaped once; each row adds only its own four fields, escaped only when they hold a character
    outside printable ASCII. Bytes, not a str: one Vietnamese name would otherwise make the whole
    document a str of two bytes a character.
    """
    body = escape(json.dumps(_head_json(v), ensure_ascii=False, indent=2, sort_keys=True))
    # "mailboxes" sorts between "export" and "organization": put it where sort_keys would.
    cut = body.index('\n  "organization": ')
    encode = json.JSONEncoder(ensure_ascii=False).encode
    quote = json.encoder.encode_basestring  # a str as JSON, in C, not ASCII-escaped
    shared: dict[int, bytes] = {}  # kind -> what its rows share, encoded
    yield body[:cut].encode()
    yield b'\n  "mailboxes": ['
    before = b""  # the "," between two mailboxes, none before the first
    with no_cycle_collection():
        for kind, judged in v.rows():
            answer = shared.get(kind)
            if answer is None:
                text = encode({**_mapped_json(judged), **_shared_json(judged)})[1:]  # without its "{"
                answer = shared[kind] = escape(text).encode()
            box = judged.mailbox  # _own_json's keys, written straight
            own = f'\n    {{"row": {box.row}, "id": {quote(box.id)}, "name": {quote(box.name)}, '
            own += f'"email": {quote(box.email)}, '
            if not own.isascii() or "\x7f" in own:
                own = escape(own)
            yield before + own.encode() + answer
            before = b","
    yield b"\n  ]" if before else b"]"
    yield b","
    yield body[cut:].encode()
    yield b"\n"


# --- CSV: one row per mailbox ----------------------------------------------------------------------

CSV_COLUMNS = ("row", "id", "name", "email", "status", "verdict", "violations", "fix", "open", "problems")


def audit_csv(audit: Audit | StreamedAudit, lang: str) -> str:
    return render(audit, "csv", lang)


def _csv_pieces(v: _View, lang: str) -> Iterator[str]:
    """One row per mailbox, every cell of every column (the id too) through safe.csv_cell: on one
    line, never a formula; lines end in CR LF (RFC 4180)."""
    yield from csv.lines([[t(f"audit_col_{c}", lang) for c in CSV_COLUMNS]])
    yield from csv.lines(_csv_rows(v, lang))


def _csv_rows(v: _View, lang: str) -> Iterator[list[object]]:
    shared: dict[int, list[object]] = {}  # kind -> the cells its rows share
    for kind, judged in v.rows():
        cells = shared.get(kind)
        if cells is None:
            cells = shared[kind] = _csv_kind_cells(v.kb, judged, lang)
        yield _csv_own_cells(judged) + cells


def _csv_own_cells(judged: Judged) -> list[object]:
    """The cells of a mailbox's own fields: row, id, name, email."""
    box = judged.mailbox
    return [box.row, box.id, box.name, box.email]


def _csv_kind_cells(kb: KnowledgeBase, judged: Judged, lang: str) -> list[object]:
    """The cells every mailbox of its kind shares: status, verdict, violations, fix, open, problems."""
    return [
        judged.status.value,
        _verdict(judged) or "",
        " ".join(r.id for r in judged.violations),
        nearest_fix_text(kb, judged, lang),
        _open_text(kb, judged),
        _problems(judged, lang),
    ]


# --- Markdown ---------------------------------------------------------------------------------------

#: Text of the export or the knowledge base as inline Markdown that only shows it (safe.markdown).
_md = markdown.text


def audit_markdown(audit: Audit | StreamedAudit, lang: str) -> str:
    return render(audit, "markdown", lang)


def _markdown_pieces(v: _View, lang: str, address: Address = local) -> Iterator[str]:
    kb = v.kb
    counts = _summary(v)
    out = [markdown.heading(1, t("audit_title", lang)), ""]
    first = not_read(v, lang)
    if first:
        out += [markdown.quote(markdown.strong(_md(first))), ""]
    out += [question_text(kb, lang).rstrip("\n"), ""]
    out.append(_md(_export_line(v, lang)))
    out += [
        "",
        *markdown.table_head([t("audit_summary", lang), t("audit_count", lang)], (markdown.LEFT, markdown.RIGHT)),
    ]
    out += [markdown.row([t(f"audit_sum_{key}", lang), str(value)]) for key, value in counts.items()]
    out += [""] + [markdown.bullet(_md(line)) for line in _organization_lines(v, lang)]
    questions = question_lines(v, lang)
    if questions:
        out += ["", _md(t("audit_questions", lang)), "", *(markdown.bullet(_md(q)) for q in questions)]
    action = _needs_action(v)
    out += ["", markdown.heading(2, t("audit_needs_action_title", lang)), ""]
    if not action:
        out.append(t("audit_nothing_unsupported", lang))
    yield from _ended(out)
    for group in action:
        out = [markdown.heading(3, f"{_md(_group_title(kb, group, lang))} — {_many(group.n, lang)}"), ""]
        escape = _escapes(group)
        if escape:
            out += [_md(_whatever(kb, group, lang)), ""]
        for rule in group.rules:
            said = markdown.strong(_md(_rule_title(rule, lang))) + ": " if escape else ""
            out += [said + _md(rule.message.get(lang)), ""]
            links = ", ".join(
                markdown.autolink(link) if link.startswith("https://") else markdown.code(link)
                for link in map(address, kb.links(rule.sources))
            )
            out.append(f"{t('source', lang)}: {_md(kb.cite(rule.sources, lang))}" + (f" — {links}" if links else ""))
            if rule.remedy:
                out += ["", f"{t('remedy', lang)}: {_md(rule.remedy.get(lang))}"]
            out.append("")
        headers = [t("audit_col_row", lang), t("audit_mailbox", lang), t("audit_fix", lang)]
        out += ["", *markdown.table_head(headers, (markdown.RIGHT, markdown.LEFT, markdown.LEFT))]
        yield from _ended(out)
        for judged, fix in _with_fixes(v, group, lang):
            yield _md_group_row(judged, fix) + "\n"
        yield "\n"
    columns = ("audit_col_row", "audit_mailbox", "audit_col_status", "audit_col_violations", "audit_col_problems")
    align = (markdown.RIGHT, *[markdown.LEFT] * (len(columns) - 1))
    yield from _ended(
        [
            "",
            markdown.heading(2, t("audit_all_mailboxes", lang)),
            "",
            *markdown.table_head([t(c, lang) for c in columns], align),
        ]
    )
    for judged in _judged_rows(v, range(len(v.kinds))):
        yield _md_row(judged, lang) + "\n"


def _with_fixes(v: _View, group: _Group, lang: str) -> Iterator[tuple[Judged, str]]:
    """The mailboxes of a group in the export's order, each with its nearest fix as said (once per kind)."""
    fixes: dict[int, str] = {}  # kind -> its fix, said
    for kind, judged in v.rows(set(group.kinds)):
        if kind not in fixes:
            fixes[kind] = nearest_fix_text(v.kb, judged, lang)
        yield judged, fixes[kind]


def _md_group_row(judged: Judged, fix: str) -> str:
    """A mailbox of a group's table: its row, who, and its fix (nearest_fix_text of it)."""
    return markdown.row([str(judged.mailbox.row), _md(_who(judged)), _md(fix)])


def _md_row(judged: Judged, lang: str) -> str:
    """A mailbox of the table of every mailbox."""
    return markdown.row(
        [
            str(judged.mailbox.row),
            _md(_who(judged)),
            _md(_status_text(judged, lang)),
            _md(", ".join(r.id for r in judged.violations)),
            _md(_problems(judged, lang)),
        ]
    )


# --- HTML: one standalone page, a chart in HTML and CSS, no script ---------------------------------

_COLOURS = {"supported": "#2e7d32", "supported_with_warnings": "#b26a00", "unsupported": "#c62828", "other": "#757575"}

#: The report's page: a column of 72rem, tighter cells, a rule's section marked by a red border,
#: figures aligned right, the charts.
_STYLE = html.Style(
    width="72rem",
    cell_padding="0.4rem",
    rules=(
        ".rule { border-left: 4px solid #c62828; padding-left: 0.8rem; margin: 1.5rem 0; }",
        "td.n { text-align: right; }",
        *html.BAR_CHART_RULES,
    ),
)


def audit_html(audit: Audit | StreamedAudit, lang: str) -> str:
    return render(audit, "html", lang)


def _html_pieces(v: _View, lang: str, address: Address = local) -> Iterator[str]:
    text = html.text
    kb = v.kb
    counts = _summary(v)
    out = html.page_start(lang, text(t("audit_title", lang)), _STYLE)
    first = not_read(v, lang)
    if first:
        out.append(html.paragraph(html.strong(text(first)), class_="rule"))
    out += [
        html.paragraph(text(question_text(kb, lang).strip())),
        html.paragraph(text(_export_line(v, lang))),
        html.heading(2, text(t("audit_summary", lang))),
        "".join(html.table_start([text(t("audit_summary", lang)), text(t("audit_count", lang))])),
    ]
    out += [
        html.row([html.row_header(text(t(f"audit_sum_{key}", lang))), html.cell(str(value), class_="n")])
        for key, value in counts.items()
    ]
    out.append("".join(html.table_end()))
    verdict_bars = [(text(t(v, lang)), counts[v], _COLOURS[v]) for v in VERDICTS]
    verdict_bars += [(text(t(f"audit_status_{s.value}", lang)), counts[s.value], _COLOURS["other"]) for s in NOT_JUDGED]
    out.append(html.bar_chart(verdict_bars, text(t("audit_chart_verdicts", lang))))
    counted = _rule_counts(v)
    if counted:
        colour = {"error": _COLOURS["unsupported"], "warning": _COLOURS["supported_with_warnings"]}
        rule_bars = [(text(_title(kb.rule(r), lang)), n, colour[kb.rule(r).severity.value]) for r, n in counted]
        out.append(html.bar_chart(rule_bars, text(t("audit_chart_rules", lang))))
    out.append("".join(html.bullets(html.item(text(line)) for line in _organization_lines(v, lang))))
    questions = question_lines(v, lang)
    if questions:
        out.append(html.paragraph(text(t("audit_questions", lang))))
        out.append("".join(html.bullets(html.item(text(q)) for q in questions)))
    out.append(html.heading(2, text(t("audit_needs_action_title", lang))))
    action = _needs_action(v)
    if not action:
        out.append(html.paragraph(text(t("audit_nothing_unsupported", lang))))
    yield from _ended(out)
    for number, group in enumerate(action, 1):
        rules, out = group.rules, []
        # The rows of the table of every mailbox link to the rule they break; a group they may not break is its own.
        anchor = f"open-{number}" if group.depends else "rule-" + "-".join(r.id for r in rules[:1])
        out.append(html.opening("section", class_="rule", id=anchor))
        out.append(html.heading(3, f"{text(_group_title(kb, group, lang))} — {text(_many(group.n, lang))}"))
        escape = _escapes(group)
        if escape:
            out.append(html.paragraph(text(_whatever(kb, group, lang))))
        for rule in rules:
            said = html.strong(text(_rule_title(rule, lang))) + ": " if escape else ""
            out.append(html.paragraph(said + text(rule.message.get(lang))))
            links = ", ".join(
                html.link(link, text(link)) if link.startswith("https://") else html.code(text(link))
                for link in map(address, kb.links(rule.sources))
            )
            cited = text(kb.cite(rule.sources, lang))
            out.append(html.paragraph(f"{text(t('source', lang))}: {cited}{' — ' + links if links else ''}"))
            if rule.remedy:
                remedy = html.strong(text(t("remedy", lang)) + ":")
                out.append(html.paragraph(f"{remedy} {text(rule.remedy.get(lang))}"))
        headers = [text(t(h, lang)) for h in ("audit_col_row", "audit_mailbox", "audit_fix")]
        out.append("".join(html.table_start(headers)))
        yield from _ended(out)
        for judged, fix in _with_fixes(v, group, lang):
            yield _html_group_row(judged, fix) + "\n"
        yield "".join([*html.table_end(), html.closing("section")]) + "\n"
    out = [html.heading(2, text(t("audit_all_mailboxes", lang)))]
    headers = [
        text(t(h, lang))
        for h in ("audit_col_row", "audit_mailbox", "audit_col_status", "audit_col_violations", "audit_col_problems")
    ]
    out.append("".join(html.table_start(headers)))
    yield from _ended(out)
    for judged in _judged_rows(v, range(len(v.kinds))):
        yield _html_row(judged, lang) + "\n"
    yield from _ended(["".join(html.table_end()), *html.page_end()])


def _html_group_row(judged: Judged, fix: str) -> str:
    """A mailbox of a group's table: its row, who, and its fix (nearest_fix_text of it)."""
    text = html.text
    return html.row([html.cell(str(judged.mailbox.row), "n"), html.cell(text(_who(judged))), html.cell(text(fix))])


def _html_row(judged: Judged, lang: str) -> str:
    """A mailbox of the table of every mailbox, its error rules linked to their sections."""
    text = html.text
    violations = ", ".join(
        html.link(f"#rule-{r.id}", text(r.id)) if r.severity.value == "error" else text(r.id) for r in judged.violations
    )
    return html.row(
        [
            html.cell(str(judged.mailbox.row), "n"),
            html.cell(text(_who(judged))),
            html.cell(text(_status_text(judged, lang))),
            html.cell(violations),
            html.cell(text(_problems(judged, lang))),
        ]
    )
