"""The audit of an export: every active, synchronized mailbox judged as the configuration its row
shows (audit/mapping.py), with what the open variables would need and, for an unsupported one, its
nearest fix in Dynamics' own terms (CONTRACT.md §5).

Mailboxes that show the same configuration are judged once: an organization of 100,000 mailboxes
shows a few dozen configurations, and a check with its fix costs milliseconds where a row costs
microseconds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from syncmatrix.audit.collector import no_cycle_collection
from syncmatrix.audit.mapping import (
    ACT,
    ACT_LABELS,
    ACT_SERVER_SYNC,
    INCOMING,
    INCOMING_LABELS,
    ORG_FACT,
    ORG_SETTINGS,
    OUTGOING,
    PROFILE_OF_TYPE,
    SERVER_PROFILE,
    SERVER_SYNC,
    SERVER_TYPE_LABELS,
    EmailMap,
    Said,
    configuration,
    domain_of,
    organization_facts,
    reader_problem,
    status,
)
from syncmatrix.audit.model import Assessment, Audit, Change, Export, Judged, MailboxRow, Status
from syncmatrix.kb.model import Kind, KnowledgeBase, Rule, Severity, Value
from syncmatrix.solver import fix as fixes
from syncmatrix.solver.limit import Limit
from syncmatrix.solver.support import SupportModel, Verdict

#: Variables no fix changes: the audit is of an on-premises organization (§4 `deployment`).
LOCKED = ("deployment",)
#: What a change costs in nearest_fixes. Moving a mailbox to another email system is a migration,
#: where a field of the mailbox or of its profile is a setting: without this, the vocabulary's
#: order (email_system comes before server_profile) would offer the move first among equal fixes.
COSTS = {"email_system": 2}

#: What said_of groups the rows by: the signature of a kind of row (audit's, or stream's kind number).
_Signature = TypeVar("_Signature", bound=Hashable)

_TYPE_OF_PROFILE = {profile: number for number, profile in PROFILE_OF_TYPE.items()}


@dataclass(frozen=True, slots=True)
class _Answer:
    """What the solver says of one distinct configuration, shared by every mailbox that shows it."""

    open: tuple[str, ...]  # in vocabulary order
    verdict: Verdict
    violations: tuple[Rule, ...]
    because: tuple[Rule, ...]
    possible: Mapping[str, tuple[Value, ...]]
    depends_on: tuple[str, ...]
    would_break: tuple[Rule, ...]
    fix: fixes.Fix | None  # the first nearest fix of an unsupported configuration
    fix_possible: Mapping[str, tuple[Value, ...]]


def audit(
    kb: KnowledgeBase,
    export: Export,
    *,
    settings: Mapping[str, Value] | None = None,
    email_map: EmailMap | None = None,
    limit: Limit | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Audit:
    """Judge every row of `export` on the day of `kb` (already `as_of` a day, or the page alone).

    `settings` are the organization's (mapping.parse_settings); `limit` bounds each check and each
    fix (SupportModel's default otherwise; running out raises SearchLimitExceeded); `progress` is
    called with (done, total) after each distinct configuration is judged. One check, and for an
    unsupported configuration one nearest_fixes, per distinct configuration.
    """
    model = SupportModel(kb, limit) if limit is not None else SupportModel(kb)
    settings = model.validate(settings or {})
    mailboxes = export.mailboxes
    facts = organization_facts(mailboxes)
    # The signature of each row: what status(), configuration() and in_dynamics() read of it (the
    # profile by identity: the reader shares one object per profile, and the export keeps it
    # alive). Rows alike share a signature, and everything the audit says of them but who they are;
    # a row the reader found problems in is a signature of its own (its row number).
    signatures = [
        m.row
        if m.problems
        else (m.state, m.incoming, m.outgoing, m.act, id(m.profile), m.profile_name, domain_of(m.email))
        for m in mailboxes
    ]
    alike = dict(zip(signatures, mailboxes, strict=True))  # signature -> a row that shows it
    said = said_of(model, alike, settings=settings, facts=facts.values, email_map=email_map, progress=progress)
    with no_cycle_collection():
        judged = [Judged(box, said[signature]) for box, signature in zip(mailboxes, signatures, strict=True)]
    return Audit(kb, export, settings, facts.values, facts.rows, tuple(judged))


def said_of(
    model: SupportModel,
    alike: Mapping[_Signature, MailboxRow],
    *,
    settings: Mapping[str, Value],
    facts: Mapping[str, Value],
    email_map: EmailMap | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[_Signature, Assessment]:
    """What the audit says of the rows of each signature of `alike`
    (signature -> a row that shows it): mapped once per signature, judged once per distinct
    configuration. Shared by audit() and the streamed audit (audit/stream.py)."""
    kb = model.kb
    mapped: dict[_Signature, tuple[Status, list[str], dict[str, Value], dict[str, str]]] = {}
    found: dict[tuple[tuple[str, Value], ...], dict[str, Value]] = {}  # distinct configurations
    for signature, mailbox in alike.items():
        state, notes = status(mailbox)
        problems: list[str] = list(notes)
        if mailbox.problems:
            problems += [s for s in map(reader_problem, mailbox.problems) if s not in problems]
        config: dict[str, Value] = {}
        evidence: dict[str, str] = {}
        if state is Status.JUDGED:
            config, evidence, more = configuration(mailbox, kb, settings=settings, facts=facts, email_map=email_map)
            problems += more
            found.setdefault(tuple(config.items()), config)
        mapped[signature] = (state, problems, config, evidence)

    answers: dict[tuple[tuple[str, Value], ...], _Answer] = {}
    for done, (key, config) in enumerate(found.items(), 1):
        answers[key] = _judge(model, config)
        if progress is not None:
            progress(done, len(found))

    said: dict[_Signature, Assessment] = {}
    for signature, (state, problems, config, evidence) in mapped.items():
        if state is not Status.JUDGED:
            said[signature] = Assessment(state, problems=tuple(problems))
            continue
        mailbox = alike[signature]
        answer = answers[tuple(config.items())]
        changes: tuple[Change, ...] | None = None
        if answer.fix is not None:
            changes = tuple(in_dynamics(c, mailbox, kb) for c in answer.fix.changes)
        elif answer.verdict is Verdict.UNSUPPORTED:
            problems = [*problems, Said("audit_pb_no_fix", locked=", ".join(n for n in LOCKED if n in config))]
        said[signature] = Assessment(
            status=state,
            config=config,  # shared by the rows alike: an Assessment is read, never changed
            open=answer.open,
            evidence=evidence,
            verdict=answer.verdict,
            violations=answer.violations,
            because=answer.because,
            possible=answer.possible,
            depends_on=answer.depends_on,
            would_break=answer.would_break,
            fix=changes,
            fix_verdict=answer.fix.verdict if answer.fix is not None else None,
            fix_possible=answer.fix_possible,
            problems=tuple(problems),
        )
    return said


def _judge(model: SupportModel, config: Mapping[str, Value]) -> _Answer:
    """The check of one configuration, what its open variables would need, and its first nearest fix.

    Known and possible apart (issue 21): `violations` are the rules every completion breaks; the
    rules only some completions break are `would_break`, and the open variables they read are
    `depends_on` (what would settle the answer): for an acceptable configuration, the rules that
    rule out a value of an open variable; for an unsupported one that breaks no error rule for
    certain, the rules it cannot escape (`because`), one of which each completion breaks.
    """
    result = model.check(config, explain=False)
    verdict = result.verdict
    because = tuple(r for r in result.violations if r.severity is Severity.ERROR)
    would_break: tuple[Rule, ...] = ()
    depends_on: tuple[str, ...] = ()
    if verdict is Verdict.UNSUPPORTED and not because:  # what the open variables cannot escape
        because = would_break = model.why_not(config)
        read = {c.variable for r in because for c in r.when}
        depends_on = tuple(n for n in model.order if n in read and n not in config)
    possible = dict(result.possible)
    if verdict is not Verdict.UNSUPPORTED:
        # A value the axioms of the model rule out (a protocol its profile does not speak) is not
        # one the mailbox could have: no question.
        consistent = model.consistency(model.budget("check"))
        axioms = [r for r in model.kb.rules if r.kind is Kind.AXIOM]
        ruling_out: dict[str, list[Rule]] = {}
        for name, values in possible.items():
            could = [v for v in model.domains[name] if v not in values and consistent(axioms, {**config, name: v})]
            if could:
                ruling_out[name] = [r for v in could for r in model.why_not({**config, name: v})]
        depends_on = tuple(ruling_out)
        would_break = _in_kb_order(model.kb, (r for why in ruling_out.values() for r in why))
    first: fixes.Fix | None = None
    fix_possible: dict[str, tuple[Value, ...]] = {}
    if verdict is Verdict.UNSUPPORTED:
        locks = [n for n in LOCKED if n in config]
        costs = {n: c for n, c in COSTS.items() if n in config}
        found = fixes.nearest_fixes(model, config, locks=locks, costs=costs)
        if found.fixes:
            first = found.fixes[0]
            after = {**config, **{c.variable: c.after for c in first.changes}}
            if not model.is_complete(after):
                narrowed = model.possible_values(after)
                fix_possible = {n: v for n, v in narrowed.items() if len(v) < len(model.domains[n])}
    open_ = tuple(n for n in model.order if n not in config)
    return _Answer(open_, verdict, result.violations, because, possible, depends_on, would_break, first, fix_possible)


def _in_kb_order(kb: KnowledgeBase, rules: Iterable[Rule]) -> tuple[Rule, ...]:
    """Each rule once, in the knowledge base's order."""
    found = {r.id for r in rules}
    return tuple(r for r in kb.rules if r.id in found)


def in_dynamics(change: fixes.Change, mailbox: MailboxRow, kb: KnowledgeBase) -> Change:
    """A change of the vocabulary in the administrator's terms: the field of Dynamics to change and
    its new value as Dynamics labels it (MAILBOX-EXPORTS.md §2, §3); for what no field of a mailbox
    holds (the email system, the organization's settings and facts), field '' and what to do."""
    name, after = change.variable, change.after
    field: str
    value: str
    if name == "act_sync":
        field, value = ACT, ACT_LABELS[ACT_SERVER_SYNC] if after else "None"
    elif name == "email_sync" and after:
        field, value = Said("audit_fields_both", first=INCOMING, second=OUTGOING), INCOMING_LABELS[SERVER_SYNC]
    elif name == "email_sync":
        # Off: each field that uses server-side synchronization now, set to None.
        used = [f for f, n in ((INCOMING, mailbox.incoming), (OUTGOING, mailbox.outgoing)) if n == SERVER_SYNC]
        field = Said("audit_fields_both", first=used[0], second=used[1]) if len(used) == 2 else used[0]
        value = "None"
    elif name == "server_profile" and after in _TYPE_OF_PROFILE:
        field, value = SERVER_PROFILE, Said("audit_fix_profile", type=SERVER_TYPE_LABELS[_TYPE_OF_PROFILE[str(after)]])
    elif name == "email_system":
        field, value = "", Said("audit_fix_move", system=kb.variable(name).choice(after).label)
    elif name in ORG_SETTINGS:
        variable = kb.variable(name)
        field, value = "", Said("audit_fix_setting", label=variable.label, value=variable.choice(after).label)
    elif name == ORG_FACT:
        field, value = "", Said("audit_fix_fact_on" if after else "audit_fix_fact_off")
    else:
        variable = kb.variable(name)
        field, value = "", Said("audit_fix_variable", label=variable.label, value=variable.choice(after).label)
    return Change(name, change.before, after, field, value)


def summary(result: Audit) -> dict[str, int]:
    """The counts of CONTRACT.md §5 `summary`: rows by status, judged ones by verdict."""
    return summary_of(_kinds(result))


def rule_counts(result: Audit) -> list[tuple[str, int]]:
    """How many judged mailboxes break each rule (CONTRACT.md §5 `rules`), most first, ties in the
    knowledge base's order: only the rules a mailbox breaks whatever the export leaves open (its
    `violations`); what only some of its completions break is counted by question_counts."""
    return rule_counts_of(result.kb, _kinds(result))


def question_counts(result: Audit) -> list[tuple[str, int]]:
    """The questions that would settle answers: for each open variable, how many judged mailboxes
    have an answer that depends on it (their `depends_on`), most first, ties in vocabulary order.
    The first is the one question that settles the most mailboxes."""
    return question_counts_of(result.kb, _kinds(result))


def _kinds(result: Audit) -> list[tuple[Judged, int]]:
    """The rows of an audit as kinds (see summary_of): rows alike share their Judged's answer
    tuples, so they are counted by the identity of what the counts read (100,000 mailboxes share a
    few dozen, and a Rule hashes all its fields)."""
    alike: Counter[tuple[int, ...]] = Counter()
    first: dict[tuple[int, ...], Judged] = {}
    for judged in result.mailboxes:
        key = (id(judged.status), id(judged.verdict), id(judged.violations), id(judged.depends_on))
        alike[key] += 1
        first.setdefault(key, judged)
    return [(first[key], n) for key, n in alike.items()]


# --- the same counts from the kinds of rows (audit/stream.py, audit/report.py) -------------------------


def summary_of(kinds: Sequence[tuple[Judged, int]]) -> dict[str, int]:
    """summary()'s counts from one Judged of each kind of row and how many rows are of that kind:
    what a streamed audit, which never holds its rows, knows of them."""
    statuses = dict.fromkeys(Status, 0)
    verdicts = dict.fromkeys(Verdict, 0)
    for judged, n in kinds:
        statuses[judged.status] += n
        if judged.status is Status.JUDGED and judged.verdict is not None:
            verdicts[judged.verdict] += n
    return {
        "mailboxes": sum(n for _, n in kinds),
        "judged": statuses[Status.JUDGED],
        "supported": verdicts[Verdict.SUPPORTED],
        "supported_with_warnings": verdicts[Verdict.SUPPORTED_WITH_WARNINGS],
        "unsupported": verdicts[Verdict.UNSUPPORTED],
        "depends": sum(n for judged, n in kinds if judged.status is Status.JUDGED and judged.depends_on),
        "inactive": statuses[Status.INACTIVE],
        "not_synchronized": statuses[Status.NOT_SYNCHRONIZED],
        "unreadable": statuses[Status.UNREADABLE],
    }


def question_counts_of(kb: KnowledgeBase, kinds: Sequence[tuple[Judged, int]]) -> list[tuple[str, int]]:
    """question_counts() from the kinds of rows (see summary_of), in the same order."""
    counts: Counter[str] = Counter()
    for judged, n in kinds:
        if judged.status is Status.JUDGED:
            for name in judged.depends_on:
                counts[name] += n
    position = {name: i for i, name in enumerate(kb.variable_names)}
    return sorted(counts.items(), key=lambda item: (-item[1], position[item[0]]))


def rule_counts_of(kb: KnowledgeBase, kinds: Sequence[tuple[Judged, int]]) -> list[tuple[str, int]]:
    """rule_counts() from the kinds of rows (see summary_of), in the same order."""
    counts: Counter[str] = Counter()
    for judged, n in kinds:
        for rule in judged.violations:
            counts[rule.id] += n
    position = {r.id: i for i, r in enumerate(kb.rules)}
    return sorted(counts.items(), key=lambda item: (-item[1], position.get(item[0], len(position))))
