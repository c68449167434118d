"""kb/ and solver/ stay light: no streamlit, networkx, pandas or CLI library on their paths."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("streamlit", "networkx", "pandas", "click", "typer", "rich")

PROBE = """
import sys
{imports}
heavy = sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r})
print('HEAVY:' + ','.join(heavy))
"""


def loaded_heavy_modules(imports: str, cwd: Path) -> str:
    # From a folder of its own: from the repository's root, `python -c` would find kb/ and solver/
    # as top-level packages of the working directory, which an installed syncmatrix never does.
    code = PROBE.format(imports=imports, heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=cwd)
    return done.stdout.strip().splitlines()[-1].removeprefix("HEAVY:")


def test_kb_and_solver_import_nothing_heavy(tmp_path):
    imports = "from syncmatrix import kb, solver\nimport syncmatrix.solver.fix, syncmatrix.solver.lint\nkb.load()"
    assert loaded_heavy_modules(imports, tmp_path) == ""


def test_a_check_through_the_command_line_imports_nothing_heavy(tmp_path):
    imports = "from syncmatrix.cli import main\nmain(['check', 'email_system=gmail', '--json'])"
    assert loaded_heavy_modules(imports, tmp_path) == ""


def test_the_probe_can_fail(tmp_path):
    # The probe itself must see a heavy module when one is imported, or the tests above prove nothing.
    probe = "import json as networkx\nimport importlib\nimportlib.import_module('csv')"
    assert loaded_heavy_modules(probe, tmp_path) == ""
    assert "networkx" in loaded_heavy_modules("sys.modules['networkx'] = sys", tmp_path)


def test_the_only_top_level_import_name_is_syncmatrix(tmp_path):
    code = (
        "import importlib.util\n"
        "print(','.join(n for n in ('kb', 'solver', 'dashboard', 'data', 'syncmatrix') "
        "if importlib.util.find_spec(n)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.strip() == "syncmatrix"


# The layers, lowest first: a module may import its own layer and the layers below, never above,
# and one face never imports the other (faces → audit → presentation → solver → kb → words). The
# catalogue of words (syncmatrix/words.py) is below every layer: any layer raises its keys.
REPOSITORY = Path(__file__).resolve().parent.parent
LAYERS = {"words": -1, "kb": 0, "solver": 1, "present": 2, "audit": 3, "cli": 4, "dashboard": 4}


def _layer_of_file(relative: str) -> str:
    top = relative.split("/")
    if top[0] in ("kb", "solver", "dashboard"):
        return top[0]
    if relative == "syncmatrix/words.py":
        return "words"
    return top[1] if top[1] in ("present", "audit") else "cli"


def _layer_of_module(name: str) -> str | None:
    parts = name.split(".")
    if parts[0] != "syncmatrix" or len(parts) == 1:
        return None
    if parts[1] == "words":
        return "words"
    if parts[1] in ("kb", "solver", "present", "audit", "dashboard"):
        return parts[1]
    return None if parts[1] == "data" else "cli"


def _imports(source: str) -> list[tuple[int, str]]:
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def wrong_way_imports(modules: dict[str, str]) -> list[str]:
    """Every import against the direction, in {path in the repository: source}."""
    wrong = []
    for relative, source in modules.items():
        layer = _layer_of_file(relative)
        for line, name in _imports(source):
            target = _layer_of_module(name)
            if target is not None and target != layer and LAYERS[target] >= LAYERS[layer]:
                wrong.append(f"{relative}:{line}: {layer} imports {name} ({target})")
    return wrong


def test_imports_go_one_way_faces_audit_presentation_solver_kb():
    folders = ("kb", "solver", "dashboard", "syncmatrix")
    files = sorted(p for folder in folders for p in (REPOSITORY / folder).rglob("*.py"))
    assert len(files) > 20
    modules = {p.relative_to(REPOSITORY).as_posix(): p.read_text(encoding="utf-8") for p in files}
    assert wrong_way_imports(modules) == []


def test_the_direction_check_can_fail():
    # A solver module that imports the presentation layer, and a face that imports the other face.
    assert wrong_way_imports(
        {
            "solver/probe.py": "from syncmatrix.present.words import t\n",
            "syncmatrix/probe.py": "import os\nfrom syncmatrix.dashboard import page\n",
            "dashboard/probe.py": "from syncmatrix.present import words\nfrom syncmatrix.solver import fix\n",
            "syncmatrix/present/probe.py": "from syncmatrix.audit import judge\n",
            "syncmatrix/audit/probe.py": "from syncmatrix.present import words\nimport syncmatrix.cli\n",
            "syncmatrix/words.py": "import re\nfrom syncmatrix.kb.errors import InputError\n",
            "kb/probe.py": "from syncmatrix.words import t\n",
        }
    ) == [
        "solver/probe.py:1: solver imports syncmatrix.present.words.t (present)",
        "syncmatrix/probe.py:2: cli imports syncmatrix.dashboard.page (dashboard)",
        "syncmatrix/present/probe.py:1: present imports syncmatrix.audit.judge (audit)",
        "syncmatrix/audit/probe.py:2: audit imports syncmatrix.cli (cli)",
        "syncmatrix/words.py:2: words imports syncmatrix.kb.errors.InputError (kb)",
    ]


def loaded(imports: str, names: tuple[str, ...], cwd: Path) -> list[str]:
    """Which of `names` (top-level modules) `imports` loads, in a fresh interpreter."""
    code = f"import sys\n{imports}\nprint('LOADED:' + ','.join(sorted(n for n in {names!r} if n in sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=cwd)
    return [name for name in done.stdout.strip().splitlines()[-1].removeprefix("LOADED:").split(",") if name]


@pytest.mark.parametrize(
    ("words", "searches"),
    [
        (["check", "email_system=gmail", "act_sync=true"], False),
        (["count", "email_system=gmail"], False),
        (["enumerate", "email_system=gmail"], True),
        (["fix", "email_system=gmail", "act_sync=true"], True),
    ],
    ids=lambda v: v[0] if isinstance(v, list) else str(v),
)
def test_python_constraint_is_loaded_by_the_questions_that_search_only(tmp_path, words, searches):
    # check and count answer by the model counter; enumerate and fix search with python-constraint.
    call = f"from syncmatrix.cli import main\nmain({[*words, '--page-only', '--json']!r})"
    assert loaded(call, ("constraint",), tmp_path) == (["constraint"] if searches else [])
