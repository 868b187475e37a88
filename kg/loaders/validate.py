"""SHACL validation of incoming files against kg/schema/shapes.ttl.

The data graph is the incoming files plus the classes the store already gives to the nodes
they reference (so an event file may point at entities loaded earlier), with the ontology's
class hierarchy mixed in. Only violations about nodes the incoming files describe are
reported; the store's own nodes were checked when they were loaded.
"""

from __future__ import annotations

from collections.abc import Sequence

from pyoxigraph import BlankNode, Literal, NamedNode
from pyshacl import validate as shacl_validate
from rdflib import RDF, BNode, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.dates import XSD_DATE, XSD_GYEAR, XSD_GYEARMONTH, PartialDate
from kg.errors import InvalidDateError, ShapeViolationError, Violation
from kg.loaders.convert import quiet_ill_typed_literals, to_graph, to_rdflib
from kg.loaders.parse import ParsedFile
from kg.queries.context import types_outside
from kg.schema import ontology_graph, shapes_graph
from kg.store import GraphStore
from kg.vocab import FR

DATE_TYPES = (XSD_GYEAR, XSD_GYEARMONTH, XSD_DATE)


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
    with quiet_ill_typed_literals():
        data = Graph()
        for parsed in files:
            to_graph(parsed.triples, data)
        if store is not None:
            replaced = [parsed.graph for parsed in files]
            for iri, cls in types_outside(store, referenced_iris(files), replaced):
                data.add((URIRef(iri.value), RDF.type, URIRef(cls.value)))
        date_violations = invalid_dates(files)
        conforms, results, _ = shacl_validate(
            data,
            shacl_graph=shapes_graph(),
            ont_graph=ontology_graph(),
            inference="none",
            allow_warnings=False,
            allow_infos=True,
        )
        violations = date_violations + ([] if conforms else _violations(results, data, files))
    if violations:
        raise ShapeViolationError(violations)


def invalid_dates(files: Sequence[ParsedFile]) -> list[Violation]:
    """Date literals whose text is no real date ("2023-13"^^xsd:gYearMonth), which SHACL's
    datatype check lets through."""
    found: list[Violation] = []
    for parsed in files:
        for t in parsed.triples:
            value = t.object
            if isinstance(value, Literal) and value.datatype in DATE_TYPES:
                try:
                    PartialDate.parse(value.value)
                except InvalidDateError as error:
                    subject = t.subject
                    focus = subject.value if isinstance(subject, NamedNode) else f"_:{subject}"
                    found.append(
                        Violation(
                            focus_node=focus,
                            path=_short(URIRef(t.predicate.value)),
                            message=f"{error} for {value.datatype.value.rsplit('#', 1)[-1]}",
                            file=str(parsed.path),
                        )
                    )
        found.extend(_reversed_bounds(parsed))
    return found


_BOUNDS = (
    (str(FR.notBefore), str(FR.notAfter)),
    (str(FR.validFrom), str(FR.validTo)),
)


def _reversed_bounds(parsed: ParsedFile) -> list[Violation]:
    """Nodes whose upper bound ends before their lower bound begins (notAfter before
    notBefore, validTo before validFrom), compared as the periods the dates name."""
    dates: dict[tuple[object, str], PartialDate] = {}
    for t in parsed.triples:
        if isinstance(t.object, Literal) and t.object.datatype in DATE_TYPES:
            try:
                dates[(t.subject, t.predicate.value)] = PartialDate.parse(t.object.value)
            except InvalidDateError:
                continue
    found: list[Violation] = []
    for (subject, predicate), lower in dates.items():
        for low, high in _BOUNDS:
            upper = dates.get((subject, high))
            if predicate == low and upper is not None and upper.end < lower.start:
                focus = subject.value if isinstance(subject, NamedNode) else f"_:{subject}"
                found.append(
                    Violation(
                        focus_node=focus,
                        path=_short(URIRef(high)),
                        message=f"{_short(URIRef(high))} {upper} is before "
                        f"{_short(URIRef(low))} {lower}",
                        file=str(parsed.path),
                    )
                )
    return found


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

    def reportable(result: Node) -> bool:
        severity = results.value(result, SH.resultSeverity)
        focus = results.value(result, SH.focusNode)
        return focus in described and (severity is None or severity == SH.Violation)

    def detail_reported(result: Node, depth: int = 0) -> bool:
        details = list(results.objects(result, SH.detail))
        return depth < 8 and any(reportable(d) or detail_reported(d, depth + 1) for d in details)

    for result in results.subjects(RDF.type, SH.ValidationResult):
        if not reportable(result) or detail_reported(result):
            continue  # a summary ("does not conform to shape X") whose details are reported
        focus = results.value(result, SH.focusNode)
        if focus is None:
            continue
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        owner = _owner_of(focus, data)
        within = None
        if owner != focus:
            label = data.value(focus, URIRef(str(FR.value)))
            within = f'name "{label}"' if label is not None else f"name _:{focus}"
        violation = Violation(
            focus_node=str(owner) if not isinstance(owner, BNode) else f"_:{owner}",
            within=within,
            path=_short(path),
            message=str(message) if message is not None else "does not conform",
            value=None if value is None or isinstance(value, BNode) else _short(value),
            file=described[focus],
        )
        key = (
            violation.focus_node + (within or ""),
            violation.path,
            violation.message,
            violation.value,
        )
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
