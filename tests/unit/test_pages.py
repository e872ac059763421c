"""One parser for page paths in static-i18n's suffix layout (atlas.pages), used by every feature."""

from __future__ import annotations

import pytest
from atlas.pages import is_source, locale_of, source_of, translated, translation_of
from hypothesis import given
from hypothesis import strategies as st

LOCALES = ["nl", "en", "de"]  # as a configuration would give them, the default first

name_part = st.from_regex(r"[a-z0-9][a-z0-9_ -]{0,8}", fullmatch=True)
dotted_name = st.lists(name_part, min_size=1, max_size=3).map(".".join).filter(
    lambda name: name.rsplit(".", 1)[-1] not in LOCALES)
source_pages = st.builds(lambda folders, name: "/".join([*folders, f"{name}.md"]),
                         st.lists(name_part, max_size=2), dotted_name)


@given(source_pages, st.sampled_from(LOCALES))
def test_the_source_of_a_translation_is_the_page_and_its_locale(page: str, locale: str) -> None:
    assert source_of(translation_of(page, locale), LOCALES) == (page, locale)


@given(source_pages)
def test_a_page_without_a_locale_suffix_is_its_own_source_in_the_default_locale(page: str) -> None:
    assert source_of(page, LOCALES) == (page, "nl")
    assert is_source(page, LOCALES)
    assert translated(page, LOCALES) is None


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("x.md", ("x.md", "nl")),
        ("x.en.md", ("x.md", "en")),
        ("dir/x.en.md", ("dir/x.md", "en")),
        ("omega-3.v2.md", ("omega-3.v2.md", "nl")),
        ("omega-3.v2.en.md", ("omega-3.v2.md", "en")),
        ("notes.fr.md", ("notes.fr.md", "nl")),  # fr is not configured: part of the name
        ("x.nl.md", ("x.md", "nl")),
    ],
)
def test_examples(path: str, expected: tuple[str, str]) -> None:
    assert source_of(path, LOCALES) == expected
    assert locale_of(path, LOCALES) == expected[1]


def test_files_that_are_not_pages_are_no_translations() -> None:
    assert translated("picture.en.png", LOCALES) is None
    assert not is_source("picture.png", LOCALES)
    assert translated(".en.md", LOCALES) is None  # a hidden file named `.en`, not an empty page name


def test_locales_come_from_the_configuration() -> None:
    assert source_of("x.fr.md", ["en", "fr"]) == ("x.md", "fr")
    assert source_of("x.en.md", ["fr"]) == ("x.en.md", "fr")
