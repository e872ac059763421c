"""The 404 page as readers meet it: served (like GitHub Pages does) at the missing URL itself, one and three
folders deep, in both languages, with the site under its configured path, under another base path and at
a server's root. Each time: styled by its inlined stylesheet, in the URL's language first, a home link
and a search that lead to pages that exist, no CSP violation, no console error, no axe violation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect

from tests.browser.conftest import ServedSite
from tests.browser.site_server import serve_site
from tests.browser.test_accessibility import axe_violations, describe
from tests.browser.test_csp import RECORD_VIOLATIONS

pytestmark = pytest.mark.browser

TITLES = {"nl": "Pagina niet gevonden", "en": "Page not found"}
DOCUMENT_STATUS_NOTE = "Failed to load resource: the server responded with a status of 404 (Not Found)"
HEADER_BACKGROUND = "rgb(0, 105, 92)"  # the theme's teal (#00695c), resolved from the site's stylesheets
# Missing URLs below the site: (path, language, folders deep). Three folders deep in Dutch under an
# unknown base the page can only place the site by a folder it knows (`glutamine/`); see
# test_an_unknown_deep_dutch_url_under_an_unknown_base_falls_back_to_the_configured_depth.
MISSING = [
    ("bestaat-niet/", "nl", 1),
    ("glutamine/oud/pagina/", "nl", 3),
    ("en/does-not-exist/", "en", 1),
    ("en/a/b/c/", "en", 3),
]


@dataclass(frozen=True)
class Base:
    name: str
    url: str  # where the site's home is served, ends with "/"


@pytest.fixture(scope="module")
def bases(served_site: ServedSite) -> Iterator[list[Base]]:
    """The site under its configured path, under `/other/` and at a server's root, at once."""
    root = served_site.site.root
    with serve_site(root, "/other/") as other, serve_site(root, "/") as server_root:
        yield [Base("configured", served_site.base_url), Base("other", other), Base("root", server_root)]


@dataclass
class Watched:
    page: Page
    errors: list[str]

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__csp")


def watch(context: BrowserContext) -> Watched:
    """A page recording CSP violations from its first moment, and every console error and uncaught error."""
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        where = message.location.get("url", "")
        # Chromium's note that the document itself came with status 404, as every 404 page does
        # (GitHub Pages sends it too): not an error of the page. Any other resource's 404 still counts.
        if message.text == DOCUMENT_STATUS_NOTE and where == page.url:
            return
        if message.type == "error":
            errors.append(f"{message.text} ({where})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"uncaught {error}"))
    return Watched(page, errors)


@pytest.fixture
def watched(context: BrowserContext) -> Watched:
    return watch(context)


def _open_missing(watched: Watched, url: str) -> None:
    response = watched.page.goto(url)
    assert response is not None and response.status == 404, f"{url} is not missing"
    watched.page.wait_for_load_state("load")


def _home_links(page: Page) -> list[str]:
    """Absolute targets of the header link and the first section's home link and search form."""
    return page.evaluate("""() => [
        document.querySelector('header a').href,
        document.querySelector('main section a[data-atlas-404-home]').href,
        document.querySelector('main section form').action]""")


@pytest.mark.parametrize("base_name", ["configured", "other", "root"])
@pytest.mark.parametrize(("path", "lang", "depth"), MISSING)
def test_the_404_is_styled_in_the_urls_language_with_a_home_that_exists(
    watched: Watched, bases: list[Base], base_name: str, path: str, lang: str, depth: int
) -> None:
    base = next(base for base in bases if base.name == base_name)
    page = watched.page
    _open_missing(watched, base.url + path)
    # styled by the inlined stylesheet, not the browser's defaults
    header = page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor")
    assert header == HEADER_BACKGROUND
    assert "sans-serif" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px"
    # the URL's language first, the other one after it
    assert page.get_attribute("html", "lang") == lang
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text(TITLES[lang])
    assert page.locator("main section").first.get_attribute("lang") == lang
    other = "en" if lang == "nl" else "nl"
    expect(page.locator(f"main section[lang={other}] h2")).to_have_text(TITLES[other])
    assert page.title().startswith(TITLES[lang] + " / ")
    # every home link leads to the home page of the URL's language, wherever the site is served
    expected_home = base.url + ("en/" if lang == "en" else "")
    links = _home_links(page)
    assert links == [expected_home] * 3, (path, links)
    home = page.request.get(expected_home)
    assert home.status == 200 and f'<html lang="{lang}"' in home.text()
    assert watched.violations() == []
    assert watched.errors == []


@pytest.mark.parametrize("base_name", ["configured", "other"])
def test_the_search_form_opens_the_sites_search_with_the_missing_pages_name(
    watched: Watched, bases: list[Base], base_name: str
) -> None:
    base = next(base for base in bases if base.name == base_name)
    page = watched.page
    _open_missing(watched, base.url + "en/a/leucine-dose/")
    field = page.locator("main section").first.locator("input[type=search]")
    expect(field).to_have_value("leucine dose")
    field.press("Enter")
    page.wait_for_url(f"{base.url}en/?q=leucine+dose")
    page.locator(".md-search-result__item").first.wait_for()
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    assert links and all(link.startswith(base.url + "en/") for link in links), links
    assert watched.violations() == []
    assert watched.errors == []


def test_the_search_fields_get_the_missing_pages_name_when_it_is_worth_searching(
    watched: Watched, bases: list[Base]
) -> None:
    _open_missing(watched, bases[2].url + "glutamine/veiligheid%20en%20dosering.html")
    expect(watched.page.locator("#atlas-404-q-nl")).to_have_value("veiligheid en dosering")
    expect(watched.page.locator("#atlas-404-q-en")).to_have_value("veiligheid en dosering")
    _open_missing(watched, bases[2].url + "en/a/b/c/")  # a lone letter is not worth searching for
    expect(watched.page.locator("#atlas-404-q-en")).to_have_value("")


def test_an_unknown_deep_dutch_url_under_an_unknown_base_falls_back_to_the_configured_depth(
    watched: Watched, bases: list[Base]
) -> None:
    """The limit of what a page can know without asking the server: `/a/b/c/` names no language or page
    folder, so the site may lie at `/` (a server's root) or at `/a/` (a fork's Pages, as deep as the
    configured `/amino-atlas/`). Reached directly (no page of the site before it), the page takes the
    configured depth; under `/other/` that is right."""
    other = bases[1]
    _open_missing(watched, other.url + "a/b/c/")
    assert _home_links(watched.page) == [other.url] * 3
    root = bases[2]
    _open_missing(watched, root.url + "a/b/c/")
    assert _home_links(watched.page) == [root.url + "a/"] * 3  # the guess that is wrong here
    _open_missing(watched, root.url + "bestaat-niet")  # one name below: the site can only lie at the root
    assert _home_links(watched.page) == [root.url] * 3


@pytest.mark.parametrize("came_from", ["", "leucine/", "en/glutamine/safety/"])
def test_a_broken_link_on_the_site_leads_home_by_the_page_it_was_on(
    watched: Watched, bases: list[Base], came_from: str
) -> None:
    """The same unknown URL, reached by a link on one of the site's pages: that page's address places
    the site, at the server's root as under another base."""
    for base in bases[1:]:
        response = watched.page.goto(base.url + "a/b/c/", referer=base.url + came_from)
        assert response is not None and response.status == 404
        assert _home_links(watched.page) == [base.url] * 3, base.name
    assert watched.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_the_404_in_either_language(
    chromium: Browser, bases: list[Base], axe_source: str, scheme: str
) -> None:
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    failures = {}
    for path in ("bestaat-niet/", "en/a/b/c/"):
        url = bases[1].url + path
        page.goto(url)
        violations = axe_violations(page, axe_source)
        if violations:
            failures[f"{urlsplit(url).path} [{scheme}]"] = violations
    context.close()
    assert not failures, "axe-core violations:\n" + describe(failures)


def test_dark_palette_follows_the_readers_system(chromium: Browser, bases: list[Base]) -> None:
    context = chromium.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(bases[2].url + "bestaat-niet/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    link = page.evaluate("getComputedStyle(document.querySelector('main a')).color")
    context.close()
    assert background != "rgb(255, 255, 255)" and background != "rgba(0, 0, 0, 0)"
    assert link == "rgb(95, 211, 198)"  # the theme's light teal for links on slate (#5fd3c6)


def test_the_palette_the_reader_chose_on_the_site_holds_on_the_404(
    chromium: Browser, bases: list[Base]
) -> None:
    """Dark chosen with Material's toggle on the site (under another base path), the system light."""
    context = chromium.new_context(color_scheme="light")
    page = context.new_page()
    other = bases[1]
    page.goto(other.url + "leucine/")
    page.wait_for_function("() => document.documentElement.classList.contains('js')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(other.url + "en/a/b/c/")
    assert page.get_attribute("html", "data-md-color-scheme") == "slate"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    link = page.evaluate("getComputedStyle(document.querySelector('main a')).color")
    context.close()
    assert link == "rgb(95, 211, 198)"


def test_without_javascript_every_language_shows_and_links_lead_under_the_configured_path(
    chromium: Browser, bases: list[Base]
) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(bases[0].url + "en/a/b/c/")
    expect(page.locator("h1")).to_have_text(TITLES["nl"])  # as written: the default language first
    expect(page.locator("main section[lang=en] h2")).to_have_text(TITLES["en"])
    english_home = page.locator("main section[lang=en] a").get_attribute("href") or ""
    assert page.request.get(urlsplit(bases[0].url)._replace(path=english_home).geturl()).status == 200
    assert page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") == \
        HEADER_BACKGROUND
    context.close()
