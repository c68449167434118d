"""What an export of an organization's mailboxes holds, as read (docs/sources/MAILBOX-EXPORTS.md):
the values of Dynamics' fields as their option numbers, before anything is mapped to the
vocabulary. The readers (audit/exports.py) make these; the mapping (audit/mapping.py) reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from syncmatrix.kb.model import KnowledgeBase, Rule, Value
from syncmatrix.solver import Verdict


class Shape(StrEnum):
    """Which of the three shapes of MAILBOX-EXPORTS.md §1 a file is."""

    WEB_API = "web-api"  # {"value": [...]} of the Web API, profiles expanded or in a second file
    CSV = "csv"  # saved from a view or from Excel
    XLSX = "xlsx"  # Dynamics' "Export to Excel"


@dataclass(frozen=True, slots=True)
class Profile:
    """An email server profile (MAILBOX-EXPORTS.md §3)."""

    name: str
    server_type: (
        int | None
    )  # 0 Exchange Server, 1 POP3/SMTP, 2 Exchange Server (Hybrid), 3 Exchange Online (Hybrid), 4 IMAP/SMTP
    incoming_location: str = ""  # URL or host name, as written
    outgoing_location: str = ""
    id: str = ""  # emailserverprofileid (Web API), when given


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a field of a row could not be read: the column as the file names it, and the reason."""

    column: str
    reason: str  # in English; the reports say it as it is (it quotes the file)


class MailboxRow(NamedTuple):
    """One mailbox of the export, as read: option numbers, or None where the cell is empty or
    could not be read (then `problems` says why). `row` is its data row, the same in every shape of
    the same export: the first record after the header is 1 (CSV, sheet), as the first item of the
    JSON list is. An empty record (a blank line, an empty row of the sheet) is no mailbox but keeps
    its number, as a JSON `{}` does; a record over several lines of a CSV is one row. A problem
    that names a line (an unclosed quote) names the physical line of the file, header included.

    A NamedTuple, not a frozen dataclass: as immutable and as typed, and built by tuple.__new__, a
    quarter of the frozen __init__'s time (0.4 against 1.75 µs a row; benchmark audit/100k reads
    100,000 of them). Changed with `_replace`, as tuples are."""

    row: int
    id: str = ""  # mailboxid, or the hidden "(Do Not Modify) Mailbox" of Excel, when given
    name: str = ""
    email: str = ""
    state: int | None = None  # statecode: 0 Active, 1 Inactive
    incoming: int | None = None  # incomingemaildeliverymethod: 0 None, 1 Outlook, 2 server-side sync, 3 Forward Mailbox
    outgoing: int | None = None  # outgoingemaildeliverymethod: 0 None, 1 Outlook, 2 server-side sync
    act: int | None = None  # actdeliverymethod: 0 Outlook, 1 server-side sync, 2 None
    profile_name: str = ""  # the profile's name (CSV, Excel) or id (Web API without $expand), as written
    profile: Profile | None = None  # the profile it uses, when the export names one that is known
    problems: tuple[Problem, ...] = ()  # fields that could not be read; empty: the row was read whole


@dataclass(frozen=True, slots=True)
class Export:
    """An export as read: every row of the file, in its order, whatever could be read of it."""

    shape: Shape
    path: str
    mailboxes: tuple[MailboxRow, ...]
    profiles: tuple[Profile, ...] = ()  # every profile known (expanded, or from the profiles file)
    notes: tuple[str, ...] = field(default=())  # what the reader noticed about the file as a whole
    # What the reader was given and set aside, said at once by a face (stderr) and kept among the notes:
    # a profiles file that is not needed (its mailboxes carry their profiles, or name none).
    ignored: tuple[str, ...] = field(default=())


# --- the audit of an export (audit/judge.py makes it, audit/report.py says it) ----------------------


class Status(StrEnum):
    """What happened to a row of the export (CONTRACT.md §5 `status`)."""

    JUDGED = "judged"
    INACTIVE = "inactive"  # statecode 1: counted and listed, not judged
    NOT_SYNCHRONIZED = "not_synchronized"  # server-side synchronization carries nothing of it
    UNREADABLE = "unreadable"  # a field it needs could not be read: its problems say which and why


@dataclass(frozen=True, slots=True)
class Change:
    """One change of a fix, in the vocabulary's terms and in Dynamics' own (the field of the
    mailbox or of its profile, and its new value as Dynamics labels it)."""

    variable: str
    before: Value | None  # None: the export left it open
    after: Value
    field: str  # e.g. "Appointments, Contacts, and Tasks"; "" when no field of Dynamics holds it
    field_value: str  # e.g. "None"; for an organization setting, what to do


@dataclass(frozen=True, slots=True)
class Assessment:
    """What the audit says of a row beyond who it is: one object shared by every row alike (the
    audit judges each kind of row once; 100,000 mailboxes share a few dozen)."""

    status: Status
    config: Mapping[str, Value] = field(default_factory=dict)  # what the export (and --org, --map) decide
    open: tuple[str, ...] = ()  # variables left open, in vocabulary order
    evidence: Mapping[str, str] = field(default_factory=dict)  # variable -> where its value comes from
    verdict: Verdict | None = None  # None unless judged
    violations: tuple[Rule, ...] = ()
    # Why an unsupported one is: its broken error rules, or, when the export leaves open what they
    # read, a minimal set of error rules that every completion breaks one of (CheckResult.conflict_rules).
    because: tuple[Rule, ...] = ()
    possible: Mapping[str, tuple[Value, ...]] = field(default_factory=dict)  # open variable -> values still acceptable
    # The open variables the answer depends on, what would settle it (issue 21: known and possible
    # apart): for an acceptable one, those with a value ruled out ("supported if the Exchange
    # version is 2010 to 2019"); for an unsupported one that breaks no error rule for certain, those
    # the rules it cannot escape read (which of them it breaks depends on them); () once settled.
    depends_on: tuple[str, ...] = ()
    # The rules only some completions break (never in `violations`, never counted as broken): the
    # rules that rule out those values, or the rules it cannot escape.
    would_break: tuple[Rule, ...] = ()
    fix: tuple[Change, ...] | None = None  # the first nearest fix of an unsupported one; None: none, or not needed
    fix_verdict: Verdict | None = None
    # After the fix, the open variables it needs and their values (the fix changes only what the
    # export decides: "Server Profile → Exchange Online (Hybrid)" if the email system is Exchange Online).
    fix_possible: Mapping[str, tuple[Value, ...]] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # why it is unreadable, or what the export lacks (no profile)


@dataclass(frozen=True, slots=True)
class Judged:
    """A row of the export and what the audit says of it (see Assessment for each field).

    Why two fields: a Judged is made for every row of an export (100,000 and more), and a frozen
    dataclass's __init__ pays for each field it sets; what rows alike share is made once.
    """

    mailbox: MailboxRow
    assessment: Assessment

    @property
    def status(self) -> Status:
        return self.assessment.status

    @property
    def config(self) -> Mapping[str, Value]:
        return self.assessment.config

    @property
    def open(self) -> tuple[str, ...]:
        return self.assessment.open

    @property
    def evidence(self) -> Mapping[str, str]:
        return self.assessment.evidence

    @property
    def verdict(self) -> Verdict | None:
        return self.assessment.verdict

    @property
    def violations(self) -> tuple[Rule, ...]:
        return self.assessment.violations

    @property
    def because(self) -> tuple[Rule, ...]:
        return self.assessment.because

    @property
    def possible(self) -> Mapping[str, tuple[Value, ...]]:
        return self.assessment.possible

    @property
    def depends_on(self) -> tuple[str, ...]:
        return self.assessment.depends_on

    @property
    def would_break(self) -> tuple[Rule, ...]:
        return self.assessment.would_break

    @property
    def fix(self) -> tuple[Change, ...] | None:
        return self.assessment.fix

    @property
    def fix_verdict(self) -> Verdict | None:
        return self.assessment.fix_verdict

    @property
    def fix_possible(self) -> Mapping[str, tuple[Value, ...]]:
        return self.assessment.fix_possible

    @property
    def problems(self) -> tuple[str, ...]:
        return self.assessment.problems


@dataclass(frozen=True, slots=True)
class Audit:
    """An organization's export, judged on one day (kb.day; None: the page alone)."""

    kb: KnowledgeBase  # as of the day of the question
    export: Export
    settings: Mapping[str, Value]  # the organization's settings given (--org)
    facts: Mapping[str, Value]  # the organization's facts the export shows (outlook_sync_act_in_org)
    fact_rows: Mapping[str, tuple[int, ...]]  # fact -> the rows of the mailboxes that make it so
    mailboxes: tuple[Judged, ...]  # every row, in the export's order
