"""Turning SPARQL result terms into Python values for kg.model."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from kg.dates import PartialDate
from kg.errors import InvalidDateError
from kg.model import Citation, Inference
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


def property_name(term: Term | None) -> str | None:
    """The local name of a finreg property ("date"), or the full IRI of another's."""
    if not isinstance(term, NamedNode):
        return None
    return local_name(term) or term.value


def citations(
    rows: Iterable[Row], source: str = "src", locator: str = "loc", states: str = "st"
) -> tuple[Citation, ...]:
    """Distinct citations from rows with a source column and an optional locator column, or
    a ``d``-prefixed source column (``dsrc``) that the locator and the ``states`` column (a
    property the source states there, fr:states) belong to: a qualified derivation, fetched
    apart from the plain one.

    A citation without a locator is dropped where the same source also has one; what it
    states then goes to the cited places of the same source.
    """
    found: dict[tuple[str, str | None], set[str]] = {}
    for row in rows:
        loc = text(row.get(locator))
        qualified = text(row.get("d" + source))
        if qualified is not None:
            stated = found.setdefault((qualified, loc), set())
            if (name := property_name(row.get(states))) is not None:
                stated.add(name)
        src = text(row.get(source))
        if src is not None:
            found.setdefault((src, None if qualified is not None else loc), set())
    with_locator = {src for src, loc in found if loc is not None}
    kept: dict[tuple[str, str | None], set[str]] = {}
    for (src, loc), stated in found.items():
        if loc is not None or src not in with_locator:
            kept.setdefault((src, loc), set()).update(stated)
    for (src, loc), stated in found.items():
        if loc is None and src in with_locator and stated:
            for (other, _), more in kept.items():
                if other == src:
                    more.update(stated)
    return tuple(
        Citation(src, loc, frozenset(stated))
        for (src, loc), stated in sorted(
            kept.items(), key=lambda item: (item[0][0], item[0][1] or "")
        )
    )


def inferences(
    rows: Iterable[Row], node: str = "inf", prop: str = "iprop", basis: str = "basis"
) -> tuple[Inference, ...]:
    """The inferences in rows with an inference node column, its inferred property and its
    basis (one text per row), each inference once, sorted by property."""
    found: dict[object, tuple[set[str], set[tuple[str, str]]]] = {}
    for row in rows:
        key = row.get(node)
        if key is None:
            continue
        props, texts = found.setdefault(key, (set(), set()))
        if (name := property_name(row.get(prop))) is not None:
            props.add(name)
        if (said := lang_text(row.get(basis))) is not None:
            texts.add(said)
    built: set[Inference] = set()
    for props, texts in found.values():
        about: list[str | None] = [*sorted(props)] or [None]
        built.update(Inference(name, tuple(sorted(texts))) for name in about)
    return tuple(sorted(built, key=lambda i: (i.property or "", i.basis)))
