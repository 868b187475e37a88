"""Reading what a reconciliation client sends: query batches, data extension queries, JSONP
callbacks, and the types and properties they name. Whatever is wrong is refused here, with an
HTTPException naming the problem (400, or 413 past a size limit), before any work is done.

The shapes are those of the Reconciliation Service API 0.2 (the W3C Entity Reconciliation
Community Group's specification): a batch is a JSON object of queries by id, each with
``query``, ``type`` (an id or a list of them), ``limit``, ``properties`` (``pid`` and ``v``,
one value or a list) and ``type_strict``; an extension query is ``{"ids": [...],
"properties": [{"id": ..., "settings": {...}}]}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException

from kg.dates import PartialDate
from kg.errors import InvalidDateError
from kg.knowledge import NameQuery
from kg.model import EntityKind
from kg.vocab import NAMESPACE

MAX_QUERIES = 50
"""The most queries in one batch (the manifest's ``batchSize``); more is answered 413."""
MAX_TEXT = 500
"""The longest query text or property value, in characters: no name comes near it."""
DEFAULT_LIMIT = 5
"""Candidates per query when the query gives no ``limit``."""
MAX_LIMIT = 25
"""The most candidates a query gets; a larger limit (OpenRefine's "maximum number of
candidates" is the user's to set) gets this many."""
MAX_PROPERTIES = 10
"""The most properties one query may give, and the most values one property may give."""
MAX_IDS = 100
"""The most entities one data extension query may ask about."""
MAX_EXTEND_PROPERTIES = 30
"""The most properties one data extension query may ask for."""

QUERY_PROPERTIES = ("validOn", "name")
"""The properties a reconciliation query may give: a date on which the name was valid, and
another name the entity bears."""

_CALLBACK = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]{0,63}(\.[A-Za-z_$][A-Za-z0-9_$]{0,63}){0,3}")
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?")
_QUERY_FIELDS = frozenset({"query", "type", "limit", "properties", "type_strict"})


def refuse(message: str, status: int = 400) -> HTTPException:
    """The HTTP refusal of a reconciliation request (answered as JSON by the face)."""
    return HTTPException(status, message)


def type_id(kind: EntityKind) -> str:
    """The id of a type: the ontology class's IRI (``fr:Company``...)."""
    return NAMESPACE + kind.value


def kind_of(type_name: object) -> EntityKind:
    """The entity kind a type id names: a class IRI of the ontology, or its local name.

    :raises HTTPException: 400 for anything else.

    >>> kind_of("https://w3id.org/finreg/ontology#Company"), kind_of("Product")
    (<EntityKind.COMPANY: 'Company'>, <EntityKind.PRODUCT: 'Product'>)
    """
    if isinstance(type_name, str):
        local = type_name[len(NAMESPACE) :] if type_name.startswith(NAMESPACE) else type_name
        if local in EntityKind._value2member_map_:
            return EntityKind(local)
    known = ", ".join(type_id(k) for k in EntityKind)
    raise refuse(f"unknown type {_shown(type_name)}: use one of {known}")


def check_callback(callback: str | None) -> str | None:
    """A JSONP callback name, checked: a JavaScript identifier (dotted at most three times),
    never anything that would run as script around the answer.

    :raises HTTPException: 400 for anything else.
    """
    if callback is None:
        return None
    if not _CALLBACK.fullmatch(callback):
        raise refuse(
            "callback must be a JavaScript identifier such as cb or jQuery123_456 "
            f"(letters, digits, _ and $; not {_shown(callback)})"
        )
    return callback


def read_json(text: str, parameter: str) -> Any:
    """The JSON a parameter carries.

    :raises HTTPException: 400 if it is not JSON.
    """
    try:
        return json.loads(text)
    except ValueError as error:
        raise refuse(f"{parameter} is not JSON: {error}") from error


@dataclass(frozen=True)
class Asked:
    """One query of a batch as read: the query, and the ``validOn`` values that are no date
    (不详, 2023-13). Such a row gets candidates but no match: its name cannot be checked
    against the date the journalist meant, and one bad cell should not fail its batch."""

    query: NameQuery
    unreadable: tuple[str, ...] = ()


def read_batch(text: str) -> dict[str, Asked]:
    """The queries of a reconciliation query batch, by id.

    :raises HTTPException: 400 for a malformed batch or query; 413 for more than
        MAX_QUERIES queries.
    """
    batch = read_json(text, "queries")
    if not isinstance(batch, dict):
        raise refuse('queries must be a JSON object of queries by id, such as {"q0": {...}}')
    if len(batch) > MAX_QUERIES:
        raise refuse(f"{len(batch)} queries in one batch; at most {MAX_QUERIES} are accepted", 413)
    return {str(key): _query(str(key), value) for key, value in batch.items()}


def _query(key: str, value: object) -> Asked:
    if not isinstance(value, dict):
        raise refuse(f"query {key} must be a JSON object with a query string")
    unknown = sorted(set(value) - _QUERY_FIELDS)
    if unknown:
        raise refuse(f"query {key} has unknown field(s) {', '.join(unknown)}")
    text = value.get("query")
    if text is not None and not isinstance(text, str):
        raise refuse(f"query {key}: query must be a string, not {_shown(text)}")
    if text is not None:
        _check_length(key, "query", text)
    properties = value.get("properties", [])
    if text is None and not properties:
        raise refuse(f"query {key} gives neither a query string nor properties")
    dates, unreadable, names = _properties(key, properties)
    if text is None and not names:
        raise refuse(f"query {key}: without a query string, give another name (pid name)")
    query = NameQuery(
        text=text.strip() if text is not None else None,
        kinds=frozenset(_types(key, value.get("type"))),
        dates=tuple(dates),
        also_named=tuple(names),
        limit=_limit(key, value.get("limit", DEFAULT_LIMIT)),
        may_match=not unreadable,
    )
    return Asked(query, tuple(unreadable))


def _types(key: str, given: object) -> list[EntityKind]:
    if given is None:
        return []
    listed = given if isinstance(given, list) else [given]
    if len(listed) > len(EntityKind):
        raise refuse(f"query {key} names {len(listed)} types; there are {len(EntityKind)}")
    return [kind_of(t) for t in listed]


def _limit(key: str, given: object) -> int:
    if isinstance(given, bool) or not isinstance(given, int | float) or given != int(given):
        raise refuse(f"query {key}: limit must be a positive integer, not {_shown(given)}")
    if int(given) < 1:
        raise refuse(f"query {key}: limit must be a positive integer, not {int(given)}")
    return min(int(given), MAX_LIMIT)


def _properties(key: str, given: object) -> tuple[list[PartialDate], list[str], list[str]]:
    """The dates, the date values that are no date, and the other names a query gives."""
    if not isinstance(given, list):
        raise refuse(f"query {key}: properties must be a list of {{pid, v}} objects")
    if len(given) > MAX_PROPERTIES:
        raise refuse(f"query {key} gives {len(given)} properties; at most {MAX_PROPERTIES}")
    dates: list[PartialDate] = []
    unreadable: list[str] = []
    names: list[str] = []
    for prop in given:
        if not isinstance(prop, dict) or "pid" not in prop or "v" not in prop:
            raise refuse(f"query {key}: each property is an object with pid and v")
        pid = prop["pid"]
        if pid not in QUERY_PROPERTIES:
            raise refuse(
                f"query {key}: unknown property {_shown(pid)}: use {' or '.join(QUERY_PROPERTIES)}"
            )
        values = prop["v"] if isinstance(prop["v"], list) else [prop["v"]]
        if len(values) > MAX_PROPERTIES:
            raise refuse(f"query {key}: property {pid} gives {len(values)} values; at most 10")
        for v in values:
            text = _value_text(key, pid, v)
            if text is None:
                continue
            if pid != "validOn":
                names.append(text)
            elif (date := _date(text)) is not None:
                dates.append(date)
            else:
                unreadable.append(text)
    return dates, unreadable, names


def _value_text(key: str, pid: str, value: object) -> str | None:
    """A property value as text: a string, a number, or an entity's name; None when blank."""
    if isinstance(value, dict):
        value = value.get("name", value.get("id"))
    if isinstance(value, bool) or value is None:
        raise refuse(f"query {key}: property {pid} cannot be {_shown(value)}")
    if isinstance(value, int | float):
        value = str(int(value)) if value == int(value) else str(value)
    if not isinstance(value, str):
        raise refuse(f"query {key}: property {pid} cannot be {_shown(value)}")
    _check_length(key, pid, value)
    return value.strip() or None


def _date(text: str) -> PartialDate | None:
    """A date property value: "2015", "2023-06", "2024-12-30", or a date cell's ISO date and
    time (OpenRefine sends those), of which the day counts; None for anything else."""
    timed = _DATETIME.fullmatch(text)
    try:
        return PartialDate.parse(timed.group(1) if timed else text)
    except InvalidDateError:
        return None


def _check_length(key: str, what: str, text: str) -> None:
    if len(text) > MAX_TEXT:
        raise refuse(
            f"query {key}: {what} is {len(text)} characters long; at most {MAX_TEXT} are accepted"
        )


@dataclass(frozen=True)
class ExtendQuery:
    """A data extension query: the entities, and the properties wanted of each."""

    ids: tuple[str, ...]
    properties: tuple[str, ...]


def read_extend(text: str, offered: Sequence[str]) -> ExtendQuery:
    """A data extension query, its properties among ``offered``.

    :raises HTTPException: 400 for a malformed query or an unknown property; 413 past
        MAX_IDS entities.
    """
    query = read_json(text, "extend")
    if not isinstance(query, dict):
        raise refuse('extend must be a JSON object: {"ids": [...], "properties": [{"id": ...}]}')
    ids, props = query.get("ids"), query.get("properties")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise refuse("extend: ids must be a list of entity ids (strings)")
    if not isinstance(props, list) or not all(
        isinstance(p, dict) and isinstance(p.get("id"), str) for p in props
    ):
        raise refuse('extend: properties must be a list of objects with an id, {"id": "status"}')
    if len(ids) > MAX_IDS:
        raise refuse(f"extend: {len(ids)} ids; at most {MAX_IDS} in one query", 413)
    if len(props) > MAX_EXTEND_PROPERTIES:
        raise refuse(f"extend: {len(props)} properties; at most {MAX_EXTEND_PROPERTIES}", 413)
    wanted = [str(p["id"]) for p in props]
    unknown = [p for p in wanted if p not in offered]
    if unknown:
        raise refuse(f"extend: unknown propert(ies) {', '.join(map(_shown, unknown))}")
    for i in ids:
        if len(i) > MAX_TEXT:
            raise refuse(f"extend: an id is {len(i)} characters long; at most {MAX_TEXT}")
    return ExtendQuery(tuple(dict.fromkeys(ids)), tuple(dict.fromkeys(wanted)))


def one_parameter(params: Mapping[str, list[str]], name: str) -> str | None:
    """The one value of a request parameter, None when absent.

    :raises HTTPException: 400 if it is given more than once.
    """
    found = params.get(name, [])
    if len(found) > 1:
        raise refuse(f"give one {name} parameter, not {len(found)}")
    return found[0] if found else None


def _shown(value: object) -> str:
    """A value the client sent, as an error message quotes it (cut short)."""
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
