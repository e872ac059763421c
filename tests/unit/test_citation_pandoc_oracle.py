"""Citation syntax against pandoc, the oracle (issue 23): the bundled pandoc decides which citations a
snippet holds (keys, mode, prefix, locator); our grammar must find the same, except for the documented,
deliberate differences (CONTRIBUTING.md, "Citation syntax: deliberate differences from Pandoc"), which
are tested as such. The Markdown extension and the source scanner share the grammar and must agree too.

Generated snippets: ATLAS_PANDOC_ORACLE_EXAMPLES (default 40) batches of 25 snippets, one pandoc run per
batch; CI runs them derandomized (HYPOTHESIS_PROFILE=ci). A larger local run: the same variable, e.g.
ATLAS_PANDOC_ORACLE_EXAMPLES=400 (10,000 snippets), or bench/oracle_citations.py.
"""

from __future__ import annotations

import os
import re

import markdown
import pytest
from atlas.citations.bibfile import parse_bibliography
from atlas.citations.extension import CitationsExtension
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.treeprocessors import Treeprocessor

from tests.support.citation_oracle import (
    DELIBERATE,
    MANUAL_AND_EDGES,
    PIECES,
    acceptable,
    grammar_cites,
    mode_of,
    pandoc_cites,
    tidy,
)
from tests.support.pandoc import needs_pandoc

EXAMPLES = int(os.environ.get("ATLAS_PANDOC_ORACLE_EXAMPLES", "40"))
BATCH = 25

SNIPPET = st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join).map(tidy).filter(acceptable)


def _differences(snippets: list[str]) -> list[str]:
    return [f"{snippet!r}:\n  ours   {grammar_cites(snippet)}\n  pandoc {theirs}"
            for snippet, theirs in zip(snippets, pandoc_cites(snippets), strict=True)
            if grammar_cites(snippet) != theirs]


@needs_pandoc
def test_the_pandoc_manual_and_the_edge_cases_of_issue_23_read_as_pandoc_reads_them() -> None:
    assert _differences(MANUAL_AND_EDGES) == []


@needs_pandoc
@pytest.mark.parametrize(("snippet", "ours", "theirs", "why"), DELIBERATE, ids=[row[0] for row in DELIBERATE])
def test_each_deliberate_difference_is_exactly_the_documented_one(
        snippet: str, ours: list, theirs: list, why: str) -> None:
    assert grammar_cites(snippet) == ours
    assert pandoc_cites([snippet]) == [theirs], f"pandoc changed: {why}"


def test_the_deliberate_differences_are_documented_in_contributing(project_root) -> None:
    contributing = (project_root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for snippet, _ours, _theirs, _why in DELIBERATE:
        assert f"`{snippet}`" in contributing, snippet


@needs_pandoc
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(SNIPPET, min_size=BATCH, max_size=BATCH))
def test_generated_snippets_read_as_pandoc_reads_them(snippets: list[str]) -> None:
    assert _differences(snippets) == []


# --- the extension and the scanner: one grammar, the same citations ------------------------------------

BIB = parse_bibliography("\n".join(
    f"@article{{{key}, author={{Zed, Z}}, title={{T}}, journal={{J}}, year={{2020}}}}"
    for key in ("a", "b", "Xu2020", "a:b", "a.b", "a/b", "c_d", "smith04", "Tèst")), "oracle.bib")
EXTENSIONS = ["abbr", "attr_list", "footnotes", "md_in_html", "tables"]
LEAKS = re.compile("[\x00\x02\x03]|klzzwxh|wzxhzdk")


class _Capture(Treeprocessor):
    """Keeps the citations the inline processors found, before numbering consumes them."""

    def __init__(self, md: markdown.Markdown, ext: CitationsExtension, found: list) -> None:
        super().__init__(md)
        self.ext, self.found = ext, found

    def run(self, root: object) -> None:
        self.found += [item for items in self.ext._pending for item in items]


def rendered(snippet: str) -> tuple[str, list[tuple[str, str]]]:
    ext = CitationsExtension(bibliography=BIB, locale="en")
    found: list = []
    md = markdown.Markdown(extensions=[*EXTENSIONS, ext])
    md.treeprocessors.register(_Capture(md, ext, found), "capture", 8.5)
    return md.convert(snippet), sorted((item.key, mode_of(item)) for item in found)


@settings(max_examples=300, deadline=None)
@given(SNIPPET)
def test_the_extension_finds_what_the_scanner_finds_and_leaks_no_placeholder(snippet: str) -> None:
    html, found = rendered(snippet)
    assert found == sorted((key, mode) for key, mode, _prefix, _locator in grammar_cites(snippet))
    assert not LEAKS.search(html), html


@pytest.mark.parametrize("snippet", MANUAL_AND_EDGES)
def test_the_extension_agrees_on_every_table_snippet(snippet: str) -> None:
    html, found = rendered(snippet)
    assert found == sorted((key, mode) for key, mode, _prefix, _locator in grammar_cites(snippet))
    assert not LEAKS.search(html), html
