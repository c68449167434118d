"""The support table for documentation, derived from the knowledge base by the solver.

Nothing here is a template of the page: rows come from asking the solver which email systems have
an acceptable configuration with email synchronization, with appointments, contacts and tasks
synchronization, and with which protocol pairs, grouping systems with the same answers; footnote
marks come from error rules that cite a footnote of the document's table, on the systems those
rules rule out; the unsupported list and the notes come from the rules' kinds and the statements
they cite. `render` writes the result as Markdown, HTML, CSV or JSON in English or Vietnamese.
"""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass, field
from typing import Any

from syncmatrix.kb.errors import InputError, one_of
from syncmatrix.kb.model import Kind, KnowledgeBase, Rule, Severity, Statement, Text, Value, VariableType
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
class SupportTable:
    title: Text
    rows: tuple[Row, ...]
    footnotes: tuple[Item, ...]
    unsupported: tuple[Item, ...]
    remedies: tuple[Item, ...]  # shared remedies of the unsupported scenarios
    notes: tuple[Item, ...]
    kb: KnowledgeBase = field(compare=False, repr=False)  # for the labels of variables and values


def build_table(model: SupportModel) -> SupportTable:
    """The support table of the knowledge base behind `model`; InputError when the knowledge base
    lacks a variable of the table's columns (COLUMNS), or has email_sync or act_sync not true/false."""
    kb = model.kb
    missing = [name for name in COLUMNS if not kb.has_variable(name)]
    if missing:
        raise input_error("table_needs", needed=one_of(COLUMNS), missing=one_of(missing))
    for name in (EMAIL, ACT):
        if kb.variable(name).type is not VariableType.BOOL:
            raise input_error("table_needs_bool", needed=one_of((EMAIL, ACT)), variable=name)
    footnotes = _footnotes(kb)
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
            marks = tuple((system, m) for system, m in marks if m)
            order = [r.id for r in kb.rules]
            rows.append(
                Row(
                    str(deployment),
                    tuple(systems),
                    email,
                    act,
                    protocols,
                    marks,
                    tuple(sorted(reasons[(email, act, protocols)], key=order.index)),
                )
            )
    used_marks = {m for row in rows for _, marks in row.marks for m in marks}
    document = kb.document(kb.rules[0].document) if kb.rules else kb.documents[0]
    return SupportTable(
        title=document.title,
        rows=tuple(rows),
        footnotes=tuple(f for f in footnotes if f.mark in used_marks),
        unsupported=_items(kb, (Kind.UNSUPPORTED,)),
        remedies=_remedies(kb),
        notes=_items(kb, (Kind.IMPORTANT, Kind.UNTESTED, Kind.NOTE)),
        kb=kb,
    )


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


# --- rendering -----------------------------------------------------------------------------------


def render(table: SupportTable, fmt: str, lang: str, sources: bool = False) -> str:
    """The table as `fmt` (markdown, html, csv, json) in `lang`; `sources` adds the rule ids."""
    renderers = {"markdown": _markdown, "html": _html, "csv": _csv, "json": _json}
    if fmt not in renderers:
        raise InputError(f"unknown table format '{fmt}'; expected one of {one_of(FORMATS)}")
    return renderers[fmt](table, table.kb, lang, sources)


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


def _markdown(table: SupportTable, kb: KnowledgeBase, lang: str, sources: bool) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    out = [f"# {table.title.get(lang)}", "", f"<!-- {t('generated', lang)} -->", ""]
    headers = _headers(kb, lang)
    out.append("| " + " | ".join(headers) + " |")
    out.append("|" + "|".join("---" for _ in headers) + "|")
    for row in table.rows:
        marks = dict(row.marks)
        systems = "<br>".join(
            "- " + cell(kb.label_of(SYSTEM, s, lang)) + "".join(f"<sup>{m}</sup>" for m in marks.get(s, ()))
            for s in row.systems
        )
        protocols = "<br>".join(cell(_protocol_label(kb, p, lang)) for p in row.protocols)
        line = (
            f"| {cell(kb.label_of(DEPLOYMENT, row.deployment, lang))} | {systems} | "
            f"{_yes_no(kb, row.email_sync, lang)} | {_yes_no(kb, row.act_sync, lang)} | {protocols} |"
        )
        out.append(line + (f" <!-- {t('table_rules', lang)}: {', '.join(row.rules)} -->" if sources else ""))
    out.append("")
    for note in table.footnotes:
        out.append(f"<sup>{note.mark}</sup> {note.text.get(lang)}" + _md_sources(note, lang, sources))
        out.append("")
    out += [f"## {t('table_unsupported', lang)}", "", t("unsupported_intro", lang), ""]
    out += [f"- {item.text.get(lang)}" + _md_sources(item, lang, sources) for item in table.unsupported]
    out.append("")
    for item in table.remedies:
        out += [item.text.get(lang) + _md_sources(item, lang, sources), ""]
    out += [f"## {t('notes', lang)}", ""]
    out += [f"- {item.text.get(lang)}" + _md_sources(item, lang, sources) for item in table.notes]
    return "\n".join(out) + "\n"


def _md_sources(item: Item, lang: str, sources: bool) -> str:
    return f" <!-- {t('table_rules', lang)}: {', '.join(item.rules)} -->" if sources else ""


def _html(table: SupportTable, kb: KnowledgeBase, lang: str, sources: bool) -> str:
    e = html.escape

    def comment(ids: tuple[str, ...]) -> str:
        return f"<!-- {e(t('table_rules', lang))}: {e(', '.join(ids))} -->" if sources else ""

    title = e(table.title.get(lang))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        "<style>",
        "body { font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem;"
        " line-height: 1.5; color: #1b1b1b; }",
        "table { border-collapse: collapse; width: 100%; }",
        "caption { text-align: left; font-weight: bold; padding: 0.5rem 0; }",
        "th, td { border: 1px solid #6b6b6b; padding: 0.5rem; text-align: left; vertical-align: top; }",
        "thead th { background: #f0f0f0; }",
        "td ul { margin: 0; padding-left: 1.2rem; }",
        "</style>",
        "</head>",
        "<body>",
        f"<!-- {e(t('generated', lang))} -->",
        "<main>",
        f"<h1>{title}</h1>",
        "<table>",
        f"<caption>{e(t('caption', lang))}</caption>",
        "<thead>",
        "<tr>" + "".join(f'<th scope="col">{e(h)}</th>' for h in _headers(kb, lang)) + "</tr>",
        "</thead>",
        "<tbody>",
    ]
    for row in table.rows:
        marks = dict(row.marks)
        systems = "".join(
            f"<li>{e(kb.label_of(SYSTEM, s, lang))}"
            + "".join(
                f'<sup><a href="#footnote-{e(m)}" aria-label="{e(t("footnotes", lang))} {e(m)}">{e(m)}</a></sup>'
                for m in marks.get(s, ())
            )
            + "</li>"
            for s in row.systems
        )
        protocols = "<br>".join(e(_protocol_label(kb, p, lang)) for p in row.protocols)
        out.append(
            f'<tr>{comment(row.rules)}<th scope="row">{e(kb.label_of(DEPLOYMENT, row.deployment, lang))}</th>'
            f"<td><ul>{systems}</ul></td><td>{e(_yes_no(kb, row.email_sync, lang))}</td>"
            f"<td>{e(_yes_no(kb, row.act_sync, lang))}</td><td>{protocols}</td></tr>"
        )
    out += ["</tbody>", "</table>"]
    if table.footnotes:
        out.append(f'<section aria-label="{e(t("footnotes", lang))}">')
        for note in table.footnotes:
            out.append(
                f'<p id="footnote-{e(note.mark or "")}"><sup>{e(note.mark or "")}</sup> '
                f"{e(note.text.get(lang))}{comment(note.rules)}</p>"
            )
        out.append("</section>")
    out += [
        f"<h2>{e(t('table_unsupported', lang))}</h2>",
        f"<p>{e(t('unsupported_intro', lang))}</p>",
        "<ul>",
    ]
    out += [f"<li>{e(item.text.get(lang))}{comment(item.rules)}</li>" for item in table.unsupported]
    out.append("</ul>")
    out += [f"<p>{e(item.text.get(lang))}{comment(item.rules)}</p>" for item in table.remedies]
    out += [f"<h2>{e(t('notes', lang))}</h2>", "<ul>"]
    out += [f"<li>{e(item.text.get(lang))}{comment(item.rules)}</li>" for item in table.notes]
    out += ["</ul>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _csv(table: SupportTable, kb: KnowledgeBase, lang: str, sources: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_headers(kb, lang) + ([t("table_rules", lang)] if sources else []))
    for row in table.rows:
        marks = dict(row.marks)
        systems = "; ".join(
            kb.label_of(SYSTEM, s, lang) + "".join(f" ({m})" for m in marks.get(s, ())) for s in row.systems
        )
        protocols = "; ".join(_protocol_label(kb, p, lang) for p in row.protocols)
        writer.writerow(
            [
                kb.label_of(DEPLOYMENT, row.deployment, lang),
                systems,
                _yes_no(kb, row.email_sync, lang),
                _yes_no(kb, row.act_sync, lang),
                protocols,
            ]
            + ([" ".join(row.rules)] if sources else [])
        )
    return buffer.getvalue()


def table_json(table: SupportTable, lang: str, sources: bool = False) -> dict[str, Any]:
    """The table as CONTRACT.md §3 describes it; `sources` adds the rule ids as `rules`."""

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
        entry = {"mark": note.mark, "text": note.text.get(lang)}
        if sources:
            entry["rules"] = list(note.rules)
        footnotes.append(entry)
    return {
        "title": table.title.get(lang),
        "rows": rows,
        "footnotes": footnotes,
        "unsupported": [item(i) for i in table.unsupported],
        "remedies": [item(i) for i in table.remedies],
        "notes": [item(i) for i in table.notes],
    }


def _json(table: SupportTable, kb: KnowledgeBase, lang: str, sources: bool) -> str:
    return json.dumps(table_json(table, lang, sources), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- files ---------------------------------------------------------------------------------------
