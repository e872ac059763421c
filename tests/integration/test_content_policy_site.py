"""A fixture site with each unsafe input of the security review (H1, M1, M3): the --strict build fails with
one line per input naming file:line and what is not allowed; a clean site builds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.site import PROJECT_ROOT, build_site

pytestmark = pytest.mark.slow

CONFIG = f"""\
site_name: Policy Fixture
docs_dir: docs
theme:
  name: mkdocs
hooks:
  - {PROJECT_ROOT}/hooks/content_policy_hook.py
  - {PROJECT_ROOT}/hooks/glossary_hook.py
markdown_extensions:
  - abbr
  - attr_list
  - md_in_html
  - pymdownx.snippets:
      base_path: [includes]
      restrict_base_path: true
      check_paths: true
extra:
  atlas:
    glossary:
      file: includes/glossary.{{locale}}.md
"""

CLEAN_PAGE = """\
---
title: Een gewone pagina
description: Over mTOR & leucine, zonder markup.
---
# Gewoon

Tekst met GLOS, C++ en een [link](https://example.org) en <abbr title="uitleg">X</abbr>.

<div class="grid" markdown>
**vet**
</div>

Code mag alles tonen: `<script>alert(1)</script>`.
"""

# page name -> (its Markdown, the warning each must produce)
BAD_PAGES = {
    "frontmatter.md": (
        "---\ntitle: 'XSS </title><script>alert(\"FM1\")</script> test'\n"
        'description: \'"><script>alert("FM2")</script>\'\n---\n# FM\n',
        [
            "docs/frontmatter.md:2: front matter title: holds HTML markup",
            "docs/frontmatter.md:3: front matter description: holds HTML markup",
        ],
    ),
    "rawlink.md": (
        "# Raw\n\nText.\n\n<a href=\"javascript:alert('MD2')\">rawlink</a>\n",
        ["docs/rawlink.md:5: href=\"javascript:alert('MD2')\" on <a>: the URL scheme is not allowed"],
    ),
    "onerror.md": (
        "# Img\n\n<img src=x onerror=alert('MD3')>\n",
        ["docs/onerror.md:3: event-handler attribute onerror= on <img> is never allowed"],
    ),
    "script.md": (
        "# S\n\n\n<script>alert(1)</script>\n",
        ["docs/script.md:4: raw HTML <script> is not allowed"],
    ),
    "mdlink.md": (
        "# L\n\n[datalink](data:text/html;base64,PHNjcmlwdD4=)\n\n[js](javascript:alert(1))\n",
        [
            "docs/mdlink.md:3: the link data:text/html;base64,PHNjcmlwdD4= (in <a href=…>) uses a URL",
            "docs/mdlink.md:5: the link javascript:alert(1) (in <a href=…>) uses a URL scheme",
        ],
    ),
    "attrlist.md": (  # issue 22: an attribute list writes a handler with Markdown syntax
        '# AL\n\nEen alinea.\n{: onclick="alert(6)" }\n\n'
        'Een [link](https://example.org){: onmouseover="alert(7)" }\n',
        [
            "docs/attrlist.md:4: event-handler attribute onclick= on <p> is never allowed",
            "docs/attrlist.md:6: event-handler attribute onmouseover= on <a> is never allowed",
        ],
    ),
    "pageabbr.md": (
        "# A\n\nHOVER here.\n\n*[HOVER]: uitleg <img src=x onerror=alert(4)>\n",
        ["docs/pageabbr.md:5: event-handler attribute onerror= on <img> is never allowed"],
    ),
}
# Review M3: nothing from outside docs/ and includes/ reaches the site.
SNIPPET_PAGE = '# S\n\n--8<-- ".git/config"\n\n--8<-- "/etc/hostname"\n\n--8<-- "../../../../etc/hostname"\n'
SNIPPET_LINES = [
    "docs/snippet.md:3: the snippet '.git/config' is not a file in the snippet folder (includes/)",
    "docs/snippet.md:5: the snippet '/etc/hostname' is not a file in the snippet folder (includes/)",
    "docs/snippet.md:7: the snippet '../../../../etc/hostname' is not a file in the snippet folder",
]
BAD_GLOSSARY = "*[GLOS]: Gewone uitleg.\n*[GLOSSXSS]: Een gewone uitleg <img src=x onerror=alert('G1')>\n"
BAD_INCLUDE = 'Een blok.\n\n<iframe src="https://example.org"></iframe>\n'


def make_site(root: Path, pages: dict[str, str], glossary: str, include: str | None = None) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "includes").mkdir()
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (root / "includes" / "glossary.en.md").write_text(glossary, encoding="utf-8")
    if include is not None:
        (root / "includes" / "block.md").write_text(include, encoding="utf-8")
    for name, text in pages.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


def test_a_clean_fixture_site_builds_strict_with_its_glossary_marked(tmp_path: Path) -> None:
    config = make_site(
        tmp_path / "clean", {"index.md": CLEAN_PAGE}, "*[GLOS]: Gewone uitleg.\n*[C++]: Een taal.\n"
    )
    result = build_site(config, tmp_path / "out", dict(os.environ))
    assert result.returncode == 0, result.log
    page = result.site.page("index.html")
    assert '<abbr title="Gewone uitleg.">GLOS</abbr>' in page
    assert '<abbr title="Een taal.">C++</abbr>' in page  # review L10: punctuation at a term's edge


def test_each_unsafe_input_fails_strict_with_its_file_line_and_reason(tmp_path: Path) -> None:
    pages = {"index.md": CLEAN_PAGE, **{name: text for name, (text, _) in BAD_PAGES.items()}}
    config = make_site(tmp_path / "bad", pages, BAD_GLOSSARY, BAD_INCLUDE)
    result = build_site(config, tmp_path / "out", dict(os.environ))
    assert result.returncode == 1
    assert "Traceback" not in result.log
    for _name, (_text, expected_lines) in BAD_PAGES.items():
        for expected in expected_lines:
            assert f"WARNING -  {expected}" in result.log, f"missing: {expected}\n{result.log}"
    assert "Glossary includes/glossary.en.md:2: the explanation of `GLOSSXSS` holds HTML markup" in result.log
    assert "includes/block.md:3: raw HTML <iframe> is not allowed" in result.log


def add_symlinks(root: Path) -> None:
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("extraheader = AUTHORIZATION: basic FAKE-TOKEN\n", encoding="utf-8")
    (root / "docs" / "assets").mkdir()
    (root / "docs" / "assets" / "leak-gitconfig.txt").symlink_to("../../.git/config")
    (root / "docs" / "assets" / "leak-hostname.txt").symlink_to("/etc/hostname")


def test_snippets_outside_includes_and_symlinks_fail_strict_by_name(tmp_path: Path) -> None:
    config = make_site(tmp_path / "scope", {"index.md": CLEAN_PAGE, "snippet.md": SNIPPET_PAGE}, "*[X]: y\n")
    add_symlinks(tmp_path / "scope")
    result = build_site(config, tmp_path / "out", dict(os.environ))
    assert result.returncode == 1 and "Traceback" not in result.log, result.log
    for expected in SNIPPET_LINES:
        assert f"WARNING -  {expected}" in result.log, result.log
    assert (
        "WARNING -  docs/assets/leak-gitconfig.txt: is a symbolic link (to ../../.git/config)" in result.log
    )
    assert "WARNING -  docs/assets/leak-hostname.txt: is a symbolic link (to /etc/hostname)" in result.log


def test_without_strict_nothing_from_outside_is_published(tmp_path: Path) -> None:
    config = make_site(tmp_path / "scope", {"index.md": CLEAN_PAGE, "snippet.md": SNIPPET_PAGE}, "*[X]: y\n")
    add_symlinks(tmp_path / "scope")
    result = build_site(config, tmp_path / "out", dict(os.environ), strict=False)
    assert result.returncode == 0, result.log
    published = "".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in (tmp_path / "out").rglob("*")
        if path.is_file()
    )
    assert "FAKE-TOKEN" not in published
    assert not (tmp_path / "out" / "assets" / "leak-hostname.txt").exists()


ENTITY_PAGE = "# E\n\nHOVER hier.\n\n*[HOVER]: uitleg &lt;img src=x onerror=alert(5)&gt;\n"


def test_a_title_that_decodes_into_markup_is_plain_text_in_the_page_and_reported(tmp_path: Path) -> None:
    config = make_site(tmp_path / "e", {"index.md": ENTITY_PAGE}, "*[X]: y\n")
    result = build_site(config, tmp_path / "out", dict(os.environ), strict=False)
    assert result.returncode == 0, result.log
    assert '<abbr title="uitleg ">HOVER</abbr>' in result.site.page("index.html")
    assert "docs/index.md:5: the tooltip text" in result.log and "held markup" in result.log


def test_a_glossary_explanation_with_markup_is_never_rendered_even_without_strict(tmp_path: Path) -> None:
    page = "# G\n\nGLOSSXSS en GLOS.\n"
    config = make_site(tmp_path / "g", {"index.md": page}, BAD_GLOSSARY)
    result = build_site(config, tmp_path / "out", dict(os.environ), strict=False)
    assert result.returncode == 0, result.log
    html = result.site.page("index.html")
    assert "onerror" not in html and "GLOSSXSS</abbr>" not in html
    assert '<abbr title="Gewone uitleg.">GLOS</abbr>' in html


HOSTILE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg">\n'
    '<rect width="10" height="10"/>\n'
    '<script>alert("SVG-XSS")</script>\n'
    "</svg>\n"
)
DRAWING_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>\n'


def test_static_files_that_would_run_code_fail_strict_and_are_never_published(tmp_path: Path) -> None:
    """An SVG opened directly runs its scripts on the site's origin, and an HTML file in docs/ has no CSP:
    both are named at file:line and left out of the site; a plain drawing is published."""
    config = make_site(tmp_path / "static", {"index.md": CLEAN_PAGE}, "*[X]: y\n")
    assets = tmp_path / "static" / "docs" / "assets"
    assets.mkdir()
    (assets / "chart.svg").write_text(HOSTILE_SVG, encoding="utf-8")
    (assets / "drawing.svg").write_text(DRAWING_SVG, encoding="utf-8")
    (assets / "page.html").write_text("<script>alert('HTML-XSS')</script>\n", encoding="utf-8")
    strict = build_site(config, tmp_path / "strict", dict(os.environ))
    assert strict.returncode == 1 and "Traceback" not in strict.log, strict.log
    assert ("WARNING -  docs/assets/chart.svg:3: a <script> element (it runs code or embeds a document); "
            "left out of the site." in strict.log), strict.log
    assert "WARNING -  docs/assets/page.html:1: an HTML file is published without" in strict.log
    lenient = build_site(config, tmp_path / "lenient", dict(os.environ), strict=False)
    assert lenient.returncode == 0, lenient.log
    out = tmp_path / "lenient"
    assert not (out / "assets" / "chart.svg").exists() and not (out / "assets" / "page.html").exists()
    assert (out / "assets" / "drawing.svg").read_text(encoding="utf-8") == DRAWING_SVG
    published = "".join(p.read_text(encoding="utf-8", errors="replace")
                        for p in out.rglob("*") if p.is_file())
    assert "SVG-XSS" not in published and "HTML-XSS" not in published
