"""Citations that lead somewhere: every statement carries the address where it can be read (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from kbtools import KBS, copy_kb, edit

from syncmatrix import kb

HERE = Path(__file__).resolve().parent
CITATIONS = KBS / "citations"


def test_a_statement_has_its_own_url_or_its_documents():
    knowledge = kb.load(CITATIONS)
    assert knowledge.document("page").url == "https://learn.microsoft.com/en-us/example-page"
    assert knowledge.statement("page/row-1").url == "https://learn.microsoft.com/en-us/example-page"
    assert knowledge.statement("page/note-1").url == "docs/sources/READINGS.md#readings"
    assert knowledge.statement("unlinked/1").url == ""


@pytest.mark.parametrize(
    "url",
    [
        "http://learn.microsoft.com/page",
        "javascript:alert(1)",
        "mailto:someone@example.com",
        "/etc/passwd",
        "../outside.md",
        "docs/../../outside.md",
        "https://example.com/a page",
        "docs/READINGS.md\u0007",
    ],
)
def test_an_address_that_leads_nowhere_safe_is_a_problem_at_its_line(tmp_path, url):
    root = copy_kb("citations", tmp_path)
    line = edit(root, "sources.yaml", 'url: "docs/sources/READINGS.md#readings"', f"url: {url!r}")
    with pytest.raises(kb.KbError) as caught:
        kb.load(root)
    [problem] = caught.value.problems
    assert (problem.file.endswith("sources.yaml"), problem.line) == (True, line)
    assert "must be an https:// address or a path in the repository" in problem.message


def test_every_statement_of_the_shipped_knowledge_base_leads_somewhere(page_kb):
    repository = HERE.parent
    for document in page_kb.documents:
        for statement in document.statements:
            assert statement.url, statement.ref
            if not statement.url.startswith("https://"):
                assert (repository / statement.url.split("#")[0]).is_file(), statement.url


def test_rules_and_check_show_where_each_source_can_be_read(capsys):
    import json

    from syncmatrix.cli import main

    assert main(["rules", "--kb", str(CITATIONS), "--json"]) == 0
    rules = {r["id"]: r for r in json.loads(capsys.readouterr().out)["rules"]}
    assert rules["act-sync-needs-exchange"]["links"] == ["https://learn.microsoft.com/en-us/example-page"]
    assert rules["mixed-list"]["links"] == ["docs/sources/READINGS.md#readings"]  # unlinked/1 has none
    assert main(["check", "--kb", str(CITATIONS), "email_system=gmail", "act_sync=true"]) == 1
    assert "      https://learn.microsoft.com/en-us/example-page\n" in capsys.readouterr().out


def test_the_dashboard_links_web_addresses_and_names_repository_paths():
    from syncmatrix.dashboard.page import rule_markdown

    knowledge = kb.load(CITATIONS)
    web = rule_markdown(knowledge, knowledge.rule("act-sync-needs-exchange"), "en")
    assert "[https://learn.microsoft.com/en-us/example-page](https://learn.microsoft.com/en-us/example-page)" in web
    assert "`docs/sources/READINGS.md#readings`" in rule_markdown(knowledge, knowledge.rule("mixed-list"), "vi")
