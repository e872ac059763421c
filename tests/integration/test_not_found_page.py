"""The built 404 pages of the real site: self-contained (nothing linked whose path depends on the base the
site is served under), under the Content-Security-Policy with their one inline script hashed, small."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re

import pytest

from tests.support.site import BuiltSite

PAGES = {"404.html": "nl", "en/404.html": "en"}
BUDGET_GZIP_BYTES = 4_000  # the whole page, stylesheet and script included
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


@pytest.mark.parametrize(("relative", "lang"), PAGES.items())
def test_the_404_page_links_no_file_of_the_site(built_site: BuiltSite, relative: str, lang: str) -> None:
    html = built_site.page(relative)
    assert not re.search(r"<link[^>]+rel=\"?stylesheet", html), "a stylesheet link breaks under another base"
    assert " src=" not in html, "an external script or image breaks under another base"
    assert re.search(r'<link rel="icon" href="data:image/svg\+xml,', html)
    assert "<style>:root{" in html and "--md-primary-fg-color:#00695c" in html
    assert f'<html lang="{lang}">' in html


@pytest.mark.parametrize("relative", PAGES)
def test_the_inline_script_is_allowed_by_its_hash_and_nothing_else_inline(
    built_site: BuiltSite, relative: str
) -> None:
    html = built_site.page(relative)
    head = html[: html.index("<style>")]
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
    assert policy, "the CSP meta tag must come before the page's style and script"
    script_src = next(part for part in policy.group(1).split("; ") if part.startswith("script-src "))
    scripts = INLINE_SCRIPT.findall(html)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode("ascii")
    assert script_src == f"script-src 'self' 'sha256-{digest}'"


def test_both_languages_are_on_each_page_the_pages_own_first(built_site: BuiltSite) -> None:
    for relative, lang in PAGES.items():
        html = built_site.page(relative)
        sections = re.findall(r'<section lang="([a-z]+)"', html)
        assert sections[0] == lang and sorted(sections) == ["en", "nl"], relative
        assert len(re.findall(r"<h1[ >]", html)) == 1
    root = built_site.page("404.html")
    assert '<h1 id="atlas-404-nl">Pagina niet gevonden</h1>' in root
    assert '<h2 id="atlas-404-en">Page not found</h2>' in root
    # without JavaScript: links and search to the homes under the configured site path
    assert '<a href="/amino-atlas/en/" hreflang="en" data-atlas-404-home>' in root
    assert '<form action="/amino-atlas/" method="get" role="search"' in root


def test_the_script_gets_the_site_data_it_needs(built_site: BuiltSite) -> None:
    block = re.search(r'<script type="application/json" id="atlas-404-data">(.*?)</script>',
                      built_site.page("404.html"))
    assert block
    data = json.loads(block.group(1))
    assert data["root"] == "/amino-atlas/" and data["default"] == "nl" and data["languages"] == ["nl", "en"]
    assert {"leucine", "glutamine", "mtor"} <= set(data["folders"]) and "en" not in data["folders"]
    assert data["site"] == "Amino Atlas"


def test_the_page_is_small_and_its_sources_are_not_published(built_site: BuiltSite) -> None:
    for relative in PAGES:
        size = len(gzip.compress(built_site.page(relative).encode("utf-8"), compresslevel=6, mtime=0))
        assert size <= BUDGET_GZIP_BYTES, f"{relative}: {size} bytes gzip"
    assert not (built_site.root / "partials").exists()
    assert not (built_site.root / "assets" / "javascripts" / "not-found.js").exists()
