"""The term check: every finreg IRI in a file must be declared by the ontology.

A misspelt class or property would otherwise load as new data without complaint. So would
a misspelt namespace (``http://`` for ``https://``, ``ontology/`` for ``ontology#``): any IRI
on finreg's host and path that is neither a declared term nor under the data namespace
(``kg.vocab.DATA``) is refused too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from kg.errors import TermUse, UndeclaredTermError
from kg.loaders.parse import ParsedFile
from kg.schema import NAMESPACE, declared_terms
from kg.vocab import DATA

DATA_NAMESPACE = str(DATA)
_FINREG_HOST = re.compile(r"^https?://w3id\.org/finreg[/#]", re.IGNORECASE)


def _misspelt(iri: str, declared: frozenset[str]) -> bool:
    """Whether ``iri`` is a finreg term the ontology lacks, or a near miss of finreg's
    namespaces (scheme, separator or case), which would otherwise pass unnoticed."""
    if iri.startswith(NAMESPACE):
        return iri not in declared
    if iri.startswith(DATA_NAMESPACE) or iri == NAMESPACE.rstrip("#"):
        return False  # instances, and the ontology itself
    return _FINREG_HOST.match(iri) is not None


def undeclared_terms(parsed: ParsedFile) -> list[TermUse]:
    """The finreg-namespace IRIs in ``parsed`` that the ontology does not declare."""
    declared = declared_terms()
    seen: dict[str, TermUse] = {}
    for triple in parsed.triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, Literal) or not isinstance(term, NamedNode):
                continue
            iri = term.value
            if iri not in seen and _misspelt(iri, declared):
                local = re.split(r"[#/]", iri)[-1]
                line = parsed.line_of(iri) or parsed.line_of(f":{local}")
                seen[iri] = TermUse(path=str(parsed.path), term=iri, line=line)
    return sorted(seen.values(), key=lambda u: (u.line or 0, u.term))


def check_terms(files: Iterable[ParsedFile]) -> None:
    """Refuse files that use undeclared finreg terms.

    :raises UndeclaredTermError: naming each term, file and line.
    """
    uses = [use for parsed in files for use in undeclared_terms(parsed)]
    if uses:
        raise UndeclaredTermError(uses)
