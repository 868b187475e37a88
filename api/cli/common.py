"""What every ``finreg`` command shares: its settings, the graph it opens (through the
facade only), and how it writes text, JSON and files."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path

from kg.errors import OutputFileError
from kg.knowledge import KnowledgeGraph
from kg.settings import Settings

EXIT_INPUT, EXIT_USAGE, EXIT_STORE, EXIT_NAME, EXIT_CHANGES = 1, 2, 3, 4, 5
"""Exit codes (see api.cli)."""

_opened: list[KnowledgeGraph] = []
"""Graphs this command opened; ``api.cli.main`` closes them however the command ends."""


def settings(args: argparse.Namespace) -> Settings:
    """The settings: ``FINREG_*`` variables, overridden by the command's flags."""
    found = Settings.from_env()
    if getattr(args, "data", None) is not None and getattr(args, "store", None) is None:
        found = found.override(store_url="")  # --data asks for the embedded store
    return found.override(
        data_dir=getattr(args, "data", None),
        store_url=getattr(args, "store", None),
        store_update_url=getattr(args, "store_update", None),
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
        workers=getattr(args, "workers", None),
    )


def graph(
    args: argparse.Namespace,
    *,
    read_only: bool = False,
    legacy: bool = False,
    create: bool = True,
) -> KnowledgeGraph:
    """The graph in the store the command names, opened for the rest of the command (an
    embedded store is created where there is none, unless ``read_only`` or not ``create``).

    :raises StoreUnavailableError: if it cannot be opened.
    :raises LegacyStoreError: for a store from before graph keys (unless ``legacy``).
    """
    opened = KnowledgeGraph.open(settings(args), read_only=read_only, legacy=legacy, create=create)
    _opened.append(opened)
    return opened


def reading_graph(args: argparse.Namespace) -> KnowledgeGraph:
    """The graph to check files against, read-only; an empty one when there is no store
    yet (nothing loaded). A data folder that is there but cannot be read (or is a file) is
    an error, not an empty graph."""
    found = settings(args)
    if found.store_url or found.data_dir.exists():
        return graph(args, read_only=True)
    return KnowledgeGraph.empty()


def close_all() -> list[Exception]:
    """Close every graph this command opened; the errors closing raised."""
    errors: list[Exception] = []
    while _opened:
        try:
            _opened.pop().close()
        except Exception as error:  # reported by main, which knows the exit code
            errors.append(error)
    return errors


def root(args: argparse.Namespace) -> Path | None:
    """The dataset root: ``--root``, else ``FINREG_DATASET_ROOT``, else found per file."""
    given: Path | None = getattr(args, "root", None)
    return given or settings(args).dataset_root


def emit(args: argparse.Namespace, document: Mapping[str, object], text: str) -> None:
    """Print ``document`` as JSON with ``--json``, else ``text``."""
    if getattr(args, "json", False):
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(text)


def write(target: str, text: str) -> None:
    """Write ``text`` to the file ``target`` (UTF-8), or to stdout for ``-``.

    :raises OutputFileError: if the file cannot be written.
    """
    if target == "-":
        sys.stdout.write(text)
        return
    try:
        Path(target).write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise OutputFileError(target, error.strerror or str(error)) from error
