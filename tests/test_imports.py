"""kb/ and solver/ stay light: no streamlit, networkx, pandas or CLI library on their paths."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("streamlit", "networkx", "pandas", "click", "typer", "rich")

PROBE = """
import sys
{imports}
heavy = sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r})
print('HEAVY:' + ','.join(heavy))
"""


def loaded_heavy_modules(imports: str) -> str:
    code = PROBE.format(imports=imports, heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1].removeprefix("HEAVY:")


def test_kb_and_solver_import_nothing_heavy():
    assert loaded_heavy_modules("import kb, solver, solver.fix, solver.lint, solver.csp\nkb.load()") == ""


def test_a_check_through_the_command_line_imports_nothing_heavy():
    imports = "from syncmatrix.cli import main\nmain(['check', 'email_system=gmail', '--json'])"
    assert loaded_heavy_modules(imports) == ""


def test_the_probe_can_fail():
    # The probe itself must see a heavy module when one is imported, or the tests above prove nothing.
    assert loaded_heavy_modules("import json as networkx\nimport importlib\nimportlib.import_module('csv')") == ""
    assert "networkx" in loaded_heavy_modules("sys.modules['networkx'] = sys")
