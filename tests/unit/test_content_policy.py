"""atlas.content_policy: nh3 decides what raw HTML may pass; each refusal has its line (review H1, M1)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from atlas.content_policy import (
    Policy,
    check_front_matter,
    check_markdown,
    check_rendered_urls,
    front_matter_lines,
    mask_code,
    may_hold_start_tag,
    plain_text_problem,
    policy_from_settings,
    url_allowed,
)
from atlas.glossary import parse_glossary
from hypothesis import example, given, settings
from hypothesis import strategies as st

POLICY = Policy()


def messages(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    return [(v.line, v.message) for v in check_markdown(text, POLICY, first_line)]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ('<img src="x" onerror="alert(1)">', "event-handler attribute onerror= on <img> is never allowed"),
        ("<script>alert(1)</script>", "raw HTML <script> is not allowed"),
        (
            '<a href="javascript:alert(1)">x</a>',
            'href="javascript:alert(1)" on <a>: the URL scheme is not allowed',
        ),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "the URL scheme is not allowed"),
        ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "the URL scheme is not allowed"),
        ('<a href="vbscript:msgbox(1)">x</a>', "the URL scheme is not allowed"),
        ('<div style="color:red">x</div>', "attribute style= on <div> is not allowed"),
        ('<iframe src="https://example.org"></iframe>', "raw HTML <iframe> is not allowed"),
        ('<svg onload="alert(1)"></svg>', "raw HTML <svg> is not allowed"),
        ('<abbr title="a <img src=x onerror=alert(1)>">T</abbr>', "holds markup; the tooltip would run it"),
        ("<javascript:alert(1)>", "uses a URL scheme that is not allowed"),
    ],
)
def test_each_kind_of_unsafe_html_is_refused_with_its_line(markdown: str, expected: str) -> None:
    found = messages(f"# Title\n\nSome text.\n{markdown}\n")
    assert found and found[0][0] == 4
    assert expected in found[0][1]


def test_allowed_html_and_safe_links_pass() -> None:
    text = (
        '<div class="grid" markdown>\n\n**x**\n\n</div>\n<a href="https://example.org" title="t">a</a> '
        '<a href="../x/">b</a> <a href="#top">c</a> <a href="mailto:a@b.nl">d</a>\n'
        '<img src="../assets/x.png" alt="x"> <abbr title="uitleg">X</abbr> <https://example.org>\n'
        "<!-- atlas:bibliography -->\n"
    )
    assert messages(text) == []


def test_html_inside_code_is_shown_not_run_so_it_is_not_checked() -> None:
    text = (
        "Write `<script>alert(1)</script>` like this.\n\n```html\n<img src=x onerror=alert(1)>\n```\n\n"
        "``x `<iframe>` y``\n<b onclick=x>after</b>\n"
    )
    assert messages(text) == [(8, "event-handler attribute onclick= on <b> is never allowed")]
    assert mask_code(text).count("\n") == text.count("\n")


def test_lines_count_from_the_body_start() -> None:
    assert messages("a\n<script></script>\n", first_line=5)[0][0] == 6


def test_rendered_markdown_links_with_bad_schemes_name_their_source_line() -> None:
    source = "# T\n\n[click](javascript:alert(1))\n\n![x](data:text/html;base64,PHNjcmlwdD4=)\n"
    html = ('<p><a href="javascript:alert(1)">click</a></p>'
            '<p><img alt="x" src="data:text/html;base64,PHNjcmlwdD4="></p>')
    found = check_rendered_urls(html, source, POLICY)
    assert [v.line for v in found] == [3, 5]
    assert "javascript:alert(1)" in found[0].message and "not allowed" in found[0].message


def test_the_sites_own_citation_downloads_are_the_one_data_url_allowed() -> None:
    html = (
        '<a href="data:application/x-bibtex;charset=utf-8,%40article" download="k.bib">.bib</a>'
        '<a href="data:text/html,x" download="k.html">x</a>'
    )
    found = check_rendered_urls(html, "", POLICY)
    assert len(found) == 1 and "data:text/html" in found[0].message


@pytest.mark.parametrize(
    "value",
    [
        'XSS </title><script>alert("FM1")</script>',
        "a <b>bold</b> claim",
        '"><script>x</script>',
        "Tom &amp; Jerry",
        'say "hi"',
    ],
)
def test_front_matter_text_that_is_not_plain_is_refused(value: str) -> None:
    assert plain_text_problem(value)


@pytest.mark.parametrize(
    "value", ["mTOR & leucine", "a < b and c > d", "Glutamine: wat doet het?", "„citaat“"]
)
def test_plain_front_matter_text_passes(value: str) -> None:
    assert plain_text_problem(value) is None


def test_front_matter_violations_carry_the_line_of_their_key() -> None:
    text = '---\ntitle: ok\ndescription: \'"><script>alert(2)</script>\'\nextra:\n  - "<b>x</b>"\n---\nbody\n'
    lines, body = front_matter_lines(text)
    assert body == 7
    found = check_front_matter(
        {"title": "ok", "description": '"><script>alert(2)</script>', "extra": ["<b>x</b>"]}, lines
    )
    assert [(v.line, v.message.split(":")[0]) for v in found] == [
        (3, "front matter description"),
        (4, "front matter extra[0]"),
    ]


def test_glossary_explanations_with_markup_are_problems_and_left_out() -> None:
    glossary = parse_glossary(
        "*[GOOD]: Gewone uitleg & meer.\n*[BAD]: Uitleg <img src=x onerror=alert('G1')>\n"
        "*[ENT]: Uitleg &lt;img&gt;\n"
    )
    assert list(glossary.entries) == ["GOOD"]
    assert [(p.line, "plain text" in p.message) for p in glossary.problems] == [(2, True), (3, True)]


def test_settings_can_narrow_the_allowlist_but_never_allow_handlers_or_script_urls() -> None:
    policy, problems = policy_from_settings(
        {
            "tags": ["span"],
            "attributes": {"span": ["class", "onclick"]},
            "url_schemes": ["https", "javascript"],
        }
    )
    assert policy.tags == {"span"} and "onclick" not in policy.attributes["span"]
    assert "javascript" not in policy.url_schemes and len(problems) == 2
    assert check_markdown("<div>x</div>\n", policy)[0].message.startswith("raw HTML <div> is not allowed")
    assert policy_from_settings("nonsense")[1]


class _AnyStartTag(HTMLParser):
    """Python's own HTML tokenizer, counting start tags (what `check_markdown` judges)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1


def start_tags(text: str) -> int:
    parser = _AnyStartTag()
    parser.feed(mask_code(text))
    parser.close()
    return parser.tags


# Markdown-ish text rich in what could confuse the prefilter: brackets, entities, code, fences, quotes.
PIECES = st.sampled_from(["<", ">", "</", "<!--", "-->", "&lt;", "&#60;", "`", "```", "~~~", "\n", "\n```\n",
                          "a", "Z", "é", "1", " ", "\t", '"', "'", "=", "/", ":", "!", "?", "script",
                          "img src=x onerror=alert(1)", "javascript:x", "\u212a"])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
@example("<\nscript>")
@example("`x`<b>")
@example("```\n<b>\n")
@example("&lt;script&gt;alert(1)&lt;/script&gt;")
def test_the_prefilter_skips_only_text_in_which_the_tokenizer_finds_no_start_tag(text: str) -> None:
    if not may_hold_start_tag(text):
        assert start_tags(text) == 0
        assert check_markdown(text, POLICY) == []


@pytest.mark.parametrize(
    "markdown",
    ['<img src="x" onerror="alert(1)">', "<script>alert(1)</script>", "<javascript:alert(1)>",
     "<SCRIPT>x</SCRIPT>", "<svg/onload=alert(1)>", "text\n<b\nonclick=x>y</b>"],
)
def test_the_prefilter_never_skips_an_unsafe_input(markdown: str) -> None:
    assert may_hold_start_tag(markdown)
    assert check_markdown(markdown, POLICY)


def test_a_url_verdict_is_nh3s_and_follows_the_policys_schemes() -> None:
    """The verdicts are remembered per URL and scheme set: another policy gets its own answer."""
    assert url_allowed("https://example.org", POLICY)
    assert not url_allowed("javascript:alert(1)", POLICY)
    assert not url_allowed("https://example.org", Policy(url_schemes=frozenset({"mailto"})))
    assert url_allowed("https://example.org", POLICY)
