"""The Content-Security-Policy in a real browser (security review M1, defence in depth): an injected inline
script and an inline event handler do not run, while search, the palette switch, citation previews, the
glossary tooltip, the language switch and the 404 page's script all work without a single CSP violation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect

from tests.browser.conftest import ServedSite, wait_until_settled
from tests.browser.test_translations_search import search_result_links

pytestmark = pytest.mark.browser

# Recorded from the first moment of every page: each violation the browser reports.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""
INJECTED = (
    "<script>window.__injectedScriptRan = true;</script>"
    '<img src="does-not-exist.png" alt="" onerror="window.__injectedHandlerRan = true">'
)


@pytest.fixture
def watched(context: BrowserContext) -> Iterator[Page]:
    context.add_init_script(RECORD_VIOLATIONS)
    yield context.new_page()


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__csp")


def test_every_page_carries_the_policy_without_unsafe_inline_scripts(served_site: ServedSite) -> None:
    for html in served_site.site.html_files():
        text = html.read_text(encoding="utf-8")
        head = text[: text.index("<script")] if "<script" in text else text
        assert 'http-equiv="Content-Security-Policy"' in head, f"{html}: no CSP before its first script"
        policy = text.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
        script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert "object-src 'none'" in policy and "base-uri 'self'" in policy


def test_an_injected_inline_script_and_event_handler_do_not_run(
    watched: Page, served_site: ServedSite
) -> None:
    url = served_site.url("leucine/")

    def inject(route: Route) -> None:
        response = route.fetch()
        body = response.text().replace("</article>", INJECTED + "</article>", 1)
        route.fulfill(response=response, body=body)

    watched.route(url, inject)
    watched.goto(url)
    wait_until_settled(watched)  # Material's own scripts (files and hashed inline ones) did run
    watched.wait_for_timeout(300)
    assert watched.evaluate("window.__injectedScriptRan") is None
    assert watched.evaluate("window.__injectedHandlerRan") is None
    blocked = violations(watched)
    assert any(v.startswith("script-src") for v in blocked), blocked
    assert len(blocked) == 2, blocked  # exactly the two injected pieces, nothing of the site's own


def test_search_works_under_the_policy(watched: Page, served_site: ServedSite) -> None:
    links = search_result_links(watched, served_site, "mtor/", "mTOR")
    assert links
    assert violations(watched) == []


def test_palette_switch_works_and_is_restored_under_the_policy(
    watched: Page, served_site: ServedSite
) -> None:
    watched.goto(served_site.url("leucine/"))
    wait_until_settled(watched)
    before = watched.evaluate("document.body.getAttribute('data-md-color-scheme')")
    watched.locator("form[data-md-component=palette] label:visible").first.click()
    expect(watched.locator("body")).not_to_have_attribute("data-md-color-scheme", before or "")
    after = watched.evaluate("document.body.getAttribute('data-md-color-scheme')")
    watched.reload()  # the hashed inline script in <head> restores the choice before the first paint
    wait_until_settled(watched)
    assert watched.evaluate("document.body.getAttribute('data-md-color-scheme')") == after
    assert violations(watched) == []


def test_citation_preview_and_glossary_tooltip_work_under_the_policy(
    watched: Page, served_site: ServedSite
) -> None:
    watched.goto(served_site.url("en/leucine/"))
    wait_until_settled(watched)
    watched.locator("article a.atlas-cite__ref").first.hover()
    expect(watched.locator(".atlas-cite-popover")).to_be_visible()
    watched.mouse.move(0, 0)
    term = watched.locator("article abbr[title]").first
    explanation = term.get_attribute("title") or ""
    term.hover()
    expect(watched.locator(".md-tooltip2--active")).to_have_text(explanation)
    assert violations(watched) == []


def test_language_switch_and_the_404_page_work_under_the_policy(
    watched: Page, served_site: ServedSite
) -> None:
    watched.goto(served_site.url("leucine/"))
    wait_until_settled(watched)
    watched.locator(".md-header .md-select").hover()
    watched.locator('.md-header .md-select__link[hreflang="en"]').click()
    watched.wait_for_url(served_site.url("en/leucine/"))
    assert violations(watched) == []
    watched.goto(served_site.url("en/no-such-page/"))  # its inline script puts English first
    expect(watched.locator("html")).to_have_attribute("lang", "en")
    expect(watched.locator("h1")).to_have_text("Page not found")
    assert violations(watched) == []


def test_a_tooltip_holding_markup_runs_nothing_even_if_it_got_past_the_build(
    watched: Page, served_site: ServedSite
) -> None:
    """The review's H1 reproducer, put into the served page directly (the build would refuse it): Material's
    tooltip makes an <img> of the title, and the policy keeps its onerror from running."""
    url = served_site.url("leucine/")
    injected = ('<p><abbr title="Uitleg &lt;img src=x onerror=&quot;window.__tooltipRan=1&quot;&gt;">'
                "GLOSSXSS</abbr></p>")

    def inject(route: Route) -> None:
        response = route.fetch()
        route.fulfill(
            response=response, body=response.text().replace("</article>", injected + "</article>", 1)
        )

    watched.route(url, inject)
    watched.goto(url)
    wait_until_settled(watched)
    watched.locator("abbr", has_text="GLOSSXSS").hover()
    expect(watched.locator(".md-tooltip2--active")).to_be_visible()
    watched.wait_for_timeout(300)
    assert watched.evaluate("window.__tooltipRan") is None
    assert any(v.startswith("script-src") for v in violations(watched))
