"""Pages of events newest first, ordered and paged by the store on the order key.

Every event carries ``fr:orderKey`` (kg.dates.order_key, materialised on load by
kg.loaders.enrich): nine digits whose string order is "newest first", undated events last.
A page is the events after a keyset cursor (an order key and an IRI) in the order
``?key, STR(?ev)``, so paging costs the same on the thousandth page as on the first and
an event loaded between two pages neither repeats nor hides another.

Sorting or even scanning every key (tens of thousands at a million triples) is what a page
should not do: SPARQL stores sort the whole solution sequence before LIMIT, and a FILTER on
a range of keys still reads them all (no store indexes literals by their order). But the
keys are few per day (a day's last day and six precisions), so a page lists the keys of the
days it likely needs in a VALUES block, and the store looks each up in its index: it reads
only those events. How many days: twice what the filter's average density says (its
``summary``: the exact total, the first and the last dated key; one aggregate query over
every key, which the facade keeps while the store is unchanged), at most ``_DAYS_LISTED``.
The rest of a page that reaches past those days is read with a range filter after them. A
filter that matches few events (``_WHOLE``: a kind, a window, an entity) is read whole and in
order with its summary, and its pages are cut from that list until the store changes.
Either way the store orders, and the parts follow one another in key order, so a page is
the same as one ORDER BY over everything.
"""

from __future__ import annotations

import bisect
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, timedelta

from pyoxigraph import Literal, NamedNode

from kg.dates import UNDATED_KEY, PartialDate, end_key, key_day
from kg.model import EventKind
from kg.queries._known import ROLE_PROPERTIES
from kg.queries._rows import text
from kg.queries._sparql import PREFIXES, one_of
from kg.queries.entities import graph_versions
from kg.store import GraphStore
from kg.vocab import FRN


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
  %(key)s
  %(window)s"""

_SUMMARY = (
    PREFIXES
    + """SELECT (COUNT(DISTINCT ?ev) AS ?n) (MIN(STR(?key)) AS ?first)
       (MAX(IF(STR(?key) = %(undated)s, "", STR(?key))) AS ?last) WHERE {
  %(match)s
}"""
)

_PAGE = (
    PREFIXES
    + """SELECT DISTINCT ?ev ?key WHERE {
  %(keys)s
  %(match)s
  FILTER(%(band)s)
} ORDER BY ?key STR(?ev)%(limit)s"""
)

_DAYS_LISTED = 62
"""At most this many days of keys are listed in a page query (a longer list costs more to
read than a scan of every key; kg.queries.event_pages)."""


_WHOLE = 20_000
"""A filter that matches at most this many events is read whole, in order, once per store
version (its ``Summary.events``), and its pages are cut from that."""


@dataclass(frozen=True)
class Summary:
    """How many events a filter matches, and the first and the last dated order key among
    them (None when there are none); and, when they are few, all of them in order (order
    key, IRI)."""

    total: int
    first: str | None
    last: str | None
    events: tuple[tuple[str, str], ...] | None = None


def _match(chosen: EventFilter, *, by_kind: bool = False) -> str | None:
    """The graph pattern of the filter's events, each with its ``?key``; None when the
    filter can match nothing (an ``involving`` that is no IRI). Every test runs on the row
    it has (FILTER, EXISTS), so a page that lists its keys reads only those events.

    ``by_kind``: the pattern starts from the kinds' instances instead (each class a
    constant, one UNION branch per class, so the store reads its type index), for a read
    of every event of a kind (the summary): checking the type of each row of a scan of
    every ``rdf:type`` took 3.8 s for one kind at 10M, the constant 0.1 s. Not with
    ``involving``, whose entity already names the few events to check."""
    involving = kinds = window = ""
    key = "?ev fr:orderKey ?key ."
    if chosen.involving is not None:
        try:
            entity = NamedNode(chosen.involving)
        except ValueError:
            return None
        involving = f"?ev ?role {entity} . {one_of('role', ROLE_PROPERTIES)}"
    if chosen.kinds and set(chosen.kinds) != set(EventKind):
        classes = [getattr(FRN, k.value) for k in sorted(chosen.kinds, key=lambda k: k.value)]
        if by_kind and chosen.involving is None:
            kinds = " UNION ".join(f"{{ ?ev rdf:type {c} . {key} }}" for c in classes)
            key = ""
        else:
            kinds = f"?ev rdf:type ?type . {one_of('type', classes)}"
    if chosen.start is not None or chosen.end is not None:
        undated = _literal(UNDATED_KEY)
        tests = [f"(STR(?key) != {undated} || EXISTS {{ ?ev fr:notBefore ?b }})"]
        if chosen.start is not None:
            ended = _literal(end_key(chosen.start.start) + "9")
            tests.append(f"(STR(?key) < {ended} || STR(?key) = {undated})")
        if chosen.end is not None:
            last = _literal(chosen.end.end.isoformat())
            tests.append(_BEGUN % {"last": last})
        window = f"FILTER({' && '.join(tests)})"
    return _MATCH % {"involving": involving, "kinds": kinds, "key": key, "window": window}


_BEGUN = """NOT EXISTS { ?ev fr:date ?d FILTER(STR(?d) > %(last)s) }
    && (EXISTS { ?ev fr:date ?d2 }
        || NOT EXISTS { ?ev fr:notBefore ?b2 FILTER(STR(?b2) > %(last)s) })"""
"""The event had begun by the window's last day: its date's first day, else its notBefore's
(a partial date's text compares with a day's as its first day does)."""


def _literal(value: str) -> str:
    """A plain literal; keys are compared as STR(?key), since Virtuoso compares a stored
    xsd:string with a plain literal by neither ``<`` nor MIN."""
    return str(Literal(value))


def summary(store: GraphStore, chosen: EventFilter) -> Summary:
    """How many events ``chosen`` names, and their first and last dated order keys (one
    round trip, reading every order key); when they are few (``_WHOLE``), all of them in
    order (a second).

    :raises StoreError: if the store cannot answer.
    """
    match = _match(chosen, by_kind=True)
    if match is None:
        return Summary(0, None, None)
    rows = store.select(_SUMMARY % {"match": match, "undated": _literal(UNDATED_KEY)})
    row = rows[0] if rows else {}
    total = int(text(row.get("n")) or 0)
    if total <= _WHOLE:
        whole = _select(store, match, "", "true", None)
        return Summary(len(whole), text(row.get("first")), text(row.get("last")) or None,
                       tuple((key, iri) for iri, key in whole))  # fmt: skip
    return Summary(
        int(text(row.get("n")) or 0), text(row.get("first")), text(row.get("last")) or None
    )


def event_page(
    store: GraphStore,
    chosen: EventFilter,
    known: Summary,
    after: tuple[str, str] | None = None,
    limit: int | None = None,
) -> list[tuple[str, str]]:
    """The (IRI, order key) of the events ``chosen`` names, newest first, after the keyset
    cursor ``after`` (an order key and an IRI), at most ``limit``. ``known`` is the filter's
    ``summary`` (which a caller keeps while the store is unchanged). One round trip when
    the page lies within the days a query lists, two when it reaches past them.

    :raises StoreError: if the store cannot answer.
    """
    match = _match(chosen)
    if match is None or known.first is None or limit == 0:
        return []
    if known.events is not None:
        at = 0 if after is None else bisect.bisect_right(known.events, after)
        return [(iri, key) for key, iri in known.events[at : None if limit is None else at + limit]]
    start = after[0] if after is not None else known.first
    begin = _after(after) if after is not None else f"STR(?key) >= {_literal(known.first)}"
    found: list[tuple[str, str]] = []
    listed = _listed(known, start, limit)
    if listed is not None:
        found += _select(store, match, f"VALUES ?key {{ {' '.join(listed)} }}", begin, limit)
        if len(found) == limit:
            return found
        begin = f"STR(?key) > {listed[-1]}"
    want = None if limit is None else limit - len(found)
    return found + _select(store, match, "", begin, want)


def _select(
    store: GraphStore, match: str, keys: str, band: str, limit: int | None
) -> list[tuple[str, str]]:
    query = _PAGE % {
        "keys": keys,
        "match": match,
        "band": band,
        "limit": "" if limit is None else f" LIMIT {limit}",
    }
    found = []
    for row in store.select(query):
        iri, key = text(row.get("ev")), text(row.get("key"))
        if iri is not None and key is not None:
            found.append((iri, key))
    return found


def _listed(known: Summary, start: str, limit: int | None) -> list[str] | None:
    """The keys of the days from the day of ``start`` that a page of ``limit`` likely needs
    (twice what the events' average density says), or None when listing them would cost
    more than a scan (or ``start`` is the undated key)."""
    first, last, begin = (key_day(k) for k in (known.first, known.last, start))
    if limit is None or first is None or last is None or begin is None:
        return None
    span = max((first - last).days + 1, 1)
    days = max(1, math.ceil(2 * limit * span / max(known.total, 1)))
    return _keys(begin, days) if days <= _DAYS_LISTED else None


def _keys(day: date, days: int) -> list[str]:
    """Every order key of the ``days`` days back from ``day``, in key order."""
    out: list[str] = []
    for _ in range(days):
        out += [_literal(f"{end_key(day)}{rank}") for rank in range(6)]
        if day == date.min:
            break
        day -= timedelta(days=1)
    return out


def _after(cursor: tuple[str, str]) -> str:
    key, iri = (_literal(part) for part in cursor)
    return f"(STR(?key) > {key} || (STR(?key) = {key} && STR(?ev) > {iri}))"


class Summaries:
    """Each filter's ``summary``, kept while the store is unchanged: every page polls the
    graphs' load stamps first (GraphStore.graph_versions: no I/O on the embedded store, one
    request to a server; as kg.name_index does), and a change drops
    them all. So a page's total is exact as of that page, and the scan a summary costs is
    paid once per filter and store version, not once per page. Thread-safe; keeps at most
    ``size`` filters and ``listed`` listed events in all (a summary of few events lists them
    all: about 250 bytes each), least recently used out first.

    The bounds are generous on purpose: clients that page through a few hundred filters in
    turn (a feed reader, the bench's request mix of 312 kinds-by-year and ~150 entities)
    must not evict each filter before its next turn, or every page pays the scan again (at
    256 filters, first in first out, that cut the 1M throughput to 20 requests/s)."""

    def __init__(self, store: GraphStore, size: int = 4096, listed: int = 500_000) -> None:
        self._store = store
        self._size = size
        self._listed = listed
        self._lock = threading.Lock()
        self._version: frozenset[tuple[str, str | None]] | None = None
        self._kept: OrderedDict[EventFilter, Summary] = OrderedDict()
        self._kept_events = 0

    def get(self, chosen: EventFilter) -> Summary:
        """The summary of ``chosen`` as the store stands now.

        :raises StoreError: if the store cannot answer.
        """
        version = graph_versions(self._store)
        with self._lock:
            if version != self._version:
                self._kept.clear()
                self._kept_events = 0
                self._version = version
            kept = self._kept.get(chosen)
            if kept is not None:
                self._kept.move_to_end(chosen)
                return kept
        # Read after the stamps: a load in between leaves this summary under the older
        # stamps, which the next page finds changed.
        found = summary(self._store, chosen)
        with self._lock:
            if self._version == version and chosen not in self._kept:
                self._kept[chosen] = found
                self._kept_events += _listed_count(found)
                while len(self._kept) > self._size or self._kept_events > self._listed:
                    _, dropped = self._kept.popitem(last=False)
                    self._kept_events -= _listed_count(dropped)
        return found


def _listed_count(kept: Summary) -> int:
    """How many events a summary lists (none when it only counts them)."""
    return len(kept.events) if kept.events is not None else 0
