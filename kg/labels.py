"""Words for people, in Chinese or English: event kinds, roles, dates and what a hand-over moved.

Kind and role labels are the ontology's own ``rdfs:label`` (ontology/finreg.ttl, read once per
process on first use), so a label is written in one place only.

>>> kind_label(EventKind.BUSINESS_TRANSFER, "zh"), kind_label(EventKind.BUSINESS_TRANSFER, "en")
('业务承接', 'business transfer')
>>> role_label("transferee", "en")
'transferee'
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from rdflib import RDFS, Literal, URIRef

from kg.display import event_date
from kg.model import Entity, Event, EventKind, Transfer
from kg.schema import ontology_graph
from kg.vocab import FR

_WORDS = {
    "undated": {"zh": "日期不详", "en": "undated"},
    "no_handovers": {"zh": "无业务承接", "en": "no hand-overs"},
    "no_events": {"zh": "无事件", "en": "no events"},
    "handovers_of": {"zh": "{name} 的业务承接", "en": "Hand-overs of {name}"},
    "timeline_of": {"zh": "{name} 的事件时间线", "en": "Timeline of {name}"},
    "timeline": {"zh": "事件时间线", "en": "Timeline"},
}


def language(lang: str) -> str:
    """The interface language for a BCP 47 tag: "en" for English tags, else "zh"."""
    return "en" if lang.lower().split("-")[0] == "en" else "zh"


def word(key: str, lang: str, **values: str) -> str:
    """A fixed phrase of the pictures and exports in ``lang`` (zh or en), filled in."""
    return _WORDS[key][language(lang)].format(**values)


@lru_cache(maxsize=1)
def _labels() -> dict[tuple[str, str], str]:
    graph = ontology_graph()
    found: dict[tuple[str, str], str] = {}
    for subject, label in graph.subject_objects(RDFS.label):
        if isinstance(subject, URIRef) and isinstance(label, Literal) and label.language:
            found[(str(subject), label.language.lower())] = str(label)
    return found


def term_label(term: URIRef, lang: str) -> str:
    """The ontology's label of ``term`` in ``lang`` (zh or en), else its local name."""
    labels = _labels()
    for wanted in (language(lang), "zh", "en"):
        if (str(term), wanted) in labels:
            return labels[(str(term), wanted)]
    return str(term).rsplit("#", 1)[-1]


def kind_label(kind: EventKind, lang: str) -> str:
    """An event kind as a reader says it: 业务承接 / business transfer."""
    return term_label(FR[kind.value], lang)


def role_label(role: str, lang: str) -> str:
    """A participant role (the property's local name) as a reader says it: 转出方 / transferor."""
    try:
        return term_label(FR[role], lang)
    except AttributeError:
        return role


def date_label(event: Event, lang: str) -> str:
    """An event's date at its true precision ("2015", "≤2023-06"), or 日期不详 / undated."""
    text = event_date(event)
    return word("undated", lang) if text == "undated" else text


def entity_name(iri: str, entities: Mapping[str, Entity], lang: str) -> str:
    """The display name of ``iri`` in ``lang`` (falling back to other languages, then the IRI)."""
    found = entities.get(iri)
    return found.name(lang) if found is not None else iri


def moved(transfer: Transfer, entities: Mapping[str, Entity], lang: str) -> str:
    """What a hand-over moved: the transferred scope's names, else its scope note."""
    names = [entity_name(b, entities, lang) for b in transfer.business]
    if names:
        return ", ".join(names)
    notes = transfer.event.scope_notes
    for wanted in (language(lang), "zh", "en"):
        for note_lang, text in notes:
            if note_lang.lower().split("-")[0] == wanted:
                return text
    return notes[0][1] if notes else ""
