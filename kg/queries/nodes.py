"""Every node finreg mints, whatever its family: its classes, metrics, the facts that cite a
source (paged in the store), the notices that affect an entity, and the events of a feed
ordered by first report (paged in the store)."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Collection
from datetime import date

from pyoxigraph import Literal

from kg.dates import PartialDate
from kg.model import CitingFact, EventKind, Metric, Reported
from kg.queries._known import ROLE_PROPERTIES, entity_known, source_published
from kg.queries._rows import lang_text, local_name, text
from kg.queries._sparql import PREFIXES, nodes, one_of, values
from kg.store import GraphStore
from kg.vocab import FRN, NAMESPACE

_CLASSES = (
    PREFIXES
    + """SELECT ?x ?type WHERE {
  %(values)s
  ?x rdf:type ?type .
  FILTER(STRSTARTS(STR(?type), %(namespace)s))
}"""
)


def node_classes(store: GraphStore, iris: Collection[str]) -> dict[str, set[str]]:
    """For each of ``iris`` the store types, the local names of its finreg classes (one round
    trip); IRIs with none are left out."""
    if not nodes(iris):
        return {}
    query = _CLASSES % {"values": values("x", nodes(iris)), "namespace": Literal(NAMESPACE)}
    found: dict[str, set[str]] = defaultdict(set)
    for row in store.select(query):
        iri, kind = text(row.get("x")), local_name(row.get("type"))
        if iri is not None and kind is not None:
            found[iri].add(kind)
    return dict(found)


_METRICS = (
    PREFIXES
    + """SELECT ?m ?label WHERE {
  %(values)s
  ?m rdf:type fr:Metric .
  OPTIONAL { ?m rdfs:label ?label }
}"""
)


def metrics(store: GraphStore, iris: Collection[str]) -> dict[str, Metric]:
    """The metrics among ``iris`` with their labels (one round trip). A metric is vocabulary,
    cited to no source: it is known whatever the date the graph is read at."""
    if not nodes(iris):
        return {}
    labels: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in store.select(_METRICS % {"values": values("m", nodes(iris))}):
        iri = text(row.get("m"))
        if iri is None:
            continue
        found = labels.setdefault(iri, set())  # a metric with no label is still one
        if (label := lang_text(row.get("label"))) is not None:
            found.add(label)
    return {iri: Metric(iri, tuple(sorted(texts))) for iri, texts in labels.items()}


_CITING_ROWS = """%(source)s
    ?fact prov:wasDerivedFrom ?s ; rdf:type ?type .
    FILTER(STRSTARTS(STR(?type), %(namespace)s))
    OPTIONAL {
      ?fact prov:qualifiedDerivation ?d . ?d prov:entity ?s .
      OPTIONAL { ?d fr:locator ?loc }
      OPTIONAL { ?d fr:states ?st }
    }
    OPTIONAL { ?entity fr:name ?fact . ?fact fr:value ?value }
    BIND(COALESCE(STR(?loc), "") AS ?at)
    BIND(IF(REGEX(?at, "^\\\\[[0-9]+\\\\]"), REPLACE(?at, "^\\\\[([0-9]+)\\\\].*$", "$1"), "")
         AS ?marker)"""
"""Every fact citing ``?s``, once per place of the source it is cited at (its qualified
derivations; once without a place where it has none): a name with the entity bearing it.
``?marker`` is the number of the first citation marker ("3" of "[3][9]"), as text: compared
by length, then as text, it orders as a number without a cast (engines differ on a cast
that fails)."""

_CITING = (
    PREFIXES
    + """SELECT ?fact ?entity ?value ?type ?loc
       (GROUP_CONCAT(DISTINCT STR(?st); separator=" ") AS ?states) WHERE {
    %(rows)s
}
GROUP BY ?fact ?entity ?value ?type ?loc ?at ?marker
ORDER BY (IF(?marker = "", 1, 0)) (STRLEN(?marker)) ?marker ?at
  (COALESCE(STR(?entity), STR(?fact))) (STR(?value)) ?type
LIMIT %(limit)d OFFSET %(offset)d"""
)
"""The facts citing a source in the article's order: by the first citation marker's number
("[3]", "[3][9]"), then the locator's text, then the fact (a name by its entity and text);
facts cited at no marked place come last. Ordered and paged in the store."""

_CITING_COUNT = (
    PREFIXES
    + """SELECT (COUNT(*) AS ?n) WHERE {
  SELECT ?fact ?entity ?value ?type ?loc WHERE {
    %(rows)s
  }
  GROUP BY ?fact ?entity ?value ?type ?loc
}"""
)


def _citing_rows(source: str) -> str:
    return _CITING_ROWS % {
        "source": values("s", nodes([source])),
        "namespace": Literal(NAMESPACE),
    }


def citing(store: GraphStore, source: str, offset: int, limit: int) -> list[CitingFact]:
    """A page of the facts citing ``source`` (see _CITING), one round trip."""
    if not nodes([source]):
        return []
    query = _CITING % {"rows": _citing_rows(source), "limit": limit, "offset": offset}
    found = []
    for row in store.select(query):
        kind = local_name(row.get("type"))
        entity, fact = text(row.get("entity")), text(row.get("fact"))
        if kind is None or fact is None:
            continue
        said = text(row.get("states")) or ""
        states = frozenset(name for part in said.split() if (name := _local(part)) is not None)
        found.append(
            CitingFact(
                fact=entity if entity is not None else fact,
                kind=kind,
                locator=text(row.get("loc")),
                states=states,
                name=lang_text(row.get("value")) if entity is not None else None,
            )
        )
    return found


def _local(iri: str) -> str | None:
    """A property's local name (as kg.queries._rows.property_name gives it)."""
    return iri[len(NAMESPACE) :] if iri.startswith(NAMESPACE) else iri or None


def citing_count(store: GraphStore, source: str) -> int:
    """How many (fact, place) rows cite ``source`` in all (one round trip)."""
    if not nodes([source]):
        return 0
    rows = store.select(_CITING_COUNT % {"rows": _citing_rows(source)})
    return int(text(rows[0].get("n")) or 0) if rows else 0


_AFFECTING = (
    PREFIXES
    + """SELECT DISTINCT ?e ?nt WHERE {
  %(values)s
  ?nt fr:affects ?e ; rdf:type fr:Notice .
  %(known)s
}"""
)


def affecting(
    store: GraphStore, entity_iris: Collection[str], known_at: PartialDate | None = None
) -> dict[str, list[str]]:
    """For each entity, the notices that affect it (fr:affects), by IRI, sorted; with
    ``known_at``, the notices known by then. One round trip."""
    result: dict[str, list[str]] = {iri: [] for iri in entity_iris}
    if not nodes(entity_iris):
        return result
    query = _AFFECTING % {
        "values": values("e", nodes(entity_iris)),
        "known": entity_known("nt", known_at) if known_at is not None else "",
    }
    for row in store.select(query):
        entity, notice = text(row.get("e")), text(row.get("nt"))
        if entity in result and notice is not None:
            result[entity].append(notice)
    for found in result.values():
        found.sort()
    return result


_FIRST_REPORTED = (
    PREFIXES
    + """SELECT ?ev (MIN(?key) AS ?first) WHERE {
  %(involving)s
  %(classes)s
  ?ev rdf:type ?type ; prov:wasDerivedFrom ?src .
  ?src dcterms:issued ?issued .
  %(published)s
  BIND(STR(?issued) AS ?day)
  BIND(IF(STRLEN(?day) = 4, CONCAT(?day, "-12-31"),
          IF(STRLEN(?day) = 7, CONCAT(?day, "-31"), ?day)) AS ?key)
}
GROUP BY ?ev
ORDER BY DESC(?first) ?ev
LIMIT %(limit)d OFFSET %(offset)d"""
)
"""Events by first report, newest first (ties by IRI), ordered and paged in the store. The
key of a source's publication is the last day of its period as text ("2025-10" is
"2025-10-31", "2025" "2025-12-31"; a month's key may name a day it lacks, "2025-02-31",
which still sorts right), so that day, month and year dates compare as text on every
engine (see kg.queries._known)."""


def first_reported(
    store: GraphStore,
    kinds: Collection[EventKind] | None = None,
    involving: str | None = None,
    known_at: PartialDate | None = None,
    *,
    offset: int = 0,
    limit: int = 100,
) -> list[Reported]:
    """A page of the events of ``kinds`` (all when None) that ``involving`` takes part in
    (any role; every event when None), newest first report first (see _FIRST_REPORTED). With
    ``known_at``, only the sources published by then count: the events known by then. One
    round trip."""
    if involving is not None and not nodes([involving]):
        return []
    classes = [getattr(FRN, k.value) for k in (kinds or EventKind)]
    chosen = ""
    if involving is not None:
        chosen = f"{values('e', nodes([involving]))}\n  ?ev ?role ?e .\n  " + one_of(
            "role", ROLE_PROPERTIES
        )
    query = _FIRST_REPORTED % {
        "involving": chosen,
        "classes": values("type", classes) if involving is None else one_of("type", classes),
        "published": source_published("src", known_at) if known_at is not None else "",
        "limit": limit,
        "offset": offset,
    }
    found = []
    for row in store.select(query):
        iri, key = text(row.get("ev")), text(row.get("first"))
        if iri is not None and key is not None and (day := _day(key)) is not None:
            found.append(Reported(iri, day))
    return found


def _day(key: str) -> date | None:
    """The day a first-report key names ("2025-02-31" is the month's last day, 2025-02-28).

    >>> _day("2025-02-31"), _day("2024-10-24"), _day("nonsense")
    (datetime.date(2025, 2, 28), datetime.date(2024, 10, 24), None)
    """
    try:
        year, month, day = (int(part) for part in key.split("-"))
        return date(year, month, min(day, calendar.monthrange(year, month)[1]))
    except ValueError:
        return None
