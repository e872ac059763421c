"""Issue 14's citation syntax, placement, anchors and nocite in a real two-language build (regressions):
a copy of the citation fixture site with one more page in each language and look-alike keys."""

# ruff: noqa: E501  (golden HTML and .bib lines: long lines are the expected text)
from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support.site import BuildResult, build_site

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "citations_site"
HOOKS = Path(__file__).resolve().parent.parent.parent / "hooks"
pytestmark = pytest.mark.slow

# Copies of fixture entries under look-alike keys (the same real publications, other keys).
LOOK_ALIKES = """
@article{Jarse.2023, author = {Saxton, Robert A. and Sabatini, David M.}, title = {{mTOR} Signaling in Growth,
  Metabolism, and Disease}, journal = {Cell}, year = {2017}, volume = {168}, number = {6}, pages = {960--976}}
@article{Jarse-2023, author = {Johnson, Simon C. and Rabinovitch, Peter S. and Kaeberlein, Matt}, title = {{mTOR}
  is a key modulator of ageing and age-related disease}, journal = {Nature}, year = {2013}, volume = {493},
  pages = {338--345}}
@article{Tèst, author = {Saxton, Robert A. and Sabatini, David M.}, title = {{mTOR} Signaling in Growth,
  Metabolism, and Disease}, journal = {Cell}, year = {2017}, volume = {168}, pages = {960--976}}
@article{Tést, author = {Johnson, Simon C. and Rabinovitch, Peter S. and Kaeberlein, Matt}, title = {{mTOR}
  is a key modulator of ageing and age-related disease}, journal = {Nature}, year = {2013}, volume = {493},
  pages = {338--345}}
@article{odd/key+1, author = {Saxton, Robert A. and Sabatini, David M.}, title = {{mTOR} Signaling in Growth,
  Metabolism, and Disease}, journal = {Cell}, year = {2017}, volume = {168}, pages = {960--976}}
"""
PAGE = """---
title: Pandoc
nocite: "@unused2019"
---

# Pandoc

Zoals @johnson2013 liet zien, en @saxton2017 [p. 962]; alleen het nummer [-@book2010].
Twee groepen [@web2023][@chapter2002] en een sleutel tussen accolades [@{{odd/key+1}}].
Schrijf `<!--` voor commentaar; daarna telt [@Jarse.2023] nog steeds, net als [@Jarse-2023].
Een [link met [@Tèst]](https://example.org) en [@Tést].
![Figuur [@johnson2013]](https://example.org/figure.png)

## {heading}

Slot.
"""


class Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links = 0
        self.nested = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [v or "" for k, v in attrs if k == "id"]
        if tag == "a":
            self.nested = self.nested or self.links > 0
            self.links += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.links -= 1


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("pandoc") / "citations_site"
    shutil.copytree(FIXTURE, root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../hooks/", f"{HOOKS}/"), encoding="utf-8")
    bib = root / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + LOOK_ALIKES, encoding="utf-8")
    (root / "docs" / "pandoc.md").write_text(PAGE.format(heading="Referenties"), encoding="utf-8")
    (root / "docs" / "pandoc.en.md").write_text(PAGE.format(heading="References"), encoding="utf-8")
    for name in ("references.md", "references.en.md"):
        page = root / "docs" / name
        page.write_text(page.read_text(encoding="utf-8").replace("---\n", '---\nnocite: "@*"\n', 1),
                        encoding="utf-8")
    return build_site(config, tmp_path_factory.mktemp("pandoc-out") / "site", env=dict(os.environ))


def content(result: BuildResult, page: str) -> str:
    return result.site.page(page).split('class="md-content"', 1)[1]


def test_builds_strict_without_tracebacks(site: BuildResult) -> None:
    assert site.returncode == 0, site.log
    assert "Traceback" not in site.log and "unknown citation key" not in site.log


@pytest.mark.parametrize("page", ["pandoc/index.html", "en/pandoc/index.html"])
def test_author_in_text_groups_and_braced_keys(site: BuildResult, page: str) -> None:
    html = content(site, page)
    assert re.search(r'Zoals Johnson et al\. <span class="atlas-cite" id="cite-1">\[<a [^>]*href="#ref-johnson2013"', html)
    pair = "Saxton en Sabatini" if not page.startswith("en/") else "Saxton and Sabatini"
    assert re.search(pair + r' <span class="atlas-cite" id="cite-2">\[<a [^>]*>2</a>, p\. 962\]', html)
    assert 'href="#ref-web2023"' in html and 'href="#ref-chapter2002"' in html
    assert 'href="#ref-odd-key-1-' in html
    shown = re.sub(r"<code>.*?</code>|<[^>]+>", "", html, flags=re.S)
    assert "[@" not in shown and "@johnson2013" not in shown


@pytest.mark.parametrize("page", ["pandoc/index.html", "en/pandoc/index.html"])
def test_comment_in_code_hides_nothing_and_link_text_has_no_nested_link(site: BuildResult, page: str) -> None:
    html = content(site, page)
    assert "<code>&lt;!--</code>" in html and 'href="#ref-Jarse.2023"' in html and 'href="#ref-Jarse-2023"' in html
    parser = Ids()
    parser.feed(site.site.page(page))
    assert not parser.nested
    assert len(parser.ids) == len(set(parser.ids)), [i for i in parser.ids if parser.ids.count(i) > 1]
    assert 'alt="Figuur [1]"' in html


@pytest.mark.parametrize(("page", "heading"), [("pandoc/index.html", "Referenties"),
                                               ("en/pandoc/index.html", "References")])
def test_existing_heading_receives_the_list_once(site: BuildResult, page: str, heading: str) -> None:
    html = content(site, page)
    assert html.count(f">{heading}<") == 1 and html.count('<ol class="atlas-references">') == 1
    assert re.search(rf"{heading}<a class=\"headerlink\"[^>]*>&para;</a></h2>\n<ol class=\"atlas-references\">", html)
    assert html.index('<ol class="atlas-references">') < html.index("Slot.")


def test_look_alike_keys_have_distinct_anchors_and_their_own_preview(site: BuildResult) -> None:
    html = content(site, "pandoc/index.html")
    for key in ("Jarse.2023", "Jarse-2023", "Tèst", "Tést"):
        assert html.count(f'<li id="ref-{key}">') == 1
    # each link's preview (aria-describedby) names the entry of its own key: Cell for the Saxton copies
    for key, journal in (("Jarse.2023", "Cell"), ("Jarse-2023", "Nature"), ("Tèst", "Cell"), ("Tést", "Nature")):
        entry = re.search(rf'id="ref-text-{re.escape(key)}">(.*?)</span></li>', html)
        assert entry is not None and journal in entry.group(1), key


def test_nocite_lists_uncited_entries_and_the_bibliography_page_lists_every_entry(site: BuildResult) -> None:
    html = content(site, "pandoc/index.html")
    assert '<li id="ref-unused2019"><span class="atlas-ref__backlinks"></span>' in html
    dutch = content(site, "references/index.html")
    assert '<li id="bib-unused2019"><span class="atlas-ref__text">' in dutch
    assert re.search(r'<li id="bib-unused2019">.*?</li>', dutch).group(0).count("Geciteerd op") == 0
    assert "is not cited on any page" not in site.log


def test_an_unknown_author_in_text_key_names_its_line_and_the_escape(tmp_path: Path) -> None:
    root = tmp_path / "citations_site"
    shutil.copytree(FIXTURE, root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../hooks/", f"{HOOKS}/"), encoding="utf-8")
    page = root / "docs" / "leucine.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nVolg ons op @aminoatlas.\n", encoding="utf-8")
    result = build_site(config, tmp_path / "site", env=dict(os.environ))
    line = page.read_text(encoding="utf-8").splitlines().index("Volg ons op @aminoatlas.") + 1
    assert result.returncode != 0 and "Traceback" not in result.log
    assert (f"docs/leucine.md:{line}: unknown citation key 'aminoatlas'" in result.log
            and "An @ that is not a citation is written \\@ (as in info\\@example.org)." in result.log)
