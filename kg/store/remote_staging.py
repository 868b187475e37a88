"""A load's staging area for a SPARQL server: held in an in-memory store, sent on publish.

``publish()`` uploads every staged graph into a new version graph under a lease, then
publishes them all with one guarded update of the server's registry (see kg.store.remote),
so a server that runs one update request as a transaction, such as Oxigraph, shows the whole
load or none of it, whatever its size. The state the staging area was opened on is the state
the load's checks read: the publish holds only if no other load published since, else the
load checks again (``recheck``) and retries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING

from pyoxigraph import NamedNode, Quad, RdfFormat, Store

from kg.errors import StoreError, WriteError
from kg.store import registry
from kg.store.base import Stamps, Statement, Subject, Term, stamp_for

if TYPE_CHECKING:
    from kg.store.remote import Lease, RemoteStore
    from kg.store.remote_registry import ServerState


class RemoteStaging:
    """Graphs of one load, kept in memory until they are uploaded and published together."""

    def __init__(self, owner: RemoteStore, state: ServerState) -> None:
        self._owner = owner
        self._state = state
        self._memory = Store()
        self._graphs: list[NamedNode] = []
        self._removed: list[NamedNode] = []
        self._lease: Lease | None = None
        self._done = False

    def __enter__(self) -> RemoteStaging:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if not self._done:
            self.discard()

    def _graph(self, graph: NamedNode) -> NamedNode:
        if self._done:
            raise StoreError("this staging area was already published or discarded")
        if graph not in self._graphs:
            self._graphs.append(graph)
        return graph

    def write_file(self, graph: NamedNode, data: bytes, fmt: RdfFormat, base_iri: str) -> None:
        """Stage the triples of an RDF document (already checked) for ``graph``."""
        try:
            self._memory.load(data, fmt, base_iri=base_iri, to_graph=self._graph(graph))
        except (OSError, SyntaxError, ValueError) as error:
            raise StoreError(f"cannot stage {graph.value}: {error}") from error

    def write_triples(self, graph: NamedNode, triples: Iterable[Statement]) -> None:
        """Stage ``triples`` (subject, predicate, object) for ``graph``."""
        target = self._graph(graph)
        self._memory.extend(Quad(s, p, o, target) for s, p, o in triples)

    def objects(self, graph: NamedNode, predicate: NamedNode) -> Iterator[tuple[Subject, Term]]:
        """``(subject, object)`` of each staged triple of ``graph`` with ``predicate``."""
        for quad in self._memory.quads_for_pattern(None, predicate, None, self._graph(graph)):
            yield quad.subject, quad.object  # type: ignore[misc]

    def remove(self, graph: NamedNode) -> None:
        """Unpublish ``graph`` with this staging area's publish."""
        if self._done:
            raise StoreError("this staging area was already published or discarded")
        self._removed.append(graph)

    def publish(
        self, modified: Stamps = None, recheck: Callable[[], None] | None = None
    ) -> list[str]:
        """Upload every staged graph into a new version, then publish them all at once,
        replacing the graphs' published versions (and unpublishing removed graphs).

        Returns notes for the user (see RemoteStore.publish).

        :raises WriteError: if uploading or publishing failed, saying what the server
            holds (checked on the server after a failed publish).
        :raises InputError: from ``recheck``, if another load changed the store so that the
            files are no longer valid.
        """
        if self._done:
            raise StoreError("this staging area was already published or discarded")
        versions = {registry.new_version(): g for g in self._graphs}
        try:
            self._lease = self._owner.upload(versions, self._memory)
        except WriteError:
            raise
        except StoreError as error:
            self._lease = self._owner.lease_of(versions)
            raise WriteError(
                f"uploading the load failed: {error}; nothing was replaced, the graphs are "
                "as before",
                written=False,
            ) from error
        self._memory = Store()
        now = registry.stamp_now()
        added = {
            g: registry.Entry(g, v, stamp_for(g, modified) or now) for v, g in versions.items()
        }
        try:
            notes = self._owner.publish(self._state, added, self._removed, self._lease, recheck)
        except WriteError as error:
            if error.written is None:
                # The server may have published these versions: never drop them here. If it
                # did not, their lease expires and a later load or 'finreg staging --clean'
                # removes them.
                self._done = True
            raise
        self._done = True
        return notes

    def discard(self) -> None:
        """Forget everything staged and remove what was uploaded (if anything was): the
        published graphs stay as they were."""
        self._done = True
        self._memory = Store()
        self._owner.discard(self._lease)
        self._lease = None
