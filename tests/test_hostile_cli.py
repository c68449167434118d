"""The command line's edge, tried as a hostile or careless user would (issue 10): every error one
paragraph with its exit code and never a traceback, in the chosen language; output that cannot
take over a terminal, fail to encode or leave a traceback when its reader is gone; `table --output`
writing regular files only and `--check` reading bounded; the dashboard launcher.

Each test failed on commit a36f672. Knowledge bases: tests/kbs/cli-*.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from children import as_in_a_terminal

from syncmatrix import cli, kb
from syncmatrix.cli import main
from syncmatrix.kb.errors import InputError
from syncmatrix.solver import SupportModel
from syncmatrix.solver.fix import nearest_fixes

KBS = Path(__file__).resolve().parent / "kbs"
TABLE_KB = str(KBS / "cli-table")
# unsupported: exit 1. The page alone (cli-table holds no advisory): two runs say the same whatever the
# date. The option before the assignments, so that tests can add more of them after.
CHECK = ["check", "--kb", TABLE_KB, "--page-only", "email_system=gmail", "act_sync=true"]
FIX = ["fix", "--kb", TABLE_KB, "email_system=gmail"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_paragraph(err: str) -> bool:
    return err.startswith("syncmatrix: ") and err.endswith("\n") and err.count("\n") == 1 and "Traceback" not in err


def process(*argv: str, **kwargs) -> subprocess.CompletedProcess[bytes]:
    """`python -m syncmatrix ARGV` as a process (timeout: a safety net, not an assertion)."""
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run([sys.executable, "-m", "syncmatrix", *argv], timeout=120, **streams)


# --- 1. safe output: table --output and --check ------------------------------------------------------


def table_output(capsys, path: Path | str, *more: str) -> tuple[int, str, str]:
    return run(capsys, "table", "--kb", TABLE_KB, "--output", str(path), *more)


def test_output_through_a_symbolic_link_writes_its_target_and_keeps_the_link(capsys, tmp_path):
    folder = tmp_path / "published"
    folder.mkdir()
    target = folder / "table.md"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    code, _, err = table_output(capsys, link)
    assert (code, err) == (0, "")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("# A small support page")
    assert sorted(p.name for p in folder.iterdir()) == ["table.md"]  # no temporary file left anywhere
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "published"]


def test_output_through_a_dangling_link_is_refused(capsys, tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "nowhere.md")
    code, _, err = table_output(capsys, link)
    assert code == 2 and one_paragraph(err)
    assert "is a symbolic link to" in err and "which does not exist" in err
    assert not (tmp_path / "nowhere.md").exists()


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604])
def test_output_keeps_the_mode_of_the_file_it_replaces(capsys, tmp_path, mode):
    target = tmp_path / "table.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(mode)
    assert table_output(capsys, target)[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_text(encoding="utf-8") != "old\n"


def test_a_new_output_file_gets_the_umask_default_not_0600(capsys, tmp_path):
    previous = os.umask(0o022)
    try:
        assert table_output(capsys, tmp_path / "new.md")[0] == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o644


def test_output_refuses_a_file_with_other_hard_links_and_leaves_both_names(capsys, tmp_path):
    target = tmp_path / "table.md"
    target.write_text("old\n", encoding="utf-8")
    other = tmp_path / "other-name.md"
    os.link(target, other)
    code, _, err = table_output(capsys, target)
    assert code == 2 and one_paragraph(err)
    assert "the file has 2 hard links" in err and "write to a new name" in err
    assert target.read_text(encoding="utf-8") == other.read_text(encoding="utf-8") == "old\n"
    assert target.stat().st_ino == other.stat().st_ino


def special_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / kind
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "device":
        try:  # the null device, made here: the real /dev/null must never be at stake in a test
            os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs root")
    return path


@pytest.mark.parametrize(
    "kind,said",
    [("device", "is a device"), ("fifo", "is a FIFO (named pipe)"), ("folder", "is a folder")],
)
def test_output_refuses_devices_fifos_and_folders(capsys, tmp_path, kind, said):
    path = special_file(tmp_path, kind)
    before = path.lstat()
    code, out, err = table_output(capsys, path)
    assert (code, out) == (2, "") and one_paragraph(err) and said in err
    after = path.lstat()
    assert (stat.S_IFMT(after.st_mode), after.st_ino) == (stat.S_IFMT(before.st_mode), before.st_ino)


def test_output_with_a_name_too_long_is_exit_2(capsys, tmp_path):
    code, _, err = table_output(capsys, tmp_path / ("a" * 300 + ".md"))
    assert code == 2 and one_paragraph(err)
    assert "cannot use this name: File name too long" in err
    assert "a" * 100 not in err  # the name is shortened in the message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("option", ["--output", "--check"])
def test_an_empty_file_name_is_exit_2_not_stdout(capsys, option):
    code, out, err = run(capsys, "table", "--kb", TABLE_KB, option, "")
    assert (code, out) == (2, "")
    assert err == f"syncmatrix: {option} '': give a file name\n"


def test_a_write_that_fails_half_way_for_real_leaves_the_old_file(tmp_path):
    # A real write failure (the file size limit of the process, EFBIG) in the middle of the table.
    target = tmp_path / "table.md"
    target.write_text("published\n", encoding="utf-8")
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))\n"
        "from syncmatrix.cli import main\n"
        f"sys.exit(main(['table', '--kb', {TABLE_KB!r}, '--output', {str(target)!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert one_paragraph(done.stderr) and "the file was left as it was" in done.stderr
    assert target.read_text(encoding="utf-8") == "published\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.md"]


@pytest.mark.parametrize("kind,said", [("device", "is a device"), ("fifo", "is a FIFO (named pipe)")])
def test_check_refuses_what_is_not_a_regular_file_without_waiting_or_reading_it(tmp_path, kind, said):
    # In a process: on the old code a FIFO blocked for ever and a device was read without end.
    path = special_file(tmp_path, kind)
    if kind == "device":
        path.unlink()
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 5))  # the zero device
    done = process("table", "--kb", TABLE_KB, "--check", str(path))
    assert done.returncode == 2
    err = done.stderr.decode()
    assert one_paragraph(err) and said in err


def test_check_reads_at_most_a_bounded_size(capsys, tmp_path):
    big = tmp_path / "table.md"
    with big.open("wb") as handle:
        handle.truncate(3_000_000_000)  # sparse: 3 GB to a reader, nothing on the disk
    code, out, err = run(capsys, "table", "--kb", TABLE_KB, "--check", str(big))
    assert (code, out) == (2, "") and one_paragraph(err)
    assert "the file is 3,000,000,000 bytes; a published table is at most 1,000,000 bytes" in err


def test_check_of_a_missing_file_is_stale_and_says_how_to_make_it(capsys, tmp_path):
    missing = tmp_path / "my table.md"
    code, out, err = run(capsys, "table", "--kb", TABLE_KB, "--check", str(missing))
    assert code == 1 and out.startswith(f"--- {missing} (published)")
    assert err.endswith(f"--lang en --kb {TABLE_KB} --output '{missing}'\n")  # quoted for a shell


# --- 2. one edge converts every error -------------------------------------------------------------------


def raising(error: BaseException):
    def handler(args):
        raise error

    return handler


@pytest.mark.parametrize(
    "error,code,said",
    [
        (PermissionError(errno.EACCES, "Permission denied", "/srv/kb/rules"), 2, "cannot use '/srv/kb/rules'"),
        (OSError(errno.EIO, "Input/output error"), 2, "an operation of the system failed: Input/output error"),
        (UnicodeDecodeError("utf-8", b"ab\xff", 2, 3, "invalid start byte"), 2, "(byte 0xff at position 2)"),
        (RecursionError("maximum recursion depth exceeded"), 2, "nested too deeply"),
        (MemoryError(), 2, "out of memory"),
        (KeyboardInterrupt(), 130, "interrupted (Ctrl+C)"),
    ],
    ids=["permission", "io", "unicode", "recursion", "memory", "interrupt"],
)
def test_every_kind_of_error_is_one_paragraph_and_its_exit_code(capsys, monkeypatch, error, code, said):
    monkeypatch.setitem(cli.COMMANDS, "rules", (raising(error), *cli.COMMANDS["rules"][1:]))
    try:
        got, out, err = run(capsys, "rules")
    except BaseException as escaped:  # noqa: BLE001  (a KeyboardInterrupt let through would stop pytest)
        pytest.fail(f"{type(escaped).__name__} escaped main()")
    assert (got, out) == (code, "")
    assert one_paragraph(err) and said in err, err


def test_a_bug_is_one_line_from_the_process_never_exit_1():
    code = (
        "from syncmatrix import cli\n"
        "def broken(args):\n"
        "    raise TypeError('a bug')\n"
        "cli.COMMANDS['rules'] = (broken, *cli.COMMANDS['rules'][1:])\n"
        "cli.run()\n"
    )
    done = subprocess.run([sys.executable, "-c", code, "rules"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert one_paragraph(done.stderr) and "internal error (TypeError: a bug); this is a bug" in done.stderr


SLOW_COMMAND = """
import sys, time
from syncmatrix import cli
def slow(args):
    sys.__stderr__.write("ready\\n")
    sys.__stderr__.flush()
    time.sleep(120)
    return 0
cli.COMMANDS["rules"] = (slow, *cli.COMMANDS["rules"][1:])
cli.run()
"""


@pytest.mark.parametrize("lang,said", [("en", "interrupted (Ctrl+C)"), ("vi", "đã dừng theo yêu cầu (Ctrl+C)")])
def test_ctrl_c_exits_130_with_one_short_line(lang, said):
    # As a terminal starts it (tests/children.py): started from a script's background job, the child
    # would inherit SIGINT ignored and never see this Ctrl+C. `with`: its pipes are closed however
    # the test ends (a timeout left them to the collector, a ResourceWarning and so an error).
    with subprocess.Popen(
        [sys.executable, "-c", SLOW_COMMAND, "rules", "--lang", lang],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=as_in_a_terminal,
    ) as child:
        try:
            assert child.stderr is not None and child.stderr.readline() == b"ready\n"
            child.send_signal(signal.SIGINT)
            out, err = child.communicate(timeout=60)
        finally:
            child.kill()
    assert child.returncode == 130
    assert (out, err.decode()) == (b"", f"syncmatrix: {said}\n")


def test_a_closed_stdout_is_quiet_and_the_exit_code_stays_the_verdict():
    done = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "syncmatrix", *CHECK],
        capture_output=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (1, b"")


def test_a_pipe_whose_reader_has_gone_is_quiet():
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte
    try:
        done = subprocess.run(
            [sys.executable, "-m", "syncmatrix", *CHECK], stdout=write, stderr=subprocess.PIPE, timeout=120
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (1, b"")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [CHECK, ["table", "--kb", TABLE_KB]])
def test_a_full_disk_on_stdout_is_exit_2_with_one_line(argv):
    with open("/dev/full", "wb") as full:
        done = process(*argv, stdout=full)
    assert done.returncode == 2
    assert done.stderr.decode() == "syncmatrix: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_text_the_stream_cannot_encode_degrades_to_ascii(encoding):
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    done = process(*CHECK, "--lang", "vi", env=env)
    assert done.returncode == 1 and done.stderr == b""
    day, text = done.stdout.decode(encoding).split("\n", 1)
    if encoding == "ascii":
        assert day == "Chi theo trang: khong tinh khuyen cao nao, bat ke ngay nao."
    else:
        assert day == "Chi theo trang: không tính khuyen cáo nào, bat ke ngày nào."
    assert text.startswith("Ket luan: khong duoc ho tro" if encoding == "ascii" else "Ket luan: không duoc ho tro")
    assert "x gmail-email-only" in text  # ✗ written as x


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_json_the_stream_cannot_encode_stays_the_same_document(encoding):
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    degraded = process(*CHECK, "--lang", "vi", "--json", env=env)
    plain = process(*CHECK, "--lang", "vi", "--json")
    assert degraded.returncode == plain.returncode == 1 and degraded.stderr == b""
    assert json.loads(degraded.stdout.decode(encoding)) == json.loads(plain.stdout.decode("utf-8"))


def test_errors_the_stream_cannot_encode_degrade_too():
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = process("check", "--kb", TABLE_KB, "email_sytem=gmail", "--lang", "vi", env=env)
    assert done.returncode == 2
    assert done.stderr.decode("ascii").startswith("syncmatrix: trong 'email_sytem=gmail': khong co muc")


@pytest.mark.parametrize("word", ["email_system=²", "email_system=٣", "email_system=5x", "=5", "email_system"])
def test_a_cost_that_is_not_ascii_digits_is_exit_2(capsys, word):
    code, out, err = run(capsys, *FIX, "--cost", word)
    assert (code, out) == (2, "") and one_paragraph(err)
    assert f"--cost '{word}': expected VARIABLE=N with N a whole number" in err


def test_a_cost_of_thousands_of_digits_is_out_of_range_not_a_traceback(capsys):
    code, _, err = run(capsys, *FIX, "--cost", "email_system=" + "9" * 5000)
    assert code == 2 and one_paragraph(err) and "must be a whole number from 1 to 1000, not 99999" in err


def test_a_variable_priced_twice_is_exit_2_naming_both_values(capsys):
    code, out, err = run(capsys, *FIX, "--cost", "email_system=5", "--cost", "email_system=7")
    assert (code, out) == (2, "")
    assert err == "syncmatrix: --cost email_system is given twice, as 5 and 7; give it once\n"
    assert run(capsys, *FIX, "--cost", "email_system=5", "--cost", "email_system=05")[0] == 0


@pytest.mark.parametrize(
    "argv",
    [
        [*CHECK, "email_system=" + "x" * 131_072],
        [*CHECK, "x" * 131_072],
        [*CHECK, "--format", "x" * 131_072],
        [*CHECK, "--" + "x" * 131_072],
        [*FIX, "--cost", "email_system=" + "x" * 131_072],
        ["table", "--kb", TABLE_KB, "--output", "x" * 131_072],
    ],
    ids=["value", "word", "choice", "option", "cost", "output"],
)
def test_a_huge_argument_is_never_echoed_in_full(capsys, argv):
    code, _, err = run(capsys, *argv)
    assert code == 2 and one_paragraph(err)
    assert len(err) < 1_000 and "x" * 81 not in err and "…" in err


def test_control_characters_of_arguments_are_escaped_in_messages(capsys):
    code, _, err = run(capsys, "check", "--kb", TABLE_KB, "email_system=\x1b[31mred\u202e\x9b2J")
    assert code == 2 and one_paragraph(err)
    assert "\\u001b[31mred\\u202e\\u009b2J" in err
    assert not any(c in err for c in "\x1b\u202e\x9b")


CONTROL_KB = str(KBS / "cli-control")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_control_characters_from_files_never_reach_the_terminal(capsys, lang):
    code, out, _ = run(capsys, "rules", "--kb", CONTROL_KB, "--lang", lang)
    assert code == 0 and "\\u001b[31m" in out and "\\u202e" in out and "\\u009b2J" in out
    assert not any(c in out for c in "\x1b\u202e\u202c\x9b")
    code, out, _ = run(capsys, "check", "sync=true", "--kb", CONTROL_KB, "--lang", lang)
    assert code == 1 and "\x1b" not in out and "\\u001b[31m" in out


def test_json_carries_control_characters_as_escapes_of_the_same_text(capsys):
    code, out, _ = run(capsys, "rules", "--kb", CONTROL_KB, "--json")
    assert code == 0 and not any(c in out for c in "\x1b\u202e\x9b")
    assert json.loads(out)["rules"][0]["message"] == "\x1b[31mred\x1b[0m and \u202ereversed\u202c and \x9b2J"


def test_an_argument_that_is_not_utf8_is_escaped():
    done = subprocess.run(
        [sys.executable, "-m", "syncmatrix", "check", "--kb", TABLE_KB, b"email_system=\xff\xfe"],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert b"'email_system=\\udcff\\udcfe'" in done.stderr and b"Traceback" not in done.stderr


# --- 3. errors in the chosen language -----------------------------------------------------------------


@pytest.mark.parametrize(
    "argv,said",
    [
        ([*CHECK, "email_sytem=gmail"], "không có mục 'email_sytem'; các mục có: deployment,"),
        ([*CHECK, "email_sytem=gmail"], "(có phải ý bạn là 'email_system'?)"),
        ([*CHECK, "email_system=gmial"], "không có giá trị 'gmial' cho email_system"),
        ([*CHECK, "act_sync=maybe"], "'maybe' không phải giá trị của act_sync; cần true hoặc false"),
        ([*CHECK, "gmail"], "'gmail' không phải cặp MỤC=GIÁ_TRỊ"),
        ([*CHECK, "act_sync=no"], "act_sync được cho hai lần, là true và false"),
        ([*CHECK, "--format", "xml"], "tham số --format: giá trị 'xml' không hợp lệ (chọn một trong text, json)"),
        ([*CHECK, "--frobnicate"], "tham số không nhận ra được: --frobnicate"),
        (["check", "--kb"], "tham số --kb: cần đúng một giá trị (xem 'syncmatrix check --help')"),
        (["table", "--output", "a.md", "--check", "b.md"], "không được dùng cùng với --output"),
        (["dashboard", "--port", "eighty"], "tham số --port: 'eighty' không phải số nguyên"),
        (["dashboard", "--port", "0"], "--port 0: cần số cổng từ 1 đến 65535"),
        ([*FIX, "--lock", "act_snyc"], "--lock act_snyc: không có mục này; các mục có: deployment"),
        ([*FIX, "--lock", "act_sync"], "--lock act_sync: act_sync chưa được cho"),
        ([*FIX, "--cost", "email_system=0"], "chi phí của email_system phải là số nguyên từ 1 đến 1000, không phải 0"),
        ([*FIX, "--cost", "x"], "--cost 'x': cần MỤC=N với N là số nguyên"),
        (["table", "--output", "/nonexistent/t.md"], "thư mục '/nonexistent' không tồn tại; hãy tạo nó trước"),
        (["table", "--output", ""], "--output '': hãy cho một tên tệp"),
    ],
)
@pytest.mark.parametrize("where", ["after", "before", "equals"])
def test_errors_are_in_the_chosen_language(capsys, argv, said, where):
    lang = {"after": [*argv, "--lang", "vi"], "before": [argv[0], "--lang", "vi", *argv[1:]]}
    words = lang.get(where, [argv[0], "--lang=vi", *argv[1:]])
    code, out, err = run(capsys, *words)
    assert (code, out) == (2, "") and one_paragraph(err)
    assert said in err, err


def test_the_knowledge_base_header_is_in_the_chosen_language_its_problems_stay_english(capsys):
    code, _, err = run(capsys, "rules", "--kb", str(KBS / "cli-broken"), "--lang", "vi")
    assert code == 2
    lines = err.splitlines()
    assert lines[0] == "syncmatrix: cơ sở tri thức không hợp lệ (2 vấn đề):"
    assert lines[1].endswith("rules/mini.yaml:4: rule 'gmail-email-only' lacks the key 'when'")


def test_an_unknown_language_falls_back_to_english(capsys):
    code, _, err = run(capsys, "check", "--lang", "fr")
    assert code == 2 and "argument --lang: invalid choice: 'fr' (choose from en, vi)" in err


TABLE_WORDS = ["emial_system=gmail", "act_sync=maybe", "email_system=gmial", "gmail", "act_sync=1 act_sync=0"]


@pytest.mark.parametrize("words", TABLE_WORDS)
def test_library_errors_say_in_english_what_their_words_say(words):
    from syncmatrix.present.words import message

    knowledge = kb.load(TABLE_KB)
    with pytest.raises(InputError) as caught:
        kb.parse_assignments(knowledge, words.split())
    assert caught.value.key
    assert str(caught.value) == message(caught.value.key, "en", caught.value.values)


@pytest.mark.parametrize(
    "locks,costs", [(["emial_system"], {}), (["act_sync"], {}), ([], {"email_system": 0})], ids=str
)
def test_fix_errors_say_in_english_what_their_words_say(locks, costs):
    from syncmatrix.present.words import message

    model = SupportModel(kb.load(TABLE_KB))
    with pytest.raises(InputError) as caught:
        nearest_fixes(model, {"email_system": "gmail"}, locks=locks, costs=costs)
    assert caught.value.key
    assert str(caught.value) == message(caught.value.key, "en", caught.value.values)


# --- 4. the table on a knowledge base without its columns ------------------------------------------------


@pytest.mark.parametrize("lang,said", [("en", "this knowledge base lacks deployment"), ("vi", "thiếu deployment")])
def test_table_without_deployment_says_which_variables_it_needs(capsys, lang, said):
    code, out, err = run(capsys, "table", "--kb", str(KBS / "cli-no-deployment"), "--lang", lang)
    assert (code, out) == (2, "") and one_paragraph(err) and said in err
    assert "deployment, email_system, email_sync, act_sync, incoming_protocol, outgoing_protocol" in err


# --- 5. the dashboard launcher -----------------------------------------------------------------------------


class FakeChild:
    """subprocess.Popen that records the command and ends at once: no server in these tests."""

    started: list[tuple[list[str], dict]] = []

    def __init__(self, command, **kwargs):
        FakeChild.started.append((list(command), kwargs))
        self.returncode = 0
        self.pid = 0

    def poll(self):
        return 0

    def wait(self, timeout=None):
        return 0

    def communicate(self, *args, **kwargs):
        return None, None

    def send_signal(self, number):
        pass

    def kill(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.fixture
def fake_child(monkeypatch):
    FakeChild.started = []
    monkeypatch.setattr(subprocess, "Popen", FakeChild)
    return FakeChild.started


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def dashboard(capsys, address: str = "127.0.0.1") -> tuple[int, str, str]:
    return run(capsys, "dashboard", "--kb", TABLE_KB, "--port", str(free_port()), f"--address={address}")


def test_the_launcher_starts_streamlit_safe_from_the_working_directory(capsys, fake_child, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(["", ".", "relative/dir", "/abs/dir"]))
    code, _, err = dashboard(capsys)
    assert code == 0 and "the dashboard is at http://127.0.0.1:" in err
    [(command, options)] = fake_child
    assert command[:4] == [sys.executable, "-P", "-m", "streamlit"]
    assert "--client.showErrorDetails=none" in command
    assert options["env"]["PYTHONPATH"] == "/abs/dir" and options["env"]["PYTHONSAFEPATH"] == "1"


def test_show_error_details_none_is_a_value_this_streamlit_knows():
    from streamlit import config

    option = config._config_options_template["client.showErrorDetails"]  # no public list of its values
    assert "none" in (option.description or "")


@pytest.mark.parametrize("address", ["", "a b", "exa_mple", "-host", "host-", "a..b", "x" * 300, "1.2.3.4/24"])
def test_the_launcher_refuses_what_is_not_an_address(capsys, fake_child, address):
    code, out, err = dashboard(capsys, address)
    assert (code, out, fake_child) == (2, "", [])
    assert one_paragraph(err) and "expected an IP address (127.0.0.1, ::1, 0.0.0.0) or a host name" in err


@pytest.mark.parametrize(
    "address,warned", [("0.0.0.0", True), ("::", True), ("127.0.0.1", False), ("localhost", False)]
)
def test_the_launcher_warns_when_others_can_reach_the_page(capsys, fake_child, address, warned):
    if ":" in address and not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    code, _, err = dashboard(capsys, address)
    assert code == 0 and len(fake_child) == 1
    assert ("so other machines on the network can reach it, and it has no login" in err) is warned


def test_the_launcher_says_a_busy_port_before_starting(capsys, fake_child):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, out, err = run(capsys, "dashboard", "--kb", TABLE_KB, "--port", str(port))
    assert (code, out, fake_child) == (2, "", [])
    assert one_paragraph(err) and f"--port {port}: the port is already in use" in err and "--port " in err


def test_dashboard_help_offers_no_output_format(capsys):
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["dashboard", "--help"])
    help_text = capsys.readouterr().out
    assert "--format" not in help_text and "--json" not in help_text


HOSTILE_CLICK = "open({marker!r}, 'w').write('imported from the working directory')\nraise SystemExit(3)\n"


def wait_until_serving(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the dashboard exited with {server.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except urllib.error.HTTPError as error:  # not ready (503): it holds the response, to close
            error.close()
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    pytest.fail("the dashboard did not answer within 90 s")


def test_the_real_dashboard_imports_nothing_from_its_folder_and_stops_with_sigterm(tmp_path):
    pytest.importorskip("streamlit")
    marker = tmp_path / "click-ran"
    (tmp_path / "click.py").write_text(HOSTILE_CLICK.format(marker=str(marker)), encoding="utf-8")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "syncmatrix", "dashboard", "--kb", TABLE_KB, "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=as_in_a_terminal,
    )
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/_stcore/health", server)
        assert not marker.exists()
        server.send_signal(signal.SIGTERM)  # to the launcher alone, not its process group
        assert server.wait(timeout=60) == 128 + signal.SIGTERM
        with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)
