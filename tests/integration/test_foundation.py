"""The site skeleton: languages, page parity, no third-party requests, strict link checking."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.support.site import BuiltSite, build_site

EXTERNAL = re.compile(r"^(?:https?:)?//", re.I)
# Attributes through which a browser *fetches* something (plain <a href> is navigation, not a request).
FETCHING_ATTRIBUTE = re.compile(
    r"<(?:script|img|iframe|source|video|audio|embed|track|input)\b[^>]*?\s(?:src|srcset|poster)=\"([^\"]+)\""
    r"|<link\b(?=[^>]*\srel=\"(?:stylesheet|preload|prefetch|preconnect|dns-prefetch|icon|manifest|modulepreload)\")"
    r"[^>]*\shref=\"([^\"]+)\"",
    re.I,
)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)", re.I)


def load_config(root: Path) -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def languages(root: Path) -> list[dict]:
    plugins = load_config(root)["plugins"]
    i18n = next(p["i18n"] for p in plugins if isinstance(p, dict) and "i18n" in p)
    return i18n["languages"]


def test_default_language_is_dutch_at_root(built_site: BuiltSite) -> None:
    assert '<html lang="nl"' in built_site.page("index.html")


def test_english_lives_under_en(built_site: BuiltSite) -> None:
    assert '<html lang="en"' in built_site.page("en/index.html")


def test_every_page_exists_in_every_language(built_site: BuiltSite, project_root: Path) -> None:
    others = [lang["locale"] for lang in languages(project_root) if not lang.get("default")]
    dutch_pages = [
        p.relative_to(built_site.root)
        for p in built_site.html_files()
        if not any(p.relative_to(built_site.root).parts[0] == code for code in others)
        and p.name != "404.html"  # the localized 404 is checked by the translation tests
    ]
    assert dutch_pages
    for code in others:
        missing = [str(p) for p in dutch_pages if not (built_site.root / code / p).is_file()]
        assert not missing, f"pages without a {code} version: {missing}"


def external_loads(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        found = [a or b for a, b in FETCHING_ATTRIBUTE.findall(text)]
    else:
        found = [a or b for a, b in CSS_URL.findall(text)]
    return [url for url in found if EXTERNAL.match(url.strip())]


def test_no_html_or_css_loads_from_a_third_party_host(built_site: BuiltSite) -> None:
    offenders = {}
    for path in built_site.root.rglob("*"):
        if path.suffix in {".html", ".css"}:
            urls = external_loads(path)
            if urls:
                offenders[str(path.relative_to(built_site.root))] = urls
    assert not offenders, offenders


def test_material_scripts_have_no_reason_to_call_third_parties(built_site: BuiltSite) -> None:
    """Material's bundle fetches api.github.com for a `data-md-component="source"` widget and
    unpkg.com for Mermaid when no local copy is loaded; neither condition may occur on our pages."""
    for page in built_site.html_files():
        html = page.read_text(encoding="utf-8")
        assert 'data-md-component="source"' not in html, f"{page}: repo widget would call api.github.com"
        if 'class="mermaid"' in html:
            assert re.search(r'<script src="[^":]*mermaid[^"]*\.js"', html), f"{page}: Mermaid from unpkg.com"


def test_our_own_scripts_and_styles_request_nothing_from_a_third_party_host(project_root: Path) -> None:
    """Our CSS may *select* links to doi.org (print URLs), but never load from another host; our scripts
    may build links, but never fetch, import or inject a resource from one."""
    script_request = re.compile(
        r"(?:fetch|import|XMLHttpRequest|\.src\s*=|sendBeacon)\W{0,3}['\"`](https?:)?//"
    )
    assets = project_root / "docs" / "assets"
    for path in assets.rglob("*"):
        if "vendor" in path.parts:
            continue
        if path.suffix == ".css":
            assert not external_loads(path), f"{path}: {external_loads(path)}"
        elif path.suffix == ".js":
            text = path.read_text(encoding="utf-8")
            assert not script_request.search(text), f"{path} requests a third-party resource"


def test_no_fonts_from_google(built_site: BuiltSite) -> None:
    assert "fonts.googleapis.com" not in built_site.page("index.html")
    assert "fonts.gstatic.com" not in built_site.page("en/index.html")


@pytest.fixture()
def broken_link_site(tmp_path: Path, project_root: Path) -> Path:
    """A copy of the project whose Dutch home page links to a page that does not exist."""
    copy = tmp_path / "project"
    skip = shutil.ignore_patterns(".venv", "site", ".git", "node_modules")
    shutil.copytree(project_root, copy, ignore=skip)
    home = copy / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\n\nZie [deze pagina](bestaat-niet.md).\n")
    return copy


@pytest.mark.slow
def test_broken_link_fails_strict_build_and_names_the_file(broken_link_site: Path, tmp_path: Path) -> None:
    result = build_site(broken_link_site / "mkdocs.yml", tmp_path / "out", env=dict(os.environ))
    assert result.returncode != 0
    assert "index.md" in result.log and "bestaat-niet.md" in result.log, result.log
