"""The citation parser: Pandoc forms found, code/URLs/e-mails/escapes left alone, lines right."""

from __future__ import annotations

import re

from atlas.citations import cited_keys
from atlas.citations.syntax import PROTECTED, PROTECTED_ALTERNATIVES, CiteItem, line_offset, scan
from hypothesis import given, settings
from hypothesis import strategies as st


def items(markdown: str) -> list[tuple[CiteItem, ...]]:
    return [group.items for group in scan(markdown).groups]


def test_single_multiple_locator_and_prefix() -> None:
    text = "A [@a]. B [@a; @b]. C [@c, p. 33]. D [@d, pp. 3-5]. E [see @e]."
    assert items(text) == [
        (CiteItem("a"),),
        (CiteItem("a"), CiteItem("b")),
        (CiteItem("c", locator="p. 33"),),
        (CiteItem("d", locator="pp. 3-5"),),
        (CiteItem("e", prefix="see"),),
    ]


def test_keys_in_order_of_first_use() -> None:
    assert cited_keys("x [@b] y [@a; @b] z [@c]") == ["b", "a", "c"]


def test_code_urls_emails_and_escapes_are_not_citations() -> None:
    text = (
        "`[@inline]` and ``[@double ` tick]``\n"
        "```\n[@fenced]\n```\n"
        "~~~~python\n[@tilde]\n~~~~\n"
        "mail info@example.org or [write to x@y.org]\n"
        "https://example.org/[@url] <https://example.org/@auto> [link](https://a.org/@b)\n"
        "escaped \\@key and [\\@key] <!-- [@comment] -->\n"
        "real [@kept]\n"
    )
    assert cited_keys(text) == ["kept"]
    assert len(scan(text).escapes) == 2


def test_admonitions_tables_lists_and_line_numbers() -> None:
    text = "# T\n\n!!! note\n    In a box [@a].\n\n| x | y |\n|---|---|\n| [@b] | 1 |\n\n- item [@c]\n"
    groups = scan(text).groups
    assert [(g.items[0].key, g.line) for g in groups] == [("a", 4), ("b", 8), ("c", 10)]


def test_links_and_footnotes_are_not_citation_groups() -> None:
    """A link's text is text: `@a` in it is an author-in-text citation as Pandoc reads it."""
    assert items("[@a](https://x.org) [@b][ref] [^note] [text]") == [
        (CiteItem("a", in_text=True),), (CiteItem("b", in_text=True),)]


def test_scan_finds_groups_and_escapes_outside_code() -> None:
    text = "a [@x] b \\@y `[@z]`"
    found = scan(text)
    assert [(g.start, g.end) for g in found.groups] == [(2, 6)]
    assert found.escapes == (9,)


def test_line_offset_counts_front_matter() -> None:
    source = "---\ntitle: T\n---\n\n# T\n[@a]\n"
    assert line_offset(source, "# T\n[@a]\n") == 4


def tokens(*pieces: str, min_size: int = 0) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), min_size=min_size).map("".join)


ANYTHING = tokens(*"ab @[];,`\\\n-p.:~<>()!#|*_", "@k", "[@k]", "```", "    ", "!!! note\n")
CODE = tokens(*"ab @[];,-.:\\ ", "@key", "[@key]", "[@a; @b]", min_size=1)
PROSE = tokens(*"xy ,.", "[@p]", " \\@q ")


@settings(max_examples=300, deadline=None)
@given(ANYTHING)
def test_arbitrary_text_never_raises(text: str) -> None:
    found = scan(text)
    assert all(g.items and g.line >= 1 for g in found.groups)


@settings(max_examples=200, deadline=None)
@given(PROSE, CODE, PROSE, CODE)
def test_code_is_left_untouched(before: str, inline: str, middle: str, fenced: str) -> None:
    text = f"{before} `{inline}` {middle}\n\n```\n{fenced}\n```\n"
    code_starts = (len(before) + 1, text.index("```\n"))
    code_ends = (len(before) + 1 + len(inline) + 1, len(text))
    found = scan(text)
    for start in [*(g.start for g in found.groups), *found.escapes]:
        assert not any(a <= start < b for a, b in zip(code_starts, code_ends, strict=True))
    assert cited_keys(text) == (["p"] if "[@p]" in before + middle else [])


def test_pandoc_forms_author_in_text_braces_suppress_and_adjacent_groups() -> None:
    text = "@xu says; @li [p. 3] too. [-@a] [@{odd/key+1}] [@b][@c] mail x@y.org [see @d, p. 2; @e]"
    assert cited_keys(text) == ["xu", "li", "a", "odd/key+1", "b", "c", "d", "e"]
    groups = scan(text).groups
    assert groups[0].items == (CiteItem("xu", in_text=True),)
    assert groups[1].items == (CiteItem("li", locator="p. 3", in_text=True),)
    assert groups[2].items == (CiteItem("a", suppress_author=True),)


def test_an_unclosed_comment_inside_code_hides_nothing() -> None:
    """Regression (issue 14): `<!--` in inline code disabled every later citation on the page."""
    assert cited_keys("Write `<!--` to start a comment [@a].\n\nLater [@b].\n") == ["a", "b"]
    assert cited_keys("Text <!-- [@hidden] -->\n\n[@shown]\n") == ["shown"]


def test_nocite_front_matter_forms() -> None:
    from atlas.citations.syntax import nocite_keys

    assert nocite_keys("@a, @b") == ["a", "b"]
    assert nocite_keys(["@a", "@{c}"]) == ["a", "c"]
    assert nocite_keys("@*") == ["*"]
    assert nocite_keys(None) == []


def test_front_matter_nocite_for_the_lint() -> None:
    from atlas.citations.syntax import front_matter_nocite

    assert front_matter_nocite('---\ntitle: T\nnocite: "@a, @b"\n---\n\n# T\n') == ["a", "b"]
    assert front_matter_nocite("---\nnocite: '@*'\n---\n") == ["*"]
    assert front_matter_nocite("# T\n\nnocite: @a\n") == []


def test_pandocs_reading_of_nested_and_adjacent_forms() -> None:
    """Issue 23: the grammar the extension uses, on the page source."""
    assert items("[see @a and @b]") == [(CiteItem("a", prefix="see", locator="and @b"),),
                                        (CiteItem("b", in_text=True),)]
    assert items("@a [see @b]") == [(CiteItem("a", in_text=True),), (CiteItem("b", prefix="see"),)]
    assert items("@a [p. 3; @b]") == [(CiteItem("a", locator="p. 3", in_text=True), CiteItem("b"))]
    assert items("@a  \n[p. 3]") == [(CiteItem("a", locator="p. 3", in_text=True),)]
    assert items("[@a\\; @b]") == [(CiteItem("a", locator="; @b"),), (CiteItem("b", in_text=True),)]
    assert items("[@a, {pp. iv, vi}] [see `x; y` @b]") == [(CiteItem("a", locator="pp. iv, vi"),),
                                                           (CiteItem("b", prefix="see x; y"),)]
    assert items("[see; @a] -@b @c@d medium.com/@e") == [
        (CiteItem("a", in_text=True),), (CiteItem("b", suppress_author=True),),
        (CiteItem("c", in_text=True),), (CiteItem("d", in_text=True),)]


# the characters the alternatives care about, and two that match ASCII letters only under IGNORECASE
# (the long s and the Kelvin sign)
_PROTECTED_CHARS = [*'<>!-]([)" hHtTpPsS:/fFmMwW.@{}xa\n', "\u017f", "\u212a"]
_PROTECTED_TEXT = st.text(alphabet=st.sampled_from(_PROTECTED_CHARS), max_size=60)


@settings(max_examples=400, deadline=None)
@given(_PROTECTED_TEXT)
def test_the_protected_pattern_finds_what_its_alternatives_alone_find(text: str) -> None:
    """The start-character lookahead is only a speed-up: the same spans as the alternatives by themselves."""
    alone = re.compile(PROTECTED_ALTERNATIVES, PROTECTED.flags)

    def spans(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        found, position = [], 0
        while (match := pattern.search(text, position)) is not None:
            found.append(match.span())
            position = max(match.end(), match.start() + 1)
        return found

    assert spans(PROTECTED) == spans(alone)
