"""Rendering pages: the Jinja2 environment (autoescaped), the page language of a request, the
time limit on a page's questions, and the pages' face for failures (api.failures): the 404
and 503 pages."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from api.failures import Failure
from api.state import AppRequest
from api.web.i18n import Ui, language
from api.work import deadline_after

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


def ui_of(request: Request[Any]) -> Ui:
    """The page language the request asks for (``?lang=en``; Chinese otherwise)."""
    return Ui(language(request.query_params.get("lang")))


def render(
    request: Request[Any], template: str, *, status: int = 200, **context: object
) -> Response:
    """``template`` rendered in the request's language; the language switch keeps the query."""
    ui = ui_of(request)
    params = {k: v for k, v in request.query_params.items() if k != "lang"}
    html = (
        environment()
        .get_template(template)
        .render(**{"q": "", **context}, ui=ui, switch=ui.switched(request.url.path, params))
    )
    return HTMLResponse(html, status_code=status)


async def in_time(request: AppRequest, function: Callable[..., T], *args: object) -> T:
    """``function(graph, *args)`` in a thread of the pages' workload, within the settings'
    time limit.

    :raises TimeoutError: past the limit (the thread finishes on its own; its answer is lost).
    :raises OverloadedError: if the pages' waiting room is full.
    """
    state = request.state
    deadline = deadline_after(state["settings"].timeout)
    return await state["work"].pages.run(function, state["graph"], *args, deadline=deadline)


def not_found(request: Request[Any]) -> Response:
    """The 404 page, in the request's language."""
    return render(request, "not_found.html", status=404, path=request.url.path)


def unavailable(request: AppRequest) -> Response:
    """The 503 page: the store is unreachable, the question took too long, or too many
    readers are waiting."""
    seconds = request.state["settings"].timeout
    return render(request, "unavailable.html", status=503, seconds=f"{seconds:g}")


def error_page(request: AppRequest, failure: Failure) -> Response:
    """The pages' face: 404 is the not-found page; any 5xx the 503 page (a reader never sees
    a 500: the page says the question cannot be answered right now, and the error is
    logged); another status (405, 413) Starlette's plain text."""
    if failure.status == 404:
        return not_found(request)
    if failure.status >= 500:
        page = unavailable(request)
        page.headers.update(failure.headers)
        return page
    return PlainTextResponse(failure.message, failure.status, headers=dict(failure.headers))


Handler = Callable[[AppRequest], Awaitable[Response]]
