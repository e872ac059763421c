"""What a reader sees and touches (issue 24): a tapped citation keeps its preview, the boxes a reader
needs most are as large as the body text, markers are readable and easy to tap, and contributor
chrome stays out of the way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import ServedSite, wait_until_settled

pytestmark = pytest.mark.browser

CITATION = "a.atlas-cite__ref"
PREVIEW = ".atlas-cite-popover"
MARKER = "sup.atlas-marker > a.footnote-ref"
MIN_MARKER_PX = 12.0
MIN_TARGET_PX = 24.0  # WCAG 2.5.8 target size (minimum)
SETTLE_MS = 1_000  # "a full second after the tap"


@pytest.fixture
def phone(chromium: Browser) -> Iterator[BrowserContext]:
    """A 360 px touch phone."""
    context = chromium.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True,
        locale="nl-NL",
    )
    yield context
    context.close()


def _open(page: Page, served_site: ServedSite, path: str) -> None:
    page.goto(served_site.url(path))
    wait_until_settled(page)


# --- citation previews by touch -----------------------------------------------------------------


def _tap_a_citation(phone: BrowserContext, served_site: ServedSite) -> tuple[Page, str]:
    """On the phone, open the leucine page and tap its third citation: the page and the link's target."""
    page = phone.new_page()
    _open(page, served_site, "leucine/")
    citation = page.locator(f"article {CITATION}").nth(2)
    target = citation.get_attribute("href") or ""
    citation.tap()
    page.wait_for_timeout(300)
    return page, target


@pytest.mark.parametrize("path", ["leucine/", "en/glutamine/safety/"])
def test_a_tap_opens_the_preview_and_it_stays_without_the_page_moving(
    phone: BrowserContext, served_site: ServedSite, path: str
) -> None:
    page = phone.new_page()
    _open(page, served_site, path)
    citation = page.locator(f"article {CITATION}").nth(2)
    target = citation.get_attribute("href") or ""
    citation.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    before = page.evaluate("() => window.scrollY")
    citation.tap()
    page.wait_for_timeout(SETTLE_MS)
    expect(page.locator(PREVIEW)).to_have_count(1)
    expect(page.locator(PREVIEW)).to_be_visible()
    after = page.evaluate("() => window.scrollY")
    assert after == before, f"the tap scrolled the page: scrollY {before} -> {after}"
    # (Material's anchor tracking may name the section in view; the reference itself is not the target)
    assert page.evaluate("() => location.hash") != target, "the tap followed the link to the reference"
    assert citation.get_attribute("aria-expanded") == "true"


def test_a_second_tap_goes_to_the_reference(phone: BrowserContext, served_site: ServedSite) -> None:
    page, target = _tap_a_citation(phone, served_site)
    expect(page.locator(PREVIEW)).to_be_visible()
    page.locator(f"article {CITATION}").nth(2).tap()
    page.wait_for_function("(hash) => location.hash === hash", arg=target)


def test_the_link_in_the_preview_goes_to_the_reference(
    phone: BrowserContext, served_site: ServedSite
) -> None:
    page, target = _tap_a_citation(phone, served_site)
    page.locator(f"{PREVIEW} .atlas-cite-popover__jump").tap()
    page.wait_for_function("(hash) => location.hash === hash", arg=target)


def test_a_tap_elsewhere_closes_the_preview(phone: BrowserContext, served_site: ServedSite) -> None:
    page, _target = _tap_a_citation(phone, served_site)
    expect(page.locator(PREVIEW)).to_be_visible()
    page.locator("article h1").tap()
    expect(page.locator(PREVIEW)).to_have_count(0)


def test_a_mouse_click_still_follows_the_citation(page: Page, served_site: ServedSite) -> None:
    _open(page, served_site, "leucine/")
    citation = page.locator(f"article {CITATION}").nth(2)
    target = citation.get_attribute("href") or ""
    citation.click()
    page.wait_for_function("(hash) => location.hash === hash", arg=target)


# --- sizes a reader sees ------------------------------------------------------------------------

SIZES = """() => {
  const px = (el) => parseFloat(getComputedStyle(el).fontSize);
  const body = px(document.querySelector('article > p, .md-content__inner > p'));
  const boxes = [...document.querySelectorAll('.md-typeset .admonition, .md-typeset details')]
    .map(box => ({cls: box.className, title: px(box.querySelector('.admonition-title, summary') || box),
                  text: px(box.querySelector('p, li') || box)}));
  const markers = [...document.querySelectorAll(MARKER)].map(a => {
    const r = a.getBoundingClientRect();
    return {text: a.textContent, size: px(a), width: r.width, height: r.height};
  });
  return {body, boxes, markers};
}""".replace("MARKER", repr(MARKER))


@pytest.mark.parametrize("path", ["leucine/", "glutamine/safety/", "en/glutamine/sport/"])
def test_boxes_are_set_at_body_size_and_markers_are_readable_and_tappable(
    page: Page, served_site: ServedSite, path: str
) -> None:
    _open(page, served_site, path)
    sizes = page.evaluate(SIZES)
    body = sizes["body"]
    assert body >= 16, f"body text {body}px"
    kinds = " ".join(box["cls"] for box in sizes["boxes"])
    assert "careful" in kinds or "safety-first" in kinds or "key-points" in kinds, kinds
    small = [box for box in sizes["boxes"] if box["text"] < body or box["title"] < body]
    assert not small, f"boxes smaller than the body text ({body}px): {small}"
    assert sizes["markers"], f"{path} has no marker to check"
    bad = [m for m in sizes["markers"]
           if m["size"] < MIN_MARKER_PX or m["width"] < MIN_TARGET_PX or m["height"] < MIN_TARGET_PX]
    assert not bad, f"markers under {MIN_MARKER_PX}px text or a {MIN_TARGET_PX}px target: {bad[:3]}"


def test_the_safety_box_stands_out(page: Page, served_site: ServedSite) -> None:
    _open(page, served_site, "leucine/")
    box = page.locator(".admonition.careful").first
    border = box.evaluate("(el) => parseFloat(getComputedStyle(el).borderLeftWidth)")
    plain = page.locator(".admonition.evidence").first.evaluate(
        "(el) => parseFloat(getComputedStyle(el).borderLeftWidth)")
    assert border > plain, f"the safety box's border ({border}px) is no stronger than a note's ({plain}px)"


# --- contributor chrome, interface language, titles ----------------------------------------------


@pytest.mark.parametrize(("path", "improve"), [("leucine/", "Verbeter deze pagina"),
                                               ("en/leucine/", "Improve this page")])
def test_contributor_links_sit_at_the_foot_in_the_pages_language(
    page: Page, served_site: ServedSite, path: str, improve: str
) -> None:
    _open(page, served_site, path)
    visible = "(s) => [...document.querySelectorAll(s)].some(e => e.getClientRects().length > 0)"
    assert not page.evaluate(visible, "a.md-content__button[rel='edit']"), "an edit pencil at the top"
    assert not page.evaluate(visible, ".md-header__source"), "a repository badge in the header"
    link = page.locator("a[rel='edit']", has_text=improve)
    expect(link).to_have_count(1)
    content_bottom = page.evaluate("() => document.querySelector('article').getBoundingClientRect().bottom")
    assert (link.bounding_box() or {"y": 0})["y"] > content_bottom - 200
    assert "Made with" not in page.locator("footer").inner_text()


def test_the_home_page_title_says_the_site_name_once(page: Page, served_site: ServedSite) -> None:
    for path in ("", "en/"):
        _open(page, served_site, path)
        assert page.title() == "Amino Atlas"


@pytest.mark.parametrize(("path", "lang", "title"), [("does-not-exist/", "nl", "Pagina niet gevonden"),
                                                      ("en/does-not-exist/", "en", "Page not found")])
def test_the_404_answers_in_the_readers_language(page: Page, served_site: ServedSite, path: str,
                                                 lang: str, title: str) -> None:
    page.goto(served_site.url(path))
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.locator("h1").inner_text() == title
    assert page.get_attribute("html", "lang") == lang


def test_the_root_404_speaks_every_language_without_javascript(
    chromium: Browser, served_site: ServedSite
) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site.url("en/does-not-exist/"))
    assert page.locator("h1").inner_text() == "Pagina niet gevonden"
    english = page.locator("[lang='en'] h2")
    expect(english).to_have_text("Page not found")
    context.close()


def test_search_snippets_carry_no_marker_text(served_site: ServedSite) -> None:
    """A marker right after a sentence ("aan.<sup>geen bron</sup>") is left out of the search index;
    the words in running prose ("we vonden geen bron") stay searchable."""
    import json
    import re

    marker = re.compile(r"[.,;:!?)\]]\s*(<sup>)?\s*(geen bron|voorzorg|no source|precaution)\b")
    for index in ("search/search_index.json", "en/search/search_index.json"):
        docs = json.loads((served_site.site.root / index).read_text(encoding="utf-8"))["docs"]
        with_marker = [doc["location"] for doc in docs if marker.search(doc["text"])]
        assert not with_marker, f"{index}: marker text in the entries {with_marker[:5]}"
