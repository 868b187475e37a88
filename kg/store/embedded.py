"""The embedded backend: pyoxigraph's on-disk store (RocksDB) in a data directory.

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

from collections.abc import Iterable, Mapping
from pathlib import Path

from pyoxigraph import NamedNode, QuerySolutions, QueryTriples, RdfFormat, Store, Triple

from kg.errors import StoreError, StoreUnavailableError
from kg.store.answers import NO_DATASET, Dataset, answer_in_process
from kg.store.base import (
    EXPORT_FORMATS,
    EXPORT_PREFIXES,
    Graphs,
    Row,
    Term,
    bind,
    drop_graphs_update,
    insert_data_update,
    serialize_export,
    solution_rows,
)
from kg.store.readonly import content_type


def _prefixes(fmt: str) -> dict[str, str] | None:
    return EXPORT_PREFIXES if EXPORT_FORMATS[fmt] is RdfFormat.TRIG else None


class EmbeddedStore:
    """pyoxigraph's on-disk store (RocksDB) in a data directory, or in memory for tests."""

    def __init__(self, store: Store, location: str, *, read_only: bool = False) -> None:
        self._store = store
        self.location = location
        self.read_only = read_only
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
                return cls(Store.read_only(str(directory)), str(directory), read_only=True)
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
        return solution_rows(result)

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
        update = drop_graphs_update(names)
        if update:
            self._update(update)

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
        if not EXPORT_FORMATS[fmt].supports_datasets:
            return serialize_export(self._store.quads_for_pattern(None, None, None, None), fmt)
        data = self._store.dump(format=EXPORT_FORMATS[fmt], prefixes=_prefixes(fmt))
        if data is None:
            raise StoreError("the store returned no export")
        return data

    def answer(
        self, query: str, media_type: str, *, timeout: float, dataset: Dataset = NO_DATASET
    ) -> tuple[bytes, str]:
        """Answer a user's SPARQL query document in ``media_type`` (see GraphStore.answer).

        A query that computes long before its first answer (ORDER BY, aggregates, ASK)
        keeps its thread until it finishes, past its timeout: pyoxigraph cannot interrupt it.
        """
        self.round_trips += 1
        body = answer_in_process(self._store, query, media_type, timeout=timeout, dataset=dataset)
        return body, content_type(media_type)

    def close(self) -> None:
        """Flush (unless read-only) and release the store.

        :raises StoreError: if the flush fails (a full disk); the store is released anyway.
        """
        try:
            if not self.read_only:
                self._store.flush()
        except OSError as error:
            raise StoreError(f"cannot flush the store in {self.location}: {error}") from error
        finally:
            del self._store
