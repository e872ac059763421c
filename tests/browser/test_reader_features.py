"""What a reader does in a real browser: switch language, read a citation and a glossary term (by
mouse and keyboard), download the PDF handout, read on a phone.

Search per language is tested in test_translations_search.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from atlas.citations.bibfile import load_bibliography
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.conftest import ROOT, ServedSite, wait_until_settled

pytestmark = pytest.mark.browser

MAX_TABS = 400  # keyboard steps allowed to reach an element from the top of a page


def open_page(page: Page, served_site: ServedSite, path: str) -> None:
    page.goto(served_site.url(path))
    wait_until_settled(page)


def tab_to(page: Page, selector: str) -> Locator:
    """Press Tab until keyboard focus lands on an element matching `selector`; return that element."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return page.locator(":focus")
    raise AssertionError(f"{MAX_TABS} Tab presses never reached {selector}: it is not keyboard-reachable")


# --- language switcher -------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "target_lang", "expected"), [
    ("leucine/", "en", "en/leucine/"),
    ("en/leucine/", "nl", "leucine/"),
    ("glutamine/sport/", "en", "en/glutamine/sport/"),
])
def test_language_switcher_keeps_the_page(
    page: Page, served_site: ServedSite, start: str, target_lang: str, expected: str
) -> None:
    open_page(page, served_site, start)
    page.locator(".md-header .md-select").hover()
    page.locator(f'.md-header .md-select__link[hreflang="{target_lang}"]').click()
    page.wait_for_url(served_site.url(expected))
    assert page.evaluate("document.documentElement.lang") == target_lang


# --- citation preview --------------------------------------------------------------------------

CITATION = "a.atlas-cite__ref"
PREVIEW = ".atlas-cite-popover"


def expected_doi_url(key: str) -> str:
    record = load_bibliography(ROOT / "references.bib").records[key.lower()]
    doi = record.get("doi")
    assert doi, f"references.bib entry {key} has no doi"
    return f"https://doi.org/{doi}"


def assert_preview_shows_doi(page: Page, citation: Locator) -> None:
    key = citation.get_attribute("data-ref")
    preview = page.locator(PREVIEW)
    expect(preview).to_be_visible()
    doi_link = preview.locator('a[href^="https://doi.org/"]')
    expect(doi_link).to_have_count(1)
    assert doi_link.get_attribute("href") == expected_doi_url(key)


def test_citation_preview_opens_on_hover_with_the_right_doi(page: Page, served_site: ServedSite) -> None:
    open_page(page, served_site, "en/leucine/")
    citation = page.locator(f"article {CITATION}").first
    citation.hover()
    assert_preview_shows_doi(page, citation)


def test_citation_preview_opens_on_keyboard_focus(page: Page, served_site: ServedSite) -> None:
    open_page(page, served_site, "leucine/")
    citation = tab_to(page, f"article {CITATION}")
    assert_preview_shows_doi(page, citation)
    page.keyboard.press("Escape")
    expect(page.locator(PREVIEW)).to_have_count(0)


# --- glossary tooltip --------------------------------------------------------------------------


def active_tooltip(page: Page) -> Locator:
    return page.locator(".md-tooltip2--active")


def test_glossary_tooltip_shows_on_hover(page: Page, served_site: ServedSite) -> None:
    open_page(page, served_site, "en/leucine/")
    term = page.locator("article abbr[title]").first
    explanation = term.get_attribute("title")
    assert explanation
    term.hover()
    expect(active_tooltip(page)).to_be_visible()
    expect(active_tooltip(page)).to_have_text(explanation)


def test_glossary_tooltip_shows_on_keyboard_focus(page: Page, served_site: ServedSite) -> None:
    open_page(page, served_site, "leucine/")
    explanation = page.locator("article abbr[title]").first.get_attribute("title")
    tab_to(page, "article abbr")
    expect(active_tooltip(page)).to_be_visible()
    expect(active_tooltip(page)).to_have_text(explanation or "")


# --- PDF handout -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["leucine/", "en/leucine/"])
def test_pdf_action_downloads_a_pdf(page: Page, served_site: ServedSite, path: str, tmp_path: Path) -> None:
    open_page(page, served_site, path)
    with page.expect_download() as download_info:
        page.locator("a.atlas-handout-action").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-"), "the handout action did not deliver a PDF"
    assert saved.stat().st_size > 5_000


# --- phone -------------------------------------------------------------------------------------


def test_phone_viewport_never_scrolls_sideways(chromium: Browser, served_site: ServedSite) -> None:
    """A 360 x 740 phone: on every page the document is no wider than the screen."""
    context = chromium.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    too_wide = []
    for path in served_site.page_paths():
        open_page(page, served_site, path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 360:
            too_wide.append(f"/{path}: {width}px wide")
    open_page(page, served_site, "en/leucine/")
    page.locator(f"article {CITATION}").first.tap()
    expect(page.locator(PREVIEW)).to_be_visible()
    box = page.locator(PREVIEW).bounding_box() or {"x": -1, "width": 0}
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > 360 or box["x"] < 0 or box["x"] + box["width"] > 360:
        too_wide.append(f"/en/leucine/ with a citation preview open: document {width}px, preview {box}")
    context.close()
    assert not too_wide, "pages wider than a 360px phone:\n" + "\n".join(too_wide)
