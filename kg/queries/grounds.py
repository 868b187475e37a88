"""What each property of a fact rests on: the sources that state it, or the editors' inference.

A source cited by an event may state only some of its dates: 贝壳财经 gives the day a company
was deregistered, 经济网 only the month, and 国际金融报, cited for the same event, no date
at all. ``prov:qualifiedDerivation`` with ``fr:states`` says which source states which
property; ``fr:inference`` with ``fr:inferredProperty`` and ``fr:basis`` says which the
editors inferred, and why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from kg.model import Grounds
from kg.queries._rows import citations, lang_text, local_name, text
from kg.queries._sparql import PREFIXES, nodes, values
from kg.store import GraphStore, Row

_GROUNDS = (
    PREFIXES
    + """SELECT ?f ?p ?src ?loc ?basis WHERE {
  {
    %(values)s
    ?f prov:qualifiedDerivation ?d .
    ?d prov:entity ?src ; fr:states ?p .
    OPTIONAL { ?d fr:locator ?loc }
  } UNION {
    %(values)s
    ?f fr:inference ?i .
    ?i fr:inferredProperty ?p ; fr:basis ?basis .
  }
}"""
)


def grounds(store: GraphStore, iris: Collection[str]) -> dict[str, dict[str, Grounds]]:
    """For each fact among ``iris`` (an event, a name node, a relationship...), by the local
    name of each finreg property it states or infers (``date``, ``notAfter``...), what that
    property rests on. Facts with neither are left out. One round trip."""
    if not nodes(iris):  # none, or none a valid IRI
        return {}
    query = _GROUNDS % {"values": values("f", nodes(iris))}
    stated: dict[tuple[str, str], list[Row]] = defaultdict(list)
    bases: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for row in store.select(query):
        fact, prop = text(row.get("f")), local_name(row.get("p"))
        if fact is None or prop is None:
            continue
        basis = lang_text(row.get("basis"))
        if basis is not None:
            bases[(fact, prop)].add(basis)
        elif "src" in row:
            stated[(fact, prop)].append(row)
    result: dict[str, dict[str, Grounds]] = defaultdict(dict)
    for fact, prop in sorted(set(stated) | set(bases)):
        result[fact][prop] = Grounds(
            stated_by=citations(stated.get((fact, prop), [])),
            inferred=tuple(sorted(bases.get((fact, prop), set()))),
        )
    return dict(result)
