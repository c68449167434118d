"""From a mailbox of an export to a configuration of the vocabulary, on evidence only
(sources/MAILBOX-EXPORTS.md §4): what the export decides is given, the rest stays open.

`status` says whether a row is judged at all; `organization_facts` reads what the export says of the
organization as a whole; `configuration` maps one row, with where each value comes from; the
organization's settings come from `--org` words (`parse_settings`) and the email systems the export
cannot show from a map file (`load_map`).

The map file (`--map FILE`) is YAML, read by the project's safe located loader:

    email_system:
      profiles:                          # an email server profile's Name, as Dynamics shows it
        "Contoso Exchange 2019": exchange_2019
      hosts:                             # a host of a profile's incoming server location
        mail.contoso.com: exchange_2016
      domains:                           # the domain of a mailbox's Email Address
        fabrikam.com: exchange_online

Every section is optional. Values are values of `email_system` in the knowledge base's vocabulary.
Names, hosts and domains match without regard to case; a host may be written as a URL (its host is
taken), a domain with a leading '@'; hosts and domains match exactly (no wildcard: a map says what
the administrator knows of one server). Within the map a profile decides before a host, and a host
before a domain: the profile is the server the mailbox is reached through, the domain only its
address. A profile named in the map that the export does not hold is no problem (a map may serve
several exports). Every problem of the file is reported at once with its file and line, as a
MapError (a KbError headed "the map file is not valid"; exit 2 on the command line).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from syncmatrix.audit.model import MailboxRow, Status
from syncmatrix.audit.model import Problem as RowProblem
from syncmatrix.kb.config import parse_assignments
from syncmatrix.kb.errors import KbError, Problem, closest, input_error, one_of
from syncmatrix.kb.located import LMap, clip, load_file, readable
from syncmatrix.kb.model import KnowledgeBase, Text, Value, format_value
from syncmatrix.words import Said as Said  # the audit says its words as Said: re-exported for its faces

# --- Dynamics' own words (MAILBOX-EXPORTS.md §2, §3): field labels and option labels ----------------

STATUS = "Status"
INCOMING = "Incoming Email"
OUTGOING = "Outgoing Email"
ACT = "Appointments, Contacts, and Tasks"
SERVER_PROFILE = "Server Profile"

STATE_LABELS = {0: "Active", 1: "Inactive"}
INCOMING_LABELS = {
    0: "None",
    1: "Microsoft Dynamics 365 for Outlook",
    2: "Server-Side Synchronization or Email Router",
    3: "Forward Mailbox",
}
OUTGOING_LABELS = {0: "None", 1: "Microsoft Dynamics 365 for Outlook", 2: "Server-Side Synchronization or Email Router"}
ACT_LABELS = {0: "Microsoft Dynamics 365 for Outlook", 1: "Server-Side Synchronization", 2: "None"}
SERVER_TYPE_LABELS = {
    0: "Exchange Server",
    1: "Other (POP3/SMTP)",
    2: "Exchange Server (Hybrid)",
    3: "Exchange Online (Hybrid)",
    4: "IMAP/SMTP",
}
SERVER_SYNC = 2  # incoming and outgoing email: Server-Side Synchronization or Email Router
ACT_SERVER_SYNC = 1  # appointments, contacts and tasks: Server-Side Synchronization
ACT_OUTLOOK = 0  # appointments, contacts and tasks: Microsoft Dynamics 365 for Outlook
INACTIVE = 1

#: server_profile from the profile's servertype (§4).
PROFILE_OF_TYPE: dict[int, str] = {
    0: "exchange_server",
    1: "pop3_smtp",
    2: "exchange_server_hybrid",
    3: "exchange_online",
    4: "imap_smtp",
}
EXCHANGE_ONLINE_TYPE = 3

#: The organization's settings, given with --org; everything else is the mailbox's or the export's.
ORG_SETTINGS = ("fips", "mfa", "outlook_on_the_web", "manual_tracking", "mass_email_campaigns", "custom_email_provider")
ORG_FACT = "outlook_sync_act_in_org"

#: email_system from the address's domain (§4, step 3).
DOMAINS = {
    "gmail.com": "gmail",
    "googlemail.com": "gmail",
    "yahoo.com": "yahoo_mail",
    "ymail.com": "yahoo_mail",
    "outlook.com": "outlook_com",
    "hotmail.com": "outlook_com",
    "live.com": "outlook_com",
    "msn.com": "msn",
}


def system_of_host(host: str) -> str | None:
    """email_system from the host of a profile's incoming server location (§4, step 2):
    `*.gmail.com`, `*.googlemail.com` → gmail; `*.yahoo.com`, `*.yahoo.co.*` → yahoo_mail.

    A `*` is at least one label: `gmail.com` itself is no server's host, and `*.yahoo.co.*` ends
    with one label (the country's), so `yahoo.co.jp.example.net` is not Yahoo's.
    """
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2:] in (["gmail", "com"], ["googlemail", "com"]):
        return "gmail"
    if len(labels) >= 3 and labels[-2:] == ["yahoo", "com"]:
        return "yahoo_mail"
    if len(labels) >= 4 and labels[-3:-1] == ["yahoo", "co"] and labels[-1]:
        return "yahoo_mail"
    return None


_HOST = re.compile(r"[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*")


def host_of(location: str) -> str:
    """The host of a server location written as a URL (`https://mail.contoso.com/EWS/Exchange.asmx`)
    or a bare host (`imap.gmail.com:993`), lower case; '' when it names none."""
    text = location.strip()
    if not text:
        return ""
    try:
        host = urlsplit(text if "://" in text else "//" + text).hostname or ""
    except ValueError:  # an unbalanced '[' of an IPv6 address
        return ""
    host = host.rstrip(".")
    return host if _HOST.fullmatch(host) else ""


def domain_of(address: str) -> str:
    """The domain of an email address, lower case; '' when it has none."""
    local, at, domain = address.strip().rpartition("@")
    return _domain(domain) if at and local else ""


@functools.lru_cache(maxsize=4096)
def _domain(written: str) -> str:
    # Cached: an organization's 100,000 addresses share a handful of domains.
    domain = written.strip().rstrip(".").lower()
    return domain if _HOST.fullmatch(domain) else ""


# --- words that remember their key ------------------------------------------------------------------


def _did_you_mean(word: str, choices: Iterable[str]) -> Said | str:
    """A "did you mean" after a message, when a choice is close to `word`; '' otherwise."""
    close = closest(word, choices)
    return Said("did_you_mean", word=close) if close else ""


# --- the status of a row ------------------------------------------------------------------------------

# Columns as the files name them, logical or display name, compared without case, spaces or punctuation.
_COLUMNS = {
    "state": ("statecode", "status"),
    "incoming": ("incomingemaildeliverymethod", "incomingemail"),
    "outgoing": ("outgoingemaildeliverymethod", "outgoingemail"),
    "act": ("actdeliverymethod", "appointmentscontactsandtasks"),
}
_LABELS = {"state": STATE_LABELS, "incoming": INCOMING_LABELS, "outgoing": OUTGOING_LABELS, "act": ACT_LABELS}
_FIELDS = {"state": STATUS, "incoming": INCOMING, "outgoing": OUTGOING, "act": ACT}


def _squeeze(column: str) -> str:
    return "".join(c for c in column.casefold() if c.isalnum())


def _unreadable(mailbox: MailboxRow, name: str) -> list[Said]:
    """Why the field `name` of the row cannot be used: the reader's problems on its column, or an
    option number that is not one of Dynamics' (a reader that let one through)."""
    value = getattr(mailbox, name)
    labels = _LABELS[name]
    if not mailbox.problems and (value is None or value in labels):
        return []  # the common case, for every row of a large export: nothing to look at
    columns = _COLUMNS[name]
    found = [
        reader_problem(p)
        for p in mailbox.problems
        if not p.column or _squeeze(p.column) in columns  # no column: the whole row (an empty one)
    ]
    if not found and value is not None and value not in labels:
        choices = one_of(f"{n}: {label}" for n, label in labels.items())
        found.append(Said("audit_pb_option", field=_FIELDS[name], number=value, choices=choices))
    return found


def reader_problem(problem: RowProblem) -> Said:
    """A problem the reader found in a row, as the audit says it: 'Incoming Email: …', or the reason
    alone for the whole row."""
    if not problem.column:
        return Said("audit_pb_row", reason=problem.reason)
    return Said("audit_pb_column", column=problem.column, reason=problem.reason)


def _active(mailbox: MailboxRow) -> bool | None:
    """Whether the row is of an active mailbox; None when the export cannot say (unreadable status).

    A status the export does not give at all (no problem, no value) is taken as active: views of
    mailboxes that leave out the Status column are Dynamics' "Active Mailboxes" and its kin, and an
    inactive mailbox judged by mistake is said with its status missing (`status`), while an active
    one left out would be silently missing from the audit.
    """
    if _unreadable(mailbox, "state"):
        return None
    return mailbox.state != INACTIVE


# The values a field may hold in a row that needs no closer look (None: not given, no problem).
_STATES, _INCOMING, _OUTGOING, _ACTS = ({None, *labels} for labels in _LABELS.values())
_STATE_MISSING = (Said("audit_pb_state_missing"),)
_NOTHING_GIVEN = (Said("audit_pb_nothing_given"),)


def status(mailbox: MailboxRow) -> tuple[Status, tuple[Said, ...]]:
    """What the audit does with a row (CONTRACT.md §5 `status`), with the problems that say why.

    Unreadable when its status cannot be read (an inactive mailbox must not be judged) or, for an
    active one, any of the fields the configuration needs; inactive (statecode 1) before its other
    fields are looked at; not synchronized when email and appointments, contacts and tasks are all
    something other than server-side synchronization; judged otherwise. A problem that names no
    column is of the whole row (an empty row, cells under the wrong columns): unreadable. A status
    that is not given is taken as active, and said (`_active`); a field that is not given (an empty
    cell) leaves what it decides open, but a row that gives none of the three has nothing to judge.
    """
    clean = (
        not mailbox.problems
        and mailbox.state in _STATES
        and mailbox.incoming in _INCOMING
        and mailbox.outgoing in _OUTGOING
        and mailbox.act in _ACTS
    )  # the common case, for every row of a large export: nothing unreadable to look for
    if not clean:
        state = _unreadable(mailbox, "state")
        if state:
            return Status.UNREADABLE, tuple(state)
    if mailbox.state == INACTIVE:
        return Status.INACTIVE, ()
    if not clean:
        broken = [p for name in ("incoming", "outgoing", "act") for p in _unreadable(mailbox, name)]
        if broken:
            return Status.UNREADABLE, tuple(dict.fromkeys(broken))  # a whole-row problem once
    if mailbox.incoming is None and mailbox.outgoing is None and mailbox.act is None:
        return Status.UNREADABLE, _NOTHING_GIVEN
    notes = _STATE_MISSING if mailbox.state is None else ()
    if _email_sync(mailbox) is False and _act_sync(mailbox) is False:
        return Status.NOT_SYNCHRONIZED, notes
    return Status.JUDGED, notes


def _email_sync(mailbox: MailboxRow) -> bool | None:
    """True when incoming or outgoing email uses server-side synchronization, False when both are
    known and neither does, None when the export leaves it undecided."""
    if SERVER_SYNC in (mailbox.incoming, mailbox.outgoing):
        return True
    if mailbox.incoming is None or mailbox.outgoing is None:
        return None
    return False


def _act_sync(mailbox: MailboxRow) -> bool | None:
    return None if mailbox.act is None else mailbox.act == ACT_SERVER_SYNC


# --- the organization ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Facts:
    """What the export shows of the organization as a whole (§4 `outlook_sync_act_in_org`)."""

    values: Mapping[str, Value]  # fact -> value; a fact the export cannot settle is left out (open)
    rows: Mapping[str, tuple[int, ...]]  # fact -> the rows that make it so (for a true one)


def organization_facts(mailboxes: Iterable[MailboxRow]) -> Facts:
    """`outlook_sync_act_in_org`: true when some active mailbox synchronizes appointments, contacts
    and tasks through Outlook (actdeliverymethod 0), false when no mailbox that may be active does.

    Evidence only: when none is known to, but a mailbox that may be active has an appointments
    field that cannot be read (or a status that cannot), the fact stays open.
    """
    rows: list[int] = []
    unknown = False
    active: bool | None
    for mailbox in mailboxes:
        if not mailbox.problems and mailbox.state in _STATES and mailbox.act in _ACTS:
            active, act = mailbox.state != INACTIVE, mailbox.act  # nothing unreadable: _active's answer
        else:
            active = _active(mailbox)
            act = None if _unreadable(mailbox, "act") else mailbox.act
        if active is False:
            continue
        if act == ACT_OUTLOOK and active:
            rows.append(mailbox.row)
        elif act is None or act == ACT_OUTLOOK:
            unknown = True
    if rows:
        return Facts({ORG_FACT: True}, {ORG_FACT: tuple(rows)})
    return Facts({} if unknown else {ORG_FACT: False}, {})


def parse_settings(kb: KnowledgeBase, words: Iterable[str]) -> dict[str, Value]:
    """The organization's settings from `--org VAR=VALUE` words (kb.parse_assignments); a variable
    that is not an organization setting is an InputError that names those that are."""
    allowed = [name for name in ORG_SETTINGS if kb.has_variable(name)]
    for word in words:  # a setting without its value: the example names one --org takes, that setting if it is one
        name, sep, _ = word.partition("=")
        if not sep or not name.strip():
            named = kb.variable_named(name.strip()) or ""
            setting = named if named in allowed else allowed[0] if allowed else ""
            example = f"{setting}={_example_value(kb, setting)}" if setting else ""
            raise input_error("audit_org_not_a_pair", word=word, example=example, choices=one_of(allowed))
    settings = parse_assignments(kb, words)
    for name in settings:
        if name not in allowed:
            key = "audit_org_fact" if name == ORG_FACT else "audit_org_not_setting"
            raise input_error(key, variable=name, choices=one_of(allowed), suggestion=closest(name, allowed))
    return settings


def _example_value(kb: KnowledgeBase, setting: str) -> str:
    """A value of `setting` for an example: false for a switch (the organization's settings are off
    unless turned on), else its first value."""
    domain = kb.variable(setting).domain
    return "false" if False in domain else format_value(domain[0])


# --- the map file ---------------------------------------------------------------------------------------


class MapError(KbError):
    """The map file cannot be used: its problems, each with its file and line. A KbError, so that
    every face that says a knowledge base's problems says these, under the heading of its own
    words (`heading`: "the map file is not valid")."""

    heading = "map_invalid"


@dataclass(frozen=True, slots=True)
class MapEntry:
    """An email system the map gives, and where."""

    system: str  # a value of email_system, as written (checked against the vocabulary when loaded)
    file: str = ""
    line: int = 0

    @property
    def where(self) -> str:
        """' (file:line)' as the evidence says it; '' for a map written in code."""
        return f" ({self.file}:{self.line})" if self.file else ""


@dataclass(frozen=True, slots=True)
class EmailMap:
    """What the administrator knows of the email systems behind profiles, hosts and domains
    (`--map FILE`); keys lower case (`EmailMap.of` makes them so)."""

    profiles: Mapping[str, MapEntry] = field(default_factory=dict)  # profile name, casefolded
    hosts: Mapping[str, MapEntry] = field(default_factory=dict)
    domains: Mapping[str, MapEntry] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        profiles: Mapping[str, str] | None = None,
        hosts: Mapping[str, str] | None = None,
        domains: Mapping[str, str] | None = None,
    ) -> EmailMap:
        """A map written in code (tests, the dashboard): names as people write them."""
        return cls(
            {_profile_key(k): MapEntry(v) for k, v in (profiles or {}).items()},
            {host_of(k) or k.lower(): MapEntry(v) for k, v in (hosts or {}).items()},
            {k.lower().lstrip("@"): MapEntry(v) for k, v in (domains or {}).items()},
        )


def _profile_key(name: str) -> str:
    return " ".join(name.split()).casefold()


_SECTIONS = ("profiles", "hosts", "domains")


def load_map(path: str | os.PathLike[str], kb: KnowledgeBase) -> EmailMap:
    """The map file at `path` (shape: this module's docstring), its values checked against `kb`'s
    vocabulary; MapError with every problem, each with its file and line, otherwise (InputError
    for an empty name)."""
    if not os.fspath(path):
        raise input_error("map_no_name")
    name = readable(path)
    value, problems = load_file(path, name)
    if value is None:
        raise MapError(problems)
    systems = [format_value(v) for v in kb.variable("email_system").domain] if kb.has_variable("email_system") else []
    sections: dict[str, dict[str, MapEntry]] = {s: {} for s in _SECTIONS}
    example = "email_system: {profiles: {NAME: SYSTEM}, hosts: {HOST: SYSTEM}, domains: {DOMAIN: SYSTEM}}"
    if not isinstance(value, LMap):
        problems.append(Problem(name, getattr(value, "line", 1), Said("map_pb_not_mapping", example=example)))
        raise MapError(problems)
    for key in value:
        if key != "email_system":
            hint = _did_you_mean(key, ["email_system"])
            problems.append(Problem(name, value.lines[key], Said("map_pb_unknown_top", word=clip(key), hint=hint)))
    top = value.get("email_system")
    if top is not None and not isinstance(top, LMap):
        problems.append(Problem(name, value.lines["email_system"], Said("map_pb_top_not_mapping", example=example)))
    elif top is not None:
        for section in top:
            line = top.lines[section]
            if section not in _SECTIONS:
                hint = _did_you_mean(section, _SECTIONS)
                said = Said("map_pb_unknown_section", word=clip(section), choices=one_of(_SECTIONS), hint=hint)
                problems.append(Problem(name, line, said))
                continue
            entries = top[section]
            if entries is None:  # `hosts:` with nothing under it yet
                continue
            if not isinstance(entries, LMap):
                what = {"profiles": "NAME", "hosts": "HOST", "domains": "DOMAIN"}[section]
                problems.append(Problem(name, line, Said("map_pb_section_not_mapping", section=section, what=what)))
                continue
            _read_section(name, section, entries, systems, sections[section], problems)
    if problems:
        raise MapError(problems)
    return EmailMap(sections["profiles"], sections["hosts"], sections["domains"])


def _read_section(
    name: str, section: str, entries: LMap, systems: list[str], into: dict[str, MapEntry], problems: list[Problem]
) -> None:
    first: dict[str, int] = {}  # key -> the line it is first written on, whether its value is good or not
    for written, system in entries.items():
        line = entries.lines[written]
        if section == "profiles":
            key = _profile_key(written)
        elif section == "hosts":
            key = host_of(written)
        else:
            key = domain_of("x@" + written.strip().removeprefix("@"))
        if not key:
            said = Said("map_pb_not_entry", written=clip(written), section=section, what=Said(f"map_what_{section}"))
            problems.append(Problem(name, line, said))
            continue
        if key in first:
            said = Said("map_pb_twice", written=clip(written), section=section, first=first[key])
            problems.append(Problem(name, line, said))
            continue
        first[key] = line
        text = entries.raw.get(written)
        if not isinstance(system, str):
            got = "nothing" if system is None else "list" if isinstance(system, list) else "mapping"
            shown = clip(str(text)) if text else Said(f"map_got_{got}")
            said = Said("map_pb_system_not_name", written=clip(written), shown=shown)
            problems.append(Problem(name, line, said))
            continue
        value = system.strip() if system.strip() in systems else system.strip().lower()
        if value not in systems:
            hint = _did_you_mean(system.strip().lower(), systems)
            said = Said(
                "unknown_value",
                where="",
                text=clip(system),
                variable="email_system",
                choices=one_of(systems),
                hint=hint,
            )
            problems.append(Problem(name, line, said))
            continue
        into[key] = MapEntry(value, name, line)


# --- a row as a configuration -------------------------------------------------------------------------------


def configuration(
    mailbox: MailboxRow,
    kb: KnowledgeBase,
    *,
    settings: Mapping[str, Value],
    facts: Mapping[str, Value],
    email_map: EmailMap | None,
) -> tuple[dict[str, Value], dict[str, str], list[str]]:
    """The configuration a row shows (MAILBOX-EXPORTS.md §4), in vocabulary order: `config` holds
    only what the export, the settings and the map decide; `evidence` says for each of its variables
    where the value comes from; `problems` what the export lacks (no profile) and values the
    knowledge base does not have (those stay open). Texts are `Said`: English, sayable in Vietnamese.
    """
    decided: dict[str, tuple[Value, Said]] = {}
    problems: list[str] = []

    def give(variable: str, value: Value, why: Said) -> None:
        if not kb.has_variable(variable):
            return  # a knowledge base of another vocabulary: not part of its question
        domain = kb.variable(variable).domain
        if value not in domain:
            choices = one_of(format_value(v) for v in domain)
            problems.append(
                Said("audit_pb_kb_value", variable=variable, value=format_value(value), why=why, choices=choices)
            )
            return
        decided[variable] = (value, why)

    give("deployment", "onprem", Said("audit_ev_deployment"))
    profile = mailbox.profile
    if profile is not None and profile.server_type in PROFILE_OF_TYPE:
        label = SERVER_TYPE_LABELS[profile.server_type]
        give(
            "server_profile",
            PROFILE_OF_TYPE[profile.server_type],
            Said("audit_ev_profile", profile=profile.name, type=label),
        )
    elif profile is not None:
        problems.append(Said("audit_pb_profile_type", profile=profile.name))
    elif mailbox.profile_name:
        problems.append(Said("audit_pb_unknown_profile", profile=mailbox.profile_name))
    else:
        problems.append(Said("audit_pb_no_profile"))

    email_sync = _email_sync(mailbox)
    if email_sync is True:
        which = INCOMING if mailbox.incoming == SERVER_SYNC else OUTGOING
        give("email_sync", True, Said("audit_ev_field", field=which, value=INCOMING_LABELS[SERVER_SYNC]))
    elif email_sync is False:
        incoming = INCOMING_LABELS.get(mailbox.incoming or 0, str(mailbox.incoming))
        outgoing = OUTGOING_LABELS.get(mailbox.outgoing or 0, str(mailbox.outgoing))
        give("email_sync", False, Said("audit_ev_email_sync_off", incoming=incoming, outgoing=outgoing))
    else:
        missing = INCOMING if mailbox.incoming is None else OUTGOING
        problems.append(Said("audit_pb_field_missing", field=missing, variable="email_sync"))
    if mailbox.act is not None:
        said = Said("audit_ev_field", field=ACT, value=ACT_LABELS.get(mailbox.act, str(mailbox.act)))
        give("act_sync", mailbox.act == ACT_SERVER_SYNC, said)
    else:
        problems.append(Said("audit_pb_field_missing", field=ACT, variable="act_sync"))

    system, why = email_system(mailbox, kb, email_map)
    if system is not None and why is not None:
        give("email_system", system, why)

    if ORG_FACT in facts:
        give(ORG_FACT, facts[ORG_FACT], Said("audit_ev_fact_on" if facts[ORG_FACT] else "audit_ev_fact_off"))
    for name, value in settings.items():
        give(name, value, Said("audit_ev_setting", variable=name, value=format_value(value)))
    config = {name: decided[name][0] for name in kb.variable_names if name in decided}
    evidence: dict[str, str] = {name: decided[name][1] for name in config}
    return config, evidence, problems


def email_system(mailbox: MailboxRow, kb: KnowledgeBase, email_map: EmailMap | None) -> tuple[str | None, Said | None]:
    """email_system by the first source that decides (§4), with where it comes from: the map (by
    profile, then host, then domain), the host of the profile's incoming server location, the
    address's domain, a profile of type Exchange Online (Hybrid); (None, None) when none does.

    A value the knowledge base lacks is still what its source decides: `configuration` reports it
    and leaves the variable open, rather than letting a weaker source decide in its place.
    """
    profile = mailbox.profile
    name = profile.name if profile is not None else mailbox.profile_name
    host = host_of(profile.incoming_location) if profile is not None else ""
    domain = domain_of(mailbox.email)
    if email_map is not None:
        for entry, key, values in (
            (email_map.profiles.get(_profile_key(name)) if name else None, "audit_ev_map_profile", {"profile": name}),
            (email_map.hosts.get(host) if host else None, "audit_ev_map_host", {"host": host}),
            (email_map.domains.get(domain) if domain else None, "audit_ev_map_domain", {"domain": domain}),
        ):
            if entry is not None:
                return entry.system, Said(key, where=entry.where, system=_label(kb, entry.system), **values)
    found = system_of_host(host) if host else None
    if found is not None:
        return found, Said("audit_ev_host", profile=name, host=host, system=_label(kb, found))
    found = DOMAINS.get(domain)
    if found is not None:
        return found, Said("audit_ev_domain", domain=domain, system=_label(kb, found))
    if profile is not None and profile.server_type == EXCHANGE_ONLINE_TYPE:
        label = SERVER_TYPE_LABELS[EXCHANGE_ONLINE_TYPE]
        return "exchange_online", Said("audit_ev_profile", profile=profile.name, type=label)
    return None, None


def _label(kb: KnowledgeBase, system: str) -> Text | str:
    """The label of an email system in every language, or its name when the knowledge base lacks it."""
    if kb.has_variable("email_system") and system in kb.variable("email_system").domain:
        return kb.variable("email_system").choice(system).label
    return system
