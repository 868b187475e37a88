"""finreg's ontology and SHACL shapes, as files, parsed graphs and compiled shapes.

The ontology lives at ``ontology/finreg.ttl`` in the repository (its single source); the shapes
beside this module. Each is parsed (or compiled) once per process on first use, never at
import time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Triple, parse
from rdflib import Graph

from kg.schema.engine import CompiledShapes, check_shapes
from kg.vocab import FR

SCHEMA_DIR = Path(__file__).resolve().parent
SHAPES_PATH = SCHEMA_DIR / "shapes.ttl"
ONTOLOGY_PATH = SCHEMA_DIR.parents[1] / "ontology" / "finreg.ttl"
NAMESPACE = str(FR._NS)


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology as an rdflib graph (parsed once)."""
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes as an rdflib graph (parsed once)."""
    return Graph().parse(SHAPES_PATH, format="turtle")


@lru_cache(maxsize=1)
def ontology_triples() -> tuple[Triple, ...]:
    """The ontology's triples, as the store and the SHACL engine take them (parsed once)."""
    return tuple(q.triple for q in parse(path=ONTOLOGY_PATH, format=RdfFormat.TURTLE))


@lru_cache(maxsize=1)
def shapes_engine() -> CompiledShapes:
    """The shapes, compiled by the SHACL engine (once).

    :raises ShapesEngineError: if they cannot be compiled, or ask what skolemised data
        cannot answer (see kg.schema.engine).
    """
    check_shapes(SHAPES_PATH.read_text(encoding="utf-8"))
    return CompiledShapes.from_file(SHAPES_PATH)


@lru_cache(maxsize=1)
def declared_terms() -> frozenset[str]:
    """Every IRI in the finreg namespace that the ontology declares."""
    return frozenset(
        t.subject.value
        for t in ontology_triples()
        if isinstance(t.subject, NamedNode) and t.subject.value.startswith(NAMESPACE)
    )
