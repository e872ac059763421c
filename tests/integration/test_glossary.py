"""The glossary hook on the real site: Dutch hover texts on article pages, and on the glossary page."""

from __future__ import annotations

import re

from tests.support.site import BuiltSite

# Dutch texts from includes/glossary.nl.md; the English build would show the English ones.
ABBR = re.compile(r'<abbr title="([^"]+)">([^<]+)</abbr>')


def test_dutch_article_page_explains_terms_in_dutch(built_site: BuiltSite) -> None:
    html = built_site.page("glutamine/functions/index.html")
    found = dict((term, title) for title, term in ABBR.findall(html))
    assert "GLP-1" in found
    assert found["GLP-1"].startswith("Glucagon-like peptide-1: darmhormoon")


def test_glossary_lines_never_show_as_text(built_site: BuiltSite) -> None:
    html = built_site.page("glutamine/safety/index.html")
    assert "*[" not in html
    assert "<abbr" in html


def test_glossary_page_has_anchors_for_its_terms(built_site: BuiltSite) -> None:
    html = built_site.page("glossary/index.html")
    assert 'id="glp-1"' in html and 'id="ziekte-van-crohn"' in html


def test_glossary_page_itself_has_no_hover_terms(built_site: BuiltSite) -> None:
    """It explains every term in full; a tooltip on each of them only slowed the page down."""
    for page in ("glossary/index.html", "en/glossary/index.html"):
        assert "<abbr" not in built_site.page(page).split('class="md-content"', 1)[1], page


def test_each_term_is_marked_once_per_page_and_never_in_headings_or_links(built_site: BuiltSite) -> None:
    """First-mention marking (extra.atlas.glossary.mark: first): one tab stop and underline per term."""
    for page in ("leucine/index.html", "en/leucine/index.html", "glutamine/functions/index.html"):
        content = built_site.page(page).split('class="md-content"', 1)[1]
        titles = [title for title, _term in ABBR.findall(content)]
        assert titles, page
        assert len(titles) == len(set(titles)), f"{page}: a term is marked more than once"
        headings_and_links = re.finditer(r"<(h[1-6])\b.*?</\1>|<a\b[^>]*>.*?</a>", content, re.DOTALL)
        for element in headings_and_links:
            assert "<abbr" not in element.group(0), f"{page}: a glossary mark inside a heading or link"
