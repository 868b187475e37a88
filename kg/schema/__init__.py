"""finreg's ontology and SHACL shapes, as files and as parsed graphs.

The ontology lives at ``ontology/finreg.ttl`` in the repository (its single source); the shapes
beside this module. Both are parsed once per process on first use, never at import time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef

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
def declared_terms() -> frozenset[str]:
    """Every IRI in the finreg namespace that the ontology declares."""
    return frozenset(
        str(s)
        for s in ontology_graph().subjects()
        if isinstance(s, URIRef) and str(s).startswith(NAMESPACE)
    )
