"""The remote backend: any SPARQL 1.1 Query/Update endpoint over the SPARQL 1.1 Protocol.

Tested against the Oxigraph server (with and without ``--union-default-graph``) and OpenLink
Virtuoso. No server setting is assumed: the data lives in version graphs that a registry
graph on the server publishes (kg.store.registry, kg.store.remote_registry), and every query
names its dataset itself, the registry and the published versions, as ``default-graph-uri``
and ``named-graph-uri`` protocol parameters (which the SPARQL 1.1 Protocol puts before any
FROM clause; Virtuoso adds FROM graphs to them, which name no graph here). So each query
costs two requests: the registry, then the query.

A load (kg.store.remote_staging) is held in memory until it publishes, then:

1. takes a lease on new version graphs (a record in the staging graph);
2. uploads each version by as many ``INSERT DATA`` requests as needed, each at most
   ``upload_triples`` triples and ``max_update_bytes`` bytes, its timeout grown with its
   size, renewing the lease as it goes;
3. publishes with ONE small update operation that swaps registry entries, guarded by the
   state token its checks read and by its leases: should another load have published in
   between, nothing changes, the load checks its files again against the new state and
   tries again;
4. drops the versions it replaced, after a grace (``retire_grace``) that lets readers
   which read the registry just before the publish finish their query.

A failed or cut publishing request is followed by a look at the server: the load then says
whether it was applied (the answer was lost) or not, and never claims either unchecked. On
servers that run one update request atomically (Oxigraph), readers see the graphs before or
after a load, never a mix. Blank nodes are skolemised to IRIs on the way. Every request has
a timeout; an unreachable or failing server raises ``StoreUnavailableError`` or
``StoreError`` naming the URL and what happened.

No answer is ever used in part: every request goes through kg.store.transfer, which refuses
an answer cut short, unframed or not HTTP (``IncompleteAnswerError``), and an answer as long
as the server's row cap (``Endpoint.max_rows``: Virtuoso stops every answer at its
``ResultSetMaxRows``, silently) is refused as well (``RowCapError``), exports included.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice
from urllib.parse import urlencode

import httpx
from pyoxigraph import (
    NamedNode,
    Quad,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from kg import failpoints
from kg.errors import (
    IncompleteAnswerError,
    RowCapError,
    StoreError,
    StoreUnavailableError,
    WriteError,
)
from kg.export_formats import EXPORT_FORMATS, serialize_export
from kg.graphs import GRAPH_NAMESPACE, key_of
from kg.reports import StagedVersion
from kg.store import remote_registry as server
from kg.store.answers import answer_over_http, result_count
from kg.store.base import (
    EVERYTHING,
    FINREG_GRAPH_MARK,
    GraphVersions,
    Row,
    Scope,
    Term,
    bind,
    solution_rows,
    term_text,
)
from kg.store.registry import (
    REGISTRY,
    STAMP_TRIPLES,
    Entry,
    View,
    graph_names_for_versions,
)
from kg.store.remote_staging import RemoteStaging
from kg.store.transfer import exchange
from kg.user_query import NO_DATASET, Dataset, dataset_clauses, graph_names, read_query
from kg.vocab import DATA

logger = logging.getLogger("kg")

DEFAULT_TIMEOUT = 10.0
"""Seconds a request to the server may take, connection included (an upload request gets
more, in proportion to its size: ``SECONDS_PER_TRIPLE``)."""

MAX_UPDATE_BYTES = 4 * 1024 * 1024
"""Largest update request, in bytes."""

UPLOAD_TRIPLES = 2_000
"""Triples per upload request: the Oxigraph server writes small requests fastest (about
20 µs a triple at 2,000, 36 µs at 30,000), and Virtuoso 7.2 refuses a request of ten
500-triple operations (SQ199) after minutes."""

SECONDS_PER_TRIPLE = 0.005
"""Time an upload request is allowed per triple, beyond ``DEFAULT_TIMEOUT`` (Virtuoso
writes about 3 ms a triple; the Oxigraph server 0.02 ms)."""

RETIRE_GRACE = 1.0
"""Seconds a load waits after publishing before it drops the versions it replaced, so that
a reader who read the registry just before the publish still finds them."""

PUBLISH_ATTEMPTS = 5
"""Times a load tries to publish while other loads keep publishing first."""

INSERT_CHUNK = 500
"""Triples per INSERT DATA operation: Virtuoso compiles each operation whole and refuses one
of more than about a thousand triples; several small operations share one request."""

GENID = f"{DATA}genid/"
"""Where blank nodes are skolemised on the way to a SPARQL server (RDF 1.1 section 3.5)."""

EMPTY_GRAPH = NamedNode(f"{DATA}graph#none")
"""A graph nobody loads, for a query whose scope names no graph."""

_BLANK_SUBJECT = re.compile(rb"^_:([A-Za-z0-9_\-.]+)", re.MULTILINE)
_BLANK_OBJECT = re.compile(rb"^(\S+ <[^>]*> )_:([A-Za-z0-9_\-.]+)( \.)$", re.MULTILINE)
_GENID = GENID.encode()
_MARK_PREDICATE, _MARK_CLASS = (term_text(t) for t in FINREG_GRAPH_MARK)


VIRTUOSO_MAX_ROWS = 10_000
"""Virtuoso's default ``ResultSetMaxRows``: it stops every answer there, silently."""


def max_rows_of(software: str) -> int:
    """The row cap of the SPARQL server software named by a ``Server`` header (0: none
    known).

    >>> max_rows_of("Virtuoso/07.20.3238 (Linux) x86_64-pc-linux-gnu")
    10000
    >>> max_rows_of("Oxigraph/0.5.13")
    0
    """
    return VIRTUOSO_MAX_ROWS if software.lower().startswith("virtuoso") else 0


def skolemized_ntriples(text: bytes) -> bytes:
    """N-Triples (as pyoxigraph writes them: one triple a line, one space between terms)
    with each blank node written as an IRI under ``GENID``.

    A blank node cannot be named across requests, and some servers (Virtuoso) refuse blank
    nodes in INSERT DATA; skolem IRIs keep every triple and every link between them. Only a
    line's subject and object can be blank nodes, so literals are never touched.

    >>> print(skolemized_ntriples(b'_:a1 <urn:p> _:b2 .\\n<urn:s> <urn:p> "_:x" .\\n').decode())
    <https://w3id.org/finreg/id/genid/a1> <urn:p> <https://w3id.org/finreg/id/genid/b2> .
    <urn:s> <urn:p> "_:x" .
    <BLANKLINE>
    """
    text = _BLANK_OBJECT.sub(lambda m: m[1] + b"<" + _GENID + m[2] + b">" + m[3], text)
    return _BLANK_SUBJECT.sub(lambda m: b"<" + _GENID + m[1] + b">", text)


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
    max_rows: int | None = None
    """The server's row cap: an answer this long may have been cut (0: none; None: the cap
    of the software that answers, ``max_rows_of``)."""


@dataclass
class Lease:
    """A load's lease on its version graphs (version -> graph), and when it ends."""

    versions: dict[NamedNode, NamedNode]
    until: datetime


class RemoteStore:
    """A SPARQL 1.1 server as finreg's store."""

    def __init__(
        self,
        endpoint: Endpoint,
        *,
        max_update_bytes: int = MAX_UPDATE_BYTES,
        upload_triples: int = UPLOAD_TRIPLES,
        retire_grace: float = RETIRE_GRACE,
    ) -> None:
        self.endpoint = endpoint
        self.query_url = endpoint.query_url
        self.update_url = endpoint.update_url or default_update_url(endpoint.query_url)
        self.location = self.query_url
        self.max_update_bytes = max_update_bytes
        self.upload_triples = upload_triples
        self.retire_grace = retire_grace
        self.requests = 0
        """Requests sent so far (tests count round trips)."""
        self.max_rows = endpoint.max_rows
        """The server's row cap (0: none; None until the first answer says who serves)."""
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

    def _post(
        self,
        url: str,
        content: bytes,
        content_type: str,
        accept: str | None,
        timeout: float | None = None,
    ) -> bytes:
        headers = {"Content-Type": f"{content_type}; charset=utf-8"}
        if accept:
            headers["Accept"] = accept
        self.requests += 1
        answer = exchange(
            self._client, url, content, headers, timeout=timeout or self.endpoint.timeout
        )
        self._met(answer.server)
        if answer.status >= 500:
            raise StoreUnavailableError(
                f"{url}: the server answered {answer.status}: {answer.text}"
            )
        if answer.status >= 400:
            raise StoreError(f"{url}: the server answered {answer.status}: {answer.text}")
        return answer.body

    def _met(self, software: str) -> None:
        """Take the server's row cap from the software that answered, unless configured."""
        if self.max_rows is None and software:
            self.max_rows = max_rows_of(software)

    def capped(self, count: int) -> None:
        """Refuse an answer of ``count`` rows or triples that reaches the server's row cap.

        :raises RowCapError: if ``count`` is at least the cap (a capped answer is cut
            silently at exactly the cap, so an answer as long as the cap may be cut).
        """
        if self.max_rows and count >= self.max_rows:
            raise RowCapError(self.query_url, count, self.max_rows)

    def _ask_server(
        self, query: str, accept: str, graphs: Iterable[NamedNode] | None = None
    ) -> bytes:
        # Form-encoded POST: the SPARQL 1.1 Protocol's most widely supported form
        # (Virtuoso never answers a query posted as application/sparql-query).
        fields = [("query", query)]
        if graphs is not None:
            named = [g.value for g in graphs] or [EMPTY_GRAPH.value]
            fields += [("default-graph-uri", g) for g in named]
            fields += [("named-graph-uri", g) for g in named]
        form = urlencode(fields).encode("ascii")
        return self._post(self.query_url, form, "application/x-www-form-urlencoded", accept)

    def _rows(self, query: str, graphs: Iterable[NamedNode] | None = None) -> list[Row]:
        return self._solutions(self._ask_server(query, "application/sparql-results+json", graphs))

    def _solutions(self, body: bytes) -> list[Row]:
        rows = self._results(body)
        if isinstance(rows, bool):
            raise IncompleteAnswerError(self.query_url, "expected solutions, got a boolean")
        self.capped(len(rows))
        return rows

    def _update(self, update: str, timeout: float | None = None) -> None:
        self._post(
            self.update_url, update.encode("utf-8"), "application/sparql-update", None, timeout
        )

    # What readers see ---------------------------------------------------------------

    def entries(self) -> dict[NamedNode, Entry]:
        """The published entries, read from the server's registry now."""
        return server.parse_view(self._rows(server.VIEW_QUERY))

    def state(self) -> server.ServerState:
        """The registry and the staging records, read now."""
        return server.parse_state(self._rows(server.STATE_QUERY))

    def _dataset(self, scope: Scope) -> list[NamedNode]:
        view = View(self.entries(), clean=False)
        if scope.everything:
            return view.graphs
        return view.versions(scope.graphs(view.entries))

    def _query(
        self, query: str, bindings: Mapping[str, Term] | None, accept: str, scope: Scope
    ) -> bytes:
        return self._ask_server(bind(query, bindings), accept, self._dataset(scope))

    def select(
        self, query: str, bindings: Mapping[str, Term] | None = None, *, scope: Scope = EVERYTHING
    ) -> list[Row]:
        """Run a SELECT query with ``bindings`` over the published graphs; return its rows.

        :raises StoreUnavailableError: if the server cannot be reached in time.
        :raises StoreError: if the server refuses the query.
        """
        return self._solutions(
            self._query(query, bindings, "application/sparql-results+json", scope)
        )

    def ask(
        self, query: str, bindings: Mapping[str, Term] | None = None, *, scope: Scope = EVERYTHING
    ) -> bool:
        """Run an ASK query with ``bindings``."""
        result = self._results(
            self._query(query, bindings, "application/sparql-results+json", scope)
        )
        if not isinstance(result, bool):
            raise IncompleteAnswerError(self.query_url, "expected a boolean answer")
        return result

    def construct(
        self, query: str, bindings: Mapping[str, Term] | None = None, *, scope: Scope = EVERYTHING
    ) -> list[Triple]:
        """Run a CONSTRUCT query with ``bindings``; return its triples."""
        body = self._query(query, bindings, "application/n-triples", scope)
        triples, problem = _read_triples(body)
        if problem is not None:
            raise IncompleteAnswerError(self.query_url, f"unreadable N-Triples: {problem}")
        self.capped(len(triples))
        return triples

    def _results(self, body: bytes) -> list[Row] | bool:
        """The rows or the boolean of a SPARQL JSON answer.

        pyoxigraph's answers may only be dropped by the thread that made them, so none
        leaves this method, not even in a traceback: the error is raised once it is gone.
        """
        result: object = None
        found: list[Row] | bool = False
        problem = None
        try:
            result = parse_query_results(body, format=QueryResultsFormat.JSON)
            found = solution_rows(result) if isinstance(result, QuerySolutions) else bool(result)
        except (SyntaxError, ValueError) as error:
            problem = f"unreadable SPARQL JSON results: {error}"
        finally:
            del result
        if problem is not None:
            raise IncompleteAnswerError(self.query_url, problem)
        return found

    # Writing ------------------------------------------------------------------------

    def stage(self) -> RemoteStaging:
        """A load's staging area. It reads the server's state now (the state the load's
        checks see and its publish is guarded by), after removing what earlier loads left
        whose lease has expired.

        :raises StoreError: if the server cannot be read or the leftovers not removed.
        """
        state = self.state()
        if self._collect(state, found=()):
            state = self.state()
        return RemoteStaging(self, state)

    def drop_graphs(self, names: Iterable[NamedNode]) -> None:
        """Unpublish the named graphs in one guarded update, then drop their versions."""
        with self.stage() as staging:
            for name in names:
                staging.remove(name)
            staging.publish()

    def upload(self, versions: Mapping[NamedNode, NamedNode], memory: Store) -> Lease:
        """Take a lease on ``versions`` (version -> graph), then write each graph's triples
        from ``memory`` into its version, in requests of at most ``upload_triples`` triples
        and ``max_update_bytes`` bytes, renewing the lease as needed.

        :raises StoreError: if a request fails; nothing is published then.
        """
        lease = Lease(dict(versions), server.lease_end())
        if not lease.versions:  # an unload: nothing to write
            return lease
        self._update(server.lease_update(lease.versions, lease.until, server.holder()))
        for version, graph in lease.versions.items():
            for request, triples in self._upload_requests(memory, graph, version):
                self.keep(lease)
                self._update(request, timeout=self.endpoint.timeout + triples * SECONDS_PER_TRIPLE)
        return lease

    def _upload_requests(
        self, memory: Store, graph: NamedNode, version: NamedNode
    ) -> Iterator[tuple[str, int]]:
        head = f"INSERT DATA {{ GRAPH {version} {{\n".encode()
        quads = iter(memory.quads_for_pattern(None, None, None, graph))
        operations: list[bytes] = []
        size = triples = 0
        per_operation = max(1, min(INSERT_CHUNK, self.upload_triples))
        while True:
            chunk = [q.triple for q in islice(quads, per_operation)]
            if chunk:
                text = skolemized_ntriples(serialize(chunk, format=RdfFormat.N_TRIPLES) or b"")
                operation = head + text + b"} }"
                if operations and (
                    size + len(operation) > self.max_update_bytes
                    or triples + len(chunk) > self.upload_triples
                ):
                    yield b" ;\n".join(operations).decode("utf-8"), triples
                    operations, size, triples = [], 0, 0
                operations.append(operation)
                size += len(operation) + 3
                triples += len(chunk)
            if len(chunk) < per_operation:
                break
        if operations:
            yield b" ;\n".join(operations).decode("utf-8"), triples

    def keep(self, lease: Lease) -> None:
        """Renew ``lease`` if less than half of it is left.

        :raises WriteError: if a collector took the versions (the lease had expired).
        """
        if server.lease_left(lease.until) >= server.renew_below():
            return
        until = server.lease_end()
        self._update(server.renew_update(lease.versions, until))
        records = self.state().records
        lost = [
            v for v in lease.versions if (r := records.get(v)) is None or r.lease_until != until
        ]
        if lost:
            raise WriteError(
                f"{self.update_url}: this load's lease on its staged versions expired and "
                "'finreg staging --clean' (or another load) removed them; nothing was "
                "replaced: load again",
                written=False,
            )
        lease.until = until

    def publish(
        self,
        state: server.ServerState,
        added: Mapping[NamedNode, Entry],
        removed: Iterable[NamedNode],
        lease: Lease | None,
        recheck: object = None,
    ) -> list[str]:
        """Publish ``added`` entries and unpublish ``removed`` graphs with one guarded update
        (see the module docstring); then drop the versions replaced. ``state`` is what the
        load's checks read; should another load have published since, ``recheck`` (a
        callable, or None) checks again against the new state before the next attempt.

        Returns notes for the user (an answer that was lost, versions left to collect).

        :raises WriteError: if publishing failed, saying whether the server changed (checked
            on the server: ``written`` False), or that it could not be asked (None).
        :raises InputError: from ``recheck``, if the files are no longer valid.
        """
        removed = list(removed)
        ours = list(lease.versions) if lease else []
        notes: list[str] = []
        for _attempt in range(PUBLISH_ATTEMPTS):
            if lease is not None:
                self.keep(lease)
            token = server.new_token()
            update = server.publish_update(state, token, added, removed, ours)
            failpoints.during("publishing")
            try:
                self._update(update)
            except StoreError as error:
                if not self._applied(state, token, ours, error):
                    raise WriteError(
                        f"publishing failed: {error}; checked on the server: nothing was "
                        "replaced, the graphs are as before",
                        written=False,
                    ) from error
                notes.append(
                    f"the server applied the publishing request but its answer was lost "
                    f"({error}); checked on the server: published"
                )
                break
            after = self._state_after(token)
            if token in after.publications:
                break
            gone = [v for v in ours if (r := after.records.get(v)) is None or r.lease is None]
            if gone:
                raise WriteError(
                    f"{self.update_url}: this load's lease on its staged versions expired and "
                    "they were removed before it could publish; nothing was replaced: load again",
                    written=False,
                )
            # Another load or unload published since this one's checks: check again.
            if callable(recheck):
                recheck()
            state = after
        else:
            raise WriteError(
                f"{self.update_url}: other loads kept publishing first ({PUBLISH_ATTEMPTS} "
                "attempts); nothing was replaced: load again",
                written=False,
            )
        failpoints.reached("published")
        published = time.monotonic()
        graphs = {*added, *removed}
        replaced = [e.version for g, e in state.entries.items() if g in graphs]
        if replaced:
            time.sleep(max(0.0, self.retire_grace - (time.monotonic() - published)))
            try:
                self._update(server.drop_update(replaced))
            except StoreError as error:
                logger.warning("old versions not removed yet: %s", error)
                notes.append(
                    f"{len(replaced)} replaced version(s) not removed yet ({error}); "
                    "'finreg staging --clean' removes them"
                )
        return notes

    def _applied(
        self, state: server.ServerState, token: str, ours: list[NamedNode], error: StoreError
    ) -> bool:
        """Whether the publishing request with ``token`` was applied, asked of the server
        after the request itself failed (cut, timed out, refused).

        The request may still be under way on the server (a client timeout does not stop
        it), so first an update with the same guard takes the token and this load's leases
        away from it: whichever of the two the server runs first, the other changes nothing
        (both write the same records, so a server that runs each update as a transaction
        orders them). Then the publication record says which one ran.

        :raises WriteError: (``written`` None) if the server cannot be asked.
        """
        try:
            self._update(server.publish_update(state, server.new_token(), {}, [], ours))
            return token in self.state().publications
        except StoreError as again:
            raise WriteError(
                f"publishing failed: {error}; and the server could not be asked whether it "
                f"applied the load ({again}): it holds the graphs as before or the whole load, "
                "never a mix; 'finreg stats' or 'finreg staging' tells which once it answers",
                written=None,
            ) from error

    def _state_after(self, token: str) -> server.ServerState:
        try:
            return self.state()
        except StoreError as error:
            raise WriteError(
                f"the server answered the publishing request, but could not be asked "
                f"whether it applied it ({error}): it holds the graphs as before or the whole "
                "load, never a mix; 'finreg stats' or 'finreg staging' tells which",
                written=None,
            ) from error

    def lease_of(self, versions: Mapping[NamedNode, NamedNode]) -> Lease:
        """A lease on ``versions`` as a failed upload may have left it on the server (for
        ``discard`` to remove what was written)."""
        return Lease(dict(versions), server.now())

    def discard(self, lease: Lease | None) -> None:
        """Remove the versions a failed load wrote (if the server answers; else their lease
        expires and a later load or 'finreg staging --clean' removes them)."""
        if lease is None or not lease.versions:
            return
        try:
            self._update(server.drop_update(lease.versions))
        except StoreError as error:
            logger.warning("versions of a failed load left for later collection: %s", error)

    # Leftovers ----------------------------------------------------------------------

    def _collect(self, state: server.ServerState, found: Iterable[NamedNode]) -> list[NamedNode]:
        """Remove the versions no load holds: expired leases (claimed first, so a lease
        renewed meanwhile stays), versions replaced longer ago than the grace, claims a
        collector left, old publication records, and the unrecorded version graphs
        ``found``. Returns the versions removed."""
        moment = server.now()
        published = state.published
        grace = timedelta(seconds=self.retire_grace)
        claims = {
            v: r.lease
            for v, r in state.records.items()
            if r.lease is not None and server.expired(r, moment) and v not in published
        }
        drop = [
            v
            for v, r in state.records.items()
            if v not in published
            and r.lease is None
            and (
                r.collecting is not None
                or (r.retired is not None and r.retired + grace < moment)
                or server.expired(r, moment)
            )
        ]
        drop += [v for v in found if v not in published and v not in state.records]
        if claims:
            self._update(server.claim_update(claims))
            records = self.state().records
            drop += [v for v in claims if (r := records.get(v)) is not None and r.lease is None]
        old = [
            t
            for t, at in state.publications.items()
            if t != state.token and (at is None or at + server.PUBLICATIONS_KEPT < moment)
        ]
        if old:
            self._update(server.forget_update(old))
        if drop:
            self._update(server.drop_update(drop))
        return drop

    def staged_versions(self) -> list[StagedVersion]:
        """Every version graph the server holds that no registry entry publishes: loads
        under way, loads that failed or stopped, versions replaced and not dropped yet."""
        state = self.state()
        found = self._unrecorded(state)
        return self._describe(state, found)

    def clean_staging(self) -> list[StagedVersion]:
        """Remove the versions whose lease has expired (and replaced ones past the grace,
        unrecorded ones); return what was removed."""
        state = self.state()
        found = self._unrecorded(state)
        listed = {s.version: s for s in self._describe(state, found)}
        removed = self._collect(state, found)
        return [listed[v.value] for v in removed if v.value in listed]

    def _unrecorded(self, state: server.ServerState) -> list[NamedNode]:
        found = [
            g
            for r in self._rows(server.GRAPHS_QUERY)
            if isinstance(g := r.get("g"), NamedNode)
            and server.is_version(g)
            and g not in state.records
            and g not in state.published
        ]
        return sorted(found, key=lambda g: g.value)

    def _describe(
        self, state: server.ServerState, found: Iterable[NamedNode]
    ) -> list[StagedVersion]:
        moment = server.now()
        grace = timedelta(seconds=self.retire_grace)
        records = {v: r for v, r in state.records.items() if v not in state.published}
        sizes = self._version_sizes([*records, *found])
        out: list[StagedVersion] = []
        for version, record in sorted(records.items(), key=lambda item: item[0].value):
            graph = key_of(record.graph) if record.graph is not None else None
            until = record.lease_until
            if until is not None:
                live = until >= moment
                out.append(
                    StagedVersion(
                        version.value,
                        graph,
                        "loading" if live else "expired",
                        removable=not live,
                        triples=sizes.get(version, 0),
                        holder=record.holder,
                        since=_iso(record.started),
                        until=_iso(until),
                    )
                )
            elif record.retired is not None:
                out.append(
                    StagedVersion(
                        version.value,
                        graph,
                        "replaced",
                        removable=record.retired + grace < moment,
                        triples=sizes.get(version, 0),
                        since=_iso(record.retired),
                        until=_iso(record.retired + grace),
                    )
                )
            else:
                out.append(
                    StagedVersion(
                        version.value,
                        graph,
                        "removing" if record.collecting is not None else "expired",
                        removable=True,
                        triples=sizes.get(version, 0),
                        since=_iso(record.collecting),
                    )
                )
        out.extend(
            StagedVersion(v.value, None, "unrecorded", removable=True, triples=sizes.get(v, 0))
            for v in found
        )
        return out

    def _version_sizes(self, versions: Iterable[NamedNode]) -> dict[NamedNode, int]:
        listed = " ".join(str(v) for v in versions)
        if not listed:
            return {}
        rows = self._rows(
            f"SELECT ?v (COUNT(*) AS ?n) WHERE {{ VALUES ?v {{ {listed} }} "
            "GRAPH ?v { ?s ?p ?o } } GROUP BY ?v"
        )
        return {v: int(r["n"].value) for r in rows if isinstance(v := r.get("v"), NamedNode)}

    def reset(self) -> None:
        """Remove everything finreg keeps on the server (published, staged and replaced
        versions, the registry, the staging records), at once and without a grace: for
        tests and for starting over. Graphs that are not finreg's are left alone."""
        state = self.state()
        versions = {*state.published, *state.records, *self._unrecorded(state)}
        legacy = self._marked_graphs()
        update = server.drop_update(versions)
        drops = [f"DROP SILENT GRAPH {g}" for g in [*legacy, REGISTRY, server.STAGING]]
        self._update(" ;\n".join([u for u in (update, *drops) if u]))

    # The whole store ----------------------------------------------------------------

    def named_graphs(self) -> list[NamedNode]:
        """The published graphs, sorted."""
        return sorted(self.entries(), key=lambda g: g.value)

    def _marked_graphs(self) -> list[NamedNode]:
        """Graphs that mark themselves as finreg's the way loads did before version graphs
        (``<g> a void:Dataset`` inside ``g``)."""
        rows = self._rows(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g {_MARK_PREDICATE} {_MARK_CLASS} }} }}"
        )
        return sorted(
            (g for r in rows if isinstance(g := r.get("g"), NamedNode) and g != REGISTRY),
            key=lambda g: g.value,
        )

    def legacy_graphs(self) -> list[NamedNode]:
        """Graphs loaded before graph keys (named by ``file:`` IRIs) or before version
        graphs (named by their key, outside the registry), on a server with no registry
        yet: ``finreg migrate`` publishes them as versions."""
        if self.entries():
            return []
        return [
            g
            for g in self._marked_graphs()
            if g.value.startswith("file:") or g.value.startswith(GRAPH_NAMESPACE)
        ]

    def legacy_triples(self, graph: NamedNode) -> list[Triple]:
        """The triples of a legacy graph (for migration)."""
        rows = self._rows(f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        return [Triple(r["s"], r["p"], r["o"]) for r in rows]  # type: ignore[arg-type]

    def drop_legacy(self, graphs: Iterable[NamedNode]) -> None:
        """Remove legacy graphs once migrated (never a published version)."""
        published = {e.version for e in self.entries().values()}
        update = " ;\n".join(f"DROP SILENT GRAPH {g}" for g in graphs if g not in published)
        if update:
            self._update(update)

    def graph_sizes(self) -> dict[NamedNode, int]:
        """How many triples each published graph holds: its file's, the derived ones and the
        two of its stamp, as an export writes them."""
        entries = self.entries()
        sizes = self._version_sizes(e.version for e in entries.values())
        return {g: sizes.get(e.version, 0) + STAMP_TRIPLES for g, e in entries.items()}

    def graph_versions(self) -> GraphVersions:
        """Each published graph with its load stamp, read from the server's registry now
        (one request)."""
        return server.parse_versions(self._rows(server.VERSIONS_QUERY))

    def count_triples(self) -> int:
        """How many triples the published graphs hold in all."""
        return sum(self.graph_sizes().values())

    def _quads(self) -> list[Quad]:
        entries = self.entries()
        if not entries:
            return []
        graph_of = {e.version: g for g, e in entries.items()}
        listed = " ".join(str(v) for v in graph_of)
        rows = self._rows(
            f"SELECT ?v ?s ?p ?o WHERE {{ VALUES ?v {{ {listed} }} GRAPH ?v {{ ?s ?p ?o }} }}"
        )
        quads = [q for g, e in entries.items() for q in e.stamp_quads(g)]
        quads += [
            Quad(row["s"], row["p"], row["o"], graph_of[row["v"]])  # type: ignore[arg-type,index]
            for row in rows
        ]
        return quads

    def export(self, fmt: str) -> bytes:
        """Serialise the published graphs in ``fmt`` (a key of EXPORT_FORMATS), each under
        its graph IRI with its stamp, sorted."""
        if fmt not in EXPORT_FORMATS:
            raise StoreError(
                f'unknown export format "{fmt}": use one of {", ".join(EXPORT_FORMATS)}'
            )
        return serialize_export(sorted(self._quads(), key=str), fmt)

    def answer(
        self, query: str, media_type: str, *, timeout: float, dataset: Dataset = NO_DATASET
    ) -> tuple[bytes, str]:
        """Forward a user's SPARQL query document to the server's query endpoint (never the
        update endpoint), checked first (see GraphStore.answer). Graph IRIs the request or
        the query's FROM clauses name are sent as their published versions, the published
        graphs otherwise; a version the answer names is written as its graph's IRI. The time
        limit is the shorter of ``timeout`` and the store's own.

        :raises StoreUnavailableError: if the server cannot be reached or answers in part.
        :raises RowCapError: if the answer is as long as the server's row cap.
        """
        limit = min(timeout, self.endpoint.timeout)
        if not dataset and read_query(query).names_dataset:
            clauses = dataset_clauses(query)
            dataset = Dataset(*clauses) if clauses is not None else dataset
        view = View(self.entries(), clean=False)
        if dataset:
            default = graph_names(dataset.default_graphs, "default-graph-uri")
            named = graph_names(dataset.named_graphs, "named-graph-uri")
            physical = Dataset(
                tuple(view.physical(g).value for g in default) or (EMPTY_GRAPH.value,),
                tuple(view.physical(g).value for g in named) or (EMPTY_GRAPH.value,),
            )
        else:
            everything = tuple(g.value for g in view.graphs)
            physical = Dataset(everything, everything)
        body, content_type = answer_over_http(
            self._client, self.query_url, query, media_type, timeout=limit, dataset=physical
        )
        if self.max_rows:
            count = result_count(body, content_type.split(";")[0].strip())
            if count is not None:
                self.capped(count)
        return graph_names_for_versions(body, view), content_type

    def close(self) -> None:
        """Close the HTTP connections."""
        self._client.close()


def _read_triples(body: bytes) -> tuple[list[Triple], str | None]:
    """The triples of an N-Triples answer, or what is wrong with it (returned, not raised,
    so that no traceback carries pyoxigraph's parser to another thread)."""
    try:
        return [q.triple for q in parse(body, format=RdfFormat.N_TRIPLES)], None
    except SyntaxError as error:
        return [], str(error)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment is not None else None
