"""The checks a load makes after parsing: finreg's own, then the SHACL shapes.

The data graph the shapes see is the incoming files, plus the classes the store already
gives the nodes they reference (so an event file may point at entities loaded earlier),
plus the ontology (its class hierarchy, its name kinds). Only results about nodes the
incoming files describe are reported: the store's own nodes were checked when they were
loaded.

finreg's own checks cover what SHACL cannot say or the engine does not check:
- a date literal whose text is no real date ("2023-13"^^xsd:gYearMonth passes
  ``sh:datatype``: SHACL checks the datatype IRI, and the engine does not check the form);
- an upper bound that ends before its lower bound begins (notAfter before notBefore);
- a finreg IRI that neither the files nor the store declare (a misspelt slug).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.errors import Violation
from kg.loaders.source import InputFile
from kg.loaders.survey import Survey
from kg.schema import ontology_triples, shapes_engine
from kg.schema.engine import EngineResult, term, write_data
from kg.skolem import is_skolem
from kg.vocab import DATA, NAMESPACE
from kg.w3c import DCTERMS, PROV, RDF, RDF_TYPE, RDFS, SKOS, XSD

MAX_RESULTS = 100_000
"""The engine stops after this many violations: a file that breaks one rule everywhere would
otherwise fill memory with results nobody reads (the report lists the first 50)."""

_PREFIXES = {
    NAMESPACE: "fr:",
    RDF: "rdf:",
    RDFS: "rdfs:",
    XSD: "xsd:",
    SKOS: "skos:",
    PROV: "prov:",
    DCTERMS: "dcterms:",
}
_IRI = re.compile(r"<([^>]*)>")
_SUMMARIES = {
    "NodeConstraintComponent",
    "AndConstraintComponent",
    "OrConstraintComponent",
    "XoneConstraintComponent",
    "QualifiedValueShapeConstraintComponent",
}
"""Components whose result sums up others (a name that breaks frs:NameShape also breaks the
entity's ``sh:node frs:NameShape``): dropped when the node at fault has its own result."""


@dataclass(frozen=True)
class Finding:
    """A violation before it is located in its file: the node (a term), what is wrong."""

    focus: NamedNode | BlankNode
    path: str | None
    message: str
    value: NamedNode | BlankNode | Literal | None = None


def short(iri: str) -> str:
    """An IRI as people read it: ``fr:transferee``, ``prov:wasDerivedFrom``, else ``<iri>``.

    >>> short("https://w3id.org/finreg/ontology#transferee"), short("urn:x")
    ('fr:transferee', '<urn:x>')
    """
    for namespace, prefix in _PREFIXES.items():
        if iri.startswith(namespace):
            return prefix + iri[len(namespace) :]
    return f"<{iri}>"


def short_term(node: NamedNode | BlankNode | Literal | None) -> str | None:
    """A term as a report shows it: IRIs shortened, literals by their text, blank nodes not."""
    if isinstance(node, NamedNode):
        return short(node.value)
    if isinstance(node, Literal):
        return node.value
    return None


def own_checks(surveys: Sequence[Survey]) -> list[Finding]:
    """finreg's checks of dates and bounds (see the module docstring)."""
    found: list[Finding] = []
    for survey in surveys:
        for bad in survey.bad_dates:
            found.append(Finding(bad.subject, short(bad.predicate.value), bad.reason, bad.value))
        for node, low_p, lower, high_p, upper in survey.reversed_bounds():
            high, low = short(high_p.value), short(low_p.value)
            found.append(
                Finding(node, high, f"{high} {upper.value} is before {low} {lower.value}", upper)
            )
    return found


def undeclared(iri: NamedNode, known: Mapping[NamedNode, bool]) -> bool:
    """Whether ``iri`` is a finreg instance IRI that nothing declares."""
    return (
        iri.value.startswith(str(DATA)) and not is_skolem(iri.value) and not known.get(iri, False)
    )


def write_context(validation: BinaryIO, types: Sequence[tuple[NamedNode, NamedNode]]) -> None:
    """Append the ontology and the store's classes of referenced nodes to the data the
    engine validates."""
    write_data(ontology_triples(), validation)
    write_data([Triple(iri, RDF_TYPE, cls) for iri, cls in types], validation)


def shape_findings(validation: Path, described: set[NamedNode]) -> list[Finding]:
    """Run the shapes over the N-Triples file ``validation``; the violations about nodes in
    ``described`` (IRIs the files write as subjects) or about the files' blank nodes."""
    results = [
        r
        for r in shapes_engine().validate_file(validation, max_results=MAX_RESULTS)
        if r.blocking and _ours(r.focus_node, described)
    ]
    detailed = {r.focus_node for r in results if r.component not in _SUMMARIES}
    found: list[Finding] = []
    for result in results:
        if result.component in _SUMMARIES and result.value in detailed:
            continue
        focus = term(result.focus_node)
        if isinstance(focus, Literal):
            continue
        found.append(
            Finding(
                focus=focus,
                path=_short_path(result),
                message=result.message or _component_words(result),
                # a node-level result's value is its focus node: nothing more to say
                value=term(result.value)
                if result.value and result.value != result.focus_node
                else None,
            )
        )
    return found


def _ours(focus: str, described: set[NamedNode]) -> bool:
    """Whether a result's focus node is a node the files describe (every blank node is)."""
    node = term(focus)
    return isinstance(node, BlankNode) or node in described


def _short_path(result: EngineResult) -> str | None:
    if result.path is None:
        return None
    return _IRI.sub(lambda m: short(m.group(1)), result.path)


def _component_words(result: EngineResult) -> str:
    name = result.component.removesuffix("ConstraintComponent")
    return f"breaks the shape's sh:{name[:1].lower()}{name[1:]} constraint"


def violation(
    finding: Finding, file: InputFile | None, within: str | None, owner: str
) -> Violation:
    """The :class:`Violation` a finding is reported as (its line is filled in later)."""
    return Violation(
        focus_node=owner,
        within=within,
        path=finding.path,
        message=finding.message,
        value=short_term(finding.value),
        file=str(file.path) if file is not None else None,
    )
