"""Offline link check of the built site: every internal link, anchor and PDF link resolves, both languages.

Reads the HTML files only (no server, no network). A link is internal when it is relative, or
absolute under the site's own `site_url` (canonical and hreflang links); other hosts are left alone
(the browser privacy test makes sure pages never *load* anything from them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.support.site import BuiltSite

ROOT = Path(__file__).resolve().parents[2]
LINK_ATTRIBUTES = {
    "a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src",
}
IGNORED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")


@dataclass
class PageLinks:
    """The ids a page defines and the links it makes (with line numbers, for the error message)."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str, str]] = field(default_factory=list)  # (line, tag, url)


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.result.ids.add(values[name])
        wanted = LINK_ATTRIBUTES.get(tag)
        if wanted and values.get(wanted):
            self.result.links.append((self.getpos()[0], tag, values[wanted]))


@cache
def parse_page(path: Path) -> PageLinks:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.result


def site_url() -> str:
    match = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    assert match, "mkdocs.yml has no site_url"
    return match.group(1).rstrip("/") + "/"


def page_url(site: BuiltSite, html: Path, base: str) -> str:
    """The URL a reader sees for a built file: `leucine/index.html` is served as `<base>leucine/`."""
    relative = html.relative_to(site.root).as_posix()
    return base + relative.removesuffix("index.html")


def target_file(site: BuiltSite, url: str, base: str) -> Path | None:
    """The built file an in-site URL points at, or None when the URL leaves the site."""
    if not url.startswith(base):
        return None
    path = unquote(urlsplit(url).path)[len(urlsplit(base).path):]
    target = site.root / path
    return target / "index.html" if path == "" or path.endswith("/") else target


def broken_links(site: BuiltSite) -> list[str]:
    base = site_url()
    problems = []
    for html in site.html_files():
        here = page_url(site, html, base)
        shown = html.relative_to(site.root).as_posix()
        for line, tag, raw in parse_page(html).links:
            if raw.startswith(IGNORED_SCHEMES):
                continue
            url = urljoin(here, raw)
            target = target_file(site, url, base)
            if target is None:
                continue  # another host: not checked offline
            if not target.is_file():
                missing = target.relative_to(site.root)
                problems.append(f"{shown}:{line}: <{tag}> {raw} → {missing} does not exist")
                continue
            fragment = unquote(urlsplit(url).fragment)
            if fragment and target.suffix == ".html" and fragment not in parse_page(target).ids:
                problems.append(f"{shown}:{line}: <{tag}> {raw} → no element with id '{fragment}' "
                                f"in {target.relative_to(site.root)}")
            if target.suffix == ".pdf" and not target.read_bytes().startswith(b"%PDF-"):
                problems.append(f"{shown}:{line}: <{tag}> {raw} → {target.name} is not a PDF")
    return problems


def test_every_internal_link_anchor_and_pdf_resolves(built_site: BuiltSite) -> None:
    problems = broken_links(built_site)
    assert not problems, f"{len(problems)} broken links in the built site:\n" + "\n".join(problems)


@pytest.mark.parametrize("language_root", ["", "en/"])
def test_each_language_links_its_pages_and_pdfs(built_site: BuiltSite, language_root: str) -> None:
    """The check above really covered both languages, including their PDF handout links."""
    def language_root_of(page: Path) -> str:
        return "en/" if page.relative_to(built_site.root).as_posix().startswith("en/") else ""

    pages = [page for page in built_site.html_files() if language_root_of(page) == language_root]
    assert len(pages) >= 10, f"expected the pages of language root '/{language_root}'"
    pdf_links = [raw for page in pages for _, _, raw in parse_page(page).links if raw.endswith(".pdf")]
    assert pdf_links, f"no PDF handout links on the pages under '/{language_root}'"


def test_checker_reports_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    """The checker itself notices both kinds of breakage (so a green run means something)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2><a href="#here">ok</a>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a>\n<a href="a/#gone">bad anchor</a>\n<a href="b/">bad page</a>\n'
        '<a href="https://example.org/">other host</a>', encoding="utf-8")
    problems = broken_links(BuiltSite(tmp_path))
    assert len(problems) == 2, problems
    assert "index.html:2:" in problems[0] and "'gone'" in problems[0]
    assert "index.html:3:" in problems[1] and "b/index.html does not exist" in problems[1]
