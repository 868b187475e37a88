"""The ontology lint: labels, definitions, domains, ranges; every term used is declared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from kg.schema import NAMESPACE, declared_terms, ontology_graph, shapes_graph
from tests.conftest import ROOT, SEEDS

CLASSES = sorted(
    str(c) for c in ontology_graph().subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)
)
PROPERTIES = sorted(
    str(p)
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
    for p in ontology_graph().subjects(RDF.type, kind)
)
TERMS = CLASSES + PROPERTIES


def _languages(term: str, predicate: URIRef) -> set[str]:
    return {
        o.language or ""
        for o in ontology_graph().objects(URIRef(term), predicate)
        if isinstance(o, Literal)
    }


@pytest.mark.parametrize("term", TERMS)
def test_every_term_has_zh_and_en_labels_and_definitions(term: str) -> None:
    assert {"zh", "en"} <= _languages(term, RDFS.label)
    assert {"zh", "en"} <= _languages(term, SKOS.definition) | _languages(term, RDFS.comment)


@pytest.mark.parametrize("prop", PROPERTIES)
def test_every_property_has_a_domain_and_a_range(prop: str) -> None:
    graph = ontology_graph()
    assert graph.value(URIRef(prop), RDFS.domain) is not None
    assert graph.value(URIRef(prop), RDFS.range) is not None


def test_the_knowledge_model_classes_are_all_there() -> None:
    expected = {
        "Regulator", "Company", "Group", "Product", "Licence", "Notice", "Source", "Name",
        "Event", "Establishment", "Rename", "BusinessTransfer", "BusinessCessation",
        "Liquidation", "Deregistration", "LicenceGrant", "LicenceRevocation", "NoticeIssued",
        "ProductLaunch", "OwnershipChange",
    }  # fmt: skip
    assert {NAMESPACE + c for c in expected} <= set(CLASSES)


def test_the_ontology_imports_nothing() -> None:
    assert not list(ontology_graph().objects(None, OWL.imports))


def _finreg_iris_in(text: str, prefix_names: tuple[str, ...] = ("fr",)) -> set[str]:
    full = set(re.findall(re.escape(NAMESPACE) + r"([A-Za-z_][A-Za-z0-9_]*)", text))
    short = {m for p in prefix_names for m in re.findall(rf"\b{p}:([A-Za-z_][A-Za-z0-9_]*)", text)}
    return {NAMESPACE + local for local in full | short}


def test_every_term_the_shapes_use_is_declared() -> None:
    used = {str(t) for triple in shapes_graph() for t in triple if str(t).startswith(NAMESPACE)}
    assert used - declared_terms() == set()


def test_every_term_queries_and_code_use_is_declared() -> None:
    used: set[str] = set()
    for path in (ROOT / "kg").rglob("*.py"):
        if path.name == "vocab.py":
            continue  # generated from the ontology itself
        text = path.read_text(encoding="utf-8")
        used |= _finreg_iris_in(text)
        used |= {NAMESPACE + m for m in re.findall(r"\bFR\.([A-Za-z_][A-Za-z0-9_]*)", text)}
        used |= {NAMESPACE + m for m in re.findall(r'getattr\(FR, "([A-Za-z]+)"\)', text)}
    used.discard(NAMESPACE + "_NS")
    assert used - declared_terms() == set()


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_every_term_the_seeds_use_is_declared(path: Path) -> None:
    used = _finreg_iris_in(path.read_text(encoding="utf-8"))
    assert used - declared_terms() == set()
