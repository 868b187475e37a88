"""finreg's ontology and SHACL shapes, as files, parsed graphs and compiled shapes.

The ontology lives at ``ontology/finreg.ttl`` in the repository (its single source); the shapes
beside this module; kg.resources finds both, in a checkout or an install. Each is parsed (or
compiled) once per process on first use, never at import time.
"""

from __future__ import annotations

from functools import lru_cache

from pyoxigraph import NamedNode, RdfFormat, Triple, parse
from rdflib import Graph

from kg.resources import ontology_path, shapes_path
from kg.schema.engine import CompiledShapes, check_shapes
from kg.vocab import NAMESPACE as VOCAB_NAMESPACE

NAMESPACE = VOCAB_NAMESPACE


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology as an rdflib graph (parsed once).

    :raises MissingResourceError: if finreg's install lacks the ontology.
    """
    return Graph().parse(ontology_path(), format="turtle")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes as an rdflib graph (parsed once).

    :raises MissingResourceError: if finreg's install lacks the shapes.
    """
    return Graph().parse(shapes_path(), format="turtle")


@lru_cache(maxsize=1)
def ontology_triples() -> tuple[Triple, ...]:
    """The ontology's triples, as the store and the SHACL engine take them (parsed once).

    :raises MissingResourceError: if finreg's install lacks the ontology.
    """
    return tuple(q.triple for q in parse(path=ontology_path(), format=RdfFormat.TURTLE))


@lru_cache(maxsize=1)
def shapes_engine() -> CompiledShapes:
    """The shapes, compiled by the SHACL engine (once).

    :raises ShapesEngineError: if they cannot be compiled, or ask what skolemised data
        cannot answer (see kg.schema.engine).
    :raises MissingResourceError: if finreg's install lacks them.
    """
    path = shapes_path()
    check_shapes(path.read_text(encoding="utf-8"))
    return CompiledShapes.from_file(path)


@lru_cache(maxsize=1)
def declared_terms() -> frozenset[str]:
    """Every IRI in the finreg namespace that the ontology declares."""
    return frozenset(
        t.subject.value
        for t in ontology_triples()
        if isinstance(t.subject, NamedNode) and t.subject.value.startswith(NAMESPACE)
    )
