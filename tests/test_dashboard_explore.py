"""The Explore tab as an administrator reads it (issue 14): a form in sections, in the form's order;
no verdict before a value is chosen; rules named by their plain titles; ruled-out values marked short."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("streamlit", reason="the dashboard extra is not installed")

from streamlit.testing.v1 import AppTest  # noqa: E402  (after the skip above)
from streamlit.testing.v1.element_tree import Block  # noqa: E402

from syncmatrix import kb  # noqa: E402
from syncmatrix.present.words import t  # noqa: E402

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
TINY = Path(__file__).resolve().parent / "kbs" / "dashboard-tiny"
#: A day whose answers do not change with the day the suite runs.
DAY = {"as_of": "2026-11-29"}
#: A rule's details (severity, kind, id) are one small grey line of its markdown.
DETAIL = re.compile(r"^:gray\[:small\[.*\]\]$")


def start(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({**DAY, **query})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def blocks(node: Block) -> Iterator[Block]:
    yield node
    for child in node.children.values():
        if isinstance(child, Block):
            yield from blocks(child)


def keyed(at: AppTest, key: str) -> Block:
    """The container drawn with `key` (st.container(key=...))."""
    [found] = [b for b in blocks(at.main) if b.proto is not None and getattr(b.proto, "id", "").endswith(f"-{key}")]
    return found


def sections(at: AppTest, form: tuple[kb.Section, ...]) -> list[Block]:
    return [keyed(at, f"section-{section.name or 'all'}") for section in form]


def verdict_text(at: AppTest) -> list[str]:
    return [a.value for a in (*at.success, *at.warning, *at.error) if a.value.startswith("**" + t("verdict", "en"))]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_form_is_in_sections_in_the_administrators_order(page_kb, lang):
    at = start(lang=lang)
    form = page_kb.form()
    assert [s.name for s in form] == ["mailbox", "profile", "synchronization", "organization"]
    drawn = sections(at, form)
    # Each section opens with its label, in the page's language, and holds its own inputs in order.
    assert [b.markdown[0].value for b in drawn] == [f"**{s.label.get(lang)}**" for s in form]
    for block, section in zip(drawn, form, strict=True):
        assert [s.label for s in block.selectbox] == [page_kb.variable(n).label.get(lang) for n in section.variables]
    # The whole page reads the inputs in the form's order too: email system second, not eighth.
    order = [n for s in form for n in s.variables]
    assert [s.label for s in at.selectbox] == [page_kb.variable(n).label.get(lang) for n in order]
    assert order[:2] == ["deployment", "email_system"]


def test_inputs_sit_two_a_row_so_a_phone_keeps_the_order(page_kb):
    at = start()
    [mailbox, *_] = sections(at, page_kb.form())
    # One row of two columns per pair: stacked on a phone, the row's order is the form's.
    rows = [b for b in blocks(mailbox) if b.children and all(c.type == "column" for c in b.children.values())]
    assert [[s.label for s in row.selectbox] for row in rows] == [
        [page_kb.variable("deployment").label.en, page_kb.variable("email_system").label.en]
    ]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_an_empty_form_asks_for_what_is_known_and_gives_no_verdict(lang):
    at = start(lang=lang)
    assert [i.value for i in at.info] == [t("explore_empty", lang, open=t("open", lang))]
    assert not [a for a in (*at.success, *at.warning, *at.error) if t("verdict", lang) in a.value]
    assert len(at.metric) == 1  # the count of what is left stays
    at.selectbox(key="value:email_sync").set_value(True)
    at.run()
    assert not at.exception
    assert not at.info
    assert [a for a in (*at.success, *at.warning, *at.error) if a.value.startswith(f"**{t('verdict', lang)}:")]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_verdict_names_rules_by_their_titles_and_their_ids_only_as_a_detail(page_kb, lang):
    at = start(email_system="gmail", act_sync="true", lang=lang)
    broken = page_kb.rule("act-sync-needs-exchange")
    assert broken.title is not None
    panel = keyed(at, "verdict")
    # The verdict first (a phone shows the panel below the form, top first), the count left after it.
    kinds = [type(e).__name__ for e in panel.children.values()]
    assert kinds[:2] == ["Markdown", "Error"] and panel.error[0].value.startswith(f"**{t('verdict', lang)}")
    assert not panel.metric and len(at.metric) == 1
    shown = [m.value for m in panel.markdown]
    named = [m for m in shown if f"**{broken.title.get(lang)}**" in m]
    assert len(named) == 1 and named[0].startswith(f"✗ **{broken.title.get(lang)}**")
    ids = [r.id for r in page_kb.rules]
    for markdown in shown:
        main = [line for line in markdown.split("  \n") if not DETAIL.match(line)]
        assert not [i for i in ids if any(i in line for line in main)], markdown
    # The id is there to look the rule up, as a detail.
    assert f"`{broken.id}`" in named[0].split("  \n")[1] and DETAIL.match(named[0].split("  \n")[1])


def test_a_ruled_out_value_is_marked_short_and_its_rules_are_named_by_title(page_kb):
    at = start(email_system="gmail")
    incoming = at.selectbox(key="value:incoming_protocol")
    ews = page_kb.label_of("incoming_protocol", "ews")
    assert incoming.options[1] == t("ruled_out_short", "en", label=ews)
    assert incoming.options[2:] == [page_kb.label_of("incoming_protocol", v) for v in ("pop3", "imap")]
    rule = page_kb.rule("web-mail-over-pop3-or-imap")
    assert rule.title is not None
    why = t("ruled_out_one", "en", values=f"“{ews}”", rules=f"**{rule.title.en}**")
    assert why in incoming.help
    # No option, caption or help names a rule by its id.
    ids = [r.id for r in page_kb.rules]
    seen = [o for s in at.selectbox for o in s.options] + [c.value for c in at.caption] + [s.help for s in at.selectbox]
    assert not [(i, text) for text in seen for i in ids if i in text]
    # Under the section: one expander that says the same, by title.
    profile = sections(at, page_kb.form())[1]
    assert profile.selectbox[1].key == "value:incoming_protocol"
    [expander] = profile.expander
    assert expander.label == t("why_ruled_out", "en") and why in expander.markdown[0].value


def test_a_ruled_out_boolean_is_quoted_so_it_does_not_read_as_a_statement(page_kb):
    at = start(email_system="gmail", lang="vi")
    act = at.selectbox(key="value:act_sync")
    yes = page_kb.label_of("act_sync", True, "vi")
    assert t("ruled_out_short", "vi", label=yes) in act.options
    assert f"“{yes}”" in act.help


def test_a_knowledge_base_without_sections_is_one_form_with_no_heading(monkeypatch):
    monkeypatch.setenv("SYNCMATRIX_KB", str(TINY))
    tiny = kb.load(TINY)
    assert not tiny.sections
    at = start(sync="true", mailbox="local")
    [form] = sections(at, tiny.form())
    assert [s.label for s in form.selectbox] == [tiny.variable(n).label.en for n in tiny.variable_names]
    # No heading: the only words of the form are those of its expander.
    assert [m.value for m in form.markdown] == [m.value for e in form.expander for m in e.markdown]
    # A rule with no title is named by its id, in bold, and not repeated as a detail.
    [named] = [m.value for m in keyed(at, "verdict").markdown if "local-no-sync" in m.value]
    assert named.startswith("✗ **local-no-sync**  \n") and named.count("local-no-sync") == 1
    assert verdict_text(at)
