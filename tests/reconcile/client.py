"""A small client of the Reconciliation Service API 0.2, written from the specification's text
(the W3C Entity Reconciliation Community Group's "Reconciliation Service API v0.2"), not from
finreg's code: what OpenRefine 3.x does, minus the user interface.

It finds every service from the manifest (suggest and proposal URLs are ``service_url`` +
``service_path``; view and preview URLs are templates whose ``{{id}}`` is replaced by the
identifier encoded as a URI component), sends query batches by POST as a form (the primary
way) or by GET, and checks each answer against what the specification requires of it. The
checks are written from the specification's prose and JSON schemas, read, not fetched.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

import httpx

Json = dict[str, Any]

DATE_CELL = re.compile(
    r"^(-?(?:[1-9][0-9]*)?[0-9]{4})-(1[0-2]|0[1-9])-(3[01]|0[1-9]|[12][0-9])T(2[0-3]|[01][0-9])"
    r":([0-5][0-9]):([0-5][0-9])(\.[0-9]+)?(Z|[+-](?:2[0-3]|[01][0-9]):[0-5][0-9])?$"
)
"""A data extension ``date`` cell: an ISO date and time (the specification's pattern)."""


class SpecError(AssertionError):
    """An answer the specification does not allow."""


def expect(condition: bool, message: str) -> None:
    """Fail with ``message`` unless ``condition`` holds."""
    if not condition:
        raise SpecError(message)


class ReconciliationClient:
    """One reconciliation service, reached at ``endpoint`` through ``http``."""

    def __init__(self, http: httpx.Client, endpoint: str) -> None:
        self.http = http
        self.endpoint = endpoint
        self._manifest: Json | None = None

    # The manifest ------------------------------------------------------------------------

    @property
    def manifest(self) -> Json:
        """The service manifest: "When the reconciliation service endpoint is queried with a
        HTTP GET query without parameters, the service manifest MUST be returned."""
        if self._manifest is None:
            answer = self.http.get(self.endpoint)
            expect(answer.status_code == 200, f"manifest: {answer.status_code}")
            self._manifest = check_manifest(json_of(answer))
        return self._manifest

    # Reconciliation ----------------------------------------------------------------------

    def reconcile(self, batch: Json, *, method: str = "POST") -> Json:
        """The result batch for ``batch``: POST as a form field ``queries`` (MUST be
        supported), or GET with a ``queries`` parameter (SHOULD be)."""
        text = json.dumps(batch, ensure_ascii=False)
        if method == "POST":
            answer = self.http.post(self.endpoint, data={"queries": text})
        else:
            answer = self.http.get(self.endpoint, params={"queries": text})
        expect(answer.status_code == 200, f"reconcile: {answer.status_code} {answer.text}")
        return check_result_batch(json_of(answer), batch)

    def jsonp(self, params: dict[str, str], callback: str) -> Any:
        """An answer by JSONP (MAY be supported): the JSON inside ``callback(...)``."""
        answer = self.http.get(self.endpoint, params={**params, "callback": callback})
        expect(answer.status_code == 200, f"jsonp: {answer.status_code} {answer.text}")
        kind = answer.headers.get("content-type", "")
        expect("javascript" in kind, f"JSONP comes as JavaScript, not {kind}")
        found = re.fullmatch(
            rf"(?:/\*\*/)?{re.escape(callback)}\((.*)\);?\s*", answer.text, flags=re.S
        )
        expect(found is not None, f"JSONP is not a call of {callback}: {answer.text[:80]}")
        assert found is not None
        return json.loads(found.group(1))

    # Suggest, preview, view ---------------------------------------------------------------

    def _service(self, metadata: Json) -> str:
        return str(metadata["service_url"]) + str(metadata.get("service_path", ""))

    def suggest(self, what: str, prefix: str, **params: object) -> list[Json]:
        """Suggestions for ``prefix`` from the suggest service of ``what`` (entity, property,
        type): a GET with ``prefix`` (and ``cursor``)."""
        url = self._service(self.manifest["suggest"][what])
        answer = self.http.get(url, params={"prefix": prefix, **params})
        expect(answer.status_code == 200, f"suggest {what}: {answer.status_code} {answer.text}")
        return check_suggest(json_of(answer), what)

    def preview(self, entity_id: str) -> httpx.Response:
        """The preview of an entity: the template with ``{{id}}`` encoded as a URI component."""
        return self.http.get(template(self.manifest["preview"]["url"], entity_id))

    def view(self, entity_id: str) -> httpx.Response:
        """The view URL of an entity (not followed)."""
        return self.http.get(template(self.manifest["view"]["url"], entity_id))

    # Data extension -----------------------------------------------------------------------

    def propose(self, type_id: str | None = None, limit: int | None = None) -> Json:
        """The properties proposed for a type: a GET with ``type`` (and ``limit``)."""
        metadata = self.manifest["extend"]["propose_properties"]
        params: dict[str, object] = {}
        if type_id is not None:
            params["type"] = type_id
        if limit is not None:
            params["limit"] = limit
        answer = self.http.get(self._service(metadata), params=params)
        expect(answer.status_code == 200, f"propose: {answer.status_code} {answer.text}")
        return check_proposal(json_of(answer), type_id, limit)

    def extend(self, ids: list[str], properties: list[str]) -> Json:
        """A data extension response: POST a form field ``extend`` (MUST be supported)."""
        query = {"ids": ids, "properties": [{"id": p} for p in properties]}
        answer = self.http.post(self.endpoint, data={"extend": json.dumps(query)})
        expect(answer.status_code == 200, f"extend: {answer.status_code} {answer.text}")
        return check_extension(json_of(answer), query)


def template(url: str, entity_id: str) -> str:
    """A view or preview URL: ``{{id}}`` replaced by the identifier as a URI component."""
    return url.replace("{{id}}", quote(entity_id, safe=""))


def json_of(answer: httpx.Response) -> Any:
    """A JSON answer, with the CORS that every endpoint MUST enable."""
    kind = answer.headers.get("content-type", "")
    expect(kind.startswith("application/json"), f"JSON expected, not {kind}")
    expect(answer.headers.get("access-control-allow-origin") == "*", "no CORS header")
    return answer.json()


# What the specification requires of each answer ----------------------------------------------


def _type(value: Any, where: str) -> None:
    expect(isinstance(value, dict), f"{where}: a type is an object")
    expect(isinstance(value.get("id"), str) and value["id"] != "", f"{where}: a type has an id")
    expect(isinstance(value.get("name"), str) and value["name"] != "", f"{where}: and a name")


def check_manifest(manifest: Any) -> Json:
    """A service manifest: versions (with 0.2), name, identifierSpace, schemaSpace; view and
    preview templates with ``{{id}}``; preview width and height; suggest and extend."""
    expect(isinstance(manifest, dict), "the manifest is an object")
    for key in ("versions", "name", "identifierSpace", "schemaSpace"):
        expect(key in manifest, f"the manifest needs {key}")
    expect("0.2" in manifest["versions"], "versions must contain 0.2")
    for key in ("name", "identifierSpace", "schemaSpace"):
        expect(isinstance(manifest[key], str), f"{key} is a string")
    for item in manifest.get("defaultTypes", []):
        _type(item, "defaultTypes")
    ids = [t["id"] for t in manifest.get("defaultTypes", [])]
    expect(len(ids) == len(set(ids)), "defaultTypes are unique")
    for key in ("view", "preview"):
        if key in manifest:
            expect("{{id}}" in manifest[key]["url"], f"{key}.url contains {{{{id}}}}")
    if "preview" in manifest:
        for key in ("width", "height"):
            expect(isinstance(manifest["preview"][key], int), f"preview.{key} is an integer")
    for what, metadata in manifest.get("suggest", {}).items():
        expect(what in ("entity", "property", "type"), f"suggest.{what} is no suggest service")
        expect(isinstance(metadata.get("service_url"), str), f"suggest.{what}.service_url")
    if "batchSize" in manifest:
        expect(isinstance(manifest["batchSize"], int), "batchSize is an integer")
    return manifest


def check_result_batch(batch: Any, queries: Json) -> Json:
    """A reconciliation result batch: an object with a result per query id, each an array of
    candidates (id, name, score; optional description, type, features, match), sorted by
    decreasing score."""
    expect(isinstance(batch, dict), "a result batch is an object")
    expect(set(batch) == set(queries), f"results for {sorted(batch)}, queries {sorted(queries)}")
    for key, entry in batch.items():
        expect(isinstance(entry, dict) and isinstance(entry.get("result"), list), f"{key}.result")
        scores = []
        for candidate in entry["result"]:
            check_candidate(candidate, key)
            scores.append(candidate["score"])
        expect(scores == sorted(scores, reverse=True), f"{key}: sorted by decreasing score")
        limit = queries[key].get("limit")
        if limit is not None:
            expect(len(scores) <= limit, f"{key}: at most {limit} candidates")
    return batch


def check_candidate(candidate: Any, key: str) -> None:
    """One candidate: id, name, score, and the optional fields in their types."""
    expect(isinstance(candidate, dict), f"{key}: a candidate is an object")
    expect(isinstance(candidate.get("id"), str) and candidate["id"] != "", f"{key}: id")
    expect(isinstance(candidate.get("name"), str), f"{key}: name")
    score = candidate.get("score")
    expect(isinstance(score, int | float) and not isinstance(score, bool), f"{key}: score")
    if "match" in candidate:
        expect(isinstance(candidate["match"], bool), f"{key}: match is a boolean")
    if "description" in candidate:
        expect(isinstance(candidate["description"], str), f"{key}: description")
    for item in candidate.get("type", []):
        _type(item, f"{key}.type")
    ids = []
    for feature in candidate.get("features", []):
        expect(isinstance(feature.get("id"), str), f"{key}: a feature has an id")
        value = feature.get("value")
        expect(isinstance(value, bool | int | float), f"{key}: a feature's value")
        ids.append(feature["id"])
    expect(len(ids) == len(set(ids)), f"{key}: feature ids are unique")


def check_suggest(answer: Any, what: str) -> list[Json]:
    """A suggest response: ``result``, an array of items with id and name (entities may
    have ``notable`` types)."""
    expect(isinstance(answer, dict) and isinstance(answer.get("result"), list), "result")
    for item in answer["result"]:
        expect(isinstance(item.get("id"), str) and isinstance(item.get("name"), str), "item")
        if "description" in item:
            expect(isinstance(item["description"], str), "description")
        for notable in item.get("notable", []):
            expect(what == "entity", "notable is for entities only")
            if not isinstance(notable, str):
                expect("id" in notable, "a notable type has an id")
    result: list[Json] = answer["result"]
    return result


def check_proposal(answer: Any, type_id: str | None, limit: int | None) -> Json:
    """A property proposal: ``properties`` (id, name); ``type`` and ``limit`` as asked."""
    expect(isinstance(answer, dict) and isinstance(answer.get("properties"), list), "properties")
    for prop in answer["properties"]:
        expect(isinstance(prop.get("id"), str) and isinstance(prop.get("name"), str), "property")
    if type_id is not None:
        expect(answer.get("type") == type_id, "the proposal names the type asked")
    if limit is not None:
        expect(len(answer["properties"]) <= limit, "at most limit properties")
    return answer


def check_extension(answer: Any, query: Json) -> Json:
    """A data extension response: ``meta`` (id, name per property asked) and ``rows`` (for
    each id asked, for each property, a list of cells); a cell is one of the closed objects
    {}, {id, name[, description]}, {str}, {float}, {int}, {date}."""
    expect(isinstance(answer, dict), "an extension response is an object")
    asked = [p["id"] for p in query["properties"]]
    meta = answer.get("meta")
    expect(isinstance(meta, list) and [m.get("id") for m in meta] == asked, "meta")
    for m in meta:
        expect(isinstance(m.get("name"), str), "meta: a property has a name")
    rows = answer.get("rows")
    expect(isinstance(rows, dict) and set(rows) == set(query["ids"]), "a row per id")
    for entity_id, row in rows.items():
        expect(set(row) == set(asked), f"{entity_id}: a cell list per property")
        for prop, cells in row.items():
            expect(isinstance(cells, list), f"{entity_id}.{prop}: a list of cells")
            for cell in cells:
                check_cell(cell, f"{entity_id}.{prop}")
    return answer


def check_cell(cell: Any, where: str) -> None:
    """One cell: exactly one of the closed objects the specification lists."""
    expect(isinstance(cell, dict), f"{where}: a cell is an object")
    keys = set(cell)
    if keys in ({"id", "name"}, {"id", "name", "description"}):
        expect(all(isinstance(v, str) for v in cell.values()), f"{where}: entity cell")
    elif keys == {"str"}:
        expect(isinstance(cell["str"], str), f"{where}: str cell")
    elif keys == {"float"}:
        expect(isinstance(cell["float"], int | float), f"{where}: float cell")
    elif keys == {"int"}:
        expect(isinstance(cell["int"], int), f"{where}: int cell")
    elif keys == {"date"}:
        expect(bool(DATE_CELL.match(cell["date"])), f"{where}: date cell {cell['date']}")
    else:
        expect(keys == set(), f"{where}: {sorted(keys)} is no cell the specification allows")
