"""The embedded backend: pyoxigraph's on-disk store (RocksDB) in a data directory.

Each loaded graph lives in a version graph that the registry (kg.store.registry) publishes;
readers see only published versions. Writes use pyoxigraph's fast paths (``load``, and
``bulk_load``/``bulk_extend`` for big inputs, which are not atomic but write into a version
nobody reads yet); the only transaction that matters is the small registry update that
publishes a load. A load killed at any moment leaves the store as it was or fully loaded.

>>> from pyoxigraph import NamedNode, Literal
>>> from kg.graphs import graph_iri
>>> store = EmbeddedStore.in_memory()
>>> g = graph_iri("example.ttl")
>>> fact = (NamedNode("urn:example:a"), NamedNode("urn:example:p"), Literal("x"))
>>> with store.stage() as staging:
...     staging.write_triples(g, [fact])
...     notes = staging.publish()
>>> [row["o"].value for row in store.select("SELECT ?o WHERE { <urn:example:a> ?p ?o }")]
['x']
>>> store.drop_graphs([g]); store.count_triples()
0
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from pyoxigraph import (
    NamedNode,
    Quad,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    serialize,
)

from kg import failpoints
from kg.errors import LegacyStoreError, StoreError, StoreUnavailableError
from kg.export_formats import EXPORT_FORMATS, EXPORT_PREFIXES, serialize_export
from kg.reports import StagedVersion
from kg.store import disk, registry
from kg.store.answers import answer_in_process
from kg.store.base import (
    EVERYTHING,
    GraphVersions,
    Row,
    Scope,
    Term,
    bind,
    solution_rows,
)
from kg.store.embedded_staging import EmbeddedStaging
from kg.store.registry import STAMP_TRIPLES
from kg.user_query import (
    NO_DATASET,
    Dataset,
    content_type,
    dataset_clauses,
    graph_names,
    read_query,
)


class EmbeddedStore:
    """pyoxigraph's on-disk store (RocksDB) in a data directory, or in memory for tests."""

    def __init__(
        self, store: Store, location: str, *, read_only: bool = False, legacy: bool = False
    ) -> None:
        self._store = store
        self.location = location
        self.read_only = read_only
        self._changed = threading.Condition()
        self._readers: dict[registry.View, int] = {}
        self._view = self._read_view()
        if not legacy:
            old = self.legacy_graphs()
            if old:
                raise LegacyStoreError(location, old[0].value)

    @classmethod
    def open(
        cls,
        directory: Path,
        *,
        read_only: bool = False,
        legacy: bool = False,
        create: bool = True,
    ) -> EmbeddedStore:
        """Open the store in ``directory``, creating it if needed (unless ``read_only`` or
        not ``create``: commands that remove or rename graphs never make a store).

        A read-only store can be opened while no other process writes; it sees the data as
        it was when opened. ``legacy`` opens a store from before graph keys (for
        ``finreg migrate`` only).

        :raises StoreUnavailableError: if the directory cannot be used (in use by another
            process, not writable or readable, missing when it is not to be created, a
            file, or not a store), in one line: what failed, where, and the fix
            (kg.store.disk).
        :raises LegacyStoreError: if the store names its graphs by machine paths.
        """
        if (read_only or not create) and not directory.is_dir():
            raise StoreUnavailableError(disk.missing_store(directory))
        try:
            if read_only:
                raw = Store.read_only(str(directory))
            else:
                directory.mkdir(parents=True, exist_ok=True)
                raw = Store(str(directory))
        except OSError as error:
            raise StoreUnavailableError(disk.open_failure(directory, error, read_only)) from error
        except RuntimeError as error:  # RocksDB's "Corruption", or a file gone under it
            raise StoreUnavailableError(f"cannot open the store in {directory}: {error}") from error
        return cls(raw, str(directory), read_only=read_only, legacy=legacy)

    @classmethod
    def in_memory(cls) -> EmbeddedStore:
        """A store that lives in memory only (tests, validation)."""
        return cls(Store(), ":memory:")

    # What readers see -----------------------------------------------------------------

    def _read_view(self) -> registry.View:
        entries = registry.read(self._store)
        present = {g for g in self._store.named_graphs() if isinstance(g, NamedNode)}
        expected = {registry.REGISTRY, *(e.version for e in entries.values())}
        return registry.View(entries, clean=present <= expected)

    @contextmanager
    def _reading(self) -> Iterator[registry.View]:
        """The current view, kept from being retired while the caller reads through it."""
        with self._changed:
            view = self._view
            self._readers[view] = self._readers.get(view, 0) + 1
        try:
            yield view
        finally:
            with self._changed:
                self._readers[view] -= 1
                if not self._readers[view]:
                    del self._readers[view]
                    self._changed.notify_all()

    def _show(self, view: registry.View) -> registry.View:
        """Make ``view`` what new readers see; wait until nobody reads the one before."""
        with self._changed:
            old, self._view = self._view, view
            self._changed.wait_for(lambda: old not in self._readers)
        return old

    def _options(self, view: registry.View, scope: Scope) -> dict[str, object]:
        if scope.everything:
            if view.clean:
                return {"use_default_graph_as_union": True}
            return {"default_graph": view.graphs, "named_graphs": view.graphs}
        graphs = view.versions(scope.graphs(view.entries))
        return {"default_graph": graphs, "named_graphs": graphs}

    def _query(self, query: str, bindings: Mapping[str, Term] | None, scope: Scope) -> object:
        with self._reading() as view:
            try:
                result = self._store.query(bind(query, bindings), **self._options(view, scope))  # type: ignore[arg-type]
                if isinstance(result, QuerySolutions):
                    return solution_rows(result)
                if isinstance(result, QueryTriples):
                    return list(result)
                return bool(result)
            except (SyntaxError, OSError, ValueError) as error:
                raise StoreError(f"query failed: {error}") from error

    def select(
        self, query: str, bindings: Mapping[str, Term] | None = None, *, scope: Scope = EVERYTHING
    ) -> list[Row]:
        """Run a SELECT query with ``bindings`` substituted for variables; return its rows."""
        result = self._query(query, bindings, scope)
        if not isinstance(result, list) or (result and not isinstance(result[0], dict)):
            raise StoreError("select() needs a SELECT query")
        return result

    def ask(
        self, query: str, bindings: Mapping[str, Term] | None = None, *, scope: Scope = EVERYTHING
    ) -> bool:
        """Run an ASK query with ``bindings``."""
        result = self._query(query, bindings, scope)
        if not isinstance(result, bool):
            raise StoreError("ask() needs an ASK query")
        return result

    def construct(
        self, query: str, bindings: Mapping[str, Term] | None = None, *, scope: Scope = EVERYTHING
    ) -> list[Triple]:
        """Run a CONSTRUCT query with ``bindings``; return its triples."""
        result = self._query(query, bindings, scope)
        if not isinstance(result, list) or (result and not isinstance(result[0], Triple)):
            raise StoreError("construct() needs a CONSTRUCT query")
        return result

    # Writing --------------------------------------------------------------------------

    def stage(self) -> EmbeddedStaging:
        """A load's staging area: version graphs written with the engine's fast paths, made
        visible all at once by ``publish()``, removed by ``discard()``.

        :raises StoreError: if leftovers of an earlier load cannot be removed.
        """
        self.collect_leftovers()
        return EmbeddedStaging(self)

    def drop_graphs(self, names: Iterable[NamedNode]) -> None:
        """Unpublish the named graphs in one transaction, then remove their versions."""
        gone = [n for n in names if n in self._view.entries]
        if gone:
            self.publish({}, gone)

    def publish(
        self, added: Mapping[NamedNode, registry.Entry], removed: Collection[NamedNode]
    ) -> None:
        """Publish ``added`` entries and unpublish ``removed`` graphs in one transaction,
        then remove the versions nobody reads any more (used by staging and unload).

        :raises StoreError: if the registry update fails; then nothing changed.
        """
        if self.read_only:
            raise StoreError(f"the store in {self.location} is open read-only")
        entries = dict(self._view.entries)
        replaced = [entries[g].version for g in [*removed, *added] if g in entries]
        update = registry.publishing_update([*removed, *added], added.values())
        failpoints.during("publishing")
        try:
            self._store.update(update)
        except OSError as error:
            failure = disk.write_failure(self.location, error)
            raise StoreError(f"publishing failed, nothing was changed: {failure}") from error
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"publishing failed, nothing was changed: {error}") from error
        failpoints.reached("published")
        for graph in removed:
            entries.pop(graph, None)
        entries.update(added)
        self._show(registry.View(entries, clean=False))
        self._remove(replaced)
        self.flush()
        self._show(self._read_view())

    def mark_unclean(self) -> None:
        """Say that the store is about to hold graphs readers must not see (staging)."""
        if self._view.clean:
            self._show(registry.View(self._view.entries, clean=False))

    def staged_versions(self) -> list[StagedVersion]:
        """Version graphs no registry entry publishes: what loads that were refused,
        interrupted or killed left (no load can be under way while this process holds the
        store, so none is held)."""
        with self._reading() as view:
            keep = set(view.graphs)
        return [
            StagedVersion(
                g.value,
                None,
                "expired",
                removable=True,
                triples=sum(1 for _ in self._store.quads_for_pattern(None, None, None, g)),
            )
            for g in sorted(self._store.named_graphs(), key=lambda n: n.value)
            if isinstance(g, NamedNode)
            and g.value.startswith(registry.VERSION_NAMESPACE)
            and g not in keep
        ]

    def clean_staging(self) -> list[StagedVersion]:
        """Remove every version no registry entry publishes; return what was removed.

        :raises StoreError: if the store is open read-only or refuses.
        """
        if self.read_only:
            raise StoreError(f"the store in {self.location} is open read-only")
        found = self.staged_versions()
        if found:
            self.mark_unclean()
            self.collect_leftovers()
            self.flush()
        return found

    def collect_leftovers(self) -> list[NamedNode]:
        """Remove every graph no registry entry publishes (versions of loads that were
        refused, interrupted or replaced); return them.

        :raises StoreError: if they cannot be removed.
        """
        if self._view.clean or self.read_only:
            return []
        with self._reading() as view:
            keep = set(view.graphs)
        leftovers = [
            g
            for g in self._store.named_graphs()
            if isinstance(g, NamedNode)
            and g.value.startswith(registry.VERSION_NAMESPACE)
            and g not in keep
        ]
        self._remove(leftovers)
        self._show(self._read_view())
        return leftovers

    def _remove(self, graphs: Iterable[NamedNode]) -> None:
        try:
            for graph in graphs:
                self._store.remove_graph(graph)
        except OSError as error:
            raise StoreError(disk.write_failure(self.location, error)) from error

    def raw(self) -> Store:
        """The pyoxigraph store itself, for kg.store's staging and migration only."""
        return self._store

    def flush(self) -> None:
        """Make every write durable.

        :raises StoreError: if the disk refuses (full, read-only).
        """
        if self.location == ":memory:":
            return
        try:
            self._store.flush()
        except OSError as error:
            raise StoreError(disk.write_failure(self.location, error)) from error

    # The whole store ------------------------------------------------------------------

    def legacy_graphs(self) -> list[NamedNode]:
        """Graphs named by machine paths (``file:`` IRIs) in a store without a registry."""
        if self._view.entries:
            return []
        return sorted(
            (
                g
                for g in self._store.named_graphs()
                if isinstance(g, NamedNode) and g.value.startswith("file:")
            ),
            key=lambda g: g.value,
        )

    def legacy_triples(self, graph: NamedNode) -> list[Triple]:
        """The triples of a legacy graph (for migration)."""
        return [q.triple for q in self._store.quads_for_pattern(None, None, None, graph)]

    def drop_legacy(self, graphs: Iterable[NamedNode]) -> None:
        """Remove legacy graphs once migrated.

        :raises StoreError: if they cannot be removed.
        """
        self._remove(graphs)
        self.flush()
        self._show(self._read_view())

    def named_graphs(self) -> list[NamedNode]:
        """The IRIs of every published graph, sorted."""
        return sorted(self._view.entries, key=lambda g: g.value)

    def graph_sizes(self) -> dict[NamedNode, int]:
        """How many triples each published graph holds: its file's, the derived ones and
        the two of its stamp, as an export writes them."""
        sizes = {}
        for graph in self.named_graphs():
            rows = self.select(
                "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", scope=Scope(only=frozenset([graph]))
            )
            sizes[graph] = (int(rows[0]["n"].value) if rows else 0) + STAMP_TRIPLES
        return sizes

    def graph_versions(self) -> GraphVersions:
        """Each published graph with its load stamp, from the view readers see now: no I/O,
        since this process is the store's one writer (a read-only store sees what was
        published when it was opened)."""
        with self._changed:
            return registry.versions_of(self._view.entries)

    def count_triples(self) -> int:
        """How many triples the published graphs hold in all."""
        return sum(self.graph_sizes().values())

    def _quads(self, view: registry.View) -> Iterator[Quad]:
        for graph, entry in sorted(view.entries.items(), key=lambda item: item[0].value):
            yield from entry.stamp_quads(graph)
            for quad in self._store.quads_for_pattern(None, None, None, entry.version):
                yield Quad(quad.subject, quad.predicate, quad.object, graph)

    def export_quads(self, graph: NamedNode) -> list[Quad]:
        """The quads of one published graph, named by its IRI, stamp included (as
        ``export`` writes them)."""
        with self._reading() as view:
            entry = view.entries.get(graph)
            if entry is None:
                return []
            return list(self._quads(registry.View({graph: entry}, clean=False)))

    def export(self, fmt: str) -> bytes:
        """Serialise every published graph in ``fmt`` (a key of EXPORT_FORMATS), each under
        its graph IRI, with the stamp saying when it was loaded.

        :raises StoreError: for an unknown format name.
        """
        if fmt not in EXPORT_FORMATS:
            raise StoreError(
                f'unknown export format "{fmt}": use one of {", ".join(EXPORT_FORMATS)}'
            )
        with self._reading() as view:
            if not EXPORT_FORMATS[fmt].supports_datasets:
                return serialize_export(self._quads(view), fmt)
            prefixes = EXPORT_PREFIXES if EXPORT_FORMATS[fmt] is RdfFormat.TRIG else None
            data = serialize(self._quads(view), format=EXPORT_FORMATS[fmt], prefixes=prefixes)
        if data is None:
            raise StoreError("the store returned no export")
        return data

    def answer(
        self, query: str, media_type: str, *, timeout: float, dataset: Dataset = NO_DATASET
    ) -> tuple[bytes, str]:
        """Answer a user's SPARQL query document in ``media_type`` (see GraphStore.answer).

        Graph IRIs the request or the query's FROM clauses name are read as the published
        versions of those graphs, and a version the answer names (``GRAPH ?g``) is written as
        its graph's IRI: users see graphs by their keys only. A query that computes long
        before its first answer (ORDER BY, aggregates, ASK) keeps its thread until it
        finishes, past its timeout: pyoxigraph cannot interrupt it.
        """
        if not dataset and read_query(query).names_dataset:
            clauses = dataset_clauses(query)
            dataset = Dataset(*clauses) if clauses is not None else dataset
        with self._reading() as view:
            if dataset:
                default = graph_names(dataset.default_graphs, "default-graph-uri")
                named = graph_names(dataset.named_graphs, "named-graph-uri")
                options: dict[str, object] = {
                    "default_graph": [view.physical(g) for g in default],
                    "named_graphs": [view.physical(g) for g in named],
                }
            else:
                options = self._options(view, EVERYTHING)
            body = answer_in_process(
                self._store, query, media_type, timeout=timeout, options=options
            )
            body = registry.graph_names_for_versions(body, view)
        return body, content_type(media_type)

    def close(self) -> None:
        """Flush (unless read-only) and release the store.

        :raises StoreError: if the flush fails (a full disk); the store is released anyway.
        """
        try:
            if not self.read_only:
                self.flush()
        finally:
            del self._store
