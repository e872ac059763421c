"""Diagrams reach readers as pre-rendered inline SVG: no Mermaid JavaScript, an accessible image."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.site import BuiltSite, build_site, copy_fixture

HOME_PAGES = ("index.html", "en/index.html")


def _figure_svgs(html: str) -> list[str]:
    return re.findall(r'<figure class="atlas-diagram"><svg\b[^>]*>.*?</svg></figure>', html, re.DOTALL)


@pytest.mark.parametrize("home", HOME_PAGES)
def test_home_page_has_its_concept_map_as_an_accessible_inline_svg(built_site: BuiltSite, home: str) -> None:
    html = built_site.page(home)
    svgs = _figure_svgs(html)
    assert len(svgs) == 1, f"{home}: expected one pre-rendered diagram"
    svg = svgs[0]
    tag = re.match(r"<figure[^>]*><svg\b[^>]*>", svg).group(0)
    assert 'role="img"' in tag
    title_id = re.search(r'aria-labelledby="([^"]+)"', tag).group(1)
    title = re.search(rf'<title id="{re.escape(title_id)}">([^<]+)</title>', svg)
    assert title and "mTOR" in title.group(1), f"{home}: the diagram has no accessible name"
    assert "<foreignObject" not in svg, f"{home}: labels must be SVG text (usable in PDFs)"


@pytest.mark.parametrize("home", HOME_PAGES)
def test_home_page_loads_no_diagram_javascript(built_site: BuiltSite, home: str) -> None:
    html = built_site.page(home)
    assert 'class="mermaid"' not in html
    assert not re.search(r"<script[^>]*mermaid", html), f"{home}: a Mermaid script is still loaded"


@pytest.mark.parametrize("home", HOME_PAGES)
def test_ids_stay_unique_on_a_page_with_a_diagram(built_site: BuiltSite, home: str) -> None:
    ids = re.findall(r'\sid="([^"]+)"', built_site.page(home))
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"{home}: duplicate ids {duplicates[:5]}"


def test_no_page_of_the_site_leaves_a_mermaid_fence_to_client_side_rendering(built_site: BuiltSite) -> None:
    pages = built_site.html_files()
    offenders = [str(p) for p in pages if 'class="mermaid"' in p.read_text(encoding="utf-8")]
    assert not offenders


def test_a_diagram_without_its_svg_fails_strict_naming_page_line_and_fix(tmp_path: Path) -> None:
    config = copy_fixture("diagrams-missing", tmp_path / "project")
    result = build_site(config, tmp_path / "site", env={})
    assert result.returncode != 0
    expected = (r"WARNING\s+-\s+docs/index\.md:7: the diagram has no rendered SVG "
                r"\(docs/assets/diagrams/[0-9a-f]{12}\.svg\); run `make diagrams`")
    assert re.search(expected, result.log), result.log
    assert "Traceback" not in result.log
