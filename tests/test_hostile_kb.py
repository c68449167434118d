"""Hostile knowledge bases against the loader (issue 10): no cache that can lie or delete, every
file read once and bounded, numbers and names bounded before they cost anything, file names and
permissions that cannot be printed or read. Each case is a problem with its file (and line), exit
2 on the command line, never a traceback, a hang or a blow-up.

The knowledge bases are copies of tests/kbs/loader-tiny with one thing broken; what cannot live in
git (FIFOs, sparse files, names that are not UTF-8) is made by the test.
"""

from __future__ import annotations

import importlib.util
import io
import os
import shutil
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from kbtools import KBS, copy_kb, edit, problems

from syncmatrix import kb, words
from syncmatrix.cli import main
from syncmatrix.kb import located
from syncmatrix.kb.loader import MAX_RULE_FILES
from syncmatrix.kb.located import MAX_FILE_BYTES

TINY = KBS / "loader-tiny"
ROOT = Path(__file__).resolve().parent.parent
RULES = "rules/tiny.yaml"
CHECK = ("email_system=gmail", "act_sync=true")
# The limits as the messages state them (kb.loader.MAX_NAME_CHARS, kb.located.MAX_NUMBER_CHARS and
# MAX_KEY_CHARS): written out, so that this file also runs against a loader without them.
MAX_NAME_CHARS = MAX_KEY_CHARS = 100
MAX_NUMBER_CHARS = 40


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return copy_kb("loader-tiny", tmp_path)


def cli(capsys: pytest.CaptureFixture[str], root: Path) -> str:
    """`syncmatrix check --kb root …` in this process: exit 2 and no traceback; returns stderr."""
    code = main(["check", "--kb", str(root), *CHECK])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert "Traceback" not in err and not out
    return err


def cli_process(root: Path, cwd: Path, memory: int = 2 << 30, user: list[str] | None = None) -> str:
    """The same in a process of its own, for what would hang or eat the memory in this one (the
    old loader read a FIFO forever and /dev/zero until MemoryError): at most `memory` bytes of
    address space, and a generous timeout that only ends a hang, never judges speed."""

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {k: v for k, v in os.environ.items() if not k.startswith("SYNCMATRIX")}
    result = subprocess.run(
        [*(user or []), sys.executable, "-m", "syncmatrix", "check", "--kb", str(root), *CHECK],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**env, "PYTHONPATH": str(ROOT)},
        timeout=120,
        preexec_fn=limit,
        check=False,
    )
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr and not result.stdout
    return result.stderr


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every file opened from now on (through os.open or io.open), by resolved path."""
    counts: Counter[str] = Counter()
    real_os_open, real_io_open = os.open, io.open

    def os_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not isinstance(path, int):
            counts[os.path.realpath(path)] += 1
        return real_os_open(path, *args, **kwargs)

    def io_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not isinstance(path, int):
            counts[os.path.realpath(path)] += 1
        return real_io_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)
    return counts


def test_the_tiny_knowledge_base_loads():
    base = kb.load(TINY)
    assert [r.id for r in base.rules] == ["act-sync-needs-exchange"]


# --- 1. no cache -------------------------------------------------------------------------------------


def test_the_loader_has_no_cache():
    assert importlib.util.find_spec("syncmatrix.kb.cache") is None
    sources = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "kb").glob("*.py"))
    assert "SYNCMATRIX_CACHE_DIR" not in sources and "XDG_CACHE_HOME" not in sources and "expanduser" not in sources


def test_a_load_writes_nothing_and_deletes_nothing(tiny, tmp_path, monkeypatch):
    # The old cache wrote entries under $SYNCMATRIX_CACHE_DIR, $XDG_CACHE_HOME or ~/.cache (./~/.cache
    # without a home) and pruned every *.json of its folder beyond 64: a folder of reports lost some.
    home, xdg, reports, work = (tmp_path / n for n in ("home", "xdg", "reports", "work"))
    for folder in (home, xdg, reports, work):
        folder.mkdir()
    for i in range(70):
        (reports / f"report-{i:02d}.json").write_text(f'{{"report": {i}}}\n', encoding="utf-8")
    before = sorted((p.name, p.read_bytes()) for p in reports.iterdir())
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    monkeypatch.setenv("SYNCMATRIX_CACHE_DIR", str(reports))
    monkeypatch.chdir(work)
    first, second = kb.load(tiny), kb.load(tiny)
    assert first == second
    assert sorted((p.name, p.read_bytes()) for p in reports.iterdir()) == before
    assert list(home.iterdir()) == [] and list(xdg.iterdir()) == [] and list(work.iterdir()) == []


def test_an_edited_file_is_read_as_it_is_now(tiny, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert kb.load(tiny).rules[0].severity is kb.Severity.ERROR
    edit(tiny, RULES, "severity: error", "severity: warning")
    assert kb.load(tiny).rules[0].severity is kb.Severity.WARNING


# --- 3. every input read once, bounded -------------------------------------------------------------


def test_each_file_is_opened_once(tiny, opened, monkeypatch, tmp_path):
    # The old loader hashed one read of each file for its cache and parsed another read: an edit in
    # between paired the facts of one text with the other.
    monkeypatch.setenv("HOME", str(tmp_path))
    kb.load(tiny)
    inside = {path: n for path, n in opened.items() if path.startswith(str(tiny.resolve()))}
    names = ("variables.yaml", "sources.yaml", RULES)
    assert inside == {str((tiny / name).resolve()): 1 for name in names}


def test_a_fifo_named_like_a_rule_file_is_a_problem_not_a_hang(tiny, tmp_path):
    os.mkfifo(tiny / "rules" / "pipe.yaml")
    err = cli_process(tiny, tmp_path)
    fifo = words.t("yaml_pb_special", kind=words.t("yaml_kind_fifo"))
    assert fifo == "this is a FIFO (named pipe), not a file; expected a YAML file"
    assert f"rules/pipe.yaml: {fifo}" in err


@pytest.mark.parametrize(
    "make,kind",
    [
        (lambda p: p.symlink_to("/dev/zero"), "yaml_kind_character_device"),
        (lambda p: p.symlink_to("/dev/null"), "yaml_kind_character_device"),
        (lambda p: p.mkdir(), "yaml_kind_folder"),
    ],
    ids=["symlink to /dev/zero", "symlink to /dev/null", "folder"],
)
def test_devices_and_folders_named_like_rule_files(tiny, tmp_path, make, kind):
    make(tiny / "rules" / "odd.yaml")
    err = cli_process(tiny, tmp_path)
    assert "rules/odd.yaml: " + words.t("yaml_pb_special", kind=words.t(kind)) in err


def test_a_3_gb_sparse_file_is_refused_by_its_size(tiny, tmp_path, capsys):
    with open(tiny / "variables.yaml", "r+b") as handle:
        handle.truncate(3_000_000_000)
    err = cli_process(tiny, tmp_path)
    expected = "variables.yaml: " + words.t("yaml_pb_file_too_big", size="3,000,000,000", limit="1,000,000")
    assert expected in err
    assert problems(tiny) == [expected]


def test_a_file_that_grows_after_its_size_was_checked_is_refused(tiny, monkeypatch):
    # Only what was read is parsed, and never more than the limit plus one byte: a file that reports
    # a small size and holds more (one that grows meanwhile) is refused, not read whole.
    path = tiny / RULES
    path.write_text(path.read_text(encoding="utf-8") + "# padding\n" * 150_000, encoding="utf-8")
    assert path.stat().st_size > MAX_FILE_BYTES
    real_stat, real_fstat = os.stat, os.fstat

    def small(status: os.stat_result) -> os.stat_result:
        if not stat.S_ISREG(status.st_mode) or status.st_size <= MAX_FILE_BYTES:
            return status
        fields = list(status[:10])
        fields[stat.ST_SIZE] = 100
        return os.stat_result(fields)

    monkeypatch.setattr(os, "stat", lambda *a, **k: small(real_stat(*a, **k)))
    monkeypatch.setattr(os, "fstat", lambda fd: small(real_fstat(fd)))
    assert problems(tiny) == [f"{RULES}: " + words.t("yaml_pb_file_grew", limit="1,000,000")]


def test_rule_files_are_counted_before_any_is_read(tiny, opened, capsys):
    for i in range(MAX_RULE_FILES):
        (tiny / "rules" / f"extra-{i:03d}.yaml").write_text("not: [valid\n", encoding="utf-8")
    opened.clear()
    assert problems(tiny) == [f"rules: more than {MAX_RULE_FILES} rule files; the limit is {MAX_RULE_FILES}"]
    assert not [path for path in opened if "/rules/" in path]
    assert "rules: more than 200 rule files" in cli(capsys, tiny)


# --- 4. numbers and names bounded before they are converted ---------------------------------------


def test_an_integer_past_pythons_4300_digits_is_a_problem(tiny, capsys):
    line = edit(tiny, "sources.yaml", "mark: 1", "mark: " + "7" * 5000)
    expected = (
        f"sources.yaml:{line}: a number of 5,000 characters ('{'7' * 99}…'); the limit is "
        f"{MAX_NUMBER_CHARS} (quote it if it is a text)"
    )
    assert problems(tiny) == [expected]
    assert f"sources.yaml:{line}: a number of 5,000 characters" in cli(capsys, tiny)


def test_a_long_integer_is_a_problem(tiny):
    line = edit(tiny, "sources.yaml", "mark: 1", "mark: " + "7" * 100)
    assert problems(tiny) == [
        f"sources.yaml:{line}: a number of 100 characters ('{'7' * 100}'); the limit is 40 (quote it if it is a text)"
    ]


@pytest.mark.parametrize("number", ["1:20", "-1:20:30", "190:20:30.15"])
def test_base_60_numbers_are_problems(tiny, capsys, number):
    # PyYAML reads 1:20 as 80, and converts a long base-60 number in quadratic time (40 s for 1 MB).
    line = edit(tiny, "sources.yaml", "mark: 1", f"mark: {number}")
    expected = f"sources.yaml:{line}: " + words.t("yaml_pb_base60", value=number)
    assert problems(tiny) == [expected]
    assert expected in cli(capsys, tiny)


def test_a_long_base_60_number_is_refused_before_its_conversion(tiny, capsys):
    line = edit(tiny, "sources.yaml", "mark: 1", "mark: 1" + ":30" * 100_000)
    shown = "1" + ":30" * 32 + ":3…"  # the first 99 characters of the number, then the cut
    said = words.t("yaml_pb_number_too_long", n="300,001", value=shown, limit=MAX_NUMBER_CHARS)
    assert problems(tiny) == [f"sources.yaml:{line}: {said}"]
    assert f"sources.yaml:{line}: a number of 300,001 characters" in cli(capsys, tiny)


@pytest.mark.parametrize(
    "value,tag",
    [("!!bool maybe", "bool"), ("!!int abc", "int"), ("!!float x", "float"), ("!!int '1:20'", "base-60")],
)
def test_an_explicit_tag_on_a_value_it_does_not_fit(tiny, capsys, value, tag):
    line = edit(tiny, "sources.yaml", "mark: 1", f"mark: {value}")
    [problem] = problems(tiny)
    assert problem.startswith(f"sources.yaml:{line}: ")
    assert tag in problem
    assert f"sources.yaml:{line}: " in cli(capsys, tiny)


def test_an_overlong_name_is_a_problem_with_a_short_echo(tiny, capsys):
    long_id = "r" * 5000
    line = edit(tiny, RULES, "id: act-sync-needs-exchange", f"id: {long_id}")
    assert problems(tiny) == [
        f"{RULES}:{line}: 'id' of a rule is 5,000 characters long ('{'r' * 99}…'); the limit is {MAX_NAME_CHARS}"
    ]
    assert len(cli(capsys, tiny)) < 500


def test_an_overlong_key_is_a_problem_with_a_short_echo(tiny, capsys):
    # (YAML itself refuses a plain key of more than 1,024 characters.)
    line = edit(tiny, RULES, "    severity: error", "    " + "k" * 1000 + ": 1\n    severity: error")
    said = words.t("yaml_pb_key_too_long", n="1,000", key="k" * 99 + "…", limit=MAX_KEY_CHARS)
    assert problems(tiny) == [f"{RULES}:{line}: {said}"]
    assert len(cli(capsys, tiny)) < 500


def test_an_overlong_value_is_echoed_short(tiny, capsys):
    line = edit(tiny, RULES, "email_system: gmail", "email_system: " + "g" * 50_000)
    [problem] = problems(tiny)
    assert problem.startswith(f"{RULES}:{line}: unknown value '{'g' * 99}…' for email_system")
    assert len(cli(capsys, tiny)) < 700


# --- 5. names that are not UTF-8, folders and files that cannot be read ----------------------------


def test_a_rule_file_whose_name_is_not_utf8(tiny, capsys):
    raw = os.path.join(os.fsencode(tiny), b"rules", b"caf\xff.yaml")
    with open(raw, "wb") as handle:
        handle.write((tiny / RULES).read_bytes())
    assert problems(tiny) == ["rules/caf\\xff.yaml: " + words.t("kb_pb_name_not_utf8")]
    assert "rules/caf\\xff.yaml: " + words.t("kb_pb_name_not_utf8") in cli(capsys, tiny)


def test_a_knowledge_base_folder_whose_name_is_not_utf8(tmp_path, capsys):
    raw = os.path.join(os.fsencode(tmp_path), b"kb-\xff")
    shutil.copytree(TINY, os.fsdecode(raw))
    code = main(["check", "--kb", os.fsdecode(raw), *CHECK])
    out, err = capsys.readouterr()
    assert code == 1 and "Verdict: unsupported" in out and not err


@pytest.mark.parametrize(
    "folder,message",
    [
        ("a\x00b", "'a\\x00b': " + words.t("kb_pb_nul")),
        ("/dev/zero", "/dev/zero: " + words.t("kb_pb_not_folder")),
        ("z" * 300, f"{'z' * 300}: " + words.t("kb_pb_cannot_open", reason="file name too long")),
    ],
    ids=["NUL character", "device", "name too long"],
)
def test_knowledge_base_folders_that_are_no_folders(folder, message):
    with pytest.raises(kb.KbError) as caught:
        kb.load(folder)
    assert [str(p) for p in caught.value.problems] == [message]


def test_unreadable_folders_and_files(tiny, monkeypatch, capsys):
    # What a normal user meets in a folder without read and search permission (the tests run as
    # root, which reads everything): every look inside it fails with EACCES. The old loader let the
    # PermissionError of a stat escape as a traceback.
    inside = f"{tiny}/"

    def denied(real):  # type: ignore[no-untyped-def]
        def call(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if not isinstance(path, int) and os.fspath(path).startswith(inside):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real(path, *args, **kwargs)

        return call

    for module, name in ((os, "stat"), (os, "lstat"), (os, "open"), (os, "scandir"), (io, "open")):
        monkeypatch.setattr(module, name, denied(getattr(module, name)))
    assert problems(tiny) == [
        "rules: cannot list the folder: permission denied",
        "sources.yaml: cannot open the file: permission denied",
        "variables.yaml: cannot open the file: permission denied",
    ]
    err = cli(capsys, tiny)
    assert "rules: cannot list the folder: permission denied" in err


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv to run the command line as the user nobody",
)
def test_unreadable_knowledge_base_as_the_user_nobody(tmp_path_factory):
    import tempfile

    place = Path(tempfile.mkdtemp(prefix="syncmatrix-perm-"))
    try:
        place.chmod(0o755)
        root = place / "kb"
        shutil.copytree(TINY, root)
        (root / "variables.yaml").chmod(0o000)
        (root / "rules").chmod(0o000)
        user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
        err = cli_process(root, place, user=user)
        assert "rules: cannot list the folder: permission denied" in err
        assert "variables.yaml: cannot open the file: permission denied" in err
        root.chmod(0o000)
        err = cli_process(root, place, user=user)
        assert "rules: cannot list the folder: permission denied" in err
    finally:
        for path in (place / "kb", place / "kb" / "rules"):
            if path.exists():
                path.chmod(0o755)
        shutil.rmtree(place)


def test_pyyaml_is_imported_with_re_compile_left_as_it_was():
    # located imports PyYAML as it is: nothing of the standard library is replaced, even for a while.
    code = (
        "import re; compile_ = re.compile\n"
        "from kb import located\n"
        "yaml = located._yaml()[0]\n"
        "assert re.compile is compile_\n"
        "assert isinstance(re.compile('x'), re.Pattern)\n"
        "assert yaml.reader.Reader.NON_PRINTABLE.search('ok\\x01').start() == 2\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=120)


def test_located_reads_only_through_read_file(tiny):
    value, found = located.load_file(tiny / RULES, RULES)
    assert not found and value["document"] == "tiny"
    assert located.read_file(tiny / "nothing.yaml", "nothing.yaml") == (
        None,
        [kb.Problem("nothing.yaml", 0, words.t("yaml_pb_missing"))],
    )


@pytest.mark.parametrize("libyaml", ["older than 0.2.6", "absent"])
def test_the_fallback_composers_stop_deep_nesting_too(tiny, monkeypatch, libyaml):
    # libyaml's all-C composer recurses in C: it is used only where libyaml itself stops nesting
    # past 1,000 levels (0.2.6 on); elsewhere PyYAML's Python composer runs, whose recursion we stop.
    expected = kb.load(tiny)
    yaml = located._yaml()[0]
    if libyaml == "absent":
        monkeypatch.setattr(yaml, "__with_libyaml__", False)
    else:
        monkeypatch.setattr(yaml._yaml, "get_version", lambda: (0, 2, 5))
    monkeypatch.setattr(located, "_yaml", located._yaml.__wrapped__)
    assert located._composer_class().__name__ in ("PythonComposer", "SafeLoader")
    assert kb.load(tiny) == expected
    line = edit(tiny, RULES, "rules:", "deep: " + "[" * 3000 + "]" * 3000 + "\nrules:")
    [problem] = problems(tiny)
    assert problem.startswith(f"{RULES}:") and problem.endswith(": " + words.t("yaml_pb_too_deep", limit=40))
    assert line == 2
