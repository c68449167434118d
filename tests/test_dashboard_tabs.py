"""The dashboard's other tabs as an administrator reads them (issue 14): Supported combinations with
the verdict and the warnings first, the variable–variable graph with its legend, the support table
drawn natively, and the open tab kept in the link."""

from __future__ import annotations

import csv
import io

import pytest

pytest.importorskip("streamlit", reason="the dashboard extra is not installed")

from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage  # noqa: E402
from test_dashboard_app import assert_clean, open_tab, start  # noqa: E402

from syncmatrix.dashboard.widgets import title  # noqa: E402
from syncmatrix.present.words import t  # noqa: E402


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """What each download button of a run offers, by the name of its file."""
    offered: dict[str, bytes] = {}
    store = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):  # noqa: ANN001  (Streamlit's signature)
        if filename and isinstance(path_or_data, bytes):
            offered[filename] = path_or_data
        return store(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return offered


# --- Supported combinations ---------------------------------------------------------------------------


def test_the_verdict_comes_first_then_the_warnings_and_constant_columns_are_said_once(page_kb, model):
    at = start(email_system="gmail")
    open_tab(at, "Supported combinations")
    table = at.dataframe[0].value
    assert list(table.columns[:2]) == [t("column_verdict", "en"), t("column_warnings", "en")]
    # Every listed row is Customer Engagement (on-premises) and Gmail: said once, not a column.
    for name in ("deployment", "email_system"):
        assert page_kb.variable(name).label.en not in table.columns
    said = next(m.value for m in at.markdown if m.value.startswith(t("combinations_every_row", "en")))
    for name, value in (("deployment", page_kb.variable("deployment").domain[0]), ("email_system", "gmail")):
        assert page_kb.variable(name).label.en in said.replace("\\", "")
        assert page_kb.label_of(name, value) in said.replace("\\", "")
    assert page_kb.variable("fips").label.en in table.columns  # it differs from row to row


def test_each_row_names_the_warnings_it_carries(page_kb, model):
    at = start(email_system="gmail")
    open_tab(at, "Supported combinations")
    table = at.dataframe[0].value
    rows = [(dict(config), verdict) for config, verdict in model.supported_configurations({"email_system": "gmail"})]
    assert len(rows) == len(table)
    confirm = title(page_kb, page_kb.rule("fips-confirm-server"), "en")
    assert confirm == page_kb.rule("fips-confirm-server").title.en
    fips = page_kb.variable("fips").label.en
    yes, no = (page_kb.boolean_labels[i].en for i in (1, 0))
    warned = table[table[fips] == yes][t("column_warnings", "en")]
    assert len(warned) and all(confirm in w for w in warned)
    assert not any(confirm in w for w in table[table[fips] == no][t("column_warnings", "en")])
    supported = table[table[t("column_verdict", "en")] == t("supported", "en")]
    assert set(supported[t("column_warnings", "en")]) == {"—"}
    # Row for row, the titles of what a plain check of the complete configuration breaks.
    expected = ["; ".join(title(page_kb, r, "en") for r in model.check(config).violations) or "—" for config, _ in rows]
    assert sorted(table[t("column_warnings", "en")]) == sorted(expected)


def test_the_csv_speaks_the_pages_language_and_the_other_download_keeps_the_ids(page_kb, model, downloads):
    at = start(email_system="gmail", lang="vi")
    open_tab(at, t("tab_combinations", "vi"), "vi")
    assert [d.proto.label for d in at.get("download_button")] == [t("download_csv", "vi"), t("download_csv_ids", "vi")]
    # Both with the byte-order mark Excel needs to read UTF-8 (a Vietnamese header shows garbled otherwise).
    assert downloads["syncmatrix-configurations.vi.csv"].startswith("\ufeff".encode())
    assert downloads["syncmatrix-configurations.csv"].startswith("\ufeff".encode())
    labelled = list(csv.reader(io.StringIO(downloads["syncmatrix-configurations.vi.csv"].decode("utf-8-sig"))))
    header = labelled[0]
    assert header[:2] == [t("column_verdict", "vi"), t("column_warnings", "vi")]
    assert header[2:] == [page_kb.variable(name).label.vi for name in model.order]  # every column, constant too
    system = header.index(page_kb.variable("email_system").label.vi)
    assert {row[system] for row in labelled[1:]} == {page_kb.label_of("email_system", "gmail", "vi")}
    assert {row[0] for row in labelled[1:]} <= {t("supported", "vi"), t("supported_with_warnings", "vi")}
    ids = list(csv.reader(io.StringIO(downloads["syncmatrix-configurations.csv"].decode("utf-8-sig"))))
    assert ids[0] == [*model.order, "verdict"]  # what `syncmatrix enumerate --format csv` writes
    assert {row[1] for row in ids[1:]} == {"gmail"} and len(ids) == len(labelled)


# --- Dependency graph -----------------------------------------------------------------------------------


def test_the_graph_opens_on_variables_joined_by_rules_with_a_legend_and_no_deployment(page_kb):
    from syncmatrix.present.graph import coupling_graph

    at = start(email_system="gmail", act_sync="true")
    open_tab(at, "Dependency graph")
    assert at.segmented_control(key="graph_view").value == "variables"
    spec = at.get("graphviz_chart")[0].proto.spec
    assert spec.startswith("graph syncmatrix {") and " -> " not in spec
    assert '"deployment"' not in spec and page_kb.variable("deployment").label.en not in spec
    coupled = coupling_graph(page_kb.as_of(None))
    assert spec.count(" -- ") == coupled.number_of_edges()
    # Each line is labelled with how many rules read both of its variables.
    weight = coupled.edges["email_system", "act_sync"]["weight"]
    assert f'"email_system" -- "act_sync" [penwidth={1.0 + weight}' in spec or (
        f'"act_sync" -- "email_system" [penwidth={1.0 + weight}' in spec
    )
    legend = next(m.value for m in at.markdown if m.value.startswith(f"**{t('graph_legend', 'en')}**"))
    assert t("graph_legend_variables", "en") in legend
    assert page_kb.variable("deployment").label.en in legend  # left out, and said so
    # The broken rule is named by its title, its id a detail.
    title = page_kb.rule("act-sync-needs-exchange").title.en
    assert any(m.value == t("graph_broken", "en", rules=title) for m in at.markdown)


def test_the_full_rule_view_titles_its_boxes_and_explains_dashed_boxes(page_kb):
    at = start(email_system="gmail", act_sync="true", lang="vi")
    open_tab(at, t("tab_graph", "vi"), "vi")
    at.segmented_control(key="graph_view").set_value("rules")
    at.run()
    assert_clean(at)
    spec = at.get("graphviz_chart")[0].proto.spec
    rule = page_kb.rule("act-sync-needs-exchange")
    assert f'"rule:{rule.id}" [shape="box", style="rounded,filled", label=<{rule.title.vi}<BR/>' in spec
    assert "dashed" in spec  # the axioms of the page's knowledge base
    legend = next(m.value for m in at.markdown if m.value.startswith(f"**{t('graph_legend', 'vi')}**"))
    assert t("graph_legend_rules", "vi") in legend and t("graph_legend_colours_rules", "vi") in legend


# --- The tab in the link -------------------------------------------------------------------------------


def test_a_link_naming_a_tab_opens_it_and_the_open_tab_is_written_back():
    at = start(email_system="gmail", act_sync="true", tab="fix")
    assert at.tabs[2].label == t("tab_fix", "en") and at.session_state["tab_index"] == 2
    assert not at.warning
    assert at.query_params["tab"] == "fix"
    assert at.multiselect(key="locks") and at.toggle(key="strict")  # what only the Fix tab draws
    assert not [s for s in at.selectbox if (s.key or "").startswith("value:")]  # Explore is not drawn
    open_tab(at, t("tab_graph", "en"))
    assert at.query_params["tab"] == "graph"
    # The ids are English whatever the language, and the tab stays open across a change of language.
    at.segmented_control(key="lang_pick").set_value("vi")
    at.run()
    assert_clean(at)
    assert at.query_params["tab"] == "graph" and at.query_params["lang"] == "vi"
    assert at.segmented_control(key="graph_view").label == t("graph_view", "vi")
    open_tab(at, t("tab_explore", "vi"), "vi")
    assert "tab" not in at.query_params  # the first tab is what a link without one opens


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_bad_tab_in_a_link_is_said_in_the_pages_language_and_the_first_tab_opens(lang):
    from syncmatrix.present import links
    from syncmatrix.present.markdown import problem_text

    at = start(email_system="gmail", tab="Fixx", lang=lang)
    problem = links.LinkProblem("bad_tab", "tab", "Fixx", links.TABS, "fix")
    [warning] = at.warning
    assert warning.value.startswith(t("link_problems", lang)) and problem_text(problem, lang) in warning.value
    assert "'fix'" in problem_text(problem, lang)  # did you mean
    assert at.selectbox(key="value:email_system").value == "gmail"  # the rest of the link applies
    assert "tab" not in at.query_params


# --- Support table -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_support_table_is_drawn_natively_with_the_pages_important_items_apart(page_kb, lang):
    at = start(lang=lang)
    open_tab(at, t("tab_table", lang), lang)
    assert not at.get("iframe")
    [table] = at.table
    labels = [page_kb.variable(n).label.get(lang) for n in ("email_system", "email_sync", "act_sync")]
    assert list(table.value.columns[:3]) == labels and len(table.value) == 2
    assert [d.proto.label for d in at.get("download_button")] == [
        t("download_markdown", lang),
        t("download_html", lang),
    ]
    important = [s for d in page_kb.documents for s in d.statements if s.section.en == "Important"]
    heading = f"### {important[0].section.get(lang)}"
    assert [m.value for m in at.markdown].count(heading) == 1
    [box] = [w for w in at.warning if important[0].about.get(lang)[:20] in w.value.replace("\\", "")]
    assert box.value.count("\n- ") + 1 == len(important)
    notes = next(m.value for m in at.markdown if m.value.startswith(f"### {t('notes', lang)}"))
    assert not any(s.about.get(lang)[:20] in notes.replace("\\", "") for s in important)
    # No heading repeats the tab's or the document's title: the document is named in the intro.
    title = page_kb.documents[0].title.get(lang)
    assert not [m for m in at.markdown if m.value.lstrip("#").strip() in (title, t("tab_table", lang))]
    intro = t("table_intro", lang, title="\0").split("\0")[0]
    assert any(c.value.startswith(intro) and title in c.value.replace("\\", "") for c in at.caption)


def test_the_support_table_says_its_one_deployment_once_and_raises_its_marks(page_kb):
    at = start()
    open_tab(at, "Support table")
    deployment = page_kb.variable("deployment")
    said = t("combinations_all_rows", "en", pairs=f"{deployment.label.en} = {deployment.choices[0].label.en}")
    assert any(m.value.replace("\\", "") == said for m in at.markdown)
    assert any(m.value.startswith("¹ ") for m in at.markdown)  # the page's footnote 1, under the table
