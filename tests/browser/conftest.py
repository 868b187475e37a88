"""Browser fixtures: Debian's Chromium (/usr/bin/chromium) driven by Playwright, one browser
for all the tests here, and a finreg server on loopback over the seeded store.

Playwright's own browsers are never downloaded (no ``playwright install``): the tests use the
system's Chromium, which scripts/ensure-chromium.sh installs; without it they skip, visibly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from api.app import create_app
from kg.knowledge import KnowledgeGraph
from kg.store import GraphStore
from tests.backends import Backend
from tests.conftest import SEEDS_DIR
from tests.server import serving

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Chromium's own calls home (updates, sync, field trials) have nowhere to go here.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000
"""How long a page may take to load or an element to appear before the test fails."""


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``browser`` marker (the suite runs with --strict-markers)."""
    config.addinivalue_line(
        "markers", "browser: drives a real browser (Debian's chromium) against a server"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use the browser are marked ``browser`` and ``e2e``."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Headless Chromium, launched once for the browser tests and closed after them."""
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is missing (scripts/ensure-chromium.sh installs it as root)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="package")
def site(
    tmp_path_factory: pytest.TempPathFactory, backend: Backend, seeded_store: GraphStore
) -> Iterator[str]:
    """Base URL of a finreg server over the seeded store."""
    root = tmp_path_factory.mktemp("browser-site")
    settings = backend.settings(root / "data", "seeded", seeds_dir=SEEDS_DIR)
    with serving(create_app(settings, graph=KnowledgeGraph(seeded_store))) as url:
        yield url


def open_context(browser: Browser, *, javascript: bool = True) -> BrowserContext:
    """A fresh browser context (no cookies, no storage) with the tests' timeouts."""
    context = browser.new_context(java_script_enabled=javascript, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh context with JavaScript on; closed after the test."""
    context = open_context(browser)
    try:
        yield context.new_page()
    finally:
        context.close()
