"""Cleaning a built page into the HTML a handout is made from."""

from __future__ import annotations

import pytest
from atlas.handouts.clean import (
    ArticleNotFound,
    CleanOptions,
    clean_article,
    extract_article,
    image_resolver,
)

PAGE = """<html><body><nav class="md-nav">Menu</nav>
<div class="md-content"><article class="md-content__inner md-typeset">
<a href="https://example.org/edit" class="md-content__button md-icon" rel="edit"><svg><path/></svg></a>
<h1 id="leucine">Leucine<a class="headerlink" href="#leucine" title="Permanent link">&para;</a></h1>
<p>Text &amp; more<sup id="fnref:x"><a class="footnote-ref" href="#fn:x">1</a></sup>.</p>
<article><p>Nested article</p></article>
</article></div><footer>Footer</footer></body></html>"""


def test_extract_article_returns_only_the_article_content() -> None:
    article = extract_article(PAGE)
    assert "<h1 id=\"leucine\">" in article
    assert "Nested article" in article
    assert "Menu" not in article and "Footer" not in article
    assert not article.rstrip().endswith("</article></div>")


def test_extract_article_without_material_article_is_an_error() -> None:
    with pytest.raises(ArticleNotFound):
        extract_article("<html><body><article><p>x</p></article></body></html>")


def test_clean_drops_permalinks_buttons_icons_and_backrefs() -> None:
    backref = '<p>Note.&nbsp;<a class="footnote-backref" href="#fnref:x">&#8617;</a></p>'
    html = clean_article(extract_article(PAGE) + backref)
    assert "headerlink" not in html and "&para;" not in html
    assert "md-content__button" not in html and "<svg" not in html
    assert "footnote-backref" not in html and "&#8617;" not in html
    assert "<h1 id=\"leucine\">Leucine</h1>" in html
    assert "Text &amp; more" in html  # entities survive unchanged


def test_clean_drops_the_pdf_action_and_form_controls() -> None:
    html = clean_article(
        '<a href="leucine-nl.pdf" download class="md-content__button md-icon atlas-handout-action">'
        "<svg></svg></a><p>Keep</p><button>Copy</button><input type=\"checkbox\"><script>x()</script>"
    )
    assert html.strip() == "<p>Keep</p>"


def test_clean_turns_collapsible_notes_and_titles_into_divs_pandoc_keeps() -> None:
    html = clean_article(
        '<details class="evidence" open><summary>Later research</summary><p>Body</p></details>'
        '<div class="admonition note"><p class="admonition-title">Note</p><p>Text</p></div>'
    )
    assert '<div class="admonition evidence"><div class="admonition-title">Later research</div>' in html
    assert '<div class="admonition note"><div class="admonition-title">Note</div><p>Text</p></div>' in html


def test_id_prefix_rewrites_ids_and_internal_links_only() -> None:
    html = clean_article(
        '<h2 id="references">R</h2><a href="#ref-a">A</a><a href="https://x.org/#y">X</a><a href="#">top</a>',
        CleanOptions(id_prefix="leucine--"),
    )
    assert 'id="leucine--references"' in html
    assert 'href="#leucine--ref-a"' in html
    assert 'href="https://x.org/#y"' in html
    assert 'href="#"' in html


def test_online_only_content_is_replaced_by_a_note() -> None:
    html = clean_article(
        '<pre class="mermaid"><code>graph TD; A--&gt;B</code></pre><p>After</p>',
        CleanOptions(online_only_note="Only online."),
    )
    assert "graph TD" not in html
    assert html.startswith("<p><em>Only online.</em></p>")
    assert "<p>After</p>" in html


def test_images_are_resolved_inside_the_site_or_replaced_by_their_alt_text() -> None:
    resolve = image_resolver("/site/en/leucine", "/site")
    html = clean_article(
        '<img src="../../assets/a.png" alt="Diagram"><img src="https://cdn.example/x.png" alt="Remote">'
        '<img src="../../../etc/passwd" alt="Outside">',
        CleanOptions(resolve_image=resolve),
    )
    assert '<img alt="Diagram" src="/assets/a.png" />' in html  # from the site's top: Typst's root
    assert "cdn.example" not in html and "<em>Remote</em>" in html
    assert "passwd" not in html and "<em>Outside</em>" in html


def test_image_resolver_refuses_data_uris_and_accepts_site_absolute_paths() -> None:
    resolve = image_resolver("/site/leucine", "/site")
    assert resolve("data:image/png;base64,AAAA") is None
    assert resolve("//cdn.example/x.png") is None
    assert resolve("/assets/x.svg?v=2#frag") == "/assets/x.svg"
    assert resolve("plot.png") == "/leucine/plot.png"
    assert resolve("../../site-other/x.png") is None  # beside the site, not in it
