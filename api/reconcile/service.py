"""The HTTP side of the reconciliation service: routes, parameters, JSON and JSONP, CORS.

Every handler reads its parameters (api.reconcile.protocol refuses what is wrong), runs its
blocking work in the reconciliation workload's threads within the settings' time limit
(api.work), and answers JSON, or JSONP when a valid ``callback`` is given. Errors are raised
to the app's exception handlers, which answer them as JSON on the service's JSON routes
(:func:`error_response`) and as pages on ``view`` and ``preview``, which browsers open.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import parse_qsl, urlencode

from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from api.failures import Failure
from api.reconcile import answers
from api.reconcile import extend as extension
from api.reconcile.protocol import (
    MAX_TEXT,
    check_callback,
    kind_of,
    one_parameter,
    read_batch,
    read_extend,
    refuse,
)
from api.state import AppRequest
from api.urls import page_path
from api.web.render import site_of
from api.work import deadline_after
from kg.errors import NotFoundError
from kg.knowledge import KnowledgeGraph

T = TypeVar("T")

ROOTS = {"zh": "/reconcile", "en": "/reconcile/en"}
"""The two services, one per language of names and labels: Chinese and English."""
JSON_PATHS = ("", "/suggest/entity", "/suggest/property", "/suggest/type", "/properties")
"""The routes under each root that answer JSON (errors too)."""
CORS = {"Access-Control-Allow-Origin": "*"}
"""Public, read-only, no cookies: the specification requires CORS on every endpoint."""
ALLOW = "GET, POST, OPTIONS"
FORM = "application/x-www-form-urlencoded"
MAX_CURSOR = 1000
"""The furthest a suggestion cursor may skip."""
SUGGESTIONS = 10
"""Suggestions per request, unless ``limit`` asks for fewer (at most 25)."""


def json_paths() -> list[str]:
    """Every path whose errors are JSON (for the app's table of faces, api.failures)."""
    return [root + path for root in ROOTS.values() for path in JSON_PATHS]


def error_response(request: AppRequest, failure: Failure) -> Response:
    """A failure of a JSON route: ``{"status": ..., "error": ...}`` with CORS, never JSONP
    (a script that failed to load tells its page nothing; the status code says it all)."""
    body = {"status": failure.status, "error": failure.message}
    return _json(body, None, failure.status, failure.headers)


def _json(
    value: object,
    callback: str | None,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """``value`` as JSON, or as JSONP when ``callback`` is given (already checked)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    sent = {**CORS, "X-Content-Type-Options": "nosniff", **dict(headers or {})}
    if callback is None:
        return Response(text, status, sent, media_type="application/json")
    # U+2028 and U+2029 are valid in JSON but ended a JavaScript string before ES2019; the
    # comment keeps a callback from being read as the start of another kind of file.
    script = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Response(f"/**/{callback}({script});", status, sent, media_type="text/javascript")


@dataclass(frozen=True)
class Service:
    """The reconciliation service in one language (its names, labels and type names)."""

    lang: str
    root: str

    def routes(self) -> list[Route]:
        """The service's routes under its root."""
        r = self.root
        return [
            Route(r, self.endpoint, methods=["GET", "POST", "OPTIONS"]),
            Route(r + "/suggest/entity", self.suggest_entity, methods=["GET"]),
            Route(r + "/suggest/property", self.suggest_property, methods=["GET"]),
            Route(r + "/suggest/type", self.suggest_type, methods=["GET"]),
            Route(r + "/properties", self.properties, methods=["GET"]),
            Route(r + "/view", self.view, methods=["GET"]),
            Route(r + "/preview", self.preview, methods=["GET"]),
        ]

    def base(self, request: AppRequest) -> str:
        """The server's public address: FINREG_BASE_URL, else the address asked."""
        return site_of(request)

    async def endpoint(self, request: AppRequest) -> Response:
        """The service endpoint: the manifest (a GET without a batch), a reconciliation
        query batch (``queries``) or a data extension query (``extend``), by GET or a POST
        form."""
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={**CORS, **_PREFLIGHT})
        params = await _parameters(request)
        callback = check_callback(one_parameter(params, "callback"))
        queries, extend = one_parameter(params, "queries"), one_parameter(params, "extend")
        if queries is not None and extend is not None:
            raise refuse("send queries or extend, not both")
        if queries is not None:
            batch = read_batch(queries)
            found = await _run(request, answers.reconcile, batch, self.lang)
            return _json(found, callback)
        if extend is not None:
            asked = read_extend(extend, list(extension.BY_ID))
            rows = await _run(request, extension.extend, asked, self.lang)
            return _json(rows, callback)
        if request.method == "POST":
            raise refuse("POST a form with queries=... or extend=...")
        return _json(answers.manifest(self.base(request), self.root, self.lang), callback)

    async def suggest_entity(self, request: AppRequest) -> Response:
        """Entities whose names start with ``prefix`` (``cursor`` skips, ``type`` narrows)."""
        params = _query_params(request)
        callback = check_callback(one_parameter(params, "callback"))
        prefix = _prefix(params)
        cursor = _number(one_parameter(params, "cursor"), "cursor", 0, MAX_CURSOR, 0)
        limit = _number(one_parameter(params, "limit"), "limit", 1, 25, SUGGESTIONS)
        kinds = [kind_of(t) for t in params.get("type", []) if t]
        found = await _run(
            request, answers.suggest_entities, prefix, kinds, cursor, limit, self.lang
        )
        return _json(found, callback)

    async def suggest_property(self, request: AppRequest) -> Response:
        """Properties whose id or name contains ``prefix``."""
        params = _query_params(request)
        callback = check_callback(one_parameter(params, "callback"))
        return _json(answers.suggest_properties(_prefix(params), self.lang), callback)

    async def suggest_type(self, request: AppRequest) -> Response:
        """Types whose id or name contains ``prefix``."""
        params = _query_params(request)
        callback = check_callback(one_parameter(params, "callback"))
        return _json(answers.suggest_types(_prefix(params), self.lang), callback)

    async def properties(self, request: AppRequest) -> Response:
        """The data extension properties proposed for ``type`` (all without one)."""
        params = _query_params(request)
        callback = check_callback(one_parameter(params, "callback"))
        given = one_parameter(params, "type")
        kind = kind_of(given) if given else None
        limit = _number(one_parameter(params, "limit"), "limit", 1, 100, None)
        body: dict[str, object] = {"properties": extension.proposals(kind, self.lang, limit)}
        if given:
            body["type"] = given
        if limit is not None:
            body["limit"] = limit
        return _json(body, callback)

    async def view(self, request: AppRequest) -> Response:
        """An entity's page: 303 to ``/page/<kind>/<slug>`` (404 for any other id)."""
        iri = one_parameter(_query_params(request), "id") or ""
        path = page_path(iri)
        if path is None:
            raise NotFoundError(iri)
        return RedirectResponse(self.base(request) + self._page(path), 303, headers=CORS)

    async def preview(self, request: AppRequest) -> Response:
        """An entity's preview card (HTML, for the client's frame)."""
        iri = one_parameter(_query_params(request), "id") or ""
        if len(iri) > MAX_TEXT:
            raise HTTPException(400, f"id is {len(iri)} characters long; at most {MAX_TEXT}")
        path = page_path(iri)
        page = self.base(request) + self._page(path) if path else ""
        html, status = await _run(request, answers.preview, iri, self.lang, page)
        return HTMLResponse(html, status, headers=CORS)

    def _page(self, path: str) -> str:
        return path + ("?" + urlencode({"lang": "en"}) if self.lang == "en" else "")


_PREFLIGHT = {
    "Access-Control-Allow-Methods": ALLOW,
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Max-Age": "86400",
    "Allow": ALLOW,
}


def reconcile_routes() -> list[Route]:
    """Every route of the reconciliation services, for ``Starlette(routes=[...])``."""
    return [route for lang, root in ROOTS.items() for route in Service(lang, root).routes()]


async def _run(request: AppRequest, function: Callable[..., T], *args: object) -> T:
    """``function(graph, *args)`` in the reconciliation workload, within the time limit.

    :raises TimeoutError: past the limit. :raises OverloadedError: if the room is full.
    """
    state = request.state
    graph: KnowledgeGraph = state["graph"]
    deadline = deadline_after(state["settings"].timeout)
    return await state["work"].reconcile.run(function, graph, *args, deadline=deadline)


def _query_params(request: AppRequest) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        params.setdefault(name, []).append(value)
    return params


async def _parameters(request: AppRequest) -> dict[str, list[str]]:
    """The parameters of a GET, or of a POST form (its URL's parameters too, for a
    callback)."""
    params = _query_params(request)
    if request.method != "POST":
        return params
    body = await request.body()
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != FORM and (body or media_type):
        raise HTTPException(
            415, f"POST a form ({FORM}), not {media_type or 'no type'}", {"Accept-Post": FORM}
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise refuse(f"the form is not UTF-8: {error}") from error
    for name, value in parse_qsl(text, keep_blank_values=True):
        params.setdefault(name, []).append(value)
    return params


def _prefix(params: dict[str, list[str]]) -> str:
    prefix = one_parameter(params, "prefix")
    if prefix is None:
        raise refuse("give prefix=..., the text typed so far")
    if len(prefix) > MAX_TEXT:
        raise refuse(f"prefix is {len(prefix)} characters long; at most {MAX_TEXT}")
    return prefix


def _number(given: str | None, name: str, low: int, high: int, default: T) -> int | T:
    if given is None or given == "":
        return default
    if not (given.isascii() and given.isdigit()) or not low <= int(given) <= high:
        raise refuse(f"{name} must be a whole number from {low} to {high}, not {given!r}")
    return int(given)
