"""The launcher and the command line's signals under hostile conditions (issue 20, items 6 and 9): a
Streamlit configuration planted where the dashboard is started, a launcher killed outright, a
`nohup` launcher, SIGTERM and SIGHUP in the middle of `--output`, an absurd `--limit`, an audit out
of memory. Each test failed on commit 1ab2e05.

The real processes are started as a terminal starts them (tests/children.py), so that the tests
hold when pytest itself runs as a script's background job. Knowledge base: tests/kbs/cli-table.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from children import as_in_a_terminal

from syncmatrix import cli
from syncmatrix.cli import main
from syncmatrix.present.words import t

KBS = Path(__file__).resolve().parent / "kbs"
TABLE_KB = str(KBS / "cli-table")
EXPORTS = Path(__file__).resolve().parent / "exports"
FOREIGN = "http://attacker.example"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answer(url: str, origin: str | None = None) -> tuple[int, dict[str, str]]:
    """The status and headers (lower-case names) of a GET of `url`, sent from `origin`."""
    request = urllib.request.Request(url, headers={"Origin": origin} if origin else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, {name.lower(): value for name, value in response.headers.items()}
    except urllib.error.HTTPError as error:
        with error:  # an HTTPError holds the open response: closed, or it is a ResourceWarning later
            return error.code, {name.lower(): value for name, value in error.headers.items()}


def wait_until_serving(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the dashboard exited with {server.returncode}:\n{log.read_text(errors='replace')}")
        try:
            if answer(f"http://127.0.0.1:{port}/_stcore/health")[0] == 200:
                return
        except OSError:  # URLError included: not listening yet
            pass
        time.sleep(0.3)
    pytest.fail(f"the dashboard did not answer within 90 s:\n{log.read_text(errors='replace')}")


def launch(port: int, log: Path, cwd: Path, env: dict[str, str] | None = None, preexec=as_in_a_terminal):
    """`python -m syncmatrix dashboard` in `cwd`, its output in `log`, in a session of its own."""
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "syncmatrix", "dashboard", "--kb", TABLE_KB, "--port", str(port)],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=preexec,
        )


def stop(server: subprocess.Popen[bytes]) -> None:
    """The launcher and what it started, however the test ended."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)


# --- 1. no configuration from the folder the dashboard is started in -------------------------------------

PLANTED = """\
[server]
enableCORS = false
enableXsrfProtection = false

[logger]
level = "debug"
messageFormat = "PLANTED %(levelname)s %(message)s"
"""


@pytest.mark.parametrize("where", ["current folder", "home folder and environment"])
def test_the_dashboard_keeps_cors_and_quiet_logs_whatever_a_planted_configuration_says(tmp_path, where):
    pytest.importorskip("streamlit")
    start, home = tmp_path / "downloads", tmp_path / "home"
    env = dict(os.environ)
    if where == "current folder":
        (start / ".streamlit").mkdir(parents=True)
        (start / ".streamlit" / "config.toml").write_text(PLANTED, encoding="utf-8")
    else:  # the person's own settings: every one that bears on the page's safety is pinned anyway
        start.mkdir()
        (home / ".streamlit").mkdir(parents=True)
        (home / ".streamlit" / "config.toml").write_text(PLANTED, encoding="utf-8")
        env.update(HOME=str(home), STREAMLIT_SERVER_ENABLE_CORS="false", STREAMLIT_LOGGER_LEVEL="debug")
    port, log = free_port(), tmp_path / "dashboard.log"
    server = launch(port, log, start, env)
    try:
        wait_until_serving(port, server, log)
        status, headers = answer(f"http://127.0.0.1:{port}/_stcore/health", origin=FOREIGN)
        assert status == 200
        assert headers.get("access-control-allow-origin") not in ("*", FOREIGN), headers
        assert "_streamlit_xsrf=" in headers.get("set-cookie", ""), "XSRF protection is off"
    finally:
        stop(server)
    logged = log.read_text(errors="replace")
    assert "PLANTED DEBUG" not in logged and "Starting server" not in logged, logged  # no debug line
    if where == "current folder":
        assert "PLANTED" not in logged  # the file was not read at all


# --- 3. the server ends with its launcher ----------------------------------------------------------------


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux: /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # it ended meanwhile
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie nobody has reaped yet has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def ignoring_hangups() -> None:
    """As nohup starts its command: SIGHUP ignored, the rest as a terminal has them."""
    as_in_a_terminal()
    signal.signal(signal.SIGHUP, signal.SIG_IGN)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG and /proc are Linux's")
def test_under_nohup_the_server_outlives_a_hangup_and_never_its_launcher(tmp_path):
    pytest.importorskip("streamlit")
    port, log = free_port(), tmp_path / "dashboard.log"
    launcher = launch(port, log, tmp_path, preexec=ignoring_hangups)
    servers: list[int] = []
    try:
        wait_until_serving(port, launcher, log)
        servers = children_of(launcher.pid)
        assert len(servers) == 1, servers
        # nohup: the terminal's hangup reaches the launcher, which keeps serving.
        launcher.send_signal(signal.SIGHUP)
        time.sleep(2)
        assert launcher.poll() is None and alive(servers[0]), "a hangup stopped the dashboard under nohup"
        assert answer(f"http://127.0.0.1:{port}/_stcore/health")[0] == 200
        # Killed outright, the launcher forwards nothing: the server goes all the same.
        launcher.send_signal(signal.SIGKILL)
        assert launcher.wait(timeout=10) == -signal.SIGKILL
        deadline = time.monotonic() + 10
        while alive(servers[0]) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(servers[0]), "the server still runs after its launcher was killed"
    finally:
        for pid in servers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        stop(launcher)


def test_parent_death_is_a_request_only_linux_knows():
    from syncmatrix import launch as launcher

    assert (launcher.parent_death() is not None) is sys.platform.startswith("linux")


# --- 2. SIGTERM and SIGHUP in the middle of --output ----------------------------------------------------

# The command line with its fsync made slow: the temporary file is written and not yet renamed.
SLOW_WRITE = """
import os, sys, time
from syncmatrix import cli
def slow_fsync(fd):
    sys.__stderr__.write("writing\\n")
    sys.__stderr__.flush()
    time.sleep(120)
os.fsync = slow_fsync
cli.run()
"""


def stopped_mid_write(folder: Path, number: int, *argv: str) -> tuple[int, str, list[str]]:
    """Run syncmatrix `argv` (writing in `folder`), send signal `number` while the temporary file is
    being written; its exit code, its stderr and what `folder` holds then."""
    with subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=as_in_a_terminal,
    ) as child:
        try:
            assert child.stderr is not None and child.stderr.readline() == b"writing\n"
            during = sorted(path.name for path in folder.iterdir())
            assert any(name.endswith(".tmp") for name in during), during  # the test stops a write
            child.send_signal(number)
            _, err = child.communicate(timeout=60)
        finally:
            child.kill()
    return child.returncode, err.decode(), sorted(path.name for path in folder.iterdir())


@pytest.mark.parametrize(
    "number,said",
    [
        (signal.SIGTERM, t("stopped_by_signal", "en", signal="SIGTERM")),
        (signal.SIGHUP, t("stopped_by_signal", "en", signal="SIGHUP")),
        (signal.SIGINT, t("interrupted", "en")),
    ],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
def test_a_signal_during_output_leaves_the_old_file_and_no_temporary_one(tmp_path, number, said):
    table = tmp_path / "table.md"
    table.write_text("the published table\n", encoding="utf-8")
    code, err, left = stopped_mid_write(tmp_path, number, "table", "--kb", TABLE_KB, "--output", str(table))
    assert (code, err) == (128 + number, f"syncmatrix: {said}\n")
    assert left == ["table.md"] and table.read_text(encoding="utf-8") == "the published table\n"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_sigterm_during_an_audits_output_is_said_in_the_language_and_cleaned_up(tmp_path, lang):
    report = tmp_path / "report.csv"
    argv = ["audit", str(EXPORTS / "mailboxes.csv"), "--output", str(report), "--lang", lang]
    code, err, left = stopped_mid_write(tmp_path, signal.SIGTERM, *argv)
    assert (code, err) == (143, f"syncmatrix: {t('stopped_by_signal', lang, signal='SIGTERM')}\n")
    assert left == []


def test_a_stop_while_the_temporary_file_is_created_still_removes_it(tmp_path, monkeypatch):
    """The window between creating the file and owning its clean-up: a stop held back there comes
    after, and the file goes (here a KeyboardInterrupt raised as the signals are let through)."""
    from syncmatrix import files

    real = files._release_stops

    def release_then_stop(held):
        real(held)
        raise KeyboardInterrupt

    monkeypatch.setattr(files, "_release_stops", release_then_stop)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomically(str(tmp_path / "table.md"), "text\n")
    assert list(tmp_path.iterdir()) == []


def test_a_stop_said_by_main_is_its_exit_code_and_one_line(capsys, monkeypatch):
    def stopped(args):
        raise cli.Stopped(signal.SIGHUP)

    monkeypatch.setitem(cli.COMMANDS, "rules", (stopped, *cli.COMMANDS["rules"][1:]))
    code = main(["rules", "--lang", "vi"])
    assert (code, capsys.readouterr()) == (129, ("", f"syncmatrix: {t('stopped_by_signal', 'vi', signal='SIGHUP')}\n"))


# --- 4. the small edges of item 9 ----------------------------------------------------------------------


@pytest.mark.parametrize("limit", ["99999999999999999999999999", str(cli.ROWS_MOST + 1), "-1"])
def test_enumerate_says_the_range_of_limit(capsys, limit):
    code = main(["enumerate", "--kb", TABLE_KB, "--page-only", "--limit", limit])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == f"syncmatrix: {t('row_limit_range', 'en', text=limit, most=cli.ROWS_MOST)}\n"


def test_enumerate_takes_the_largest_limit(capsys):
    code = main(["enumerate", "--kb", TABLE_KB, "--page-only", "--limit", str(cli.ROWS_MOST), "--json"])
    assert (code, capsys.readouterr().err) == (0, "")


@pytest.mark.parametrize("command,key", [("audit", "out_of_memory_audit"), ("rules", "out_of_memory")])
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_out_of_memory_advice_fits_the_command(capsys, monkeypatch, command, key, lang):
    def exhausted(args):
        raise MemoryError

    monkeypatch.setitem(cli.COMMANDS, command, (exhausted, *cli.COMMANDS[command][1:]))
    argv = [command, str(EXPORTS / "mailboxes.csv")] if command == "audit" else [command]
    code = main([*argv, "--lang", lang])
    assert (code, capsys.readouterr()) == (2, ("", f"syncmatrix: {t(key, lang)}\n"))
