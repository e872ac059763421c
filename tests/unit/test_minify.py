"""atlas.minify: readers get the project's stylesheets and scripts without comments; rules and statements
stay as written."""

from __future__ import annotations

from atlas.minify import minify_css, minify_js


def test_css_loses_comments_and_keeps_every_rule() -> None:
    css = ("/* why the box is orange */\n.careful {\n  border: 2px solid #e65100;\n}\n\n"
           "@media print {\n  a::after { content: \" (\" attr(href) \")\"; }\n}\n")
    out = minify_css(css)
    assert "why the box" not in out
    assert ".careful{border:2px solid #e65100}" in out
    assert 'content:" (" attr(href) ")"' in out


def test_js_loses_comments_and_keeps_strings_that_look_like_comments() -> None:
    js = ("// a note for contributors\nvar url = 'https://example.org/*not a comment*/';\n"
          "/* block */ var n = 1;\n")
    out = minify_js(js)
    assert "a note for contributors" not in out and "block" not in out
    assert "'https://example.org/*not a comment*/'" in out and "var n=1" in out
