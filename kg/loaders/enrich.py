"""Triples finreg derives from a file on load and stores in the file's own graph.

- ``fr:matchKey`` and ``fr:pinyinKey`` on every name, so name look-ups are exact matches
  over bound parameters in SPARQL (see kg.names for the normalisation).
- ``skos:prefLabel`` (one per language) and ``skos:altLabel`` on every entity, so generic RDF
  tools see its names.
- ``fr:succeededBy`` from each transferor to each transferee of a business transfer: a
  shortcut for speed; the events stay the truth.

Because the derived triples live in the file's graph, unloading the file removes them too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.names import match_key, pinyin_key
from kg.vocab import FR

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SKOS_PREF = NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
SKOS_ALT = NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
_N = {
    name: NamedNode(str(getattr(FR, name)))
    for name in (
        "name",
        "value",
        "nameKind",
        "validTo",
        "matchKey",
        "pinyinKey",
        "transferor",
        "transferee",
        "succeededBy",
        "BusinessTransfer",
        "LegalName",
        "ShortName",
        "Translation",
        "FormerName",
        "Alias",
    )
}
_PREFERENCE = {
    _N["LegalName"]: 0,
    _N["ShortName"]: 1,
    _N["Translation"]: 2,
    _N["Alias"]: 3,
    _N["FormerName"]: 4,
}

Subject = NamedNode | BlankNode


def derived_triples(triples: Sequence[Triple]) -> list[Triple]:
    """The triples finreg adds to a file's graph on load (see module docstring)."""
    by_subject: dict[Subject, dict[NamedNode, list[object]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for t in triples:
        by_subject[t.subject][t.predicate].append(t.object)  # type: ignore[index]
    out: list[Triple] = []
    out.extend(_name_keys(by_subject))
    out.extend(_labels(by_subject))
    out.extend(_succession(by_subject))
    existing = set(triples)
    return [t for t in dict.fromkeys(out) if t not in existing]


def _name_keys(by_subject: dict[Subject, dict[NamedNode, list[object]]]) -> list[Triple]:
    out: list[Triple] = []
    for node, props in by_subject.items():
        for value in props.get(_N["value"], []):
            if not isinstance(value, Literal):
                continue
            out.append(Triple(node, _N["matchKey"], Literal(match_key(value.value))))
            pinyin = pinyin_key(value.value)
            if pinyin:
                out.append(Triple(node, _N["pinyinKey"], Literal(pinyin)))
    return out


def _labels(by_subject: dict[Subject, dict[NamedNode, list[object]]]) -> list[Triple]:
    out: list[Triple] = []
    for entity, props in by_subject.items():
        candidates: list[tuple[int, Literal]] = []
        for name_node in props.get(_N["name"], []):
            name_props = by_subject.get(name_node)  # type: ignore[call-overload]
            if not name_props:
                continue
            ended = 1 if name_props.get(_N["validTo"]) else 0
            for kind in name_props.get(_N["nameKind"], []) or [None]:
                rank = _PREFERENCE.get(kind, 5) * 2 + ended
                for value in name_props.get(_N["value"], []):
                    if isinstance(value, Literal) and value.language:
                        candidates.append((rank, value))
        preferred: dict[str, Literal] = {}
        for _, value in sorted(candidates, key=lambda c: (c[0], c[1].value)):
            language = value.language or ""
            if language not in preferred:
                preferred[language] = value
        for value in preferred.values():
            out.append(Triple(entity, SKOS_PREF, value))
        chosen = set(preferred.values())
        for _, value in candidates:
            if value not in chosen:
                out.append(Triple(entity, SKOS_ALT, value))
    return out


def _succession(by_subject: dict[Subject, dict[NamedNode, list[object]]]) -> list[Triple]:
    out: list[Triple] = []
    for props in by_subject.values():
        if _N["BusinessTransfer"] not in props.get(RDF_TYPE, []):
            continue
        for transferor in props.get(_N["transferor"], []):
            for transferee in props.get(_N["transferee"], []):
                if isinstance(transferor, NamedNode) and isinstance(transferee, NamedNode):
                    out.append(Triple(transferor, _N["succeededBy"], transferee))
    return out
