"""The narrow store interface finreg needs, and what every backend shares.

Nothing but kg.store talks to a store. Queries are SPARQL 1.1 texts with bound parameters;
the default graph of every query is the union of the loaded graphs (one per loaded file,
named by its key: kg.graphs), or the part of it a ``Scope`` names. Writes go through a
staging area and are published whole: a load is all or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QuerySolutions,
    RdfFormat,
    Triple,
)

from kg.errors import StoreError
from kg.reports import StagedVersion
from kg.user_query import NO_DATASET, Dataset
from kg.w3c import DCTERMS_MODIFIED, RDF_TYPE, VOID_DATASET

Term = NamedNode | BlankNode | Literal
Subject = NamedNode | BlankNode
Statement = tuple[Subject, NamedNode, Term]
"""A triple as plain parts, which staging turns into quads without reading them back."""
Row = dict[str, Term]


def statement(triple: Triple) -> Statement:
    """A triple's parts, as staging takes them (finreg stores no RDF-star triple terms).

    :raises StoreError: for a triple term as subject or object.
    """
    subject, obj = triple.subject, triple.object
    if isinstance(subject, Triple) or isinstance(obj, Triple):
        raise StoreError(f"finreg stores no RDF-star triple terms: {triple}")
    return subject, triple.predicate, obj


Graphs = Mapping[NamedNode, Sequence[Triple]]

GraphVersions = frozenset[tuple[str, str | None]]
"""Each published graph (IRI) with the time it was last loaded (``dcterms:modified``)."""

Stamps = Literal | Mapping[NamedNode, Literal] | None
"""The ``dcterms:modified`` a publish stamps on its graphs: one time for all of them, each
graph's own (a restore keeps the times a backup holds), or None for now."""


def stamp_for(graph: NamedNode, modified: Stamps) -> Literal | None:
    """The stamp ``modified`` gives ``graph`` (None: now)."""
    if modified is None or isinstance(modified, Literal):
        return modified
    return modified.get(graph)


@dataclass(frozen=True)
class Scope:
    """Which loaded graphs a query reads: all of them (the default), only some, or all but
    some (graph IRIs; see kg.graphs)."""

    only: frozenset[NamedNode] | None = None
    excluding: frozenset[NamedNode] = frozenset()

    @property
    def everything(self) -> bool:
        """Whether the scope is every loaded graph."""
        return self.only is None and not self.excluding

    def graphs(self, loaded: Collection[NamedNode]) -> list[NamedNode]:
        """The graphs of ``loaded`` this scope reads, sorted."""
        chosen = loaded if self.only is None else [g for g in loaded if g in self.only]
        return sorted((g for g in chosen if g not in self.excluding), key=lambda g: g.value)


EVERYTHING = Scope()
"""Every loaded graph."""


class Staging(Protocol):
    """A load's writes, invisible to readers until ``publish()`` makes them all visible at
    once; leaving the ``with`` block without publishing discards them."""

    def __enter__(self) -> Staging: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None: ...

    def write_file(self, graph: NamedNode, data: bytes, fmt: RdfFormat, base_iri: str) -> None:
        """Add the triples of an RDF document (already checked) to ``graph``'s new content."""
        ...

    def write_triples(self, graph: NamedNode, triples: Iterable[Statement]) -> None:
        """Add ``triples`` (subject, predicate, object) to ``graph``'s new content."""
        ...

    def objects(self, graph: NamedNode, predicate: NamedNode) -> Iterator[tuple[Subject, Term]]:
        """``(subject, object)`` of each staged triple of ``graph`` with ``predicate``."""
        ...

    def remove(self, graph: NamedNode) -> None:
        """Unpublish ``graph`` with this staging area's publish."""
        ...

    def publish(
        self, modified: Stamps = None, recheck: Callable[[], None] | None = None
    ) -> list[str]:
        """Make every staged graph visible at once, replacing what was there, each stamped with its
        load time (``modified``: one for all, one per graph, or by default now), and unpublish
        the removed graphs; return notes for the user.

        A store other processes write (a SPARQL server) publishes only if nothing was
        published since the staging area was opened; else it calls ``recheck`` (which
        raises if the load is no longer valid) and tries again.

        :raises WriteError: if writing or publishing failed (saying whether anything
            changed).
        """
        ...

    def discard(self) -> None:
        """Drop everything staged; nothing visible changes."""
        ...


class GraphStore(Protocol):
    """What finreg asks of a store; every backend offers exactly this."""

    location: str
    """Where the store is (a data directory or a URL), for messages."""

    def select(
        self, query: str, bindings: Mapping[str, Term] | None = None, *, scope: Scope = EVERYTHING
    ) -> list[Row]:
        """Run a SELECT query with ``bindings`` substituted for variables; return its rows."""
        ...

    def ask(
        self, query: str, bindings: Mapping[str, Term] | None = None, *, scope: Scope = EVERYTHING
    ) -> bool:
        """Run an ASK query with ``bindings``."""
        ...

    def construct(
        self, query: str, bindings: Mapping[str, Term] | None = None, *, scope: Scope = EVERYTHING
    ) -> list[Triple]:
        """Run a CONSTRUCT query with ``bindings``; return its triples."""
        ...

    def stage(self) -> Staging:
        """A new staging area for one load."""
        ...

    def drop_graphs(self, names: Iterable[NamedNode]) -> None:
        """Remove the named graphs, all at once."""
        ...

    def named_graphs(self) -> list[NamedNode]:
        """The IRIs of every loaded graph, sorted."""
        ...

    def legacy_graphs(self) -> list[NamedNode]:
        """Graphs named by machine paths (``file:`` IRIs), from before graph keys."""
        ...

    def legacy_triples(self, graph: NamedNode) -> list[Triple]:
        """The triples of a legacy graph (for ``finreg migrate``)."""
        ...

    def drop_legacy(self, graphs: Iterable[NamedNode]) -> None:
        """Remove legacy graphs once migrated."""
        ...

    def graph_sizes(self) -> dict[NamedNode, int]:
        """How many triples each loaded graph holds."""
        ...

    def graph_versions(self) -> GraphVersions:
        """Each published graph (IRI) with the time it was last loaded, as readers see it
        now: two equal values mean no load, unload or restore published between them."""
        ...

    def count_triples(self) -> int:
        """How many triples the loaded graphs hold in all."""
        ...

    def export(self, fmt: str) -> bytes:
        """Serialise every graph in ``fmt`` (a key of EXPORT_FORMATS)."""
        ...

    def answer(
        self, query: str, media_type: str, *, timeout: float, dataset: Dataset = NO_DATASET
    ) -> tuple[bytes, str]:
        """Answer a user's SPARQL query document (read-only: kg.user_query checks it
        first) in ``media_type``; return the serialised answer and its Content-Type.

        :raises QueryRefusedError: for an update, a SERVICE clause or a malformed query.
        :raises QueryTimeoutError: if the answer is not ready within ``timeout`` seconds.
        :raises ResultTooLargeError: if the answer passes MAX_RESULT_BYTES.
        """
        ...

    def staged_versions(self) -> list[StagedVersion]:
        """Version graphs the store holds that no registry entry publishes (loads under
        way, leftovers of failed ones, replaced versions not dropped yet)."""
        ...

    def clean_staging(self) -> list[StagedVersion]:
        """Remove the staged versions no live load holds; return them."""
        ...

    def close(self) -> None:
        """Release the store (files, locks, connections)."""
        ...


def term_text(term: Term | NamedNode) -> str:
    """N-Triples form of a term (validated and escaped by pyoxigraph), valid in SPARQL."""
    return str(term)


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind(query: str, bindings: Mapping[str, Term] | None) -> str:
    """Bind variables by ``BIND`` clauses at the start of the query's first WHERE group.

    Plain SPARQL 1.1, so every backend runs the same text (BIND rather than VALUES, because
    Virtuoso cannot start a property path from a VALUES variable); terms are written in their
    N-Triples form (validated and escaped by pyoxigraph), so no value can change the query.

    >>> bind("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal('a "b"')})
    'SELECT ?s WHERE { BIND("a \\\\"b\\\\"" AS ?o) ?s ?p ?o }'
    """
    if not bindings:
        return query
    names = list(bindings)
    for name in names:
        if not name.isidentifier():
            raise StoreError(f"not a SPARQL variable name: {name!r}")
    block = " ".join(f"BIND({bindings[n]} AS ?{n})" for n in names)
    match = _WHERE.search(query)
    if match is None:
        raise StoreError("cannot bind parameters: the query has no WHERE clause")
    return query[: match.end()] + " " + block + query[match.end() :]


def solution_rows(result: QuerySolutions) -> list[Row]:
    """SELECT results as rows: variable name to term, unbound variables left out."""
    names = [v.value for v in result.variables]
    # A solution iterates its values in the order of the variables: zipping them costs
    # little, where looking each up by name (solution[name]) doubled the time of a query of
    # a few hundred rows (1.5 ms more for a lineage's hand-over details at 100k triples).
    return [
        {name: value for name, value in zip(names, solution, strict=True) if value is not None}
        for solution in result
    ]


FINREG_GRAPH_MARK = (RDF_TYPE, VOID_DATASET)
"""Every graph finreg loads says of itself ``<graph> a void:Dataset``, so a shared SPARQL
server's own graphs (Virtuoso's system graphs, say) are never taken for finreg's."""

LOADED_AT = DCTERMS_MODIFIED
"""Every graph finreg loads says when: ``<graph> dcterms:modified "…"^^xsd:dateTime``, so a
reader can tell cheaply that the graphs changed (kg.name_index does)."""
