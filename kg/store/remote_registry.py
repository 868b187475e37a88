"""What a SPARQL server store keeps beside the data: the registry of published versions (the
same graph as the embedded store's, kg.store.registry) and the records of loads under way.

Readers' datasets name the registry and the published versions only. The *staging graph*
(``STAGING``), which no reader's dataset names, holds::

    <…/graph#staging> st:state "5f0c…" .          # changes with every publish: the guard
    <…/publication/5f0c…> st:at "2026-…" .         # one per publish, so a writer whose answer
                                                   # was lost can tell whether it was applied
    <…/version/…> st:graph <…/graph/seeds/x.ttl> ;
        st:lease "2026-…" ; st:holder "host pid 42" ; st:started "2026-…" .
                                                   # a version a load is writing: its lease
    <…/version/…> st:graph <…> ; st:retired "2026-…" .   # replaced; dropped after a grace
    <…/version/…> st:collecting "2026-…" .         # claimed by a collector: being dropped

(``st:`` is ``https://w3id.org/finreg/id/store#``.) A load writes its lease before any data,
so every version graph with data has a record here or a registry entry. Publishing is ONE
update operation guarded by the state token the load's checks read and by the load's leases:
if another load published in between, or a collector took the versions, it changes nothing.

Times are UTC ISO 8601 strings written as plain literals and compared by the client (some
servers rewrite typed dateTimes, which would break the exact matches the guards need), so
the clocks of the machines that load should agree within a minute; leases last
``LEASE_SECONDS``.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from pyoxigraph import Literal, NamedNode

from kg.store.base import GraphVersions, Row
from kg.store.registry import REGISTRY, VERSION_NAMESPACE, Entry, entries_from
from kg.vocab import DATA

STAGING = NamedNode(f"{DATA}graph#staging")
"""The graph of staging records; no reader's dataset names it."""

_ST = f"{DATA}store#"
STATE = NamedNode(_ST + "state")
AT = NamedNode(_ST + "at")
GRAPH = NamedNode(_ST + "graph")
LEASE = NamedNode(_ST + "lease")
HOLDER = NamedNode(_ST + "holder")
STARTED = NamedNode(_ST + "started")
RETIRED = NamedNode(_ST + "retired")
COLLECTING = NamedNode(_ST + "collecting")
PUBLICATION_NAMESPACE = f"{DATA}publication/"

LEASE_SECONDS = 600.0
"""How long a load's lease on its versions lasts; a load renews it while it writes."""

PUBLICATIONS_KEPT = timedelta(days=1)
"""How long a publication's record is kept (for a writer that lost its answer to ask)."""

STATE_QUERY = (
    f"SELECT ?in ?s ?p ?o WHERE {{ VALUES ?in {{ {REGISTRY} {STAGING} }} "
    "GRAPH ?in { ?s ?p ?o } }"
)
"""The registry and the staging records, read together (one snapshot on servers that run a
query as one)."""

VIEW_QUERY = f"SELECT ?s ?p ?o WHERE {{ GRAPH {REGISTRY} {{ ?s ?p ?o }} }}"
"""The registry alone: what a reader needs before each query."""

VERSIONS_QUERY = f"""PREFIX void: <http://rdfs.org/ns/void#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?g ?modified WHERE {{
  GRAPH {REGISTRY} {{ ?g a void:Dataset . OPTIONAL {{ ?g dcterms:modified ?modified }} }}
}}"""
"""Each published graph with its load stamp, from the registry alone (one request, no
dataset to read first)."""

GRAPHS_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
"""Every named graph of the server (Oxigraph answers from its graph index; Virtuoso answers
nothing, so there only recorded versions are found)."""


def now() -> datetime:
    """The current time, UTC."""
    return datetime.now(UTC)


def stamp(moment: datetime) -> Literal:
    """A time as the plain literal the records hold."""
    return Literal(moment.astimezone(UTC).isoformat())


def parse_time(value: object) -> datetime | None:
    """A record's time, or None when it is not one."""
    if not isinstance(value, Literal):
        return None
    try:
        moment = datetime.fromisoformat(value.value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def new_token() -> str:
    """A fresh state token."""
    return uuid.uuid4().hex


def holder() -> str:
    """Who holds a lease, for messages: the host and process."""
    return f"{socket.gethostname()} pid {os.getpid()}"


@dataclass
class Record:
    """What the staging graph says of one version graph."""

    version: NamedNode
    graph: NamedNode | None = None
    lease: Literal | None = None
    holder: str | None = None
    started: datetime | None = None
    retired: datetime | None = None
    collecting: datetime | None = None

    @property
    def lease_until(self) -> datetime | None:
        """When the lease expires (None: no lease)."""
        return parse_time(self.lease)


@dataclass
class ServerState:
    """The registry and the staging records at one moment."""

    entries: dict[NamedNode, Entry] = field(default_factory=dict)
    token: str | None = None
    records: dict[NamedNode, Record] = field(default_factory=dict)
    publications: dict[str, datetime | None] = field(default_factory=dict)

    @property
    def published(self) -> set[NamedNode]:
        """The versions the registry names."""
        return {e.version for e in self.entries.values()}


def parse_versions(rows: Iterable[Row]) -> GraphVersions:
    """What VERSIONS_QUERY answered, as kg.store.base.GraphVersions."""
    return frozenset(
        (graph.value, modified.value if isinstance(modified, Literal) else None)
        for row in rows
        if isinstance(graph := row.get("g"), NamedNode)
        for modified in (row.get("modified"),)
    )


def parse_view(rows: Iterable[Row]) -> dict[NamedNode, Entry]:
    """The registry entries in the rows of ``VIEW_QUERY``."""
    return entries_from((r.get("s"), r.get("p"), r.get("o")) for r in rows)


def parse_state(rows: Sequence[Row]) -> ServerState:
    """The state in the rows of ``STATE_QUERY``."""
    state = ServerState(
        entries=entries_from(
            (r.get("s"), r.get("p"), r.get("o")) for r in rows if r.get("in") == REGISTRY
        )
    )
    for row in rows:
        if row.get("in") != STAGING:
            continue
        subject, predicate, value = row.get("s"), row.get("p"), row.get("o")
        if not isinstance(subject, NamedNode):
            continue
        if subject == STAGING and predicate == STATE and isinstance(value, Literal):
            state.token = value.value
            continue
        if subject.value.startswith(PUBLICATION_NAMESPACE):
            state.publications[subject.value[len(PUBLICATION_NAMESPACE) :]] = parse_time(value)
            continue
        record = state.records.setdefault(subject, Record(subject))
        if predicate == GRAPH and isinstance(value, NamedNode):
            record.graph = value
        elif predicate == LEASE and isinstance(value, Literal):
            record.lease = value
        elif predicate == HOLDER and isinstance(value, Literal):
            record.holder = value.value
        elif predicate == STARTED:
            record.started = parse_time(value)
        elif predicate == RETIRED:
            record.retired = parse_time(value)
        elif predicate == COLLECTING:
            record.collecting = parse_time(value)
    return state


def _data(graph: NamedNode, triples: Iterable[tuple[object, object, object]]) -> str:
    lines = "\n".join(f"{s} {p} {o} ." for s, p, o in triples)
    return f"GRAPH {graph} {{\n{lines}\n}}"


def lease_update(versions: Mapping[NamedNode, NamedNode], until: datetime, who: str) -> str:
    """Records the leases of a load's ``versions`` (version -> graph), written before any
    data goes into them."""
    started = stamp(now())
    triples: list[tuple[object, object, object]] = []
    for version, graph in versions.items():
        triples += [
            (version, GRAPH, graph),
            (version, LEASE, stamp(until)),
            (version, HOLDER, Literal(who)),
            (version, STARTED, started),
        ]
    return f"INSERT DATA {{ {_data(STAGING, triples)} }}"


def renew_update(versions: Iterable[NamedNode], until: datetime) -> str:
    """Extends the leases of ``versions`` that still exist (a lease a collector took stays
    gone)."""
    listed = " ".join(str(v) for v in versions)
    return (
        f"DELETE {{ GRAPH {STAGING} {{ ?v {LEASE} ?old }} }} "  # noqa: S608 (terms pyoxigraph wrote)
        f"INSERT {{ GRAPH {STAGING} {{ ?v {LEASE} {stamp(until)} }} }} "
        f"WHERE {{ VALUES ?v {{ {listed} }} GRAPH {STAGING} {{ ?v {LEASE} ?old }} }}"
    )


def _guard(token: str | None) -> str:
    """The pattern that holds only while the state token is ``token`` (None: no token yet).
    A COUNT sub-select, not FILTER NOT EXISTS: Virtuoso 7.2 runs an update whose only
    pattern is NOT EXISTS whatever it finds."""
    if token is None:
        return (
            f"{{ SELECT (COUNT(?t) AS ?none) WHERE {{ GRAPH {STAGING} "
            f"{{ {STAGING} {STATE} ?t }} }} }} FILTER(?none = 0)"
        )
    return f"GRAPH {STAGING} {{ {STAGING} {STATE} ?token FILTER(?token = {Literal(token)}) }}"


def publish_update(
    state: ServerState,
    token: str,
    added: Mapping[NamedNode, Entry],
    removed: Iterable[NamedNode],
    ours: Iterable[NamedNode],
) -> str:
    """ONE update operation that publishes ``added`` entries and unpublishes ``removed``
    graphs, if and only if the state token is still ``state.token`` and every version of
    ``ours`` still holds its lease. It sets the token to ``token``, records the publication,
    releases the leases of ``ours`` and marks each replaced version retired (dropped later).
    Only registry and staging records are written: a few lines whatever the load's size."""
    moment = stamp(now())
    graphs = sorted({*added, *removed}, key=lambda g: g.value)
    versions = sorted(set(ours), key=lambda v: v.value)
    replaced = [(state.entries[g].version, g) for g in graphs if g in state.entries]
    insert_registry = [
        (q.subject, q.predicate, q.object) for e in added.values() for q in e.quads()
    ]
    insert_staging: list[tuple[object, object, object]] = [
        (STAGING, STATE, Literal(token)),
        (NamedNode(PUBLICATION_NAMESPACE + token), AT, moment),
    ]
    for version, graph in replaced:
        if version not in added.values():
            insert_staging += [(version, GRAPH, graph), (version, RETIRED, moment)]
    where = [_guard(state.token)]
    where += [f"GRAPH {STAGING} {{ {v} {LEASE} ?lease{i} }}" for i, v in enumerate(versions)]
    branches = []
    if graphs:
        listed = " ".join(str(g) for g in graphs)
        branches.append(f"{{ VALUES ?g {{ {listed} }} GRAPH {REGISTRY} {{ ?g ?p ?o }} }}")
    if versions:
        listed = " ".join(str(v) for v in versions)
        branches.append(f"{{ VALUES ?v {{ {listed} }} GRAPH {STAGING} {{ ?v ?vp ?vo }} }}")
    branches.append("{ }")
    where.append(" UNION ".join(branches))
    inserts = _data(STAGING, insert_staging)
    if insert_registry:
        inserts += " " + _data(REGISTRY, insert_registry)
    return (
        f"DELETE {{ GRAPH {STAGING} {{ {STAGING} {STATE} ?token . ?v ?vp ?vo }} "
        f"GRAPH {REGISTRY} {{ ?g ?p ?o }} }}\n"
        f"INSERT {{ {inserts} }}\n"
        f"WHERE {{ {' '.join(where)} }}"
    )


def claim_update(leases: Mapping[NamedNode, Literal]) -> str:
    """Takes over expired leases (version -> the lease value seen) for collection: each
    lease still holding exactly that value becomes a ``collecting`` mark; a lease renewed
    since stays its owner's."""
    moment = stamp(now())
    return " ;\n".join(
        f"DELETE {{ GRAPH {STAGING} {{ {v} {LEASE} {lease} }} }} "
        f"INSERT {{ GRAPH {STAGING} {{ {v} {COLLECTING} {moment} }} }} "
        f"WHERE {{ GRAPH {STAGING} {{ {v} {LEASE} {lease} }} }}"
        for v, lease in sorted(leases.items(), key=lambda item: item[0].value)
    )


def drop_update(versions: Iterable[NamedNode]) -> str:
    """Drops version graphs, then their records (in that order: a server that stops part-way
    leaves a record of what it did not drop)."""
    ordered = sorted(set(versions), key=lambda v: v.value)
    drops = [f"DROP SILENT GRAPH {v}" for v in ordered]
    forget = [f"DELETE WHERE {{ GRAPH {STAGING} {{ {v} ?p ?o }} }}" for v in ordered]
    return " ;\n".join(drops + forget)


def forget_update(publications: Iterable[str]) -> str:
    """Removes old publication records."""
    return " ;\n".join(
        f"DELETE WHERE {{ GRAPH {STAGING} {{ {NamedNode(PUBLICATION_NAMESPACE + t)} ?p ?o }} }}"
        for t in sorted(publications)
    )


def is_version(graph: object) -> bool:
    """Whether ``graph`` is a version graph IRI."""
    return isinstance(graph, NamedNode) and graph.value.startswith(VERSION_NAMESPACE)


def expired(record: Record, moment: datetime) -> bool:
    """Whether a record's lease has expired (a record with no lease, retirement or claim is
    an orphan: expired too)."""
    until = record.lease_until
    if until is not None:
        return until < moment
    return record.retired is None and record.collecting is None


def lease_left(until: datetime) -> float:
    """Seconds left until ``until``."""
    return (until - now()).total_seconds()


def lease_end() -> datetime:
    """When a lease taken or renewed now ends."""
    return now() + timedelta(seconds=LEASE_SECONDS)


def renew_below() -> float:
    """Renew a lease when fewer seconds than this are left of it (half of it)."""
    return LEASE_SECONDS / 2
