"""GraphiQL's assets: the fetch script's lock names exactly the files the page uses, tarballs
are checked against their integrity, and the page falls back to the CDN when files are missing.
(No browser needed.)"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import logging
import sys
from pathlib import Path
from types import ModuleType

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from api.graphiql import (
    CDN_ASSETS,
    LOCAL_ASSETS,
    STATIC,
    asset_paths,
    assets_base,
    graphiql_page,
    vendor_files,
)
from tests.conftest import ROOT
from tests.server import serving

TEMPLATE = (STATIC / "graphiql.html").read_text("utf-8")


@pytest.fixture(scope="module")
def fetcher() -> ModuleType:
    """scripts/fetch_graphiql.py as a module."""
    spec = importlib.util.spec_from_file_location(
        "fetch_graphiql", ROOT / "scripts/fetch_graphiql.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_lock_pins_every_file_the_page_uses(fetcher: ModuleType) -> None:
    registry, packages = fetcher.read_lock(fetcher.LOCK)
    assert registry == "https://registry.npmjs.org"
    locked = {f"{p.name}@{p.version}/{file}" for p in packages for file in p.files}
    assert locked == set(asset_paths(TEMPLATE))
    assert all(p.integrity.startswith("sha512-") for p in packages)


def test_tarball_urls_follow_the_registry_layout(fetcher: ModuleType) -> None:
    _, packages = fetcher.read_lock(fetcher.LOCK)
    urls = {p.name: p.tarball_url("https://registry.npmjs.org") for p in packages}
    assert urls["react"] == "https://registry.npmjs.org/react/-/react-18.2.0.tgz"
    assert urls["@graphiql/plugin-explorer"] == (
        "https://registry.npmjs.org/@graphiql/plugin-explorer/-/plugin-explorer-1.0.2.tgz"
    )


def test_a_tarball_that_does_not_match_its_integrity_is_refused(fetcher: ModuleType) -> None:
    data = b"a tarball"
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    fetcher.check_integrity(data, integrity, "t.tgz")
    with pytest.raises(fetcher.FetchError, match=r"t\.tgz: sha512 mismatch"):
        fetcher.check_integrity(data + b"!", integrity, "t.tgz")
    with pytest.raises(fetcher.FetchError, match="unsupported integrity"):
        fetcher.check_integrity(data, "sha1-abc", "t.tgz")


def test_local_assets_when_all_are_present(tmp_path: Path) -> None:
    for path in asset_paths(TEMPLATE):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("/* asset */", encoding="utf-8")
    assert assets_base(TEMPLATE, tmp_path) == LOCAL_ASSETS


def test_cdn_with_a_warning_when_an_asset_is_missing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="api"):
        assert assets_base(TEMPLATE, tmp_path / "nothing-here") == CDN_ASSETS
    assert "GraphiQL assets missing" in caplog.text
    assert "scripts/fetch_graphiql.py" in caplog.text


def test_the_page_names_one_source_for_its_assets() -> None:
    page = graphiql_page()
    assert "__FINREG_ASSETS__" not in page
    sources = {base for base in (LOCAL_ASSETS, CDN_ASSETS) if f'"{base}/graphiql@3.8.3/' in page}
    assert len(sources) == 1
    # the same files either way, so the page keeps its subresource-integrity hashes
    assert page.count('integrity="sha384-') == len(asset_paths(TEMPLATE))


def get(app: Starlette, *paths: str) -> list[httpx.Response]:
    """GET each of ``paths`` from ``app`` served on loopback (no event loop of the test's
    own: Playwright's sync API may hold this thread's)."""
    with serving(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        return [client.get(path) for path in paths]


def test_missing_vendor_directory_is_a_404_not_a_500(tmp_path: Path) -> None:
    app = Starlette(routes=[Mount(LOCAL_ASSETS, vendor_files(tmp_path / "absent"))])
    [response] = get(app, f"{LOCAL_ASSETS}/react@18.2.0/umd/react.production.min.js")
    assert response.status_code == 404


def test_vendor_files_are_served_with_their_types(tmp_path: Path) -> None:
    (tmp_path / "pkg@1.0.0").mkdir()
    (tmp_path / "pkg@1.0.0" / "a.js").write_text("var a = 1;", encoding="utf-8")
    (tmp_path / "pkg@1.0.0" / "a.css").write_text("a { }", encoding="utf-8")
    app = Starlette(routes=[Mount(LOCAL_ASSETS, vendor_files(tmp_path))])
    script, style = get(app, f"{LOCAL_ASSETS}/pkg@1.0.0/a.js", f"{LOCAL_ASSETS}/pkg@1.0.0/a.css")
    assert script.status_code == 200
    assert "javascript" in script.headers["content-type"]
    assert style.headers["content-type"].startswith("text/css")
    assert script.text == "var a = 1;"
