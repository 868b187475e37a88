"""The narrow store interface finreg needs, and what every backend shares.

Nothing but kg.store talks to a store. Queries are SPARQL 1.1 texts with bound parameters;
the default graph of every query is the union of the named graphs (one per loaded file).
Writes replace or drop whole named graphs in one transaction (or, for a remote store, one
update request): all or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Protocol

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    Quad,
    QuerySolutions,
    RdfFormat,
    Triple,
    serialize,
)

from kg.errors import StoreError
from kg.store.answers import NO_DATASET, Dataset
from kg.vocab import DATA, FR

Term = NamedNode | BlankNode | Literal
Row = dict[str, Term]
Graphs = Mapping[NamedNode, Sequence[Triple]]

_XSD_DATE_TIME = NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")

EXPORT_FORMATS: dict[str, RdfFormat] = {
    "ttl": RdfFormat.TURTLE,
    "trig": RdfFormat.TRIG,
    "nq": RdfFormat.N_QUADS,
    "jsonld": RdfFormat.JSON_LD,
}
"""Export formats by name. Turtle cannot carry named graphs, so "ttl" writes the union of the
graphs (each triple once); "trig", "nq" and "jsonld" keep one named graph per loaded file."""

_INSTANCE_KINDS = (
    "regulator", "company", "group", "product", "licence", "notice", "event", "source",
    "stake", "operation", "partnership", "figure", "metric",
)  # fmt: skip
"""The kinds of instance IRI (``DATA["<kind>/<slug>"]``), each a prefix in exports."""

EXPORT_PREFIXES: dict[str, str] = {
    "fr": str(FR._NS),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "void": "http://rdfs.org/ns/void#",
    **{kind: f"{DATA}{kind}/" for kind in _INSTANCE_KINDS},
}
"""Prefixes written into Turtle and TriG exports, so people can read them."""


def serialize_export(quads: Iterable[Quad], fmt: str) -> bytes:
    """``quads`` in the export format ``fmt``; for "ttl", their triples, each once.

    :raises StoreError: for an unknown format name.

    >>> from pyoxigraph import NamedNode as N
    >>> q = Quad(N("urn:s"), N("urn:p"), N("urn:o"), N("urn:g"))
    >>> text = serialize_export([q, Quad(q.subject, q.predicate, q.object, N("urn:h"))], "ttl")
    >>> text.decode().count("<urn:s> <urn:p> <urn:o> ."), b"@prefix fr:" in text
    (1, True)
    """
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f'unknown export format "{fmt}": use one of {", ".join(EXPORT_FORMATS)}')
    rdf_format = EXPORT_FORMATS[fmt]
    prefixes = EXPORT_PREFIXES if rdf_format in (RdfFormat.TURTLE, RdfFormat.TRIG) else None
    data: Iterable[Quad] | Iterable[Triple] = quads
    if not rdf_format.supports_datasets:
        data = sorted({q.triple for q in quads}, key=str)
    output = serialize(data, format=rdf_format, prefixes=prefixes)
    if output is None:
        raise StoreError("the serialiser returned no export")
    return output


class GraphStore(Protocol):
    """What finreg asks of a store; every backend offers exactly this."""

    round_trips: int
    """How many requests the store has answered, for tests that bound them."""

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Row]:
        """Run a SELECT query with ``bindings`` substituted for variables; return its rows."""
        ...

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """Run an ASK query with ``bindings``."""
        ...

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]:
        """Run a CONSTRUCT query with ``bindings``; return its triples."""
        ...

    def replace_graphs(self, graphs: Graphs) -> None:
        """Replace each named graph by the given triples, all in one transaction."""
        ...

    def drop_graphs(self, names: Iterable[NamedNode]) -> None:
        """Remove the named graphs, all in one transaction."""
        ...

    def named_graphs(self) -> list[NamedNode]:
        """The names of every graph in the store, sorted."""
        ...

    def count_triples(self) -> int:
        """How many quads the store holds in all graphs."""
        ...

    def export(self, fmt: str) -> bytes:
        """Serialise every graph in ``fmt`` (a key of EXPORT_FORMATS)."""
        ...

    def answer(
        self, query: str, media_type: str, *, timeout: float, dataset: Dataset = NO_DATASET
    ) -> tuple[bytes, str]:
        """Answer a user's SPARQL query document (read-only: kg.store.readonly checks it
        first) in ``media_type``; return the serialised answer and its Content-Type.

        :raises QueryRefusedError: for an update, a SERVICE clause or a malformed query.
        :raises QueryTimeoutError: if the answer is not ready within ``timeout`` seconds.
        :raises ResultTooLargeError: if the answer passes MAX_RESULT_BYTES.
        """
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


def insert_data_update(graphs: Graphs, *, drop_first: bool = True, chunk: int | None = None) -> str:
    """A SPARQL 1.1 update that (drops and) fills each graph, as one request.

    With ``chunk``, each graph is written by several ``INSERT DATA`` operations of at most
    that many triples (some servers, Virtuoso among them, compile each operation whole and
    refuse big ones).

    >>> from pyoxigraph import NamedNode as N
    >>> t = Triple(N("urn:s"), N("urn:p"), N("urn:o"))
    >>> print(insert_data_update({N("urn:g"): [t, t]}, chunk=1))
    DROP SILENT GRAPH <urn:g> ;
    INSERT DATA { GRAPH <urn:g> {
    <urn:s> <urn:p> <urn:o> .
    } } ;
    INSERT DATA { GRAPH <urn:g> {
    <urn:s> <urn:p> <urn:o> .
    } }
    """
    parts: list[str] = []
    if drop_first:
        parts.extend(f"DROP SILENT GRAPH {term_text(name)}" for name in graphs)
    blocks: list[str] = []
    for name, triples in graphs.items():
        size = chunk or max(len(triples), 1)
        for start in range(0, len(triples), size):
            lines = "\n".join(
                f"{term_text(t.subject)} {term_text(t.predicate)} {term_text(t.object)} ."  # type: ignore[arg-type]
                for t in triples[start : start + size]
            )
            blocks.append(f"GRAPH {term_text(name)} {{\n{lines}\n}}")
    if chunk is None and blocks:
        parts.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
    else:
        parts.extend(f"INSERT DATA {{ {block} }}" for block in blocks)
    return " ;\n".join(parts)


def solution_rows(result: QuerySolutions) -> list[Row]:
    """SELECT results as rows: variable name to term, unbound variables left out."""
    names = [v.value for v in result.variables]
    rows: list[Row] = []
    for solution in result:
        row: Row = {}
        for name in names:
            value = solution[name]
            if value is not None:
                row[name] = value
        rows.append(row)
    return rows


def drop_graphs_update(names: Iterable[NamedNode]) -> str:
    """A SPARQL 1.1 update that drops each named graph (empty text for none)."""
    return " ;\n".join(f"DROP SILENT GRAPH {term_text(n)}" for n in names)


FINREG_GRAPH_MARK = (
    NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
    NamedNode("http://rdfs.org/ns/void#Dataset"),
)
"""Every graph finreg loads says of itself ``<graph> a void:Dataset``, so a shared SPARQL
server's own graphs (Virtuoso's system graphs, say) are never taken for finreg's."""

LOADED_AT = NamedNode("http://purl.org/dc/terms/modified")
"""Every graph finreg loads says when: ``<graph> dcterms:modified "…"^^xsd:dateTime``, so a
reader can tell cheaply that the graphs changed (kg.name_index does)."""


def loaded_stamp(graph: NamedNode) -> list[Triple]:
    """The triples that mark ``graph`` as finreg's and say when it was loaded (now)."""
    now = Literal(datetime.now(UTC).isoformat(), datatype=_XSD_DATE_TIME)
    return [Triple(graph, *FINREG_GRAPH_MARK), Triple(graph, LOADED_AT, now)]
