"""Turning SPARQL result terms into Python values for kg.model."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from kg.dates import PartialDate
from kg.errors import InvalidDateError
from kg.model import Citation
from kg.store import Row, Term
from kg.vocab import NAMESPACE

_FR = NAMESPACE


def text(term: Term | None) -> str | None:
    """The lexical value of a literal or the IRI of a node."""
    if term is None:
        return None
    return term.value


def lang_text(term: Term | None) -> tuple[str, str] | None:
    """``(language, text)`` for a literal; language "" when untagged."""
    if not isinstance(term, Literal):
        return None
    return (term.language or "", term.value)


def partial_date(term: Term | None) -> PartialDate | None:
    """A PartialDate from an xsd:gYear / gYearMonth / date literal; None otherwise."""
    if not isinstance(term, Literal):
        return None
    try:
        return PartialDate.from_literal(term)
    except InvalidDateError:
        return None


def local_name(term: Term | None) -> str | None:
    """The local name of a finreg term (``fr:Company`` -> "Company")."""
    if isinstance(term, NamedNode) and term.value.startswith(_FR):
        return term.value[len(_FR) :]
    return None


def citations(
    rows: Iterable[Row], source: str = "src", locator: str = "loc"
) -> tuple[Citation, ...]:
    """Distinct citations from rows with a source column and an optional locator column, or
    a ``d``-prefixed source column (``dsrc``) that the locator belongs to (a qualified
    derivation, fetched apart from the plain one).

    A citation without a locator is dropped where the same source also has one.
    """
    found: dict[tuple[str, str | None], Citation] = {}
    for row in rows:
        loc = text(row.get(locator))
        qualified = text(row.get("d" + source))
        if qualified is not None:
            found.setdefault((qualified, loc), Citation(qualified, loc))
        src = text(row.get(source))
        if src is not None:
            found.setdefault(
                (src, None if qualified is not None else loc),
                Citation(src, None if qualified is not None else loc),
            )
    with_locator = {src for src, loc in found if loc is not None}
    return tuple(
        sorted(
            (c for (src, loc), c in found.items() if loc is not None or src not in with_locator),
            key=lambda c: (c.source, c.locator or ""),
        )
    )
