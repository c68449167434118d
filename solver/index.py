"""The acceptable set of a small knowledge base, listed once and indexed by bit sets (issue 15).

Where the complete configurations that are not unsupported are few (the page: 960 of 199,680),
every consistency question that includes all the error rules is a question about that set:
whether some member takes the given values (and breaks none of the given warnings), which values
its members still take, how many there are, which. `AcceptableSet` lists it once and keeps, for
every value of every variable, a Python int whose bit i says whether the i-th acceptable
configuration (in `SupportModel.sort_key` order) takes it, and one such set per warning of the
configurations that break it. A question is then a few ANDs and popcounts: microseconds where a
search per question takes a fraction of a millisecond (QuickXplain asks it a dozen times).

When to build it (`Lazy`), since listing costs about 10 µs a configuration and a one-off question
on the command line costs less than a millisecond: a model keeps the time its searches spent on
questions the index answers, and lists the set once that time reaches the estimated cost of
listing it (ski rental: never more than twice the cost of the better choice made in hindsight).
A question that lists the whole set anyway builds it at once. The size is known by exact count
(solver.count) before anything is listed, and a set of more than BOUND configurations is never
listed: its questions stay with the search. The index lives on its model, in memory, as long as
the model; never beyond the process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from syncmatrix.kb.model import Rule, Severity, Value
from syncmatrix.solver.count import ModelCounter
from syncmatrix.solver.limit import Budget, Limit, SearchLimitExceeded

if TYPE_CHECKING:
    from syncmatrix.solver.support import Given, SupportModel, Verdict

#: Acceptable configurations an index may hold: at most a few seconds of listing and, per value,
#: a bit set of 25 KB. Larger sets stay with the search (which never lists them for a yes/no).
BOUND = 200_000
#: Seconds to list and index one acceptable configuration (the page: about 10 ms for 960).
PER_CONFIGURATION = 10e-6
#: Seconds of searching that the index would have answered before the acceptable set is counted
#: (the page: half a millisecond): a single question on the command line never pays for it.
FIRST_LOOK = 0.002
#: Seconds a count that decides whether to index may always take, however little was searched.
MIN_COUNT = 0.002


class AcceptableSet:
    """Every complete configuration that breaks no error rule, in sorted order, as bit sets."""

    __slots__ = ("order", "domains", "rows", "verdicts", "values", "supported", "everything", "breaks", "errors")

    def __init__(self, model: SupportModel, listed: Iterable[tuple[Mapping[str, Value], Verdict]]) -> None:
        self.order = tuple(model.order)
        self.domains = model.domains
        rows: list[tuple[Value, ...]] = []
        verdicts: list[Verdict] = []
        # Bits are gathered in bytearrays and turned into ints once: setting one bit of a growing
        # int copies it, which is quadratic in the size of the set.
        marks = {name: {value: bytearray() for value in domain} for name, domain in model.domains.items()}
        warnings = {r.id: bytearray() for r in model.warnings}
        supported = bytearray()
        positions = {r.id: i for i, r in enumerate(model.warnings)}
        for i, (config, verdict) in enumerate(listed):
            byte, bit = i >> 3, 1 << (i & 7)
            if byte == len(supported):
                for values in marks.values():
                    for found in values.values():
                        found.append(0)
                for found in warnings.values():
                    found.append(0)
                supported.append(0)
            row = tuple(config[name] for name in self.order)
            rows.append(row)
            verdicts.append(verdict)
            for name, value in zip(self.order, row, strict=True):
                marks[name][value][byte] |= bit
            if verdict.value == "supported":
                supported[byte] |= bit
            else:
                for rule in model.broken_rules(config):
                    if rule.id in positions:
                        warnings[rule.id][byte] |= bit

        def bits(found: bytearray) -> int:
            return int.from_bytes(found, "little")

        self.rows = rows
        self.verdicts = verdicts
        self.values = {name: {value: bits(found) for value, found in values.items()} for name, values in marks.items()}
        self.supported = bits(supported)
        self.everything = (1 << len(rows)) - 1
        self.breaks = {rule_id: bits(found) for rule_id, found in warnings.items()}
        self.errors = frozenset(r.id for r in model.errors)

    def __len__(self) -> int:
        return len(self.rows)

    def matching(
        self, fixed: Mapping[str, Value] | None = None, within: Mapping[str, Iterable[Value]] | None = None
    ) -> int:
        """The configurations with the values of `fixed` and, for each variable of `within`, one of
        the values it lists."""
        found = self.everything
        for name, value in (fixed or {}).items():
            found &= self.values[name].get(value, 0)
        for name, allowed in (within or {}).items():
            values = self.values[name]
            found &= _union(values.get(v, 0) for v in set(allowed))
        return found

    def matching_given(self, given: Sequence[Given]) -> int:
        """`matching` of the choices of a conflict."""
        found = self.everything
        for choice in given:
            found &= self.values[choice.variable].get(choice.value, 0)
            if not found:
                break
        return found

    def consistent(
        self,
        rules: Sequence[Rule],
        fixed: Mapping[str, Value] | None = None,
        within: Mapping[str, Iterable[Value]] | None = None,
    ) -> bool | None:
        """Whether some configuration breaks none of `rules` (with `fixed` and `within` as
        `matching`); None when `rules` leave out an error rule of the model, which only the search
        answers (configurations outside the set may break none of them)."""
        errors: set[str] = set()
        avoid = 0
        for rule in rules:
            if rule.severity is Severity.ERROR:
                if rule.id not in self.errors:
                    return None
                errors.add(rule.id)
            elif rule.id in self.breaks:
                avoid |= self.breaks[rule.id]
            else:
                return None
        if len(errors) < len(self.errors):
            return None
        return bool(self.matching(fixed, within) & ~avoid)

    def possible_values(self, config: Mapping[str, Value]) -> dict[str, tuple[Value, ...]]:
        """For each variable `config` leaves open, in vocabulary order, the values of its domain
        some member with the values of `config` takes, in domain order."""
        found = self.matching(config)
        return {
            name: tuple(v for v in self.domains[name] if self.values[name][v] & found)
            for name in self.order
            if name not in config
        }

    def count(self, filters: Mapping[str, Value]) -> tuple[int, int]:
        """How many members take the values of `filters`: supported, and with warnings."""
        found = self.matching(filters)
        supported = (found & self.supported).bit_count()
        return supported, found.bit_count() - supported

    def configurations(self, filters: Mapping[str, Value]) -> Iterator[tuple[dict[str, Value], Verdict]]:
        """The members that take the values of `filters`, in sorted order, each a new dict."""
        found = self.matching(filters)
        if not found:
            return
        # One pass over the digits, not `found & -found` per member: each of those copies the int.
        digits = format(found, "b")[::-1]
        i = digits.find("1")
        while i >= 0:
            yield dict(zip(self.order, self.rows[i], strict=True)), self.verdicts[i]
            i = digits.find("1", i + 1)

    def cheapest(
        self, config: Mapping[str, Value], locked: Iterable[str], cost: Mapping[str, int], strict: bool
    ) -> tuple[int, list[tuple[Value, ...]]] | None:
        """The least cost of changing the values of `config` (each variable `cost`) to those of a
        member that keeps the `locked` ones (with `strict`: a supported member), and the values of
        the variables of `config` of every member at that cost, each once, in the members' order;
        None when no member keeps the locks.

        Every member's cost at once, bit-sliced: plane k holds bit k of each member's cost, and a
        changed variable adds its cost to the members that change it with a ripple-carry adder
        over the planes (about a dozen ANDs and XORs per variable); the cheapest members are then
        found plane by plane from the highest (Warren, Hacker's Delight, on bit-sliced arithmetic).
        """
        members = self.matching({name: config[name] for name in locked})
        if strict:
            members &= self.supported
        if not members:
            return None
        planes: list[int] = []
        for name, value in config.items():
            changes = self.everything & ~self.values[name].get(value, 0)
            add, carry, k = cost[name], 0, 0
            while add >> k or carry:
                if k == len(planes):
                    planes.append(0)
                plane, bit = planes[k], changes if add >> k & 1 else 0
                planes[k] = plane ^ bit ^ carry
                carry = (plane & bit) | (carry & (plane ^ bit))
                k += 1
        for plane in reversed(planes):
            fewer = members & ~plane
            if fewer:
                members = fewer
        names = list(config)
        columns = [self.order.index(name) for name in names]
        found: dict[tuple[Value, ...], None] = {}
        digits = format(members, "b")[::-1]
        i = digits.find("1")
        least = sum(cost[n] for n, j in zip(names, columns, strict=True) if self.rows[i][j] != config[n])
        while i >= 0:
            row = self.rows[i]
            found[tuple(row[j] for j in columns)] = None
            i = digits.find("1", i + 1)
        return least, list(found)


class Lazy:
    """A model's index, built when it pays (see the module's docstring), or None."""

    __slots__ = ("index", "size", "searched", "next_look")

    def __init__(self) -> None:
        self.index: AcceptableSet | None = None
        self.size: int | None = None  # the acceptable configurations, once counted
        self.searched = 0.0  # seconds the search spent on questions the index answers
        self.next_look: float | None = None  # searching after which counting is tried again (None: FIRST_LOOK)

    def spent(self, seconds: float) -> None:
        """Count `seconds` of searching that the index would have saved."""
        self.searched += seconds

    def get(
        self,
        model: SupportModel,
        limit: Limit | Budget | None,
        *,
        now: bool = False,
        question: str = "count",
    ) -> AcceptableSet | None:
        """The index, built first when the searching it saves has reached its cost (`now`: when the
        question lists the whole set anyway); None while it does not pay or the set is too large.

        The count and the listing are steps of the asking question: `limit` as the question gets
        it (a running Budget bounds them all; a Limit, from supported_configurations, bounds the
        count and then each configuration listed, as that question's search does).
        """
        if self.index is not None:
            return self.index
        if self.size is not None and self.size > BOUND:
            return None
        if not now and self.searched < (FIRST_LOOK if self.next_look is None else self.next_look):
            return None
        if self.size is None:
            # Asked for a whole listing (`now`), the count is a step of that question, which costs
            # as much anyway. Otherwise it may spend a quarter of the searching it would save so
            # far: a knowledge base too entangled to count that fast (80 variables of generated
            # rules) is tried again once the searching has grown fourfold, so that failed counts
            # cost at most a third more than the searching, and its questions never wait long on
            # a count they did not ask for.
            budget = model.budget(question, limit if now else Limit(max(self.searched / 4, MIN_COUNT)))
            counter = ModelCounter(model.domains, budget)
            try:
                self.size = counter.count(counter.clauses(model.nogoods(model.errors)))
            except SearchLimitExceeded:
                if now:
                    raise
                self.next_look = 4 * self.searched
                return None
            if self.size > BOUND:
                return None
        if not now and self.searched < self.size * PER_CONFIGURATION:
            return None
        self.index = AcceptableSet(model, model._rows({}, limit))  # noqa: SLF001  (the listing is the model's own)
        return self.index


def built(model: SupportModel) -> AcceptableSet | None:
    """The model's index if it has been built, without building it."""
    return model._acceptable.index  # noqa: SLF001  (this module owns the attribute)


def build(model: SupportModel, limit: Limit | Budget | None = None) -> AcceptableSet | None:
    """The model's index, built now unless its acceptable set is larger than BOUND (then None)."""
    return model._acceptable.get(model, limit, now=True)  # noqa: SLF001  (this module owns the attribute)


def _union(sets: Iterable[int]) -> int:
    found = 0
    for bits in sets:
        found |= bits
    return found
