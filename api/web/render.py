"""Rendering pages: the Jinja2 environment (autoescaped), the page language of a request, the
time limit on a page's questions, and the 404 and 503 pages every handler falls back on."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from functools import lru_cache, wraps
from pathlib import Path
from typing import TypeVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from api.web.i18n import Ui, language
from kg.errors import FinregError, NotFoundError, StoreUnavailableError
from kg.knowledge import KnowledgeGraph

logger = logging.getLogger("api.web")

TEMPLATES = Path(__file__).resolve().parent / "templates"

T = TypeVar("T")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The pages' Jinja2 environment: autoescaping on, undefined names an error."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def ui_of(request: Request) -> Ui:
    """The page language the request asks for (``?lang=en``; Chinese otherwise)."""
    return Ui(language(request.query_params.get("lang")))


def render(request: Request, template: str, *, status: int = 200, **context: object) -> Response:
    """``template`` rendered in the request's language; the language switch keeps the query."""
    ui = ui_of(request)
    params = {k: v for k, v in request.query_params.items() if k != "lang"}
    html = (
        environment()
        .get_template(template)
        .render(**{"q": "", **context}, ui=ui, switch=ui.switched(request.url.path, params))
    )
    return HTMLResponse(html, status_code=status)


async def in_time(request: Request, function: Callable[..., T], *args: object) -> T:
    """``function(graph, *args)`` in a worker thread, within the settings' time limit.

    :raises StoreUnavailableError: while the app has no graph (starting or stopping).
    :raises TimeoutError: past the limit (the thread finishes on its own; its answer is lost).
    """
    graph: KnowledgeGraph | None = request.app.state.graph
    if graph is None:
        raise StoreUnavailableError("the store is not open yet")
    timeout: float = request.app.state.settings.timeout
    return await asyncio.wait_for(asyncio.to_thread(function, graph, *args), timeout)


def not_found(request: Request) -> Response:
    """The 404 page, in the request's language."""
    return render(request, "not_found.html", status=404, path=request.url.path)


def unavailable(request: Request) -> Response:
    """The 503 page: the store is unreachable or the question took too long."""
    seconds = request.app.state.settings.timeout
    return render(request, "unavailable.html", status=503, seconds=f"{seconds:g}")


Handler = Callable[[Request], Awaitable[Response]]


def guarded(handler: Handler) -> Handler:
    """A handler whose NotFoundError is the 404 page, and whose store failures and timeouts
    are the 503 page (logged), never a 500."""

    @wraps(handler)
    async def guarded_handler(request: Request) -> Response:
        try:
            return await handler(request)
        except NotFoundError:
            return not_found(request)
        except (TimeoutError, FinregError) as error:
            logger.warning("%s %s: %s", request.method, request.url.path, error or "timed out")
            return unavailable(request)

    return guarded_handler
