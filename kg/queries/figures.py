"""Figures: the numbers the sources give about an entity (amounts, units, dates, periods,
comparators), by entity, by IRI, and dated for a chart."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from decimal import Decimal, InvalidOperation

from pyoxigraph import NamedNode

from kg.dates import PartialDate
from kg.known import known_figure
from kg.model import (
    Comparator,
    Figure,
)
from kg.queries._known import (
    cited_slots,
    date_known,
    fact_known,
)
from kg.queries._rows import (
    citations,
    inferences,
    lang_text,
    local_name,
    partial_date,
    text,
)
from kg.queries._sparql import PREFIXES, nodes, one_of, values
from kg.store import GraphStore, Row

_RELATIONSHIP_SIDES = """%(values)s
    ?r ?side ?e .
    FILTER(?side IN (fr:owner, fr:owned, fr:operator, fr:product, fr:partner, fr:partnerOf))"""

# The qualified derivations come in a branch of their own: as an OPTIONAL beside the others,
# Oxigraph reads every derivation in the store for it (seconds on a million triples).
_RELATIONSHIPS = (
    PREFIXES
    + """SELECT ?r ?type ?a ?b ?from ?to ?end ?direct ?controlling ?summary ?src ?dsrc ?loc ?st
       ?inf ?iprop ?basis WHERE {
  {
    %(sides)s
    ?r rdf:type ?type .
    FILTER(?type IN (fr:Stake, fr:Operation, fr:Partnership))
    ?r ?from_side ?a .
    FILTER(?from_side IN (fr:owner, fr:operator, fr:partner))
    ?r ?to_side ?b .
    FILTER(?to_side IN (fr:owned, fr:product, fr:partnerOf))
    OPTIONAL { ?r fr:validFrom ?from }
    OPTIONAL { ?r fr:validTo ?to }
    OPTIONAL { ?r fr:endNotAfter ?end }
    OPTIONAL { ?r fr:direct ?direct }
    OPTIONAL { ?r fr:controlling ?controlling }
    OPTIONAL { ?r fr:summary ?summary }
    OPTIONAL { ?r prov:wasDerivedFrom ?src %(src_published)s }
  } UNION {
    %(sides)s
    ?r prov:qualifiedDerivation ?d . ?d prov:entity ?dsrc .
    %(dsrc_published)s
    OPTIONAL { ?d fr:locator ?loc }
    OPTIONAL { ?d fr:states ?st }
  } UNION {
    %(sides)s
    ?r fr:inference ?inf .
    OPTIONAL { ?inf fr:inferredProperty ?iprop }
    OPTIONAL { ?inf fr:basis ?basis }
  }
}"""
)


_FIGURE_FIELDS = """?f rdf:type fr:Figure ; fr:figureOf ?e ; fr:metric ?metric ; fr:amount ?amount ;
       fr:unit ?unit ."""
"""What every figure has: its subject, metric, amount and unit."""

_FIGURE_LINK = """?f fr:figureOf ?e ; fr:metric ?metric ."""
"""Enough to tie a row of a figure's sources, inferences or conflicts to the figure (and to a
metric filter): only the figures the first branch finds are built, so the other branches
need not check every field again (a third of the query's time)."""

_FIGURES = (
    PREFIXES
    + """SELECT ?f ?e ?metric ?label ?amount ?unit ?date ?start ?comparator ?summary ?src
       ?dsrc ?loc ?st ?inf ?iprop ?basis ?other WHERE {
  {
    %(chosen)s
    %(fields)s
    OPTIONAL { ?metric rdfs:label ?label }
    OPTIONAL { ?f fr:date ?date }
    OPTIONAL { ?f fr:periodStart ?start }
    OPTIONAL { ?f fr:comparator ?comparator }
    OPTIONAL { ?f fr:summary ?summary }
    OPTIONAL { ?f prov:wasDerivedFrom ?src %(src_published)s }
  } UNION {
    %(chosen)s
    %(link)s
    ?f prov:qualifiedDerivation ?d . ?d prov:entity ?dsrc .
    %(dsrc_published)s
    OPTIONAL { ?d fr:locator ?loc }
    OPTIONAL { ?d fr:states ?st }
  } UNION {
    %(chosen)s
    %(link)s
    ?f fr:inference ?inf .
    OPTIONAL { ?inf fr:inferredProperty ?iprop }
    OPTIONAL { ?inf fr:basis ?basis }
  } UNION {
    %(chosen)s
    %(link)s
    { ?f fr:conflictsWith ?other } UNION { ?other fr:conflictsWith ?f }
    %(other_known)s
  }
}"""
)
"""Figures, chosen by subject (and metric) or by IRI; their qualified derivations (with what
each states), inferences and conflicting claims (read both ways) in branches of their own
(see _RELATIONSHIPS), which tie their rows to a figure by its subject and metric alone: only
the figures the first branch finds with every field are built. Known at a date, the figures
known by then (in every branch, so that no row of a later one outlives the cut), cited to
the sources published by then, and the conflicting figures known by then."""


def _figure_fields(known_at: PartialDate | None, fields: str = _FIGURE_FIELDS) -> str:
    """What every figure has (or ``fields``); known at a date, only figures known by then."""
    if known_at is None:
        return fields
    return fields + "\n    " + fact_known("f", known_at)


def figures(
    store: GraphStore,
    entity_iris: Collection[str],
    metric: str | None = None,
    known_at: PartialDate | None = None,
) -> dict[str, list[Figure]]:
    """For each entity, the figures about it (only of ``metric`` when given, by IRI), in one
    round trip; in no order. With ``known_at``, only those known by then (see _FIGURES)."""
    result: dict[str, list[Figure]] = {iri: [] for iri in entity_iris}
    metrics = nodes([metric]) if metric is not None else []
    if not nodes(entity_iris) or (metric is not None and not metrics):
        return result  # none, or none a valid IRI
    chosen = values("e", nodes(entity_iris))
    if metrics:  # a filter beside the entities' VALUES (see one_of)
        chosen += "\n    " + one_of("metric", metrics)
    for figure in _figures(store, chosen, known_at):
        if figure.subject in result:
            result[figure.subject].append(figure)
    return result


def figures_by_iri(
    store: GraphStore, iris: Collection[str], known_at: PartialDate | None = None
) -> dict[str, Figure]:
    """The figures among ``iris``, in two round trips; with ``known_at``, those known by then.

    Their subjects are read first, so that the figures' query starts from (figure, subject)
    pairs, as ``figures`` starts from subjects: from the figures alone, Virtuoso 7.2
    estimates the query at over 1,400 s and refuses it (its limit is 400 s)."""
    if not nodes(iris):  # none, or none a valid IRI
        return {}
    rows = store.select(_SUBJECTS % {"values": values("f", nodes(iris))})
    pairs = sorted(
        {(f, e) for row in rows if isinstance(f := row.get("f"), NamedNode)
         and isinstance(e := row.get("e"), NamedNode)},
        key=str,
    )  # fmt: skip
    if not pairs:
        return {}
    chosen = "VALUES (?f ?e) { " + " ".join(f"({f} {e})" for f, e in pairs) + " }"
    return {f.iri: f for f in _figures(store, chosen, known_at)}


_SUBJECTS = PREFIXES + "SELECT ?f ?e WHERE { %(values)s ?f fr:figureOf ?e }"
"""What each figure is about."""


def _figures(store: GraphStore, chosen: str, known_at: PartialDate | None) -> list[Figure]:
    query = _FIGURES % {
        "chosen": chosen,
        "fields": _figure_fields(known_at),
        "link": _figure_fields(known_at, _FIGURE_LINK),
        "other_known": fact_known("other", known_at) if known_at is not None else "",
        **cited_slots(known_at),
    }
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in store.select(query):
        if (iri := text(row.get("f"))) is not None:
            grouped[iri].append(row)
    found: list[Figure] = []
    for iri, rows in sorted(grouped.items()):
        first = next((r for r in rows if "amount" in r), None)
        if first is None:  # not a whole figure (the first branch found none)
            continue
        try:
            amount = Decimal(text(first.get("amount")) or "")
        except InvalidOperation:
            continue
        compared = local_name(next((c for r in rows if (c := r.get("comparator"))), None))
        found.append(
            Figure(
                iri=iri,
                subject=text(first.get("e")) or "",
                metric=text(first.get("metric")) or "",
                metric_labels=tuple(sorted({t for r in rows if (t := lang_text(r.get("label")))})),
                amount=amount,
                unit=text(first.get("unit")) or "",
                date=next((d for r in rows if (d := partial_date(r.get("date")))), None),
                period_start=next((d for r in rows if (d := partial_date(r.get("start")))), None),
                citations=citations(r for r in rows if "inf" not in r),
                comparator=Comparator(compared) if compared in _COMPARATORS else None,
                summaries=tuple(sorted({t for r in rows if (t := lang_text(r.get("summary")))})),
                inferences=inferences(rows),
                conflicts_with=tuple(
                    sorted({o for r in rows if (o := text(r.get("other"))) and o != iri})
                ),
            )
        )
    if known_at is not None:
        found = [known_figure(f) for f in found]
    return found


_COMPARATORS = {c.value for c in Comparator}

_FIGURE_INDEX = (
    PREFIXES
    + """SELECT ?f ?e ?date ?start WHERE {
  %(chosen)s
  %(fields)s
  OPTIONAL { ?f fr:date ?date %(date)s }
  OPTIONAL { ?f fr:periodStart ?start %(start)s }
}"""
)


def dated_figures(
    store: GraphStore,
    subject: str | None = None,
    metric: str | None = None,
    known_at: PartialDate | None = None,
) -> list[Figure]:
    """Every figure (about ``subject``, of ``metric`` where given, by IRI) with only its IRI,
    subject and dates: enough to filter, order and page before fetching details. One round
    trip (none when the subject or metric is no valid IRI). With ``known_at``, the figures
    known by then, with the dates known by then (kg.known)."""
    subjects = nodes([subject]) if subject is not None else []
    metrics = nodes([metric]) if metric is not None else []
    if (subject is not None and not subjects) or (metric is not None and not metrics):
        return []
    chosen = []
    if subjects:
        chosen.append(values("e", subjects))
    if metrics:  # the driver when no subject is given, else a filter beside it (see one_of)
        chosen.append(one_of("metric", metrics) if subjects else values("metric", metrics))
    query = _FIGURE_INDEX % {
        "chosen": "\n  ".join(chosen),
        "fields": _figure_fields(known_at),
        "date": date_known("f", "fr:date", known_at) if known_at is not None else "",
        "start": date_known("f", "fr:periodStart", known_at) if known_at is not None else "",
    }
    index: dict[str, Figure] = {}
    for row in store.select(query):
        iri = text(row.get("f"))
        if iri is None or iri in index:
            continue
        index[iri] = Figure(
            iri=iri,
            subject=text(row.get("e")) or "",
            metric=metric or "",
            metric_labels=(),
            amount=Decimal(0),
            unit="",
            date=partial_date(row.get("date")),
            period_start=partial_date(row.get("start")),
        )
    return list(index.values())
