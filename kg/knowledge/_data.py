"""The graph as data: opening a store, health, statistics, exports, users' own SPARQL
queries, and loading (load, validate, diff, unload, migrate)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from kg.errors import LegacyStoreError, StoreUnavailableError
from kg.graphs import find_root
from kg.knowledge._nodes import Nodes
from kg.loaders import load_files, read_inputs, unload_files, validate_paths
from kg.loaders.check import check_inputs
from kg.loaders.diff import diff_graph
from kg.loaders.migrate import migrate
from kg.loaders.restore import restore_file
from kg.queries import entities as entity_queries
from kg.queries import health, stats
from kg.reports import (
    GraphDiff,
    LoadReport,
    Migration,
    RestoreReport,
    StagedVersion,
    Stats,
    UnloadReport,
)
from kg.settings import Settings
from kg.store import EmbeddedStore, open_store
from kg.store.base import GraphVersions
from kg.user_query import NO_DATASET, Dataset

logger = logging.getLogger("kg")


class Data(Nodes):
    """The graph as data: health, exports, queries, loading."""

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        read_only: bool = False,
        legacy: bool = False,
        create: bool = True,
    ) -> Self:
        """The graph in the store ``settings`` name (see kg.store.open_store); an embedded
        store is created where there is none, unless ``read_only`` or not ``create``.

        :raises StoreUnavailableError: if it cannot be opened.
        :raises LegacyStoreError: for a store from before graph keys (unless ``legacy``,
            which only ``migrate`` needs).
        """
        graph = cls(open_store(settings, read_only=read_only, legacy=legacy, create=create))
        if not legacy:
            try:
                graph.refuse_legacy()
            except LegacyStoreError:
                graph.close()
                raise
        return graph

    @classmethod
    def empty(cls) -> Self:
        """A graph that holds nothing, in memory: what files are checked against, or
        compared with, when no store exists yet."""
        return cls(EmbeddedStore.in_memory())

    @classmethod
    def open_seeded(cls, settings: Settings) -> Self:
        """The graph in the store ``settings`` name, with the seeds loaded if it holds
        nothing yet (``finreg serve`` on first start).

        :raises StoreUnavailableError: if the store cannot be opened or reached.
        :raises InputError: if a seed file is refused (nothing is loaded then).
        """
        graph = cls.open(settings)
        try:
            if not graph._store.named_graphs():
                seeds = sorted(settings.seeds_dir.glob("*.ttl"))
                if seeds:
                    # Keys relative to the dataset root (seeds/<file>.ttl from a checkout or
                    # the installed package); a seed folder outside any root is its parent's.
                    root = settings.dataset_root or find_root(seeds[0]) or seeds[0].parent.parent
                    report = graph.load(seeds, root=root)
                    logger.info("loaded %d seed file(s) from %s", report.files, settings.seeds_dir)
        except BaseException:
            graph.close()
            raise
        return graph

    @classmethod
    def open_to_serve(cls, settings: Settings) -> Self:
        """The graph ``finreg serve`` answers from: :meth:`open_seeded`, except that a SPARQL
        server that cannot be reached at start does not stop the API. The graph is then
        returned as it is (unseeded); its questions fail with StoreUnavailableError until the
        server answers, and the seeds load on the next start.

        :raises StoreUnavailableError: if the embedded store cannot be opened.
        :raises InputError: if a seed file is refused (nothing is loaded then).
        """
        try:
            return cls.open_seeded(settings)
        except StoreUnavailableError as error:
            if not settings.store_url:
                raise
            logger.error("starting without a reachable store: %s", error)
            return cls(open_store(settings))

    @property
    def location(self) -> str:
        """Where the store is: a data directory or a SPARQL endpoint's URL."""
        return self._store.location

    def close(self) -> None:
        """Release the store (files, locks, connections).

        :raises StoreError: if a last flush fails (a full disk); released anyway.
        """
        self._store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def refuse_legacy(self) -> None:
        """:raises LegacyStoreError: if the store names graphs by machine paths."""
        old = self._store.legacy_graphs()
        if old:
            raise LegacyStoreError(self._store.location, old[0].value)

    def ping(self) -> None:
        """Return once the store answers a trivial query (a readiness probe's question).

        :raises StoreError: if the store does not answer (StoreUnavailableError when it
            cannot be reached).

        >>> Data.empty().ping()
        """
        health.ping(self._store)

    def graph_versions(self) -> GraphVersions:
        """Each loaded graph with the time it was last loaded, as the store publishes them
        now (GraphStore.graph_versions: no I/O on the embedded store, one request to a
        server): two equal values mean no load or unload came between
        them. An answer that takes several questions is one state of the graph if the value
        before its first question equals the value after its last (the API checks so, and
        kg.name_index rebuilds when it changes).

        :raises StoreError: if the store does not answer.

        >>> Data.empty().graph_versions()
        frozenset()
        """
        return entity_queries.graph_versions(self._store)

    def stats(self) -> Stats:
        """Nodes per finreg class and triples per loaded graph."""
        return Stats(stats.counts_per_class(self._store), stats.triples_per_graph(self._store))

    def export(self, fmt: str) -> bytes:
        """Every loaded graph in the RDF format ``fmt`` (kg.export_formats).

        :raises StoreError: for an unknown format.
        """
        return self._store.export(fmt)

    def answer_user_query(
        self, text: str, media_type: str, *, timeout: float, dataset: Dataset = NO_DATASET
    ) -> tuple[bytes, str]:
        """Answer a user's own SPARQL query document (the /sparql endpoint) in
        ``media_type``, read-only, within ``timeout`` seconds and the size limit
        (kg.user_query); the answer and its Content-Type.

        :raises QueryRefusedError: for an update, a SERVICE clause or a malformed query.
        :raises QueryTimeoutError: past the time limit.
        :raises ResultTooLargeError: past the size limit.
        """
        return self._store.answer(text, media_type, timeout=timeout, dataset=dataset)

    # Loading --------------------------------------------------------------------------

    def load(
        self,
        paths: Sequence[Path],
        *,
        root: Path | None = None,
        graph: str | None = None,
        progress: bool = False,
    ) -> LoadReport:
        """Load files, all or nothing (kg.loaders.load_files)."""
        try:
            return load_files(self._store, paths, root=root, graph=graph, progress=progress)
        finally:
            self._stamps.forget()

    def validate(
        self, paths: Sequence[Path], *, root: Path | None = None, graph: str | None = None
    ) -> int:
        """Every check ``load`` makes, against this graph, writing nothing; the triples."""
        return validate_paths(paths, self._store, root=root, graph=graph)

    def diff(
        self, paths: Sequence[Path], *, root: Path | None = None, graph: str | None = None
    ) -> list[GraphDiff]:
        """What loading ``paths`` would change, graph by graph (the files are checked first).

        :raises InputError: for a file a load would refuse.
        """
        inputs = read_inputs(paths, root=root, graph=graph)
        check_inputs(inputs, self._store)
        return [diff_graph(source, self._store) for source in inputs]

    def unload(
        self,
        paths: Sequence[Path],
        *,
        root: Path | None = None,
        graph: str | None = None,
        force: bool = False,
    ) -> UnloadReport:
        """Remove what loading ``paths`` added (kg.loaders.unload_files)."""
        try:
            return unload_files(self._store, paths, root=root, graph=graph, force=force)
        finally:
            self._stamps.forget()

    def staging(self) -> list[StagedVersion]:
        """Version graphs the store holds that no published entry names: loads under way,
        what failed or killed loads left, replaced versions not dropped yet."""
        return self._store.staged_versions()

    def clean_staging(self) -> list[StagedVersion]:
        """Remove the staged versions no live load holds (expired leases, leftovers,
        replaced versions past their grace); return what was removed.

        :raises StoreError: if the store is read-only or refuses.
        """
        return self._store.clean_staging()

    def restore(self, path: Path, *, progress: bool = False) -> RestoreReport:
        """Restore a backup (``finreg export --format nq``) into this graph's store, which
        must be empty: the same graphs, names and load stamps, all or nothing
        (kg.loaders.restore).

        :raises StoreNotEmptyError: if the store holds any graph.
        :raises InputError: if the file is no finreg backup or a graph breaks the checks.
        """
        try:
            return restore_file(self._store, path, progress=progress)
        finally:
            self._stamps.forget()

    def migrate(self, root: Path) -> Migration:
        """Rename graphs named by machine paths to graph keys under ``root``."""
        try:
            return migrate(self._store, root)
        finally:
            self._stamps.forget()
