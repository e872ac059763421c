"""In a real browser: each language searches only its own pages; a missing page answers in its language."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import ServedSite, wait_until_settled

pytestmark = pytest.mark.browser


def search_result_links(page: Page, served_site: ServedSite, start: str, query: str) -> list[str]:
    page.goto(served_site.url(start))
    wait_until_settled(page)
    page.keyboard.press("s")
    field, first_result = page.locator(".md-search__input"), page.locator(".md-search-result__item").first
    for _attempt in range(3):  # the worker may still be loading its index when the first keys arrive
        field.fill("")
        page.keyboard.type(query, delay=60)
        try:
            first_result.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            continue
    first_result.wait_for(timeout=5_000)
    return page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")


def test_english_search_returns_english_pages_only(page: Page, served_site: ServedSite) -> None:
    links = search_result_links(page, served_site, "en/", "mTOR")
    english = served_site.url("en/")
    assert links and all(link.startswith(english) for link in links), links
    assert not any("/en/en/" in link for link in links), links
    first = links[0].split("#")[0]
    assert page.request.get(first).ok, f"{first} does not load"


def test_dutch_search_returns_dutch_pages_only(page: Page, served_site: ServedSite) -> None:
    links = search_result_links(page, served_site, "mtor/", "mTOR")
    assert links and not any(link.startswith(served_site.url("en/")) for link in links), links


def test_missing_page_in_english_folder_shows_the_english_404(page: Page, served_site: ServedSite) -> None:
    """The root 404 (all a static host has) answers in English first, at the reader's own URL."""
    response = page.goto(served_site.url("en/no-such-page/"))
    assert response is not None and response.status == 404
    assert page.url == served_site.url("en/no-such-page/")
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("h1").inner_text() == "Page not found"


def test_missing_dutch_page_shows_the_dutch_404(page: Page, served_site: ServedSite) -> None:
    response = page.goto(served_site.url("bestaat-niet/"))
    assert response is not None and response.status == 404
    assert page.get_attribute("html", "lang") == "nl"
    assert page.locator("h1").inner_text() == "Pagina niet gevonden"
