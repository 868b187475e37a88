"""The new pages in a real browser: a source's page (the facts citing it in the article's
order, on to an event's page), an event's page, a page read as known on a date (the banner,
and a name reported later left out), and the feed each page links in its <head>, read by
feedparser."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import feedparser
from playwright.sync_api import Page, expect

SOURCE = "/page/source/jingjiwang-2025-11-13-microloan-shakeout"
EVENT = "/page/event/huabei-transfer-to-ant-consumer-finance"
ANT_CONSUMER_FINANCE = "/page/company/ant-consumer-finance"


def test_a_source_page_leads_from_the_article_to_its_facts(page: Page, site: str) -> None:
    page.goto(f"{site}{SOURCE}?lang=en")
    expect(page.locator("h1")).to_contain_text("小贷行业深度洗牌")
    rows = page.locator("section#citing tr.citing")
    expect(rows).to_have_count(50)
    expect(rows.first.locator("td.locator")).to_have_text(re.compile(r"^\[1\]"))
    expect(page.locator("nav.pager")).to_contain_text("Page 1 of 2")
    transfer = page.locator("section#citing tr.citing", has_text="business transfer").first
    link = transfer.locator("a").first
    with page.expect_navigation():
        link.click()
    assert "/page/event/" in page.url
    expect(page.locator("section#participants a").first).to_be_visible()
    expect(page.locator("section#sources")).to_contain_text("经济网")


def test_an_event_page_shows_its_dates_participants_and_sources(page: Page, site: str) -> None:
    page.goto(f"{site}{EVENT}?lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("section#event")).to_contain_text("by 2024-12-30")
    expect(page.locator("section#event span.inferred").first).to_be_visible()
    participants = page.locator("section#participants")
    expect(participants).to_contain_text("Ant Consumer Finance")
    expect(participants).to_contain_text("Huabei")
    with page.expect_navigation():
        participants.get_by_role("link", name="Huabei").click()
    assert page.url.startswith(f"{site}/page/product/huabei")


def test_a_page_read_as_known_on_a_date(page: Page, site: str) -> None:
    page.goto(f"{site}{ANT_CONSUMER_FINANCE}?knownAt=2025-10-24")
    banner = page.locator("#known-at")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("2025-10-24")
    names = page.locator("section#names")
    expect(names).to_contain_text("蚂蚁消费金融有限公司")
    expect(names).not_to_contain_text("蚂蚁消金")  # its short name was first reported later
    with page.expect_navigation():
        banner.get_by_role("link").click()
    expect(page.locator("#known-at")).to_have_count(0)
    expect(page.locator("section#names")).to_contain_text("蚂蚁消金")


def test_the_feed_a_page_links_in_its_head_is_a_feed(page: Page, site: str) -> None:
    for path in (ANT_CONSUMER_FINANCE, EVENT, "/"):
        page.goto(f"{site}{path}?lang=en")
        links = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
        assert links.count() >= 1
        href = links.first.get_attribute("href")
        assert href is not None
        response = page.request.get(urljoin(page.url, href))
        assert response.ok
        assert response.headers["content-type"] == "application/atom+xml"
        feed = feedparser.parse(response.body())
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == "atom10"
        assert feed.entries
        assert all(e.link.startswith(site) for e in feed.entries)
