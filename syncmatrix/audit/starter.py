"""A starter map for an audit (issue 21): a map file (mapping.load_map's shape) with an entry ready
for each profile, and each address domain of mailboxes without a profile, whose mailboxes' answers
depend on the email system the export does not say. Every entry is commented out: the file loads as
an empty map until the administrator writes in the systems they know, so nothing is guessed.
"""

from __future__ import annotations

import json

from syncmatrix.audit.mapping import domain_of
from syncmatrix.audit.model import Audit, Judged, Status
from syncmatrix.kb.model import format_value
from syncmatrix.present.words import t

#: Rows named beside an entry at most.
ROWS_NAMED = 5


def wanted(judged: Judged) -> bool:
    """Whether the answer for this mailbox depends on its email system."""
    return judged.status is Status.JUDGED and "email_system" in judged.depends_on


def starter_map(result: Audit, lang: str) -> str:
    """The YAML text of the starter map of `result`, its comments in `lang`; '' when no answer
    depends on an email system."""
    profiles: dict[str, list[Judged]] = {}
    domains: dict[str, list[Judged]] = {}
    for judged in result.mailboxes:
        if not wanted(judged):
            continue
        box = judged.mailbox
        if box.profile_name:
            profiles.setdefault(box.profile_name, []).append(judged)
        elif domain_of(box.email):
            domains.setdefault(domain_of(box.email), []).append(judged)
    if not profiles and not domains:
        return ""
    systems = ", ".join(format_value(v) for v in result.kb.variable("email_system").domain)
    out = [f"# {line}" for line in t("starter_head", lang, systems=systems).split("\n")]
    out += ["email_system:"]
    for section, entries in (("profiles", profiles), ("domains", domains)):
        out.append(f"  {section}:")
        for key, rows in entries.items():
            out.append(f"    # {_about(rows, lang)}")
            # JSON's quoting is YAML's double-quoted scalar: any name stays one line and one key.
            out.append(f"    # {json.dumps(key)}: SYSTEM")
    return "\n".join(out) + "\n"


def _about(rows: list[Judged], lang: str) -> str:
    numbers = ", ".join(str(j.mailbox.row) for j in rows[:ROWS_NAMED]) + (" …" if len(rows) > ROWS_NAMED else "")
    return t("starter_entry_one" if len(rows) == 1 else "starter_entry", lang, n=len(rows), rows=numbers)
