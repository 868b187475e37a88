"""Restore a backup: what ``finreg export --format nq`` wrote, read back into an empty store.

A backup is N-Quads: each loaded file's triples in its own named graph, named by its key
(``https://w3id.org/finreg/id/graph/<key>``), with the graph's load stamp in it
(``<graph> a void:Dataset ; dcterms:modified "…"^^xsd:dateTime``). A restore brings back the
same graphs under the same names, with the same stamps, published together as a load is:
all or nothing. It writes each graph as the backup holds it, derived triples included (match
keys, labels, successions), and derives nothing again.

The backup is checked as a load checks its files (every graph is one input; the checks and
their reports are the loader's, kg.loaders.check), so a store holds nothing the shapes
refuse, and every refusal names the backup's file and line. For that, each graph's triples
are written as N-Triples on the lines they have in the backup, blank lines elsewhere: the
loader's line numbers are the backup's. Skolem IRIs (a SPARQL server's blank nodes) come
back as the same IRIs (kg.skolem).

Refused: a store that holds any graph (StoreNotEmptyError), and a file that is no finreg
backup (BackupError, with its line): a triple outside a named graph, a graph outside finreg's
namespace or named otherwise than finreg names it, a graph without its stamp or with two, a
blank node shared by two graphs, an RDF 1.2 triple term.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Triple, parse

from kg.errors import (
    BackupError,
    FileReadError,
    GraphKeyError,
    RdfSyntaxError,
    StoreNotEmptyError,
)
from kg.graphs import graph_iri, key_of
from kg.loaders.check import check_inputs
from kg.loaders.progress import Progress
from kg.loaders.source import InputFile, read_bytes
from kg.loaders.survey import syntax_error
from kg.reports import RestoreReport
from kg.store import FINREG_GRAPH_MARK, LOADED_AT, GraphStore
from kg.w3c import XSD_DATE_TIME

BACKUP_SUFFIX = ".nq"
_LINES = re.compile(rb"\r\n|\r|\n")


@dataclass
class _Graph:
    """One graph of the backup as it is read: its N-Triples, line for line, and its stamp."""

    name: NamedNode
    first_line: int
    parts: list[bytes] = field(default_factory=list)
    lines: int = 0
    """How many lines ``parts`` holds so far."""
    triples: int = 0
    modified: Literal | None = None
    marked: bool = False

    def add(self, line: int, triple: Triple) -> None:
        """Write ``triple`` on ``line`` (1-based) of this graph's text."""
        self.parts.append(b"\n" * (line - 1 - self.lines))
        self.parts.append(f"{triple.subject} {triple.predicate} {triple.object} .\n".encode())
        self.lines = line
        self.triples += 1


@dataclass(frozen=True)
class Backup:
    """A backup read and checked for its form: one input per graph, and each graph's stamp."""

    inputs: tuple[InputFile, ...]
    stamps: dict[NamedNode, Literal]


def restore_file(store: GraphStore, path: Path, *, progress: bool = False) -> RestoreReport:
    """Restore the backup ``path`` into ``store``, which must hold no graph: all or nothing.

    :raises StoreNotEmptyError: if the store holds a graph; nothing is read or written.
    :raises InputError: if the file is no finreg backup (BackupError, RdfSyntaxError,
        FileReadError) or a graph breaks a check a load makes; nothing is written.
    :raises StoreError: if the store refuses the write; nothing is published.
    """
    started = time.perf_counter()
    present = store.named_graphs()
    if present:
        raise StoreNotEmptyError(store.location, [key_of(g) or g.value for g in present])
    bar = Progress(enabled=progress)
    try:
        backup = read_backup(path)
        checked = check_inputs(backup.inputs, None, bar)
        bar.phase("write", total=sum(len(s.data) for s in backup.inputs))
        with store.stage() as staging:
            for source in backup.inputs:
                staging.write_file(source.graph, source.data, source.format, source.base_iri)
                bar.advance(len(source.data))
            bar.phase("publish")
            staging.publish(backup.stamps)
    finally:
        bar.close()
    return RestoreReport(
        graphs=tuple(s.key for s in backup.inputs),
        triples=checked.triples,
        seconds=time.perf_counter() - started,
    )


def read_backup(path: Path) -> Backup:
    """Read the backup ``path``: its graphs as loader inputs, and their stamps.

    :raises FileReadError: if it cannot be read, is not UTF-8, is empty or holds no triples,
        or is not an N-Quads file (``.nq``).
    :raises RdfSyntaxError: with its line and column, for a line that is not N-Quads.
    :raises BackupError: with its line, for what a finreg backup never holds.
    """
    if path.suffix.lower() != BACKUP_SUFFIX:
        raise FileReadError(
            path,
            f'a backup is N-Quads (.nq), as "finreg export --format nq" writes; '
            f'"{path.suffix}" is not',
            kind="format",
        )
    data = read_bytes(path)
    graphs: dict[NamedNode, _Graph] = {}
    blanks: dict[str, NamedNode] = {}
    for number, line in enumerate(_LINES.split(data), 1):
        if not line.strip():
            continue
        try:
            quads = list(parse(line, RdfFormat.N_QUADS))
        except SyntaxError as error:
            located = syntax_error(path, error)
            raise RdfSyntaxError(path, number, located.column, located.reason) from error
        for quad in quads:
            _take(path, number, quad, graphs, blanks)
    if not graphs:
        raise FileReadError(
            path, "contains no triples: there is nothing to restore", kind="no-triples"
        )
    return _backup(path, graphs.values())


def _take(
    path: Path,
    line: int,
    quad: Quad,
    graphs: dict[NamedNode, _Graph],
    blanks: dict[str, NamedNode],
) -> None:
    """Put one quad of the backup where it goes, or refuse it."""
    name = quad.graph_name
    if isinstance(name, DefaultGraph):
        raise BackupError(
            path,
            line,
            "a triple in the default graph: a finreg backup holds each loaded file's triples "
            'in its own named graph, as "finreg export --format nq" writes them',
        )
    if not isinstance(name, NamedNode):
        raise BackupError(
            path,
            line,
            f"a graph named by a blank node ({name}): finreg names every graph by its key",
        )
    graph = graphs.get(name)
    if graph is None:
        graph = graphs[name] = _Graph(name, line)
        _check_name(path, line, name)
    subject, predicate, obj = quad.subject, quad.predicate, quad.object
    if isinstance(subject, Triple) or isinstance(obj, Triple):
        raise BackupError(path, line, "an RDF 1.2 triple term: finreg stores none")
    for node in (subject, obj):
        if isinstance(node, BlankNode):
            owner = blanks.setdefault(node.value, name)
            if owner != name:
                raise BackupError(
                    path,
                    line,
                    f"the blank node _:{node.value} is in graph {name} and in graph {owner}: "
                    "graphs share no blank node",
                )
    if subject == name and (predicate, obj) == FINREG_GRAPH_MARK:
        graph.marked = True
    elif subject == name and predicate == LOADED_AT:
        if not isinstance(obj, Literal) or obj.datatype != XSD_DATE_TIME:
            raise BackupError(path, line, f"the load stamp of {name} is not an xsd:dateTime: {obj}")
        if graph.modified is not None and graph.modified != obj:
            raise BackupError(path, line, f"a second load stamp for {name}: {obj}")
        graph.modified = obj
    else:
        graph.add(line, quad.triple)


def _check_name(path: Path, line: int, name: NamedNode) -> None:
    key = key_of(name)
    if key is None:
        raise BackupError(
            path,
            line,
            f"the graph {name} is not one of finreg's (https://w3id.org/finreg/id/graph/<key>)",
        )
    try:
        canonical = graph_iri(key)
    except GraphKeyError as error:
        raise BackupError(path, line, f"the graph {name} has no usable key: {error}") from error
    if canonical != name:
        raise BackupError(
            path, line, f"the graph {name} is not written as finreg names it: {canonical}"
        )


def _backup(path: Path, graphs: Iterable[_Graph]) -> Backup:
    inputs: list[InputFile] = []
    stamps: dict[NamedNode, Literal] = {}
    for graph in graphs:
        key = key_of(graph.name) or ""
        if graph.modified is None or not graph.marked:
            raise BackupError(
                path,
                graph.first_line,
                f'the graph "{key}" has no load stamp (<graph> a void:Dataset ; '
                'dcterms:modified "…"^^xsd:dateTime), which finreg export writes in each graph',
            )
        if not graph.triples:
            raise BackupError(
                path, graph.first_line, f'the graph "{key}" holds nothing but its load stamp'
            )
        data = b"".join(graph.parts)
        inputs.append(InputFile(path, key, RdfFormat.N_TRIPLES, data))
        stamps[graph.name] = graph.modified
    return Backup(tuple(inputs), stamps)
