"""Results as JSON-ready values (keys of CONTRACT.md §3) and as text for people."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from syncmatrix.kb.model import Kind, KnowledgeBase, Rule, Value, format_value
from syncmatrix.present.sources import local
from syncmatrix.present.words import t
from syncmatrix.solver import CheckResult, Counts, SupportModel, Verdict

if TYPE_CHECKING:  # solver.fix and solver.lint are imported by the commands that print them only:
    # `check`, the light path, need not build their classes at every start (benchmarks/run.py).
    from syncmatrix.solver.fix import FixResult
    from syncmatrix.solver.lint import Finding
    from syncmatrix.solver.timeline import Timeline

Row = tuple[Mapping[str, Value], Verdict]  # a configuration of `enumerate` with its verdict


def question_json(kb: KnowledgeBase) -> dict[str, Any]:
    """The day a dated answer is about (CONTRACT.md §4): `as_of`, null for the page alone."""
    return {"as_of": kb.day.isoformat() if kb.day else None, "page_only": kb.page_only}


def question_text(kb: KnowledgeBase, lang: str) -> str:
    """The line that opens a dated answer for people: which day, or the page alone."""
    if kb.day is None:
        return t("page_only_line", lang) + "\n"
    return t("as_of_line", lang, day=kb.day.isoformat()) + "\n"


def _day(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def rule_json(kb: KnowledgeBase, rule: Rule, lang: str) -> dict[str, Any]:
    """A rule as `rules` and `check` print it: the contract's keys, then what we add (an advisory's
    phase: `advisory`, `from` and `until`, its first and last day, null when open; a remedy the
    day of the question has retired: `remedy_retired_from`)."""
    return {
        "rule": rule.id,
        "severity": rule.severity.value,
        "kind": rule.kind.value,
        "of_the_page": rule.kind.of_the_page,
        "variables": list(rule.variables),
        "message": rule.message.get(lang),
        "source": kb.cite(rule.sources, lang),
        "statements": list(rule.sources),
        "links": list(kb.links(rule.sources)),
        "remedy": rule.remedy.get(lang) if rule.remedy else None,
        "reading": rule.reading.get(lang) if rule.reading else None,
        "title": rule.title.get(lang) if rule.title else None,
        "advisory": rule.advisory,
        "from": _day(rule.valid_from),
        "until": _day(rule.valid_until),
        "remedy_retired_from": _day(kb.retired_on(rule)),
        "superseded": (
            {"advisory": rule.superseded.advisory, "from": rule.superseded.date.isoformat()}
            if rule.superseded is not None
            else None
        ),
    }


def rules_json(kb: KnowledgeBase, lang: str) -> dict[str, Any]:
    rules = []
    for rule in kb.rules:
        entry = rule_json(kb, rule, lang)
        entry["id"] = entry.pop("rule")
        entry["when"] = {c.variable: list(c.values) for c in rule.when}
        entry["where"] = f"{rule.file}:{rule.line}"
        rules.append(entry)
    return {"rules": rules}


def check_json(kb: KnowledgeBase, result: CheckResult, lang: str) -> dict[str, Any]:
    return {
        "verdict": result.verdict.value,
        "complete": result.complete,
        "violations": [rule_json(kb, r, lang) for r in result.violations],
        "conflict": [{"variable": c.variable, "value": c.value} for c in result.conflict],
        "conflict_rules": [r.id for r in result.conflict_rules],
        "unavoidable": [r.id for r in result.unavoidable],
        "unavoidable_one_of": result.one_of,
        "possible": {name: list(values) for name, values in result.possible.items()},
        "excluded": {
            name: {format_value(v): list(ids) for v, ids in reasons.items()}
            for name, reasons in result.excluded.items()
        },
    }


def fix_json(
    kb: KnowledgeBase, result: FixResult, lang: str, filled: Sequence[Mapping[str, Value] | None] | None = None
) -> dict[str, Any]:
    """The fixes as CONTRACT.md §3 says; with `filled` (fix --complete, one per fix), each fix's
    `completion` too: the values it fills the open variables with."""
    document: dict[str, Any] = {
        "verdict": result.verdict.value,
        "distance": result.distance,
        "cost": result.cost,
        "fixes": [
            {
                "changes": [{"variable": c.variable, "from": (c.before), "to": (c.after)} for c in fix.changes],
                "verdict": fix.verdict.value,
                "cost": fix.cost,
                "resolves": [r.id for r in fix.resolves],
                "remedies": [
                    {"rule": r.id, "text": r.remedy.get(lang), "remedy_retired_from": _day(kb.retired_on(r))}
                    for r in fix.resolves
                    if r.remedy
                ],
            }
            for fix in result.fixes
        ],
    }
    for entry, values in zip(document["fixes"], filled or (), strict=filled is not None):
        entry["completion"] = None if values is None else dict(values)
    if kb.day is not None:  # how long each lasts after the day (not for the page alone, which has no days)
        for entry, fix in zip(document["fixes"], result.fixes, strict=True):
            entry["holds_until"] = _day(fix.holds_until)
            entry["then"] = fix.then.value if fix.then else None
            entry["ended_by"] = [r.id for r in fix.ended_by]
    return document


def holds_text(
    kb: KnowledgeBase, verdict: Verdict, holds_until: Any, then: Any, ended_by: Iterable[Rule], lang: str
) -> str:
    """Until when a fix holds, and why not after: 'Holds: supported with warnings until 2027-03-31,
    then unsupported (EWS in Exchange Online turned off)'; '' for the page alone, which has no days."""
    if kb.day is None:
        return ""
    if holds_until is None:
        return t("holds_always", lang, verdict=t(verdict.value, lang))
    return t(
        "holds_until",
        lang,
        verdict=t(verdict.value, lang),
        day=holds_until.isoformat(),
        then=t(then.value, lang) if then else "",
        rules=_why(kb, ended_by, lang),
    )


def count_json(counts: Counts) -> dict[str, Any]:
    return {
        "count": counts.total,
        "supported": counts.supported,
        "supported_with_warnings": counts.supported_with_warnings,
    }


def lint_json(findings: Iterable[Finding]) -> dict[str, Any]:
    from syncmatrix.solver.lint import Level

    def entry(f: Finding) -> dict[str, str]:
        return {"kind": f.kind, "message": f.message, "where": f.where}

    findings = list(findings)
    return {
        "problems": [entry(f) for f in findings if f.level is Level.ERROR],
        "info": [entry(f) for f in findings if f.level is Level.INFO],
    }


# --- text for people -------------------------------------------------------------------------------


def rule_name(rule: Rule, lang: str) -> str:
    """A rule as people read it: its plain title, its id as a detail ('Nothing synchronized
    [nothing-synchronized]'); the id alone where the knowledge base gives no title."""
    return f"{rule.title.get(lang)} [{rule.id}]" if rule.title else rule.id


def plain_title(kb: KnowledgeBase, rule: Rule, lang: str) -> str:
    """A rule's plain title, without its id: its own short title, else (an advisory's phase) its
    advisory's; '' when it has neither, as a rule of a test knowledge base may: the caller then names
    it by its id."""
    if rule.title:
        return rule.title.get(lang)
    return kb.advisory(rule.advisory).title.get(lang) if rule.advisory else ""


def who(name: str, email: str, mailbox_id: str = "") -> str:
    """A mailbox as people name it: 'Ana Souza <ana@contoso.com>', its name or its address alone,
    else its id, else '—'."""
    if name and email:
        return f"{name} <{email}>"
    return name or email or mailbox_id or "—"


def rule_names(kb: KnowledgeBase, ids: Iterable[str], lang: str) -> str:
    """Rules named by rule_name, from their ids, joined."""
    return "; ".join(rule_name(kb.rule(i), lang) for i in ids)


def rule_text(kb: KnowledgeBase, rule: Rule, lang: str) -> list[str]:
    mark = "✗" if rule.severity.value == "error" else "!"
    lines = [
        f"{mark} {rule_name(rule, lang)}  ({t(rule.severity.value, lang)} · {t('kind_' + rule.kind.value, lang)}"
        + ("" if rule.kind.of_the_page else f" · {t('not_of_page', lang)}")
        + ")",
        f"    {rule.message.get(lang)}",
        f"    {t('source', lang)}: {kb.cite(rule.sources, lang)}",
    ]
    lines += [f"      {local(link)}" for link in kb.links(rule.sources)]
    if rule.kind is Kind.ADVISORY:
        lines.append(f"    {in_force(rule, lang)}")
    if rule.superseded is not None:
        lines.append(f"    {superseded_text(kb, rule, lang)}")
    if rule.reading:
        lines.append(f"    {t('reading', lang)}: {rule.reading.get(lang)}")
    if rule.remedy:
        lines.append(f"    {t('remedy', lang)}: {rule.remedy.get(lang)}")
    return lines


def superseded_text(kb: KnowledgeBase, rule: Rule, lang: str) -> str:
    """'Superseded from 2025-07-01 by the advisory …, in answers about a day (the page alone keeps it).'"""
    assert rule.superseded is not None  # only asked of a superseded rule
    title = next(
        (a.title.get(lang) for a in kb.advisories if a.id == rule.superseded.advisory), rule.superseded.advisory
    )
    return t("superseded_from", lang, day=rule.superseded.date.isoformat(), advisory=title)


def in_force(rule: Rule, lang: str) -> str:
    """When an advisory's phase holds: 'In force from 2026-10-01 to 2027-03-31', 'on every day'…"""
    start, end = rule.valid_from, rule.valid_until
    if start is None and end is None:
        return t("in_force_always", lang)
    if start is None:
        return t("in_force_until", lang, until=_day(end))
    if end is None:
        return t("in_force_from", lang, start=start.isoformat())
    return t("in_force_between", lang, start=start.isoformat(), until=end.isoformat())


def split_warnings(result: CheckResult) -> tuple[list[Rule], list[Rule]]:
    """The error rules the given values break, and the warnings to name: those the given values
    break, then those every acceptable completion breaks (or one of which each does)."""
    errors = [r for r in result.violations if r.severity.value == "error"]
    warnings = [r for r in result.violations if r.severity.value == "warning"]
    warnings += [r for r in result.unavoidable if r not in warnings]
    return errors, warnings


def check_text(model: SupportModel, result: CheckResult, lang: str) -> str:
    kb = model.kb
    state = t("complete", lang) if result.complete else t("partial", lang, n=len(result.possible))
    lines = [f"{t('verdict', lang)}: {t(result.verdict.value, lang)}  ({state})", ""]
    errors, warnings = split_warnings(result)
    if errors:
        lines.append(f"{t('broken', lang)}:")
        for rule in errors:
            lines.extend(rule_text(kb, rule, lang))
    if warnings:
        if errors:
            lines.append("")
        lines.append(f"{t('warnings_one_of' if result.one_of else 'warnings_title', lang)}:")
        for rule in warnings:
            lines.extend(rule_text(kb, rule, lang))
    if not errors and not warnings:
        lines.append(t("no_broken", lang))
    if result.conflict:
        choices = ", ".join(f"{c.variable}={format_value(c.value)}" for c in result.conflict)
        lines += [
            "",
            f"{t('conflict', lang)}: {choices}",
            f"    {t('conflict_rules', lang)}: {'; '.join(rule_name(r, lang) for r in result.conflict_rules)}",
        ]
        for rule in result.conflict_rules:
            if rule not in result.violations:
                lines.extend(rule_text(kb, rule, lang))
    if result.possible and result.verdict is not Verdict.UNSUPPORTED:
        lines += ["", f"{t('possible', lang)}:"]
        for name, values in result.possible.items():
            shown = ", ".join(format_value(v) for v in values)
            lines.append(f"    {name}: {shown}")
            for value, ids in result.excluded.get(name, {}).items():
                lines.append(
                    f"        {format_value(value)} {t('ruled_out', lang)} {t('by', lang)} {rule_names(kb, ids, lang)}"
                )
    return "\n".join(lines) + "\n"


def fix_text(
    model: SupportModel, result: FixResult, lang: str, filled: Sequence[Mapping[str, Value] | None] | None = None
) -> str:
    """The fixes for people; with `filled` (fix --complete, one per fix, as fix_json), under each
    the open values it fills in (of a group of fixes: those of its first, the values it shows first)."""
    kb = model.kb
    completions = {
        tuple((c.variable, c.after) for c in fix.changes): values
        for fix, values in zip(result.fixes, filled or (), strict=filled is not None)
    }
    lines = [f"{t('verdict', lang)}: {t(result.verdict.value, lang)}"]
    if result.distance is None:
        # Locks are to blame only when some configuration is acceptable at all.
        why = ("void_strict" if result.strict else "void") if result.void else "no_fix"
        return "\n".join(lines + [t(why, lang)]) + "\n"
    if result.distance == 0:
        lines.append(t("already", lang, verdict=t(result.verdict.value, lang)))
        fix = result.fixes[0]
        holds = holds_text(kb, fix.verdict, fix.holds_until, fix.then, fix.ended_by, lang)
        lines += [holds] if holds else []
        return "\n".join(lines + _completion_lines(completions.get(()), filled, "", lang)) + "\n"
    lines += [t("distance", lang, n=result.distance), ""]
    if result.lasting:
        cheapest = result.fixes[result.lasting]
        lines.append(t("lasting_first", lang, cost=result.cost, day=_day(cheapest.holds_until)))
    lines.append(f"{t('fixes', lang)}:")
    resolved: dict[str, Rule] = {}
    for fix in result.fixes:
        for rule in fix.resolves:
            resolved.setdefault(rule.id, rule)
    from syncmatrix.solver.fix import group_fixes

    for number, group in enumerate(group_fixes(model, result.fixes), start=1):
        n = len(group.options)
        line = t(
            "fix_line_one" if n == 1 else "fix_line", lang, n=n, cost=group.cost, verdict=t(group.verdict.value, lang)
        )
        lines.append(f"{number}. {line}")
        for name, values in group.options:
            labels = [f"{kb.label_of(name, v, lang)} ({format_value(v)})" for v in values]
            shown = labels[0] if len(labels) == 1 else f"{t('any_of', lang)} " + ", ".join(labels)
            lines.append(f"     {name} → {shown}")
        holds = holds_text(kb, group.verdict, group.holds_until, group.then, group.ended_by, lang)
        lines += [f"     {holds}"] if holds else []
        first = tuple((name, values[0]) for name, values in group.options)
        lines += _completion_lines(completions.get(first), filled, "     ", lang)
        if group.resolves:
            lines.append(f"     {t('resolves_fix', lang, rules='; '.join(rule_name(r, lang) for r in group.resolves))}")
    if resolved:
        lines += ["", f"{t('resolves', lang)}:"]
        for rule in resolved.values():
            lines.extend(rule_text(kb, rule, lang))
    return "\n".join(lines) + "\n"


def _completion_lines(values: Mapping[str, Value] | None, filled: object, indent: str, lang: str) -> list[str]:
    """The open values a fix fills in, as VARIABLE=VALUE words that `syncmatrix check` takes back,
    wrapped to fit 100 columns; nothing when --complete was not asked."""
    import textwrap

    if filled is None:
        return []
    if not values:
        return [f"{indent}{t('fill_none', lang)}"]
    words = " ".join(f"{name}={format_value(value)}" for name, value in values.items())
    return textwrap.wrap(
        f"{t('fill_in' if indent else 'fill_in_only', lang)}: {words}",
        100,
        initial_indent=indent,
        subsequent_indent=indent + "    ",
        break_on_hyphens=False,
    )


def count_text(counts: Counts, lang: str, bottom: str = "") -> str:
    """The counts, then, when nothing on the day is supported without warnings, the sentence that
    says so and why (`bottom`: bottom_line_text)."""
    line = t("count", lang, total=counts.total, s=counts.supported, w=counts.supported_with_warnings) + "\n"
    return line + (bottom + "\n" if bottom else "")


def bottom_line(model: SupportModel) -> tuple[tuple[Rule, ...], bool] | None:
    """When some configuration is acceptable on the model's day but none is supported without
    warnings: the warnings every acceptable configuration breaks, and False; or, when no single
    one is, a minimal set of which each breaks one, and True (SupportModel.unavoidable_warnings).
    None when some configuration is supported, or none is acceptable."""
    counts = model.count({})
    if counts.supported or not counts.total:
        return None
    return model.unavoidable_warnings({})


def bottom_line_text(
    kb: KnowledgeBase, found: tuple[tuple[Rule, ...], bool] | None, lang: str, name: Any = None
) -> str:
    """The bottom line of the day in one sentence ('On 2026-12-07 no configuration is supported
    without warnings: every acceptable configuration breaks …'), the rules named by `name`
    (default rule_name); '' when `found` (bottom_line) is None."""
    if found is None:
        return ""
    rules, one_of = found
    named = "; ".join((name or rule_name)(r, lang) for r in rules)
    key = "bottom_line" if kb.day is not None else "bottom_line_page"
    return t(key + ("_one_of" if one_of else ""), lang, day=_day(kb.day), rules=named)


TEXT_WIDTH = 100  # columns of the text for people that lists configurations


def write_enumerate_text(
    out: TextIO,
    model: SupportModel,
    rows: Iterable[Row],
    counts: Counts,
    shown: int | None,
    lang: str,
    given: Mapping[str, Value] | None = None,
) -> None:
    """The listing for people, a block per row as it comes, then the counts of every matching row
    and, when `shown` (the limit) left some out, how many and how to see them.

    A row is its verdict, then its values as VARIABLE=VALUE words that `syncmatrix check` takes
    back, wrapped to TEXT_WIDTH columns; what every row shares (a variable of one value, or one the
    filters `given` fix) is said once above them. A table of a column per variable was ~230 columns
    wide: rows are written as they are found, so its widths could not shrink to the values met."""
    given = given or {}
    same = [name for name in model.order if name in given or len(model.domains[name]) == 1]
    varying = [name for name in model.order if name not in same]
    first = True
    for number, (config, verdict) in enumerate(rows, start=1):
        if first and same:
            words = " ".join(f"{name}={format_value(config[name])}" for name in same)
            out.write(_wrapped(t("enumerate_same", lang, words=words)) + "\n")
        first = False
        out.write(f"{number}. {t(verdict.value, lang)}\n")
        out.write(_wrapped(" ".join(f"{name}={format_value(config[name])}" for name in varying), "    "))
    out.write("" if first else "\n")
    out.write(_wrapped(t("count", lang, total=counts.total, s=counts.supported, w=counts.supported_with_warnings)))
    if shown is not None and counts.total > shown:
        out.write(_wrapped(t("more_rows", lang, more=counts.total - shown, shown=shown)))


def _wrapped(text: str, indent: str = "") -> str:
    """`text` as lines of at most TEXT_WIDTH columns, each ended, every word whole."""
    import textwrap

    return "".join(
        line + "\n"
        for line in textwrap.wrap(text, TEXT_WIDTH, initial_indent=indent, subsequent_indent=indent, **_WRAP)
    )


_WRAP: dict[str, Any] = {"break_on_hyphens": False, "break_long_words": False}  # a word is never cut


def write_enumerate_csv(out: TextIO, model: SupportModel, rows: Iterable[Row]) -> None:
    """The listing as CSV, a record per row as it comes."""
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*model.order, "verdict"])
    for config, verdict in rows:
        writer.writerow([format_value(config[n]) for n in model.order] + [verdict.value])


def write_enumerate_json(
    out: TextIO, rows: Iterable[Row], count: int, truncated: bool, question: Mapping[str, Any]
) -> None:
    """`{"as_of", "configurations", "count", "page_only", "truncated"}` written a row at a time, byte
    for byte what json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) prints for the
    whole (`question`: question_json)."""
    import json
    import textwrap

    out.write(f'{{\n  "as_of": {json.dumps(question["as_of"])},\n  "configurations": [')
    first = True
    for config, verdict in rows:
        entry = json.dumps({**config, "verdict": verdict.value}, ensure_ascii=False, indent=2, sort_keys=True)
        out.write(("\n" if first else ",\n") + textwrap.indent(entry, "    "))
        first = False
    out.write("]" if first else "\n  ]")
    out.write(f',\n  "count": {count},\n  "page_only": {json.dumps(question["page_only"])},')
    out.write(f'\n  "truncated": {json.dumps(truncated)}\n}}\n')


def rules_text(kb: KnowledgeBase, lang: str) -> str:
    lines = []
    for rule in kb.rules:
        lines.extend(rule_text(kb, rule, lang))
        when = " and ".join(f"{c.variable} ∈ {{{', '.join(format_value(v) for v in c.values)}}}" for c in rule.when)
        lines.append(f"    when: {when}")
        lines.append("")
    return "\n".join(lines)


def _lint_line(kb: KnowledgeBase | None, finding: Finding, lang: str) -> str:
    """A finding as a line in `lang`, each rule it names by its title in quotes, its id as a detail,
    where the knowledge base is at hand."""
    values = dict(finding.values)
    for name in ("rule", "rules"):
        if name in values and kb is not None and values[name]:
            values[name] = ", ".join(_rule_in_line(kb, rule_id, lang) for rule_id in values[name].split(", "))
    message = t(finding.key, lang, **values) if finding.key else finding.message
    return f"  {finding.where}: {finding.kind}: {message}"


def _rule_in_line(kb: KnowledgeBase, rule_id: str, lang: str) -> str:
    rule = kb.rule(rule_id)
    return f"“{rule.title.get(lang)}” [{rule.id}]" if rule.title else rule.id


def lint_text(findings: Iterable[Finding], lang: str, kb: KnowledgeBase | None = None) -> str:
    from syncmatrix.solver.lint import Level

    findings = list(findings)
    problems = [f for f in findings if f.level is Level.ERROR]
    info = [f for f in findings if f.level is Level.INFO]
    lines = []
    if problems:
        lines.append(f"{t('problems', lang)}:")
        lines += [_lint_line(kb, f, lang) for f in problems]
    else:
        lines.append(t("lint_clean", lang))
    if info:
        lines += ["", f"{t('info', lang)}:"]
        lines += [_lint_line(kb, f, lang) for f in info]
    return "\n".join(lines) + "\n"


# --- the timeline ----------------------------------------------------------------------------------


def _period_of(line: Timeline, day: datetime.date) -> int:
    """The index of the period `day` falls in."""
    for i, period in enumerate(line.periods):
        if (period.start is None or period.start <= day) and (period.end is None or day <= period.end):
            return i
    raise ValueError(day)  # the periods cover every day


def _why(kb: KnowledgeBase, rules: Iterable[Rule], lang: str) -> str:
    """The rules that change an answer by their titles (else their advisory's, else their ids), each once."""
    names = [
        r.title.get(lang) if r.title else kb.advisory(r.advisory).title.get(lang) if r.advisory else r.id for r in rules
    ]
    return "; ".join(dict.fromkeys(names))


def timeline_summary(line: Timeline, kb: KnowledgeBase, lang: str) -> str:
    """One sentence, a part per change of verdict: 'supported until 2024-01-09; supported with
    warnings from 2024-01-10 (…); unsupported from 2025-10-15 (…)'."""
    changes = [
        p for i, p in enumerate(line.periods) if i == 0 or p.result.verdict is not line.periods[i - 1].result.verdict
    ]
    if len(changes) == 1:
        return t("timeline_always", lang, verdict=t(changes[0].result.verdict.value, lang)) + "."
    parts = []
    for i, period in enumerate(changes):
        verdict = t(period.result.verdict.value, lang)
        if period.start is None:
            end = changes[i + 1].start
            assert end is not None  # only the first stretch is open at its start (Period.start)
            parts.append(t("timeline_until", lang, verdict=verdict, day=_day(end - datetime.timedelta(days=1))))
            continue
        why = _why(kb, period.entering, lang) or _why(kb, period.leaving, lang)
        text = t("timeline_from", lang, verdict=verdict, day=period.start.isoformat())
        parts.append(f"{text} ({why})" if why else text)
    return "; ".join(parts) + "."


def timeline_json(line: Timeline, kb: KnowledgeBase, day: datetime.date, lang: str) -> dict[str, Any]:
    today = _period_of(line, day)
    return {
        "configuration": {name: value for name, value in line.config.items()},
        "as_of": day.isoformat(),
        "verdict": line.periods[today].result.verdict.value,
        "page_only_verdict": line.page.verdict.value,
        "summary": timeline_summary(line, kb, lang),
        "periods": [
            {
                "from": _day(p.start),
                "until": _day(p.end),
                "verdict": p.result.verdict.value,
                "violations": [r.id for r in p.result.violations],
                "entering": [rule_json(p.kb, r, lang) for r in p.entering],
                "leaving": [r.id for r in p.leaving],
                "superseded": [r.id for r in p.superseded],
                "remedy_retired": [r.id for r in p.retired],
                "includes_as_of": i == today,
            }
            for i, p in enumerate(line.periods)
        ],
    }


def timeline_text(line: Timeline, kb: KnowledgeBase, day: datetime.date, lang: str) -> str:
    today = _period_of(line, day)
    given = " ".join(f"{name}={format_value(value)}" for name, value in line.config.items()) or "—"
    lines = [
        f"{t('timeline_of', lang)}: {given}",
        f"{t('page_only_verdict', lang)}: {t(line.page.verdict.value, lang)}",
        "",
        timeline_summary(line, kb, lang),
        "",
    ]
    for i, p in enumerate(line.periods):
        if p.start is None:
            when = t("timeline_until_day", lang, day=_day(p.end)) if p.end else t("timeline_every_day", lang)
        elif p.end is None:
            when = t("timeline_from_day", lang, day=p.start.isoformat())
        else:
            when = t("timeline_between", lang, start=p.start.isoformat(), day=p.end.isoformat())
        mark = f"  ← {t('timeline_as_of', lang, day=day.isoformat())}" if i == today else ""
        lines.append(f"{when}: {t(p.result.verdict.value, lang)}{mark}")
        for rule in p.entering:
            lines.append(f"    + {rule_name(rule, lang)}: {rule.message.get(lang)}")
            lines += [f"      {local(link)}" for link in p.kb.links(rule.sources)]
        for rule in p.leaving:
            left = superseded_text(p.kb, rule, lang) if rule in p.superseded else t("timeline_left", lang)
            lines.append(f"    − {rule_name(rule, lang)}: {left}")
        for rule in p.retired:
            remedy = rule.remedy.get(lang) if rule.remedy else ""
            lines.append(f"    ~ {rule_name(rule, lang)}: {t('timeline_retired', lang)} {remedy}".rstrip())
    return "\n".join(lines) + "\n"
