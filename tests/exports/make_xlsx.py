"""Writes mailboxes.xlsx and profiles.xlsx beside this file, as Dynamics' "Export to Excel" lays them
out (MAILBOX-EXPORTS.md §1): display-name headers and labels on the first sheet, hidden
"(Do Not Modify)" columns first (row id, checksum, modified on), a hidden sheet after it, and
formatted but empty rows at the end. The same eight mailboxes as mailboxes.csv and mailboxes.json.

Run it after changing the rows: .venv/bin/python tests/exports/make_xlsx.py
(tests/test_audit_exports.py checks the committed files hold what this writes.)
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
MODIFIED = datetime.datetime(2026, 11, 2, 9, 30)

MAILBOX_HEADER = [
    "(Do Not Modify) Mailbox",
    "(Do Not Modify) Row Checksum",
    "(Do Not Modify) Modified On",
    "Name",
    "Email Address",
    "Status",
    "Incoming Email",
    "Outgoing Email",
    "Appointments, Contacts, and Tasks",
    "Server Profile",
]
SSS_OR_ROUTER = "Server-Side Synchronization or Email Router"
OUTLOOK = "Microsoft Dynamics 365 for Outlook"
# Labels as Dynamics writes them, with the older variants, one number and one odd case among them.
MAILBOXES = [
    (
        "Alice Nguyen",
        "alice@contoso.com",
        "Active",
        SSS_OR_ROUTER,
        SSS_OR_ROUTER,
        "Server-Side Synchronization",
        "Exchange Hybrid",
    ),
    ("Bob Tran", "bob@contoso.com", "Active", OUTLOOK, OUTLOOK, OUTLOOK, "Exchange OnPrem"),
    ("Carol Le", "carol@gmail.com", "Inactive", "Server-Side Synchronization", SSS_OR_ROUTER, "None", "Gmail POP"),
    ("Dan Pham", "dan@contoso.onmicrosoft.com", "Active", "Forward Mailbox", "None", "None", "Exchange Online"),
    ("Erin Vo", "erin@yahoo.com", "Active", "None", SSS_OR_ROUTER, "Server-Side Synchronization", "Yahoo IMAP"),
    ("Frank Do", "frank@contoso.com", "Active", SSS_OR_ROUTER, 2, "server-side synchronization", None),
    ("Grace Ho", "grace@contoso.com", "Active", SSS_OR_ROUTER, "None", "None", "Retired Profile"),
    ("Đặng Thu Hà", "ha.dang@contoso.com", "Inactive", OUTLOOK, SSS_OR_ROUTER, OUTLOOK, "Exchange Hybrid"),
]
PROFILE_HEADER = [
    "(Do Not Modify) Email Server Profile",
    "(Do Not Modify) Row Checksum",
    "(Do Not Modify) Modified On",
    "Name",
    "Email Server Type",
    "Incoming Server Location",
    "Outgoing Server Location",
]
EWS = "/EWS/Exchange.asmx"
PROFILES = [
    ("Exchange Hybrid", "Exchange Server (Hybrid)", f"https://mail.contoso.com{EWS}", f"https://mail.contoso.com{EWS}"),
    (
        "Exchange OnPrem",
        "Exchange Server",
        f"https://exch2016.contoso.local{EWS}",
        f"https://exch2016.contoso.local{EWS}",
    ),
    ("Gmail POP", "Other (POP3/SMTP)", "pop.gmail.com", "smtp.gmail.com"),
    (
        "Exchange Online",
        "Exchange Online (Hybrid)",
        f"https://outlook.office365.com{EWS}",
        f"https://outlook.office365.com{EWS}",
    ),
    ("Yahoo IMAP", "IMAP/SMTP", "imap.mail.yahoo.com", "smtp.mail.yahoo.com"),
]

# The ids of mailboxes.json and profiles.json: a mailbox of the Web API names its profile by one.
MAILBOX_IDS = [f"0b5c1c2e-0001-4000-8000-{n:012d}" for n in range(1, 9)]
PROFILE_IDS = [f"5e7f0000-0000-4000-8000-{n:012x}" for n in range(10, 15)]


def _sheet(
    book: openpyxl.Workbook, title: str, header: list[str], rows: list[tuple[object, ...]], ids: list[str]
) -> None:
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for n, (row_id, row) in enumerate(zip(ids, rows, strict=True), 1):
        sheet.append([row_id, f"checksum{n}==", MODIFIED, *row])
    for column in "ABC":  # Dynamics hides its own columns
        sheet.column_dimensions[column].hidden = True
    for extra in (1, 2):  # formatted, empty rows at the end: a cell with a style and no value
        sheet.cell(row=len(rows) + 1 + extra, column=4).font = Font(italic=True)
    hidden = book.create_sheet("hiddenSheet")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "mailbox:metadata:not-a-row"
    book.properties.created = book.properties.modified = MODIFIED


def write(folder: Path = HERE) -> None:
    book = openpyxl.Workbook()
    _sheet(book, "My Active Mailboxes", MAILBOX_HEADER, MAILBOXES, MAILBOX_IDS)
    book.save(folder / "mailboxes.xlsx")
    book = openpyxl.Workbook()
    _sheet(book, "Email Server Profiles", PROFILE_HEADER, PROFILES, PROFILE_IDS)
    book.save(folder / "profiles.xlsx")


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
