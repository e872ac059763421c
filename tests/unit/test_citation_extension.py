"""The citations Markdown extension on its own (any Python-Markdown engine): finding citations in what
Markdown renders, numbering in page order, placing the list, and never leaking markup."""

# ruff: noqa: E501  (golden HTML: long lines are the expected output)
from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from atlas.citations.bibfile import parse_bibliography
from atlas.citations.extension import CitationsExtension
from atlas.glossary_extension import GlossaryExtension
from hypothesis import example, given, settings
from hypothesis import strategies as st

BIB = "\n".join(f"@article{{{k}, author={{Zed, Z}}, title={{T {k} leucine}}, journal={{J}}, year={{2020}}}}"
                for k in ("a", "b", "c", "d"))
# the real site's Markdown extensions (mkdocs.yml), so every construct a page may use is covered
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]


def extension(**settings: object) -> CitationsExtension:
    return CitationsExtension(bibliography=parse_bibliography(BIB, "ext.bib"), locale="en", **settings)


def convert(text: str, ext: CitationsExtension | None = None, extra: tuple[object, ...] = ()) -> str:
    return markdown.markdown(text, extensions=[*EXTENSIONS, ext or extension(), *extra])


class _Nesting(HTMLParser):
    """Records problems a citation must never cause: `<a>` inside `<a>`, duplicate ids."""

    def __init__(self) -> None:
        super().__init__()
        self.open_links = 0
        self.nested = False
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.nested = self.nested or self.open_links > 0
            self.open_links += 1
        self.ids += [value or "" for name, value in attrs if name == "id"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.open_links = max(0, self.open_links - 1)


def check(html: str) -> _Nesting:
    parser = _Nesting()
    parser.feed(html)
    assert not parser.nested, html
    assert len(parser.ids) == len(set(parser.ids)), html
    return parser


def test_loadable_by_dotted_name_with_a_bib_path(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    md = markdown.Markdown(extensions=["atlas.citations.extension"], extension_configs={
        "atlas.citations.extension": {"bibliography": str(bib), "locale": "nl", "display": "superscript"}})
    html = md.convert("Tekst [@b] en [@a].")
    assert '<sup class="atlas-cite atlas-cite--sup" id="cite-1">' in html
    assert '<h2 class="atlas-references-heading" id="references">Referenties</h2>' in html
    assert md.registeredExtensions[0].result.order == ["b", "a"]


def test_numbered_in_page_order_with_the_list_before_footnotes_and_the_epilogue_after_it() -> None:
    ext = extension()
    ext.use(bibliography=ext.getConfig("bibliography"), epilogue='<div class="after">x</div>')
    html = convert("Text[^n] [@b].\n\n[^n]: Note.\n\nMore [@a].\n", ext)
    assert ext.result.order == ["b", "a"]
    order = [html.index(part) for part in ('id="cite-1"', 'id="cite-2"', 'id="references"',
                                           '<ol class="atlas-references">', '<div class="after">',
                                           '<div class="footnote">')]
    assert order == sorted(order)
    check(html)


def test_citations_are_found_in_what_markdown_renders_only() -> None:
    """An unclosed `<!--` inside code is text, so it never hides the citations after it (issue 14)."""
    ext = extension()
    html = convert("Code `<!--` here [@a].\n\n```\n[@b] <!--\n```\n\nAnd `[@c]` then [@d].\n", ext)
    assert ext.result.order == ["a", "d"]
    assert "<code>[@c]</code>" in html and "[@b] &lt;!--" in html
    assert 'href="#ref-d"' in html


def test_citation_in_link_text_is_plain_text_there() -> None:
    html = convert("[see [@a] here](https://example.org) and [@a].\n")
    check(html)
    link = re.search(r'<a href="https://example.org">.*?</a>', html)
    assert link and '<span class="atlas-cite" id="cite-1">[1]</span>' in link.group(0)
    assert 'href="#cite-1"' in html  # the reference list still leads back to it


def test_citations_in_attributes_alt_text_and_abbreviations_are_plain_text_there() -> None:
    """Issue 14: no leaked markup in attribute values; the entry is still numbered and listed."""
    ext = extension()
    html = convert('Attr [@a]\n{: title="see [@b]" }\n\n![figure [@c]](x.png)\n\n*[MTOR]: kinase [@d]\n\nMTOR.\n', ext)
    check(html)
    assert 'title="see [1]"' in html and 'alt="figure [3]"' in html and '<abbr title="kinase [4]">MTOR</abbr>' in html
    assert ext.result.order == ["b", "a", "c", "d"]
    assert all("<" not in value and "@" not in value for value in re.findall(r'(?:title|alt)="([^"]*)"', html))
    assert '<li id="ref-b"><span class="atlas-ref__backlinks"></span>' in html  # nothing to go back to


def test_raw_html_keeps_its_text() -> None:
    html = convert('<abbr title="[@c]">x</abbr> [@d]\n')
    assert 'title="[@c]"' in html and 'href="#ref-d"' in html


def test_escaped_at_is_a_literal_at() -> None:
    html = convert("Mail info\\@example.org, not [\\@a].\n")
    assert "info&#64;example.org" in html and "atlas-cite" not in html


def test_refs_marker_receives_the_list() -> None:
    html = convert("# Page\n\nText [@a].\n\n::: {#refs}\n:::\n\n## After\n\nEnd.\n")
    check(html)
    assert html.index('<ol class="atlas-references">') < html.index("After</h2>")
    assert html.count('id="references"') == 1 and ":::" not in html


def test_existing_references_heading_receives_the_list_without_a_second_heading() -> None:
    html = convert("Text [@a].\n\n## References\n\nEnd.\n")
    check(html)
    assert html.count("<h2") == 1
    assert re.search(r'<h2 id="references">References</h2>\n<ol class="atlas-references">', html)


def test_an_element_already_called_references_keeps_its_id_unique() -> None:
    html = convert('<div id="references" markdown>\nText [@a].\n</div>\n')
    ids = check(html).ids
    assert "references" in ids and "references-2" in ids


def test_a_page_without_citations_is_what_markdown_alone_writes() -> None:
    text = "# Title\n\nno citations, mail a@b.org\n\n::: {#refs}\n:::\n"
    assert convert(text) == markdown.markdown(text.replace("::: {#refs}\n:::\n", ""), extensions=EXTENSIONS)


def test_unknown_keys_name_their_line_in_the_file() -> None:
    ext = extension()
    ext.use(bibliography=ext.getConfig("bibliography"), line_offset=3)
    convert("Text [@a].\n\nTypo [@zz] and again\n[@zz].\n", ext)
    assert [(u.line, u.key) for u in ext.result.unknown] == [(6, "zz"), (7, "zz")]


def test_glossary_marks_text_but_never_the_reference_list() -> None:
    glossary = GlossaryExtension(terms={"leucine": "amino acid"})
    html = convert("About [@a].\n", extra=(glossary,))
    assert "<abbr" not in html  # "leucine" occurs only in the formatted reference
    html = convert("Leucine [@a].\n", extra=(glossary,))
    assert html.count("<abbr") == 1


def test_switching_off_leaves_citations_as_text() -> None:
    ext = extension()
    ext.use(bibliography=None)
    assert convert("Text [@a].\n", ext) == "<p>Text [@a].</p>"
    assert ext.result.order == []


PAGES = [
    "Text [@a] and [@b; @c] and [@a].\n",
    "# Heading [@a]\n\nText [@b].\n",
    "Setext heading [@a]\nsecond line\n---\n\nText [@b]\n",
    '!!! note "Title [@a]"\n    Body [@b] text.\n\n??? tip "T [@c]"\n    x [@d]\n',
    '=== "Tab [@a]"\n\n    In tab [@b].\n',
    "- item [@a]\n    - nested [@b]\n\n        code in list? [@c]\n",
    "> quote [@a]\n>\n>     code [@b]\n",
    "| h [@a] | x |\n|---|---|\n| c [@b] | [@c; @d] |\n",
    "Term [@a]\n:   Definition [@b]\n",
    "Text[^n] [@a].\n\n[^n]: Note [@b].\n",
    "*em [@a]* **strong [@b]** _u [@c]_ word[@d]word\n",
    "Prefix [see @a], locator [@b, p. 3], unknown [@zz], escaped \\@c, `[@d]`\n",
    "Multi-line [@a;\n@b] group\n",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_construct_gets_linked_citations_and_one_list(page: str) -> None:
    html = convert(page)
    check(html)
    assert html.count('<ol class="atlas-references">') == 1
    shown = re.sub(r"<code>.*?</code>|<[^>]+>", "", html, flags=re.S)
    assert "[@a" not in shown and "@b]" not in shown


PIECES = st.sampled_from(["[@a]", "[@b; @c]", "[see @d]", "# ", "\n", "\n\n", "    ", "---", "===",
                          "!!! note \"", "`", "```", "> ", "- ", "1. ", "\t", "| ", "*[x]: ", "{: ",
                          "<div>", "</div>", "<!--", "text ", "*", "[^n]: ", "![a ", "](u)", '"', "::: {#refs}\n"])


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, max_size=14))
@example(pieces=["# ", "::: {#refs}\n", "# ", "::: {#refs}\n"])  # found in CI: the author's own duplicate
def test_arbitrary_pages_convert_without_nested_links_or_duplicate_ids(pieces: list[str]) -> None:
    page = "".join(pieces)
    html = convert(page)
    parser = _Nesting()
    parser.feed(html)
    assert not parser.nested, html
    # An id the author wrote twice (`# x {#refs}` twice) is the author's duplicate, and Markdown keeps it
    # without this extension too; the extension itself must never add one.
    authored = _Nesting()
    authored.feed(markdown.markdown(page, extensions=EXTENSIONS))
    for name, count in Counter(parser.ids).items():
        assert count <= max(1, authored.ids.count(name)), html


def test_an_id_the_author_wrote_twice_is_not_blamed_on_the_extension() -> None:
    """Found by the test above: two headings `# ::: {#refs}` have the id `refs` with or without citations."""
    page = "# ::: {#refs}\n# ::: {#refs}\n"
    assert markdown.markdown(page, extensions=EXTENSIONS).count('id="refs"') == 2
    assert convert(page).count('id="refs"') == 2


# Issue 14, item 5: Pandoc's citation syntax, completely; item 9: anchors for any key; item 7: nocite.
PEOPLE_BIB = BIB + """
@article{xu2020, author={Xu, Wei and Li, Na and Smith, John}, title={T}, journal={J}, year={2020}}
@article{duo2021, author={de Vries, Anna and Bakker, Tom}, title={T}, journal={J}, year={2021}}
@article{solo2019, author={Jansen, Piet}, title={T}, journal={J}, year={2019}}
@article{Tèst, author={A, A}, title={T1}, journal={J}, year={2001}}
@article{Tést, author={B, B}, title={T2}, journal={J}, year={2002}}
@article{Jarse.2023, author={C, C}, title={T3}, journal={J}, year={2003}}
@article{Jarse-2023, author={D, D}, title={T4}, journal={J}, year={2004}}
@article{odd/key+1, author={E, E}, title={T5}, journal={J}, year={2005}}
@article{odd-key-1, author={F, F}, title={T6}, journal={J}, year={2006}}
"""


def people(**settings: object) -> CitationsExtension:
    return CitationsExtension(bibliography=parse_bibliography(PEOPLE_BIB, "people.bib"), locale="en", **settings)


def test_author_in_text_names_then_number_and_locator() -> None:
    ext = people()
    html = convert("As @xu2020 showed, and @duo2021 [p. 33] and @solo2019; see [@a].\n", ext)
    assert ext.result.order == ["xu2020", "duo2021", "solo2019", "a"]
    assert re.search(r'As Xu et al\. <span class="atlas-cite" id="cite-1">\[<a [^>]*href="#ref-xu2020"[^>]*>1</a>\]</span> showed', html)
    assert re.search(r'de Vries and Bakker <span class="atlas-cite" id="cite-2">\[<a [^>]*>2</a>, p\. 33\]</span> and', html)
    assert re.search(r'Jansen <span class="atlas-cite" id="cite-3">\[<a [^>]*>3</a>\]</span>;', html)


def test_in_text_needs_no_word_character_or_slash_before_the_at() -> None:
    ext = people()
    html = convert("Mail info@xu2020.org, see https://example.org/@xu2020 and `@xu2020`; \\@xu2020.\n", ext)
    assert ext.result.order == [] and "atlas-cite" not in html


def test_suppress_author_braced_keys_and_adjacent_groups() -> None:
    ext = people()
    html = convert("A [-@xu2020]. B [@{odd/key+1}]. C [@solo2019][@duo2021]. D [x][ref].\n\n[ref]: https://x.org\n", ext)
    assert ext.result.order == ["xu2020", "odd/key+1", "solo2019", "duo2021"]
    assert "Xu" not in html.split('<ol class="atlas-references">')[0]  # [-@key]: only the number
    assert '<a href="https://x.org">x</a>' in html


def test_groups_with_prefixes_or_locators_are_separated_by_semicolons() -> None:
    html = convert("X [see @a, p. 3; @b; also @c].\n")
    assert re.search(r'\[see <a [^>]*>1</a>, p\. 3; <a [^>]*>2</a>; also <a [^>]*>3</a>\]', html)


def test_look_alike_keys_get_distinct_readable_anchors_and_their_own_preview() -> None:
    keys = ["Tèst", "Tést", "Jarse.2023", "Jarse-2023", "odd/key+1", "odd-key-1"]
    html = convert(" ".join(f"[@{{{k}}}]" for k in keys) + "\n", people())
    ids = check(html).ids
    refs = [i for i in ids if i.startswith("ref-") and not i.startswith("ref-text-")]
    assert len(refs) == len(keys) == len(set(refs))
    assert {"ref-Tèst", "ref-Tést", "ref-Jarse.2023", "ref-Jarse-2023", "ref-odd-key-1"} <= set(refs)
    for number, key in enumerate(keys, start=1):  # each link's preview names the entry of its own key
        link = re.search(rf'aria-describedby="([^"]+)" data-ref="[^"]+">{number}</a>', html)
        assert link is not None
        entry = re.search(rf'id="{re.escape(link.group(1))}">([^<]+)', html)
        assert entry is not None and f"T{keys.index(key) + 1}." in entry.group(1)


def test_nocite_lists_entries_without_citing_them() -> None:
    ext = people(nocite="@solo2019, @a, @missing")
    html = convert("Text [@a].\n", ext)
    assert ext.result.order == ["a"] and ext.result.listed == ["a", "solo2019"]
    assert [u.key for u in ext.result.unknown] == ["missing"]
    assert '<li id="ref-solo2019"><span class="atlas-ref__backlinks"></span>' in html
    every = people()
    every.use(bibliography=every.getConfig("bibliography"), nocite=["@*"])
    html = convert("No citations here.\n", every)
    assert len(every.result.listed) == 4 + 9 and html.count("<li id=") == 13


def test_an_attribute_without_a_value_is_no_crash() -> None:
    """Found by hypothesis: attr_list can leave an attribute whose value is None (`{: ::: {#refs}`)."""
    check(convert("::: {#refs}\n{: ::: {#refs}\n"))


# --- issue 23: one grammar; prefixes and locators are Markdown; nothing of Markdown's own leaks ---------

PLACEHOLDER_LEAK = re.compile("[\x02\x03]|klzzwxh|wzxhzdk")


def body(html: str) -> str:
    return html.split('<h2 class="atlas-references-heading"')[0]


@pytest.mark.parametrize("text", [
    "[see `code` @a, p. `3`]", "[<b>bold</b> @a, p. <i>3</i>]", "[\\*see\\* @a, p. \\*3]",
    "[see `x; y` @a]", "@a [p. `3`]", "[*see* @a, p. **32**]\n{: .x }",
])
def test_no_placeholder_reaches_the_html_from_a_prefix_or_locator(text: str) -> None:
    html = convert(text)
    assert not PLACEHOLDER_LEAK.search(html), html
    assert 'href="#ref-a"' in html


def test_markdown_in_prefixes_and_locators_is_rendered() -> None:
    html = body(convert("[*see* @a, p. **32**] and [see `code` @b, <b>x</b>]"))
    assert "[<em>see</em> <a " in html and ">1</a>, p. <strong>32</strong>]" in html
    assert "[see <code>code</code> <a " in html and ">2</a>, <b>x</b>]" in html


def test_an_autolinks_address_is_never_rewritten() -> None:
    html = convert("<http://x.org/[@a]> and [text](http://y.org/[@b])")
    assert 'href="http://x.org/[@a]"' in html and 'href="http://y.org/[@b]"' in html
    assert "atlas-cite" not in html


def test_see_a_and_b_reads_as_pandoc_reads_it() -> None:
    """One group for `a` whose locator holds an author-in-text citation of `b` (Pandoc's reading), not
    two in-text citations inside literal brackets."""
    ext = extension()
    html = body(convert("[see @a and @b]", ext))
    assert ext.result.order == ["a", "b"]
    assert html.startswith('<p><span class="atlas-cite" id="cite-1">[see <a ')
    assert ">1</a>, and Zed <span class=\"atlas-cite\" id=\"cite-2\">[<a " in html
    check(html)


@pytest.mark.parametrize("text", ["@a  \n[p. 3]", "@a\n[p. 3]", "[@a,  \np. 3]", "[@a\n p. 3]"])
def test_a_locator_after_two_spaces_or_a_line_break(text: str) -> None:
    html = body(convert(text))
    assert re.search(r">1</a>, p\. 3\]</span>", html), html
    assert "[p. 3]" not in html


def test_an_escaped_semicolon_prints_no_backslash_and_braces_delimit_a_locator() -> None:
    html = body(convert("[@a\\; more] [@b, {pp. iv, vi}]"))
    assert ">1</a>; more]" in html and "\\" not in html
    assert ">2</a>, pp. iv, vi]" in html and "{" not in html


def test_a_citation_inside_a_raw_link_makes_no_link_of_its_own() -> None:
    html = body(convert('<a href="https://example.org">see [@a] and @b</a>'))
    check(html)
    assert '<span class="atlas-cite" id="cite-1">[1]</span>' in html


def test_citations_inside_a_locator_are_numbered_in_reading_order() -> None:
    ext = extension()
    html = body(convert("[@a, p. 3 [@b]] then @c [see @d]", ext))
    assert ext.result.order == ["a", "b", "c", "d"]
    check(html)
