"""Rendering pages: the Jinja2 environment (autoescaped), the page language of a request and
the date it reads the graph as known on (``?knownAt=``), the time limit on a page's
questions, and the pages' face for failures (api.failures): the 400, 404 and 503 pages."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from api.failures import Failure
from api.present.phrases import word
from api.state import AppRequest
from api.web.i18n import Ui, language
from api.work import deadline_after
from kg.dates import PartialDate
from kg.errors import InvalidDateError

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


KNOWN_AT = "knownAt"
"""The query parameter a page is read as known at: YYYY, YYYY-MM or YYYY-MM-DD."""


def known_at_of(request: Request[Any]) -> PartialDate | None:
    """The date the request reads the graph as known on (``?knownAt=``), None without one.

    :raises InvalidDateError: for a value that is no such date (the page is a 400).
    """
    text = request.query_params.get(KNOWN_AT, "").strip()
    return PartialDate.parse(text) if text else None


PAGE = "page"
"""The query parameter of a list's page (a feed's, a source's facts, a metric's figures): 1, 2..."""

MAX_PAGE_NUMBER = 1_000_000
"""The highest page number a list accepts (past it the offset means nothing)."""


def page_number(request: Request[Any]) -> int:
    """The page of a list the request asks for (``?page=``; 1 without one).

    :raises HTTPException: 400 for a value that is no whole number from 1.
    """
    text = request.query_params.get(PAGE, "1").strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_PAGE_NUMBER:
        lang = language(request.query_params.get("lang"))
        raise HTTPException(400, word("bad_page", lang, page=text))
    return int(text)


def site_of(request: AppRequest) -> str:
    """The server's public address, for absolute URLs: ``FINREG_BASE_URL``, else the
    address the request came to (no trailing slash)."""
    configured = request.state["settings"].base_url
    return configured.rstrip("/") if configured else str(request.base_url).rstrip("/")


def ui_of(request: Request[Any]) -> Ui:
    """The page language the request asks for (``?lang=en``; Chinese otherwise) and the date
    it reads the graph as known on.

    :raises InvalidDateError: for a malformed ``?knownAt=``.
    """
    return Ui(language(request.query_params.get("lang")), known_at_of(request))


def _lenient_ui(request: Request[Any]) -> Ui:
    """``ui_of``, leaving out a malformed ``?knownAt=`` (the page that says it is malformed)."""
    try:
        return ui_of(request)
    except InvalidDateError:
        return Ui(language(request.query_params.get("lang")))


def render(
    request: Request[Any], template: str, *, status: int = 200, **context: object
) -> Response:
    """``template`` rendered in the request's language; the language switch keeps the query,
    and the banner of a page read as known at a date links to the page as known now."""
    ui = _lenient_ui(request)
    params = {k: v for k, v in request.query_params.items() if k != "lang"}
    now = {k: v for k, v in request.query_params.items() if k != KNOWN_AT}
    path = request.url.path
    html = (
        environment()
        .get_template(template)
        .render(
            **{"q": "", **context},
            ui=ui,
            switch=ui.switched(path, params),
            now=path + ("?" + urlencode(now) if now else ""),
        )
    )
    return HTMLResponse(html, status_code=status)


async def in_time(request: AppRequest, function: Callable[..., T], *args: object) -> T:
    """``function(graph, *args)`` in a thread of the pages' workload, within the settings'
    time limit; ``graph`` is the graph as known at the request's ``?knownAt=`` (the whole
    graph without one).

    :raises TimeoutError: past the limit (the thread finishes on its own; its answer is lost).
    :raises OverloadedError: if the pages' waiting room is full.
    :raises InvalidDateError: for a malformed ``?knownAt=``.
    """
    state = request.state
    graph = state["graph"].as_known_at(known_at_of(request))
    deadline = deadline_after(state["settings"].timeout)
    return await state["work"].pages.run(function, graph, *args, deadline=deadline)


def not_found(request: Request[Any]) -> Response:
    """The 404 page, in the request's language."""
    return render(request, "not_found.html", status=404, path=request.url.path)


def unavailable(request: AppRequest) -> Response:
    """The 503 page: the store is unreachable, the question took too long, or too many
    readers are waiting."""
    seconds = request.state["settings"].timeout
    return render(request, "unavailable.html", status=503, seconds=f"{seconds:g}")


def bad_request(request: Request[Any], message: str) -> Response:
    """The 400 page: what was wrong with the request, in the request's language."""
    return render(request, "bad_request.html", status=400, message=message)


def error_page(request: AppRequest, failure: Failure) -> Response:
    """The pages' face: 400 the bad-request page (a malformed ``?knownAt=`` said in the
    reader's language); 404 is the not-found page; any 5xx the 503 page (a reader never
    sees a 500: the page says the question cannot be answered right now, and the error is
    logged); another status (405, 413) Starlette's plain text."""
    if failure.status == 400:
        message = failure.message
        try:
            known_at_of(request)
        except InvalidDateError:
            ui = _lenient_ui(request)
            message = ui("bad_date", date=request.query_params.get(KNOWN_AT, ""))
        return bad_request(request, message)
    if failure.status == 404:
        return not_found(request)
    if failure.status >= 500:
        page = unavailable(request)
        page.headers.update(failure.headers)
        return page
    return PlainTextResponse(failure.message, failure.status, headers=dict(failure.headers))


Handler = Callable[[AppRequest], Awaitable[Response]]
