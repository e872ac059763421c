"""Rendering: citation groups, the per-page reference list, the global bibliography, cite this page."""

# ruff: noqa: RUF001, E501  (golden HTML: en dashes, Greek letters, long lines are the expected output)
from __future__ import annotations

import markdown
from atlas.citations.bibfile import parse_bibliography
from atlas.citations.bibliography import CitingPage, render_bibliography
from atlas.citations.engine import CitationEngine
from atlas.citations.export import PageCitation, render_cite_page, to_bibtex, to_ris
from atlas.citations.extension import CitationsExtension, PageResult
from atlas.labels import labels_for

BIB = "\n".join(
    f"@article{{{key}, author={{{author}}}, title={{T {key}}}, journal={{J}}, year={{20{n:02d}}}, "
    f"doi={{10.1000/{key}}}, pmid={{{100 + n}}}}}"
    for n, (key, author) in enumerate([("a", "Zed, Z"), ("b", "Alpha, A"), ("c", "Mid, M"), ("d", "Beta, B")])
)


def engine(locale: str = "nl", display: str = "brackets") -> CitationEngine:
    return CitationEngine(parse_bibliography(BIB, "render.bib"), locale, labels_for("citations", locale), display)


class Converted:
    """A page through the citations extension (as any Python-Markdown engine converts it)."""

    def __init__(self, html: str, result: PageResult) -> None:
        self.markdown = html  # the page as it leaves the extension: HTML now, no longer Markdown
        self.unknown = result.unknown


class ExtensionEngine:
    def __init__(self, locale: str, display: str) -> None:
        self.extension = CitationsExtension(bibliography=parse_bibliography(BIB, "render.bib"), locale=locale,
                                            display=display)

    def process(self, text: str) -> Converted:
        html = markdown.markdown(text, extensions=[self.extension, "attr_list", "toc"])
        return Converted(html, self.extension.result)


def converter(locale: str = "nl", display: str = "brackets") -> ExtensionEngine:
    return ExtensionEngine(locale, display)


def test_group_html_compresses_and_links() -> None:
    out = converter().process("x [@a; @b; @c] y [@d, p. 3]\n").markdown
    assert ('<span class="atlas-cite" id="cite-1">[<a class="atlas-cite__ref" href="#ref-a" '
            'aria-describedby="ref-text-a" data-ref="a">1</a>–<a class="atlas-cite__ref" href="#ref-c" '
            'aria-describedby="ref-text-c" data-ref="c">3</a>]</span>') in out
    assert 'data-ref="d">4</a>, p. 3]</span>' in out


def test_superscript_display() -> None:
    out = converter(display="superscript").process("x [@a]\n").markdown
    assert '<sup class="atlas-cite atlas-cite--sup" id="cite-1"><a class="atlas-cite__ref"' in out


def test_reference_list_structure_and_backlinks() -> None:
    out = converter("en").process("[@b] and [@a] and [@b]\n").markdown
    assert '\n<h2 class="atlas-references-heading" id="references">References</h2>\n' in out
    assert '<ol class="atlas-references">\n<li id="ref-b">' in out
    assert ('<span class="atlas-ref__backlinks">^ <a class="atlas-ref__back" href="#cite-1" '
            'aria-label="Back to citation 1">a</a> <a class="atlas-ref__back" href="#cite-3" '
            'aria-label="Back to citation 2">b</a></span> <span class="atlas-ref__text" id="ref-text-b">'
            'Alpha A. T b.') in out
    assert '<li id="ref-a"><span class="atlas-ref__backlinks"><a class="atlas-ref__back" href="#cite-2"' in out


def test_dutch_heading_and_unknown_marker() -> None:
    result = converter().process("tekst\n\n[@a; @zz]\n")
    assert '<h2 class="atlas-references-heading" id="references">Referenties' in result.markdown
    assert '<mark class="atlas-cite__missing" title="onbekende referentie">?zz</mark>' in result.markdown
    assert [(u.line, u.key) for u in result.unknown] == [(3, "zz")]


def test_page_without_citations_is_unchanged() -> None:
    plain = markdown.markdown("# Title\n\nno citations, mail a@b.org\n", extensions=["attr_list", "toc"])
    assert converter().process("# Title\n\nno citations, mail a@b.org\n").markdown == plain


def test_entries_are_formatted_once_per_language() -> None:
    converter().process("[@a]\n")
    first = engine()
    second = engine()
    assert second._formatted is first._formatted and "a" in second._formatted


def test_global_bibliography_sorted_by_first_author_with_cited_on() -> None:
    eng = engine()
    bib = eng.bib
    rows = [(bib.entry(k), eng.formatted(k), [CitingPage("mTOR", "../mtor/")]) for k in ("a", "b", "c", "d")]
    html = render_bibliography(rows, eng.labels)
    order = [html.index(f'id="bib-{k}"') for k in ("b", "d", "c", "a")]  # Alpha, Beta, Mid, Zed
    assert order == sorted(order)
    assert 'Geciteerd op: <a href="../mtor/">mTOR</a>' in html


def test_cite_this_page_bibtex_and_ris() -> None:
    page = PageCitation("Amino Atlas", "Glutamine & sport", "https://x.org/glutamine/sport/", "2026-11-21",
                        "nl", "glutamine-sport")
    assert to_bibtex(page) == (
        "@online{aminoatlas-glutamine-sport-2026,\n  author = {{Amino Atlas}},\n"
        "  title = {Glutamine \\& sport},\n  organization = {Amino Atlas},\n  year = {2026},\n"
        "  date = {2026-11-21},\n  url = {https://x.org/glutamine/sport/},\n  langid = {nl}\n}\n")
    assert to_ris(page).splitlines() == [
        "TY  - ELEC", "AU  - Amino Atlas", "TI  - Glutamine & sport", "PB  - Amino Atlas", "PY  - 2026",
        "DA  - 2026/11/21", "UR  - https://x.org/glutamine/sport/", "LA  - nl", "ER  - "]
    html = render_cite_page(page, labels_for("citations", "nl"))
    assert "<summary>Deze pagina citeren</summary>" in html and "Glutamine \\&amp; sport" in html


def test_author_in_text_names_two_authors_in_the_page_language() -> None:
    from atlas.citations.render import author_short
    from pybtex.database import Person

    pair = [Person("Xu, Z."), Person("Li, Y.")]
    assert author_short(pair, labels_for("citations", "en")) == "Xu and Li"
    assert author_short(pair, labels_for("citations", "nl")) == "Xu en Li"
    assert author_short([*pair, Person("Tan, Q.")], labels_for("citations", "nl")) == "Xu et al."
    assert author_short([Person("Xu, Z."), Person("others")], labels_for("citations", "en")) == "Xu et al."
