"""Load files into the store: parse -> check terms -> SHACL -> one transaction.

Every file goes to its own named graph (its ``file:`` URI); loading a file again replaces that
graph, so nothing is duplicated. All files of one call are written in one transaction, after
every check has passed: a call either loads everything or changes nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from kg.errors import DanglingReferenceError, FilesRefusedError, InputError, NotLoadedError
from kg.loaders.enrich import derived_triples
from kg.loaders.parse import ParsedFile, graph_name, parse_file
from kg.loaders.terms import check_terms
from kg.loaders.validate import validate_files
from kg.queries.context import dangling_references
from kg.store import GraphStore, loaded_stamp


@dataclass(frozen=True)
class LoadReport:
    """What a load did: files, triples given, triples derived, graphs, seconds taken."""

    files: int
    triples: int
    derived: int
    graphs: tuple[str, ...]
    seconds: float

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"loaded {self.files} file(s): {self.triples} triples (+{self.derived} derived) "
            f"into {len(self.graphs)} graph(s) in {self.seconds:.2f} s"
        )


@dataclass(frozen=True)
class UnloadReport:
    """What an unload removed."""

    graphs: tuple[str, ...]
    seconds: float

    def summary(self) -> str:
        """One line for the terminal."""
        return f"unloaded {len(self.graphs)} graph(s) in {self.seconds:.2f} s"


def read_files(paths: Iterable[Path]) -> list[ParsedFile]:
    """Parse every file, reporting all files that fail, not just the first.

    :raises InputError: the one file's error, or FilesRefusedError for several.
    """
    parsed: dict[str, ParsedFile] = {}
    errors: list[InputError] = []
    for path in paths:
        try:
            result = parse_file(Path(path))
        except InputError as error:
            errors.append(error)
            continue
        parsed.setdefault(result.graph.value, result)
    _raise(errors)
    return list(parsed.values())


def _raise(errors: Sequence[InputError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise FilesRefusedError(errors)


def check_files(files: Sequence[ParsedFile], store: GraphStore | None) -> None:
    """Run the term check and the shapes over parsed files.

    :raises UndeclaredTermError: for finreg terms the ontology lacks.
    :raises ShapeViolationError: for SHACL violations.
    """
    check_terms(files)
    validate_files(files, store)


def validate_paths(paths: Sequence[Path], store: GraphStore | None = None) -> int:
    """Everything ``load_files`` checks, writing nothing; returns the number of triples.

    :raises InputError: (or a subclass) describing every problem found.
    """
    files = read_files(paths)
    check_files(files, store)
    return sum(len(f.triples) for f in files)


def load_files(store: GraphStore, paths: Sequence[Path], *, progress: bool = False) -> LoadReport:
    """Load ``paths`` into ``store`` in one transaction, each file into its own graph.

    :raises InputError: if any file is unreadable, malformed or invalid; nothing is written.
    :raises StoreError: if the store refuses the write; nothing is written.
    """
    started = time.perf_counter()
    bar = tqdm(
        total=len(paths) + 2,
        desc="load",
        unit="step",
        delay=1.0,
        file=sys.stderr,
        disable=not progress,
        leave=False,
    )
    try:
        bar.set_postfix_str("parsing")
        files = read_files(paths)
        bar.update(len(paths))
        bar.set_postfix_str("validating")
        check_files(files, store)
        bar.update(1)
        bar.set_postfix_str("writing")
        graphs = {}
        derived = 0
        for parsed in files:
            extra = [*derived_triples(parsed.triples), *loaded_stamp(parsed.graph)]
            derived += len(extra)
            graphs[parsed.graph] = [*parsed.triples, *extra]
        store.replace_graphs(graphs)
        bar.update(1)
    finally:
        bar.close()
    return LoadReport(
        files=len(files),
        triples=sum(len(f.triples) for f in files),
        derived=derived,
        graphs=tuple(g.value for g in graphs),
        seconds=time.perf_counter() - started,
    )


def unload_files(store: GraphStore, paths: Sequence[Path], *, force: bool = False) -> UnloadReport:
    """Remove the graphs that ``paths`` were loaded into, in one transaction.

    :raises NotLoadedError: if a path's graph is not in the store; nothing is removed.
    :raises DanglingReferenceError: if other graphs reference nodes only these graphs declare
        (unless ``force``); nothing is removed.
    """
    started = time.perf_counter()
    present = {g.value for g in store.named_graphs()}
    names = [graph_name(Path(p)) for p in paths]
    for path, name in zip(paths, names, strict=True):
        if name.value not in present:
            raise NotLoadedError(str(path), name.value)
    if not force:
        dangling = dangling_references(store, names)
        if dangling:
            raise DanglingReferenceError(dangling)
    store.drop_graphs(names)
    return UnloadReport(graphs=tuple(n.value for n in names), seconds=time.perf_counter() - started)
