"""Handout file names: after the page and the language, unique across folders."""

from __future__ import annotations

import pytest
from atlas.handouts.naming import booklet_filename, clashing_slugs, handout_filename, page_slug, source_key

LOCALES = ["nl", "en"]  # as mkdocs.yml has them, the default first


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
        ("omega-3.v2.md", "nl", "omega-3-v2-nl.pdf"),
        ("omega-3.v2.en.md", "en", "omega-3-v2-en.pdf"),
    ],
)
def test_handout_filename(src_uri: str, language: str, expected: str) -> None:
    assert handout_filename(src_uri, language, LOCALES) == expected


def test_page_slug_has_no_language_suffix() -> None:
    assert page_slug("mtor.en.md", LOCALES) == page_slug("mtor.md", LOCALES) == "mtor"


def test_booklet_filename_from_site_name() -> None:
    assert booklet_filename("Amino Atlas", "nl") == "amino-atlas-nl.pdf"
    assert booklet_filename("!!!", "en") == "handouts-en.pdf"


@pytest.mark.parametrize(
    ("src_uri", "expected"),
    [("about.en.md", "about.md"), ("glutamine/sport.md", "glutamine/sport.md"),
     ("glutamine/index.en.md", "glutamine/index.md"), ("omega-3.v2.md", "omega-3.v2.md"),
     ("omega-3.v2.en.md", "omega-3.v2.md")],
)
def test_source_key_is_how_the_configuration_names_pages(src_uri: str, expected: str) -> None:
    assert source_key(src_uri, LOCALES) == expected


def test_pages_whose_slugs_clash_are_found() -> None:
    pages = ["glutamine/functions.md", "glutamine-functions.md", "leucine.md", "glutamine/index.md"]
    clash = ["glutamine/functions.md", "glutamine-functions.md"]
    assert clashing_slugs(pages, LOCALES) == {"glutamine-functions": clash}
    assert clashing_slugs(["leucine.md", "mtor.md"], LOCALES) == {}
