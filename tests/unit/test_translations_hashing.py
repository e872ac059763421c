"""The source fingerprint: what counts as a change to a page and what does not."""

from __future__ import annotations

from atlas.translations.hashing import body_hash, normalise_body, split_front_matter
from hypothesis import given
from hypothesis import strategies as st

PAGE = """---
title: mTOR
reviewed: 2026-11-21
---

# mTOR

mTOR is een eiwitkinase dat groei
stuurt [@saxton2017].

- eerste punt
- tweede punt
"""


def test_front_matter_is_split_from_the_body_with_its_line_count() -> None:
    yaml_text, body, lines = split_front_matter(PAGE)
    assert yaml_text == "title: mTOR\nreviewed: 2026-11-21\n"
    assert body.startswith("\n# mTOR")
    assert lines == 4


def test_page_without_front_matter_is_all_body() -> None:
    assert split_front_matter("# Titel\n") == ("", "# Titel\n", 0)


def test_front_matter_changes_do_not_change_the_hash() -> None:
    assert body_hash(PAGE) == body_hash(PAGE.replace("2026-11-21", "2027-01-05"))


def test_rewrapping_trailing_spaces_and_blank_lines_do_not_change_the_hash() -> None:
    rewrapped = PAGE.replace("groei\nstuurt", "groei stuurt").replace("# mTOR\n", "# mTOR   \n\n\n")
    assert body_hash(rewrapped) == body_hash(PAGE)
    assert body_hash(PAGE.replace("\n", "\r\n")) == body_hash(PAGE)


def test_a_changed_word_changes_the_hash() -> None:
    assert body_hash(PAGE.replace("groei", "deling")) != body_hash(PAGE)


def test_splitting_a_paragraph_changes_the_hash() -> None:
    assert body_hash(PAGE.replace("groei\nstuurt", "groei\n\nstuurt")) != body_hash(PAGE)


def test_unicode_composition_does_not_change_the_hash() -> None:
    composed, decomposed = "café\n", "cafe\u0301\n"
    assert body_hash(composed) == body_hash(decomposed)


def test_normalised_body_keeps_one_line_per_block() -> None:
    assert normalise_body(PAGE) == (
        "# mTOR\n\nmTOR is een eiwitkinase dat groei stuurt [@saxton2017].\n\n- eerste punt - tweede punt"
    )


def test_hash_is_a_full_sha256_hex_digest() -> None:
    digest = body_hash(PAGE)
    assert len(digest) == 64 and int(digest, 16) >= 0


words = st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=8), min_size=1, max_size=30)


@given(words, st.lists(st.sampled_from([" ", "\n", "  ", " \t"]), min_size=30, max_size=30))
def test_any_rewrapping_of_a_paragraph_keeps_its_hash(paragraph: list[str], gaps: list[str]) -> None:
    plain = " ".join(paragraph)
    wrapped = "".join(word + gap for word, gap in zip(paragraph, gaps, strict=False))
    assert body_hash(wrapped) == body_hash(plain)
