"""The print stylesheet: what a reader gets from the browser's Print on any page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import ServedSite, wait_until_settled

pytestmark = pytest.mark.browser

HIDDEN_IN_PRINT = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
                   ".md-content__button"]


def _printed(page: Page, served_site: ServedSite, path: str) -> None:
    page.goto(served_site.url(path))
    wait_until_settled(page)
    page.emulate_media(media="print")


@pytest.mark.parametrize("path", ["leucine/", "en/glutamine/safety/"])
def test_print_hides_navigation_header_footer_search_and_actions(
    page: Page, served_site: ServedSite, path: str
) -> None:
    _printed(page, served_site, path)
    for selector in HIDDEN_IN_PRINT:
        script = "(s) => [...document.querySelectorAll(s)].some(e => getComputedStyle(e).display !== 'none')"
        shown = page.evaluate(script, selector)
        assert not shown, f"{selector} is printed on {path}"
    assert page.locator("article h1").is_visible()
    assert page.locator("#references").is_visible(), "the reference list must be printed"


@pytest.mark.parametrize("path", ["leucine/", "en/glutamine/safety/"])
def test_print_shows_where_web_links_lead_but_not_internal_anchors(
    page: Page, served_site: ServedSite, path: str
) -> None:
    _printed(page, served_site, path)
    after = """(a) => getComputedStyle(a, '::after').content"""
    web = page.locator("article a[href^='https://pubmed.'], article a[href^='http']:not([href^='https://doi.org/'])")
    assert web.count(), f"{path} has no web link to check"
    link = web.first
    assert link.get_attribute("href") in link.evaluate(after)
    internal = page.locator("article a[href^='#ref-']")
    assert internal.count(), f"{path} has no citation link to check"
    assert internal.first.evaluate(after) in ("none", "normal", "")
