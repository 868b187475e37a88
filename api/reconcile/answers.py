"""What the reconciliation service answers, as JSON values: the manifest, reconciliation
results, suggestions, property proposals, and the preview card.

Functions taking a ``KnowledgeGraph`` block (they ask the store): the service runs them in
the reconciliation workload's threads.
"""

from __future__ import annotations

from typing import Any

from api.present.phrases import (
    entity_kind_label,
    licence_status_label,
    name_of,
    registration_label,
    word,
)
from api.reconcile import extend as extension
from api.reconcile.protocol import MAX_QUERIES, QUERY_PROPERTIES, Asked, type_id
from api.web.render import environment
from kg.knowledge import Candidate, KnowledgeGraph, MatchHow
from kg.model import Entity, EntityKind
from kg.vocab import DATA, NAME_KINDS, NAMESPACE

VERSIONS = ["0.1", "0.2"]
"""The versions of the Reconciliation Service API the service speaks (OpenRefine 3.x: 0.2)."""
PREVIEW_WIDTH, PREVIEW_HEIGHT = 420, 260
"""The preview card's frame, in pixels."""

Json = dict[str, Any]


def type_object(kind: EntityKind, lang: str) -> Json:
    """A type as the API gives it: the ontology class's IRI and its label."""
    return {"id": type_id(kind), "name": entity_kind_label(kind, lang)}


def manifest(base: str, root: str, lang: str) -> Json:
    """The service manifest of the service at ``base + root`` (``base`` the server's public
    address, ``root`` /reconcile or /reconcile/en)."""
    service = base + root
    return {
        "versions": VERSIONS,
        "name": word("service_name", lang),
        "identifierSpace": str(DATA),
        "schemaSpace": NAMESPACE,
        "defaultTypes": [type_object(k, lang) for k in EntityKind],
        "view": {"url": service + "/view?id={{id}}"},
        "preview": {
            "url": service + "/preview?id={{id}}",
            "width": PREVIEW_WIDTH,
            "height": PREVIEW_HEIGHT,
        },
        "suggest": {
            "entity": {"service_url": service, "service_path": "/suggest/entity"},
            "property": {"service_url": service, "service_path": "/suggest/property"},
            "type": {"service_url": service, "service_path": "/suggest/type"},
        },
        "extend": {"propose_properties": {"service_url": service, "service_path": "/properties"}},
        "batchSize": MAX_QUERIES,
    }


def reconcile(graph: KnowledgeGraph, batch: dict[str, Asked], lang: str) -> Json:
    """The reconciliation result batch for ``batch`` (blocking; two round trips in all)."""
    keys = list(batch)
    found = graph.reconcile([batch[k].query for k in keys])
    return {
        key: {"result": [_candidate(c, batch[key], lang) for c in candidates]}
        for key, candidates in zip(keys, found, strict=True)
    }


def _candidate(candidate: Candidate, asked: Asked, lang: str) -> Json:
    entity = candidate.entity
    name = name_of(entity, lang)
    answer: Json = {
        "id": entity.iri,
        "name": name,
        "type": [type_object(entity.kind, lang)],
        "score": candidate.score,
        "match": candidate.match,
        "features": _features(candidate, asked),
    }
    matched = candidate.name
    kind = entity_kind_label(entity.kind, lang)
    if matched is not None and matched.value != name:
        answer["description"] = word(
            "matched_name",
            lang,
            kind=kind,
            name_kind=entity_kind_label(matched.kind, lang),
            name=matched.value,
        )
    else:
        answer["description"] = kind
    return answer


def _features(candidate: Candidate, asked: Asked) -> list[Json]:
    """The matching features behind the score (booleans the client may weigh itself)."""
    query = asked.query
    how = candidate.how
    found = [
        {"id": "identifier", "value": how is MatchHow.IDENTIFIER},
        {"id": "name_exact", "value": how is MatchHow.EXACT},
        {"id": "name_company_form_variant", "value": how is MatchHow.VARIANT},
        {"id": "name_pinyin", "value": how in (MatchHow.PINYIN, MatchHow.PINYIN_PART)},
        {"id": "name_partial", "value": how in (MatchHow.PREFIX, MatchHow.SUBSTRING)},
        {"id": "name_legal_short_or_former", "value": candidate.strong},
    ]
    if query.dates:
        found.append({"id": "name_valid_on_date", "value": candidate.valid})
    if asked.unreadable:
        found.append({"id": "valid_on_unreadable", "value": True})
    return found


def suggest_entities(
    graph: KnowledgeGraph,
    prefix: str,
    kinds: list[EntityKind],
    cursor: int,
    limit: int,
    lang: str,
) -> Json:
    """Entities whose names start with ``prefix``, for a client's search box (blocking)."""
    hits, _more = graph.suggest(prefix, kinds, offset=cursor, limit=limit)
    entities = graph.entities([h.iri for h in hits])
    result = []
    for hit in hits:
        entity = entities.get(hit.iri)
        if entity is None:
            continue
        name = name_of(entity, lang)
        kind = entity_kind_label(entity.kind, lang)
        item: Json = {"id": entity.iri, "name": name, "notable": [type_object(entity.kind, lang)]}
        item["description"] = f"{kind} · {hit.matched}" if hit.matched != name else kind
        result.append(item)
    return {"result": result}


def query_properties(lang: str) -> list[Json]:
    """The properties a reconciliation query may give."""
    return [{"id": p, "name": word(f"prop_{p}", lang)} for p in QUERY_PROPERTIES]


def suggest_properties(prefix: str, lang: str) -> Json:
    """Properties whose id or name (in either language) contains ``prefix``: those a query
    may give, then those data extension offers."""
    listed = query_properties(lang) + extension.proposals(None, lang)
    wanted = prefix.strip().casefold()
    result = []
    for prop in listed:
        words = (prop["id"], word(f"prop_{prop['id']}", "zh"), word(f"prop_{prop['id']}", "en"))
        if not wanted or any(wanted in w.casefold() for w in words):
            result.append(prop)
    return {"result": result}


def suggest_types(prefix: str, lang: str) -> Json:
    """The entity kinds whose id or label (in either language) contains ``prefix``."""
    wanted = prefix.strip().casefold()
    result = []
    for kind in EntityKind:
        words = (kind.value, entity_kind_label(kind, "zh"), entity_kind_label(kind, "en"))
        if not wanted or any(wanted in w.casefold() for w in words):
            result.append(type_object(kind, lang))
    return {"result": result}


def preview(graph: KnowledgeGraph, iri: str, lang: str, page_url: str) -> tuple[str, int]:
    """The preview card of an entity: a small HTML document, escaped throughout; and its
    status (404 for an IRI that names no entity). Blocking."""
    card = environment().get_template("reconcile_preview.html")
    entity = graph.entity(iri) if iri.startswith(str(DATA)) else None
    if entity is None:
        return card.render(
            lang=lang, entity=None, message=word("not_in_finreg", lang, iri=iri)
        ), 404
    html = card.render(
        lang=lang,
        entity=entity,
        name=name_of(entity, lang),
        kind=entity_kind_label(entity.kind, lang),
        names=_other_names(entity, lang),
        status=_status(graph, entity, lang),
        status_label=word("status", lang),
        names_label=word("names", lang),
        page_url=page_url,
        open_page=word("open_page", lang),
    )
    return html, 200


def _status(graph: KnowledgeGraph, entity: Entity, lang: str) -> str | None:
    if entity.kind is EntityKind.COMPANY:
        return registration_label(graph.registration_statuses([entity.iri])[entity.iri], lang)
    if entity.kind is EntityKind.LICENCE:
        found = graph.licence_statuses([entity.iri])
        return licence_status_label(found[entity.iri], lang) if entity.iri in found else None
    return None


def _other_names(entity: Entity, lang: str) -> list[tuple[str, str, str]]:
    """The entity's names as (text, kind label, language tag), shown under its name."""
    shown = name_of(entity, lang)
    return [
        (n.value, entity_kind_label(n.kind, lang), n.lang)
        for n in sorted(entity.names, key=lambda n: (NAME_KINDS.index(n.kind.value), n.value))
        if n.value != shown
    ]
