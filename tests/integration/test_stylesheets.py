"""The built site: one project stylesheet per page (the bundle), every script deferred; bad bundle
settings fail a strict build naming the file, the line and the fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from atlas.minify import minify_css

from tests.support.site import PROJECT_ROOT, BuiltSite, build_site

STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>")


def _settings() -> tuple[list[str], dict[str, list[str]]]:
    config = yaml.load((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return config["extra_css"], config["extra"]["atlas"]["stylesheets"]


def test_every_page_links_materials_two_stylesheets_and_the_bundle_only(built_site: BuiltSite) -> None:
    extra_css, bundles = _settings()
    assert list(bundles) == extra_css == ["assets/stylesheets/atlas.css"]
    served = _served_bundle(built_site).name
    for html_file in built_site.html_files():
        if html_file.name == "404.html":
            continue  # self-contained, its stylesheet inlined: tests/integration/test_not_found_page.py
        names = [href.rsplit("/", 1)[-1] for href in STYLESHEET.findall(html_file.read_text("utf-8"))]
        assert len(names) == 3 and names[-1] == served, (html_file, names)


def _served_bundle(built_site: BuiltSite) -> Path:
    """The one bundle in the site, named with a hash of its content."""
    [bundle] = (built_site.root / "assets/stylesheets").glob("atlas.*.css")
    assert re.fullmatch(r"atlas\.[0-9a-f]{8}\.css", bundle.name)
    return bundle


def test_the_bundle_holds_every_part_in_order_and_the_parts_are_not_served(built_site: BuiltSite) -> None:
    _, bundles = _settings()
    bundle = _served_bundle(built_site).read_text(encoding="utf-8")
    positions = []
    for part in bundles["assets/stylesheets/atlas.css"]:
        source = minify_css((PROJECT_ROOT / "docs" / part).read_text(encoding="utf-8")).strip()
        assert source in bundle, part  # as readers get it: minified (atlas.minify)
        positions.append(bundle.index(source))
        assert not (built_site.root / part).exists(), f"{part} is in the bundle: not served alone"
    assert positions == sorted(positions), "parts must keep their cascade order"


def test_print_rules_survive_bundling(built_site: BuiltSite) -> None:
    assert "@media print" in _served_bundle(built_site).read_text(encoding="utf-8")


@pytest.mark.parametrize("page", ["index.html", "en/leucine/index.html", "glutamine/sport/index.html"])
def test_every_external_script_is_deferred_and_search_on_demand_runs_before_materials_bundle(
    built_site: BuiltSite, page: str
) -> None:
    """A plain <script src> holds back the first paint on slow phones; deferred ones keep their order."""
    tags = [attributes for attributes in SCRIPT_TAG.findall(built_site.page(page)) if "src=" in attributes]
    assert tags, page
    blocking = [tag for tag in tags if not re.search(r"\b(defer|async)\b", tag)]
    assert not blocking, f"{page}: scripts that block rendering: {blocking}"
    sources = [re.search(r'src="([^"]+)"', tag).group(1).rsplit("/", 1)[-1] for tag in tags]
    bundle = next(i for i, name in enumerate(sources) if name.startswith("bundle."))
    assert sources.index("search-on-demand.js") < bundle


def _fixture_project(tmp_path: Path, stylesheets: str, extra_css: str, parts: dict[str, str]) -> Path:
    project = tmp_path / "project"
    (project / "docs/css").mkdir(parents=True)
    (project / "docs/index.md").write_text("# Home\n\nText.\n", encoding="utf-8")
    for name, text in parts.items():
        (project / "docs/css" / name).write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        "site_name: Bundle fixture\ntheme:\n  name: material\n"
        f"hooks:\n  - {PROJECT_ROOT / 'hooks/stylesheets_hook.py'}\n"
        f"extra_css:\n{extra_css}\nextra:\n  atlas:\n    stylesheets:\n{stylesheets}\n",
        encoding="utf-8",
    )
    return config


def test_a_fixture_site_gets_its_bundle(tmp_path: Path) -> None:
    config = _fixture_project(
        tmp_path, "      css/site.css: [css/a.css, css/b.css]", "  - css/site.css",
        {"a.css": ".a { color: red; }\n", "b.css": ".b { color: blue; }\n"},
    )
    result = build_site(config, tmp_path / "site", env={})
    assert result.returncode == 0, result.log
    [served] = (tmp_path / "site/css").glob("site.*.css")
    bundle = served.read_text(encoding="utf-8")
    assert bundle.index(".a{") < bundle.index(".b{")  # minified for readers (atlas.minify)
    assert not (tmp_path / "site/css/a.css").exists() and not (tmp_path / "site/css/site.css").exists()
    assert f'href="css/{served.name}"' in (tmp_path / "site/index.html").read_text(encoding="utf-8")


def test_a_changed_part_gives_the_bundle_a_new_name(tmp_path: Path) -> None:
    """New styles reach readers at a new address, never hidden behind a cached old bundle."""
    names = []
    for colour in ("red", "blue"):
        config = _fixture_project(tmp_path / colour, "      css/site.css: [css/a.css]", "  - css/site.css",
                                  {"a.css": f".a {{ color: {colour}; }}\n"})
        assert build_site(config, tmp_path / colour / "site", env={}).returncode == 0
        names += [path.name for path in (tmp_path / colour / "site/css").glob("site.*.css")]
    assert len(names) == 2 and names[0] != names[1]


@pytest.mark.parametrize(
    ("stylesheets", "extra_css", "parts", "expected"),
    [
        ("      css/site.css: [css/a.css, css/gone.css]", "  - css/site.css", {"a.css": ".a {}\n"},
         r"mkdocs\.yml: extra\.atlas\.stylesheets lists css/gone\.css as part of css/site\.css, "
         r"but docs/css/gone\.css does not exist\. Create the file"),
        ("      css/site.css: [css/a.css, css/b.css]", "  - css/site.css",
         {"a.css": ".a {}\n", "b.css": "/* b */\n@import url(more.css);\n"},
         r"docs/css/b\.css:2: @import only works at the very top of a stylesheet"),
        ("      css/site.css: [css/a.css]", "  - css/other.css", {"a.css": ".a {}\n", "other.css": ""},
         r"mkdocs\.yml: the stylesheet bundle css/site\.css is not listed under extra_css"
         r".*Add `- css/site\.css`"),
        ("      css/site.css: [css/a.css]", "  - css/site.css\n  - css/a.css", {"a.css": ".a {}\n"},
         r"mkdocs\.yml: css/a\.css is listed under extra_css and is also part of the bundle css/site\.css"),
    ],
    ids=["missing part", "import inside a part", "bundle not linked", "part linked twice"],
)
def test_bad_bundle_settings_fail_strict_with_where_and_how_to_fix(
    tmp_path: Path, stylesheets: str, extra_css: str, parts: dict[str, str], expected: str
) -> None:
    config = _fixture_project(tmp_path, stylesheets, extra_css, parts)
    result = build_site(config, tmp_path / "site", env={})
    assert result.returncode != 0
    assert re.search(r"WARNING\s+-\s+" + expected, result.log), result.log
    assert "Traceback" not in result.log


def test_malformed_bundle_settings_stop_the_build_with_a_clear_message(tmp_path: Path) -> None:
    config = _fixture_project(tmp_path, "      css/site.css: css/a.css", "  - css/site.css", {"a.css": ""})
    result = build_site(config, tmp_path / "site", env={})
    assert result.returncode != 0
    expected = "`extra.atlas.stylesheets.css/site.css`: expected a list of text, got text 'css/a.css'."
    assert f"mkdocs.yml: {expected}" in result.log
    assert "Traceback" not in result.log
