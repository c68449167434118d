"""The audit's mapping (sources/MAILBOX-EXPORTS.md §4) and judging (CONTRACT.md §5), on the shipped
knowledge base, always about a named day (2026-11-29) or the page alone: each row of §4's table, the
statuses, the organization's fact, evidence only, grouping, fixes in Dynamics' terms, map files and
--org. Exports are built here as the readers' values (audit/model.py), not read from files."""

from __future__ import annotations

import datetime
import pickle
import random
import time
from pathlib import Path

import pytest

from syncmatrix import kb
from syncmatrix.audit import judge as judge_module
from syncmatrix.audit.judge import audit, in_dynamics, rule_counts, summary
from syncmatrix.audit.mapping import (
    EmailMap,
    Said,
    configuration,
    host_of,
    load_map,
    organization_facts,
    parse_settings,
    status,
    system_of_host,
)
from syncmatrix.audit.model import Export, MailboxRow, Problem, Profile, Shape, Status
from syncmatrix.kb.errors import InputError, KbError
from syncmatrix.present import words
from syncmatrix.solver.fix import Change as VocabularyChange
from syncmatrix.solver.support import SupportModel, Verdict

DAY = datetime.date(2026, 11, 29)
MAPS = Path(__file__).parent / "audit-maps"

# Profiles as Dynamics holds them: servertype numbers of MAILBOX-EXPORTS.md §3.
EXCHANGE = Profile("Contoso Exchange 2019", 0, "https://mail.contoso.com/EWS/Exchange.asmx")
POP3 = Profile("Gmail POP3", 1, "pop.gmail.com:995")
HYBRID = Profile("Contoso Hybrid", 2, "mail.contoso.com")
ONLINE = Profile("Contoso EWS", 3, "https://outlook.office365.com/EWS/Exchange.asmx")
IMAP = Profile("Yahoo IMAP", 4, "imap.mail.yahoo.com")
PLAIN_POP3 = Profile("Fabrikam POP3", 1, "pop.fabrikam.com")


@pytest.fixture(scope="module")
def loaded() -> kb.KnowledgeBase:
    return kb.load()


@pytest.fixture(scope="module")
def day(loaded: kb.KnowledgeBase) -> kb.KnowledgeBase:
    return loaded.as_of(DAY)


@pytest.fixture(scope="module")
def page(loaded: kb.KnowledgeBase) -> kb.KnowledgeBase:
    return loaded.as_of(None)


def row(
    n: int = 2,
    *,
    email: str = "ana@contoso.com",
    state: int | None = 0,
    incoming: int | None = 2,
    outgoing: int | None = 2,
    act: int | None = 1,
    profile: Profile | None = EXCHANGE,
    problems: tuple[Problem, ...] = (),
) -> MailboxRow:
    """A mailbox that synchronizes everything through server-side synchronization unless told."""
    name = profile.name if profile is not None else ""
    return MailboxRow(n, f"id-{n}", f"User {n}", email, state, incoming, outgoing, act, name, profile, problems)


def export(*rows: MailboxRow) -> Export:
    return Export(Shape.CSV, "mailboxes.csv", rows)


def mapped(knowledge: kb.KnowledgeBase, mailbox: MailboxRow, *, email_map: EmailMap | None = None, settings=None):
    return configuration(mailbox, knowledge, settings=settings or {}, facts={}, email_map=email_map)


# --- §4: server_profile, deployment, protocols ---------------------------------------------------------


@pytest.mark.parametrize(
    ("server_type", "expected", "label"),
    [
        (0, "exchange_server", "Exchange Server"),
        (1, "pop3_smtp", "Other (POP3/SMTP)"),
        (2, "exchange_server_hybrid", "Exchange Server (Hybrid)"),
        (3, "exchange_online", "Exchange Online (Hybrid)"),
        (4, "imap_smtp", "IMAP/SMTP"),
    ],
)
def test_server_profile_is_the_profiles_server_type(day, server_type, expected, label):
    profile = Profile("P", server_type, "")
    config, evidence, problems = mapped(day, row(profile=profile))
    assert config["server_profile"] == expected
    assert evidence["server_profile"] == f"profile 'P' is of type {label}"
    assert config["deployment"] == "onprem"
    # The axioms of the knowledge base tie protocols to the profile type: the export never gives them.
    assert "incoming_protocol" not in config and "outgoing_protocol" not in config
    assert problems == []


def test_no_profile_leaves_server_profile_open_and_says_so(day):
    config, _, problems = mapped(day, row(profile=None))
    assert "server_profile" not in config
    assert problems == ["no email server profile: the mailbox is associated with none, so the profile type is open"]


def test_a_profile_the_export_does_not_hold_or_whose_type_is_unreadable_is_open_too(day):
    named = MailboxRow(2, email="a@contoso.com", state=0, incoming=2, outgoing=2, act=1, profile_name="Gone")
    config, _, problems = mapped(day, named)
    assert "server_profile" not in config
    assert problems == [
        "the email server profile 'Gone' is not among the profiles of the export, so the profile type is open"
    ]
    config, _, problems = mapped(day, row(profile=Profile("Odd", None)))
    assert "server_profile" not in config and "'Odd' has no Email Server Type" in problems[0]


# --- §4: email_sync and act_sync -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("incoming", "outgoing", "expected"),
    [
        (2, 2, True),
        (2, 0, True),  # incoming alone is enough
        (0, 2, True),  # outgoing alone too
        (3, 2, True),
        (0, 0, False),
        (1, 1, False),  # Outlook for both: not server-side synchronization
        (3, 0, False),  # Forward Mailbox is not server-side synchronization of this mailbox
        (1, 0, False),
    ],
)
def test_email_sync_is_true_when_incoming_or_outgoing_uses_server_side_synchronization(
    day, incoming, outgoing, expected
):
    config, evidence, _ = mapped(day, row(incoming=incoming, outgoing=outgoing, act=1))
    assert config["email_sync"] is expected
    if expected:
        assert "Server-Side Synchronization or Email Router" in evidence["email_sync"]
    else:
        assert evidence["email_sync"].startswith("neither Incoming Email")


@pytest.mark.parametrize(("act", "expected"), [(0, False), (1, True), (2, False)])
def test_act_sync_is_true_only_for_server_side_synchronization(day, act, expected):
    config, evidence, _ = mapped(day, row(act=act))
    assert config["act_sync"] is expected
    label = {0: "Microsoft Dynamics 365 for Outlook", 1: "Server-Side Synchronization", 2: "None"}[act]
    assert evidence["act_sync"] == f"Appointments, Contacts, and Tasks is {label}"


def test_an_empty_cell_leaves_open_what_it_decides(day):
    config, _, problems = mapped(day, row(incoming=None, outgoing=0, act=None))
    assert "email_sync" not in config and "act_sync" not in config
    assert problems == [
        "the export does not give Incoming Email, so email_sync is open",
        "the export does not give Appointments, Contacts, and Tasks, so act_sync is open",
    ]
    # Outgoing alone decides it when it uses server-side synchronization.
    config, _, _ = mapped(day, row(incoming=None, outgoing=2))
    assert config["email_sync"] is True


# --- §4: email_system ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("domain", "expected"),
    [
        ("gmail.com", "gmail"),
        ("googlemail.com", "gmail"),
        ("yahoo.com", "yahoo_mail"),
        ("ymail.com", "yahoo_mail"),
        ("outlook.com", "outlook_com"),
        ("hotmail.com", "outlook_com"),
        ("live.com", "outlook_com"),
        ("msn.com", "msn"),
        ("contoso.com", None),
        ("mail.gmail.com", None),  # the list names domains, not their subdomains
    ],
)
def test_email_system_from_the_address_domain(day, domain, expected):
    config, evidence, _ = mapped(day, row(email=f"Ana@{domain.upper()}", profile=PLAIN_POP3, act=2))
    assert config.get("email_system") == expected
    if expected:
        assert evidence["email_system"].startswith(f"the email address is at {domain}, a domain of ")


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("pop.gmail.com", "gmail"),
        ("imap.gmail.com:993", "gmail"),
        ("https://IMAP.GMAIL.COM:993/", "gmail"),
        ("pop.googlemail.com", "gmail"),
        ("imap.mail.yahoo.com", "yahoo_mail"),
        ("imaps://imap.mail.yahoo.co.jp", "yahoo_mail"),
        ("pop.mail.yahoo.co.uk:995", "yahoo_mail"),
        ("gmail.com", None),  # `*.gmail.com`: a host below it
        ("pop.gmail.com.example.net", None),
        ("yahoo.co.jp.example.net", None),
        ("notgmail.com", None),
        ("mail.contoso.com", None),
        ("", None),
        ("[::1", None),  # not a URL at all: no host, no crash
    ],
)
def test_email_system_from_the_host_of_the_incoming_server_location(day, location, expected):
    profile = Profile("P", 1, location)
    config, evidence, _ = mapped(day, row(email="ana@contoso.com", profile=profile, act=2))
    assert config.get("email_system") == expected
    if expected:
        assert evidence["email_system"] == (
            f"the incoming server location of profile 'P' is {host_of(location)}, a host of "
            f"{day.label_of('email_system', expected)}"
        )


def test_host_of_reads_urls_and_bare_hosts():
    assert host_of("https://Mail.Contoso.com/EWS/Exchange.asmx") == "mail.contoso.com"
    assert host_of(" imap.gmail.com:993 ") == "imap.gmail.com"
    assert host_of("mail.contoso.com.") == "mail.contoso.com"
    assert host_of("not a host") == ""
    assert system_of_host("a.b.yahoo.co.jp") == "yahoo_mail"
    assert system_of_host("yahoo.co.jp") is None  # `*.yahoo.co.*`: a label before yahoo


def test_exchange_online_profile_decides_last_and_an_exchange_server_profile_never(day):
    config, evidence, _ = mapped(day, row(profile=ONLINE))
    assert config["email_system"] == "exchange_online"
    assert evidence["email_system"] == "profile 'Contoso EWS' is of type Exchange Online (Hybrid)"
    # The domain decides before the profile type (§4's order: 3 before 4).
    config, _, _ = mapped(day, row(profile=ONLINE, email="ana@outlook.com"))
    assert config["email_system"] == "outlook_com"
    # Evidence only: an Exchange Server profile does not say which version.
    for profile in (EXCHANGE, HYBRID):
        config, _, _ = mapped(day, row(profile=profile))
        assert "email_system" not in config


def test_email_system_precedence_map_then_host_then_domain(day):
    gmail_host_yahoo_address = row(profile=POP3, email="ana@yahoo.com", act=2)
    # (2) beats (3): the host is Gmail's, the address Yahoo's.
    assert mapped(day, gmail_host_yahoo_address)[0]["email_system"] == "gmail"
    # (1) beats (2): the map's profile.
    by_profile = EmailMap.of(profiles={"gmail  pop3": "other_pop3_imap"})
    config, evidence, _ = mapped(day, gmail_host_yahoo_address, email_map=by_profile)
    assert config["email_system"] == "other_pop3_imap"
    assert evidence["email_system"].startswith("the map says profile 'Gmail POP3' reaches Another POP3/IMAP")
    # Any entry of the map beats the built-in host, even its weakest, the domain.
    by_domain = EmailMap.of(domains={"@Yahoo.com": "exchange_2016"})
    assert mapped(day, gmail_host_yahoo_address, email_map=by_domain)[0]["email_system"] == "exchange_2016"
    # Within the map: profile before host before domain.
    everything = EmailMap.of(
        profiles={"Gmail POP3": "exchange_2010"},
        hosts={"pop.gmail.com": "exchange_2013"},
        domains={"yahoo.com": "exchange_2016"},
    )
    assert mapped(day, gmail_host_yahoo_address, email_map=everything)[0]["email_system"] == "exchange_2010"
    hosts_and_domains = EmailMap(hosts=everything.hosts, domains=everything.domains)
    assert mapped(day, gmail_host_yahoo_address, email_map=hosts_and_domains)[0]["email_system"] == "exchange_2013"
    # A map that does not name this mailbox leaves the built-in sources to decide.
    other = EmailMap.of(profiles={"Another": "exchange_2019"}, domains={"fabrikam.com": "exchange_online"})
    assert mapped(day, gmail_host_yahoo_address, email_map=other)[0]["email_system"] == "gmail"


def test_a_value_the_knowledge_base_lacks_is_a_problem_not_a_crash(day):
    bad = EmailMap.of(profiles={"Contoso Exchange 2019": "exchange_2022"})
    config, _, problems = mapped(day, row(), email_map=bad)
    assert "email_system" not in config
    assert len(problems) == 1
    assert problems[0].startswith("email_system would be exchange_2022 (the map says profile")
    assert "expected" not in problems[0] and "exchange_2019" in problems[0]


# --- the map file ------------------------------------------------------------------------------------------


def test_a_map_file_is_read_with_the_line_of_each_entry(day):
    path = MAPS / "contoso.yaml"
    email_map = load_map(path, day)
    name = str(path)
    assert email_map.profiles["contoso exchange 2019"].system == "exchange_2019"
    assert (email_map.hosts["mail.contoso.com"].file, email_map.hosts["mail.contoso.com"].line) == (name, 6)
    assert email_map.domains["fabrikam.com"].line == 9
    # Names match without regard to case or spacing: "Contoso  exchange 2019" is the profile.
    config, evidence, _ = mapped(day, row(profile=EXCHANGE), email_map=email_map)
    assert config["email_system"] == "exchange_2019"
    assert evidence["email_system"] == (
        f"the map ({name}:4) says profile 'Contoso Exchange 2019' reaches Exchange Server 2019"
    )
    hybrid = mapped(day, row(profile=HYBRID), email_map=email_map)
    assert hybrid[0]["email_system"] == "exchange_2016"  # its host, written in the map as a URL
    # The map beats the host of Gmail's profile.
    assert mapped(day, row(profile=POP3, act=2), email_map=email_map)[0]["email_system"] == "other_pop3_imap"


def test_every_problem_of_a_map_file_is_reported_with_its_line(day):
    path = MAPS / "problems.yaml"
    with pytest.raises(KbError) as caught:
        load_map(path, day)
    systems = ", ".join(str(v) for v in day.variable("email_system").domain)
    name = str(path)

    def said(key: str, **values: object) -> str:  # the English of the catalogue (syncmatrix/words.py)
        return words.t(key, "en", **values)

    def mean(word: str) -> str:
        return said("did_you_mean", word=word)

    sections, hosts = "profiles, hosts, domains", "hosts"
    assert [str(p) for p in caught.value.problems] == [
        f"{name}:3: " + said("map_pb_unknown_section", word="profile", choices=sections, hint=mean("profiles")),
        f"{name}:6: "
        + said(
            "unknown_value",
            where="",
            text="exchange2016",
            variable="email_system",
            choices=systems,
            hint=mean("exchange_2016"),
        ),
        f"{name}:7: " + said("map_pb_not_entry", written="https://", section=hosts, what=said("map_what_hosts")),
        f"{name}:8: " + said("map_pb_twice", written="MAIL.CONTOSO.COM", section=hosts, first=6),
        f"{name}:10: " + said("map_pb_system_not_name", written="fabrikam.com", shown=said("map_got_list")),
        f"{name}:11: " + said("map_pb_system_not_name", written="contoso.com", shown="2019"),
        f"{name}:12: " + said("map_pb_unknown_top", word="emial_system", hint=mean("email_system")),
    ]


@pytest.mark.parametrize(
    ("file", "line", "words"),
    [
        ("not-a-mapping.yaml", 1, "expected a mapping, such as email_system:"),
        ("syntax.yaml", 4, "YAML syntax error"),
        ("missing.yaml", 0, "missing file"),
    ],
)
def test_a_map_file_that_cannot_be_read_is_a_kb_error(day, file, line, words):
    with pytest.raises(KbError) as caught:
        load_map(MAPS / file, day)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (str(MAPS / file), line)
    assert words in problem.message


# --- --org ----------------------------------------------------------------------------------------------


def test_org_settings_are_parsed_with_the_vocabulary(day):
    assert parse_settings(day, ["fips=true", "mfa=no", "mass_email_campaigns=false"]) == {
        "fips": True,
        "mfa": False,
        "mass_email_campaigns": False,
    }
    assert parse_settings(day, []) == {}


def test_a_mailbox_variable_given_as_org_names_the_settings(day):
    with pytest.raises(InputError) as caught:
        parse_settings(day, ["email_system=gmail"])
    error = caught.value
    allowed = "fips, mfa, outlook_on_the_web, manual_tracking, mass_email_campaigns, custom_email_provider"
    assert error.key == "audit_org_not_setting"
    assert str(error) == (
        "--org email_system: not a setting of the organization but a field of each mailbox, which the export "
        f"gives; --org takes {allowed}"
    )
    assert "--org nhận" in words.message(error.key, "vi", error.values)
    with pytest.raises(InputError) as caught:
        parse_settings(day, ["outlook_sync_act_in_org=true"])
    assert caught.value.key == "audit_org_fact" and "reads this from the export" in str(caught.value)
    # Words that are no configuration at all keep the vocabulary's own errors.
    with pytest.raises(InputError) as caught:
        parse_settings(day, ["fisp=true"])
    assert caught.value.key == "unknown_variable" and "did you mean 'fips'" in str(caught.value)
    with pytest.raises(InputError) as caught:
        parse_settings(day, ["fips=maybe"])
    assert caught.value.key == "not_a_bool"


def test_org_settings_are_given_to_every_judged_mailbox_and_said(page):
    result = audit(page, export(row(2), row(3, profile=POP3, act=2)), settings={"fips": True})
    for judged in result.mailboxes:
        assert judged.config["fips"] is True
        assert judged.evidence["fips"] == words.t("audit_ev_setting", "en", variable="fips", value="true")
    assert result.settings == {"fips": True}


# --- statuses -------------------------------------------------------------------------------------------


def test_inactive_mailboxes_are_listed_not_judged_whatever_else_they_hold(page):
    broken = (Problem("Incoming Email", "'Sometimes' is not a value"),)
    result = audit(page, export(row(2, state=1), row(3, state=1, incoming=None, problems=broken)))
    assert [j.status for j in result.mailboxes] == [Status.INACTIVE, Status.INACTIVE]
    assert all(j.verdict is None and j.config == {} for j in result.mailboxes)


@pytest.mark.parametrize(
    ("incoming", "outgoing", "act"),
    [(0, 0, 2), (1, 1, 0), (3, 0, 2), (0, 1, 0), (3, 1, 2)],
)
def test_a_mailbox_that_uses_server_side_synchronization_for_nothing_is_not_synchronized(page, incoming, outgoing, act):
    assert status(row(incoming=incoming, outgoing=outgoing, act=act)) == (Status.NOT_SYNCHRONIZED, ())


@pytest.mark.parametrize(("incoming", "outgoing", "act"), [(2, 0, 2), (0, 2, 0), (0, 0, 1)])
def test_any_one_use_of_server_side_synchronization_is_judged(incoming, outgoing, act):
    assert status(row(incoming=incoming, outgoing=outgoing, act=act))[0] is Status.JUDGED


def test_a_row_whose_needed_fields_cannot_be_read_is_unreadable_with_its_problems(page):
    bad_incoming = row(2, incoming=None, problems=(Problem("Incoming Email", "'Sometimes' is not a value"),))
    bad_state = row(3, state=None, problems=(Problem("statecode", "'Dormant' is not a value of Status"),))
    bad_number = row(4, act=7)  # a reader that let an option number through
    empty = MailboxRow(
        5, state=None, incoming=None, outgoing=None, act=None, problems=(Problem("", "the row is empty"),)
    )
    nothing = MailboxRow(6, email="x@contoso.com", state=0)
    other_column = row(7, problems=(Problem("Email Address", "two addresses in one cell"),))
    result = audit(page, export(bad_incoming, bad_state, bad_number, empty, nothing, other_column))
    got = [(j.mailbox.row, j.status, j.problems) for j in result.mailboxes]
    assert got[:5] == [
        (2, Status.UNREADABLE, ("Incoming Email: 'Sometimes' is not a value",)),
        (3, Status.UNREADABLE, ("statecode: 'Dormant' is not a value of Status",)),
        (
            4,
            Status.UNREADABLE,
            (
                "Appointments, Contacts, and Tasks: 7 is not one of Dynamics' values (0: Microsoft Dynamics 365 "
                "for Outlook, 1: Server-Side Synchronization, 2: None)",
            ),
        ),
        (5, Status.UNREADABLE, ("the row is empty",)),
        (
            6,
            Status.UNREADABLE,
            (
                "the row gives none of Incoming Email, Outgoing Email and Appointments, Contacts, and Tasks, so "
                "there is nothing to judge",
            ),
        ),
    ]
    # A problem in a column the configuration does not need is said, and the row is judged.
    assert got[5][1] is Status.JUDGED and got[5][2] == ("Email Address: two addresses in one cell",)
    assert all(j.verdict is None for j in result.mailboxes[:5])


def test_a_mailbox_whose_status_is_not_given_is_judged_as_active_and_said(page):
    # Dynamics' "Active Mailboxes" views leave the Status column out: judging such a row as active
    # says so; leaving it out would drop an active mailbox silently.
    result = audit(page, export(row(2, state=None)))
    (judged,) = result.mailboxes
    assert judged.status is Status.JUDGED and judged.verdict is not None
    assert judged.problems == ("the export does not say whether the mailbox is active; it is judged as active",)


def test_every_row_is_in_the_audit_in_the_export_order(page):
    rows = [row(9, state=1), row(4), row(7, incoming=0, outgoing=0, act=2), row(1, act=9)]
    result = audit(page, export(*rows))
    assert [j.mailbox for j in result.mailboxes] == rows


# --- the organization's fact ---------------------------------------------------------------------------------


def test_outlook_for_appointments_anywhere_active_is_a_fact_for_every_mailbox(page):
    rows = (
        row(2, act=1, profile=ONLINE),
        row(3, act=0, incoming=0, outgoing=0, profile=None),  # not synchronized, but Outlook for its appointments
        row(4, act=0, state=1),  # inactive: does not count
        row(5, act=0, profile=ONLINE),
    )
    result = audit(page, export(*rows))
    assert result.facts == {"outlook_sync_act_in_org": True}
    assert result.fact_rows == {"outlook_sync_act_in_org": (3, 5)}
    first = result.mailboxes[0]
    assert first.config["outlook_sync_act_in_org"] is True
    assert first.evidence["outlook_sync_act_in_org"].startswith("a fact of the organization: at least one active")
    # The page's Note: mixing Outlook and server-side synchronization of appointments is a warning.
    assert "mixed-outlook-and-server-sync" in [r.id for r in first.violations]
    assert first.verdict is Verdict.SUPPORTED_WITH_WARNINGS


def test_no_active_mailbox_with_outlook_for_appointments_makes_the_fact_false(page):
    result = audit(page, export(row(2, act=1, profile=ONLINE), row(3, act=0, state=1), row(4, act=2)))
    assert result.facts == {"outlook_sync_act_in_org": False} and result.fact_rows == {}
    assert result.mailboxes[0].config["outlook_sync_act_in_org"] is False
    assert result.mailboxes[0].verdict is Verdict.SUPPORTED


def test_the_fact_stays_open_when_a_mailbox_that_may_be_active_cannot_say(page):
    unreadable_act = row(3, act=None, problems=(Problem("actdeliverymethod", "'?' is not a value"),))
    facts = organization_facts([row(2, act=1), unreadable_act])
    assert facts.values == {} and facts.rows == {}
    # Evidence only: a known Outlook mailbox settles it whatever the unreadable one holds.
    assert organization_facts([row(2, act=0), unreadable_act]).values == {"outlook_sync_act_in_org": True}
    result = audit(page, export(row(2, act=1, profile=ONLINE), unreadable_act))
    assert "outlook_sync_act_in_org" in result.mailboxes[0].open


# --- evidence only: the verdict of the best completion ----------------------------------------------------------


def test_an_exchange_server_mailbox_by_the_page_alone_is_supported_if_the_version_is_2010_to_2019(page):
    (judged,) = audit(page, export(row(act=1, profile=EXCHANGE))).mailboxes
    assert "email_system" in judged.open
    assert judged.verdict is Verdict.SUPPORTED
    # The page's table lists Exchange Server 2010 to 2019 (2003 and 2007 are on its unsupported list);
    # an Exchange Server profile does not fit Exchange Online nor a POP3/IMAP system (Important box).
    assert judged.possible["email_system"] == ("exchange_2010", "exchange_2013", "exchange_2016", "exchange_2019")
    assert "email_system" in judged.depends_on
    assert judged.possible["incoming_protocol"] == ("ews",)  # the axioms of an Exchange profile
    assert "fips" not in judged.depends_on  # FIPS 140-2 is no concern for Exchange
    assert judged.fix is None


def test_on_2026_11_29_an_exchange_server_mailbox_is_supported_only_if_it_is_on_exchange_se(day):
    # Extended support of Exchange Server 2016 and 2019 ended on 2025-10-14 (2010 and 2013 before);
    # Exchange SE (A8, released 2025-07-01) is read as 2019 CU15, in support: with an Exchange Server
    # profile and the version open, the verdict depends on the version (issue 21: known and possible).
    (judged,) = audit(day, export(row(act=1, profile=EXCHANGE))).mailboxes
    assert judged.verdict is Verdict.SUPPORTED_WITH_WARNINGS
    assert judged.possible["email_system"] == ("exchange_se",)
    assert "email_system" in judged.depends_on
    assert not [r for r in judged.violations if r.severity.value == "error"]
    assert "a2-exchange-2019-extended-over" in {r.id for r in judged.would_break}
    assert judged.fix is None  # nothing to fix before the version is known


# --- fixes in Dynamics' terms ---------------------------------------------------------------------------------------


def test_a_gmail_pop3_mailbox_with_appointments_through_server_side_synchronization(page):
    # The table's row 2: Gmail synchronizes email only; appointments, contacts and tasks need Exchange.
    (judged,) = audit(page, export(row(email="ana@gmail.com", profile=POP3, act=1))).mailboxes
    assert judged.config["email_system"] == "gmail" and judged.config["server_profile"] == "pop3_smtp"
    assert judged.verdict is Verdict.UNSUPPORTED
    assert "act-sync-needs-exchange" in [r.id for r in judged.violations]
    assert [(c.variable, c.before, c.after, c.field, c.field_value) for c in judged.fix] == [
        ("act_sync", True, False, "Appointments, Contacts, and Tasks", "None")
    ]
    assert judged.fix_verdict is Verdict.SUPPORTED


def test_a_profile_is_changed_before_a_mailbox_is_moved(page):
    # An Exchange Online profile for a Gmail address: either profile or system is wrong. Changing
    # the profile is one setting; moving the mailbox is a migration, so it costs more (judge.COSTS)
    # although email_system comes first in the vocabulary's order.
    (judged,) = audit(page, export(row(email="ana@gmail.com", profile=ONLINE, act=2))).mailboxes
    assert judged.verdict is Verdict.UNSUPPORTED
    assert [(c.field, c.field_value) for c in judged.fix] == [("Server Profile", "a profile of type Other (POP3/SMTP)")]


def test_a_mailbox_on_a_version_the_page_rules_out_is_moved(page):
    email_map = EmailMap.of(profiles={"Contoso Hybrid": "exchange_2007"})
    (judged,) = audit(page, export(row(profile=HYBRID)), email_map=email_map).mailboxes
    assert [r.id for r in judged.violations] == ["exchange-2003-2007"]
    (change,) = judged.fix
    assert (change.variable, change.before, change.after) == ("email_system", "exchange_2007", "exchange_2010")
    assert (change.field, change.field_value) == ("", "move the mailbox to Exchange Server 2010")
    assert change.field_value.say("vi") == "chuyển hộp thư sang Exchange Server 2010"


def test_an_organization_setting_is_changeable_and_said_to_be_one(page):
    (judged,) = audit(page, export(row(profile=ONLINE)), settings={"mfa": True}).mailboxes
    assert "mfa-to-exchange-online" in [r.id for r in judged.violations]
    (change,) = judged.fix
    assert (change.variable, change.before, change.after, change.field) == ("mfa", True, False, "")
    assert change.field_value == words.t("audit_fix_setting", "en", label="Multi-factor authentication", value="No")
    assert change.field_value.say("vi") == words.t("audit_fix_setting", "vi", label="Xác thực đa yếu tố", value="Không")


@pytest.mark.parametrize(
    ("variable", "before", "after", "incoming", "outgoing", "field", "value"),
    [
        ("act_sync", False, True, 2, 2, "Appointments, Contacts, and Tasks", "Server-Side Synchronization"),
        ("act_sync", True, False, 2, 2, "Appointments, Contacts, and Tasks", "None"),
        ("email_sync", True, False, 2, 0, "Incoming Email", "None"),
        ("email_sync", True, False, 1, 2, "Outgoing Email", "None"),
        ("email_sync", True, False, 2, 2, "Incoming Email and Outgoing Email", "None"),
        (
            "email_sync",
            False,
            True,
            0,
            0,
            "Incoming Email and Outgoing Email",
            "Server-Side Synchronization or Email Router",
        ),
        (
            "server_profile",
            "exchange_online",
            "exchange_server_hybrid",
            2,
            2,
            "Server Profile",
            "a profile of type Exchange Server (Hybrid)",
        ),
        ("server_profile", "exchange_online", "imap_smtp", 2, 2, "Server Profile", "a profile of type IMAP/SMTP"),
        ("email_system", "gmail", "exchange_online", 2, 2, "", "move the mailbox to Exchange Online"),
        ("fips", True, False, 2, 2, "", words.t("audit_fix_setting", "en", label="FIPS 140-2 compliance", value="No")),
        (
            "outlook_sync_act_in_org",
            True,
            False,
            2,
            2,
            "",
            "the other mailboxes of the organization stop synchronizing Appointments, Contacts, and Tasks "
            "through Microsoft Dynamics 365 for Outlook",
        ),
    ],
)
def test_each_change_in_dynamics_terms(page, variable, before, after, incoming, outgoing, field, value):
    change = in_dynamics(VocabularyChange(variable, before, after), row(incoming=incoming, outgoing=outgoing), page)
    assert (change.variable, change.before, change.after) == (variable, before, after)
    assert (change.field, change.field_value) == (field, value)


def test_the_words_of_a_fix_and_of_evidence_are_said_in_vietnamese_and_survive_pickling(page):
    (judged,) = audit(page, export(row(email="ana@gmail.com", profile=ONLINE, act=2))).mailboxes
    value = judged.fix[0].field_value
    assert isinstance(value, Said) and value.say("vi") == "một hồ sơ loại Other (POP3/SMTP)"
    evidence = judged.evidence["email_system"]
    assert evidence.say("vi") == "địa chỉ email thuộc tên miền gmail.com, một tên miền của Gmail"
    copy = pickle.loads(pickle.dumps(judged))
    assert copy == judged and copy.evidence["email_system"].say("vi") == evidence.say("vi")


# --- summary, rules, grouping ------------------------------------------------------------------------------------


def test_summary_and_rule_counts(page):
    rows = (
        row(2, email="a@gmail.com", profile=POP3, act=1),  # unsupported: act-sync-needs-exchange
        row(3, email="b@gmail.com", profile=POP3, act=1),  # the same
        row(4, email="c@gmail.com", profile=ONLINE, act=2),  # unsupported: a Gmail address on an Online profile
        row(5, profile=ONLINE, act=2),  # supported
        row(6, state=1),
        row(7, incoming=0, outgoing=0, act=2),
        row(8, act=5),
    )
    result = audit(page, export(*rows))
    assert summary(result) == {
        "mailboxes": 7,
        "judged": 4,
        "supported": 1,
        "supported_with_warnings": 0,
        "unsupported": 3,
        "depends": 1,  # the supported one, by the page alone, if the organization's settings allow it
        "inactive": 1,
        "not_synchronized": 1,
        "unreadable": 1,
    }
    counts = dict(rule_counts(result))
    assert counts["act-sync-needs-exchange"] == 2
    assert counts["online-profile-for-external-server"] == 1
    assert [n for _, n in rule_counts(result)] == sorted(counts.values(), reverse=True)


class Spy:
    """Counts the calls of a function, with the configurations it was asked about."""

    def __init__(self, function):
        self.function = function
        self.asked: list[tuple] = []

    def __call__(self, *args, **kwargs):
        config = args[1] if not isinstance(args[0], dict) else args[0]
        self.asked.append(tuple(sorted(config.items())))
        return self.function(*args, **kwargs)


def test_each_distinct_configuration_is_checked_and_fixed_once(page, monkeypatch):
    check = Spy(SupportModel.check)
    fix = Spy(judge_module.fixes.nearest_fixes)
    monkeypatch.setattr(SupportModel, "check", lambda self, *a, **k: check(self, *a, **k))
    monkeypatch.setattr(judge_module.fixes, "nearest_fixes", fix)
    kinds = [
        dict(email="a@gmail.com", profile=POP3, act=1),  # unsupported
        dict(email="b@contoso.com", profile=ONLINE, act=2),  # supported
        dict(email="c@gmail.com", profile=ONLINE, act=2),  # unsupported
        dict(email="d@contoso.com", profile=EXCHANGE, act=1, incoming=2, outgoing=0),  # supported if 2010-2019
    ]
    rows = [row(n, **kinds[n % 4]) for n in range(2, 202)]
    result = audit(page, export(*rows))
    assert len(check.asked) == 4 and len(set(check.asked)) == 4
    assert len(fix.asked) == 2 and len(set(fix.asked)) == 2
    # Rows alike share one answer, and the answer is the one each alone would get.
    alone = audit(page, export(rows[0])).mailboxes[0]
    same = [j for j in result.mailboxes if j.config == alone.config]
    assert len(same) == 50 and all((j.verdict, j.fix) == (alone.verdict, alone.fix) for j in same)


def test_progress_counts_distinct_configurations(page):
    calls: list[tuple[int, int]] = []
    audit(
        page, export(row(2), row(3), row(4, profile=ONLINE)), progress=lambda done, total: calls.append((done, total))
    )
    assert calls == [(1, 2), (2, 2)]


def synthetic_export(n: int, seed: int = 13) -> Export:
    """An organization of `n` mailboxes over a few profiles and domains: a few dozen configurations."""
    rng = random.Random(seed)
    profiles = [EXCHANGE, POP3, HYBRID, ONLINE, IMAP, None]
    domains = ["contoso.com", "gmail.com", "yahoo.com", "outlook.com", "fabrikam.com", "msn.com"]
    rows = []
    for i in range(n):
        profile = rng.choice(profiles)
        rows.append(
            row(
                i + 2,
                email=f"user{i}@{rng.choice(domains)}",
                state=rng.choice((0, 0, 0, 0, 1)),
                incoming=rng.choice((0, 1, 2, 2, 2, 3)),
                outgoing=rng.choice((0, 1, 2, 2)),
                act=rng.choice((0, 1, 2)),
                profile=profile,
            )
        )
    return Export(Shape.CSV, "synthetic.csv", tuple(rows))


def test_a_hundred_thousand_mailboxes_are_judged_in_seconds(day, monkeypatch):
    # One search per row would take minutes: the bound catches that, not a slower machine
    # (measured: about 0.4 s for these 100,000 rows and their 66 configurations).
    check = Spy(SupportModel.check)
    monkeypatch.setattr(SupportModel, "check", lambda self, *a, **k: check(self, *a, **k))
    big = synthetic_export(100_000)
    start = time.perf_counter()
    result = audit(day, big)
    elapsed = time.perf_counter() - start
    counts = summary(result)
    assert counts["mailboxes"] == 100_000
    assert counts["judged"] == counts["supported"] + counts["supported_with_warnings"] + counts["unsupported"]
    assert len(check.asked) == len(set(check.asked)) <= 100
    assert elapsed < 15, elapsed


def test_rows_alike_share_one_assessment_and_each_judged_is_frozen(day):
    """judge.audit makes one Assessment per kind of row and a Judged of two fields per row: rows
    alike share the same object, each Judged reads its fields through it, and both are frozen."""
    import dataclasses

    from syncmatrix.audit.model import Assessment, Judged

    alike = audit(day, export(*(row(n, email=f"u{n}@contoso.com", profile=HYBRID) for n in range(2, 12))))
    assert len({id(judged.assessment) for judged in alike.mailboxes}) == 1
    result = audit(day, synthetic_export(300))
    assert 1 < len({id(judged.assessment) for judged in result.mailboxes}) < len(result.mailboxes)
    for judged in result.mailboxes:
        assert type(judged) is Judged and type(judged.assessment) is Assessment
        for f in dataclasses.fields(Assessment):
            assert getattr(judged, f.name) is getattr(judged.assessment, f.name), f.name
        with pytest.raises(dataclasses.FrozenInstanceError):
            judged.assessment = judged.assessment  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError):
            judged.assessment.verdict = None  # type: ignore[misc]


def test_rows_with_equal_profiles_of_their_own_get_the_same_answer(day):
    """The signature of a row names its profile by identity (readers share one object a profile):
    rows that hold equal profiles as objects of their own are each mapped, and answered alike."""
    import copy

    shared = [row(n, email=f"u{n}@contoso.com", profile=HYBRID) for n in range(2, 6)]
    own = [row(n, email=f"u{n}@contoso.com", profile=copy.copy(HYBRID)) for n in range(6, 10)]
    result = audit(day, export(*shared, *own))
    answers = {(j.verdict, j.config == result.mailboxes[0].config, j.fix) for j in result.mailboxes}
    assert len(answers) == 1
