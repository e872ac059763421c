"""HTML comments in page sources are removed before Markdown runs, except inside code."""

from __future__ import annotations

import markdown
from atlas.comments import CommentExtension, Unclosed, strip_comments


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["pymdownx.superfences", CommentExtension()])


def test_a_comment_on_its_own_line_disappears_with_its_line():
    text, unclosed = strip_comments("Eerste regel\n<!-- privé -->\ntweede regel.")
    assert text == "Eerste regel\ntweede regel."
    assert unclosed == []


def test_an_inline_comment_is_removed_and_the_text_around_it_stays():
    assert strip_comments("Een <!-- TODO: bron --> zin.")[0] == "Een  zin."


def test_a_comment_over_several_lines_goes_entirely():
    source = "Voor.\n\n<!--\nregel 1\nregel 2\n-->\n\nNa."
    assert strip_comments(source)[0] == "Voor.\n\n\nNa."


def test_comments_in_fenced_code_and_inline_code_are_kept():
    source = "```html\n<!-- voorbeeld -->\n```\n\nSchrijf `<!-- zo -->` niet.<!-- weg -->"
    text, _ = strip_comments(source)
    assert text == "```html\n<!-- voorbeeld -->\n```\n\nSchrijf `<!-- zo -->` niet."


def test_an_unclosed_comment_is_reported_with_its_line_and_left_alone():
    text, unclosed = strip_comments("a\n```\n<!-- in code\n```\nb <!-- open\nc")
    assert unclosed == [Unclosed(line=5)]
    assert text.endswith("b <!-- open\nc")


def test_rendered_html_has_no_comment_but_keeps_lists_whole():
    html = render("- een\n<!-- privé -->\n- twee\n\n<!-- atlas:note -->\nTekst.\n")
    assert "<!--" not in html and "privé" not in html
    assert html.count("<ul>") == 1 and "<li>twee</li>" in html


def test_rendered_code_still_shows_a_comment_as_text():
    html = render("```html\n<!-- voorbeeld -->\n```\n")
    assert "&lt;!-- voorbeeld --&gt;" in html


def test_the_extension_collects_unclosed_comments():
    extension = CommentExtension()
    markdown.markdown("tekst <!-- open", extensions=[extension])
    assert extension.unclosed == [Unclosed(line=1)]


def test_comments_in_included_snippets_are_removed_too(tmp_path):
    (tmp_path / "part.md").write_text("Ingevoegd.\n<!-- privé in een snippet -->\n", encoding="utf-8")
    html = markdown.markdown(
        '--8<-- "part.md"\n',
        extensions=["pymdownx.snippets", CommentExtension()],
        extension_configs={"pymdownx.snippets": {"base_path": [str(tmp_path)]}},
    )
    assert "Ingevoegd." in html and "<!--" not in html


def test_commented_lines_cover_every_line_of_a_comment_outside_code():
    from atlas.comments import commented_lines

    assert commented_lines("a\n<!--\nb\n-->\nc <!-- d -->\n```\n<!-- e -->\n```") == {2, 3, 4, 5}
