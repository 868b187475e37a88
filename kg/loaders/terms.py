"""The term check: every finreg IRI in a file must be declared by the ontology.

A misspelt class or property would otherwise load as new data without complaint.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from kg.errors import TermUse, UndeclaredTermError
from kg.loaders.parse import ParsedFile
from kg.schema import NAMESPACE, declared_terms


def undeclared_terms(parsed: ParsedFile) -> list[TermUse]:
    """The finreg-namespace IRIs in ``parsed`` that the ontology does not declare."""
    declared = declared_terms()
    seen: dict[str, TermUse] = {}
    for triple in parsed.triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, Literal) or not isinstance(term, NamedNode):
                continue
            iri = term.value
            if iri.startswith(NAMESPACE) and iri not in declared and iri not in seen:
                local = iri[len(NAMESPACE) :]
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
