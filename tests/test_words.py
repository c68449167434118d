"""The words people read, in both languages (issue 14, "Words" and "Command line").

Every entry of syncmatrix/present/words.py and every Text of the shipped knowledge base exists in
English and Vietnamese; the Vietnamese terms docs/glossary.vi.md rejects appear in no Vietnamese
text; the command line names rules by their titles, says kinds in the output's language, says what
each fix resolves once, and lists configurations within 100 columns.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from syncmatrix import kb
from syncmatrix.cli import main
from syncmatrix.kb.model import Kind, Text
from syncmatrix.present.words import _WORDS, t

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.vi.md"
LANGS = ("en", "vi")
GMAIL = ["--as-of", "2026-11-29", "email_system=gmail", "act_sync=true"]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(_WORDS))
def test_every_entry_has_both_languages_with_the_same_placeholders(key):
    en, vi = _WORDS[key]
    assert en.strip() and vi.strip()
    assert placeholders(en) == placeholders(vi)


def texts(value: object, seen: set[int] | None = None) -> Iterator[tuple[str, Text]]:
    """Every Text reachable from `value` (dataclasses, mappings, sequences), with where it is."""
    seen = set() if seen is None else seen
    if id(value) in seen or isinstance(value, (str, bytes, int, float, bool)) or value is None:
        return
    seen.add(id(value))
    if isinstance(value, Text):
        yield "", value
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            for where, text in texts(getattr(value, field.name), seen):
                yield f".{field.name}{where}", text
    elif isinstance(value, dict):
        for key, item in value.items():
            for where, text in texts(item, seen):
                yield f"[{key!r}]{where}", text
    elif isinstance(value, (list, tuple, frozenset, set)):
        for i, item in enumerate(value):
            for where, text in texts(item, seen):
                yield f"[{i}]{where}", text


@pytest.fixture(scope="module")
def shipped_texts(page_kb) -> list[tuple[str, Text]]:
    return list(texts(page_kb))


def test_every_text_of_the_knowledge_base_has_both_languages(page_kb, shipped_texts):
    assert len(shipped_texts) > 200  # labels, descriptions, titles, messages, remedies, readings, sources
    missing = [where for where, text in shipped_texts if not (text.en.strip() and text.vi.strip())]
    assert missing == []
    assert all(rule.title is not None for rule in page_kb.rules)


def glossary_tables() -> tuple[list[dict[str, str]], list[str]]:
    """The glossary's terms (rows of its first table) and the words allowed though they contain a
    rejected term (its table headed 'allowed')."""
    tables: list[list[list[str]]] = []
    previous = ""
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if not set("".join(cells)) <= set("-: "):
                tables[-1].append(cells)
        previous = line
    terms, allowed = tables
    header = terms[0]
    return [dict(zip(header, row, strict=True)) for row in terms[1:]], [row[0] for row in allowed[1:]]


def rejected_pattern() -> re.Pattern[str]:
    terms, _ = glossary_tables()
    rejected = [word.strip() for row in terms for word in row["not"].split(";") if word.strip()]
    assert "tại chỗ" in rejected and "biến" in rejected and "người dự" in rejected
    return re.compile("|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in rejected), re.IGNORECASE)


def vietnamese_texts(shipped: list[tuple[str, Text]]) -> Iterator[tuple[str, str]]:
    """Every Vietnamese text: the entries of words.py, then the Texts of data/."""
    for key, (_, vi) in _WORDS.items():
        yield f"words.py {key}", vi
    for where, text in shipped:
        yield f"data {where}", text.vi


def test_no_vietnamese_text_uses_a_term_the_glossary_rejects(shipped_texts):
    pattern = rejected_pattern()
    _, allowed = glossary_tables()
    found = []
    for where, text in vietnamese_texts(shipped_texts):
        for word in allowed:
            text = re.sub(re.escape(word), "", text, flags=re.IGNORECASE)
        found += [f"{where}: {m.group(0)}" for m in pattern.finditer(text)]
    assert found == []


def test_the_glossary_says_each_term_once():
    terms, allowed = glossary_tables()
    assert {"en", "vi", "not", "why"} == set(terms[0]) and allowed
    english = [row["en"] for row in terms]
    assert len(english) == len(set(english))
    assert all(row["vi"] for row in terms)
    chosen = " ".join(row["vi"] for row in terms)
    assert not rejected_pattern().search(chosen)  # no term is both chosen and rejected


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


# --- rules by title, kinds in the output's language ------------------------------------------------

HEADER = re.compile(r"^[✗!] (?P<name>.+?)  \((?P<detail>.+)\)$")


@pytest.mark.parametrize("lang", LANGS)
def test_check_names_each_rule_by_title_then_id_and_says_its_kind_in_the_language(capsys, page_kb, lang):
    code, out = run(capsys, "check", "--lang", lang, *GMAIL)
    assert code == 1
    headers = [HEADER.match(line) for line in out.splitlines() if line[:2] in ("✗ ", "! ")]
    assert headers and all(headers)
    for header in headers:
        rule_id = header["name"].rsplit("[", 1)[1].rstrip("]")
        rule = page_kb.rule(rule_id)
        assert header["name"] == f"{rule.title.get(lang)} [{rule.id}]"
        severity, kind, *_ = header["detail"].split(" · ")
        assert (severity, kind) == (t(rule.severity.value, lang), t(f"kind_{rule.kind.value}", lang))


def test_every_kind_is_said_in_vietnamese_words():
    for kind in Kind:
        assert t(f"kind_{kind.value}", "vi") != kind.value and t(f"kind_{kind.value}", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_rules_text_says_no_kind_raw_in_vietnamese(capsys, page_kb, lang):
    code, out = run(capsys, "rules", "--lang", lang)
    assert code == 0
    kinds = [HEADER.match(line)["detail"].split(" · ")[1] for line in out.splitlines() if line[:2] in ("✗ ", "! ")]
    assert len(kinds) == len(page_kb.rules)
    assert set(kinds) == {t(f"kind_{rule.kind.value}", lang) for rule in page_kb.rules}
    if lang == "vi":
        assert not set(kinds) & {kind.value for kind in Kind}


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_and_lint_name_rules_by_title(capsys, page_kb, lang):
    rule = page_kb.rule("a2-exchange-2019-extended-over")
    _, out = run(capsys, "timeline", "--lang", lang, "email_system=exchange_2019", "--as-of", "2026-11-29")
    assert f"+ {rule.title.get(lang)} [{rule.id}]: " in out
    code, out = run(capsys, "lint", "--lang", lang, "--as-of", "2026-11-29")
    assert code == 0 and f"“{rule.title.get(lang)}” [{rule.id}]" in out  # inside lint's sentence, in its language


# --- fix: what each fix resolves, once ----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_fix_says_once_per_fix_what_it_resolves(capsys, page_kb, lang):
    code, out = run(capsys, "fix", "--lang", lang, *GMAIL)
    assert code == 0
    lines = out.splitlines()
    prefix = t("resolves_fix", lang, rules="")
    fixes = [i for i, line in enumerate(lines) if re.match(r"[0-9]+\. ", line)]
    resolves = [i for i, line in enumerate(lines) if line.strip().startswith(prefix)]
    assert len(fixes) == 3 and len(resolves) == len(fixes)  # appointments off, Exchange SE, Exchange Online
    # each in its own fix, after its changes and before the next one
    assert all(a < r < b for a, r, b in zip(fixes, resolves, [*fixes[1:], len(lines)], strict=True))
    act = page_kb.rule("act-sync-needs-exchange")
    assert all(f"{act.title.get(lang)} [{act.id}]" in lines[i] for i in resolves)
    assert sum(line.startswith(f"{t('resolves', lang)}:") for line in lines) == 1  # the rules' details, once
    assert t("distance", lang, n=1) in lines  # the distance said with what it means


# --- enumerate within 100 columns -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("filters", [[], ["email_system=gmail"], ["--limit", "3", "--page-only"]])
def test_enumerate_text_fits_100_columns(capsys, lang, filters):
    code, out = run(capsys, "enumerate", "--lang", lang, *filters)
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 100
    assert t("supported_with_warnings", lang) in out or t("supported", lang) in out


def test_enumerate_rows_are_words_check_takes_back(capsys):
    _, out = run(capsys, "enumerate", "--page-only", "email_system=gmail", "--limit", "1")
    lines = out.splitlines()
    shared = lines[1].split(": ", 1)[1].split()
    start = lines.index("1. " + t("supported", "en")) + 1
    words = " ".join(lines[start : lines.index("", start)]).split()
    assert "email_system=gmail" in shared
    code, out = run(capsys, "check", "--page-only", *shared, *words)
    assert code == 0 and t("complete", "en") in out


# --- only the options a command uses ----------------------------------------------------------------


def test_dashboard_help_offers_no_output_format(capsys):
    code, out = run(capsys, "dashboard", "--help")
    assert code == 0 and "--format" not in out and "--json" not in out and "--port" in out


@pytest.mark.parametrize("command", ["check", "fix", "enumerate", "count", "rules", "lint", "table", "graph"])
def test_commands_that_print_a_document_offer_json(capsys, command):
    code, out = run(capsys, command, "--help")
    assert code == 0 and "--format" in out and "--kb" in out


LINTED = ["loader-page", "groups", "bounded-void", "advisories-tiny", "table-page", "citations", "graph"]


def test_every_lint_finding_is_said_in_both_languages_and_its_english_is_the_message(page_kb):
    """solver/lint.py writes each finding's English itself (JSON `message`) and names its words
    (`key`, `values`): the words' English must be that message word for word, and exist in vi."""
    from kbtools import KBS

    from syncmatrix.solver import SupportModel
    from syncmatrix.solver.lint import lint

    models = [SupportModel(page_kb.as_of(None)), SupportModel(page_kb.as_of(datetime.date(2026, 11, 29)))]
    models += [SupportModel(kb.load(KBS / name).as_of(None)) for name in LINTED]
    kinds = set()
    for model in models:
        for finding in lint(model):
            kinds.add(finding.kind)
            values = dict(finding.values)
            assert finding.key, finding
            assert t(finding.key, "en", **values) == finding.message
            assert t(finding.key, "vi", **values) != finding.message
    assert len(kinds) >= 4, kinds  # the knowledge bases above give several kinds of finding
