"""In a real browser: the search index and worker load only when the reader shows intent to search.

`docs/assets/javascripts/search-on-demand.js` holds back Material's eager index request and worker
start; these tests check nothing search-related is requested on page load, and that search, reached by
focus, keyboard shortcut or a `?h=` highlight link, still works in the page's own language.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request

from tests.browser.conftest import ServedSite, wait_until_settled

pytestmark = pytest.mark.browser

INDEX_NAME = "search/search_index.json"


def is_search_machinery(url: str) -> bool:
    return INDEX_NAME in url or "/workers/search" in url or "/lunr/" in url


def record_requests(page: Page) -> list[str]:
    """URLs of every request the page and its workers make, in order."""
    urls: list[str] = []

    def on_request(request: Request) -> None:
        urls.append(request.url)

    page.context.on("request", on_request)
    return urls


def record_console_errors(page: Page) -> list[str]:
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def open_quietly(page: Page, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    wait_until_settled(page)
    page.wait_for_timeout(300)


@pytest.mark.parametrize("path", ["leucine/", "en/leucine/", "en/"])
def test_page_load_requests_no_search_index_nor_worker(
    page: Page, served_site: ServedSite, path: str
) -> None:
    requests, errors = record_requests(page), record_console_errors(page)
    open_quietly(page, served_site.url(path))
    page.mouse.wheel(0, 600)  # reading and scrolling is no intent to search
    page.wait_for_timeout(300)
    assert requests, "the page made no request at all"
    assert not [url for url in requests if is_search_machinery(url)], requests
    assert not errors, errors


def test_focusing_the_search_field_loads_the_index_and_finds_english_pages(
    page: Page, served_site: ServedSite
) -> None:
    requests, errors = record_requests(page), record_console_errors(page)
    open_quietly(page, served_site.url("en/leucine/"))
    with page.expect_request(lambda request: request.url == served_site.url("en/" + INDEX_NAME)):
        page.locator(".md-search__input").focus()
    page.keyboard.type("autophagy", delay=40)
    first_result = page.locator(".md-search-result__item").first
    first_result.wait_for(timeout=10_000)
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    assert links and all(link.startswith(served_site.url("en/")) for link in links), links
    assert any("/workers/search" in url for url in requests), requests
    # Suggestions and highlighted terms come from the worker exactly as before.
    assert page.locator(".md-search-result mark").count() > 0
    assert not errors, errors


def test_keyboard_shortcut_loads_the_dutch_index(page: Page, served_site: ServedSite) -> None:
    requests = record_requests(page)
    open_quietly(page, served_site.url("mtor/"))
    with page.expect_request(lambda request: request.url == served_site.url(INDEX_NAME)):
        page.keyboard.press("/")
    page.keyboard.type("leucine", delay=40)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    assert links and not any(link.startswith(served_site.url("en/")) for link in links), links
    assert not any("/en/" + INDEX_NAME in url for url in requests), requests


def test_highlight_link_from_a_result_still_marks_the_terms(page: Page, served_site: ServedSite) -> None:
    """Following a search result opens `?h=term`: Material needs the index for that, so it loads."""
    open_quietly(page, served_site.url("en/leucine/?h=leucine"))
    page.locator("article mark").first.wait_for(timeout=10_000)
    assert "leucine" in page.locator("article mark").first.inner_text().lower()


def test_phone_search_button_loads_the_index(chromium: Browser, served_site: ServedSite) -> None:
    """On a phone the search field is hidden behind the header's search button."""
    context = chromium.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        requests = record_requests(page)
        open_quietly(page, served_site.url("en/mtor/"))
        assert not [url for url in requests if is_search_machinery(url)], requests
        with page.expect_request(lambda request: request.url == served_site.url("en/" + INDEX_NAME)):
            page.locator("label.md-header__button[for=__search]").tap()
        page.keyboard.type("glutamine", delay=40)
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    finally:
        context.close()
