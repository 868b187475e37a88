"""Triples finreg derives from a file on load and stores in the file's own graph.

- ``fr:matchKey`` and ``fr:pinyinKey`` on every name, so name look-ups are exact matches
  over bound parameters in SPARQL (see kg.names for the normalisation);
- ``skos:prefLabel`` (one per language) and ``skos:altLabel`` on every entity, so generic RDF
  tools see its names;
- ``fr:succeededBy`` from each transferor to each transferee of a business transfer: a
  shortcut for speed; the events stay the truth;
- ``fr:orderKey`` on every event the file types: the text the store orders event pages by,
  newest first (kg.dates.order_key, from the event's date or ``fr:notAfter`` in the same
  file; an event the file dates in no way gets the undated key).

Labels, successions and order keys come from the file's survey (they hang on IRIs only).
Name keys hang on the names' blank nodes, whose labels the store chose when it wrote the
file: so the keys of each name value are computed while the file is written, then attached
to the stored nodes read back from the staged graph. Because derived triples live in the
file's graph, unloading the file removes them too.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, Triple

from kg.dates import PartialDate, order_key
from kg.errors import InvalidDateError
from kg.loaders.survey import Survey
from kg.names import match_key, pinyin_key
from kg.store import Statement, Subject, Term
from kg.vocab import FRN, NAME_KINDS
from kg.w3c import SKOS_ALT_LABEL, SKOS_PREF_LABEL

PREFERENCE = {getattr(FRN, kind): rank for rank, kind in enumerate(NAME_KINDS)}
"""Which kind of name labels an entity first; an ended name after a current one."""

NameKeys = dict[str, tuple[Literal, Literal | None]]


def name_keys(values: Iterable[str], keys: NameKeys | None = None) -> NameKeys:
    """The match key and pinyin key of each name value (added to ``keys``, if given)."""
    keys = {} if keys is None else keys
    for value in values:
        if value not in keys:
            pinyin = pinyin_key(value)
            keys[value] = (Literal(match_key(value)), Literal(pinyin) if pinyin else None)
    return keys


def key_triples(names: Iterable[tuple[Subject, Term]], keys: NameKeys) -> list[Statement]:
    """``fr:matchKey`` and ``fr:pinyinKey`` for each stored name: ``names`` are its
    ``(name node, fr:value)`` pairs as the store holds them."""
    out: list[Statement] = []
    for node, value in names:
        if not isinstance(value, Literal):
            continue
        match, pinyin = keys.get(value.value) or name_keys([value.value])[value.value]
        out.append((node, FRN.matchKey, match))
        if pinyin is not None:
            out.append((node, FRN.pinyinKey, pinyin))
    return out


def survey_triples(survey: Survey) -> list[Triple]:
    """Labels, successions and order keys (see the module docstring) for the file
    ``survey`` describes."""
    return [*_labels(survey), *_successions(survey), *_order_keys(survey)]


def _labels(survey: Survey) -> list[Triple]:
    out: list[Triple] = []
    for entity, nodes in survey.names.items():
        if not isinstance(entity, NamedNode):
            continue
        candidates: list[tuple[int, Literal]] = []
        for node in nodes:
            ended = 1 if node in survey.ended else 0
            kinds: list[NamedNode | None] = list(survey.kinds.get(node, [])) or [None]
            for kind in kinds:
                rank = (PREFERENCE.get(kind, 5) if kind else 5) * 2 + ended
                candidates.extend(
                    (rank, value) for value in survey.values.get(node, []) if value.language
                )
        preferred: dict[str, Literal] = {}
        for _, value in sorted(candidates, key=lambda c: (c[0], c[1].value)):
            preferred.setdefault(value.language or "", value)
        out.extend(Triple(entity, SKOS_PREF_LABEL, v) for v in preferred.values())
        chosen = set(preferred.values())
        out.extend(
            Triple(entity, SKOS_ALT_LABEL, v)
            for v in dict.fromkeys(v for _, v in candidates)
            if v not in chosen
        )
    return out


def _successions(survey: Survey) -> list[Triple]:
    out: list[Triple] = []
    for event in survey.transfers:
        for transferor in survey.transferors.get(event, []):
            for transferee in survey.transferees.get(event, []):
                if isinstance(transferor, NamedNode) and isinstance(transferee, NamedNode):
                    out.append(Triple(transferor, FRN.succeededBy, transferee))
    return list(dict.fromkeys(out))


def _order_keys(survey: Survey) -> list[Triple]:
    out: list[Triple] = []
    for event in sorted(survey.events, key=lambda e: e.value):
        given = survey.dates.get(event, {})
        try:
            when, bound = (_partial(given.get(p)) for p in (FRN.date, FRN.notAfter))
        except InvalidDateError:
            continue  # the checks refuse the file before anything is written
        out.append(Triple(event, FRN.orderKey, Literal(order_key(when, bound))))
    return out


def _partial(value: Literal | None) -> PartialDate | None:
    return None if value is None else PartialDate.from_literal(value)


def name_values(survey: Survey) -> set[str]:
    """Every name value the file gives."""
    return {v.value for values in survey.values.values() for v in values}
