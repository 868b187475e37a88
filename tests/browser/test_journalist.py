"""The journalist's path in a real browser: search "Huabei" on the home page, follow the hit
to Huabei's page, follow its lineage to Ant Consumer Finance, and find the timeline and the
lineage picture there; with JavaScript on, with it off, and in English."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import open_context

ANT_CONSUMER_FINANCE = "/page/company/ant-consumer-finance"
HUABEI = "/page/product/huabei"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """Width and height of the PNG at ``path`` (from its IHDR chunk)."""
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def search_and_follow(page: Page, site: str, lang: str | None, huabei: str) -> None:
    """From the home page, search "Huabei", then follow the hit (named ``huabei`` in the page's
    language) to Huabei's page, and its lineage link to Ant Consumer Finance."""
    query = f"?lang={lang}" if lang else ""
    page.goto(f"{site}/{query}")
    form = page.locator("form#search")
    form.locator('input[name="q"]').fill("Huabei")
    with page.expect_navigation():
        form.locator('input[name="q"]').press("Enter")
    assert "/search?" in page.url

    first_hit = page.locator("ol#results > li a").first
    expect(first_hit).to_have_attribute("href", re.compile(f"^{re.escape(HUABEI)}"))
    expect(first_hit).to_contain_text(huabei)
    with page.expect_navigation():
        first_hit.click()
    assert page.url.startswith(f"{site}{HUABEI}")
    expect(page.locator("h1")).to_contain_text(huabei)

    lineage_link = page.locator(f'section#lineage a[href^="{ANT_CONSUMER_FINANCE}"]').first
    with page.expect_navigation():
        lineage_link.click()
    assert page.url.startswith(f"{site}{ANT_CONSUMER_FINANCE}")


@pytest.mark.parametrize(
    ("javascript", "lang", "huabei", "company", "html_lang"),
    [
        pytest.param(True, None, "花呗", "蚂蚁消费金融", "zh-Hans", id="zh"),
        pytest.param(False, None, "花呗", "蚂蚁消费金融", "zh-Hans", id="zh-no-javascript"),
        pytest.param(True, "en", "Huabei", "Ant Consumer Finance", "en", id="en"),
    ],
)
def test_from_a_search_for_huabei_to_ant_consumer_finance(
    browser: Browser,
    site: str,
    tmp_path: Path,
    javascript: bool,
    lang: str | None,
    huabei: str,
    company: str,
    html_lang: str,
) -> None:
    context = open_context(browser, javascript=javascript)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        search_and_follow(page, site, lang, huabei)

        expect(page.locator("html")).to_have_attribute("lang", html_lang)
        expect(page.locator("h1")).to_contain_text(company)
        events = page.locator("section#timeline table tr.event")
        assert events.count() > 0, "no events in the timeline"
        picture = page.locator("section#lineage svg").first
        expect(picture).to_be_visible()
        assert picture.get_attribute("role") == "img"
        # the lineage names Huabei, the business that moved
        expect(page.locator("section#lineage")).to_contain_text(huabei)

        shot = tmp_path / f"ant-consumer-finance-{lang or 'zh'}.png"
        page.screenshot(path=str(shot), full_page=True)
        width, height = png_size(shot)
        assert width >= 800
        assert height >= 600
        assert shot.stat().st_size > 20_000, "the screenshot is nearly blank"
        assert not errors, f"JavaScript errors on the way: {errors}"
    finally:
        context.close()
