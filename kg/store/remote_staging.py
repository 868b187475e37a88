"""A load's staging area for a SPARQL server: held in an in-memory store, sent on publish.

``publish()`` sends every staged graph with its stamp in one update request (or, past the
request size limit, one request per graph; see kg.store.remote), so a server that runs one
request as a transaction, such as Oxigraph, shows the whole load or none of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING

from pyoxigraph import NamedNode, Quad, RdfFormat, Store

from kg.errors import StoreError
from kg.store.base import Stamps, Statement, Subject, Term, loaded_stamp, stamp_for

if TYPE_CHECKING:
    from kg.store.remote import RemoteStore


class RemoteStaging:
    """Graphs of one load, kept in memory until they are sent together."""

    def __init__(self, owner: RemoteStore) -> None:
        self._owner = owner
        self._memory = Store()
        self._graphs: list[NamedNode] = []
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

    def publish(self, modified: Stamps = None) -> None:
        """Send every staged graph, each with its stamp, replacing what the server holds.

        :raises StoreError: if the server refuses (see RemoteStore.send_graphs).
        """
        if self._done:
            raise StoreError("this staging area was already published or discarded")
        graphs = {
            g: [q.triple for q in self._memory.quads_for_pattern(None, None, None, g)]
            + loaded_stamp(g, stamp_for(g, modified))
            for g in self._graphs
        }
        self._done = True
        self._owner.send_graphs(graphs)

    def discard(self) -> None:
        """Forget everything staged: nothing was sent."""
        self._done = True
        self._memory = Store()
