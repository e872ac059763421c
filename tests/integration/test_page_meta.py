"""Every built page tells search engines and assistive technology what it is: its own meta description,
a title, and the language it is written in."""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from pathlib import Path

from tests.support.site import BuiltSite

ROOT = Path(__file__).resolve().parents[2]

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')
HTML_LANG = re.compile(r'<html lang="([^"]+)"')
TITLE = re.compile(r"<title>([^<]+)</title>")
LOCALE = re.compile(r"^\s*- locale: (\S+)\s*\n\s*name: .*\n(\s*default: true)?", re.MULTILINE)


def locales() -> tuple[str, list[str]]:
    """(default locale, other locales) as configured for mkdocs-static-i18n in mkdocs.yml."""
    found = LOCALE.findall((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    default = next(locale for locale, is_default in found if is_default)
    return default, [locale for locale, _ in found if locale != default]


def content_pages(site: BuiltSite) -> dict[str, str]:
    """Relative path → HTML, for every page except the 404 pages (which share the site description)."""
    pages = {}
    for html in site.html_files():
        relative = html.relative_to(site.root).as_posix()
        if not relative.endswith("404.html"):
            pages[relative] = html.read_text(encoding="utf-8")
    return pages


def test_every_page_has_its_own_meta_description(built_site: BuiltSite) -> None:
    descriptions = {}
    for relative, html in content_pages(built_site).items():
        match = DESCRIPTION.search(html)
        assert match and match.group(1).strip(), (
            f"{relative}: no meta description; set `description:` in the page's front matter")
        descriptions[relative] = unescape(match.group(1)).strip()
    shared = {text: count for text, count in Counter(descriptions.values()).items() if count > 1}
    duplicates = sorted(page for page, text in descriptions.items() if text in shared)
    assert not duplicates, f"pages sharing one description (give each its own front matter): {duplicates}"


def test_every_page_declares_its_language_and_has_a_title(built_site: BuiltSite) -> None:
    default, others = locales()
    assert others, "expected at least one translation language in mkdocs.yml"
    for relative, html in content_pages(built_site).items():
        expected = next((locale for locale in others if relative.startswith(f"{locale}/")), default)
        lang = HTML_LANG.search(html)
        assert lang and lang.group(1) == expected, f"{relative}: <html lang> should be {expected}"
        title = TITLE.search(html)
        assert title and title.group(1).strip(), f"{relative}: empty <title>"
