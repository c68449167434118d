"""The verdict of a configuration over time: on each day where an advisory's phase begins or ends,
or a remedy is retired, the answer may change; between two such days it cannot.

`timeline(kb, config)` asks the question once per stretch of days between those boundaries (a
handful: the advisories' phases) and keeps the stretches whose answer differs from the one before,
each with the rules that begin or stop being broken on its first day.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, replace

from syncmatrix.kb.model import KnowledgeBase, Rule, Value
from syncmatrix.solver.limit import DEFAULT_LIMIT, Budget, Limit, start
from syncmatrix.solver.support import CheckResult, SupportModel

_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of days with one answer: from `start` to `end`, both included (None: open)."""

    start: datetime.date | None  # None: since before the first dated advisory
    end: datetime.date | None  # None: from then on
    result: CheckResult
    kb: KnowledgeBase  # the knowledge base of a day of the stretch (as_of): rules, remedies in force
    entering: tuple[Rule, ...]  # broken from `start`, not the day before
    leaving: tuple[Rule, ...]  # broken the day before `start`, not from it
    retired: tuple[Rule, ...]  # broken rules whose remedy is retired from `start`, not the day before
    superseded: tuple[Rule, ...] = ()  # of `leaving`, those an advisory supersedes from `start`


@dataclass(frozen=True, slots=True)
class Timeline:
    config: Mapping[str, Value]
    page: CheckResult  # the page alone (no advisory), for comparison
    periods: tuple[Period, ...]  # in order of days, each with an answer unlike the one before


def boundaries(kb: KnowledgeBase) -> tuple[datetime.date, ...]:
    """Every day on which the rules in force or the remedies change, in order: the first day of a
    phase, the day after the last day of one, the day a remedy is retired, the day an advisory
    supersedes a rule of the page layer."""
    days: set[datetime.date] = set()
    for rule in kb.rules:
        if rule.valid_from is not None:
            days.add(rule.valid_from)
        if rule.valid_until is not None:
            days.add(rule.valid_until + _DAY)
        if rule.remedy_retired is not None:
            days.add(rule.remedy_retired.date)
        if rule.superseded is not None:
            days.add(rule.superseded.date)
    return tuple(sorted(days))


def timeline(kb: KnowledgeBase, config: Mapping[str, Value], *, limit: Limit | Budget | None = None) -> Timeline:
    """The answers about `config` over every day, from the knowledge base as loaded (not as_of).

    One budget for the whole timeline (`limit`, else DEFAULT_LIMIT): SearchLimitExceeded when spent.
    """
    if kb.dated:
        raise ValueError("timeline() takes the knowledge base as loaded, with every phase of every advisory")
    budget = start("timeline", limit, DEFAULT_LIMIT)
    page_model = SupportModel(kb.as_of(None))
    config = page_model.validate(config)
    page = page_model.check(config, limit=budget)
    days = boundaries(kb)
    starts: list[datetime.date | None] = [None, *days]
    periods: list[Period] = []
    before: tuple[CheckResult, KnowledgeBase] | None = None
    for first in starts:
        on = first if first is not None else (days[0] - _DAY if days else datetime.date.min)
        dated = kb.as_of(on)
        result = SupportModel(dated).check(config, limit=budget)
        retired = tuple(r for r in result.violations if dated.retired_on(r) is not None)
        if before is not None and _same(before, (result, dated)):
            continue
        previous = before[0].violations if before else ()
        was_retired = {r.id for r in previous if before and before[1].retired_on(r) is not None}
        ids, previous_ids = {r.id for r in result.violations}, {r.id for r in previous}
        if periods and first is not None:  # the stretch before ends the day before this one begins
            periods[-1] = replace(periods[-1], end=first - _DAY)
        periods.append(
            Period(
                start=first,
                end=None,
                result=result,
                kb=dated,
                entering=tuple(r for r in result.violations if r.id not in previous_ids) if before else (),
                leaving=tuple(r for r in previous if r.id not in ids),
                retired=tuple(r for r in retired if r.id not in was_retired) if before else (),
                superseded=tuple(
                    r for r in previous if r.id not in ids and r.superseded is not None and r.superseded.date == first
                ),
            )
        )
        before = (result, dated)
    return Timeline(config, page, tuple(periods))


def _same(a: tuple[CheckResult, KnowledgeBase], b: tuple[CheckResult, KnowledgeBase]) -> bool:
    """Whether two days give the same answer: verdict, broken rules and their remedies."""
    (ra, ka), (rb, kb) = a, b
    return (
        ra.verdict is rb.verdict
        and [r.id for r in ra.violations] == [r.id for r in rb.violations]
        and [ka.retired_on(r) is None for r in ra.violations] == [kb.retired_on(r) is None for r in rb.violations]
    )
