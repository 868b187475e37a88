"""Load files into the store: read -> parse and check -> write versions -> publish.

Every file goes to the graph its key names (kg.graphs); loading a file again replaces that
graph, so nothing is duplicated. All files of one call are checked before anything is
written, then written into new version graphs (invisible to readers) with the store's fast
paths, and published together by one small atomic update: a call loads everything or
changes nothing, whatever happens to the process in between.

While the store writes (pyoxigraph releases the GIL), this thread computes the names' match
and pinyin keys, so the two cores of a small machine both work.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, serialize

from kg import failpoints
from kg.errors import DanglingReferenceError, GraphKeyError, InputError, NotLoadedError
from kg.graphs import graph_iri, key_for, key_of
from kg.loaders.check import Checked, check_inputs, raise_all, recheck
from kg.loaders.enrich import key_triples, name_keys, name_values, survey_triples
from kg.loaders.progress import Progress
from kg.loaders.source import InputFile, open_input
from kg.queries.context import dangling_references
from kg.reports import LoadReport, UnloadReport
from kg.store import GraphStore, Staging
from kg.vocab import FRN


def read_inputs(
    paths: Sequence[Path], *, root: Path | None = None, graph: str | None = None
) -> list[InputFile]:
    """Read every file of a call, reporting all that fail, not just the first.

    ``graph`` names the graph of the one file given (``--graph``); otherwise each file's
    key is its path relative to the dataset root (``root``, else found; see kg.graphs).

    :raises InputError: the one file's error, or FilesRefusedError for several.
    :raises GraphKeyError: for ``graph`` with several files, or two files with one key.
    """
    if graph is not None and len(paths) != 1:
        raise GraphKeyError(f"--graph names the graph of one file; {len(paths)} were given")
    inputs: list[InputFile] = []
    errors: list[InputError] = []
    for path in paths:
        try:
            inputs.append(open_input(Path(path), root=root, key=graph))
        except InputError as error:
            errors.append(error)
    raise_all(errors)
    by_key: dict[str, InputFile] = {}
    for source in inputs:
        if source.key in by_key and by_key[source.key].path.resolve() != source.path.resolve():
            raise GraphKeyError(
                f"{by_key[source.key].path} and {source.path} would both be graph "
                f'"{source.key}"; load them in separate calls or name one with --graph'
            )
        by_key.setdefault(source.key, source)
    return list(by_key.values())


def validate_paths(
    paths: Sequence[Path],
    store: GraphStore | None = None,
    *,
    root: Path | None = None,
    graph: str | None = None,
) -> int:
    """Everything ``load_files`` checks, writing nothing; returns the number of triples.

    :raises InputError: (or a subclass) describing every problem found.
    """
    return check_inputs(read_inputs(paths, root=root, graph=graph), store).triples


def load_files(
    store: GraphStore,
    paths: Sequence[Path],
    *,
    root: Path | None = None,
    graph: str | None = None,
    progress: bool = False,
) -> LoadReport:
    """Load ``paths`` into ``store``, all or nothing, each file into its own graph.

    :raises InputError: if any file is unreadable, malformed or invalid; nothing is written.
    :raises StoreError: if the store refuses the write; nothing is published.
    """
    started = time.perf_counter()
    bar = Progress(enabled=progress)
    phases: dict[str, float] = {}
    try:
        mark = time.perf_counter()
        inputs = read_inputs(paths, root=root, graph=graph)
        # The staging area is opened before the checks read the store: on a store other
        # processes write, the publish holds only if nothing was published since then.
        with store.stage() as staging:
            checked = check_inputs(inputs, store, bar)
            phases["check"] = time.perf_counter() - mark
            failpoints.reached("validated")
            derived, notes = _write(store, staging, checked, bar, phases)
    finally:
        bar.close()
    return LoadReport(
        files=len(checked.inputs),
        triples=checked.triples,
        derived=derived,
        graphs=tuple(s.key for s in checked.inputs),
        seconds=time.perf_counter() - started,
        phases=phases,
        notes=tuple(notes),
    )


def _write(
    store: GraphStore, staging: Staging, checked: Checked, bar: Progress, phases: dict[str, float]
) -> tuple[int, list[str]]:
    """Write the checked files into the staging area, derive, publish; the derived count and
    the publish's notes."""
    mark = time.perf_counter()
    bar.phase("write", total=sum(len(s.data) for s in checked.inputs))
    derived = 0
    writer = _Writer(staging, checked.inputs, bar)
    writer.start()
    keys = name_keys(set().union(*(name_values(s) for s in checked.surveys)))
    shortcuts = [survey_triples(s) for s in checked.surveys]
    texts = [serialize(triples, format=RdfFormat.N_TRIPLES) or b"" for triples in shortcuts]
    writer.finish()
    phases["write"] = time.perf_counter() - mark
    mark = time.perf_counter()
    bar.phase("publish")
    for source, triples, text in zip(checked.inputs, shortcuts, texts, strict=True):
        # Labels and successions link IRIs: written as text, which the store reads
        # without a Python object per triple. Name keys hang on the stored blank nodes.
        if text:
            staging.write_file(source.graph, text, RdfFormat.N_TRIPLES, source.base_iri)
        keyed = key_triples(staging.objects(source.graph, FRN.value), keys)
        staging.write_triples(source.graph, keyed)
        derived += len(triples) + len(keyed)
    notes = staging.publish(recheck=lambda: recheck(checked, store))
    phases["publish"] = time.perf_counter() - mark
    return derived, notes


class _Writer(threading.Thread):
    """Writes the files into the staging area in the background; ``finish`` waits and
    raises what the writing raised."""

    def __init__(self, staging: Staging, inputs: Sequence[InputFile], bar: Progress) -> None:
        super().__init__(name="finreg-load-writer", daemon=True)
        self._staging = staging
        self._inputs = inputs
        self._bar = bar
        self._error: BaseException | None = None

    def run(self) -> None:
        try:
            for number, source in enumerate(self._inputs):
                self._staging.write_file(source.graph, source.data, source.format, source.base_iri)
                self._bar.advance(len(source.data))
                if number == 0:
                    failpoints.reached("written")
        except BaseException as error:  # handed to the loading thread by finish()
            self._error = error

    def finish(self) -> None:
        self.join()
        if self._error is not None:
            raise self._error


def graphs_for(
    paths: Sequence[Path], *, root: Path | None = None, graph: str | None = None
) -> list[NamedNode]:
    """The graph each path is loaded into (the file need not exist any more).

    :raises GraphKeyError: if a key cannot be found.
    """
    if graph is not None:
        if len(paths) != 1:
            raise GraphKeyError(f"--graph names the graph of one file; {len(paths)} were given")
        return [graph_iri(graph)]
    return [graph_iri(key_for(Path(p), root)) for p in paths]


def unload_files(
    store: GraphStore,
    paths: Sequence[Path],
    *,
    root: Path | None = None,
    graph: str | None = None,
    force: bool = False,
) -> UnloadReport:
    """Remove the graphs that ``paths`` were loaded into, all at once.

    :raises NotLoadedError: if a path's graph is not in the store; nothing is removed.
    :raises DanglingReferenceError: if other graphs reference nodes only these graphs declare
        (unless ``force``); nothing is removed.
    """
    started = time.perf_counter()
    names = graphs_for(paths, root=root, graph=graph)

    def check() -> None:
        if not force:
            dangling = dangling_references(store, names)
            if dangling:
                raise DanglingReferenceError(dangling)

    with store.stage() as staging:
        present = set(store.named_graphs())
        for path, name in zip(paths, names, strict=True):
            if name not in present:
                raise NotLoadedError(str(path), key_of(name) or name.value)
        check()
        for name in names:
            staging.remove(name)
        notes = staging.publish(recheck=check)
    return UnloadReport(
        graphs=tuple(key_of(n) or n.value for n in names),
        seconds=time.perf_counter() - started,
        notes=tuple(notes),
    )
