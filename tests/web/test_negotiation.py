"""Every entity IRI answers at /id/<kind>/<slug> with a 303 to the page or the RDF description
the client prefers (Cool URIs for the Semantic Web), 406 or 404 otherwise."""

from __future__ import annotations

import doctest

import httpx
import pytest

import api.accept
import api.web.i18n
from api.accept import negotiate

OFFERED = ["text/html", "text/turtle", "application/ld+json"]


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, "text/html"),
        ("", "text/html"),
        ("*/*", "text/html"),
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("text/*", "text/html"),
        ("text/*;q=0.5, text/turtle", "text/turtle"),
        ("text/html;q=0.1, application/ld+json;q=0.8", "application/ld+json"),
        ("text/html;q=0, */*", "text/turtle"),
        ("application/rdf+xml", None),
        ("*/*;q=0", None),
        ("text/turtle;q=banana, text/html", "text/html"),
        ("TEXT/Turtle", "text/turtle"),
    ],
)
def test_negotiate_picks_what_the_client_prefers(accept: str | None, chosen: str | None) -> None:
    assert negotiate(accept, OFFERED) == chosen


def test_the_web_modules_examples_hold() -> None:
    for module in (api.accept, api.web.i18n):
        assert doctest.testmod(module).failed == 0


@pytest.mark.parametrize(
    ("accept", "location"),
    [
        ("text/html", "/page/product/huabei"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "/page/product/huabei"),
        ("*/*", "/page/product/huabei"),
        ("text/turtle", "/data/product/huabei.ttl"),
        ("application/ld+json", "/data/product/huabei.jsonld"),
        ("application/json", "/data/product/huabei.jsonld"),
        ("text/turtle;q=0.9, application/ld+json", "/data/product/huabei.jsonld"),
    ],
)
def test_an_iri_redirects_303_to_what_the_client_accepts(
    client: httpx.Client, accept: str, location: str
) -> None:
    response = client.get("/id/product/huabei", headers={"Accept": accept})
    assert response.status_code == 303
    assert response.headers["location"] == location
    assert "Accept" in response.headers["vary"]


def test_an_iri_without_accept_redirects_to_the_page(client: httpx.Client) -> None:
    request = client.build_request("GET", "/id/company/ant-consumer-finance")
    del request.headers["accept"]
    response = client.send(request)
    assert response.status_code == 303
    assert response.headers["location"] == "/page/company/ant-consumer-finance"


def test_the_page_redirect_keeps_the_language(client: httpx.Client) -> None:
    response = client.get("/id/product/huabei?lang=en", headers={"Accept": "text/html"})
    assert response.status_code == 303
    assert response.headers["location"] == "/page/product/huabei?lang=en"


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("text/html", "text/html"),
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
    ],
)
def test_following_the_redirect_gives_the_document(
    client: httpx.Client, accept: str, media_type: str
) -> None:
    response = client.get("/id/regulator/nfra", headers={"Accept": accept}, follow_redirects=True)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert [r.status_code for r in response.history] == [303]


def test_nothing_acceptable_is_406(client: httpx.Client) -> None:
    response = client.get("/id/product/huabei", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "text/turtle" in response.text
    assert "Accept" in response.headers["vary"]


@pytest.mark.parametrize(
    "path", ["/id/product/no-such-product", "/id/event/jiebei-transfer", "/id/nothing/huabei"]
)
def test_an_unknown_iri_is_404(client: httpx.Client, path: str) -> None:
    response = client.get(path, headers={"Accept": "text/turtle"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
