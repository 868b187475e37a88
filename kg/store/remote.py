"""The remote backend: any SPARQL 1.1 Query/Update endpoint over the SPARQL 1.1 Protocol.

Tested against the Oxigraph server and OpenLink Virtuoso. The server must take the union of
its named graphs as the default graph of a query (Oxigraph: ``--union-default-graph``;
Virtuoso does so by default). Every request has a timeout; an unreachable or failing server
raises ``StoreUnavailableError`` or ``StoreError`` naming the URL and what happened.

A load is one update request (drop and insert of each file's graph), so a server that
refuses it changes nothing (on servers that run a request as one transaction, such as
Oxigraph; Virtuoso undoes a request it cannot compile, but keeps the operations of a
request that fail part-way). Blank nodes are skolemised to IRIs on the way. A request larger
than ``max_update_bytes`` is split into one request per graph: then, should a later request
fail, the graphs written before it stay written (each whole) and the error says which.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx
from pyoxigraph import (
    BlankNode,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
)

from kg.errors import StoreError, StoreUnavailableError
from kg.export_formats import EXPORT_FORMATS, serialize_export
from kg.store.answers import answer_over_http
from kg.store.base import (
    EVERYTHING,
    FINREG_GRAPH_MARK,
    Graphs,
    Row,
    Scope,
    Term,
    bind,
    drop_graphs_update,
    insert_data_update,
    solution_rows,
    term_text,
)
from kg.store.remote_staging import RemoteStaging
from kg.user_query import NO_DATASET, Dataset
from kg.vocab import DATA

DEFAULT_TIMEOUT = 10.0
"""Seconds a request to the server may take, connection included."""

MAX_UPDATE_BYTES = 32 * 1024 * 1024
"""Largest single update request; a bigger load is sent one graph per request."""

_MARK_PREDICATE, _MARK_CLASS = (term_text(t) for t in FINREG_GRAPH_MARK)
_GRAPHS = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g {_MARK_PREDICATE} {_MARK_CLASS} }} }}"


_PER_GRAPH = (
    "SELECT ?g (COUNT(*) AS ?n) WHERE { "
    f"GRAPH ?g {{ ?g {_MARK_PREDICATE} {_MARK_CLASS} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
)

EMPTY_GRAPH = NamedNode(f"{DATA}graph#none")
"""A graph nobody loads, for a query whose scope names no graph."""

INSERT_CHUNK = 500
"""Triples per INSERT DATA operation: Virtuoso compiles each operation whole and refuses one
of more than about a thousand triples; several small operations share one request."""

GENID = f"{DATA}genid/"
"""Where blank nodes are skolemised on the way to a SPARQL server (RDF 1.1 section 3.5)."""


def skolemized(triples: Sequence[Triple]) -> list[Triple]:
    """The triples with each blank node replaced by a stable IRI under ``GENID``.

    A blank node cannot be named across requests, and some servers (Virtuoso) refuse blank
    nodes in INSERT DATA; skolem IRIs keep every triple and every link between them.
    """

    def skolem(term: object) -> object:
        return NamedNode(GENID + term.value) if isinstance(term, BlankNode) else term

    return [
        Triple(skolem(t.subject), t.predicate, skolem(t.object))  # type: ignore[arg-type]
        for t in triples
    ]


def default_update_url(query_url: str) -> str:
    """The update endpoint that goes with a query endpoint.

    >>> default_update_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/update'
    >>> default_update_url("http://127.0.0.1:8890/sparql")
    'http://127.0.0.1:8890/sparql'
    """
    if query_url.rstrip("/").endswith("/query"):
        return query_url.rstrip("/")[: -len("query")] + "update"
    return query_url


@dataclass(frozen=True)
class Endpoint:
    """Where a SPARQL server answers, and how to authenticate."""

    query_url: str
    update_url: str | None = None
    user: str | None = None
    password: str | None = None
    digest: bool = False
    timeout: float = DEFAULT_TIMEOUT


class RemoteStore:
    """A SPARQL 1.1 server as finreg's store."""

    def __init__(self, endpoint: Endpoint, *, max_update_bytes: int = MAX_UPDATE_BYTES) -> None:
        self.endpoint = endpoint
        self.query_url = endpoint.query_url
        self.update_url = endpoint.update_url or default_update_url(endpoint.query_url)
        self.location = self.query_url
        self.max_update_bytes = max_update_bytes
        auth: httpx.Auth | None = None
        if endpoint.user is not None:
            password = endpoint.password or ""
            auth = (
                httpx.DigestAuth(endpoint.user, password)
                if endpoint.digest
                else httpx.BasicAuth(endpoint.user, password)
            )
        self._client = httpx.Client(auth=auth, timeout=endpoint.timeout)

    # Requests -----------------------------------------------------------------------

    def _post(self, url: str, content: str, content_type: str, accept: str | None) -> bytes:
        headers = {"Content-Type": f"{content_type}; charset=utf-8"}
        if accept:
            headers["Accept"] = accept
        try:
            response = self._client.post(url, content=content.encode("utf-8"), headers=headers)
        except httpx.TimeoutException as error:
            raise StoreUnavailableError(
                f"{url}: no answer within {self.endpoint.timeout:g} s ({type(error).__name__})"
            ) from error
        except httpx.HTTPError as error:
            raise StoreUnavailableError(
                f"{url}: cannot reach the SPARQL server: {error}"
            ) from error
        if response.status_code >= 400:
            detail = " ".join(response.text.split())[:300]
            raise StoreError(f"{url}: the server answered {response.status_code}: {detail}")
        return response.content

    def _query(
        self,
        query: str,
        bindings: Mapping[str, Term] | None,
        accept: str,
        scope: Scope = EVERYTHING,
    ) -> bytes:
        # Form-encoded POST: the SPARQL 1.1 Protocol's most widely supported form
        # (Virtuoso never answers a query posted as application/sparql-query).
        fields = [("query", bind(query, bindings))]
        if not scope.everything:
            graphs = [g.value for g in scope.graphs(self.named_graphs())]
            # No graph at all would mean "the server's default graph": name one that is empty.
            graphs = graphs or [EMPTY_GRAPH.value]
            fields += [("default-graph-uri", g) for g in graphs]
            fields += [("named-graph-uri", g) for g in graphs]
        form = urlencode(fields)
        return self._post(self.query_url, form, "application/x-www-form-urlencoded", accept)

    def _update(self, update: str) -> None:
        self._post(self.update_url, update, "application/sparql-update", None)

    # Reading ------------------------------------------------------------------------

    def select(
        self, query: str, bindings: Mapping[str, Term] | None = None, *, scope: Scope = EVERYTHING
    ) -> list[Row]:
        """Run a SELECT query with ``bindings``; return its rows.

        :raises StoreUnavailableError: if the server cannot be reached in time.
        :raises StoreError: if the server refuses the query.
        """
        body = self._query(query, bindings, "application/sparql-results+json", scope)
        result = self._results(body)
        if not isinstance(result, QuerySolutions):
            raise StoreError(f"{self.query_url}: expected solutions, got a boolean")
        return solution_rows(result)

    def ask(
        self, query: str, bindings: Mapping[str, Term] | None = None, *, scope: Scope = EVERYTHING
    ) -> bool:
        """Run an ASK query with ``bindings``."""
        body = self._query(query, bindings, "application/sparql-results+json", scope)
        result = self._results(body)
        if not isinstance(result, QueryBoolean):
            raise StoreError(f"{self.query_url}: expected a boolean answer")
        return bool(result)

    def construct(
        self, query: str, bindings: Mapping[str, Term] | None = None, *, scope: Scope = EVERYTHING
    ) -> list[Triple]:
        """Run a CONSTRUCT query with ``bindings``; return its triples."""
        body = self._query(query, bindings, "application/n-triples", scope)
        try:
            return [q.triple for q in parse(body, format=RdfFormat.N_TRIPLES)]
        except SyntaxError as error:
            raise StoreError(f"{self.query_url}: unreadable N-Triples answer: {error}") from error

    def _results(self, body: bytes) -> object:
        try:
            return parse_query_results(body, format=QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as error:
            raise StoreError(
                f"{self.query_url}: unreadable SPARQL JSON results: {error}"
            ) from error

    # Writing ------------------------------------------------------------------------

    def stage(self) -> RemoteStaging:
        """A load's staging area: held in memory here, sent by ``publish()``."""
        return RemoteStaging(self)

    def send_graphs(self, graphs: Graphs) -> None:
        """Replace each named graph by the given triples (stamps included), for staging: one
        update request, or one per graph when the whole would exceed ``max_update_bytes``
        (see the module docstring).

        :raises StoreError: naming the graphs already written, if a per-graph request fails.
        """
        if not graphs:
            return
        graphs = {name: skolemized(triples) for name, triples in graphs.items()}
        whole = insert_data_update(graphs, chunk=INSERT_CHUNK)
        if len(whole.encode("utf-8")) <= self.max_update_bytes or len(graphs) == 1:
            self._update(whole)
            return
        written: list[str] = []
        for name, triples in graphs.items():
            try:
                self._update(insert_data_update({name: triples}, chunk=INSERT_CHUNK))
            except StoreError as error:
                done = ", ".join(written) or "none"
                raise StoreError(f"{error} (graphs already replaced: {done})") from error
            written.append(name.value)

    def drop_graphs(self, names: Iterable[NamedNode]) -> None:
        """Remove the named graphs in one update request."""
        update = drop_graphs_update(names)
        if update:
            self._update(update)

    # The whole store ----------------------------------------------------------------

    def named_graphs(self) -> list[NamedNode]:
        """The graphs finreg loaded (marked ``a void:Dataset``), sorted."""
        rows = self.select(_GRAPHS)
        return sorted(
            (g for row in rows if isinstance(g := row.get("g"), NamedNode)), key=lambda n: n.value
        )

    def legacy_graphs(self) -> list[NamedNode]:
        """finreg's graphs named by machine paths (``file:`` IRIs), from before graph keys."""
        return [g for g in self.named_graphs() if g.value.startswith("file:")]

    def legacy_triples(self, graph: NamedNode) -> list[Triple]:
        """The triples of a legacy graph (for migration)."""
        rows = self.select(
            "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", scope=Scope(only=frozenset([graph]))
        )
        return [Triple(r["s"], r["p"], r["o"]) for r in rows]  # type: ignore[arg-type]

    def drop_legacy(self, graphs: Iterable[NamedNode]) -> None:
        """Remove legacy graphs once migrated."""
        self.drop_graphs(graphs)

    def _quads(self) -> list[Quad]:
        graphs = self.named_graphs()
        if not graphs:
            return []
        listed = " ".join(term_text(g) for g in graphs)
        rows = self.select(
            f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {listed} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        )
        return [
            Quad(row["s"], row["p"], row["o"], row["g"])  # type: ignore[arg-type]
            for row in rows
        ]

    def graph_sizes(self) -> dict[NamedNode, int]:
        """How many triples each graph finreg loaded holds (its stamp included)."""
        rows = self.select(_PER_GRAPH)
        return {g: int(row["n"].value) for row in rows if isinstance(g := row.get("g"), NamedNode)}

    def count_triples(self) -> int:
        """How many triples finreg's graphs hold."""
        graphs = self.named_graphs()
        if not graphs:
            return 0
        listed = " ".join(term_text(g) for g in graphs)
        rows = self.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {listed} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        )
        return int(rows[0]["n"].value) if rows and "n" in rows[0] else 0

    def export(self, fmt: str) -> bytes:
        """Serialise finreg's graphs in ``fmt`` (a key of EXPORT_FORMATS), sorted."""
        if fmt not in EXPORT_FORMATS:
            raise StoreError(
                f'unknown export format "{fmt}": use one of {", ".join(EXPORT_FORMATS)}'
            )
        return serialize_export(sorted(self._quads(), key=str), fmt)

    def answer(
        self, query: str, media_type: str, *, timeout: float, dataset: Dataset = NO_DATASET
    ) -> tuple[bytes, str]:
        """Forward a user's SPARQL query document to the server's query endpoint (never the
        update endpoint), checked first (see GraphStore.answer). The time limit is the
        shorter of ``timeout`` and the store's own.

        :raises StoreUnavailableError: if the server cannot be reached.
        """
        limit = min(timeout, self.endpoint.timeout)
        return answer_over_http(
            self._client, self.query_url, query, media_type, timeout=limit, dataset=dataset
        )

    def close(self) -> None:
        """Close the HTTP connections."""
        self._client.close()
