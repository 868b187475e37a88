"""Skolem IRIs: the IRIs that stand for blank nodes where a blank node cannot go (RDF 1.1,
section 3.5). A SPARQL server store gives every blank node one on the way in (kg.store.remote,
under ``GENID``), so they come back in its exports and backups; RDF 1.1 recommends the path
``/.well-known/genid/``, which other tools use. Neither kind is a term or an instance a file
declares, so the checks never take one for a misspelt or undeclared finreg IRI.

>>> is_skolem(GENID + "b0"), is_skolem("https://example.org/.well-known/genid/b0")
(True, True)
>>> is_skolem("https://w3id.org/finreg/id/company/a"), skolem_label(GENID + "b0")
(False, 'b0')
"""

from __future__ import annotations

from kg.vocab import DATA

GENID = f"{DATA}genid/"
"""Where finreg's SPARQL server store skolemises blank nodes."""

WELL_KNOWN = "/.well-known/genid/"
"""The path RDF 1.1 recommends for skolem IRIs."""


def is_skolem(iri: str) -> bool:
    """Whether ``iri`` is a skolem IRI (finreg's, or any under ``/.well-known/genid/``)."""
    return iri.startswith(GENID) or WELL_KNOWN in iri


def skolem_label(iri: str) -> str:
    """The blank node label a skolem IRI stands for (its last path segment)."""
    return iri.rsplit("/", 1)[-1]
