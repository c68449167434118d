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

import html
import json
import json.encoder
from collections.abc import Sequence
from typing import Any

from syncmatrix.audit.judge import rule_counts, summary
from syncmatrix.audit.mapping import ORG_SETTINGS, Said
from syncmatrix.audit.model import Audit, Change, Judged, Status, no_cycle_collection
from syncmatrix.kb.model import KnowledgeBase, Rule, format_value
from syncmatrix.present.report import question_json, question_text
from syncmatrix.present.safe import csv_text, line, markdown, plain
from syncmatrix.present.text import escape
from syncmatrix.present.words import t

FORMATS = ("text", "json", "csv", "markdown", "html")
VERDICTS = ("supported", "supported_with_warnings", "unsupported")
NOT_JUDGED = (Status.INACTIVE, Status.NOT_SYNCHRONIZED, Status.UNREADABLE)


def render(audit: Audit, fmt: str, lang: str) -> str:
    """The report in `fmt`, already as standard output shows it (safe.plain; the CSV cell by cell,
    since its lines end in CR LF), so that it encodes whatever the export held."""
    if fmt == "json":
        return audit_json(audit).decode()
    if fmt == "csv":
        return audit_csv(audit, lang)
    return plain({"text": audit_text, "markdown": audit_markdown, "html": audit_html}[fmt](audit, lang))


def render_bytes(audit: Audit, fmt: str, lang: str) -> bytes:
    """The report in UTF-8, as a file holds it and standard output writes it (JSON without ever
    being a str: see audit_json)."""
    return audit_json(audit) if fmt == "json" else render(audit, fmt, lang).encode()


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


def fix_text(kb: KnowledgeBase, judged: Judged, lang: str) -> str:
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


def _needs_action(audit: Audit) -> list[tuple[tuple[Rule, ...], list[Judged]]]:
    """The unsupported mailboxes grouped by why (the error rules they break, or cannot escape),
    most mailboxes first, ties in the order of the first rule in the knowledge base."""
    groups: dict[tuple[str, ...], tuple[tuple[Rule, ...], list[Judged]]] = {}
    for judged in audit.mailboxes:
        if _verdict(judged) == "unsupported":
            key = tuple(r.id for r in judged.because)
            groups.setdefault(key, (judged.because, []))[1].append(judged)
    position = {r.id: i for i, r in enumerate(audit.kb.rules)}
    return sorted(groups.values(), key=lambda g: (-len(g[1]), min((position[r.id] for r in g[0]), default=-1)))


def _warned(audit: Audit) -> list[tuple[Rule, list[Judged]]]:
    groups = []
    for rule_id, _ in rule_counts(audit):
        rule = audit.kb.rule(rule_id)
        if rule.severity.value == "warning":
            boxes = [j for j in audit.mailboxes if _verdict(j) == "supported_with_warnings" and rule in j.violations]
            if boxes:
                groups.append((rule, boxes))
    return groups


def _export_line(audit: Audit, lang: str) -> str:
    n = len(audit.mailboxes)
    return t(
        "audit_of_one" if n == 1 else "audit_of",
        lang,
        path=line(audit.export.path),
        shape=audit.export.shape.value,
        n=n,
    )


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


def assumed_settings(audit: Audit) -> dict[str, tuple[Any, ...]]:
    """The organization's settings not given that some judged verdict depends on, with the values
    every such verdict allows: 'the verdicts hold if mfa=false …'."""
    assumed: dict[str, set[Any]] = {}
    for judged in audit.mailboxes:
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


def audit_text(audit: Audit, lang: str) -> str:
    kb = audit.kb
    counts = summary(audit)
    lines = [question_text(kb, lang).rstrip("\n")]
    lines.append(_export_line(audit, lang))
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
    lines += _organization_lines(audit, lang)
    action = _needs_action(audit)
    lines.append("")
    if action:
        n = counts["unsupported"]
        lines.append(t("audit_needs_action_one" if n == 1 else "audit_needs_action", lang, n=n))
        for rules, boxes in action:
            lines.append("")
            lines.append(f"✗ {_group_title(rules, lang)} — {_many(len(boxes), lang)}")
            lines += [f"    {line}" for line in _group_lines(kb, rules, boxes, lang)]
            by_fix: dict[str, list[Judged]] = {}  # mailboxes with the same nearest fix, said once
            for judged in boxes:
                by_fix.setdefault(fix_text(kb, judged, lang), []).append(judged)
            for fix, same in by_fix.items():
                lines.append(
                    f"    {t('audit_fix', lang)}: {line(fix)}" if fix else f"    {t('audit_no_fix_found', lang)}"
                )
                lines += [f"      {t('audit_row', lang, row=j.mailbox.row)}  {line(_who(j))}" for j in same]
    else:
        lines.append(t("audit_nothing_unsupported", lang))
    warned = _warned(audit)
    if warned:
        n = counts["supported_with_warnings"]
        lines += ["", t("audit_with_warnings_one" if n == 1 else "audit_with_warnings", lang, n=n)]
        for rule, boxes in warned:
            lines.append(f"  ! {_group_title((rule,), lang)} — {_rows(boxes, lang)}")
            if rule.remedy:
                lines.append(f"      {t('remedy', lang)}: {rule.remedy.get(lang)}")
    conditional = [j for j in audit.mailboxes if j.status is Status.JUDGED and _open_text(audit.kb, j)]
    if conditional:
        lines += ["", t("audit_depends", lang)]
        for judged in conditional:
            lines.append(
                f"  {t('audit_row', lang, row=judged.mailbox.row)}  {line(_who(judged))}: {_status_text(judged, lang)} "
                f"{t('audit_if', lang)} {_open_text(audit.kb, judged)}"
            )
    not_judged = [j for j in audit.mailboxes if j.status in NOT_JUDGED]
    if not_judged:
        lines += ["", t("audit_not_judged", lang)]
        for judged in not_judged:
            why = f": {line(_problems(judged, lang))}" if judged.problems else ""
            lines.append(
                f"  {t('audit_row', lang, row=judged.mailbox.row)}  {line(_who(judged))}: "
                f"{_status_text(judged, lang)}{why}"
            )
    return "\n".join(lines) + "\n"


def _row_numbers(rows: Sequence[int], lang: str, most: int = 10) -> str:
    """'row 21', 'rows 15, 18, 23', at most `most` of them then '…'."""
    if len(rows) == 1:
        return t("audit_row", lang, row=rows[0])
    return t("audit_rows", lang, rows=", ".join(str(r) for r in rows[:most]) + (" …" if len(rows) > most else ""))


def _rows(boxes: Sequence[Judged], lang: str) -> str:
    return _row_numbers([j.mailbox.row for j in boxes], lang, most=len(boxes))


def _group_title(rules: Sequence[Rule], lang: str) -> str:
    """'Exchange Server 2019 out of support [a2-…]', or for rules a mailbox cannot escape, all of them."""
    if not rules:
        return t("audit_no_rule", lang)
    return " / ".join(f"{_title(r, lang)} [{r.id}]" if r.title else r.id for r in rules)


def _group_lines(kb: KnowledgeBase, rules: Sequence[Rule], boxes: Sequence[Judged], lang: str) -> list[str]:
    """What the rules of a group say, with their sources, then their remedies, each once; for a set
    the open values cannot escape, first that whatever they are, one of these rules is broken."""
    escape = bool(rules) and not any(r in boxes[0].violations for r in rules)
    lines = [t("audit_whatever", lang)] if escape else []
    for rule in rules:
        lines.append(f"{'• ' if escape else ''}{rule.message.get(lang)}")
        lines.append(f"{'  ' if escape else ''}{t('source', lang)}: {kb.cite(rule.sources, lang)}")
        lines += [f"{'  ' if escape else ''}  {link}" for link in kb.links(rule.sources)]
    remedies = dict.fromkeys(r.remedy.get(lang) for r in rules if r.remedy)
    lines += [f"{t('remedy', lang)}: {remedy}" for remedy in remedies]
    return lines


def _organization_lines(audit: Audit, lang: str) -> list[str]:
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
        "possible": {name: list(values) for name, values in judged.possible.items()},
        "fix": fix,
    }


def _head_json(audit: Audit) -> dict[str, Any]:
    return {
        **question_json(audit.kb),
        "export": {"path": audit.export.path, "shape": audit.export.shape.value, "notes": list(audit.export.notes)},
        "organization": {
            "settings": dict(audit.settings),
            "facts": dict(audit.facts),
            "fact_rows": {name: list(rows) for name, rows in audit.fact_rows.items()},
        },
        "summary": summary(audit),
        "rules": [{"rule": rule_id, "mailboxes": n} for rule_id, n in rule_counts(audit)],
    }


def audit_json(audit: Audit, lang: str = "en") -> bytes:
    """The JSON document in UTF-8, already safe for a terminal (present.text.escape): its head
    indented with sorted keys, each mailbox on one line of its own, its keys in a fixed order (its
    own fields, then what the rows read alike share). `lang` is unused: the JSON is for programs.

    Built for 100,000 mailboxes: what rows read alike share is encoded (by json's C encoder) and
    escaped once; each row adds only its own four fields, escaped only when they hold a character
    outside printable ASCII. Bytes, not a str: one Vietnamese name would otherwise make the whole
    document a str of two bytes a character.
    """
    body = escape(json.dumps(_head_json(audit), ensure_ascii=False, indent=2, sort_keys=True))
    # "mailboxes" sorts between "export" and "organization": put it where sort_keys would.
    cut = body.index('\n  "organization": ')
    encode = json.JSONEncoder(ensure_ascii=False).encode
    quote = json.encoder.encode_basestring  # a str as JSON, in C, not ASCII-escaped
    # By the identity of the shared parts (and of the status: an enum hashes in Python): judge.audit
    # gives every row read alike the same objects, and the audit keeps them alive, so an identity
    # is never reused meanwhile.
    shared: dict[tuple[int, ...], bytes] = {}
    parts = [body[:cut].encode(), b'\n  "mailboxes": [']
    append = parts.append
    with no_cycle_collection():
        for judged in audit.mailboxes:
            key = id(judged.evidence), id(judged.possible), id(judged.fix), id(judged.problems), id(judged.status)
            answer = shared.get(key)
            if answer is None:
                answer = encode({**_mapped_json(judged), **_shared_json(judged)})[1:]  # without its "{"
                answer = shared[key] = escape(answer).encode() + b","
            box = judged.mailbox  # _own_json's keys, written straight
            own = f'\n    {{"row": {box.row}, "id": {quote(box.id)}, "name": {quote(box.name)}, '
            own += f'"email": {quote(box.email)}, '
            if not own.isascii() or "\x7f" in own:
                own = escape(own)
            append(own.encode())
            append(answer)
    if audit.mailboxes:
        parts[-1] = parts[-1][:-1]  # the last mailbox's answer, without its ","
        parts.append(b"\n  ]")
    else:
        parts.append(b"]")
    parts += (b",", body[cut:].encode(), b"\n")
    return b"".join(parts)


# --- CSV: one row per mailbox ----------------------------------------------------------------------

CSV_COLUMNS = ("row", "id", "name", "email", "status", "verdict", "violations", "fix", "open", "problems")


def audit_csv(audit: Audit, lang: str) -> str:
    """One row per mailbox, every cell of every column (the id too) through safe.csv_cell: on one
    line, never a formula; lines end in CR LF (RFC 4180)."""
    return csv_text(
        [[t(f"audit_col_{c}", lang) for c in CSV_COLUMNS], *(_csv_row(audit, j, lang) for j in audit.mailboxes)]
    )


def _csv_row(audit: Audit, judged: Judged, lang: str) -> list[object]:
    box = judged.mailbox
    return [
        box.row,
        box.id,
        box.name,
        box.email,
        judged.status.value,
        _verdict(judged) or "",
        " ".join(r.id for r in judged.violations),
        fix_text(audit.kb, judged, lang),
        _open_text(audit.kb, judged),
        _problems(judged, lang),
    ]


# --- Markdown ---------------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Text of the export or the knowledge base as inline Markdown that only shows it (safe.markdown)."""
    return markdown(text)


def audit_markdown(audit: Audit, lang: str) -> str:
    kb = audit.kb
    counts = summary(audit)
    out = [f"# {t('audit_title', lang)}", "", question_text(kb, lang).rstrip("\n"), ""]
    out.append(_md(_export_line(audit, lang)))
    out += ["", f"| {t('audit_summary', lang)} | {t('audit_count', lang)} |", "|---|---:|"]
    out += [f"| {t(f'audit_sum_{key}', lang)} | {value} |" for key, value in counts.items()]
    out += [""] + [f"- {_md(line)}" for line in _organization_lines(audit, lang)]
    action = _needs_action(audit)
    out += ["", f"## {t('audit_needs_action_title', lang)}", ""]
    if not action:
        out.append(t("audit_nothing_unsupported", lang))
    for rules, boxes in action:
        out += [f"### {_md(_group_title(rules, lang))} — {_many(len(boxes), lang)}", ""]
        if rules and not any(r in boxes[0].violations for r in rules):
            out += [_md(t("audit_whatever", lang)), ""]
        for rule in rules:
            out += [_md(rule.message.get(lang)), ""]
            links = ", ".join(
                f"<{link}>" if link.startswith("https://") else f"`{link}`" for link in kb.links(rule.sources)
            )
            out.append(f"{t('source', lang)}: {_md(kb.cite(rule.sources, lang))}" + (f" — {links}" if links else ""))
            if rule.remedy:
                out += ["", f"{t('remedy', lang)}: {_md(rule.remedy.get(lang))}"]
            out.append("")
        out += [
            "",
            f"| {t('audit_col_row', lang)} | {t('audit_mailbox', lang)} | {t('audit_fix', lang)} |",
            "|---:|---|---|",
        ]
        out += [f"| {j.mailbox.row} | {_md(_who(j))} | {_md(fix_text(kb, j, lang))} |" for j in boxes]
        out.append("")
    out += ["", f"## {t('audit_all_mailboxes', lang)}", ""]
    out += [
        f"| {t('audit_col_row', lang)} | {t('audit_mailbox', lang)} | {t('audit_col_status', lang)} | "
        f"{t('audit_col_violations', lang)} | {t('audit_col_problems', lang)} |",
        "|---:|---|---|---|---|",
    ]
    for judged in audit.mailboxes:
        out.append(
            f"| {judged.mailbox.row} | {_md(_who(judged))} | {_md(_status_text(judged, lang))} | "
            f"{_md(', '.join(r.id for r in dict.fromkeys((*judged.violations, *judged.because))))} | "
            f"{_md(_problems(judged, lang))} |"
        )
    return "\n".join(out) + "\n"


# --- HTML: one standalone page, a chart drawn in SVG, no script -------------------------------------

_COLOURS = {"supported": "#2e7d32", "supported_with_warnings": "#b26a00", "unsupported": "#c62828", "other": "#757575"}


def _bars(items: Sequence[tuple[str, int, str]], label: str) -> str:
    """A bar chart in HTML and CSS: a label, a bar as long as its share of the largest, and the figure
    in words beside it (never colour alone); it wraps on a phone instead of shrinking its text."""
    e = html.escape
    top = max((n for _, n, _ in items), default=0) or 1
    rows = []
    for name, n, colour in items:
        width = 0 if n == 0 else max(1, round(100 * n / top))
        rows.append(
            f'<div class="label">{e(name)}</div><div class="track"><span class="bar" '
            f'style="width:{width}%;background:{colour}"></span><span>{n}</span></div>'
        )
    return f'<figure><figcaption>{e(label)}</figcaption><div class="bars">{"".join(rows)}</div></figure>'


def audit_html(audit: Audit, lang: str) -> str:
    e = html.escape
    kb = audit.kb
    counts = summary(audit)
    title = t("audit_title", lang)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        "<style>",
        "body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem;"
        " line-height: 1.5; color: #1b1b1b; }",
        "table { border-collapse: collapse; width: 100%; }",
        "th, td { border: 1px solid #6b6b6b; padding: 0.4rem; text-align: left; vertical-align: top; }",
        "thead th { background: #f0f0f0; }",
        ".rule { border-left: 4px solid #c62828; padding-left: 0.8rem; margin: 1.5rem 0; }",
        "td.n { text-align: right; }",
        "figure { margin: 1rem 0; } figcaption { font-weight: bold; margin-bottom: 0.4rem; }",
        ".bars { display: grid; grid-template-columns: minmax(0, 22rem) 1fr; gap: 0.3rem 0.8rem;"
        " align-items: center; }",
        ".track { display: flex; align-items: center; gap: 0.4rem; } .bar { display: inline-block; height: 1.1rem; }",
        "@media (max-width: 40rem) { .bars { grid-template-columns: 1fr; gap: 0.1rem; }"
        " .track { margin-bottom: 0.4rem; } }",
        "</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{e(title)}</h1>",
        f"<p>{e(question_text(kb, lang).strip())}</p>",
        f"<p>{e(_export_line(audit, lang))}</p>",
        f"<h2>{e(t('audit_summary', lang))}</h2>",
        '<table><thead><tr><th scope="col">'
        + e(t("audit_summary", lang))
        + '</th><th scope="col">'
        + e(t("audit_count", lang))
        + "</th></tr></thead><tbody>",
    ]
    out += [
        f'<tr><th scope="row">{e(t(f"audit_sum_{key}", lang))}</th><td class="n">{value}</td></tr>'
        for key, value in counts.items()
    ]
    out.append("</tbody></table>")
    verdict_bars = [(t(v, lang), counts[v], _COLOURS[v]) for v in VERDICTS]
    verdict_bars += [(t(f"audit_status_{s.value}", lang), counts[s.value], _COLOURS["other"]) for s in NOT_JUDGED]
    out.append(_bars(verdict_bars, t("audit_chart_verdicts", lang)))
    rules = rule_counts(audit)
    if rules:
        colour = {"error": _COLOURS["unsupported"], "warning": _COLOURS["supported_with_warnings"]}
        rule_bars = [(_title(kb.rule(r), lang), n, colour[kb.rule(r).severity.value]) for r, n in rules]
        out.append(_bars(rule_bars, t("audit_chart_rules", lang)))
    out.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in _organization_lines(audit, lang)) + "</ul>")
    out.append(f"<h2>{e(t('audit_needs_action_title', lang))}</h2>")
    action = _needs_action(audit)
    if not action:
        out.append(f"<p>{e(t('audit_nothing_unsupported', lang))}</p>")
    for rules, boxes in action:
        anchor = "rule-" + "-".join(r.id for r in rules[:1])
        out.append(f'<section class="rule" id="{e(anchor)}">')
        out.append(f"<h3>{e(_group_title(rules, lang))} — {e(_many(len(boxes), lang))}</h3>")
        if rules and not any(r in boxes[0].violations for r in rules):
            out.append(f"<p>{e(t('audit_whatever', lang))}</p>")
        for rule in rules:
            out.append(f"<p>{e(rule.message.get(lang))}</p>")
            links = ", ".join(
                f'<a href="{e(link)}">{e(link)}</a>' if link.startswith("https://") else f"<code>{e(link)}</code>"
                for link in kb.links(rule.sources)
            )
            cited = e(kb.cite(rule.sources, lang))
            out.append(f"<p>{e(t('source', lang))}: {cited}{' — ' + links if links else ''}</p>")
            if rule.remedy:
                out.append(f"<p><strong>{e(t('remedy', lang))}:</strong> {e(rule.remedy.get(lang))}</p>")
        out.append(
            f'<table><thead><tr><th scope="col">{e(t("audit_col_row", lang))}</th><th scope="col">'
            f'{e(t("audit_mailbox", lang))}</th><th scope="col">{e(t("audit_fix", lang))}</th></tr></thead><tbody>'
        )
        out += [
            f'<tr><td class="n">{j.mailbox.row}</td><td>{e(_who(j))}</td><td>{e(fix_text(kb, j, lang))}</td></tr>'
            for j in boxes
        ]
        out.append("</tbody></table></section>")
    out.append(f"<h2>{e(t('audit_all_mailboxes', lang))}</h2>")
    headers = ("audit_col_row", "audit_mailbox", "audit_col_status", "audit_col_violations", "audit_col_problems")
    out.append(
        "<table><thead><tr>"
        + "".join(f'<th scope="col">{e(t(h, lang))}</th>' for h in headers)
        + "</tr></thead><tbody>"
    )
    for judged in audit.mailboxes:
        violations = ", ".join(
            f'<a href="#rule-{e(r.id)}">{e(r.id)}</a>' if r.severity.value == "error" else e(r.id)
            for r in judged.violations
        )
        out.append(
            f'<tr><td class="n">{judged.mailbox.row}</td><td>{e(_who(judged))}</td>'
            f"<td>{e(_status_text(judged, lang))}</td><td>{violations}</td>"
            f"<td>{e(_problems(judged, lang))}</td></tr>"
        )
    out += ["</tbody></table>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
