"""The narrow store interface finreg needs, and its embedded backend.

Nothing but this module talks to a store. Queries are SPARQL 1.1 texts with bound parameters;
the default graph of every query is the union of the named graphs (one per loaded file).
Writes replace or drop whole named graphs in one transaction: all or nothing.

>>> from pyoxigraph import NamedNode, Literal, Triple
>>> store = EmbeddedStore.in_memory()
>>> g = NamedNode("urn:example:file")
>>> t = Triple(NamedNode("urn:example:a"), NamedNode("urn:example:p"), Literal("x"))
>>> store.replace_graphs({g: [t]})
>>> [row["o"].value for row in store.select("SELECT ?o WHERE { ?s ?p ?o }")]
['x']
>>> store.drop_graphs([g]); store.count_triples()
0
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
)

from kg.errors import StoreError, StoreUnavailableError

Term = NamedNode | BlankNode | Literal
Row = dict[str, Term]
Graphs = Mapping[NamedNode, Sequence[Triple]]

EXPORT_FORMATS: dict[str, RdfFormat] = {
    "ttl": RdfFormat.TRIG,
    "trig": RdfFormat.TRIG,
    "nq": RdfFormat.N_QUADS,
    "jsonld": RdfFormat.JSON_LD,
}
"""Export formats by name. Turtle cannot carry named graphs, so "ttl" writes TriG, its superset."""


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

    def close(self) -> None:
        """Release the store (files, locks, connections)."""
        ...


def _term_text(term: Term | NamedNode) -> str:
    """N-Triples form of a term, valid inside SPARQL INSERT DATA."""
    return str(term)


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind(query: str, bindings: Mapping[str, Term] | None) -> str:
    """Bind variables by a VALUES block at the start of the query's first WHERE group.

    Plain SPARQL 1.1, so every backend runs the same text; terms are written in their
    N-Triples form (validated and escaped by pyoxigraph), so no value can change the query.

    >>> bind("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal('a "b"')})
    'SELECT ?s WHERE { VALUES (?o) { ("a \\\\"b\\\\"") } ?s ?p ?o }'
    """
    if not bindings:
        return query
    names = list(bindings)
    for name in names:
        if not name.isidentifier():
            raise StoreError(f"not a SPARQL variable name: {name!r}")
    block = (
        "VALUES ("
        + " ".join(f"?{n}" for n in names)
        + ") { ("
        + " ".join(str(bindings[n]) for n in names)
        + ") }"
    )
    match = _WHERE.search(query)
    if match is None:
        raise StoreError("cannot bind parameters: the query has no WHERE clause")
    return query[: match.end()] + " " + block + query[match.end() :]


def insert_data_update(graphs: Graphs, *, drop_first: bool = True) -> str:
    """A SPARQL 1.1 update that (drops and) fills each graph; one request, one transaction."""
    parts: list[str] = []
    for name in graphs:
        if drop_first:
            parts.append(f"DROP SILENT GRAPH {_term_text(name)}")
    body: list[str] = []
    for name, triples in graphs.items():
        if not triples:
            continue
        lines = "\n".join(
            f"{_term_text(t.subject)} {_term_text(t.predicate)} {_term_text(t.object)} ."  # type: ignore[arg-type]
            for t in triples
        )
        body.append(f"GRAPH {_term_text(name)} {{\n{lines}\n}}")
    if body:
        parts.append("INSERT DATA {\n" + "\n".join(body) + "\n}")
    return " ;\n".join(parts)


class EmbeddedStore:
    """pyoxigraph's on-disk store (RocksDB) in a data directory, or in memory for tests."""

    def __init__(self, store: Store, location: str) -> None:
        self._store = store
        self.location = location
        self.round_trips = 0

    @classmethod
    def open(cls, directory: Path, *, read_only: bool = False) -> EmbeddedStore:
        """Open the store in ``directory``, creating it if needed (unless ``read_only``).

        A read-only store can be opened while another process writes; it sees the data as it
        was when opened.

        :raises StoreUnavailableError: if the directory cannot be used (in use by another
            process, not writable, missing for a read-only open, or not a store).
        """
        try:
            if read_only:
                if not directory.is_dir():
                    raise StoreUnavailableError(f"no store in {directory}: load some files first")
                return cls(Store.read_only(str(directory)), str(directory))
            directory.mkdir(parents=True, exist_ok=True)
            return cls(Store(str(directory)), str(directory))
        except OSError as error:
            hint = ""
            if "lock" in str(error).lower():
                hint = " (another finreg process, such as 'finreg serve', has it open for writing)"
            raise StoreUnavailableError(
                f"cannot open the store in {directory}{hint}: {error}"
            ) from error

    @classmethod
    def in_memory(cls) -> EmbeddedStore:
        """A store that lives in memory only (tests, validation)."""
        return cls(Store(), ":memory:")

    def _query(self, query: str, bindings: Mapping[str, Term] | None) -> object:
        self.round_trips += 1
        try:
            return self._store.query(bind(query, bindings), use_default_graph_as_union=True)
        except (SyntaxError, OSError, ValueError) as error:
            raise StoreError(f"query failed: {error}") from error

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Row]:
        """Run a SELECT query with ``bindings`` substituted for variables; return its rows."""
        result = self._query(query, bindings)
        if not isinstance(result, QuerySolutions):
            raise StoreError("select() needs a SELECT query")
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

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """Run an ASK query with ``bindings``."""
        result = self._query(query, bindings)
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]:
        """Run a CONSTRUCT query with ``bindings``; return its triples."""
        result = self._query(query, bindings)
        if not isinstance(result, QueryTriples):
            raise StoreError("construct() needs a CONSTRUCT query")
        return list(result)

    def replace_graphs(self, graphs: Graphs) -> None:
        """Replace each named graph by the given triples, all in one transaction.

        :raises StoreError: if the store refuses the write; then nothing was written.
        """
        if not graphs:
            return
        self._update(insert_data_update(graphs))

    def drop_graphs(self, names: Iterable[NamedNode]) -> None:
        """Remove the named graphs, all in one transaction."""
        statements = [f"DROP SILENT GRAPH {_term_text(n)}" for n in names]
        if statements:
            self._update(" ;\n".join(statements))

    def _update(self, update: str) -> None:
        self.round_trips += 1
        try:
            self._store.update(update)
            self._store.flush()
        except (SyntaxError, OSError, ValueError) as error:
            raise StoreError(f"write failed, nothing was changed: {error}") from error

    def named_graphs(self) -> list[NamedNode]:
        """The names of every graph in the store, sorted."""
        self.round_trips += 1
        return sorted(
            (g for g in self._store.named_graphs() if isinstance(g, NamedNode)),
            key=lambda g: g.value,
        )

    def count_triples(self) -> int:
        """How many quads the store holds in all graphs."""
        self.round_trips += 1
        return len(self._store)

    def export(self, fmt: str) -> bytes:
        """Serialise every graph in ``fmt`` (a key of EXPORT_FORMATS).

        :raises StoreError: for an unknown format name.
        """
        if fmt not in EXPORT_FORMATS:
            raise StoreError(
                f'unknown export format "{fmt}": use one of {", ".join(EXPORT_FORMATS)}'
            )
        self.round_trips += 1
        data = self._store.dump(format=EXPORT_FORMATS[fmt])
        if data is None:
            raise StoreError("the store returned no export")
        return data

    def close(self) -> None:
        """Flush and release the store."""
        self._store.flush()
        del self._store
