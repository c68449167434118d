"""The days after the day of a question: how long a configuration stays acceptable.

A question is about one day (KnowledgeBase.as_of); the knowledge base knows every phase of every
advisory after it (KnowledgeBase.phases). Between two boundaries (solver/timeline.py) the rules in
force do not change, so the days after the question's day fall into a handful of stretches, each
opened by a boundary. A configuration *holds through* stretch k when one completion of it is
acceptable on every day from the question's day to the last day of stretch k: it breaks none of
the rules that make a configuration unacceptable (the error rules; with `strict`, every rule) in
force on any of those days. One completion for all of them, not one per day: the open values are
the mailbox's real settings, which do not change from one day to the next.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, replace

from syncmatrix.kb.model import KnowledgeBase, Rule, Severity, Value
from syncmatrix.solver.limit import Budget
from syncmatrix.solver.support import SupportModel, Verdict
from syncmatrix.solver.timeline import boundaries

_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Holds:
    """Until when a configuration stays acceptable after the day of the question, and why not after."""

    until: datetime.date | None  # its last acceptable day; None: every day the knowledge base knows
    then: Verdict | None  # its verdict from the day after `until`
    ended_by: tuple[Rule, ...]  # the rules, new on that day, that end it
    stretches: int  # how many stretches after the question's day it holds through


def ahead_of(model: SupportModel) -> Ahead | None:
    """The stretches of days after the day of `model`'s question, built once and kept on the model,
    for the solver's own modules (fix.py); None for the page alone or a knowledge base that knows no
    day after."""
    if not model._days_ahead:
        loaded = model.kb.loaded() if model.kb.day is not None else None
        model._days_ahead.append(Ahead(model, loaded) if loaded is not None else None)
    return model._days_ahead[0]


class Ahead:
    """The stretches after the day of `model`'s question, with the models that answer about them.

    Built once per model (SupportModel keeps it), each model when first needed: a command asks
    about a few fixes, an audit about every distinct mailbox, over the same few stretches.
    """

    def __init__(self, model: SupportModel, loaded: KnowledgeBase) -> None:
        assert model.kb.day is not None
        self.model = model
        self.day: datetime.date = model.kb.day
        self.starts = tuple(b for b in boundaries(loaded) if b > self.day)  # first day of each stretch
        self._kbs = [loaded.as_of(b) for b in self.starts]
        self._day_models: dict[int, SupportModel] = {}
        self._through: dict[tuple[int, bool], SupportModel] = {}

    def __len__(self) -> int:
        return len(self.starts)

    def day_model(self, k: int) -> SupportModel:
        """The model of the first day of stretch k."""
        if k not in self._day_models:
            self._day_models[k] = SupportModel(self._kbs[k], self.model.limit)
        return self._day_models[k]

    def through(self, k: int, strict: bool) -> SupportModel:
        """A model whose acceptable configurations are those acceptable on every day from the
        question's day through stretch k (k = -1: the question's day alone): the rules that make a
        configuration unacceptable on any of those days, each once. It looks no further ahead."""
        key = (k, strict)
        if key not in self._through:
            found: dict[str, Rule] = {}
            for rules in [self.model.kb.rules, *(self._kbs[i].rules for i in range(k + 1))]:
                for rule in rules:
                    if strict or rule.severity is Severity.ERROR:
                        found.setdefault(rule.id, rule)
            kb = replace(self.model.kb, rules=tuple(found.values()), phases=())
            self._through[key] = SupportModel(kb, self.model.limit)
        return self._through[key]

    def acceptable_through(self, config: Mapping[str, Value], k: int, strict: bool, budget: Budget) -> bool:
        model = self.through(k, strict)
        if model.is_complete(config):
            return not any(r.broken_by(config) for r in model.kb.rules)
        return model.completion(config, strict=strict, limit=budget) is not None

    def stretches(self, config: Mapping[str, Value], strict: bool, budget: Budget) -> int:
        """How many stretches after the question's day `config` holds through (0 to len(self))."""
        k = 0
        while k < len(self.starts) and self.acceptable_through(config, k, strict, budget):
            k += 1
        return k

    def holds(self, config: Mapping[str, Value], strict: bool, budget: Budget) -> Holds:
        """Until when `config`, acceptable on the question's day, stays acceptable, and why not after."""
        k = self.stretches(config, strict, budget)
        if k == len(self.starts):
            return Holds(None, None, (), k)
        start = self.starts[k]
        then = self.day_model(k).best_verdict(config, limit=budget)
        before = {r.id for r in self.through(k - 1, strict).kb.rules}
        new = [r for r in self.through(k, strict).kb.rules if r.id not in before]
        broken = {r.id for r in self.day_model(k).entailed_violations(config)}
        ended = [r for r in new if r.id in broken] or [
            r for r in new if all(config[c.variable] in c.values for c in r.when if c.variable in config)
        ]
        return Holds(start - _DAY, then, tuple(ended), k)

    def until(self, k: int) -> datetime.date | None:
        """The last day of holding through k stretches; None when k is every one of them."""
        return None if k >= len(self.starts) else self.starts[k] - _DAY
