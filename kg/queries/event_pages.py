"""Pages of events newest first, ordered and paged by the store on the order key.

Every event carries ``fr:orderKey`` (kg.dates.order_key, materialised on load by
kg.loaders.enrich): nine digits whose string order is "newest first", undated events last.
A page is the events after a keyset cursor (an order key and an IRI) in the order
``?key, STR(?ev)``, so paging costs the same on the thousandth page as on the first and
an event loaded between two pages neither repeats nor hides another.

Sorting every event (tens of thousands at a million triples) is what a page must not do:
SPARQL stores sort the whole solution sequence before LIMIT. So the page is read band by
band: first the keys within a year of where the page starts, then ten years, then the rest;
each band is ordered by the store and the bands follow one another in key order, so the
page is the same as one ORDER BY over everything. One aggregate query gives the exact total
and the first key, where the first band starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from kg.dates import UNDATED_KEY, PartialDate, end_key
from kg.model import EventKind
from kg.queries._known import ROLE_PROPERTIES
from kg.queries._rows import text
from kg.queries._sparql import PREFIXES, one_of
from kg.store import GraphStore
from kg.vocab import FRN

_BANDS = (10_000, 100_000, None)
"""The width of each band in key units (a year counts 10 000), the last unbounded."""


@dataclass(frozen=True)
class EventFilter:
    """Which events a page lists: of ``kinds`` (any when empty), that may fall in the
    window [start, end] (kg.history.in_window), and that ``involving`` takes part in."""

    kinds: frozenset[EventKind] = frozenset()
    start: PartialDate | None = None
    end: PartialDate | None = None
    involving: str | None = None


_MATCH = """%(involving)s
  %(kinds)s
  ?ev fr:orderKey ?key .
  %(window)s"""

_COUNT = PREFIXES + "SELECT (COUNT(DISTINCT ?ev) AS ?n) (MIN(?key) AS ?first) WHERE {\n  %s\n}"

_PAGE = (
    PREFIXES
    + """SELECT DISTINCT ?ev ?key WHERE {
  %(match)s
  FILTER(%(band)s)
} ORDER BY ?key STR(?ev)%(limit)s"""
)

_WINDOW = """OPTIONAL { ?ev fr:date ?wdate }
  OPTIONAL { ?ev fr:notBefore ?wafter }
  FILTER(%s)"""
"""An event may fall in the window unless it ended before the window starts (its last day
is in its key) or began after it ends (its date's first day, else its ``notBefore``'s);
an event with neither a last day nor a first day falls in no window."""


def _match(chosen: EventFilter) -> str | None:
    """The graph pattern of the filter's events, each with its ``?key``; None when the
    filter can match nothing (an ``involving`` that is no IRI)."""
    involving = kinds = window = ""
    if chosen.involving is not None:
        try:
            entity = NamedNode(chosen.involving)
        except ValueError:
            return None
        involving = f"?ev ?role {entity} . {one_of('role', ROLE_PROPERTIES)}"
    if chosen.kinds and set(chosen.kinds) != set(EventKind):
        classes = [getattr(FRN, k.value) for k in sorted(chosen.kinds, key=lambda k: k.value)]
        kinds = f"?ev rdf:type ?type . {one_of('type', classes)}"
    if chosen.start is not None or chosen.end is not None:
        undated = _literal(UNDATED_KEY)
        tests = [f"(?key != {undated} || BOUND(?wafter))"]
        if chosen.start is not None:
            ended = _literal(end_key(chosen.start.start) + "9")
            tests.append(f"(?key < {ended} || ?key = {undated})")
        if chosen.end is not None:
            last = _literal(chosen.end.end.isoformat())
            tests.append(f"STR(COALESCE(?wdate, ?wafter, {last})) <= {last}")
        window = _WINDOW % " && ".join(tests)
    return _MATCH % {"involving": involving, "kinds": kinds, "window": window}


def _literal(value: str) -> str:
    return str(Literal(value))


def event_page(
    store: GraphStore,
    chosen: EventFilter,
    after: tuple[str, str] | None = None,
    limit: int | None = None,
) -> tuple[list[tuple[str, str]], int]:
    """The (IRI, order key) of the events ``chosen`` names, newest first, after the keyset
    cursor ``after`` (an order key and an IRI), at most ``limit``; and how many events the
    whole list holds. Two round trips for most pages (the count, one band).

    :raises StoreError: if the store cannot answer.
    """
    match = _match(chosen)
    if match is None:
        return [], 0
    rows = store.select(_COUNT % match)
    total = int(text(rows[0].get("n")) or 0) if rows else 0
    first = text(rows[0].get("first")) if rows else None
    if first is None or limit == 0:
        return [], total
    found: list[tuple[str, str]] = []
    start = after[0] if after is not None else first
    begin = _after(after) if after is not None else f"?key >= {_literal(first)}"
    for width in _BANDS:
        stop = _band_end(start, width)
        band = begin if stop is None else f"{begin} && ?key < {_literal(stop)}"
        want = None if limit is None else limit - len(found)
        query = _PAGE % {
            "match": match,
            "band": band,
            "limit": "" if want is None else f" LIMIT {want}",
        }
        for row in store.select(query):
            iri, key = text(row.get("ev")), text(row.get("key"))
            if iri is not None and key is not None:
                found.append((iri, key))
        if stop is None or (limit is not None and len(found) >= limit):
            break
        begin = f"?key >= {_literal(stop)}"
    return found, total


def _after(cursor: tuple[str, str]) -> str:
    key, iri = (_literal(part) for part in cursor)
    return f"(?key > {key} || (?key = {key} && STR(?ev) > {iri}))"


def _band_end(start: str, width: int | None) -> str | None:
    """The key where a band of ``width`` from the key ``start`` ends (None: unbounded)."""
    if width is None or not start[:8].isdigit():
        return None
    end = int(start[:8]) + width
    return f"{end:08d}0" if end < 100_000_000 else None
