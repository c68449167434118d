"""The names people type (issue 21): aliases and hints of data/variables.yaml on the command line,
and the loader's checks of them on a small knowledge base of our own (tests/kbs/names-tiny).

An alias is accepted in place of its name and every answer says the name itself; a hint is a name
several values share, only suggested; a name squeezed of its punctuation stays refused.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from kbtools import KBS, copy_kb, edit, problems

from syncmatrix import kb
from syncmatrix.cli import main

PAGE = "--page-only"
VARIABLES = "variables.yaml"
TINY = str(KBS / "names-tiny")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("email_system=hotmail", "email_system=outlook_com"),
        ("email_system=Hotmail", "email_system=outlook_com"),
        ("email_system=o365", "email_system=exchange_online"),
        ("email_system=office365", "email_system=exchange_online"),
        ("email_system=m365", "email_system=exchange_online"),
        ("email_system=exo", "email_system=exchange_online"),
        ("appointments=true", "act_sync=true"),
        ("contacts=yes", "act_sync=true"),
        ("tasks=no", "act_sync=false"),
        ("act=true", "act_sync=true"),
    ],
)
def test_an_alias_gives_the_answer_of_its_name(capsys, typed, named):
    expected = run(capsys, "check", named, "fips=true", PAGE)
    assert run(capsys, "check", typed, "fips=true", PAGE) == expected


def test_the_answer_says_the_name_not_the_alias(capsys):
    code, out, err = run(capsys, "check", "email_system=hotmail", "fips=true", PAGE)
    assert (code, err) == (1, "")
    assert "Conflict (a minimal set of choices no completion satisfies): email_system=outlook_com, fips=true" in out
    assert "hotmail" not in out


def test_an_alias_and_its_name_saying_two_values_is_a_variable_given_twice(capsys):
    code, out, err = run(capsys, "check", "appointments=true", "act_sync=false", PAGE)
    assert (code, out) == (2, "")
    assert err == "syncmatrix: act_sync is given twice, as true and false; give it once\n"


def test_lock_and_cost_take_an_alias_of_the_variable(capsys):
    argv = ["fix", "email_system=gmail", "act_sync=true", PAGE]
    expected = run(capsys, *argv, "--lock", "act_sync", "--cost", "email_system=3")
    assert (expected[0], expected[2]) == (0, "") and "email_system → " in expected[1]
    assert run(capsys, *argv, "--lock", "appointments", "--cost", "mail_system=3") == expected


def _refusal(capsys, *argv):
    code, out, err = run(capsys, "check", *argv, PAGE)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("word", "hint"),
    [
        ("email_system=live", "(did you mean one of 'outlook_com', 'windows_live_mail'?)"),
        (
            "email_system=exchange",
            "(did you mean one of 'exchange_online', 'exchange_2003', 'exchange_2007', 'exchange_2010', "
            "'exchange_2013', 'exchange_2016', 'exchange_2019', 'exchange_se'?)",
        ),
        (
            "server_profile=exchange",
            "(did you mean one of 'exchange_server', 'exchange_server_hybrid', 'exchange_online'?)",
        ),
        ("email_system=hotmial", "(did you mean 'outlook_com'?)"),
        ("email_system=ofice365", "(did you mean 'exchange_online'?)"),
        ("appointmens=true", "(did you mean 'act_sync'?)"),
        ("email=gmail", "(did you mean one of 'email_system', 'email_sync'?)"),
    ],
)
def test_a_hint_or_a_near_alias_is_suggested_never_accepted(capsys, word, hint):
    err = _refusal(capsys, word)
    assert err.rstrip("\n").endswith(hint)


def test_a_hint_is_suggested_in_vietnamese_too(capsys):
    err = _refusal(capsys, "email_system=live", "--lang", "vi")
    assert err.rstrip("\n").endswith("(có phải ý bạn là một trong 'outlook_com', 'windows_live_mail'?)")


@pytest.mark.parametrize(
    "word", ["email_system=exchange2016", "email_system=exchangeonline", "email_system=outlookcom"]
)
def test_a_name_squeezed_of_its_punctuation_stays_refused(capsys, word):
    err = _refusal(capsys, word)
    assert "unknown value" in err and "(did you mean '" in err


def test_the_tiny_kb_reads_its_aliases_and_hints():
    knowledge = kb.load(TINY)
    assert knowledge.variable_named("mail_system") == "email_system"
    assert knowledge.variable_named("Appointments") == "act_sync"
    assert knowledge.variable_named("email") is None  # a hint of two variables
    system = knowledge.variable("email_system")
    assert (system.value_named("googlemail"), system.value_named("GMail"), system.value_named("mail")) == (
        "gmail",
        "gmail",
        None,
    )
    assert system.hinted("mail") == ("exchange_2016", "gmail")
    assert knowledge.hinted_variables("email") == ("email_system", "act_sync")


def test_the_tiny_kb_on_the_command_line(capsys):
    code, out, err = run(capsys, "check", "--kb", TINY, "mail_system=googlemail", "appointments=yes", PAGE)
    assert (code, err) == (1, "")
    assert "Verdict: unsupported  (complete configuration)" in out and "act-sync-needs-exchange" in out


@pytest.fixture
def names(tmp_path: Path) -> Path:
    return copy_kb("names-tiny", tmp_path)


def test_an_alias_that_is_a_value_is_a_problem_at_its_line(names):
    line = edit(names, VARIABLES, "aliases: [googlemail]", "aliases: [googlemail, exchange_2016]")
    assert problems(names) == [
        f"{VARIABLES}:{line}: alias 'exchange_2016' of value 'gmail' in variable 'email_system' is already the "
        "value 'exchange_2016'; an alias names one thing only (a name several things share belongs in 'hints')"
    ]


def test_an_alias_of_two_values_is_a_problem_at_its_second_line(names):
    line = edit(
        names,
        VARIABLES,
        "        hints: [mail]\n      - name: gmail",
        "        hints: [mail]\n        aliases: [googlemail]\n      - name: gmail",
    )
    assert problems(names) == [
        f"{VARIABLES}:{line + 4}: alias 'googlemail' of value 'gmail' in variable 'email_system' is already an "
        "alias of value 'exchange_2016'; an alias names one thing only (a name several things share belongs in 'hints')"
    ]


def test_an_alias_of_two_variables_is_a_problem(names):
    line = edit(names, VARIABLES, "aliases: [appointments]", "aliases: [appointments, mail_system]")
    assert problems(names) == [
        f"{VARIABLES}:{line}: alias 'mail_system' of variable 'act_sync' in the variables is already an alias of "
        "variable 'email_system'; an alias names one thing only (a name several things share belongs in 'hints')"
    ]


def test_an_alias_that_is_a_name_squeezed_of_its_punctuation_is_a_problem(names):
    line = edit(names, VARIABLES, "aliases: [googlemail]", "aliases: [googlemail, exchange2016]")
    assert problems(names) == [
        f"{VARIABLES}:{line}: alias 'exchange2016' of value 'gmail' in variable 'email_system' is 'exchange_2016' "
        "with its punctuation left out; such a name is refused with the name suggested, not accepted"
    ]


def test_a_hint_that_is_an_alias_is_a_problem(names):
    line = edit(names, VARIABLES, "hints: [mail]\n      - name: gmail", "hints: [googlemail]\n      - name: gmail")
    assert problems(names) == [
        f"{VARIABLES}:{line}: hint 'googlemail' of value 'exchange_2016' in variable 'email_system' is already an "
        "alias of value 'gmail'; a hint is a name that is not accepted, only suggested"
    ]


@pytest.mark.parametrize("bad", ["Hotmail", "hot-mail", "true", "1"])
def test_an_alias_must_be_a_plain_lower_case_identifier(names, bad):
    line = edit(names, VARIABLES, "aliases: [googlemail]", f'aliases: [googlemail, "{bad}"]')
    assert problems(names) == [
        f"{VARIABLES}:{line}: 'aliases' of value 'gmail' of variable 'email_system' names '{bad}'; a name people "
        "type must be a plain lower-case identifier (letters, digits, _), not true or false"
    ]


def test_the_shipped_aliases_load_and_name_one_thing_each(page_kb):
    # data/variables.yaml's own: the loader accepted them, and none is a name squeezed of its punctuation.
    system = page_kb.variable("email_system")
    assert system.value_named("hotmail") == "outlook_com"
    assert system.hinted("live") == ("outlook_com", "windows_live_mail")
    assert page_kb.variable_named("appointments") == "act_sync"


# --- options before the command: read by the command as if they followed it ---


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            ["--lang", "vi", "check", "email_system=msn", "fips=true", PAGE],
            ["check", "email_system=msn", "fips=true", PAGE, "--lang", "vi"],
        ),
        (["--lang=vi", PAGE, "check", "email_system=msn"], ["check", "email_system=msn", "--lang=vi", PAGE]),
        (["--la", "vi", "check", "fips=maybe", PAGE], ["check", "fips=maybe", PAGE, "--lang", "vi"]),
        ([PAGE, "--json", "count", "email_system=gmail"], ["count", "email_system=gmail", PAGE, "--json"]),
        (["--format", "json", PAGE, "check", "email_system=gmail"], ["check", "email_system=gmail", PAGE, "--json"]),
        (
            ["--as-of", "2026-11-29", "timeline", "email_system=exchange_2019"],
            ["timeline", "email_system=exchange_2019", "--as-of", "2026-11-29"],
        ),
        (
            ["--kb", TINY, PAGE, "check", "email_system=gmail", "act_sync=true"],
            ["check", "--kb", TINY, "email_system=gmail", "act_sync=true", PAGE],
        ),
    ],
)
def test_an_option_before_the_command_is_read_as_after_it(capsys, before, after):
    expected = run(capsys, *after)
    assert expected[0] in (0, 1, 2) and expected[1] + expected[2]
    assert run(capsys, *before) == expected


def test_an_option_the_command_lacks_is_refused_before_or_after_it(capsys):
    said = (
        "syncmatrix: vocabulary has no option --page-only, before or after its name; the commands that take it: "
        "check, fix, enumerate, count, audit, lint, table, dashboard, export (see 'syncmatrix --help')\n"
    )
    assert run(capsys, PAGE, "vocabulary") == (2, "", said)
    assert run(capsys, "vocabulary", PAGE) == (2, "", said)


def test_an_unknown_option_before_the_command_is_refused_with_a_suggestion(capsys):
    code, out, err = run(capsys, "--pge-only", "check", "email_system=gmail")
    assert (code, out) == (2, "")
    assert (
        err
        == "syncmatrix: unrecognized arguments: --pge-only (did you mean '--page-only'?) (see 'syncmatrix --help')\n"
    )


def test_options_and_no_command_say_the_command_is_missing_in_their_language(capsys):
    assert run(capsys, "--lang", "vi") == (
        2,
        "",
        "syncmatrix: thiếu các tham số bắt buộc: COMMAND (xem 'syncmatrix --help')\n",
    )
    code, out, _ = run(capsys, "--lang", "vi", "--help")
    assert code == 0 and out.startswith("usage: syncmatrix [-h] COMMAND ...")
    code, _, err = run(capsys, "--lang", "vi", "chek")
    assert code == 2 and "không có lệnh 'chek'" in err and "(có phải ý bạn là 'check'?)" in err


# --- the format names people use: the suffixes of the files (md, htm, txt) ---

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"
AUDIT = [
    "audit",
    str(EXAMPLES / "mailboxes.csv"),
    "--profiles",
    str(EXAMPLES / "profiles.csv"),
    "--as-of",
    "2026-11-29",
]


@pytest.mark.parametrize(("typed", "named"), [("md", "markdown"), ("MD", "markdown"), ("htm", "html"), ("txt", "text")])
def test_audit_takes_the_format_by_its_suffix(capsys, typed, named):
    expected = run(capsys, *AUDIT, "--format", named)
    assert expected[1]
    assert run(capsys, *AUDIT, "--format", typed) == expected


@pytest.mark.parametrize(("typed", "named"), [("md", "markdown"), ("htm", "html")])
def test_table_takes_the_format_by_its_suffix(capsys, typed, named):
    expected = run(capsys, "table", PAGE, "--format", named)
    assert expected[0] == 0 and expected[1]
    assert run(capsys, "table", PAGE, "--format", typed) == expected


def test_a_format_name_for_a_format_the_command_lacks_is_refused(capsys):
    code, out, err = run(capsys, "table", PAGE, "--format", "txt")
    assert (code, out) == (2, "")
    assert err == (
        "syncmatrix: argument --format: invalid choice: 'txt' (choose from markdown, html, csv, json) "
        "(see 'syncmatrix table --help')\n"
    )


def test_the_format_names_are_those_of_the_suffixes_and_the_help_says_them(capsys):
    from syncmatrix.cli import FORMAT_NAMES
    from syncmatrix.files import format_for

    assert {name: format_for(f"report.{name}") for name in FORMAT_NAMES if name != "txt"} == {
        name: fmt for name, fmt in FORMAT_NAMES.items() if name != "txt"
    }
    assert main(["audit", "--help"]) == 0
    assert "also md for markdown, htm for html, txt for text" in " ".join(capsys.readouterr().out.split())
    assert main(["table", "--help"]) == 0
    assert "also md for markdown, htm for html)" in " ".join(capsys.readouterr().out.split())


# --- --org without a value: an example that --org itself takes ---

SETTINGS = "fips, mfa, outlook_on_the_web, manual_tracking, mass_email_campaigns, custom_email_provider"


@pytest.mark.parametrize(
    ("word", "example"),
    [
        ("fips", "fips=false"),
        ("mfa", "mfa=false"),
        ("fips_140_2", "fips=false"),
        ("email_system", "fips=false"),
        ("=true", "fips=false"),
    ],
)
def test_org_without_a_value_gives_an_example_org_takes(capsys, word, example):
    code, out, err = run(capsys, *AUDIT, "--org", word)
    assert (code, out) == (2, "")
    assert err == (
        f"syncmatrix: --org '{word}': expected SETTING=VALUE, a setting with its value, as in --org {example}; "
        f"--org takes {SETTINGS}\n"
    )
    # The example is one --org takes: the audit runs with it.
    assert run(capsys, *AUDIT, "--org", example)[0] in (0, 1, 3)


def test_org_without_a_value_in_vietnamese(capsys):
    code, _, err = run(capsys, *AUDIT, "--org", "fips", "--lang", "vi")
    assert code == 2 and "ví dụ --org fips=false;" in err


def test_org_takes_an_alias_of_a_setting(capsys):
    assert run(capsys, *AUDIT, "--org", "fips_140_2=true", "--json") == run(
        capsys, *AUDIT, "--org", "fips=true", "--json"
    )


# --- a profiles file that is not needed: set aside with a warning, and the audit goes on ---

EXPANDED = ["audit", str(EXAMPLES / "mailboxes.json"), "--as-of", "2026-11-29"]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "syncmatrix: warning: profiles file {profiles} set aside, not read: the mailboxes of {mailboxes} carry "
            "their email server profiles themselves ($expand=emailserverprofile); the audit goes on without it\n",
        ),
        (
            "vi",
            "syncmatrix: cảnh báo: đã bỏ qua tệp hồ sơ {profiles}, không đọc: các hộp thư trong {mailboxes} tự mang "
            "hồ sơ máy chủ email của chúng ($expand=emailserverprofile); việc kiểm tra vẫn tiếp tục mà không cần "
            "tệp đó\n",
        ),
    ],
)
def test_a_profiles_file_not_needed_is_a_warning_and_the_audit_goes_on(capsys, lang, said):
    profiles = str(EXAMPLES / "profiles.json")
    code, out, err = run(capsys, *EXPANDED, "--lang", lang)
    assert (code, err) == (1, "")
    assert run(capsys, *EXPANDED, "--lang", lang, "--profiles", profiles) == (
        code,
        out,
        said.format(profiles=profiles, mailboxes=EXPANDED[1]),
    )


def test_the_json_report_notes_the_profiles_file_set_aside(capsys):
    profiles = str(EXAMPLES / "profiles.json")
    code, out, err = run(capsys, *EXPANDED, "--json", "--profiles", profiles)
    assert code == 1 and err.startswith("syncmatrix: warning: profiles file ")
    [note] = json.loads(out)["export"]["notes"]
    assert note == err.removeprefix("syncmatrix: warning: ").rstrip("\n")
