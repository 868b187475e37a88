"""A load's staging area in the embedded store: version graphs, then one publishing update.

Data goes into fresh version graphs with pyoxigraph's fast paths: ``load`` (a transaction)
for small inputs, ``bulk_load`` and ``bulk_extend`` (no transaction, written straight to new
files on disk) for big ones. Neither is visible to readers until ``publish()`` commits one
small registry update; ``discard()`` (or leaving the ``with`` block without publishing)
removes what was written. A process killed in between leaves versions no registry entry
names, which the next write collects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING

from pyoxigraph import NamedNode, Quad, RdfFormat, Store

from kg.errors import StoreError
from kg.store import disk, registry
from kg.store.base import Stamps, Statement, Subject, Term, stamp_for

if TYPE_CHECKING:
    from kg.store.embedded import EmbeddedStore

BULK_TRIPLES = 50_000
"""Inputs from about this many triples up go through the bulk paths; smaller ones through one
transaction, which costs less than the new files a bulk write makes (10 ms against 19 ms for
a seed file, measured)."""

BULK_BYTES = 4 * 1024 * 1024
"""The same threshold for a file's size in bytes (about 30,000 triples of Turtle)."""


class EmbeddedStaging:
    """Version graphs of one load, published together or not at all."""

    def __init__(self, owner: EmbeddedStore) -> None:
        self._owner = owner
        self._versions: dict[NamedNode, NamedNode] = {}
        self._removed: list[NamedNode] = []
        self._done = False

    @property
    def _store(self) -> Store:
        # Asked of the owner each time, never kept: a staging area an error's traceback
        # keeps alive must not keep the on-disk store open after the owner closed it
        # (RocksDB would go on compacting under a later read-only open).
        return self._owner.raw()

    def __enter__(self) -> EmbeddedStaging:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if not self._done:
            self.discard()

    def _version(self, graph: NamedNode) -> NamedNode:
        if self._done:
            raise StoreError("this staging area was already published or discarded")
        if graph not in self._versions:
            self._owner.mark_unclean()
            self._versions[graph] = registry.new_version()
        return self._versions[graph]

    def write_file(self, graph: NamedNode, data: bytes, fmt: RdfFormat, base_iri: str) -> None:
        """Add the triples of an RDF document (already checked) to ``graph``'s new version.

        :raises StoreError: if the store refuses the write (a full disk, say).
        """
        version = self._version(graph)
        try:
            if len(data) >= BULK_BYTES:
                self._store.bulk_load(data, fmt, base_iri=base_iri, to_graph=version)
            else:
                self._store.load(data, fmt, base_iri=base_iri, to_graph=version)
        except OSError as error:
            raise StoreError(disk.write_failure(self._owner.location, error)) from error
        except (SyntaxError, ValueError) as error:
            raise StoreError(
                f"cannot write to the store in {self._owner.location}: {error}"
            ) from error

    def write_triples(self, graph: NamedNode, triples: Iterable[Statement]) -> None:
        """Add ``triples`` (subject, predicate, object) to ``graph``'s new version.

        :raises StoreError: if the store refuses the write.
        """
        version = self._version(graph)
        quads = [Quad(s, p, o, version) for s, p, o in triples]
        try:
            if len(quads) >= BULK_TRIPLES:
                self._store.bulk_extend(quads)
            else:
                self._store.extend(quads)
        except OSError as error:
            raise StoreError(disk.write_failure(self._owner.location, error)) from error

    def objects(self, graph: NamedNode, predicate: NamedNode) -> Iterator[tuple[Subject, Term]]:
        """``(subject, object)`` of each staged triple of ``graph`` with ``predicate``."""
        for quad in self._store.quads_for_pattern(None, predicate, None, self._version(graph)):
            yield quad.subject, quad.object  # type: ignore[misc]

    def staged(self) -> Mapping[NamedNode, NamedNode]:
        """The version graph written for each graph so far."""
        return dict(self._versions)

    def remove(self, graph: NamedNode) -> None:
        """Unpublish ``graph`` with this staging area's publish."""
        if self._done:
            raise StoreError("this staging area was already published or discarded")
        self._removed.append(graph)

    def publish(
        self, modified: Stamps = None, recheck: Callable[[], None] | None = None
    ) -> list[str]:
        """Make every staged graph visible at once, replacing its published version, each
        stamped with its load time (``modified``: one for all, one per graph, else now), and
        unpublish the removed graphs. ``recheck`` is never needed: no other process writes
        while this one holds the store.

        :raises StoreError: if the store refuses; then nothing is published.
        """
        if self._done:
            raise StoreError("this staging area was already published or discarded")
        self._owner.flush()  # the versions are on disk before the registry names them
        now = registry.stamp_now()
        entries = {
            g: registry.Entry(g, v, stamp_for(g, modified) or now)
            for g, v in self._versions.items()
        }
        removed = [g for g in self._removed if g not in entries]
        if entries or removed:
            self._owner.publish(entries, removed)
        self._done = True
        return []

    def discard(self) -> None:
        """Remove everything staged; the published graphs stay as they were."""
        self._done = True
        self._owner.collect_leftovers()

    def __iter__(self) -> Iterator[NamedNode]:
        return iter(self._versions)
