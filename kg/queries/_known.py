"""SPARQL for the graph as known on a date (``knownAt``): which sources had been published by
then, and so which facts and entities a reader could have known.

A source counts once the whole period of its publication date has ended by the end of the
``known_at`` period: "2025-10-24" counts for 2025-10-24 itself, "2025-10" only from
2025-10-31 (or ``known_at`` "2025-10"), "2025" only from 2025-12-31. Dates are compared as
text, precision by precision (a day with the last day that counts, a month with the last
whole month, a year with the last whole year): the loader keeps every date as "YYYY",
"YYYY-MM" or "YYYY-MM-DD", and string comparison answers the same on every engine (Oxigraph
and Virtuoso compare xsd:gYear, xsd:gYearMonth and xsd:date values differently, or not at
all, against each other).

A fact (a name, an event, a relationship, a figure, a licence's or a notice's own
statements) is known when one of its ``prov:wasDerivedFrom`` sources counts; an entity when
one of the facts about it is (the same facts as ``sources.sources_about`` reads). Every
fragment here is empty-handed without a date: callers add nothing then, so the ordinary
queries stay exactly as they were.

>>> cutoffs(PartialDate.parse("2025-10-24"))
('2025-10-24', '2025-09', '2024')
>>> cutoffs(PartialDate.parse("2025-10"))
('2025-10-31', '2025-10', '2024')
>>> cutoffs(PartialDate.parse("2025"))
('2025-12-31', '2025-12', '2025')
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

from pyoxigraph import Literal, NamedNode

from kg.dates import PartialDate
from kg.queries._sparql import one_of, values
from kg.vocab import FRN, ROLES

ROLE_PROPERTIES = [getattr(FRN, r) for r in ROLES]
"""The participant roles (subproperties of fr:participant in the ontology)."""


def cutoffs(known_at: PartialDate) -> tuple[str, str, str]:
    """The last day, the last whole month and the last whole year that had ended by the end
    of ``known_at``, as "YYYY-MM-DD", "YYYY-MM" and "YYYY"."""
    end = known_at.end
    month_end = date(end.year, end.month, calendar.monthrange(end.year, end.month)[1])
    last_month = end if end == month_end else end.replace(day=1) - timedelta(days=1)
    last_year = end.year if (end.month, end.day) == (12, 31) else end.year - 1
    return end.isoformat(), f"{last_month.year:04d}-{last_month.month:02d}", f"{last_year:04d}"


def published(issued: str, known_at: PartialDate) -> str:
    """A FILTER that keeps ``?issued`` (a source's dcterms:issued) to publication dates whose
    whole period had ended by the end of ``known_at``."""
    day, month, year = (str(Literal(c)) for c in cutoffs(known_at))
    text = f"STR(?{issued})"
    return (
        f"FILTER((STRLEN({text}) = 10 && {text} <= {day})"
        f" || (STRLEN({text}) = 7 && {text} <= {month})"
        f" || (STRLEN({text}) = 4 && {text} <= {year}))"
    )


def source_published(source: str, known_at: PartialDate) -> str:
    """Patterns that keep ``?source`` to sources published by ``known_at``."""
    return f"?{source} dcterms:issued ?{source}_issued . {published(source + '_issued', known_at)}"


def fact_known(fact: str, known_at: PartialDate) -> str:
    """A FILTER that keeps ``?fact`` to facts with a source published by ``known_at``."""
    source = f"{fact}_known_src"
    return (
        f"FILTER EXISTS {{ ?{fact} prov:wasDerivedFrom ?{source} . "
        f"{source_published(source, known_at)} }}"
    )


_ABOUT = """{ ?%(e)s fr:name ?%(p)sn . ?%(p)sn prov:wasDerivedFrom ?%(p)ssrc }
    UNION { ?%(p)sev ?%(p)srole ?%(e)s . %(roles)s ?%(p)sev prov:wasDerivedFrom ?%(p)ssrc }
    UNION { ?%(p)sfact fr:figureOf|fr:owner|fr:owned|fr:operator|fr:product|fr:partner|fr:partnerOf
            ?%(e)s . ?%(p)sfact prov:wasDerivedFrom ?%(p)ssrc }
    UNION { ?%(p)sfact fr:heldBy ?%(e)s . ?%(p)sfact fr:name ?%(p)sn .
            ?%(p)sn prov:wasDerivedFrom ?%(p)ssrc }
    UNION { ?%(e)s prov:wasDerivedFrom ?%(p)ssrc }"""
"""The facts about ``?e`` and their sources (``?<p>src``): its names, the events it takes part
in, the relationships and figures about it, the names of licences it holds, its own
statements. Its variables are prefixed, so that it can sit inside a query that uses the
same names."""


def about(entity: str, prefix: str) -> str:
    """The facts about ``?entity`` and their sources, bound to ``?<prefix>src``."""
    return _ABOUT % {
        "e": entity,
        "p": prefix,
        "roles": one_of(f"{prefix}role", ROLE_PROPERTIES),
    }


def entity_known(entity: str, known_at: PartialDate) -> str:
    """A FILTER that keeps ``?entity`` to entities with a fact whose source was published by
    ``known_at``."""
    prefix = f"{entity}_known_"
    return (
        f"FILTER EXISTS {{ {about(entity, prefix)} {source_published(prefix + 'src', known_at)} }}"
    )


def known_values(variable: str, terms: Iterable[NamedNode], check: str) -> str:
    """A VALUES block for ``?variable``, kept to the terms ``check`` (a FILTER) lets through:
    a group that yields the known terms only."""
    return f"{{ {values(variable, terms)} {check} }}"


def date_known(node: str, prop: str, known_at: PartialDate) -> str:
    """A FILTER that keeps a date of ``?node`` (its property ``prop``, such as ``fr:date``)
    where a source published by ``known_at`` states it (fr:states) or the editors inferred
    it: the index queries' form of kg.known's rule."""
    source = f"{node}_{prop.split(':')[-1]}_src"
    return (
        f"FILTER EXISTS {{ {{ ?{node} prov:qualifiedDerivation ?{source}_d . "
        f"?{source}_d fr:states {prop} ; prov:entity ?{source} . "
        f"{source_published(source, known_at)} }} "
        f"UNION {{ ?{node} fr:inference ?{source}_i . ?{source}_i fr:inferredProperty {prop} }} }}"
    )


def cited_slots(known_at: PartialDate | None) -> dict[str, str]:
    """The slots that keep a fact's sources (``?src``, ``?dsrc``) to those published by
    ``known_at``; empty without one."""
    if known_at is None:
        return {"src_published": "", "dsrc_published": ""}
    return {
        "src_published": ". " + source_published("src", known_at),
        "dsrc_published": source_published("dsrc", known_at),
    }
