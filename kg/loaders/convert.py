"""Conversion of pyoxigraph terms to rdflib terms, for pySHACL."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from pyoxigraph import BlankNode, Literal, NamedNode, Triple
from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_ILL_TYPED = "Failed to convert Literal lexical form to value"


def _not_ill_typed(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith(_ILL_TYPED)


@contextmanager
def quiet_ill_typed_literals() -> Iterator[None]:
    """Silence rdflib's warning, with its traceback, for an ill-typed literal such as
    "2023-02-30"^^xsd:date while files are checked: the shapes and finreg's date check
    report it as one line naming the file and the node."""
    logger = logging.getLogger("rdflib.term")
    logger.addFilter(_not_ill_typed)
    try:
        yield
    finally:
        logger.removeFilter(_not_ill_typed)


def to_rdflib(term: NamedNode | BlankNode | Literal | object) -> Node:
    """The rdflib term equal to a pyoxigraph term.

    :raises TypeError: for RDF-star triple terms, which finreg does not take.
    """
    if isinstance(term, NamedNode):
        return URIRef(term.value)
    if isinstance(term, BlankNode):
        return BNode(term.value)
    if isinstance(term, Literal):
        if term.language:
            return RdfLiteral(term.value, lang=term.language)
        return RdfLiteral(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported RDF term: {term!r}")


def to_graph(triples: Iterable[Triple], graph: Graph | None = None) -> Graph:
    """Add pyoxigraph triples to an rdflib graph (a new one by default)."""
    target = graph if graph is not None else Graph()
    for t in triples:
        target.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return target


def from_rdflib(term: Node) -> NamedNode | BlankNode | Literal:
    """The pyoxigraph term equal to an rdflib term."""
    if isinstance(term, URIRef):
        return NamedNode(str(term))
    if isinstance(term, BNode):
        return BlankNode(str(term))
    if isinstance(term, RdfLiteral):
        if term.language:
            return Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _LANG_STRING:
            return Literal(str(term), datatype=NamedNode(str(term.datatype)))
        return Literal(str(term))
    raise TypeError(f"unsupported RDF term: {term!r}")
