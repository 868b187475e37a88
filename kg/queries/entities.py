"""Entities and their names: look-up by IRI, exact name resolution, ranked search."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from kg.dates import PartialDate
from kg.known import known_name
from kg.model import Entity, EntityKind, Name, NameKind
from kg.queries._known import entity_known, fact_known, known_values, source_published
from kg.queries._rows import citations, inferences, lang_text, local_name, partial_date, text
from kg.queries._sparql import PREFIXES, nodes, one_of, values
from kg.store import GraphStore, Row, Scope
from kg.vocab import FRN

ENTITY_CLASSES = [getattr(FRN, k.value) for k in EntityKind]

_ENTITIES = (
    PREFIXES
    + """SELECT ?e ?type ?n ?value ?kind ?from ?to ?src ?dsrc ?loc ?st ?inf ?iprop ?basis WHERE {
  {
    %(known)s
    ?e rdf:type ?type .
    %(classes)s
    OPTIONAL {
      ?e fr:name ?n .
      ?n fr:value ?value ; fr:nameKind ?kind .
      %(name_known)s
      OPTIONAL { ?n fr:validFrom ?from }
      OPTIONAL { ?n fr:validTo ?to }
      OPTIONAL { ?n prov:wasDerivedFrom ?src %(src_published)s }
    }
  } UNION {
    %(values)s
    ?e fr:name ?n .
    ?n prov:qualifiedDerivation ?d . ?d prov:entity ?dsrc .
    %(dsrc_published)s
    OPTIONAL { ?d fr:locator ?loc }
    OPTIONAL { ?d fr:states ?st }
  } UNION {
    %(values)s
    ?e fr:inference ?inf .
    OPTIONAL { ?inf fr:inferredProperty ?iprop }
    OPTIONAL { ?inf fr:basis ?basis }
  } UNION {
    %(values)s
    ?e fr:name ?n .
    ?n fr:inference ?inf .
    OPTIONAL { ?inf fr:inferredProperty ?iprop }
    OPTIONAL { ?inf fr:basis ?basis }
  }
}"""
)
"""Entities with their names; the names' qualified derivations (with what each states), the
inferences about the entity and those about its names, each in a branch of its own. Known
at a date (see kg.queries._known), the first branch keeps the entities known by then and
their names with a source published by then; the derivations keep those sources only."""


def entities(
    store: GraphStore, iris: Collection[str], known_at: PartialDate | None = None
) -> dict[str, Entity]:
    """The entities among ``iris``, with all their names, in one round trip; with
    ``known_at``, only the entities and names known by then (kg.known), each name cited
    only to the sources published by then."""
    if not nodes(iris):  # none, or none a valid IRI
        return {}
    chosen = values("e", nodes(iris))
    slots = {"known": chosen, "name_known": "", "src_published": "", "dsrc_published": ""}
    if known_at is not None:
        slots = {
            "known": known_values("e", nodes(iris), entity_known("e", known_at)),
            "name_known": fact_known("n", known_at),
            "src_published": ". " + source_published("src", known_at),
            "dsrc_published": source_published("dsrc", known_at),
        }
    query = _ENTITIES % {"values": chosen, "classes": one_of("type", ENTITY_CLASSES), **slots}
    return _build(store.select(query), known=known_at is not None)


def _build(rows: Iterable[Row], *, known: bool = False) -> dict[str, Entity]:
    kinds: dict[str, EntityKind] = {}
    names: dict[str, dict[object, list[Row]]] = defaultdict(lambda: defaultdict(list))
    inferred: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        iri = text(row["e"])
        if iri is None:
            continue
        if "n" in row:
            names[iri][row["n"]].append(row)
        elif "inf" in row:
            inferred[iri].append(row)
        kind = local_name(row.get("type"))
        if kind is not None:
            kinds.setdefault(iri, EntityKind(kind))
    result: dict[str, Entity] = {}
    for iri, entity_kind in kinds.items():
        built: list[Name] = []
        for name_rows in names[iri].values():
            first = next((r for r in name_rows if "value" in r), None)
            if first is None:
                continue
            value = lang_text(first.get("value"))
            name_kind = local_name(first.get("kind"))
            if value is None or name_kind is None:
                continue
            built.append(
                Name(
                    value=value[1],
                    lang=value[0],
                    kind=NameKind(name_kind),
                    valid_from=partial_date(first.get("from")),
                    valid_to=partial_date(first.get("to")),
                    citations=citations(r for r in name_rows if "inf" not in r),
                    inferences=inferences(r for r in name_rows if "inf" in r),
                )
            )
        if known:
            built = [known_name(n) for n in built]
        built.sort(key=lambda n: (n.lang, n.kind.value, n.value))
        result[iri] = Entity(
            iri=iri, kind=entity_kind, names=tuple(built), inferences=inferences(inferred[iri])
        )
    return result


_RESOLVE = (
    PREFIXES
    + """SELECT DISTINCT ?e WHERE {
  ?n fr:matchKey ?key .
  ?e fr:name ?n .
  %(known)s
}"""
)


def resolve_key(store: GraphStore, key: str, known_at: PartialDate | None = None) -> list[str]:
    """IRIs of the entities with a name whose normalised form is ``key`` (see kg.names); with
    ``known_at``, a name with a source published by then (a match key counts through the
    sources of its name)."""
    known = fact_known("n", known_at) if known_at is not None else ""
    rows = store.select(_RESOLVE % {"known": known}, {"key": Literal(key)})
    return sorted({iri for row in rows if (iri := text(row.get("e"))) is not None})


_GRAPH_NAMES = (
    PREFIXES
    + """SELECT ?e ?type ?value ?key ?pinyin WHERE {
  ?e fr:name ?n .
  ?n fr:matchKey ?key ; fr:value ?value .
  OPTIONAL { ?n fr:pinyinKey ?pinyin }
  ?e rdf:type ?type .
  %(classes)s
}"""
)
"""The names one graph gives, each with its entity's kind."""


@dataclass(frozen=True, slots=True)
class IndexedName:
    """One name of one entity, with the keys search matches against (see kg.names)."""

    iri: str
    kind: EntityKind
    value: str
    key: str
    pinyin: str | None


def graph_names(store: GraphStore, graph: NamedNode) -> list[IndexedName]:
    """Every name the graph ``graph`` gives, with its match and pinyin keys and its entity's
    kind (one round trip, reading that graph alone: the shapes have every node with a name
    typed in the file that names it)."""
    query = _GRAPH_NAMES % {"classes": values("type", ENTITY_CLASSES)}
    out = []
    shared: dict[str, str] = {}  # one string per entity IRI, however many names it has
    for row in store.select(query, scope=Scope(only=frozenset({graph}))):
        iri, kind = text(row.get("e")), local_name(row.get("type"))
        value, key = text(row.get("value")), text(row.get("key"))
        if iri and kind and value is not None and key is not None:
            iri = shared.setdefault(iri, iri)
            out.append(IndexedName(iri, EntityKind(kind), value, key, text(row.get("pinyin"))))
    return out


_NAMES_PUBLISHED = (
    PREFIXES
    + """SELECT ?e ?value ?issued WHERE {
  ?e fr:name ?n .
  ?n fr:matchKey ?key ; fr:value ?value ; prov:wasDerivedFrom ?src .
  ?src dcterms:issued ?issued .
}"""
)


def names_published(store: GraphStore) -> dict[tuple[str, str], PartialDate]:
    """For each (entity IRI, name) of the name index, the publication date of the earliest
    source that gives the entity that name (one round trip): when search may first find it.
    A source's date counts by its end, as a knownAt cut counts it ("2025-10" after
    "2025-10-24")."""
    found: dict[tuple[str, str], PartialDate] = {}
    for row in store.select(_NAMES_PUBLISHED):
        iri, value, issued = text(row.get("e")), text(row.get("value")), row.get("issued")
        published = partial_date(issued)
        if iri is None or value is None or published is None:
            continue
        earlier = found.get((iri, value))
        if earlier is None or published.end < earlier.end:
            found[(iri, value)] = published
    return found


_GRAPH_VERSIONS = (
    PREFIXES
    + """PREFIX void: <http://rdfs.org/ns/void#>
SELECT ?g ?modified WHERE {
  ?g rdf:type void:Dataset . OPTIONAL { ?g dcterms:modified ?modified }
}"""
)


def graph_versions(store: GraphStore) -> frozenset[tuple[str, str | None]]:
    """Each finreg graph with the time it was last loaded: a value that changes whenever a
    load or an unload changes the store (one small round trip)."""
    return frozenset(
        (graph, text(row.get("modified")))
        for row in store.select(_GRAPH_VERSIONS)
        if (graph := text(row.get("g"))) is not None
    )
