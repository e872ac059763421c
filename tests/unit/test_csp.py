"""atlas.csp: the policy allows exactly the inline scripts the page holds, by hash (review M1)."""

from __future__ import annotations

import base64
import hashlib

from atlas.csp import inline_script_hashes, policy, with_csp

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<script>var a = 1;</script>
<script type="application/ld+json">{"@type": "Article"}</script>
<script id="__config" type="application/json">{"x": 1}</script>
<script src="assets/x.js" defer></script>
<script type="module">import "./y.js";</script>
</head><body><script>var a = 1;</script></body></html>"""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_executable_inline_scripts_are_hashed_once_each() -> None:
    assert inline_script_hashes(PAGE) == [sha("var a = 1;"), sha('import "./y.js";')]


def test_the_meta_tag_follows_the_charset_and_allows_no_inline_script_by_default() -> None:
    out = with_csp(PAGE)
    assert out.index('http-equiv="Content-Security-Policy"') < out.index("<script")
    assert out.index('<meta charset="utf-8">') < out.index('http-equiv="Content-Security-Policy"')
    assert "'unsafe-inline'" not in policy([]).split("script-src")[1]
    assert f"script-src 'self' {sha('var a = 1;')}" in out


def test_a_second_pass_replaces_the_tag_instead_of_adding_one() -> None:
    assert with_csp(with_csp(PAGE)).count("Content-Security-Policy") == 1
