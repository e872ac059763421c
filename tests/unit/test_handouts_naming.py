"""Handout file names: after the page and the language, unique across folders."""

from __future__ import annotations

import pytest
from atlas.handouts.naming import booklet_filename, clashing_slugs, handout_filename, page_slug, source_key


@pytest.mark.parametrize(
    ("src_uri", "language", "expected"),
    [
        ("leucine.md", "nl", "leucine-nl.pdf"),
        ("leucine.en.md", "en", "leucine-en.pdf"),
        ("glutamine/index.md", "nl", "glutamine-nl.pdf"),
        ("glutamine/index.en.md", "en", "glutamine-en.pdf"),
        ("glutamine/functions.en.md", "en", "glutamine-functions-en.pdf"),
        ("growth-and-repair.md", "nl", "growth-and-repair-nl.pdf"),
        ("index.md", "nl", "index-nl.pdf"),
        ("Odd Name_2.md", "en", "odd-name-2-en.pdf"),
    ],
)
def test_handout_filename(src_uri: str, language: str, expected: str) -> None:
    assert handout_filename(src_uri, language) == expected


def test_page_slug_has_no_language_suffix() -> None:
    assert page_slug("mtor.en.md") == page_slug("mtor.md") == "mtor"


def test_booklet_filename_from_site_name() -> None:
    assert booklet_filename("Amino Atlas", "nl") == "amino-atlas-nl.pdf"
    assert booklet_filename("!!!", "en") == "handouts-en.pdf"


@pytest.mark.parametrize(
    ("src_uri", "expected"),
    [("about.en.md", "about.md"), ("glutamine/sport.md", "glutamine/sport.md"),
     ("glutamine/index.en.md", "glutamine/index.md")],
)
def test_source_key_is_how_the_configuration_names_pages(src_uri: str, expected: str) -> None:
    assert source_key(src_uri) == expected


def test_pages_whose_slugs_clash_are_found() -> None:
    pages = ["glutamine/functions.md", "glutamine-functions.md", "leucine.md", "glutamine/index.md"]
    clash = ["glutamine/functions.md", "glutamine-functions.md"]
    assert clashing_slugs(pages) == {"glutamine-functions": clash}
    assert clashing_slugs(["leucine.md", "mtor.md"]) == {}
