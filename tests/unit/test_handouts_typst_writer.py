"""The Python Typst writer (atlas.handouts.typst_writer) against its oracle, pandoc with handout.lua.

Small inputs: Typst's special characters, labels and anchors, notes, links, lists, tables, figures, and
what the writer must refuse (so that pandoc converts the article instead). Hypothesis writes random text
and random articles in the shapes clean.py produces and compares the two conversions byte for byte
(a few dozen pandoc runs: `HYPOTHESIS_PANDOC_EXAMPLES` raises that for a longer search).
"""

from __future__ import annotations

import logging
import os

import pytest
from atlas.handouts import render
from atlas.handouts.typst_writer import Unsupported, article_to_typst
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.pandoc import needs_pandoc

EXAMPLES = int(os.environ.get("HYPOTHESIS_PANDOC_EXAMPLES", "25"))


def pandoc(html: str) -> str:
    return render.pandoc_article_to_typst(html)


# -- exact output on small inputs (no pandoc needed) ----------------------------------------------------

def test_typst_special_characters_are_escaped_as_pandoc_does() -> None:
    body = article_to_typst("<p>a #b $c *d _e @f &lt;g&gt; [h] \\i `j` ~k // l -- m ; n\u00a0o \"p\" 'q'</p>")
    assert body == ('a \\#b \\$c \\*d \\_e \\@f \\<g\\> \\[h\\] \\\\i \\`j\\` \\~k /\\/ l -\\- m \\; n~o '
                    '\\"p\\" \\\'q\\\'\n')


def test_markers_at_a_line_start_are_escaped_only_there() -> None:
    assert article_to_typst("<p>- a</p><p>+ b</p><p>= c</p><p>1. d</p><p>;e</p><p>x - 2. y</p>") == (
        "\\- a\n\n\\+ b\n\n\\= c\n\n\\1. d\n\n\\;e\n\nx - 2. y\n")


def test_a_parenthesis_after_markup_is_escaped() -> None:
    assert article_to_typst("<p>(a) <em>b</em>(c) <strong>(d)</strong></p>") == (
        "\\(a) #emph[b]\\(c) #strong[\\(d)]\n")


def test_headings_keep_their_ids_as_labels_and_get_pandoc_s_when_they_have_none() -> None:
    assert article_to_typst('<h1 id="top">Top</h1><h2>Two words</h2><h2>Two words</h2>') == (
        "= Top\n<top>\n== Two words\n<two-words>\n== Two words\n<two-words-1>\n")


def test_a_note_becomes_an_atlas_note_labelled_only_when_a_link_points_to_it() -> None:
    html = ('<div class="admonition warning careful" id="care"><div class="admonition-title">Be careful</div>'
            '<p>Text.</p></div><div class="admonition tip" id="x"><p>Tip.</p></div>'
            '<p><a href="#care">see</a></p>')
    assert article_to_typst(html) == (
        '#atlas-note(kind: "warning", title: [Be careful])[\nText.\n\n] <care>\n'
        '#atlas-note(kind: "tip", title: [])[\nTip.\n\n]\n#link(<care>)[see]\n')


def test_links_to_missing_anchors_and_other_pages_become_text_and_web_links_show_their_address() -> None:
    html = ('<p><a href="#nowhere">gone</a> <a href="../other/">page</a> '
            '<a href="https://example.org/a">site</a> <a href="https://doi.org/10.1/x">10.1/x</a> '
            '<a href="#x"></a></p>')
    assert article_to_typst(html) == (
        'gone page #link("https://example.org/a")[site]#atlas-url("https://example.org/a") '
        '#link("https://doi.org/10.1/x")[10.1/x]\n')


def test_a_targeted_span_becomes_an_anchor_before_its_text_and_other_span_ids_are_dropped() -> None:
    html = ('<ol><li id="ref-a"><span id="t-a">Author A.</span></li><li id="ref-b">Author B.</li></ol>'
            '<p><a href="#ref-a">1</a></p>')
    assert article_to_typst(html) == (
        "+ #metadata(none)<ref-a>Author A.\n+ Author B.\n\n#link(<ref-a>)[1]\n")


def test_images_keep_their_alt_text_and_decorative_ones_become_artifacts() -> None:
    html = ('<p><img alt="A chart" src="/site/a%20b.png" /> '
            '<img alt="" src="/site/line.svg" width="100" /></p>')
    assert article_to_typst(html) == (
        '#box(image("/site/a b.png", alt: "A chart")) '
        '#pdf.artifact(box(image("/site/line.svg", width: 75.00pt)))\n')


def test_a_header_row_in_the_table_body_becomes_the_table_header() -> None:
    html = ("<table><tbody><tr><th>Dose</th><th>Effect</th></tr>"
            "<tr><td>5 g</td><td>none</td></tr></tbody></table>")
    body = article_to_typst(html)
    assert "table.header([Dose], [Effect],),\n    table.hline(),\n    [5 g], [none],\n" in body


@pytest.mark.parametrize("html", [
    "<dl><dd>b</dd></dl>",  # a definition without its term
    '<p style="color: red">a</p>',  # an attribute pandoc reads
    "<p>a<!-- note --></p>",  # comments never reach a cleaned article
    "<p>a <q>quoted</q></p>",
    "<p>a</div>",  # unbalanced
    '<div lang="en"><p>a</p></div>',
    '<h2 id="a">x</h2><h2 id="a">y</h2>',  # pandoc warns about the second id
    '<pre><code class="language-python">x = 1</code></pre>',  # highlighting
    '<pre class="python"><code>x = 1</code></pre>',
    "<p>&eacute;</p>",  # an entity pandoc's parser may read otherwise
    '<p><a href="#a">one <a href="#b">two</a></a></p>',
])
def test_html_without_a_rule_is_refused(html: str) -> None:
    with pytest.raises(Unsupported):
        article_to_typst(html)


@needs_pandoc
def test_refused_html_is_converted_by_pandoc_and_the_reason_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="mkdocs.hooks.handouts.render"):
        body, warnings = render.convert_article("<p>A <q>quote</q>.</p>")
    assert body == 'A "quote".\n' and warnings == []
    assert any("converted by pandoc" in r.message and "<q>" in r.message for r in caplog.records)


@needs_pandoc
def test_a_failing_writer_leaves_the_article_to_pandoc(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(html: str) -> str:
        raise IndexError("a bug")

    monkeypatch.setattr(render.typst_writer, "article_to_typst", broken)
    assert render.convert_article("<p>Text.</p>") == ("Text.\n", [])


# -- the oracle: pandoc ----------------------------------------------------------------------------------

CASES = [
    "<p>Plain text.</p>",
    '<h1 id="t">Title <em>with</em> style</h1>\n'
    "<p>One\nline <strong> bold </strong>, <sup>2</sup><sub>x</sub>.</p>",
    "<ul>\n<li>tight</li>\n<li>list</li>\n</ul>\n<ul><li><p>loose</p></li><li>list</li></ul>",
    "<ol><li>one<ul><li>nested</li></ul></li><li><ul><li>only a list</li></ul></li></ol>",
    '<ol start="3"><li>three</li><li>four</li></ol>',
    "<blockquote><p>quoted</p>text</blockquote><hr /><p>after</p>",
    "<p>line<br />break<br/>\nagain</p>",
    "<pre><code>code &lt;x&gt;\n\n``y``\n</code></pre><p><code>a  b</code> <code>c`d</code></p>",
    '<div class="language-python highlight"><pre><span></span><code><span class="n">x</span> '
    '<span class="o">=</span> 1\n</code></pre></div>'
    '<pre class="atlas-cite-page__bibtex"><code>@online{x,\n}\n</code></pre>',
    '<figure><p><img alt="A b" src="/x/y%20z.png" /></p>'
    "<figcaption><p>Cap <em>x</em></p></figcaption></figure>",
    '<table><thead><tr><th style="text-align: left;">a</th><th>b</th></tr></thead><tbody><tr>'
    '<td style="text-align: left;">1</td><td>2 <strong>x</strong></td></tr></tbody></table>',
    "<table><tr><th>a</th><th>b</th></tr><tr><th>c</th><th>d</th></tr>"
    "<tr><td><p>1</p><p>2</p></td><td>3</td></tr></table>",
    '<div class="admonition note"><div class="admonition-title">A title long enough to be wrapped by '
    "pandoc's writer at seventy-two columns, which it is</div><p>x</p></div>",
    '<div id="d"><p>in a div</p></div>'
    '<p><a href="#d">to the div</a> <a href="mailto:a@b.org">a@b.org</a></p>',
    '<p><abbr title="t">AB</abbr> <mark>marked</mark> <small>small</small> <span class="c">span</span> '
    "<del>gone</del> <ins>new</ins> <kbd>K</kbd></p>",
    '<ul><li id="i1"><p>para item</p></li><li id="i2">plain item</li></ul><p><a href="#i1">x</a></p>',
    '<p><a href="https://example.org/">https://example.org/</a> <a href="https://example.org/"> '
    "<em>spaced</em> </a></p>",
    "text at the top\n<p>and a paragraph</p>",
    "<dl>\n<dt>Term: one</dt>\n<dd>Meaning</dd>\n<dt>Two</dt><dt><em>terms:</em></dt>"
    "<dd><p>a</p><p>b</p></dd><dd>c</dd>\n</dl>",
    "<p><br />x<br /></p><p>x <br /> y</p><p><em></em></p><p> </p><p><em> a </em>b</p>",
    '<p><a href="#q"><img alt="" src="/a.png"/></a></p><h2 id="q">Q</h2>'
    "<ul><li></li><li>a</li></ul><div></div>",
    '<h2 id="a b">x</h2><p><a href="#a b">l</a> <a href="https://x.org/a b">t</a> '
    '<a href="https://x.org/[x]">https://x.org/[x]</a></p>',
    "<h1>1. Intro</h1><h1>Intro</h1><h1>intro</h1><h1>!!</h1><p>1.</p><ul><li>2.</li><li>-x</li></ul>",
    "<p><strong>a</strong><strong>b</strong> <em>c</em> <em>d</em> <code>b</code>(c) tab\there x\u200by</p>",
    '<div class="admonition note"><p class="admonition-title">T</p><div class="admonition-title">U</div>'
    '<p>b</p></div><div class="admonition"><div class="admonition-title"></div></div>',
    '<p><a href="HTTP://X.ORG">x</a> <a href="mailto:A@B.org">a@b.org</a> '
    '<a href="https://www.example.org/">example.org</a> <a href="https://doi.org/10.1/x">doi:10.1/X</a></p>',
]


@needs_pandoc
@pytest.mark.parametrize("html", CASES)
def test_the_writer_matches_pandoc_on_known_shapes(html: str) -> None:
    assert article_to_typst(html) == pandoc(html)


CHARACTERS = list("ab1 .,;:!?()-+=/#$*_@[]\\`~'\"\u00a0\u2019\u2013\u2014\u00e9\n<>&")


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


TEXT = st.text(alphabet=st.sampled_from(CHARACTERS), min_size=1, max_size=14).map(_escaped)
IDS = st.sampled_from(["a", "b", "ref-a", "fn:x"])


def _inline(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(lambda t: f"<em>{t}</em>", children),
        st.builds(lambda t: f"<strong>{t}</strong>", children),
        st.builds(lambda t: f"<sup>{t}</sup>", children),
        st.builds(lambda t: f'<abbr title="x">{t}</abbr>', children),
        st.builds(lambda i, t: f'<span id="{i}">{t}</span>', IDS, children),
        st.builds(lambda i, t: f'<a href="#{i}">{t}</a>', IDS, children),
        st.builds(lambda t: f'<a href="https://example.org/x">{t}</a>', children),
        st.builds(lambda t: f'<a href="../page/">{t}</a>', children),
        st.builds(lambda a, b: a + b, children, children),
        st.builds(lambda a, b: f"{a}<br />{b}", children, children),
        st.builds(lambda t: f'<img alt="{t}" src="/site/i.png" />', st.sampled_from(["", "a", " b  c "])),
    )


INLINES = st.recursive(TEXT, _inline, max_leaves=6)


def _note(ident: str, kind: str, title: str, body: str) -> str:
    title = f'<div class="admonition-title">{title}</div>'
    return f'<div class="admonition {kind}" id="{ident}">\n{title}\n{body}\n</div>'


def _block(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(lambda items: "<ul>\n" + "".join(f"<li>{i}</li>\n" for i in items) + "</ul>",
                  st.lists(st.one_of(INLINES, children), min_size=1, max_size=3)),
        st.builds(lambda i, items: f'<ol>\n<li id="{i}">' + "</li>\n<li>".join(items) + "</li>\n</ol>",
                  IDS, st.lists(st.one_of(INLINES, children), min_size=1, max_size=3)),
        st.builds(_note, IDS, st.sampled_from(["note", "warning careful", "evidence"]), INLINES, children),
        st.builds(lambda i, b: f'<div id="{i}">{b}</div>', IDS, children),
        st.builds(lambda b: f"<blockquote>{b}</blockquote>", children),
        st.builds(lambda t, b: f"<dl>\n<dt>{t}</dt>\n<dd>{b}</dd>\n</dl>", INLINES, children),
        st.builds(lambda a, b: f"{a}\n{b}", children, children),
    )


BLOCKS = st.recursive(
    st.one_of(st.builds(lambda t: f"<p>{t}</p>", INLINES), st.builds(lambda t: f"<h2>{t}</h2>", INLINES),
              st.just("<hr />")),
    _block, max_leaves=5)


@needs_pandoc
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_random_text_is_escaped_as_pandoc_escapes_it(text: str) -> None:
    html = f"<p>{text}</p>"
    assert article_to_typst(html) == pandoc(html)


@needs_pandoc
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BLOCKS)
def test_random_articles_are_written_as_pandoc_writes_them(html: str) -> None:
    try:
        body = article_to_typst(html)
    except Unsupported:
        return  # pandoc converts it: nothing to compare
    assert body == pandoc(html)
