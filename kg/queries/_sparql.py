"""Shared pieces of finreg's SPARQL: prefixes and VALUES blocks of bound terms."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.vocab import NAMESPACE

PREFIXES = f"""PREFIX fr: <{NAMESPACE}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def values(variable: str, terms: Iterable[NamedNode | Literal | BlankNode]) -> str:
    """A VALUES block that binds ``?variable`` to each term.

    Terms are written in their N-Triples form, which pyoxigraph has already validated and
    escaped, so no caller text can change the query's meaning.

    >>> values("x", [NamedNode("urn:a"), Literal('say "hi"')])
    'VALUES ?x { <urn:a> "say \\\\"hi\\\\"" }'
    """
    if not variable.isidentifier():
        raise ValueError(f"not a SPARQL variable name: {variable!r}")
    rendered = " ".join(str(t) for t in terms if not isinstance(t, BlankNode))
    if not rendered:
        raise ValueError(f"no values for ?{variable}: callers return early instead")
    return f"VALUES ?{variable} {{ {rendered} }}"


def one_of(variable: str, terms: Iterable[NamedNode]) -> str:
    """A filter that keeps ``?variable`` to the given terms.

    Use it rather than a second VALUES block to restrict a variable to a few classes: beside a
    VALUES of many IRIs, Oxigraph joins two VALUES blocks by scanning every instance of the
    classes (seconds on a million triples, once the IRIs pass about 32), where a filter
    checks each row it already has.

    >>> one_of("t", [NamedNode("urn:a"), NamedNode("urn:b")])
    'FILTER(?t IN (<urn:a>, <urn:b>))'
    """
    if not variable.isidentifier():
        raise ValueError(f"not a SPARQL variable name: {variable!r}")
    rendered = ", ".join(str(t) for t in terms)
    if not rendered:
        raise ValueError(f"no values for ?{variable}: callers return early instead")
    return f"FILTER(?{variable} IN ({rendered}))"


def nodes(iris: Iterable[str]) -> list[NamedNode]:
    """Sorted, distinct NamedNodes for the IRIs; text that is no valid IRI is left out
    (it cannot name anything in the graph).

    >>> [n.value for n in nodes(["urn:b", "not an iri", "urn:a", "urn:b"])]
    ['urn:a', 'urn:b']
    """
    found: list[NamedNode] = []
    for iri in sorted(set(iris)):
        try:
            found.append(NamedNode(iri))
        except ValueError:
            continue
    return found
