"""GraphiQL in a real browser: it loads from this machine's copy of its assets (no CDN) and
runs the example query it opens with."""

from __future__ import annotations

from playwright.sync_api import Page, Request, expect

from tests.browser.conftest import TIMEOUT_MS


def test_graphiql_loads_local_assets_and_runs_the_example(page: Page, site: str) -> None:
    requested: list[str] = []

    def record(request: Request) -> None:
        requested.append(request.url)

    page.on("request", record)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site}/graphql")  # returns once the page and its scripts have loaded
    cdn = [url for url in requested if "unpkg.com" in url]
    assert not cdn, f"GraphiQL asked unpkg.com (run scripts/fetch_graphiql.py): {cdn}"
    assert f"{site}/static/vendor/graphiql@3.8.3/graphiql.min.js" in requested, requested

    editor = page.locator(".graphiql-query-editor")
    expect(editor).to_contain_text("query HuabeiLineage", timeout=TIMEOUT_MS)
    page.locator("button.graphiql-execute-button").click()

    result = page.locator(".graphiql-response")
    expect(result).to_contain_text('"en": "Huabei"', timeout=TIMEOUT_MS)
    expect(result).to_contain_text('"name": "花呗"')
    expect(result).not_to_contain_text('"errors"')
    assert not [url for url in requested if "unpkg.com" in url], requested
    assert not errors, errors
