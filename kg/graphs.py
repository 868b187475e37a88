"""Graph keys: the stable names under which loaded files live in the store.

Every file is loaded into a graph named by a key the user sees and controls: the file's path
relative to a dataset root (``seeds/entities.ttl``), or a name given with ``--graph``. The
same file loaded from another checkout or another machine gets the same key, so it replaces
its graph instead of adding a second copy, and no machine's path is ever published.

The dataset root is, in this order: ``--root DIR``; ``FINREG_DATASET_ROOT``; the nearest
folder at or above the file that holds ``.git`` or a ``finreg.toml`` marker. With none of
these, finreg refuses to guess.

A key's graph IRI is ``https://w3id.org/finreg/id/graph/<key>``, each path segment
percent-encoded:

>>> graph_iri("seeds/entities.ttl").value
'https://w3id.org/finreg/id/graph/seeds/entities.ttl'
>>> key_of(graph_iri("my data/2025 年.ttl"))
'my data/2025 年.ttl'
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

from pyoxigraph import NamedNode

from kg.errors import GraphKeyError
from kg.vocab import DATA

GRAPH_NAMESPACE = f"{DATA}graph/"
"""Where the graph IRIs of keys live."""

MARKERS = (".git", "finreg.toml")
"""Files or folders that mark a dataset root."""


def graph_iri(key: str) -> NamedNode:
    """The graph IRI of ``key``.

    :raises GraphKeyError: if ``key`` is empty or holds control characters.
    """
    check_key(key)
    return NamedNode(GRAPH_NAMESPACE + "/".join(quote(part, safe="") for part in key.split("/")))


def key_of(iri: NamedNode | str) -> str | None:
    """The key a graph IRI names, or None for an IRI outside finreg's graph namespace."""
    text = iri.value if isinstance(iri, NamedNode) else iri
    if not text.startswith(GRAPH_NAMESPACE):
        return None
    return "/".join(unquote(part) for part in text[len(GRAPH_NAMESPACE) :].split("/"))


def check_key(key: str) -> str:
    """``key`` if it can name a graph: not empty, no control characters, no empty or dot
    segments (``a//b``, ``../x``), not starting or ending with ``/``.

    >>> check_key("seeds/a.ttl")
    'seeds/a.ttl'
    >>> check_key("../a.ttl")
    Traceback (most recent call last):
    ...
    kg.errors.GraphKeyError: "../a.ttl" cannot name a graph: ...

    :raises GraphKeyError: otherwise.
    """
    problem = None
    if not key.strip():
        problem = "it is empty"
    elif any(ord(c) < 32 or ord(c) == 127 for c in key):
        problem = "it holds a control character"
    elif any(part in ("", ".", "..") for part in key.split("/")):
        problem = "write it as a relative path: no leading or trailing /, no //, . or .."
    if problem:
        raise GraphKeyError(f'"{key}" cannot name a graph: {problem}')
    return key


def find_root(path: Path) -> Path | None:
    """The nearest folder at or above ``path``'s folder that holds a root marker."""
    folder = path.resolve().parent
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in MARKERS):
            return candidate
    return None


def dataset_root(path: Path, root: Path | None = None) -> Path:
    """The dataset root for ``path``: ``root`` when given (``--root`` or
    ``FINREG_DATASET_ROOT``), else the nearest marked folder above the file.

    :raises GraphKeyError: if there is none.
    """
    if root is not None:
        return root
    found = find_root(path)
    if found is None:
        raise GraphKeyError(
            f"{path}: no dataset root to name its graph by (no .git or finreg.toml above it); "
            "pass --root DIR, set FINREG_DATASET_ROOT, or name the graph with --graph NAME"
        )
    return found


def key_for(path: Path, root: Path | None = None) -> str:
    """The key of ``path``: its path relative to the dataset root, with ``/`` separators.

    Both are compared as real paths (symbolic links resolved), so ``seeds/a.ttl`` from the
    repository's top and ``a.ttl`` from inside ``seeds/`` give the same key.

    :raises GraphKeyError: if there is no root, or the file is not inside it.
    """
    base = dataset_root(path, root)
    try:
        relative = path.resolve().relative_to(base.resolve())
    except ValueError as error:
        raise GraphKeyError(
            f"{path}: not inside the dataset root {base}; pass --root DIR with a folder that "
            "holds it, or name the graph with --graph NAME"
        ) from error
    return check_key(PurePosixPath(*relative.parts).as_posix())
