"""The audit of a large export without holding its rows (issue 20, item 8): memory bounded by the
kinds of rows, not by how many there are.

The reports say the summary and the groups by rule before the rows, so no report can be written as
the file is read. Instead the reader hands each row to a Spool, which keeps in memory only one row
of each kind (what judge.said_of reads: status, fields, profile, address domain, the reader's
problems) and how many rows are of it, and writes each row's own fields (row, id, name, email) and
its kind to an anonymous temporary file, gone with the process (tempfile.TemporaryFile: no name on
disk, nothing that outlives the run). The audit judges each kind once; the reports then read the
rows back, in the file's order, as often as a section needs them (audit/report.py), skipping the
blocks that hold no row of the kinds a section lists.

A row streamed back is the MailboxRow the reader made (its fields but its own four are its kind's,
which its signature decides), and its Judged is the one judge.audit would make of it: the reports
of the two paths are the same bytes (tests/test_audit_stream.py).
"""

from __future__ import annotations

import marshal
import os
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from syncmatrix.audit.collector import no_cycle_collection
from syncmatrix.audit.judge import question_counts_of, rule_counts_of, said_of, summary_of
from syncmatrix.audit.mapping import ORG_FACT, EmailMap, domain_of, organization_facts
from syncmatrix.audit.model import Assessment, Export, Judged, MailboxRow
from syncmatrix.kb.model import KnowledgeBase, Value
from syncmatrix.solver.limit import Limit
from syncmatrix.solver.support import SupportModel

#: Rows written to the temporary file at once: a block of about 0.5 MB, the most held in memory.
BLOCK = 4096


def signature(m: MailboxRow) -> tuple[object, ...]:
    """What the audit reads of a row beyond who it is (judge.audit's signature; the profile by
    identity, kept alive by the kind's row). The reader's problems are part of it: rows with the
    same problems are alike too, so that unreadable rows do not each hold a kind of their own."""
    return (m.state, m.incoming, m.outgoing, m.act, id(m.profile), m.profile_name, domain_of(m.email), m.problems)


class Spool:
    """The rows of an export as the reader gives them (append, extend, len: what the readers use of
    a list), kept as one row per kind in memory and every row's own fields on disk."""

    def __init__(self, block: int | None = None) -> None:
        self.block = block or BLOCK
        self.kind_of: dict[tuple[object, ...], int] = {}  # signature -> kind, numbered by first row
        self.prototypes: list[MailboxRow] = []  # the first row of each kind
        self.counts: list[int] = []  # rows of each kind
        self.fact_rows = array("q")  # the rows that make outlook_sync_act_in_org true
        self._fact_unknown = False
        self._buffer: list[MailboxRow] = []
        self._blocks: list[tuple[int, int, frozenset[int]]] = []  # offset, size, kinds in it
        self._size = 0
        self._count = 0
        self._file: Any = None  # the temporary file, made at the first block

    def append(self, row: MailboxRow) -> None:
        self._buffer.append(row)
        self._count += 1
        if len(self._buffer) >= self.block:
            self._flush()

    def extend(self, rows: Iterable[MailboxRow]) -> None:
        for row in rows:
            self.append(row)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[MailboxRow]:
        return (box for _, box in self.rows())

    def _flush(self) -> None:
        buffer = self._buffer
        if not buffer:
            return
        kind_of, prototypes, counts = self.kind_of, self.prototypes, self.counts
        kinds = []
        for m in buffer:
            key = signature(m)
            kind = kind_of.get(key)
            if kind is None:
                kind = kind_of[key] = len(prototypes)
                prototypes.append(m)
                counts.append(0)
            counts[kind] += 1
            kinds.append(kind)
        facts = organization_facts(buffer)
        if facts.rows:
            self.fact_rows.extend(facts.rows[ORG_FACT])
        elif not facts.values:
            self._fact_unknown = True
        data = marshal.dumps((kinds, [(m.row, m.id, m.name, m.email) for m in buffer]))
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="syncmatrix-audit-")  # noqa: SIM115  # closed by close(), and gone with the process
        self._file.write(data)
        self._blocks.append((self._size, len(data), frozenset(kinds)))
        self._size += len(data)
        buffer.clear()

    def facts(self) -> tuple[dict[str, Value], dict[str, array[int]]]:
        """organization_facts() of every row appended: its values and the rows that make them so."""
        self._flush()
        if self.fact_rows:
            return {ORG_FACT: True}, {ORG_FACT: self.fact_rows}
        return ({} if self._fact_unknown else {ORG_FACT: False}), {}

    def rows(self, which: frozenset[int] | set[int] | None = None) -> Iterator[tuple[int, MailboxRow]]:
        """(kind, row) of every row, or of the rows of the kinds `which`, in the file's order."""
        self._flush()
        if self._file is None:
            return
        self._file.flush()
        fd, prototypes = self._file.fileno(), self.prototypes
        for offset, size, present in self._blocks:
            if which is not None and present.isdisjoint(which):
                continue
            kinds, own = marshal.loads(os.pread(fd, size, offset))
            with no_cycle_collection():
                made = []
                for kind, (row, mailbox_id, name, email) in zip(kinds, own, strict=True):
                    if which is None or kind in which:
                        # A row's own four fields (MailboxRow's first), then what its kind shares.
                        box = MailboxRow(row, mailbox_id, name, email, *prototypes[kind][4:])
                        made.append((kind, box))
            yield from made

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """The temporary file closed (and so gone); the spool holds no row after."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self._blocks.clear()


@dataclass(frozen=True, slots=True)
class StreamedAudit:
    """An audit whose rows stay in their Spool: one Judged of each kind (its first row) and how
    many rows are of it; rows() gives every row's Judged back, in the export's order."""

    kb: KnowledgeBase
    export: Export  # its mailboxes: the Spool
    settings: Mapping[str, Value]
    facts: Mapping[str, Value]
    fact_rows: Mapping[str, Any]  # fact -> the rows (an array of row numbers)
    kinds: tuple[Judged, ...]
    counts: tuple[int, ...]
    said: tuple[Assessment, ...]  # per kind, what the audit says of its rows

    def rows(self, which: frozenset[int] | set[int] | None = None) -> Iterator[tuple[int, Judged]]:
        """(kind, Judged) of every row, or of the rows of the kinds `which`, in the export's order."""
        spool: Spool = self.export.mailboxes  # type: ignore[assignment]  # audit() puts a Spool there
        said = self.said
        for kind, box in spool.rows(which):
            yield kind, Judged(box, said[kind])

    def summary(self) -> dict[str, int]:
        return summary_of(list(zip(self.kinds, self.counts, strict=True)))

    def rule_counts(self) -> list[tuple[str, int]]:
        return rule_counts_of(self.kb, list(zip(self.kinds, self.counts, strict=True)))

    def question_counts(self) -> list[tuple[str, int]]:
        return question_counts_of(self.kb, list(zip(self.kinds, self.counts, strict=True)))


def audit(
    kb: KnowledgeBase,
    export: Export,
    *,
    settings: Mapping[str, Value] | None = None,
    email_map: EmailMap | None = None,
    limit: Limit | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> StreamedAudit:
    """judge.audit of an export whose mailboxes are a Spool (read_export(..., into=Spool())): the
    same answers, one Judged per kind of row instead of one per row."""
    spool = export.mailboxes
    if not isinstance(spool, Spool):
        raise TypeError("stream.audit reads an export read into a Spool")
    model = SupportModel(kb, limit) if limit is not None else SupportModel(kb)
    settings = model.validate(settings or {})
    facts, fact_rows = spool.facts()
    alike = dict(enumerate(spool.prototypes))
    said = said_of(model, alike, settings=settings, facts=facts, email_map=email_map, progress=progress)
    shared = tuple(said[kind] for kind in range(len(spool.prototypes)))
    kinds = tuple(Judged(box, shared[kind]) for kind, box in enumerate(spool.prototypes))
    return StreamedAudit(kb, export, settings, facts, fact_rows, kinds, tuple(spool.counts), shared)
