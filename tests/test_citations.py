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


def test_the_dashboard_links_web_addresses_and_repository_paths():
    from syncmatrix.present.markdown import rule_markdown

    knowledge = kb.load(CITATIONS)
    web = rule_markdown(knowledge, knowledge.rule("act-sync-needs-exchange"), "en")
    assert "[https://learn.microsoft.com/en-us/example-page](https://learn.microsoft.com/en-us/example-page)" in web
    readings = "https://github.com/syncmatrix/syncmatrix/blob/HEAD/docs/sources/READINGS.md#readings"
    assert f"[{readings}]({readings})" in rule_markdown(knowledge, knowledge.rule("mixed-list"), "vi")


def test_the_timeline_names_each_link_by_its_section_and_links_the_readings_to_the_repository():
    from syncmatrix.present.markdown import named_links

    knowledge = kb.load(CITATIONS)
    readings = "https://github.com/syncmatrix/syncmatrix/blob/HEAD/docs/sources/READINGS.md#readings"
    assert named_links(knowledge, knowledge.rule("mixed-list"), "en") == f"[Notes]({readings})"


def test_the_repository_is_said_once_in_pyproject_and_the_dashboard_links_to_it():
    import tomllib

    from syncmatrix.present import sources

    project = tomllib.loads((HERE.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert sources.repository() == project["urls"]["Repository"]
    assert (
        sources.web("docs/sources/READINGS.md") == project["urls"]["Repository"] + "/blob/HEAD/docs/sources/READINGS.md"
    )
    assert sources.web("https://learn.microsoft.com/x") == "https://learn.microsoft.com/x"
    assert sources.web("") == ""


def test_the_cited_documents_ship_where_pyproject_puts_them(page_kb):
    import tomllib

    from syncmatrix.present import sources

    tool = tomllib.loads((HERE.parent / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert sources.PACKAGE in tool["packages"]
    assert tool["package-dir"][sources.PACKAGE] + "/" == sources.FOLDER
    assert tool["package-data"][sources.PACKAGE] == ["*.md"]
    cited = {s.url for d in page_kb.documents for s in d.statements if not s.url.startswith("https://")}
    assert cited and all(sources.shipped_file(url) is not None for url in cited), cited


def test_the_command_line_prints_the_path_of_the_shipped_readings(capsys, monkeypatch, tmp_path):
    from syncmatrix.cli import main
    from syncmatrix.present import sources

    shipped = sources.shipped_file("docs/sources/READINGS.md")
    assert shipped is not None and shipped.name == "READINGS.md"
    monkeypatch.chdir(tmp_path)  # outside the repository: the path is absolute
    assert main(["check", "--kb", str(CITATIONS), "email_system=exchange_2019", "act_sync=false"]) in (0, 1)
    out = capsys.readouterr().out
    assert f"      {shipped.as_posix()}#readings\n" in out
    monkeypatch.chdir(HERE.parent)  # in a clone, from its root: the path of the repository, as before
    assert main(["check", "--kb", str(CITATIONS), "email_system=exchange_2019", "act_sync=false"]) in (0, 1)
    assert "      docs/sources/READINGS.md#readings\n" in capsys.readouterr().out
    assert sources.local("docs/other/FILE.md") == "docs/other/FILE.md"  # not shipped: as the knowledge base says


def test_the_audit_reports_name_the_readings_as_each_face_shows_them(page_kb, tmp_path, monkeypatch):
    from syncmatrix.audit.exports import read_export
    from syncmatrix.audit.judge import audit
    from syncmatrix.audit.report import render
    from syncmatrix.present import sources

    mailboxes, profiles = tmp_path / "mailboxes.csv", tmp_path / "profiles.csv"
    mailboxes.write_text(
        'Name,Status,Incoming Email,Outgoing Email,"Appointments, Contacts, and Tasks",Server Profile\n'
        "Ana,Active,2,2,1,Gmail POP\n",
        encoding="utf-8",
    )
    profiles.write_text(
        "Name,Email Server Type,Incoming Server Location\nGmail POP,1,pop.gmail.com\n", encoding="utf-8"
    )
    result = audit(page_kb.as_of(None), read_export(str(mailboxes), str(profiles)))
    shipped = sources.shipped_file("docs/sources/READINGS.md")
    assert shipped is not None
    monkeypatch.chdir(tmp_path)
    # The command line's reports: the installed copy.
    assert f"    {shipped.as_posix()}\n" in render(result, "text", "en")
    assert f"`{shipped.as_posix()}`" in render(result, "markdown", "en")
    assert f"<code>{shipped.as_posix()}</code>" in render(result, "html", "en")
    # What the dashboard downloads: links to the repository.
    readings = sources.web("docs/sources/READINGS.md")
    assert readings.startswith("https://") and f"<{readings}>" in render(result, "markdown", "en", sources.web)
    assert f'<a href="{readings}">' in render(result, "html", "vi", sources.web)
