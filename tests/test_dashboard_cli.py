"""`syncmatrix graph` and the checks `syncmatrix dashboard` makes before it starts Streamlit."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from syncmatrix.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_graph_json_is_the_contracts_shape(capsys, page_kb):
    code, out, err = run(capsys, "graph", "--json")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert set(doc) == {"nodes", "edges"}
    assert doc["nodes"][0] == {"id": "deployment", "kind": "variable"}
    assert len(doc["nodes"]) == len(page_kb.variables) + len(page_kb.rules)
    assert {"source": "act-sync-needs-exchange", "target": "act_sync"} in doc["edges"]
    assert run(capsys, "graph", "--format", "json")[1] == out


def test_graph_dot_and_text(capsys):
    code, dot, _ = run(capsys, "graph", "--format", "dot")
    assert code == 0 and dot.startswith("digraph syncmatrix {\n") and dot.endswith("}\n")
    assert '"rule:act-sync-needs-exchange" -> "variable:act_sync";' in dot
    code, text, _ = run(capsys, "graph", "--lang", "vi")
    assert code == 0 and "act-sync-needs-exchange  [lỗi]  → deployment, email_system, act_sync" in text


def test_graph_prints_the_same_bytes_whatever_the_hash_seed():
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        for fmt in ("dot", "json"):
            done = subprocess.run(
                [sys.executable, "-m", "syncmatrix", "graph", "--format", fmt],
                capture_output=True,
                env=env,
                check=True,
                timeout=60,
            )
            outputs.add((fmt, done.stdout))
    assert len(outputs) == 2


def test_graph_without_networkx_says_how_to_install_it(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "networkx", None)  # import networkx now fails as when it is missing
    monkeypatch.delitem(sys.modules, "syncmatrix.present.graph", raising=False)
    code, out, err = run(capsys, "graph")
    assert (code, out) == (2, "")
    assert err == (
        "syncmatrix: the graph command needs the networkx package, which is not installed; "
        "install it with: pip install 'syncmatrix[dashboard]'\n"
    )


@pytest.mark.parametrize(
    "argv,message",
    [
        (["--port", "0"], "--port 0: expected a port number from 1 to 65535, for example --port 8501"),
        (["--port", "70000"], "--port 70000: expected a port number from 1 to 65535"),
        (["--port", "eighty"], "argument --port: invalid int value: 'eighty'"),
    ],
)
def test_dashboard_rejects_a_bad_port(capsys, argv, message):
    code, out, err = run(capsys, "dashboard", *argv)
    assert (code, out) == (2, "")
    assert err.startswith("syncmatrix: ") and message in err and "Traceback" not in err


def test_dashboard_without_streamlit_says_how_to_install_it(capsys, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "streamlit" else real(name, *a))
    code, _, err = run(capsys, "dashboard")
    assert code == 2
    assert err == (
        "syncmatrix: the dashboard needs streamlit, which is not installed; "
        "install it with: pip install 'syncmatrix[dashboard]'\n"
    )


def test_dashboard_reports_a_broken_knowledge_base_before_starting(capsys, tmp_path):
    (tmp_path / "variables.yaml").write_text("variables: [\n", encoding="utf-8")
    code, _, err = run(capsys, "dashboard", "--kb", str(tmp_path))
    assert code == 2 and err.startswith("syncmatrix: the knowledge base is not valid")


def test_the_graph_command_loads_networkx_but_never_streamlit():
    code = "import sys\nfrom syncmatrix.cli import main\nmain(['graph', '--json'])\nprint('streamlit' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.rstrip().endswith("False")


@pytest.mark.parametrize(
    ("argv", "env"),
    [
        ([], {}),
        (["--as-of", "2021-04-11"], {"SYNCMATRIX_AS_OF": "2021-04-11"}),
        (["--page-only"], {"SYNCMATRIX_PAGE_ONLY": "1"}),
    ],
)
def test_dashboard_hands_the_day_of_new_pages_to_the_server(capsys, monkeypatch, argv, env):
    from syncmatrix import launch

    served = {}
    monkeypatch.setattr(launch, "probe_port", lambda address, port: None)
    monkeypatch.setattr(launch, "serve", lambda command, environment, **_: served.setdefault("env", environment) and 0)
    # A day left over in the launcher's own environment never reaches the server unasked.
    monkeypatch.setenv("SYNCMATRIX_AS_OF", "1999-01-01")
    code, out, _ = run(capsys, "dashboard", "--port", "8599", *argv)
    assert code == 0 and out == ""
    day = {k: v for k, v in served["env"].items() if k in ("SYNCMATRIX_AS_OF", "SYNCMATRIX_PAGE_ONLY")}
    assert day == env


@pytest.mark.parametrize(
    "argv", [["--as-of", "2026-02-30"], ["--as-of", "soon"], ["--as-of", "2026-01-01", "--page-only"]]
)
def test_dashboard_refuses_a_bad_day_before_starting(capsys, monkeypatch, argv):
    from syncmatrix import launch

    monkeypatch.setattr(launch, "serve", lambda *a: pytest.fail("the server started"))
    code, out, err = run(capsys, "dashboard", *argv)
    assert (code, out) == (2, "") and "--as-of" in err and "Traceback" not in err


def test_a_new_page_opens_on_the_launchers_day(monkeypatch):
    import datetime

    from syncmatrix.dashboard import page

    monkeypatch.setenv("SYNCMATRIX_AS_OF", "2021-04-11")
    monkeypatch.delenv("SYNCMATRIX_PAGE_ONLY", raising=False)
    assert page.today() == datetime.date(2021, 4, 11) and page.page_only_first() is False
    monkeypatch.setenv("SYNCMATRIX_AS_OF", "not a day")
    assert page.today() == datetime.date.today()
    monkeypatch.setenv("SYNCMATRIX_PAGE_ONLY", "1")
    assert page.page_only_first() is True
