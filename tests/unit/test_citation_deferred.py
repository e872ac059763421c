"""Deferred citation HTML: tokens in the Markdown, HTML swapped in after conversion, same page out."""

from __future__ import annotations

import markdown
import pytest
from atlas.citations import deferred
from atlas.citations.bibfile import parse_bibliography
from atlas.citations.engine import CitationEngine
from atlas.citations.style import labels_for
from hypothesis import given, settings
from hypothesis import strategies as st

BIB = "\n".join(f"@article{{{k}, author={{Zed, Z}}, title={{T {k}}}, journal={{J}}, year={{2020}}}}"
                for k in ("a", "b", "c", "d"))
# the real site's Markdown extensions (mkdocs.yml), so every construct a page may use is covered
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]
PAGES = [
    "Text [@a] and [@b; @c] and [@a].\n",
    "# Heading [@a]\n\nText [@b].\n",
    "Setext heading [@a]\nsecond line\n---\n\nText [@b]\n",
    "Setext [@a]\n===\n",
    '!!! note "Title [@a]"\n    Body [@b] text.\n\n??? tip "T [@c]"\n    x [@d]\n',
    '=== "Tab [@a]"\n\n    In tab [@b].\n',
    "    indented code [@a]\n\nText [@b]\n",
    "- item [@a]\n    - nested [@b]\n\n        code in list? [@c]\n",
    "> quote [@a]\n>\n>     code [@b]\n",
    "| h [@a] | x |\n|---|---|\n| c [@b] | [@c; @d] |\n",
    "Term [@a]\n:   Definition [@b]\n",
    "Text[^n] [@a].\n\n[^n]: Note [@b].\n",
    "*[MTOR]: kinase [@a]\n\nMTOR [@b] and MTOR[@c].\n",
    "![alt [@a]](x.png) and [link [@b]](u) and [ref]\n\n[ref]: http://x \"t [@c]\"\n",
    "Attr [@a]\n{: title=\"[@b]\" }\n",
    "<div markdown>\nIn HTML [@a]\n</div>\n\n<div>\nraw [@b]\n</div>\n\n<abbr title=\"[@c]\">x</abbr> [@d]\n",
    "*em [@a]* **strong [@b]** _u [@c]_ word[@d]word\n",
    "Prefix [see @a], locator [@b, p. 3], unknown [@zz], escaped \\@c, `[@d]`\n",
    "Unclosed fence\n\n```\n[@a]\n",
    "Text [@a]\n\n<!-- unclosed comment\n",
    "Text [@a]\n\n<div>\nunclosed raw block [@b]\n",
    "Multi-line [@a;\n@b] group\n",
]


def engine() -> CitationEngine:
    return CitationEngine(parse_bibliography(BIB, "deferred.bib"), "en", labels_for("en"), "brackets")


def converted(text: str, defer: bool) -> str:
    result = engine().process(text, defer=defer)
    html = markdown.markdown(result.markdown, extensions=EXTENSIONS)
    return deferred.restore(html, result.fragments) if defer else html


@pytest.mark.parametrize("page", PAGES)
def test_deferred_output_is_identical(page: str) -> None:
    assert converted(page, defer=True) == converted(page, defer=False)


def test_plain_text_citations_are_deferred_and_tricky_ones_not() -> None:
    result = engine().process("# H [@a]\n\nText [@b].\n", defer=True)
    assert len(result.fragments) == 2  # the paragraph's group and the reference list, not the heading
    assert 'class="atlas-cite"' in result.markdown.split("\n")[0]
    assert deferred.token(0) in result.markdown and result.fragments[1].startswith("<ol ")


def test_page_holding_the_marker_character_is_not_deferred() -> None:
    result = engine().process(f"odd {deferred.MARK} text [@a]\n", defer=True)
    assert result.fragments == [] and 'class="atlas-cite"' in result.markdown


PIECES = st.sampled_from(["[@a]", "[@b; @c]", "[see @d]", "# ", "\n", "\n\n", "    ", "---", "===",
                          "!!! note \"", "`", "```", "> ", "- ", "1. ", "\t", "| ", "*[x]: ", "{: ",
                          "<div>", "</div>", "<!--", "text ", "*", "[^n]: ", "![a ", "](u)", '"'])


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, max_size=14))
def test_deferred_output_is_identical_for_arbitrary_pages(pieces: list[str]) -> None:
    page = "".join(pieces)
    assert converted(page, defer=True) == converted(page, defer=False)
