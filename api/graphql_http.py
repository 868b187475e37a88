"""GraphQL over HTTP at /graphql: strawberry's ASGI view with finreg's context and JSON rules.

Strawberry's refusals (malformed JSON, batches, a mutation over GET...) raise its
HTTPException, which the app's exception handlers (api.failures) answer through
:func:`error_response`: a GraphQL ``errors`` body, never strawberry's plain text. The body
limit is the app's (api.body_limit).

``application/graphql-response+json`` is answered when the Accept header prefers it to
``application/json`` (RFC 9110 negotiation, api.accept; a tie goes to ``application/json``,
the legacy type, so ``*/*`` keeps it): then a request that fails before execution has no
``data`` entry and is answered 400 (GraphQL over HTTP).

>>> wants_graphql_response("application/graphql-response+json, application/json;q=0.9")
True
>>> wants_graphql_response("application/graphql-response+json;q=0.0, application/json")
False
>>> wants_graphql_response("application/json;q=0.5, application/*")
True
"""

from __future__ import annotations

import json
import re
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

from api.accept import negotiate
from api.context import Context
from api.errors import OVERLOADED
from api.failures import Failure
from api.graphiql import graphiql_page
from api.state import AppRequest, state_of
from api.work import RETRY_AFTER

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"


def wants_graphql_response(accept: str | None) -> bool:
    """Whether the Accept header prefers ``application/graphql-response+json`` to JSON."""
    return negotiate(accept, (JSON, GRAPHQL_RESPONSE)) == GRAPHQL_RESPONSE


def _media_type(request: Request[Any]) -> str:
    return GRAPHQL_RESPONSE if wants_graphql_response(request.headers.get("accept")) else JSON


def error_response(request: AppRequest, failure: Failure) -> Response:
    """A failure of /graphql (a refusal, a body too large) as a GraphQL ``errors`` body."""
    return JSONResponse(
        {"errors": [{"message": failure.message}]},
        status_code=failure.status,
        headers=dict(failure.headers),
        media_type=_media_type(request),
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_lone_surrogate(value: object) -> bool:
    """Whether decoded JSON holds a string with a lone surrogate (from a ``\\ud800`` escape)."""
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(item) for item in value)
    return False


class FinregGraphQL(GraphQL[Context, None]):
    """Strawberry's view, plus: finreg's context, strict JSON in and UTF-8 JSON out,
    ``application/graphql-response+json`` when asked for, 503 when the API is overloaded.

    Its route calls :meth:`respond` (a Starlette endpoint, whose errors reach the app's
    exception handlers), not the view as an ASGI app (which answers refusals itself, in
    plain text); the route admits GET and POST, so other methods are the router's 405."""

    async def respond(self, request: Request) -> Response:
        """The /graphql endpoint: strawberry's answer, in ``application/graphql-response+json``
        when the client prefers it. Refusals propagate to the app's exception handlers."""
        response = await self.run(request)
        if response.media_type == JSON:
            if wants_graphql_response(request.headers.get("accept")):
                response.headers["content-type"] = GRAPHQL_RESPONSE
            status = getattr(request.state, "graphql_status", None)
            if status is not None:
                response.status_code = status
            if status == 503:
                response.headers["Retry-After"] = str(RETRY_AFTER)
        return response

    def decode_json(self, data: str | bytes) -> object:
        """JSON; text that is not UTF-8, nests too deep or holds a lone surrogate escape
        (``"\\ud800"``, no Unicode character) is malformed JSON too (a 400)."""
        try:
            value = json.loads(data)
            lone = _has_lone_surrogate(value)
        except (UnicodeDecodeError, RecursionError) as error:
            raise json.JSONDecodeError(str(error), "", 0) from error
        if lone:
            raise json.JSONDecodeError("a lone surrogate is no Unicode character", "", 0)
        return value

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        """The request's GraphQL parameters; a JSON body that is not an object (a string, a
        number, null) is a 400, not a crash (a list is a batch: refused, batching is off)."""
        content_type, _ = parse_content_type(request.content_type or "")
        if request.method == "POST" and "application/json" in content_type:
            body = self.parse_json(await request.get_body())
            if not isinstance(body, dict | list):
                raise HTTPException(400, "The request body must be a JSON object")
        return await super().parse_http_body(request)

    def encode_json(self, data: object) -> str:
        """JSON with Chinese text as it is (UTF-8), not as \\u escapes; all escapes if some
        text cannot be sent as UTF-8 (a lone surrogate echoed in an error message)."""
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return json.dumps(data, separators=(",", ":"))
        return text

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        """A fresh context (and so fresh loaders) for every request, on the app's graph and
        the GraphQL workload's threads."""
        state = state_of(request)
        http = request if isinstance(request, Request) else None
        return Context(
            graph=state["graph"],
            settings=state["settings"],
            request=http,
            work=state["work"].graphql,
        )

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL with the example queries."""
        return HTMLResponse(graphiql_page())

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """The response body; under ``application/graphql-response+json`` a request that
        failed before execution has no ``data`` entry and is answered 400 (GraphQL over
        HTTP); a result the overloaded API could not compute is answered 503."""
        body = await super().process_result(request, result)
        if any((e.extensions or {}).get("code") == OVERLOADED for e in result.errors or ()):
            request.state.graphql_status = 503
        elif isinstance(result, PreExecutionError) and wants_graphql_response(
            request.headers.get("accept")
        ):
            body.pop("data", None)
            request.state.graphql_status = 400
        return body
