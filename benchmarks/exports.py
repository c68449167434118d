"""Realistic synthetic exports of an organization's mailboxes, in the three shapes of
sources/MAILBOX-EXPORTS.md: the examples of data/examples/ and the workload of the audit benchmarks.

    python benchmarks/exports.py --examples data/examples
    python benchmarks/exports.py --rows 100000 --shape csv --out DIR [--seed N]
        [--headers display|logical] [--values labels|numbers] [--no-expand]

`organization(n, seed)` makes the mailboxes and email server profiles of a made-up organization,
Contoso: mostly Exchange users on server-side synchronization, queues, users on Gmail, Yahoo and
Outlook.com profiles, mailboxes outside server-side synchronization, inactive ones, and the few
unsupported set-ups a real organization carries. The writers put them in a file exactly as
Dynamics 365 Customer Engagement (on-premises) does. Everything follows from the seed: the same
seed writes the same bytes (the .xlsx too).
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime
import hashlib
import json
import random
import re
import sys
import time
import unicodedata
import uuid
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from syncmatrix.audit.model import MailboxRow, Profile

EXAMPLE_SEED = 2024
EXAMPLE_ROWS = 40
ORG_URL = "https://crm.contoso.com/contoso/api/data/v9.1/"  # an on-premises organization's Web API

# --- Dynamics' fields and labels (MAILBOX-EXPORTS.md §2, §3) ---------------------------------------
# Written out again here rather than taken from syncmatrix.audit: the examples are the readers'
# test data, and a writer that shared the readers' tables would agree with any mistake in them.

STATE = {0: "Active", 1: "Inactive"}
INCOMING = {
    0: "None",
    1: "Microsoft Dynamics 365 for Outlook",
    2: "Server-Side Synchronization or Email Router",
    3: "Forward Mailbox",
}
OUTGOING = {0: "None", 1: "Microsoft Dynamics 365 for Outlook", 2: "Server-Side Synchronization or Email Router"}
ACT = {0: "Microsoft Dynamics 365 for Outlook", 1: "Server-Side Synchronization", 2: "None"}
SERVER_TYPE = {
    0: "Exchange Server",
    1: "Other (POP3/SMTP)",
    2: "Exchange Server (Hybrid)",
    3: "Exchange Online (Hybrid)",
    4: "IMAP/SMTP",
}
SSS_DRIFT = "Server-Side Synchronization"  # value 2 of the email methods as other releases label it

# (logical name, display name, labels): the mailbox's columns, in the order a view shows them.
MAILBOX_COLUMNS: tuple[tuple[str, str, dict[int, str] | None], ...] = (
    ("name", "Name", None),
    ("emailaddress", "Email Address", None),
    ("statecode", "Status", STATE),
    ("incomingemaildeliverymethod", "Incoming Email", INCOMING),
    ("outgoingemaildeliverymethod", "Outgoing Email", OUTGOING),
    ("actdeliverymethod", "Appointments, Contacts, and Tasks", ACT),
    ("emailserverprofile", "Server Profile", None),
)
PROFILE_COLUMNS: tuple[tuple[str, str, dict[int, str] | None], ...] = (
    ("name", "Name", None),
    ("servertype", "Email Server Type", SERVER_TYPE),
    ("incomingserverlocation", "Incoming Server Location", None),
    ("outgoingserverlocation", "Outgoing Server Location", None),
)
FORMATTED = "@OData.Community.Display.V1.FormattedValue"
DO_NOT_MODIFY = ("(Do Not Modify) {}", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On")

# --- the organization ------------------------------------------------------------------------------

# name, server type, incoming server location, outgoing server location
PROFILES = (
    ("Contoso Exchange", 0, "https://mail.contoso.com/EWS/Exchange.asmx", "https://mail.contoso.com/EWS/Exchange.asmx"),
    (
        "Contoso Hybrid",
        2,
        "https://hybrid.contoso.com/EWS/Exchange.asmx",
        "https://hybrid.contoso.com/EWS/Exchange.asmx",
    ),
    (
        "Contoso Online",
        3,
        "https://outlook.office365.com/EWS/Exchange.asmx",
        "https://outlook.office365.com/EWS/Exchange.asmx",
    ),
    (
        "Contoso Exchange 2010 (retired)",  # no mailbox uses it any more: profiles files list such ones
        0,
        "https://mail2010.contoso.com/EWS/Exchange.asmx",
        "https://mail2010.contoso.com/EWS/Exchange.asmx",
    ),
    ("Gmail POP3", 1, "pop.gmail.com", "smtp.gmail.com"),
    ("Gmail IMAP", 4, "imap.gmail.com", "smtp.gmail.com"),
    ("Yahoo IMAP", 4, "imap.mail.yahoo.com", "smtp.mail.yahoo.com"),
    ("Outlook.com IMAP", 4, "imap-mail.outlook.com", "smtp-mail.outlook.com"),
    ("Partner POP3", 1, "pop.fabrikam.com", "smtp.fabrikam.com"),
)

# Set-ups every organization of the generator has, whatever its size (the first n when n is
# smaller): queues, a Forward Mailbox, mailboxes outside server-side synchronization, the
# organization fact, and the unsupported set-ups a real organization carries.
# name (None: a person), address (None: the person's), domain, profile, incoming, outgoing, act, state
FIXTURES: tuple[tuple[str | None, str | None, str, str | None, int, int, int, int], ...] = (
    ("Support queue", "support", "contoso.com", "Contoso Exchange", 2, 2, 2, 0),
    ("Sales queue", "sales", "contoso.com", "Contoso Online", 2, 2, 2, 0),
    (None, None, "gmail.com", "Gmail POP3", 2, 2, 1, 0),  # appointments through a POP3 profile
    (None, None, "outlook.com", "Partner POP3", 2, 2, 2, 0),  # an outlook.com address on a POP3 profile
    (None, None, "gmail.com", "Contoso Online", 2, 2, 2, 0),  # an external mailbox on Exchange Online
    (None, None, "contoso.com", "Contoso Exchange", 2, 2, 0, 0),  # appointments through Outlook
    (None, None, "contoso.com", "Contoso Exchange", 3, 2, 2, 0),  # email through the Forward Mailbox
    ("CRM forward mailbox", "crmforward", "contoso.com", "Contoso Exchange", 2, 0, 2, 0),
    (None, None, "contoso.com", "Contoso Exchange", 1, 1, 0, 0),  # everything through Outlook
    (None, None, "gmail.com", "Gmail IMAP", 2, 2, 2, 0),
    (None, None, "yahoo.com", "Yahoo IMAP", 2, 2, 2, 0),
    (None, None, "hotmail.com", "Outlook.com IMAP", 2, 2, 2, 0),
    (None, None, "fabrikam.com", "Partner POP3", 2, 2, 2, 0),
    (None, None, "contoso.com", "Contoso Hybrid", 2, 2, 1, 0),
    (None, None, "contoso.com", None, 2, 2, 1, 0),  # server-side synchronization without a profile
    (None, None, "contoso.com", None, 0, 0, 2, 0),  # nothing synchronized
    (None, None, "contoso.com", "Contoso Exchange", 2, 2, 1, 1),  # a user who left
    ("Careers queue", "careers", "contoso.com", "Contoso Hybrid", 2, 2, 2, 1),
)

# The rest of the organization: weight, profile, domains, incoming, outgoing, act.
KINDS: tuple[tuple[int, str | None, tuple[str, ...], int, int, int], ...] = (
    (40, "Contoso Exchange", ("contoso.com",), 2, 2, 1),
    (6, "Contoso Exchange", ("contoso.com",), 2, 2, 0),
    (4, "Contoso Exchange", ("contoso.com",), 1, 1, 0),
    (2, "Contoso Exchange", ("contoso.com",), 2, 0, 2),
    (6, "Contoso Hybrid", ("contoso.com",), 2, 2, 1),
    (12, "Contoso Online", ("contoso.com",), 2, 2, 1),
    (4, "Gmail IMAP", ("gmail.com",), 2, 2, 2),
    (3, "Gmail POP3", ("gmail.com",), 2, 2, 2),
    (3, "Yahoo IMAP", ("yahoo.com",), 2, 2, 2),
    (3, "Outlook.com IMAP", ("outlook.com", "hotmail.com"), 2, 2, 2),
    (3, "Partner POP3", ("fabrikam.com",), 2, 2, 2),
    (4, None, ("contoso.com",), 0, 0, 2),
    (2, None, ("contoso.com",), 2, 2, 1),
)
INACTIVE_SHARE = 0.07

FIRST = (
    "Adele", "Alex", "Amir", "Ana", "Anh", "Ben", "Bianca", "Carlos", "Chen", "Dana", "Diego", "Elif",
    "Emma", "Fatima", "Grace", "Hana", "Ivan", "Jamal", "José", "Julia", "Kenji", "Lars", "Lena",
    "Linh", "Lucas", "Maria", "Mateo", "Mei", "Nadia", "Noah", "Olga", "Omar", "Priya", "Quang", "Rosa",
    "Sam", "Sofia", "Tariq", "Thu", "Tom", "Uma", "Victor", "Wei", "Yara", "Yusuf", "Zoë",
)  # fmt: skip
LAST = (
    "Adeyemi", "Andersen", "Bauer", "Brown", "Castro", "Chen", "Costa", "Dubois", "Evans", "Fischer",
    "García", "Gupta", "Hansen", "Hoang", "Ito", "Jensen", "Kim", "Kowalski", "Le", "López", "Martin",
    "Meyer", "Müller", "Nguyễn", "Novak", "O'Brien", "Okafor", "Park", "Pereira", "Phạm", "Rossi",
    "Sato", "Schmidt", "Silva", "Singh", "Smith", "Tanaka", "Trần", "Weber", "Wilson", "Yilmaz", "Zhang",
)  # fmt: skip


def organization(n: int, seed: int) -> tuple[tuple[MailboxRow, ...], tuple[Profile, ...]]:
    """The `n` mailboxes (sorted by name, as Dynamics' views list them) and every email server
    profile (sorted by name) of a made-up organization. A mailbox's `row` is its position, from 1."""
    ids = random.Random(f"ids:{seed}")
    profiles = tuple(
        sorted(
            (Profile(name, kind, incoming, outgoing, _guid(ids)) for name, kind, incoming, outgoing in PROFILES),
            key=lambda p: p.name.casefold(),
        )
    )
    by_name = {p.name: p for p in profiles}
    rng = random.Random(f"mailboxes:{seed}")
    taken: set[str] = set()
    next_suffix: dict[str, int] = {}
    kinds = [k[1:] for k in KINDS]
    weights = [k[0] for k in KINDS]
    specs = list(FIXTURES[:n])
    for profile, domains, incoming, outgoing, act in rng.choices(kinds, weights, k=max(0, n - len(FIXTURES))):
        state = 1 if rng.random() < INACTIVE_SHARE else 0
        specs.append((None, None, rng.choice(domains), profile, incoming, outgoing, act, state))
    mailboxes = []
    for name, local, domain, profile, incoming, outgoing, act, state in specs:
        if name is None:
            name, local = _person(domain, rng)
        address = _unique(f"{local}@{domain}", taken, next_suffix)
        mailboxes.append((name, address, profile, incoming, outgoing, act, state, _guid(ids)))
    mailboxes.sort(key=lambda m: (m[0].casefold(), m[1]))
    return (
        tuple(
            MailboxRow(
                row=i,
                id=guid,
                name=name,
                email=address,
                state=state,
                incoming=incoming,
                outgoing=outgoing,
                act=act,
                profile_name=profile or "",
                profile=by_name[profile] if profile else None,
            )
            for i, (name, address, profile, incoming, outgoing, act, state, guid) in enumerate(mailboxes, 1)
        ),
        profiles,
    )


def _guid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _ascii(name: str) -> str:
    """A name as it goes into an address: José O'Brien -> jose, obrien."""
    return re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower())


FIRST_ASCII = tuple(_ascii(n) for n in FIRST)
LAST_ASCII = tuple(_ascii(n) for n in LAST)


def _person(domain: str, rng: random.Random) -> tuple[str, str]:
    """A name, and the local part of an address: first.last at the company; on a free mail
    service, the way people pick theirs."""
    i, j = rng.randrange(len(FIRST)), rng.randrange(len(LAST))
    first, last = FIRST_ASCII[i], LAST_ASCII[j]
    if domain in ("contoso.com", "fabrikam.com"):
        local = f"{first}.{last}"
    else:
        style = rng.randrange(3)
        local = (f"{first}.{last}{rng.randint(1, 99)}", f"{first}{last}", f"{first[0]}{last}{rng.randint(70, 99)}")[
            style
        ]
    return f"{FIRST[i]} {LAST[j]}", local


def _unique(address: str, taken: set[str], next_suffix: dict[str, int]) -> str:
    """The address, or, when someone has it already, the address with the next free number."""
    if address not in taken:
        taken.add(address)
        return address
    local, domain = address.split("@")
    count = next_suffix.get(address, 2)
    while f"{local}{count}@{domain}" in taken:
        count += 1
    next_suffix[address] = count + 1
    taken.add(f"{local}{count}@{domain}")
    return f"{local}{count}@{domain}"


# --- what Dynamics adds around the values ------------------------------------------------------------


def _digest(key: str) -> bytes:
    return hashlib.sha1(key.encode(), usedforsecurity=False).digest()


def _drifts(mailbox: MailboxRow) -> bool:
    """Whether this row labels value 2 of the email methods "Server-Side Synchronization" (labels
    drift between releases; about one row in four, chosen by the id so every shape agrees)."""
    return int(mailbox.id[:2], 16) % 4 == 0


def _label(labels: dict[int, str], value: int | None, drift: bool) -> str:
    if value is None:
        return ""
    if drift and value == 2 and labels is not ACT:
        return SSS_DRIFT
    return labels[value]


def _modified_on(key: str) -> datetime.datetime:
    minutes = int.from_bytes(_digest(key)[:4], "big") % (730 * 24 * 60)
    return datetime.datetime(2024, 1, 1, 8) + datetime.timedelta(minutes=minutes)


def _checksum(key: str, cells: Sequence[object]) -> str:
    return base64.b64encode(_digest(key + "\x1f".join(map(str, cells)))).decode()


def _etag(key: str) -> str:
    return f'W/"{int.from_bytes(_digest(key)[4:8], "big") % 9_000_000 + 1_000_000}"'


def _mailbox_values(m: MailboxRow) -> tuple[Any, ...]:
    return (m.name, m.email, m.state, m.incoming, m.outgoing, m.act, m.profile_name)


def _profile_values(p: Profile) -> tuple[Any, ...]:
    return (p.name, p.server_type, p.incoming_location, p.outgoing_location)


def _cells(
    columns: Sequence[tuple[str, str, dict[int, str] | None]], values: Sequence[Any], labels: bool, drift: bool
) -> list[Any]:
    if not labels:
        return ["" if v is None else v for v in values]
    return [
        v if options is None else _label(options, v, drift) for (_, _, options), v in zip(columns, values, strict=True)
    ]


# --- Web API JSON (MAILBOX-EXPORTS.md §1.1) ----------------------------------------------------------


def _annotated(out: dict[str, Any], name: str, value: int | None, labels: dict[int, str], drift: bool) -> None:
    # Dynamics writes the annotation just before its property.
    if value is not None:
        out[name + FORMATTED] = _label(labels, value, drift)
    out[name] = value


def _profile_entity(p: Profile) -> dict[str, Any]:
    out: dict[str, Any] = {"@odata.etag": _etag(p.id), "name": p.name}
    _annotated(out, "servertype", p.server_type, SERVER_TYPE, False)
    out["incomingserverlocation"] = p.incoming_location
    out["outgoingserverlocation"] = p.outgoing_location
    out["emailserverprofileid"] = p.id
    return out


def _mailbox_entity(m: MailboxRow, expand: bool) -> dict[str, Any]:
    drift = _drifts(m)
    out: dict[str, Any] = {"@odata.etag": _etag(m.id), "name": m.name, "emailaddress": m.email}
    _annotated(out, "statecode", m.state, STATE, drift)
    _annotated(out, "incomingemaildeliverymethod", m.incoming, INCOMING, drift)
    _annotated(out, "outgoingemaildeliverymethod", m.outgoing, OUTGOING, drift)
    _annotated(out, "actdeliverymethod", m.act, ACT, drift)
    out["mailboxid"] = m.id
    if expand:
        out["emailserverprofile"] = _profile_entity(m.profile) if m.profile else None
    else:
        if m.profile:
            out["_emailserverprofile_value" + FORMATTED] = m.profile.name
        out["_emailserverprofile_value"] = m.profile.id if m.profile else None
    return out


def write_web_api(
    path: Path,
    mailboxes: Sequence[MailboxRow],
    profiles: Sequence[Profile],
    *,
    expand: bool = True,
    profiles_path: Path | None = None,
    indent: int | None = None,
) -> list[Path]:
    """The Web API's answer to GET mailboxes with the FormattedValue annotations: the profiles
    `$expand`ed into each mailbox, or (expand=False) named by `_emailserverprofile_value`, their
    ids, with `profiles` in `profiles_path` as GET emailserverprofiles answers. On one line, as
    the Web API answers, unless `indent` (for people reading it)."""
    select = ",".join(c[0] for c in MAILBOX_COLUMNS[:-1])
    context = f"{ORG_URL}$metadata#mailboxes({select}"
    context += ",emailserverprofile(name,servertype,incomingserverlocation,outgoingserverlocation))" if expand else ")"
    _write_json(path, {"@odata.context": context, "value": [_mailbox_entity(m, expand) for m in mailboxes]}, indent)
    if profiles_path is None:
        return [path]
    select = ",".join(c[0] for c in PROFILE_COLUMNS)
    context = f"{ORG_URL}$metadata#emailserverprofiles({select})"
    _write_json(profiles_path, {"@odata.context": context, "value": [_profile_entity(p) for p in profiles]}, indent)
    return [path, profiles_path]


def _write_json(path: Path, document: dict[str, Any], indent: int | None) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        json.dump(document, f, ensure_ascii=False, indent=indent, separators=(",", ": ") if indent else (",", ":"))
        f.write("\n")


# --- CSV (MAILBOX-EXPORTS.md §1.2) --------------------------------------------------------------------

Headers = Literal["display", "logical"]
Values = Literal["labels", "numbers"]


def csv_rows(
    mailboxes: Sequence[MailboxRow], headers: Headers = "display", values: Values = "labels"
) -> list[list[Any]]:
    """The header and the rows of a CSV of the mailboxes. With display headers, as saved from
    Dynamics' Excel export: its hidden "(Do Not Modify)" columns come first, dates as Excel (en-US)
    writes them; with logical names, as a tool that reads the Web API writes it: `mailboxid` first."""
    labels = values == "labels"
    if headers == "display":
        rows: list[list[Any]] = [
            [DO_NOT_MODIFY[0].format("Mailbox"), *DO_NOT_MODIFY[1:], *(c[1] for c in MAILBOX_COLUMNS)]
        ]
        options: dict[tuple[Any, ...], list[Any]] = {}  # 100,000 rows share a few dozen option cells
        for m in mailboxes:
            key = (m.state, m.incoming, m.outgoing, m.act, _drifts(m))
            if key not in options:
                options[key] = _cells(MAILBOX_COLUMNS[2:6], key[:4], labels, key[4])
            cells = [m.name, m.email, *options[key], m.profile_name]
            when = _modified_on(m.id)
            hour = f"{when.hour % 12 or 12}:{when.minute:02d} {'AM' if when.hour < 12 else 'PM'}"
            stamp = f"{when.month}/{when.day}/{when.year} {hour}"
            rows.append([m.id, _checksum(m.id, cells), stamp, *cells])
        return rows
    rows = [["mailboxid", *(c[0] for c in MAILBOX_COLUMNS)]]
    rows.extend([m.id, *_cells(MAILBOX_COLUMNS, _mailbox_values(m), labels, _drifts(m))] for m in mailboxes)
    return rows


def write_csv(
    path: Path,
    mailboxes: Sequence[MailboxRow],
    profiles: Sequence[Profile],
    *,
    headers: Headers = "display",
    values: Values = "labels",
    profiles_path: Path | None = None,
    rows: Sequence[Sequence[Any]] | None = None,
) -> list[Path]:
    """A CSV of the mailboxes (see `csv_rows`; `rows` writes those instead) and one of the
    profiles, joined by name, in `profiles_path`. Display headers are written as Excel saves "CSV
    UTF-8": a byte order mark and CRLF; logical ones without the mark."""
    _write_csv(path, rows if rows is not None else csv_rows(mailboxes, headers, values), headers == "display")
    if profiles_path is None:
        return [path]
    _write_profiles_csv(profiles_path, profiles, headers, values)
    return [path, profiles_path]


def _write_profiles_csv(path: Path, profiles: Sequence[Profile], headers: Headers, values: Values) -> None:
    index = 1 if headers == "display" else 0
    rows: list[list[Any]] = [[c[index] for c in PROFILE_COLUMNS]]
    rows.extend(_cells(PROFILE_COLUMNS, _profile_values(p), values == "labels", False) for p in profiles)
    _write_csv(path, rows, headers == "display")


def _write_csv(path: Path, rows: Iterable[Sequence[Any]], bom: bool) -> None:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)


# --- Excel (MAILBOX-EXPORTS.md §1.3) -------------------------------------------------------------------

WIDTHS = {"Name": 28, "Email Address": 34, "Server Profile": 24, "Incoming Server Location": 46}


def write_xlsx(
    path: Path,
    mailboxes: Sequence[MailboxRow],
    profiles: Sequence[Profile],
    *,
    profiles_path: Path | None = None,
) -> list[Path]:
    """Dynamics' "Export to Excel" of the mailboxes (and, in `profiles_path`, .xlsx or .csv, of the
    profiles): the first sheet is named after the view, its hidden "(Do Not Modify)" columns
    (the row's id, checksum, modified on) come first, then display names and labels; a very
    hidden sheet holds the option lists the cells are validated against."""
    rows = []
    for m in mailboxes:
        rows.append((m.id, _cells(MAILBOX_COLUMNS, _mailbox_values(m), True, _drifts(m))))
    _write_sheet(path, "All Mailboxes", "mailbox", "Mailbox", MAILBOX_COLUMNS, rows)
    if profiles_path is None:
        return [path]
    if profiles_path.suffix.lower() == ".csv":
        _write_profiles_csv(profiles_path, profiles, "display", "labels")
        return [path, profiles_path]
    rows = [(p.id, _cells(PROFILE_COLUMNS, _profile_values(p), True, False)) for p in profiles]
    _write_sheet(
        profiles_path, "All Email Server Profiles", "emailserverprofile", "Email Server Profile", PROFILE_COLUMNS, rows
    )
    return [path, profiles_path]


def _write_sheet(
    path: Path,
    title: str,
    entity: str,
    id_header: str,
    columns: Sequence[tuple[str, str, dict[int, str] | None]],
    rows: Sequence[tuple[str, list[Any]]],
) -> None:
    # openpyxl is imported here, as the audit does: only where a workbook is written.
    import openpyxl
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook(write_only=True)
    book.properties.creator = "syncmatrix benchmarks/exports.py (synthetic data)"
    book.properties.created = datetime.datetime(2025, 1, 1)
    sheet = book.create_sheet(title)
    hidden = len(DO_NOT_MODIFY)
    for i in range(1, hidden + 1):
        sheet.column_dimensions[get_column_letter(i)].hidden = True
    options = [(i, labels) for i, (_, _, labels) in enumerate(columns, hidden + 1) if labels]
    for j, (i, labels) in enumerate(options, 1):
        letter = get_column_letter(j)
        validation = DataValidation(type="list", formula1=f"hiddenSheet!${letter}$2:${letter}${len(labels) + 1}")
        validation.add(f"{get_column_letter(i)}2:{get_column_letter(i)}{len(rows) + 1}")
        sheet.data_validations.append(validation)
    for i, (_, display, _) in enumerate(columns, hidden + 1):
        sheet.column_dimensions[get_column_letter(i)].width = WIDTHS.get(display, 18)
    sheet.freeze_panes = "A2"
    sheet.append([DO_NOT_MODIFY[0].format(id_header), *DO_NOT_MODIFY[1:], *(c[1] for c in columns)])
    for key, cells in rows:
        sheet.append([key, _checksum(key, cells), _modified_on(key), *cells])
    lists = book.create_sheet("hiddenSheet")
    lists.sheet_state = "veryHidden"
    lists.append([f"{entity}:{title}"])
    longest = max((len(labels) for _, labels in options), default=0)
    for k in range(longest):
        lists.append([list(labels.values())[k] if k < len(labels) else None for _, labels in options])
    book.save(path)
    _fix_timestamps(path)


def _fix_timestamps(path: Path) -> None:
    """Rewrite the workbook with fixed times, so the same organization writes the same bytes
    (openpyxl stamps the zip entries and docProps/core.xml with the time of saving)."""
    with zipfile.ZipFile(path) as old:
        entries = [(info.filename, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-01T00:00:00Z", data)
            new.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


# --- the examples of data/examples ---------------------------------------------------------------------

MAP = """\
# How this organization's email systems are named where its export does not say (syncmatrix audit
# --map data/examples/map.yaml): the Exchange Server behind "Contoso Exchange" is Exchange Server
# 2019, the one behind the hybrid endpoint Exchange Server 2016, and Fabrikam's POP3 server is
# none of the systems the page names.
email_system:
  profiles:
    "Contoso Exchange": exchange_2019
  hosts:
    hybrid.contoso.com: exchange_2016
  domains:
    fabrikam.com: other_pop3_imap
"""

# What mailboxes-damaged.csv breaks: position of the mailbox (from 0), column, what is written
# there (None: the row stops before this column).
DAMAGE: tuple[tuple[int, str, str | None], ...] = (
    (2, "Status", "Disabled"),
    (6, "Incoming Email", "Exchange Web Services"),
    (11, "Appointments, Contacts, and Tasks", "7"),
    (17, "Server Profile", "Contoso Exchange 2007"),
    (25, "Status", None),
)
DAMAGE_WHY = {
    "Disabled": "an unknown label of Status",
    "Exchange Web Services": "an unknown label of Incoming Email (a protocol, not a delivery method)",
    "7": "an out-of-range number of Appointments, Contacts, and Tasks (0 to 2)",
    "Contoso Exchange 2007": "a profile that profiles.csv does not hold",
    None: "a short row: it stops after Email Address",
}


def damaged_rows(mailboxes: Sequence[MailboxRow]) -> tuple[list[list[Any]], list[str]]:
    """The rows of mailboxes.csv with the damage of DAMAGE, and a line of Markdown per damage."""
    rows = csv_rows(mailboxes)
    header = rows[0]
    said = []
    for position, column, text in DAMAGE:
        if position >= len(mailboxes):
            continue
        row = rows[position + 1]
        if text is None:
            del row[header.index(column) :]
        else:
            row[header.index(column)] = text
        written = "" if text is None else f" `{column}` = `{text}`:"
        # Its data row (the first mailbox is row 1), as the audit names it; the header is line 1 of the file.
        said.append(f"- row {position + 1}, {mailboxes[position].name}:{written} {DAMAGE_WHY[text]}")
    return rows, said


def write_examples(folder: Path, seed: int = EXAMPLE_SEED, n: int = EXAMPLE_ROWS) -> list[Path]:
    """Every example of data/examples: one organization in every shape, a damaged CSV, a map and
    the README that says what they are."""
    folder.mkdir(parents=True, exist_ok=True)
    mailboxes, profiles = organization(n, seed)
    written = write_web_api(folder / "mailboxes.json", mailboxes, profiles, indent=2)
    written += write_web_api(
        folder / "mailboxes-unexpanded.json",
        mailboxes,
        profiles,
        expand=False,
        profiles_path=folder / "profiles.json",
        indent=2,
    )
    written += write_csv(folder / "mailboxes.csv", mailboxes, profiles, profiles_path=folder / "profiles.csv")
    written += write_csv(folder / "mailboxes-logical.csv", mailboxes, profiles, headers="logical", values="numbers")
    written += write_xlsx(folder / "mailboxes.xlsx", mailboxes, profiles, profiles_path=folder / "profiles.xlsx")
    rows, damage = damaged_rows(mailboxes)
    written += write_csv(folder / "mailboxes-damaged.csv", mailboxes, profiles, rows=rows)
    (folder / "map.yaml").write_text(MAP, encoding="utf-8")
    (folder / "README.md").write_text(_readme(seed, mailboxes, profiles, damage), encoding="utf-8")
    return [*written, folder / "map.yaml", folder / "README.md"]


def _readme(seed: int, mailboxes: Sequence[MailboxRow], profiles: Sequence[Profile], damage: Sequence[str]) -> str:
    active = sum(m.state == 0 for m in mailboxes)
    drifted = sum(_drifts(m) and 2 in (m.incoming, m.outgoing) for m in mailboxes)
    used = {m.profile_name for m in mailboxes}
    profile_lines = "\n".join(
        f"| {p.name} | {p.server_type} ({SERVER_TYPE.get(p.server_type or 0, '')}) | {p.incoming_location} | "
        f"{sum(m.profile_name == p.name for m in mailboxes) if p.name in used else 'none'} |"
        for p in profiles
    )
    return f"""\
# Example exports of an organization's mailboxes

**The data is synthetic.** Contoso and every mailbox, name, address and id here are made up by
`benchmarks/exports.py` with seed {seed}; no real organization, person or mailbox is in them. The
domains are the documentation domains Microsoft uses (contoso.com, fabrikam.com) and public mail
services (gmail.com, yahoo.com, outlook.com, hotmail.com); the ids are random GUIDs from the seed.

Every file holds the same organization: {len(mailboxes)} mailboxes ({active} active), in the same
order (by name, as Dynamics' views list them), and {len(profiles)} email server profiles. The shapes are
those of `docs/sources/MAILBOX-EXPORTS.md`, written as Dynamics 365 Customer Engagement
(on-premises) writes them.

- `mailboxes.json`: Web API JSON, the answer to `GET mailboxes?$select=…&$expand=emailserverprofile(…)`
  with the FormattedValue annotations (option numbers, their labels beside them); indented for
  reading (the Web API answers on one line, as `--out` writes it).
- `mailboxes-unexpanded.json` + `profiles.json`: Web API JSON without `$expand`: each mailbox names
  its profile by `_emailserverprofile_value` (the profile's id); `profiles.json` answers
  `GET emailserverprofiles`.
- `mailboxes.csv` + `profiles.csv`: CSV as Excel saves Dynamics' "Export to Excel" ("CSV UTF-8":
  byte order mark, CRLF): display-name headers, English labels, the "(Do Not Modify)" columns
  first; the profiles are joined by name (`Server Profile` = the profile's `Name`).
- `mailboxes-logical.csv`: CSV with logical-name headers and option numbers, `mailboxid` first (as a
  tool that reads the Web API writes it, no byte order mark); its profiles are those of `profiles.csv`.
- `mailboxes.xlsx` + `profiles.xlsx`: Dynamics' "Export to Excel": on the first sheet, hidden columns
  "(Do Not Modify) Mailbox" (the id), "(Do Not Modify) Row Checksum" and "(Do Not Modify) Modified
  On" first, then display-name headers and labels; a very hidden sheet holds the option lists.
- `mailboxes-damaged.csv`: `mailboxes.csv` with the damage listed below.
- `map.yaml`: a map for `--map`, naming what the export cannot say (which version of Exchange
  Server is behind a profile).

Labels drift between releases, and so do these files: value 2 of the email methods is mostly
"Server-Side Synchronization or Email Router", and "Server-Side Synchronization" in {drifted} rows.

The profiles:

| name | type | incoming server location | mailboxes |
|---|---|---|---|
{profile_lines}

The organization carries what real ones do: queues, a Forward Mailbox, mailboxes that synchronize
nothing through server-side synchronization or have no profile, inactive mailboxes, mailboxes that
synchronize appointments through Outlook (so the organization fact "Outlook synchronization of
appointments elsewhere" holds), and a few unsupported set-ups: a Gmail POP3 mailbox with
appointments, contacts and tasks through server-side synchronization, an outlook.com address on a
POP3 profile, and a gmail.com address on the Exchange Online profile.

## The damaged CSV

`mailboxes-damaged.csv` is `mailboxes.csv` with, by data row as the audit numbers them (the header is not
counted: row N is line N + 1 of the file):

{chr(10).join(damage)}

Every row of it still comes back from the audit, in the file's order, the damaged ones with their
problems (`unreadable` where a field the audit needs cannot be read):

```sh
syncmatrix audit data/examples/mailboxes-damaged.csv --profiles data/examples/profiles.csv
```

## Regenerate

```sh
python benchmarks/exports.py --examples data/examples
```

writes every file here (this README too) from seed {seed}; the same seed writes the same bytes.
`python benchmarks/exports.py --rows 100000 --shape csv --out DIR` writes a large organization
for the benchmarks.
"""


# --- the command line ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--examples", type=Path, metavar="DIR", help="write the examples (data/examples) to DIR")
    parser.add_argument("--rows", type=int, default=EXAMPLE_ROWS, help="mailboxes of the organization")
    parser.add_argument("--seed", type=int, default=EXAMPLE_SEED)
    parser.add_argument("--shape", choices=("web-api", "csv", "xlsx"), default="csv")
    parser.add_argument("--out", type=Path, metavar="DIR", help="write mailboxes.* and profiles.* to DIR")
    parser.add_argument("--headers", choices=("display", "logical"), default="display", help="CSV headers")
    parser.add_argument("--values", choices=("labels", "numbers"), default="labels", help="CSV values")
    parser.add_argument("--no-expand", action="store_true", help="Web API: profiles in profiles.json")
    args = parser.parse_args(argv)
    if (args.examples is None) == (args.out is None):
        parser.error("give one of --examples DIR and --out DIR")
    if args.rows < 0:
        parser.error(f"--rows must be 0 or more, not {args.rows}")
    start = time.perf_counter()
    if args.examples is not None:
        written = write_examples(args.examples, args.seed, args.rows)
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        mailboxes, profiles = organization(args.rows, args.seed)
        writers: dict[str, Callable[[], list[Path]]] = {
            "web-api": lambda: write_web_api(
                args.out / "mailboxes.json",
                mailboxes,
                profiles,
                expand=not args.no_expand,
                profiles_path=args.out / "profiles.json",
            ),
            "csv": lambda: write_csv(
                args.out / "mailboxes.csv",
                mailboxes,
                profiles,
                headers=args.headers,
                values=args.values,
                profiles_path=args.out / "profiles.csv",
            ),
            "xlsx": lambda: write_xlsx(
                args.out / "mailboxes.xlsx", mailboxes, profiles, profiles_path=args.out / "profiles.xlsx"
            ),
        }
        written = writers[args.shape]()
    for path in written:
        print(path)
    print(f"{len(written)} files in {time.perf_counter() - start:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
