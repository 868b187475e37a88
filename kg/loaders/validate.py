"""SHACL validation of incoming files against kg/schema/shapes.ttl.

The data graph is the incoming files plus the classes the store already gives to the nodes
they reference (so an event file may point at entities loaded earlier), with the ontology's
class hierarchy mixed in. Only violations about nodes the incoming files describe are
reported; the store's own nodes were checked when they were loaded.
"""

from __future__ import annotations

from collections.abc import Sequence

from pyoxigraph import BlankNode, NamedNode
from pyshacl import validate as shacl_validate
from rdflib import RDF, BNode, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import ShapeViolationError, Violation
from kg.loaders.convert import to_graph, to_rdflib
from kg.loaders.parse import ParsedFile
from kg.queries.context import types_outside
from kg.schema import ontology_graph, shapes_graph
from kg.store import GraphStore
from kg.vocab import FR


def referenced_iris(files: Sequence[ParsedFile]) -> set[NamedNode]:
    """IRIs used as objects in ``files`` that the files themselves do not type."""
    typed: set[NamedNode] = set()
    objects: set[NamedNode] = set()
    rdf_type = NamedNode(str(RDF.type))
    for parsed in files:
        for t in parsed.triples:
            if t.predicate == rdf_type and isinstance(t.subject, NamedNode):
                typed.add(t.subject)
            elif isinstance(t.object, NamedNode) and t.predicate != rdf_type:
                objects.add(t.object)
    return objects - typed


def validate_files(files: Sequence[ParsedFile], store: GraphStore | None = None) -> None:
    """Check ``files`` (already parsed and term-checked) against finreg's shapes.

    :raises ShapeViolationError: listing each violation with file, focus node, path and message.
    """
    data = Graph()
    for parsed in files:
        to_graph(parsed.triples, data)
    if store is not None:
        replaced = [parsed.graph for parsed in files]
        for iri, cls in types_outside(store, referenced_iris(files), replaced):
            data.add((URIRef(iri.value), RDF.type, URIRef(cls.value)))
    conforms, results, _ = shacl_validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        allow_warnings=False,
        allow_infos=True,
    )
    if conforms:
        return
    violations = _violations(results, data, files)
    if violations:
        raise ShapeViolationError(violations)


def _owner_of(node: Node, data: Graph) -> Node:
    """The IRI a blank node hangs from (an entity for a name), for readable reports."""
    seen = {node}
    current = node
    while isinstance(current, BNode):
        parents = [s for s in data.subjects(None, current) if s not in seen]
        if not parents:
            break
        current = parents[0]
        seen.add(current)
    return current


def _violations(results: Graph, data: Graph, files: Sequence[ParsedFile]) -> list[Violation]:
    described: dict[Node, str] = {}
    for parsed in files:
        for t in parsed.triples:
            if isinstance(t.subject, NamedNode | BlankNode):
                described.setdefault(to_rdflib(t.subject), str(parsed.path))
    found: dict[tuple[str, str | None, str, str | None], Violation] = {}
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        if focus is None or focus not in described:
            continue
        severity = results.value(result, SH.resultSeverity)
        if severity is not None and severity != SH.Violation:
            continue
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        owner = _owner_of(focus, data)
        focus_text = str(owner) if owner == focus else f"{owner}> name <{focus}"
        if isinstance(focus, BNode) and owner == focus:
            focus_text = f"_:{focus}"
        violation = Violation(
            focus_node=focus_text,
            path=_short(path),
            message=str(message) if message is not None else "does not conform",
            value=None if value is None or isinstance(value, BNode) else _short(value),
            file=described[focus],
        )
        key = (violation.focus_node, violation.path, violation.message, violation.value)
        found.setdefault(key, violation)
    return sorted(found.values(), key=lambda v: (v.file or "", v.focus_node, v.path or ""))


def _short(node: Node | None) -> str | None:
    if node is None:
        return None
    text = str(node)
    namespace = str(FR._NS)
    if text.startswith(namespace):
        return "fr:" + text[len(namespace) :]
    return text if not isinstance(node, URIRef) else f"<{text}>"
