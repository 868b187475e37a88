"""The registry of published graph versions: what readers see, in either store (the SPARQL
server store keeps the same registry graph on the server, with records of the loads under
way beside it: kg.store.remote_registry).

A load writes each file into a new *version graph*, invisible to readers, and then publishes
all of them in one small atomic update of the registry graph (``REGISTRY``)::

    <https://w3id.org/finreg/id/graph/seeds/entities.ttl> a void:Dataset ;
        dcterms:identifier "seeds/entities.ttl" ;
        dcterms:modified "2026-12-02T05:30:00+00:00"^^xsd:dateTime ;
        dcterms:hasVersion <https://w3id.org/finreg/id/version/5f0c…> .

Queries read exactly the published versions and the registry. A crash, a refused file or
a half-written version is never visible, and versions no registry entry names are
leftovers, collected by the next write (see ARCHITECTURE.md, "Readers see only published
graphs").
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.graphs import key_of
from kg.store.base import GraphVersions
from kg.vocab import DATA
from kg.w3c import (
    DCTERMS_HAS_VERSION,
    DCTERMS_IDENTIFIER,
    DCTERMS_MODIFIED,
    RDF_TYPE,
    VOID_DATASET,
    XSD_DATE_TIME,
)

REGISTRY = NamedNode(f"{DATA}graph")
"""The graph that lists the published version of every loaded graph."""

VERSION_NAMESPACE = f"{DATA}version/"
_VERSION = re.compile(re.escape(VERSION_NAMESPACE).encode() + rb"[0-9a-f]{32}")

STAMP_TRIPLES = 2
"""Triples an export writes into each graph to stamp it (``Entry.stamp_quads``)."""


def new_version() -> NamedNode:
    """A fresh, never reused version graph IRI."""
    return NamedNode(VERSION_NAMESPACE + uuid.uuid4().hex)


def stamp_now() -> Literal:
    """The time of a load, as the ``dcterms:modified`` value it stamps on its graphs."""
    return Literal(datetime.now(UTC).isoformat(), datatype=XSD_DATE_TIME)


@dataclass(frozen=True)
class Entry:
    """One published graph: its key IRI, the version that holds its triples, when loaded."""

    graph: NamedNode
    version: NamedNode
    modified: Literal

    def quads(self) -> list[Quad]:
        """The entry as registry quads."""
        key = key_of(self.graph) or self.graph.value
        return [
            Quad(self.graph, RDF_TYPE, VOID_DATASET, REGISTRY),
            Quad(self.graph, DCTERMS_IDENTIFIER, Literal(key), REGISTRY),
            Quad(self.graph, DCTERMS_MODIFIED, self.modified, REGISTRY),
            Quad(self.graph, DCTERMS_HAS_VERSION, self.version, REGISTRY),
        ]

    def stamp_quads(self, graph: NamedNode) -> list[Quad]:
        """What an export writes into ``graph`` to say it is finreg's and when it was loaded."""
        return [
            Quad(self.graph, RDF_TYPE, VOID_DATASET, graph),
            Quad(self.graph, DCTERMS_MODIFIED, self.modified, graph),
        ]


def read(store: Store) -> dict[NamedNode, Entry]:
    """The published entries, by graph IRI."""
    return entries_from(
        (q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, REGISTRY)
    )


def versions_of(entries: Mapping[NamedNode, Entry]) -> GraphVersions:
    """Each entry's graph IRI with its load stamp: a value that changes whenever a load, an
    unload or a restore publishes."""
    return frozenset((g.value, e.modified.value or None) for g, e in entries.items())


def entries_from(triples: Iterable[tuple[object, object, object]]) -> dict[NamedNode, Entry]:
    """The entries that the registry's triples (subject, predicate, object) describe."""
    versions: dict[NamedNode, NamedNode] = {}
    modified: dict[NamedNode, Literal] = {}
    for subject, predicate, value in triples:
        if not isinstance(subject, NamedNode):
            continue
        if predicate == DCTERMS_HAS_VERSION and isinstance(value, NamedNode):
            versions[subject] = value
        elif predicate == DCTERMS_MODIFIED and isinstance(value, Literal):
            modified[subject] = value
    return {
        graph: Entry(graph, version, modified.get(graph, Literal("", datatype=XSD_DATE_TIME)))
        for graph, version in versions.items()
    }


def publishing_update(removed: Iterable[NamedNode], added: Iterable[Entry]) -> str:
    """One SPARQL update that removes the entries of ``removed`` graphs and adds ``added``:
    run as one transaction, it is the moment a load or an unload becomes visible. Only
    registry triples are written here, never data (a few lines whatever the load's size)."""
    operations = [
        f"DELETE WHERE {{ GRAPH {REGISTRY} {{ {graph} ?p ?o }} }}"
        for graph in sorted(set(removed), key=lambda g: g.value)
    ]
    lines = [f"{q.subject} {q.predicate} {q.object} ." for e in added for q in e.quads()]
    if lines:
        operations.append(f"INSERT DATA {{ GRAPH {REGISTRY} {{\n" + "\n".join(lines) + "\n} }")
    return " ;\n".join(operations)


@dataclass(frozen=True, eq=False)
class View:
    """What readers see at one moment: the published entries, and whether the store holds
    nothing else (then the union of all graphs is exactly the published versions and the
    registry, and queries may use it, which Oxigraph answers faster than a list of graphs:
    a lookup costs one index seek instead of one per graph)."""

    entries: Mapping[NamedNode, Entry]
    clean: bool

    @property
    def graphs(self) -> list[NamedNode]:
        """The physical graphs readers see: every published version and the registry."""
        return [REGISTRY, *(e.version for e in self.entries.values())]

    def versions(self, graphs: Iterable[NamedNode]) -> list[NamedNode]:
        """The published versions of ``graphs`` (graph IRIs); unknown ones are left out."""
        return [self.entries[g].version for g in graphs if g in self.entries]

    def physical(self, graph: NamedNode) -> NamedNode:
        """The graph a user's graph IRI names: its published version, else the IRI itself."""
        entry = self.entries.get(graph)
        return entry.version if entry is not None else graph


def graph_names_for_versions(answer: bytes, view: View) -> bytes:
    """A serialised answer with every published version IRI written as its graph's IRI.

    Version IRIs are ``VERSION_NAMESPACE`` and 32 hex digits, which no serialisation escapes,
    so they are found in the bytes of any answer format; graph IRIs are percent-encoded
    (kg.graphs), so they need no escaping either.
    """
    if VERSION_NAMESPACE.encode() not in answer:
        return answer
    names = {e.version.value.encode(): g.value.encode() for g, e in view.entries.items()}
    return _VERSION.sub(lambda m: names.get(m.group(0), m.group(0)), answer)
