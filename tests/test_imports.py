"""kb/ and solver/ stay light: no streamlit, networkx, pandas or CLI library on their paths."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
