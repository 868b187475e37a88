"""The RDF formats finreg exports the whole graph in, and how it writes them.

>>> sorted(EXPORT_FORMATS)
['jsonld', 'nq', 'trig', 'ttl']
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Quad, RdfFormat, Triple, serialize

from kg.errors import StoreError
from kg.vocab import DATA, NAMESPACE

EXPORT_FORMATS: dict[str, RdfFormat] = {
    "ttl": RdfFormat.TURTLE,
    "trig": RdfFormat.TRIG,
    "nq": RdfFormat.N_QUADS,
    "jsonld": RdfFormat.JSON_LD,
}
"""Export formats by name. Turtle cannot carry named graphs, so "ttl" writes the union of the
graphs (each triple once); "trig", "nq" and "jsonld" keep one named graph per loaded file."""

_INSTANCE_KINDS = (
    "regulator", "company", "group", "product", "licence", "notice", "event", "source",
    "stake", "operation", "partnership", "figure", "metric",
)  # fmt: skip
"""The kinds of instance IRI (``DATA["<kind>/<slug>"]``), each a prefix in exports."""

EXPORT_PREFIXES: dict[str, str] = {
    "fr": NAMESPACE,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "void": "http://rdfs.org/ns/void#",
    **{kind: f"{DATA}{kind}/" for kind in _INSTANCE_KINDS},
}
"""Prefixes written into Turtle and TriG exports, so people can read them."""


def serialize_export(quads: Iterable[Quad], fmt: str) -> bytes:
    """``quads`` in the export format ``fmt``; for "ttl", their triples, each once.

    :raises StoreError: for an unknown format name.

    >>> from pyoxigraph import NamedNode as N
    >>> q = Quad(N("urn:s"), N("urn:p"), N("urn:o"), N("urn:g"))
    >>> text = serialize_export([q, Quad(q.subject, q.predicate, q.object, N("urn:h"))], "ttl")
    >>> text.decode().count("<urn:s> <urn:p> <urn:o> ."), b"@prefix fr:" in text
    (1, True)
    """
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f'unknown export format "{fmt}": use one of {", ".join(EXPORT_FORMATS)}')
    rdf_format = EXPORT_FORMATS[fmt]
    prefixes = EXPORT_PREFIXES if rdf_format in (RdfFormat.TURTLE, RdfFormat.TRIG) else None
    data: Iterable[Quad] | Iterable[Triple] = quads
    if not rdf_format.supports_datasets:
        data = sorted({q.triple for q in quads}, key=str)
    output = serialize(data, format=rdf_format, prefixes=prefixes)
    if output is None:
        raise StoreError("the serialiser returned no export")
    return output
