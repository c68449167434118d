"""Where a document the knowledge base cites can be read, as each face shows it.

The knowledge base names a document either by a web address (https://…) or by its path in the
repository (`docs/sources/READINGS.md`, the readings). A path in the repository means nothing to
someone who installed the wheel, so each face turns it into an address that opens:

- the command line (`local`) prints the path of the copy the package ships (syncmatrix.sources,
  which pyproject.toml's package-dir maps to docs/sources/): relative to the working directory
  when inside it, as messages name files (in a clone, `docs/sources/READINGS.md` as before),
  otherwise absolute;
- the dashboard and what it downloads (`web`) link to the file in the repository, whose address is
  said once, as the project's `Repository` URL (pyproject.toml [project.urls]).

Web addresses are left as they are. JSON keeps the knowledge base's own address (a script can join
it to either). Rejected: the repository's web address on the command line too. The installed copy
opens offline and is the edition of the knowledge base that answered; the repository's default
branch may have moved on.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

#: The folder of the repository whose documents ship, and the package that holds them; a test
#: holds them to pyproject.toml's package-dir.
FOLDER = "docs/sources/"
PACKAGE = "syncmatrix.sources"
#: The project URL (pyproject.toml [project.urls]) a repository path is linked to; GitHub's HEAD is
#: the default branch, so the link does not name one.
REPOSITORY_LABEL = "Repository"
TREE = "blob/HEAD"


def shipped_file(url: str) -> Path | None:
    """The installed copy of the document a repository path names, or None (a web address, a path
    outside the shipped folder, a file the package does not hold)."""
    path = url.partition("#")[0]
    if url.startswith("https://") or not path.startswith(FOLDER):
        return None
    folder = _shipped_folder()
    if folder is None:
        return None
    found = folder.joinpath(*path[len(FOLDER) :].split("/"))
    return found if found.is_file() else None


def local(url: str) -> str:
    """`url` as the command line prints it: a repository path as the path of the shipped copy (its
    #fragment kept), relative to the working directory when inside it; else as the knowledge base says."""
    found = shipped_file(url)
    if found is None:
        return url
    try:
        rel = os.path.relpath(found)
    except (OSError, ValueError):  # no working directory any more; another drive
        rel = ".."
    shown = found.as_posix() if rel.startswith("..") else Path(rel).as_posix()
    fragment = url.partition("#")[2]
    return shown + (f"#{fragment}" if fragment else "")


def web(url: str) -> str:
    """`url` as the dashboard links it: a repository path as its address in the repository (said by
    the project's Repository URL); a web address, or a path when no repository is known, as it is."""
    if not url or url.startswith("https://"):
        return url
    base = repository()
    return f"{base}/{TREE}/{url}" if base else url


@cache
def repository() -> str | None:
    """The project's Repository URL, from the installed package's metadata (pyproject.toml [project.urls])."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        said: list[str] = metadata("syncmatrix").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    for entry in said:
        label, _, address = entry.partition(",")
        if label.strip() == REPOSITORY_LABEL and address.strip().startswith("https://"):
            return address.strip().rstrip("/")
    return None


@cache
def _shipped_folder() -> Path | None:
    """The folder of the shipped documents, by its import spec (as kb.loader finds data/: the
    resources API would import tempfile and zipfile on a check's path, cli/cold-start)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(PACKAGE)
    except ModuleNotFoundError:  # an install older than the shipped documents
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))
