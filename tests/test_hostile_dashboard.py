"""The dashboard's side of issue 10: no traceback or server path on a page, no variable a link could
not carry, no question that outlives the run that asked it. Each test fails on commit a36f672."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("streamlit", reason="the dashboard extra is not installed")

from streamlit import config  # noqa: E402  (after the skip above)
from streamlit.testing.v1 import AppTest  # noqa: E402

from syncmatrix import kb  # noqa: E402
from syncmatrix.dashboard import actions, page, questions  # noqa: E402
from syncmatrix.present import links  # noqa: E402
from syncmatrix.present.words import t  # noqa: E402

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
KBS = Path(__file__).resolve().parent / "kbs"
TINY = KBS / "dashboard-tiny"
CLASH = KBS / "dashboard-clash"
SECRET = "/srv/secret/syncmatrix/internal.py"


def start(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query)
    at.run()
    return at


def shown(at: AppTest) -> str:
    """Everything the page shows as text, exceptions included."""
    parts = [e.value for e in (*at.error, *at.warning, *at.info, *at.success, *at.markdown, *at.caption, *at.code)]
    parts += [f"{e.message}\n{''.join(e.stack_trace)}" for e in at.exception]
    return "\n".join(parts)


@pytest.fixture
def tiny(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SYNCMATRIX_KB", str(TINY))
    return TINY


@pytest.fixture
def details_shown():
    """Streamlit's own default for error details, put back afterwards: the option is the process's."""
    before = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", "full")
    yield
    config.set_option("client.showErrorDetails", before)


# --- 1. No path or traceback on a page ------------------------------------------------------------------


def _fail(*args: object, **kwargs: object) -> None:
    raise RuntimeError(f"cannot open {SECRET}")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_an_error_in_the_page_is_a_plain_message_in_the_page_language(tiny, monkeypatch, lang):
    monkeypatch.setattr(page, "explained", _fail)
    at = start(lang=lang)
    assert not at.exception
    assert [e.value for e in at.error] == [t("unexpected", lang)]
    assert SECRET not in shown(at) and "Traceback" not in shown(at)


def test_an_error_in_a_callback_is_a_plain_message(tiny, monkeypatch):
    at = start(lang="vi")
    monkeypatch.setattr(actions, "choose", _fail)
    at.selectbox(key="value:mailbox").set_value("local")
    at.run()
    assert not at.exception
    assert t("unexpected", "vi") in [e.value for e in at.error]
    assert SECRET not in shown(at)
    at.run()  # shown once: the next run has moved on
    assert t("unexpected", "vi") not in [e.value for e in at.error]


def test_an_error_escaping_the_page_shows_no_type_message_or_traceback(tiny, monkeypatch, details_shown):
    # However the server was started: here nothing passes --client.showErrorDetails at all.
    monkeypatch.setattr(page, "main", _fail)
    at = start()
    assert config.get_option("client.showErrorDetails") == "none"
    [error] = at.exception
    assert not error.stack_trace and not error.proto.type
    assert SECRET not in shown(at) and "RuntimeError" not in shown(at)


# --- 2. Variable names that clash with the dashboard's own parameters -------------------------------------


def test_clashing_variable_names_are_knowledge_base_problems_at_their_lines():
    clash = kb.load(CLASH)  # the command line takes it: only the dashboard's links cannot carry it
    variables = CLASH / "variables.yaml"
    assert [(Path(p.file).resolve(), p.line) for p in links.dashboard_problems(clash)] == [
        (variables, 19),
        (variables, 24),
    ]
    [embed, lang] = links.dashboard_problems(clash, "vi")
    assert "'embed'" in embed.message and "'lang'" in lang.message
    assert "embed, embed_options, lang, as_of, page_only, tab" in lang.message and "đổi tên" in lang.message
    assert links.dashboard_problems(kb.load(TINY)) == []


def tiny_with(tmp_path: Path, name: str) -> Path:
    """The tiny knowledge base with its variable `sync` renamed `name`."""
    folder = tmp_path / "kb"
    (folder / "rules").mkdir(parents=True)
    (folder / "sources.yaml").write_text((TINY / "sources.yaml").read_text("utf-8"), "utf-8")
    for file in ("variables.yaml", "rules/tiny.yaml"):
        text = (TINY / file).read_text("utf-8").replace("name: sync\n", f"name: {name}\n")
        (folder / file).write_text(text.replace("      sync: true", f"      {name}: true"), "utf-8")
    return folder


@pytest.mark.parametrize(
    "name",
    ["embed", "Embed", "embed_options", "EMBED_OPTIONS", "lang", "as_of", "AS_OF", "page_only", "Page_Only", "Tab"],
)
def test_every_reserved_name_is_refused_in_any_case(tmp_path, name):
    [problem] = links.dashboard_problems(kb.load(tiny_with(tmp_path, name)))
    assert problem.line == 18 and f"variable name '{name}'" in problem.message


@pytest.mark.parametrize("name", ["as_of", "Page_Only"])
def test_a_variable_named_like_the_day_or_the_switch_is_refused_by_the_page_and_the_launcher(
    tmp_path, monkeypatch, capsys, name
):
    # A link could not carry it: `as_of=2026-11-29` is the day of the question, not a value.
    from syncmatrix.cli import main as cli

    folder = tiny_with(tmp_path, name)
    monkeypatch.setenv("SYNCMATRIX_KB", str(folder))
    at = start(lang="vi")
    assert not at.exception and not at.selectbox
    assert [e.value for e in at.error] == [t("kb_error", "vi", n=1)]
    assert f"tên mục '{name}'" in at.code[0].value
    assert cli(["dashboard", "--kb", str(folder)]) == 2
    assert f"variable name '{name}' is taken by the dashboard's links" in capsys.readouterr().err


def test_the_launcher_can_ask_for_clashes_without_streamlit(tmp_path):
    # `syncmatrix dashboard` calls dashboard_problems before it starts the server.
    from test_imports import loaded_heavy_modules

    found = loaded_heavy_modules(
        "from syncmatrix import kb\nfrom syncmatrix.present.links import dashboard_problems\n"
        f"print(dashboard_problems(kb.load({str(CLASH)!r})))",
        tmp_path,
    )
    assert found == ""


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_page_refuses_a_clashing_knowledge_base_in_the_page_language(monkeypatch, lang):
    monkeypatch.setenv("SYNCMATRIX_KB", str(CLASH))
    at = start(lang=lang)
    assert not at.exception
    assert [e.value for e in at.error] == [t("kb_error", lang, n=2)]
    lines = at.code[0].value.splitlines()
    assert lines == [str(p) for p in links.dashboard_problems(kb.load(CLASH), lang)]
    assert not at.selectbox  # no page is drawn that a link could not carry


# --- 3. Every question bounded, and stopped when its run no longer waits --------------------------------
PIGEONS = KBS / "dashboard-pigeons"  # ten pigeons, nine holes: a backtracking search of about 9! steps


def copy_of(folder: Path, tmp_path: Path) -> Path:
    """`folder` at a path of its own: the page's answers are cached by folder, and this test's must
    be searched, not found in the cache of an earlier test."""
    copy = tmp_path / folder.name
    for file in folder.rglob("*.yaml"):
        (copy / file.relative_to(folder)).parent.mkdir(parents=True, exist_ok=True)
        (copy / file.relative_to(folder)).write_text(file.read_text("utf-8"), "utf-8")
    return copy


def closing(request: str, calls: list[str]):
    """A stand-in for Streamlit's get_run_yield_check whose first use in a run also asks the run to
    `request` ("stop": what Streamlit does when the browser closes; "rerun": a newer run replaces
    it), as if that happened while the question searched."""
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_run_yield_check, get_script_run_ctx

    def get() -> object:
        check, requests = get_run_yield_check(), get_script_run_ctx().script_requests

        def first_poll_asks() -> None:
            if not calls:
                calls.append(request)
                requests.request_stop() if request == "stop" else requests.request_rerun(RerunData())
            check()

        return first_poll_asks

    return get


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_question_beyond_its_budget_says_so_and_keeps_the_inputs(monkeypatch, lang):
    monkeypatch.setenv("SYNCMATRIX_KB", str(PIGEONS))
    monkeypatch.setattr(questions, "QUESTION_SECONDS", 0.5)  # the page's 5 s, shortened for the suite
    at = AppTest.from_file(APP, default_timeout=30)  # on a36f672 the search never ends: a timeout
    at.query_params.update(lang=lang)
    at.run()
    assert not at.exception
    assert [w.value for w in at.warning] == [t("too_hard", lang, seconds=0.5)]
    assert len(at.selectbox) == 10  # the inputs that narrow the question are there
    at.selectbox(key="value:p1").set_value("h1")
    at.session_state[f"tabs:{lang}"] = t("tab_fix", lang)
    at.run()
    # Within its budget or not (the model counter may find in time that no configuration is
    # supported at all), the page says which, and never blames locks that were not given.
    warnings = {w.value for w in at.warning}
    assert warnings and warnings <= {t("too_hard", lang, seconds=0.5), t("dash_void", lang)}


def test_a_question_stops_when_its_session_goes(monkeypatch, tmp_path):
    # A search that would run for minutes; the browser closes as it starts. The run ends at the
    # search's first look at its limit, quietly: no verdict, no message, nothing left searching.
    monkeypatch.setenv("SYNCMATRIX_KB", str(copy_of(PIGEONS, tmp_path)))
    monkeypatch.setattr(questions, "QUESTION_SECONDS", 600.0)
    calls: list[str] = []
    monkeypatch.setattr(questions, "get_run_yield_check", closing("stop", calls))
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert calls == ["stop"]
    assert not at.exception and not at.warning and not at.error


def test_a_question_stopped_for_a_newer_run_leaves_the_rerun_to_streamlit(monkeypatch, tmp_path):
    # Asking Streamlit whether to stop hands its request over; the page gives it back, so the
    # newer run still happens and reaches the verdict.
    monkeypatch.setenv("SYNCMATRIX_KB", str(copy_of(TINY, tmp_path)))
    calls: list[str] = []
    monkeypatch.setattr(questions, "get_run_yield_check", closing("rerun", calls))
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(mailbox="cloud")  # a value chosen: an empty form shows no verdict
    at.run()
    assert calls == ["rerun"]
    assert not at.exception and not at.warning
    [verdict] = at.success
    assert verdict.value.startswith("**Verdict: supported ")


def test_outside_a_script_run_nothing_is_cancelled():
    watch = questions.RunWatch()
    assert watch() is False and watch.stopped is None


def test_the_combinations_listed_are_bounded(monkeypatch, tmp_path):
    monkeypatch.setenv("SYNCMATRIX_KB", str(copy_of(TINY, tmp_path)))
    monkeypatch.setattr(questions, "MAX_ROWS", 2)  # the tiny base has 3 acceptable configurations
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.session_state["tabs:en"] = t("tab_combinations", "en")
    at.run()
    assert not at.exception
    assert [w.value for w in at.warning] == [t("combinations_more", "en", limit=2, total=3)]
    assert at.dataframe[0].value.shape[0] == 2


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_table_of_a_knowledge_base_without_its_variables_is_a_plain_message(tiny, lang):
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(lang=lang)
    at.run()
    at.session_state[f"tabs:{lang}"] = t("tab_table", lang)
    at.run()
    assert not at.exception and not at.error
    [info] = at.info
    assert "deployment" in info.value and (lang == "en") == info.value.startswith("the table needs")
