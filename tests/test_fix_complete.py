"""Fill the rest with the nearest supported values (issue 14): solver.fix.fill_open and
nearest_completion against the oracle, `syncmatrix fix --complete` in text and JSON, and the Fix tab
that shows what it fixes, what Apply changed, and fills the rest in one click."""

from __future__ import annotations

import datetime
import itertools
import json
import random

import pytest
from conftest import DATA
from oracle import SUPPORTED, UNSUPPORTED, Oracle

from syncmatrix.cli import main
from syncmatrix.present.words import t
from syncmatrix.solver.fix import fill_open, fix_completion, nearest_completion, nearest_fixes

DAY = "2026-11-29"
GMAIL_ACT = {"email_system": "gmail", "act_sync": True}


def _first_best(oracle: Oracle, acceptable: dict, given: dict) -> dict | None:
    """The oracle's answer: among the acceptable completions of `given`, those of the best verdict,
    the first in vocabulary order (each variable in its domain's order); None when there is none."""
    matches = []
    for values, verdict in acceptable.items():
        config = dict(zip(oracle.names, values, strict=True))
        if all(config[n] == v for n, v in given.items()):
            matches.append((verdict != SUPPORTED, [oracle.domains[n].index(config[n]) for n in oracle.names], config))
    return min(matches, key=lambda m: (m[0], m[1]))[2] if matches else None


def _samples(oracle: Oracle, count: int, seed: int) -> list[dict]:
    """Partial configurations drawn from the whole space (most of them unsupported), 1 to 10 given."""
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        full = {n: rng.choice(d) for n, d in oracle.domains.items()}
        found.append(dict(rng.sample(sorted(full.items(), key=lambda item: item[0]), rng.randint(1, 10))))
    return found


def test_fill_open_is_the_first_completion_of_the_best_verdict_by_the_oracle(model, oracle, acceptable):
    nones = fills = 0
    for given in _samples(oracle, 300, 1401) + [{}]:
        expected = _first_best(oracle, acceptable, given)
        found = fill_open(model, given)
        assert found == expected, given
        if found is None:
            nones += 1
            continue
        fills += 1
        assert oracle.verdict(found) != UNSUPPORTED and all(found[n] == v for n, v in given.items())
    assert nones >= 30 and fills >= 30, (nones, fills)  # both answers are met


def test_nearest_completion_fixes_first_then_fills_keeping_what_the_fix_keeps(model, oracle, acceptable):
    met = 0
    for given in _samples(oracle, 120, 1402):
        fixes = nearest_fixes(model, given).fixes
        found = nearest_completion(model, given)
        if not fixes:
            assert found is None and _first_best(oracle, acceptable, given) is None, given
            continue
        changed = {c.variable: c.after for c in fixes[0].changes}
        assert found == fill_open(model, {**given, **changed}), given
        assert oracle.verdict(found) != UNSUPPORTED, given
        assert all(found[n] == changed.get(n, v) for n, v in given.items()), given
        met += bool(changed)
    assert met >= 20


def test_every_fix_has_a_completion_of_its_own_verdict(model, oracle):
    for config in (GMAIL_ACT, {"email_system": "msn", "fips": True}, {"email_system": "exchange_2019"}):
        for fix in nearest_fixes(model, config).fixes:
            opened = fix_completion(model, config, fix)
            assert opened is not None and set(opened) == set(model.order) - set(config)
            whole = {**config, **{c.variable: c.after for c in fix.changes}, **opened}
            assert oracle.verdict(whole) == fix.verdict.value, (config, fix)


def test_a_complete_acceptable_configuration_fills_nothing(model, oracle, acceptable):
    whole = dict(zip(oracle.names, next(iter(acceptable)), strict=True))
    assert fill_open(model, whole) == whole
    assert fix_completion(model, whole, nearest_fixes(model, whole).fixes[0]) == {}


# --- the command line ------------------------------------------------------------------------------------


def _fix_json(capsys, *words: str) -> dict:
    main(["fix", "--json", *words])
    return json.loads(capsys.readouterr().out)


def test_fix_complete_json_adds_each_fixs_completion_and_keeps_every_other_key(capsys):
    words = ("--as-of", DAY, "email_system=gmail", "act_sync=true")
    plain = _fix_json(capsys, *words)
    completed = _fix_json(capsys, "--complete", *words)
    assert all("completion" not in fix for fix in plain["fixes"])
    assert [{k: v for k, v in fix.items() if k != "completion"} for fix in completed["fixes"]] == plain["fixes"]
    oracle = Oracle(DATA, datetime.date.fromisoformat(DAY))
    for fix in completed["fixes"]:
        whole = {**GMAIL_ACT, **{c["variable"]: c["to"] for c in fix["changes"]}, **fix["completion"]}
        assert set(fix["completion"]) == set(oracle.names) - set(GMAIL_ACT)
        assert oracle.verdict(whole) == fix["verdict"]


def test_fix_complete_json_of_an_acceptable_configuration_is_its_completion(capsys, model):
    document = _fix_json(capsys, "--complete", "--page-only", "email_system=gmail")
    [fix] = document["fixes"]
    assert fix["changes"] == [] and fix["completion"] == {
        n: v for n, v in fill_open(model, {"email_system": "gmail"}).items() if n != "email_system"
    }


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_fix_complete_text_says_what_each_fix_fills_in(capsys, lang):
    assert main(["fix", "--complete", "--as-of", DAY, "--lang", lang, "email_system=gmail", "act_sync=true"]) == 0
    text = capsys.readouterr().out
    lines = text.splitlines()
    fills = []  # the words each fix fills in, its header line and the lines that carry it on
    for i, line in enumerate(lines):
        if line.strip().startswith(t("fill_in", lang) + ":"):
            carried = itertools.takewhile(lambda more: more.startswith(" " * 9), lines[i + 1 :])
            fills.append(" ".join([line.split(":", 1)[1], *carried]).split())
    document = _fix_json(capsys, "--complete", "--as-of", DAY, "email_system=gmail", "act_sync=true")
    expected = [[f"{n}={str(v).lower()}" for n, v in fix["completion"].items()] for fix in document["fixes"]]
    assert sorted(map(sorted, fills)) == sorted(map(sorted, expected))  # one per fix, every value
    assert max(len(line) for line in text.splitlines() if "=" in line and "http" not in line) <= 100
    assert main(["fix", "--as-of", DAY, "--lang", lang, "email_system=gmail", "act_sync=true"]) == 0
    assert t("fill_in", lang) not in capsys.readouterr().out
    assert main(["fix", "--complete", "--page-only", "--lang", lang, "email_system=gmail"]) == 0
    assert f"{t('fill_in_only', lang)}: deployment=onprem" in capsys.readouterr().out


def test_fix_complete_of_a_complete_configuration_says_nothing_is_open(capsys, oracle, acceptable):
    whole = dict(zip(oracle.names, next(iter(acceptable)), strict=True))
    words = [f"{n}={str(v).lower()}" for n, v in whole.items()]
    assert main(["fix", "--complete", "--page-only", *words]) == 0
    assert t("fill_none", "en") in capsys.readouterr().out


def test_fix_help_shows_complete_with_an_example(capsys):
    assert main(["fix", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--complete" in text and "syncmatrix fix --complete email_system=gmail" in text


# --- the Fix tab -----------------------------------------------------------------------------------------

APP = str(DATA.parent / "dashboard" / "app.py")
TAB = {"en": "Fix", "vi": "Sửa"}


def _fix_tab(lang: str = "en", **query: str):
    """The Fix tab opened on a link about DAY."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"as_of": DAY, "lang": lang, **query})
    at.run()
    at.session_state[f"tabs:{lang}"] = TAB[lang]
    at.run()
    _clean(at)
    return at


def _clean(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not {t("unexpected", lang) for lang in ("en", "vi")} & {e.value for e in at.error}


def _click(at, key: str) -> None:
    at.button(key=key).click()
    at.run()
    _clean(at)


def _pair(kb, name: str, value: object, lang: str) -> str:
    return t("set_value", lang, label=kb.variable(name).label.get(lang), value=kb.label_of(name, value, lang))


@pytest.fixture(scope="module")
def dated_kb(page_kb):
    return page_kb.as_of(datetime.date.fromisoformat(DAY))


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_fix_tab_shows_the_configuration_it_fixes_and_its_verdict(dated_kb, lang):
    pytest.importorskip("streamlit")
    at = _fix_tab(lang, email_system="gmail", act_sync="true")
    chosen = next(m.value for m in at.markdown if dated_kb.variable("email_system").label.get(lang) + ":" in m.value)
    assert f"**{dated_kb.label_of('email_system', 'gmail', lang)}**" in chosen
    assert f"{dated_kb.variable('act_sync').label.get(lang)}: **{dated_kb.label_of('act_sync', True, lang)}**" in chosen
    [verdict] = at.error  # unsupported: red, as in Explore
    assert verdict.value.startswith(f"**{t('verdict', lang)}: {t('unsupported', lang)}")
    assert any(m.value == f"**{t('fix_for', lang)}**" for m in at.markdown)


def test_apply_says_what_changed_with_the_new_verdict_until_a_value_changes(dated_kb):
    pytest.importorskip("streamlit")
    at = _fix_tab(email_system="gmail", act_sync="true")
    assert not at.success
    _click(at, "apply:fix:1")
    notice = at.success[0].value
    assert notice.startswith(t("fix_applied", "en", changes=_pair(dated_kb, "act_sync", False, "en")))
    assert t("fix_applied_verdict", "en", verdict=t("supported_with_warnings", "en")) in notice
    assert at.query_params["act_sync"] == "false"
    at.session_state["tabs:en"] = "Explore"
    at.run()
    at.selectbox(key="value:fips").set_value(False)
    at.run()
    at.session_state["tabs:en"] = "Fix"
    at.run()
    _clean(at)
    assert not any(s.value.startswith(t("fix_applied", "en", changes="")) for s in at.success)


def test_fill_the_rest_fills_every_open_value_supported_and_says_so(model, dated_kb):
    pytest.importorskip("streamlit")
    at = _fix_tab(email_system="gmail", act_sync="true")
    _click(at, "fill_rest")
    params = dict(at.query_params)
    assert set(model.order) <= set(params)
    assert params["email_system"] == "gmail" and params["act_sync"] == "false"  # the first fix, then the rest
    oracle = Oracle(DATA, datetime.date.fromisoformat(DAY))
    chosen = {n: {"true": True, "false": False}.get(params[n], params[n]) for n in model.order}
    assert oracle.verdict(chosen) != UNSUPPORTED
    notice = at.success[0].value
    assert t("fix_filled", "en", changes=_pair(dated_kb, "deployment", "onprem", "en")) in notice
    assert "fill_rest" not in [b.key for b in at.button]  # nothing is left open


def test_also_fill_makes_each_apply_fill_the_open_values(model, dated_kb):
    pytest.importorskip("streamlit")
    at = _fix_tab(email_system="gmail", act_sync="true")
    at.toggle(key="fill_also").set_value(True)
    at.run()
    _clean(at)
    assert any(c.value.startswith(t("fill_also_line", "en", changes="")) for c in at.caption)
    # The fixes, lasting ones first: appointments off, Exchange SE, then Exchange Online (EWS ends 2027-04-01).
    _click(at, "apply:fix:3")  # moving the mailbox to Exchange Online, and filling the rest
    params = dict(at.query_params)
    assert set(model.order) <= set(params) and params["email_system"] == "exchange_online"


def test_each_rule_the_fixes_resolve_is_explained_once_and_each_fix_names_it_by_title(dated_kb):
    pytest.importorskip("streamlit")
    at = _fix_tab(email_system="gmail", act_sync="true")
    for rule_id in ("act-sync-needs-exchange", "a5-gmail-password-sign-in-off"):
        rule = dated_kb.rule(rule_id)
        assert sum(rule.remedy.en in m.value for m in at.markdown) == 1, rule_id
        assert not any(rule.remedy.en in c.value for c in at.caption)
        resolves = t("fix_resolves_short", "en", rules="")
        assert any(rule.title.en in c.value for c in at.caption if c.value.startswith(resolves))
    assert at.markdown[[m.value for m in at.markdown].index(f"**{t('fix_rules', 'en')}**") + 1].value.startswith(
        f"- **{dated_kb.rule('act-sync-needs-exchange').title.en}** — "
    )
