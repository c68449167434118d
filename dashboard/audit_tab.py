"""The Audit tab of the dashboard: an export of an organization's mailboxes, uploaded and judged on the
day of the question (syncmatrix.audit), shown as figures, charts, the organization's facts and a table
of mailboxes, any judged one of which opens in Explore; the reports download as `syncmatrix audit`
writes them.

Uploaded bytes stay in the session, since a lazy tab forgets its uploader while another tab is open.
They are on disk only while they are read: the readers take a path, so each file is written to a
private temporary folder that is deleted before the run goes on, whatever happened. The audit is kept
in memory only, by what decides it: the files (name and digest), the organization's settings and the
day.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from typing import TypedDict

import streamlit as st

from syncmatrix.audit.exports import read_export
from syncmatrix.audit.judge import audit, question_counts, rule_counts, summary
from syncmatrix.audit.mapping import ORG_SETTINGS, EmailMap, Said, load_map, parse_settings
from syncmatrix.audit.model import Audit, Judged, Status
from syncmatrix.audit.report import (
    GroupSaid,
    assumed_settings,  # the assumption every report states
    groups_said,
    nearest_fix_text,
    question_lines,
    render_bytes,
    say,
)
from syncmatrix.audit.starter import starter_map
from syncmatrix.dashboard.actions import current_explore, guarded, keep, restore, set_explore
from syncmatrix.dashboard.questions import kb_dir, load_model, question
from syncmatrix.dashboard.state import replace_config
from syncmatrix.dashboard.widgets import day_badge, value_label
from syncmatrix.kb import KnowledgeBase, Value, VariableType
from syncmatrix.kb.errors import InputError, KbError
from syncmatrix.kb.model import format_value
from syncmatrix.present import links, safe
from syncmatrix.present.links import Config
from syncmatrix.present.report import who
from syncmatrix.present.sources import web
from syncmatrix.present.words import message, t
from syncmatrix.solver import SupportModel, Verdict
from syncmatrix.solver.limit import Budget, SearchLimitExceeded

#: Audits kept at once. Each holds every row of its export (100,000 rows are a few hundred MB of
#: objects); a person usually looks at one export on a day or two, with a setting or two changed.
AUDITS = 4
#: Seconds an audit nobody asks for again is kept: the bytes of an organization's mailboxes should not
#: stay in a server's memory for longer than someone is looking at them.
AUDIT_SECONDS = 3600
#: Mailboxes the table lists at most (and the choice of a mailbox to open offers): a page that sends a
#: browser 100,000 rows on every click is a page nobody can use. The reports hold every row.
TABLE_ROWS = 2000


@dataclass(frozen=True, slots=True)
class Slot:
    """One file the tab takes."""

    role: str  # export, profiles or map: the key of its words (dash_audit_<role>) and of its widget
    types: tuple[str, ...]  # the extensions the uploader accepts
    limit_mb: int  # the largest file it takes, in MB (the uploader's max_upload_size)
    stem: str  # the name of its temporary file, before the extension


SLOTS = (
    # 50 MB: a CSV of 200,000 mailboxes, or Web API JSON of 45,000; larger exports are the command line's.
    Slot("export", ("json", "csv", "xlsx"), 50, "mailboxes"),
    Slot("profiles", ("json", "csv", "xlsx"), 10, "profiles"),
    Slot("map", ("yaml", "yml"), 1, "map"),
)
SLOT = {slot.role: slot for slot in SLOTS}
#: Bytes in the MB of a limit. Streamlit's uploader counts 1024 × 1024 on Windows and 1000 × 1000
#: elsewhere; the check behind it takes the larger, so that no file a browser let through is refused.
MB = 1024 * 1024
#: The longest file name the tab shows back.
NAME_LENGTH = 80


@dataclass(frozen=True, slots=True)
class Upload:
    """A file as uploaded: its name as the person's browser gave it (made safe to show) and its bytes."""

    name: str
    data: bytes
    digest: str  # SHA-256 of data: with the name, what the audit is cached by

    @classmethod
    def of(cls, name: str, data: bytes) -> Upload:
        return cls(shown_name(name), data, hashlib.sha256(data).hexdigest())

    @property
    def suffix(self) -> str:
        """The extension its temporary file gets: the name's, when the uploader could have taken it.
        The readers tell the shape by the content, and note a name that says otherwise."""
        extension = os.path.splitext(self.name)[1].lower()
        return extension if extension[1:] in {e for slot in SLOTS for e in slot.types} else ""


def shown_name(name: str) -> str:
    """A file name from a browser as the page may show it: no folder, no control character, not too long."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return links.quote(base, NAME_LENGTH) or "?"


def size_text(size: int) -> str:
    """'9.8 KB', '24.3 MB': in thousands, as Streamlit's uploader says a file's size beside it on most systems."""
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.1f} KB"


# --- the files on disk, only while they are read ----------------------------------------------------


@contextmanager
def on_disk(uploads: Mapping[str, Upload]) -> Iterator[dict[str, str]]:
    """Each upload as a file of a private temporary folder (the readers take a path), by role; the
    folder and its files are deleted on leaving, whatever happened inside."""
    with tempfile.TemporaryDirectory(prefix="syncmatrix-audit-") as folder:  # mode 0700
        paths = {}
        for role, upload in uploads.items():
            path = os.path.join(folder, SLOT[role].stem + upload.suffix)
            with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
                out.write(upload.data)
            paths[role] = path
        yield paths


def _renamed(text: str, names: Mapping[str, str]) -> str:
    """`text` with each temporary path replaced by the name of the file it holds: a message names
    the file the person uploaded, never a path of the server."""
    for path, name in names.items():
        text = text.replace(path, name)
    return text


def _named_error(exc: InputError | KbError, names: Mapping[str, str]) -> InputError | KbError:
    if isinstance(exc, KbError):
        return KbError(
            replace(p, file=_renamed(p.file, names), message=_renamed(p.message, names)) for p in exc.problems
        )
    values = {k: _renamed(v, names) if isinstance(v, str) else v for k, v in exc.values.items()}
    return InputError(_renamed(str(exc), names), exc.key, values)


def _named_note(note: str, names: Mapping[str, str]) -> str:
    """A note of the reader naming the uploaded files; words of syncmatrix/present/words.py stay
    words, so that the page says them in its language."""
    if isinstance(note, Said):
        return Said(note.key, **{k: _renamed(v, names) if isinstance(v, str) else v for k, v in note.values})
    return _renamed(note, names)


def _named_map(email_map: EmailMap, name: str) -> EmailMap:
    """The map with each entry naming the uploaded file (the evidence says 'map.yaml:3')."""
    return EmailMap(
        **{
            section: {key: replace(entry, file=name) for key, entry in getattr(email_map, section).items()}
            for section in ("profiles", "hosts", "domains")
        }
    )


# --- the audit and what the page shows of it, kept in memory -----------------------------------------
# cache_resource, not cache_data: cache_data hands every caller an unpickled copy, and the copy of an
# audit of 100,000 mailboxes takes 3.4 s, on every click of the page (measured). An Audit and its
# Lines are frozen and nothing of the page changes them, so one shared object is safe. Both caches
# are bounded in entries and time, and live in the server's memory only (nothing is persisted).

Files = tuple[tuple[str, str, str], ...]  # (role, name, digest) of each file given, by role


@st.cache_resource(show_spinner=False, max_entries=AUDITS, ttl=AUDIT_SECONDS)
def audited(
    folder: str | None, day: datetime.date | None, files: Files, settings: Config, _uploads: Mapping[str, Upload]
) -> Audit:
    """The audit of the uploaded export on `day` (None: the page alone) with the organization's
    `settings`. `files` says what `_uploads` holds, and is what the cache compares; InputError for a
    file that is no export, KbError for a map that cannot be used, both naming the uploaded files."""
    kb = load_model(folder, day).kb
    with question() as limit:
        # The reading within the question's limit too (issue 20): the budget is looked at every
        # PROGRESS_EVERY rows the reader reads, and once at its end.
        reading = Budget("read_export", limit)
        with on_disk(_uploads) as paths:
            names = {path: _uploads[role].name for role, path in paths.items()}
            try:
                email_map = load_map(paths["map"], kb) if "map" in paths else None
                export = read_export(paths["export"], paths.get("profiles"), progress=lambda *_: reading.poll())
            except (InputError, KbError) as exc:
                raise _named_error(exc, names) from None
        if email_map is not None:
            email_map = _named_map(email_map, _uploads["map"].name)
        # What the reader said of the files names the uploaded ones too (a profiles file set aside).
        notes = tuple(_named_note(note, names) for note in export.notes)
        ignored = tuple(_named_note(note, names) for note in export.ignored)
        export = replace(export, path=_uploads["export"].name, notes=notes, ignored=ignored)
        return audit(kb, export, settings=dict(settings), email_map=email_map, limit=limit)


@dataclass(frozen=True, slots=True)
class Line:
    """A mailbox of the audit as the table shows it, in the page's language."""

    index: int  # its position in Audit.mailboxes
    row: int
    name: str
    email: str
    who: str  # the mailbox as people name it (present.report.who)
    kind: str  # its verdict when judged, its status otherwise: what the first filter chooses
    status: str  # said
    verdict: str  # said; '' unless judged
    rules: tuple[str, ...]  # the rules it breaks whatever the export leaves open
    titles: str  # their titles, said
    fix: str
    problems: str


@st.cache_resource(show_spinner=False, max_entries=2 * AUDITS, ttl=AUDIT_SECONDS)
def lines(
    folder: str | None,
    day: datetime.date | None,
    files: Files,
    settings: Config,
    lang: str,
    _uploads: Mapping[str, Upload],
) -> tuple[Line, ...]:
    """Every mailbox of the audit as a line of the table (nearest_fix_text costs 15 µs a row: once per language)."""
    result = audited(folder, day, files, settings, _uploads)
    fixes: dict[int, str] = {}  # rows alike share one tuple of changes (judge.py): say it once
    made = []
    for index, judged in enumerate(result.mailboxes):
        box = judged.mailbox
        if judged.fix is None:
            fix = nearest_fix_text(result.kb, judged, lang)  # '' or "no fix found": nothing to say twice
        else:
            if id(judged.fix) not in fixes:
                fixes[id(judged.fix)] = nearest_fix_text(result.kb, judged, lang)
            fix = fixes[id(judged.fix)]
        verdict = judged.verdict.value if judged.verdict is not None else ""
        made.append(
            Line(
                index,
                box.row,
                safe.line(box.name),  # as the terminal shows it: a lone surrogate, a bidi override, a line break
                safe.line(box.email),
                _named(judged),
                verdict or judged.status.value,
                t(f"audit_status_{judged.status.value}", lang),
                t(verdict, lang) if verdict else "",
                tuple(r.id for r in judged.violations),  # broken for certain (issue 21): what rule_counts counts
                "; ".join(rule_title(r.id, result.kb, lang) for r in judged.violations),
                safe.line(fix),
                safe.line("; ".join(say(p, lang) for p in judged.problems)),
            )
        )
    return tuple(made)


# --- callbacks ---------------------------------------------------------------------------------------


def _kept() -> dict[str, Upload]:
    kept: dict[str, Upload] = st.session_state.get("audit_files", {})
    return kept


@guarded
def on_upload(role: str) -> None:
    """Keep what the uploader holds now (a file, or nothing when the person removed it)."""
    kept = dict(_kept())
    given = st.session_state.get(f"audit_file:{role}")
    kept.pop(role, None)
    st.session_state.pop("audit_refused", None)
    if given is not None:
        data = given.getvalue()
        # The uploader refuses a larger file in the browser; a client that skips it meets this.
        if len(data) > SLOT[role].limit_mb * MB:
            st.session_state["audit_refused"] = (role, shown_name(given.name), len(data))
        else:
            kept[role] = Upload.of(given.name, data)
    st.session_state["audit_files"] = kept


@guarded
def on_remove(role: str) -> None:
    kept = dict(_kept())
    kept.pop(role, None)
    st.session_state["audit_files"] = kept


@guarded
def on_row(key: str, shown: tuple[int | None, ...]) -> None:
    """A row chosen in the table chooses its mailbox for Explore, when it is a judged one (`shown`:
    the position in the audit of each row of the table, None for one that is not judged)."""
    rows = st.session_state[key].selection.rows
    if rows and rows[0] < len(shown) and shown[rows[0]] is not None:
        st.session_state["kept:audit_pick"] = shown[rows[0]]


@guarded
def on_open(order: Sequence[str], config: Config, lang: str) -> None:
    """The mailbox's configuration in Explore (one step for undo), and Explore open."""
    set_explore(replace_config(order, current_explore(), dict(config)))
    st.session_state[f"tabs:{lang}"] = t("tab_explore", lang)
    st.session_state["tab_index"] = 0


# --- the tab -----------------------------------------------------------------------------------------


def audit_tab(model: SupportModel, lang: str) -> None:
    kb = model.kb
    st.caption(t("dash_audit_intro", lang))
    uploads = upload_inputs(lang)
    settings = settings_inputs(kb, lang)
    if "export" not in uploads:
        st.info(t("dash_audit_waiting", lang))
        return
    files: Files = tuple((role, u.name, u.digest) for role, u in sorted(uploads.items()))
    given: Config = tuple(settings.items())
    try:
        with st.spinner(t("dash_audit_working", lang)):
            result = audited(kb_dir(), kb.day, files, given, uploads)
            shown = lines(kb_dir(), kb.day, files, given, lang, uploads)
    except InputError as exc:
        said = message(exc.key, lang, exc.values) if exc.key else str(exc)
        st.error(links.escape_markdown(said))
        return
    except SearchLimitExceeded as exc:
        if exc.question != "read_export":
            raise  # a check or a fix too hard: the page says so (page.too_hard)
        name = links.escape_markdown(uploads["export"].name)
        st.error(t("dash_audit_too_slow", lang, name=name, seconds=exc.limit.seconds))
        return
    except KbError as exc:
        name = links.escape_markdown(uploads["map"].name if "map" in uploads else "")  # only a map raises it
        st.error(t("dash_audit_bad_map", lang, name=name, n=len(exc.problems)))
        st.code("\n".join(str(p) for p in exc.problems), language=None)
        return
    summary_section(result, uploads["export"], lang)
    questions_section(result, lang)
    organization_section(result, lang)
    reports_section(result, lang)
    groups_section(result, lang)
    mailboxes_section(model, result, shown, lang)


def upload_inputs(lang: str) -> dict[str, Upload]:
    """The three uploaders, the export first and wide; the files given, by role."""
    upload_input(SLOT["export"], lang)
    for slot, column in zip(SLOTS[1:], st.columns(2), strict=True):
        with column:
            upload_input(slot, lang)
    refused = st.session_state.get("audit_refused")
    if refused:
        role, name, size = refused
        limit = SLOT[role].limit_mb
        st.error(t("dash_audit_too_big", lang, name=links.escape_markdown(name), size=size_text(size), limit=limit))
    st.caption(t("dash_audit_limits", lang, **{slot.role: slot.limit_mb for slot in SLOTS}))
    return dict(_kept())


def upload_input(slot: Slot, lang: str) -> None:
    key = f"audit_file:{slot.role}"
    current = st.file_uploader(
        t(f"dash_audit_{slot.role}", lang),
        type=list(slot.types),
        key=key,
        on_change=on_upload,
        args=(slot.role,),
        help=t(f"dash_audit_{slot.role}_help", lang),
        max_upload_size=slot.limit_mb,
    )
    kept = _kept().get(slot.role)
    if current is None and kept is not None:
        # The uploader was forgotten while another tab was open: the file is still the one in use.
        with st.container(horizontal=True, vertical_alignment="center", key=f"audit_kept:{slot.role}"):
            name = links.escape_markdown(kept.name)
            st.caption(
                f":material/description: {t('dash_audit_kept', lang, name=name, size=size_text(len(kept.data)))}"
            )
            st.button(
                t("dash_audit_remove", lang),
                key=f"audit_remove:{slot.role}",
                on_click=on_remove,
                args=(slot.role,),
                icon=":material/close:",
                type="tertiary",
            )


def settings_inputs(kb: KnowledgeBase, lang: str) -> dict[str, Value]:
    """The organization's settings as selects (open, yes, no), read as `syncmatrix audit --org` reads them."""
    names = [name for name in ORG_SETTINGS if kb.has_variable(name)]
    for name in names:
        restore(f"audit_org:{name}", None)
    chosen = {name: st.session_state[f"audit_org:{name}"] for name in names}
    chosen = {name: value for name, value in chosen.items() if value is not None}
    with st.expander(t("dash_audit_settings", lang, n=len(chosen), total=len(names)), icon=":material/domain:"):
        st.caption(t("dash_audit_settings_help", lang))
        columns = st.columns(2)
        for number, name in enumerate(names):
            variable = kb.variable(name)
            options: tuple[Value | None, ...] = (
                (None, True, False) if variable.type is VariableType.BOOL else (None, *variable.domain)
            )

            def shown(v: Value | None, n: str = name) -> str:
                return t("open", lang) if v is None else value_label(kb, n, v, lang)

            with columns[number % 2]:
                st.selectbox(
                    variable.label.get(lang),
                    options,
                    format_func=shown,
                    key=f"audit_org:{name}",
                    on_change=keep,
                    args=(f"audit_org:{name}",),
                    help=variable.description.get(lang),
                )
    return parse_settings(kb, [f"{name}={format_value(value)}" for name, value in chosen.items()])


VERDICTS = (Verdict.SUPPORTED, Verdict.SUPPORTED_WITH_WARNINGS, Verdict.UNSUPPORTED)
JUDGED = frozenset(v.value for v in VERDICTS)  # the kinds of a line that has a configuration to open
NOT_JUDGED = (Status.INACTIVE, Status.NOT_SYNCHRONIZED, Status.UNREADABLE)
#: Colours of the charts, as the HTML report draws them; every bar also has its figure written above it.
COLOURS = {
    Verdict.SUPPORTED.value: "#2e7d32",
    Verdict.SUPPORTED_WITH_WARNINGS.value: "#b26a00",
    Verdict.UNSUPPORTED.value: "#c62828",
    "other": "#757575",
}


def summary_section(result: Audit, export: Upload, lang: str) -> None:
    counts = summary(result)
    name = links.escape_markdown(export.name)
    with st.container(horizontal=True, vertical_alignment="center", key="audit_export"):
        # The day beside the file: the badge above the tabs is out of sight once the page is scrolled.
        said = t(
            "audit_of_one" if counts["mailboxes"] == 1 else "audit_of",
            lang,
            path=name,
            shape=result.export.shape.value,
            n=counts["mailboxes"],
        )
        st.markdown(f"**{said}**")
        day_badge(result.kb, lang)
    for said in result.export.ignored:  # a file given and not needed: set aside, said, and the audit goes on
        st.warning(links.escape_markdown(said.say(lang) if isinstance(said, Said) else said))
    if result.export.notes:
        with st.expander(t("dash_audit_notes", lang)):
            st.markdown("\n".join(f"- {links.escape_markdown(note)}" for note in result.export.notes))
    not_judged = sum(counts[s.value] for s in NOT_JUDGED)
    figures = [
        (t("audit_sum_mailboxes", lang), counts["mailboxes"]),
        (t("audit_sum_judged", lang), counts["judged"]),
        *((t(f"audit_sum_{v.value}", lang), counts[v.value]) for v in VERDICTS),
        (t("dash_audit_depends", lang), counts["depends"]),
        (t("dash_audit_not_judged", lang), not_judged),
    ]
    with st.container(horizontal=True, key="audit_figures"):
        for label, value in figures:
            st.metric(label, value, border=True, width="content")
    st.caption(
        t("audit_not_judged_line", lang, i=counts["inactive"], n=counts["not_synchronized"], r=counts["unreadable"])
    )
    verdicts = [(t(v.value, lang), counts[v.value], COLOURS[v.value]) for v in VERDICTS]
    verdicts += [(t(f"audit_status_{s.value}", lang), counts[s.value], COLOURS["other"]) for s in NOT_JUDGED]
    colour = {"error": COLOURS[Verdict.UNSUPPORTED.value], "warning": COLOURS[Verdict.SUPPORTED_WITH_WARNINGS.value]}
    rules = [
        (rule_title(rule_id, result.kb, lang), n, colour[result.kb.rule(rule_id).severity.value])
        for rule_id, n in rule_counts(result)
    ]
    left, right = st.columns(2, gap="large")
    with left:
        bar_chart(verdicts, t("audit_chart_verdicts", lang), lang)
    with right:
        if rules:
            bar_chart(rules, t("audit_chart_rules", lang), lang)
        else:
            st.markdown(f"**{t('audit_chart_rules', lang)}**")
            st.caption(t("dash_audit_no_rules", lang))


def rule_title(rule_id: str, kb: KnowledgeBase, lang: str) -> str:
    """A rule as the administrator reads it: its title (its id only when it has none)."""
    rule = kb.rule(rule_id)
    return rule.title.get(lang) if rule.title else rule_id


def questions_section(result: Audit, lang: str) -> None:
    """Above the results: what the export does not say that would change answers, the one that
    settles most first, and a starter map to download when the email system is among them."""
    if not question_counts(result):
        return
    with st.container(border=True, key="audit_questions"):
        st.markdown(f"**{t('dash_audit_questions', lang)}**")
        st.markdown("\n".join(f"- {links.escape_markdown(q)}" for q in question_lines(result, lang)))
        starter = starter_map(result, lang)
        if starter:
            st.caption(t("dash_audit_starter_help", lang))
            st.download_button(
                t("dash_audit_starter", lang),
                starter.encode(),
                file_name="map.yaml",
                mime="application/yaml",
                key="audit_starter",
                on_click="ignore",
                icon=":material/download:",
            )


#: Mailboxes a group of the page names at most; the reports name every one.
GROUP_ROWS = 50


def groups_section(result: Audit, lang: str) -> None:
    """The mailboxes grouped by why, with what the rules say, their remedies and the nearest fix, as
    the HTML report has them: what an administrator acts on, readable at any width."""
    groups = groups_said(result, lang)
    errors = [g for g in groups if g.severity == "error"]
    warned = [g for g in groups if g.severity == "warning"]
    st.subheader(t("audit_needs_action_title", lang))
    if not errors:
        st.success(t("audit_nothing_unsupported", lang))
    for number, group in enumerate(errors):
        _group(group, f"audit_group:{number}", lang)
    if warned:
        st.subheader(t("dash_audit_warned", lang))
        for number, group in enumerate(warned):
            _group(group, f"audit_warned:{number}", lang)


def _group(group: GroupSaid, key: str, lang: str) -> None:
    icon = ":material/error:" if group.severity == "error" else ":material/warning:"
    with st.expander(links.escape_markdown(group.title), icon=icon, key=key):
        said = [links.escape_markdown(group.intro)] if group.intro else []
        said += [f"- **{links.escape_markdown(title)}**: {links.escape_markdown(text)}" for title, text in group.rules]
        said += [f"**{t('remedy', lang)}:** {links.escape_markdown(remedy)}" for remedy in group.remedies]
        st.markdown("\n\n".join(said))
        for fix, rows in group.by_fix:
            if fix:
                st.markdown(f"**{t('audit_fix', lang)}:** {links.escape_markdown(fix)}")
            named = [
                f"- {links.escape_markdown(t('dash_audit_who', lang, row=j.mailbox.row, who=_named(j)))}"
                for j in rows[:GROUP_ROWS]
            ]
            if len(rows) > GROUP_ROWS:
                named.append(f"- {t('dash_audit_more', lang, n=len(rows) - GROUP_ROWS)}")
            st.markdown("\n".join(named))


def _named(judged: Judged) -> str:
    """A mailbox as people name it (present.report.who), its words as the terminal shows them."""
    box = judged.mailbox
    return who(safe.line(box.name), safe.line(box.email), safe.line(box.id))


class _Bar(TypedDict):
    """A bar of bar_chart's data: its label, figure, colour and what it says (label: figure)."""

    label: str
    n: int
    colour: str
    said: str


def bar_chart(items: Sequence[tuple[str, int, str]], title: str, lang: str) -> None:
    """Horizontal bars in the given colours and order, each with its label and figure written above it
    (never colour alone). Above, not beside: a label as long as 'not synchronized by server-side
    synchronization' beside its bar leaves a phone no room for the bar."""
    st.markdown(f"**{title}**")
    spec = {
        "height": {"step": 40},
        "encoding": {
            "y": {
                "field": "label",
                "type": "nominal",
                "sort": None,
                "axis": None,
                "scale": {"paddingInner": 0.5, "paddingOuter": 0.4},
            },
        },
        "layer": [
            {
                "mark": {"type": "bar", "cornerRadiusEnd": 2},
                "encoding": {
                    "x": {
                        "field": "n",
                        "type": "quantitative",
                        "title": t("audit_count", lang),
                        "axis": {"tickMinStep": 1},
                    },
                    "color": {"field": "colour", "type": "nominal", "scale": None},
                },
            },
            {
                "mark": {"type": "text", "align": "left", "baseline": "bottom", "dy": -11, "fontSize": 13},
                "encoding": {"x": {"datum": 0}, "text": {"field": "said"}},
            },
        ],
    }
    data: list[_Bar] = [
        {"label": label, "n": n, "colour": colour, "said": f"{label}: {n}"} for label, n, colour in items
    ]
    said = "; ".join(row["said"] for row in data)
    st.vega_lite_chart(data, spec, width="stretch", alt=t("dash_audit_chart_alt", lang, title=title, items=said))


def organization_section(result: Audit, lang: str) -> None:
    kb = result.kb
    st.subheader(t("dash_audit_org", lang))
    said = []
    for name, value in result.facts.items():
        rows = result.fact_rows.get(name, ())
        listed = ", ".join(str(r) for r in rows[:10]) + (" …" if len(rows) > 10 else "")
        said.append(
            t(
                "dash_audit_fact",
                lang,
                label=kb.variable(name).label.get(lang),
                value=value_label(kb, name, value, lang),
                rows=t("audit_rows", lang, rows=listed) if rows else "",
            ).replace(" ()", "")
        )
    if result.settings:
        given = ", ".join(_setting(kb, name, (value,), lang) for name, value in result.settings.items())
        said.append(t("dash_audit_given", lang, settings=given))
    else:
        said.append(t("dash_audit_none_given", lang))
    assumed = assumed_settings(result)
    if assumed:
        shown = ", ".join(_setting(kb, name, values, lang) for name, values in assumed.items())
        said.append(t("dash_audit_assumed", lang, settings=shown))
    st.markdown("\n".join(f"- {line}" for line in said))


def _setting(kb: KnowledgeBase, name: str, values: Sequence[Value], lang: str) -> str:
    """'**Multi-factor authentication** = No'."""
    shown = " / ".join(value_label(kb, name, v, lang) for v in values)
    return f"**{kb.variable(name).label.get(lang)}** = {shown}"


FORMATS = (("json", "application/json"), ("csv", "text/csv"), ("markdown", "text/markdown"), ("html", "text/html"))
EXTENSIONS = {"json": "json", "csv": "csv", "markdown": "md", "html": "html"}


def report_name(kb: KnowledgeBase, fmt: str) -> str:
    """'audit-2026-11-29.json', or 'audit-page.json' for the page alone."""
    return f"audit-{kb.day.isoformat() if kb.day else 'page'}.{EXTENSIONS[fmt]}"


def reports_section(result: Audit, lang: str) -> None:
    st.caption(t("dash_audit_reports", lang))
    with st.container(horizontal=True, key="audit_reports"):
        for fmt, mime in FORMATS:
            st.download_button(
                t(f"download_{fmt}", lang),
                # Written when clicked (on a thread of its own): the JSON of 100,000 mailboxes takes 15 s,
                # which no click of the page should pay for a report nobody asked for.
                partial(report_bytes, result, fmt, lang),
                file_name=report_name(result.kb, fmt),
                mime=mime,
                key=f"audit_download:{fmt}",
                on_click="ignore",
                icon=":material/download:",
            )


def report_bytes(result: Audit, fmt: str, lang: str) -> bytes:
    """A report as the dashboard offers it: its sources linked to the repository, a CSV with the
    byte-order mark Excel needs (safe.EXCEL_BOM)."""
    data = render_bytes(result, fmt, lang, web)
    return safe.EXCEL_BOM.encode() + data if fmt == "csv" else data


def mailboxes_section(model: SupportModel, result: Audit, every: Sequence[Line], lang: str) -> None:
    st.subheader(t("audit_all_mailboxes", lang))
    kinds = [v.value for v in VERDICTS] + [s.value for s in NOT_JUDGED]
    counted = {kind: sum(1 for line in every if line.kind == kind) for kind in kinds}
    rule_ids = {rule_id: n for rule_id, n in rule_counts(result)}
    left, right = st.columns(2)
    with left:
        restore("audit_kinds", [])
        st.session_state["audit_kinds"] = [k for k in st.session_state["audit_kinds"] if counted.get(k)]
        chosen_kinds = st.multiselect(
            t("dash_audit_filter_status", lang),
            [kind for kind in kinds if counted[kind]],
            format_func=lambda k: f"{t(k if k in JUDGED else f'audit_status_{k}', lang)} ({counted[k]})",
            key="audit_kinds",
            on_change=keep,
            args=("audit_kinds",),
            placeholder=t("dash_audit_all", lang),
        )
    with right:
        restore("audit_rules", [])
        st.session_state["audit_rules"] = [r for r in st.session_state["audit_rules"] if r in rule_ids]
        chosen_rules = st.multiselect(
            t("dash_audit_filter_rule", lang),
            list(rule_ids),
            format_func=lambda r: f"{rule_title(r, result.kb, lang)} ({rule_ids[r]})",
            key="audit_rules",
            on_change=keep,
            args=("audit_rules",),
            placeholder=t("dash_audit_all", lang),
        )
    matching = [
        line
        for line in every
        if (not chosen_kinds or line.kind in chosen_kinds) and (not chosen_rules or set(line.rules) & set(chosen_rules))
    ]
    if not matching:
        st.info(t("dash_audit_none_shown", lang))
        return
    listed = matching[:TABLE_ROWS]
    st.caption(
        t("dash_audit_shown_one" if len(every) == 1 else "dash_audit_shown", lang, n=len(listed), total=len(every))
    )
    if len(matching) > TABLE_ROWS:
        st.warning(t("dash_audit_first", lang, limit=TABLE_ROWS, n=len(matching)))
    columns = [c for c in TABLE_COLUMNS if c != "problems" or any(line.problems for line in listed)]
    table = {_column(c, lang): [_cell(line, c) for line in listed] for c in columns}
    key = f"audit_table:{lang}"
    # Streamlit's own download of the table (its toolbar's) writes the cells raw: a name typed
    # '=HYPERLINK(…)' runs in a spreadsheet. Hidden on this table alone, by CSS, since the one
    # setting that hides it (client.disableDataExport) hides it in every table of the page; the
    # table's CSV is the button below, through safe.csv_text.
    st.html(
        f"<style>.st-key-{_css_key(key)} [data-testid=stElementToolbar] "
        'button[aria-label^="Download as CSV"] { display: none !important; }</style>'
    )
    # Widths in pixels that add up to the 920 px the page leaves a table beside the sidebar at 1,400
    # px (issue 21), the problems past them only when some row has one; the row and the verdict
    # pinned, so that a phone scrolling the table sideways keeps them in sight.
    widths = {"row": 50, "verdict": 140, "mailbox": 220, "fix": 300, "violations": 210, "problems": 200}
    pinned = {"row", "verdict"}
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            _column(c, lang): st.column_config.Column(width=w, pinned=c in pinned)
            for c, w in widths.items()
            if c in columns
        },
        key=key,
        on_select=partial(on_row, key, tuple(line.index if line.kind in JUDGED else None for line in listed)),
        selection_mode="single-row",
    )
    st.download_button(
        t("dash_audit_table_download", lang),
        # Written when clicked, like the reports: every mailbox the filters choose, not only those listed.
        partial(table_csv, tuple(matching), lang),
        file_name=f"audit-table-{result.kb.day.isoformat() if result.kb.day else 'page'}.csv",
        mime="text/csv",
        key="audit_table_download",
        on_click="ignore",
        icon=":material/download:",
        help=t("dash_audit_table_download_help", lang),
    )
    open_section(model, result, [line for line in listed if line.kind in JUDGED], lang)


def _heading(text: str) -> str:
    return text[:1].upper() + text[1:]


#: The columns of the table of mailboxes, shown and downloaded: its verdict (its status when not
#: judged) and its fix beside who it is, the rules by their titles.
TABLE_COLUMNS = ("row", "verdict", "mailbox", "fix", "violations", "problems")
_COLUMN_WORDS = {"mailbox": "audit_mailbox", "verdict": "dash_audit_col_verdict"}


def _column(column: str, lang: str) -> str:
    return _heading(t(_COLUMN_WORDS.get(column, f"audit_col_{column}"), lang))


def _cell(line: Line, column: str) -> object:
    if column == "violations":
        return line.titles
    if column == "verdict":
        return line.verdict or line.status
    if column == "mailbox":
        return line.who
    return getattr(line, column)


def table_csv(every: Sequence[Line], lang: str) -> bytes:
    """The table of mailboxes as a CSV file a spreadsheet opens safely (present.safe.csv_text: no
    cell a formula, none breaking a row), in UTF-8 with a byte-order mark, which Excel needs to
    read it as UTF-8 rather than the system's code page."""
    header = [_column(c, lang) for c in TABLE_COLUMNS]
    rows = ([_cell(line, c) for c in TABLE_COLUMNS] for line in every)
    return (safe.EXCEL_BOM + safe.csv_text([header, *rows])).encode()


def _css_key(key: str) -> str:
    """The class Streamlit gives an element of `key`, after 'st-key-': what is not a letter, a
    digit, '_' or '-' becomes '-' (as its front end does)."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "_-") else "-" for c in key.strip())


def open_section(model: SupportModel, result: Audit, judged: Sequence[Line], lang: str) -> None:
    """The choice of a judged mailbox, what the export shows of it and where from, and its Open in Explore."""
    if not judged:
        st.info(t("dash_audit_no_pick", lang))
        return
    kb = result.kb
    offered = [line.index for line in judged]
    kept = st.session_state.get("kept:audit_pick")
    st.session_state["audit_pick"] = kept if kept in offered else offered[0]
    said = {line.index: t("dash_audit_who", lang, row=line.row, who=line.who) for line in judged}
    index = st.selectbox(
        t("dash_audit_pick", lang),
        offered,
        format_func=said.__getitem__,
        key="audit_pick",
        on_change=keep,
        args=("audit_pick",),
        help=t("dash_audit_pick_help", lang),
    )
    chosen: Judged = result.mailboxes[index]
    line = next(line for line in judged if line.index == index)
    with st.container(border=True, key="audit_chosen"):
        colour = {"supported": "green", "supported_with_warnings": "orange"}.get(line.kind, "red")
        rules = f" · {links.escape_markdown(line.titles)}" if line.rules else ""
        # Its name without its address, which the choice above shows: Markdown would make it a mailto link.
        title = t("dash_audit_who", lang, row=line.row, who=line.name or line.email or "—")
        st.markdown(f"**{links.escape_markdown(title)}** · :{colour}[**{line.verdict}**]{rules}")
        if line.fix:
            st.markdown(f"**{t('audit_fix', lang)}:** {links.escape_markdown(line.fix)}")
        with st.expander(t("dash_audit_evidence", lang)):
            evidence = [
                f"- **{kb.variable(name).label.get(lang)}** = {value_label(kb, name, value, lang)}: "
                f"{links.escape_markdown(say(chosen.evidence.get(name, ''), lang))}"
                for name, value in chosen.config.items()
                if kb.has_variable(name)
            ]
            st.markdown("\n".join(evidence))
            if chosen.open:
                names = ", ".join(kb.variable(n).label.get(lang) for n in chosen.open if kb.has_variable(n))
                st.caption(t("dash_audit_left_open", lang, names=names))
        st.button(
            t("dash_audit_open", lang),
            key="audit_open",
            on_click=on_open,
            args=(model.order, tuple(chosen.config.items()), lang),
            help=t("dash_audit_open_help", lang),
            icon=":material/open_in_new:",
            type="primary",
        )
