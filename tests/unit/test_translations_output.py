"""Per-language search index, per-folder sitemap, hreflang links, search base, notices, labels."""

from __future__ import annotations

import json

from atlas.labels import labels_for
from atlas.translations.head import hreflang_links, rebase_search, replace_alternates
from atlas.translations.labels import fill
from atlas.translations.notices import fallback_wrapper, stale_banner
from atlas.translations.search import language_index
from atlas.translations.sitemap import locations, sitemap_under

INDEX = {
    "config": {"lang": ["nl", "en", "de"], "separator": "[\\s]+"},
    "docs": [
        {"location": "", "title": "Start", "text": "welkom"},
        {"location": "mtor/#wat", "title": "Wat", "text": "eiwit"},
        {"location": "en/", "title": "Home", "text": "welcome"},
        {"location": "en/mtor/", "title": "mTOR", "text": "protein"},
        {"location": "en/glossary/", "title": "Woordenlijst", "text": "niet vertaald"},
        {"location": "de/", "title": "Start", "text": "willkommen"},
        {"location": "endocrine/", "title": "Hormonen", "text": "een Nederlandse pagina"},
    ],
}
LOCALES = ["nl", "en", "de"]


def test_default_language_index_keeps_only_default_pages() -> None:
    dutch = language_index(INDEX, "nl", "nl", LOCALES)
    assert [d["location"] for d in dutch["docs"]] == ["", "mtor/#wat", "endocrine/"]
    assert dutch["config"] == {"lang": ["nl"], "separator": "[\\s]+"}


def test_other_language_index_is_relative_to_its_folder_without_untranslated_pages() -> None:
    english = language_index(INDEX, "en", "nl", LOCALES, exclude_pages={"en/glossary/"})
    assert [d["location"] for d in english["docs"]] == ["", "mtor/"]
    assert english["config"]["lang"] == ["en"]
    assert INDEX["docs"][2]["location"] == "en/", "the input is not modified"


def test_unsupported_search_language_keeps_the_configured_list() -> None:
    assert language_index(INDEX, "fy", "nl", [*LOCALES, "fy"])["config"]["lang"] == ["nl", "en", "de"]


SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
    <url>
         <loc>https://example.org/atlas/</loc>
         <xhtml:link rel="alternate" hreflang="en" href="https://example.org/atlas/en/"/>
    </url>
    <url>
         <loc>https://example.org/atlas/en/</loc>
         <xhtml:link rel="alternate" hreflang="nl" href="https://example.org/atlas/"/>
    </url>
    <url><loc>https://example.org/atlas/endocrine/</loc></url>
</urlset>"""


def test_folder_sitemap_keeps_that_folder_with_alternates() -> None:
    english = sitemap_under(SITEMAP, "https://example.org/atlas/en/")
    assert locations(english) == ["https://example.org/atlas/en/"]
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in english
    assert '<xhtml:link rel="alternate" hreflang="nl" href="https://example.org/atlas/" />' in english
    assert english.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset')


def test_hreflang_links_are_absolute_default_first_with_x_default() -> None:
    links = hreflang_links("https://example.org/atlas", {"en": "en/mtor/", "nl": "mtor/"}, "nl")
    assert links == [
        ("nl", "https://example.org/atlas/mtor/"),
        ("en", "https://example.org/atlas/en/mtor/"),
        ("x-default", "https://example.org/atlas/mtor/"),
    ]
    assert hreflang_links("https://example.org/", {"nl": ""}, "nl")[-1] == ("x-default", "https://example.org/")


HEAD = """<head>
      <link rel="canonical" href="https://example.org/atlas/en/">
          <link rel="alternate" href="../" hreflang="nl">
          <link rel="alternate" href="./" hreflang="en">
      <link rel="alternate" type="application/rss+xml" href="feed.xml">
</head>"""


def test_material_relative_alternates_are_replaced_in_place() -> None:
    html = replace_alternates(HEAD, [("nl", "https://x/"), ("x-default", "https://x/")])
    assert 'href="../"' not in html and 'href="./"' not in html
    assert html.index('hreflang="nl" href="https://x/"') < html.index("application/rss+xml"), "same place"
    assert 'type="application/rss+xml"' in html, "feeds are not language alternates"


def test_alternates_go_before_head_end_when_material_wrote_none() -> None:
    html = replace_alternates("<head></head>", [("nl", "https://x/")])
    assert html == '<head>    <link rel="alternate" hreflang="nl" href="https://x/">\n</head>'


def test_search_base_points_to_the_language_folder() -> None:
    page = ('<script id="__config" type="application/json">{"base": "../..", "search": "a.js", '
            '"translations": {"x": "<b>\\u0027"}}</script>')
    rebased = rebase_search(page, "en")
    config = json.loads(rebased.split('json">', 1)[1].split("</script>")[0])
    assert config["base"] == "../../en/" and config["search"] == "a.js"
    assert "<b>" not in rebased.split('json">', 1)[1], "JSON stays safe inside <script>"
    assert rebase_search("<p>no config</p>", "en") == "<p>no config</p>"


def test_stale_banner_links_the_original_and_escapes_text() -> None:
    html = stale_banner("May be <old>.", "Read the original.", "../../mtor/", "nl")
    assert '<a href="../../mtor/" hreflang="nl">Read the original.</a>' in html
    assert "May be &lt;old&gt;." in html and "data-search-exclude" in html


def test_fallback_wraps_content_in_its_language_after_the_notice() -> None:
    html = fallback_wrapper("<h1>Titel</h1>", "Not translated yet.", "nl")
    notice, content = html.split('<div class="atlas-untranslated" lang="nl">')
    assert "Not translated yet." in notice and "<h1>Titel</h1>" in content


def test_labels_fall_back_to_english_and_config_wins() -> None:
    assert labels_for("translations", "fy")["stale_notice"] == "This translation may be out of date."
    assert labels_for("translations", "nl")["not_found_title"] == "Pagina niet gevonden"
    configured = {"de": {"stale_notice": "Veraltet?"}}
    german = labels_for("translations", "de", configured)
    assert german["stale_notice"] == "Veraltet?" and german["not_found_home"] == "Go to the home page"
    assert fill("Read the original ({language}).", "Nederlands") == "Read the original (Nederlands)."


