"""No import cycle anywhere in the package: read from the modules' import statements, function-local
ones included (an import moved into a function to dodge a cycle at load time is still the cycle).

Imports under `if TYPE_CHECKING:` are left out: they never run, and they are how a module below
names, in its annotations, a type of the module above that hands it its objects (solver.index is
given the SupportModel that builds it). Any other import is an arrow.

A cycle means neither module can be read, changed or tested without the other; the layers of
test_imports.py say which way arrows point between folders, this test that arrows within a folder
(the dashboard's tabs, the solver's modules) point one way too.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
#: Where each part of the package lives in the repository (pyproject.toml's package-dir).
FOLDERS = {
    "syncmatrix": "syncmatrix",
    "syncmatrix.kb": "kb",
    "syncmatrix.solver": "solver",
    "syncmatrix.dashboard": "dashboard",
}


def package_sources() -> dict[str, str]:
    """{module name: source} of every module of the installed package."""
    sources = {}
    for package, folder in FOLDERS.items():
        for path in sorted((REPOSITORY / folder).rglob("*.py")):
            parts = path.relative_to(REPOSITORY / folder).with_suffix("").parts
            if package == "syncmatrix" and parts[0] in ("kb", "solver", "dashboard"):
                continue  # not there: package-dir maps these names to the top-level folders
            name = ".".join((package, *parts)).removesuffix(".__init__")
            sources[name] = path.read_text(encoding="utf-8")
    return sources


def _is_package(name: str, sources: Mapping[str, str]) -> bool:
    return any(other.startswith(name + ".") for other in sources)


def _is_type_checking(test: ast.expr) -> bool:
    """Whether an `if` tests TYPE_CHECKING (or typing.TYPE_CHECKING)."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported(name: str, source: str, sources: Mapping[str, str]) -> set[str]:
    """The modules of `sources` that module `name` imports, wherever the import statement is."""
    found = set()
    package = name if _is_package(name, sources) else name.rpartition(".")[0]
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            node.body = []  # only for annotations: never run (this tree is read once, then dropped)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's own package, one level up per extra dot
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # `from package import module` imports the module; `from module import name` the module.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in sources else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in sources:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_cycles(sources: Mapping[str, str]) -> list[list[str]]:
    """Every cycle of the import graph of `sources`, each once: the modules of each strongly connected
    component of more than one module (Tarjan 1972), sorted; a module importing itself is none."""
    graph = {name: sorted(imported(name, source, sources)) for name, source in sources.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(components)


def test_the_package_has_no_import_cycle():
    sources = package_sources()
    assert {"syncmatrix.cli", "syncmatrix.kb.model", "syncmatrix.solver.support", "syncmatrix.dashboard.page"} <= set(
        sources
    )
    assert import_cycles(sources) == []


def test_the_cycle_check_can_fail():
    # A cycle through a function-local import, one through `from package import module`, one of three
    # modules through a relative import; arrows that only point down, and an arrow back that only
    # annotations use, are no cycle.
    sources = {
        "p": "",
        "p.a": "def f():\n    from p.b import g\n",
        "p.b": "import p.a\n",
        "p.c": "from p import d\n",
        "p.d": "from p.c import x\n",
        "p.e": "from .f import y\n",
        "p.f": "from p.g import z\n",
        "p.g": "from p import e\n",
        "p.h": "import p.a, p.c\nfrom p import e\n",
        "p.i": "from p.i import itself\n",
        "p.j": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from p.k import K\nelse:\n    import p.h\n",
        "p.k": "from p.j import J\n",
    }
    assert import_cycles(sources) == [["p.a", "p.b"], ["p.c", "p.d"], ["p.e", "p.f", "p.g"]]


def test_every_package_of_the_source_tree_is_shipped():
    # A subpackage left out of pyproject's `packages` is missing from the wheel: the editable
    # install finds it, an installed one does not (.ci/wheel-smoke caught syncmatrix.present.render).
    import tomllib

    project = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    shipped = set(project["packages"])
    folders = {name: REPOSITORY / path for name, path in project["package-dir"].items()}
    found = set()
    for name, folder in folders.items():
        for init in folder.rglob("__init__.py"):
            if any(part in {".venv", "__pycache__", "tests"} for part in init.parts):
                continue
            relative = init.parent.relative_to(folder).parts
            found.add(".".join((name, *relative)))
    assert found - shipped == set()
