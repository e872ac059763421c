"""Translation upkeep end to end: a Dutch/English/German fixture site, and the real site.

The fixture configures German only in its own mkdocs.yml, which shows that adding a language
takes configuration and files, no code.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from atlas.translations.project import read_project
from atlas.translations.status import project_status

from tests.support.site import BuildResult, BuiltSite, build_site

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "i18n_site"
SITE_URL = "https://example.org/atlas/"
HTML_LANG = re.compile(r'<html lang="([^"]+)"')
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


def fixture_copy(target: Path) -> Path:
    """The fixture in a temp folder, next to the project's hooks and templates."""
    shutil.copytree(FIXTURE, target)
    (target / "hooks").symlink_to(ROOT / "hooks", target_is_directory=True)
    (target / "overrides").symlink_to(ROOT / "overrides", target_is_directory=True)
    return target


def build(project: Path, out: Path, strict: bool = True) -> BuildResult:
    return build_site(project / "mkdocs.yml", out, env=dict(os.environ), strict=strict)


def status_report(project: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "translations.py"), "--config-file",
         str(project / "mkdocs.yml"), "status"],
        capture_output=True, text=True, check=True,
    )
    return done.stdout


def row(report: str, page: str, locale: str) -> list[str]:
    for line in report.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if cells[:2] == [page, locale]:
            return cells
    raise AssertionError(f"no row for {page} {locale} in:\n{report}")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    project = fixture_copy(tmp_path_factory.mktemp("i18n") / "project")
    result = build(project, project.parent / "site")
    assert result.returncode == 0, result.log
    return result, project


@pytest.fixture(scope="module")
def site(fixture_site: tuple[BuildResult, Path]) -> BuiltSite:
    return fixture_site[0].site


# --- fixture site -------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_language_page_declares_its_language(site: BuiltSite) -> None:
    for path in site.html_files():
        relative = path.relative_to(site.root)
        expected = relative.parts[0] if relative.parts[0] in {"en", "de"} else "nl"
        assert HTML_LANG.search(path.read_text(encoding="utf-8")).group(1) == expected, relative


@pytest.mark.slow
def test_up_to_date_translation_has_no_banner(
    site: BuiltSite, fixture_site: tuple[BuildResult, Path]
) -> None:
    assert "atlas-translation-stale" not in site.page("en/topic/index.html")
    assert "may be out of date" not in fixture_site[0].log


@pytest.mark.slow
def test_untranslated_page_has_notice_in_reader_language_and_dutch_content(site: BuiltSite) -> None:
    english = site.page("en/only-dutch/index.html")
    german = site.page("de/only-dutch/index.html")
    assert "not been translated into English yet" in english
    assert "noch nicht übersetzt" in german
    for html in (english, german):
        content = html.split('<div class="atlas-untranslated" lang="nl">', 1)
        assert len(content) == 2, "the untranslated content must be wrapped in lang=nl"
        assert "zuivelproducten" in content[1]
        assert "zuivelproducten" not in content[0].split("<article", 1)[1]
    assert "atlas-translation-fallback" not in site.page("only-dutch/index.html")
    assert "atlas-untranslated" not in site.page("en/topic/index.html")


@pytest.mark.slow
def test_each_language_searches_only_its_own_pages(site: BuiltSite) -> None:
    indexes = {
        locale: json.loads((site.root / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        for locale, folder in (("nl", "."), ("en", "en"), ("de", "de"))
    }
    texts = {locale: " ".join(d["text"] for d in index["docs"]) for locale, index in indexes.items()}
    assert "Spiereiwit" in texts["nl"] and "zuivelproducten" in texts["nl"]
    assert "Muscle protein" in texts["en"]
    assert "Willkommen" in texts["de"]
    assert "Spiereiwit" not in texts["en"] and "zuivelproducten" not in texts["en"]
    assert "Muscle protein" not in texts["nl"] and "Willkommen" not in texts["en"]
    assert "zuivelproducten" not in texts["de"] and "Spiereiwit" not in texts["de"]
    for locale, index in indexes.items():
        assert index["config"]["lang"] == [locale]
        assert not any(d["location"].startswith(("en/", "de/")) for d in index["docs"]), locale
    assert "not been translated" not in texts["en"], "notices must not be indexed"


@pytest.mark.slow
def test_pages_load_their_own_language_index(site: BuiltSite) -> None:
    def base(relative: str) -> str:
        html = site.page(relative)
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
        return json.loads(config.group(1))["base"]

    assert base("index.html") == "."
    assert base("topic/index.html") == ".."
    assert base("en/topic/index.html") == "../../en/"
    assert base("de/index.html") == "../de/"


@pytest.mark.slow
def test_not_found_page_per_language(site: BuiltSite) -> None:
    """Each language's 404 says it in every configured language (German is configuration only), its own
    first; without JavaScript its links lead to each language's home under the configured path."""
    pages = {"nl": "404.html", "en": "en/404.html", "de": "de/404.html"}
    titles = {"nl": "Pagina niet gevonden", "en": "Page not found", "de": "Seite nicht gefunden"}
    homes = {"nl": "/atlas/", "en": "/atlas/en/", "de": "/atlas/de/"}
    for locale, relative in pages.items():
        html = site.page(relative)
        assert HTML_LANG.search(html).group(1) == locale
        assert f'<h1 id="atlas-404-{locale}">{titles[locale]}</h1>' in html
        sections = re.findall(r'<section lang="([a-z]+)"', html)
        assert sections[0] == locale and sorted(sections) == ["de", "en", "nl"], relative
        for lang, home in homes.items():
            assert f'<a href="{home}" hreflang="{lang}" data-atlas-404-home>' in html
        assert "Website durchsuchen" in html and "md-select__link" not in html
    data = re.search(r'<script type="application/json" id="atlas-404-data">(.*?)</script>',
                     site.page("404.html")).group(1)
    assert json.loads(data)["languages"] == ["nl", "en", "de"]


@pytest.mark.slow
def test_hreflang_alternates_are_absolute_with_x_default(site: BuiltSite) -> None:
    for relative in ("topic/index.html", "en/topic/index.html"):
        links = dict(ALTERNATE.findall(site.page(relative)))
        assert links == {
            "nl": f"{SITE_URL}topic/",
            "en": f"{SITE_URL}en/topic/",
            "x-default": f"{SITE_URL}topic/",
        }, relative
    home = dict(ALTERNATE.findall(site.page("de/index.html")))
    assert home == {"nl": SITE_URL, "en": f"{SITE_URL}en/", "de": f"{SITE_URL}de/", "x-default": SITE_URL}
    assert 'hreflang="en" href="../' not in site.page("topic/index.html"), "Material's relative links stay"


@pytest.mark.slow
def test_sitemaps_cover_every_language_and_each_folder(site: BuiltSite) -> None:
    root = site.page("sitemap.xml")
    for url in (SITE_URL, f"{SITE_URL}en/topic/", f"{SITE_URL}de/"):
        assert f"<loc>{url}</loc>" in root
    for locale in ("en", "de"):
        localized = site.page(f"{locale}/sitemap.xml")
        locs = re.findall(r"<loc>([^<]+)</loc>", localized)
        assert locs and all(loc.startswith(f"{SITE_URL}{locale}/") for loc in locs), locs
        assert (site.root / locale / "sitemap.xml.gz").is_file()


# --- staleness and parity in modified copies ------------------------------------------------------


@pytest.mark.slow
def test_changed_source_marks_translations_stale_without_failing_strict(tmp_path: Path) -> None:
    project = fixture_copy(tmp_path / "project")
    source = project / "docs" / "index.md"
    edited = source.read_text(encoding="utf-8").replace("eiwitten", "koolhydraten")
    source.write_text(edited, encoding="utf-8")

    result = build(project, tmp_path / "site")

    assert result.returncode == 0, result.log
    assert "docs/index.en.md may be out of date" in result.log
    assert "make restamp PAGE=docs/index.en.md" in result.log
    english = result.site.page("en/index.html")
    assert "This translation may be out of date." in english
    assert '<a href="../" hreflang="nl">Read the Dutch original.</a>' in english
    assert "Diese Übersetzung ist möglicherweise veraltet." in result.site.page("de/index.html")
    assert "atlas-translation-stale" not in result.site.page("en/topic/index.html")
    report = status_report(project)
    assert row(report, "index.md", "en")[3] == "no"
    assert row(report, "index.md", "de")[3] == "no"
    assert row(report, "topic.md", "en")[3] == "yes"


@pytest.mark.slow
def test_restamp_clears_the_banner(tmp_path: Path) -> None:
    project = fixture_copy(tmp_path / "project")
    source = project / "docs" / "topic.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nNieuwe alinea.\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "translations.py"), "--config-file",
         str(project / "mkdocs.yml"), "stamp", str(project / "docs" / "topic.en.md")],
        check=True, capture_output=True,
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    assert "atlas-translation-stale" not in result.site.page("en/topic/index.html")
    assert row(status_report(project), "topic.md", "en")[3] == "yes"


@pytest.mark.slow
def test_unstamped_translation_counts_as_stale(tmp_path: Path) -> None:
    project = fixture_copy(tmp_path / "project")
    german = project / "docs" / "index.de.md"
    german.write_text(re.sub(r"source_hash: \w+\n", "", german.read_text(encoding="utf-8")), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    assert "docs/index.de.md may be out of date" in result.log
    assert "möglicherweise veraltet" in result.site.page("de/index.html")
    assert row(status_report(project), "index.md", "de")[3] == "no (unstamped)"


@pytest.mark.slow
def test_missing_translation_fails_strict_naming_the_file_and_the_fix(tmp_path: Path) -> None:
    project = fixture_copy(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("missing: info", "missing: warn"),
                      encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/only-dutch.md:1: no English translation (expected docs/only-dutch.en.md)" in result.log
    assert "make restamp PAGE=docs/only-dutch.en.md" in result.log


@pytest.mark.slow
def test_citation_difference_names_both_files_and_fails_strict(tmp_path: Path) -> None:
    project = fixture_copy(tmp_path / "project")
    english = project / "docs" / "topic.en.md"
    english.write_text(
        english.read_text(encoding="utf-8").replace("[@gamma2003, p. 4]", "[@delta2004]"), encoding="utf-8"
    )

    result = build(project, tmp_path / "site")

    assert result.returncode != 0
    warning = next(line for line in result.log.splitlines() if "cite different references" in line)
    assert warning.startswith("WARNING")
    assert "docs/topic.en.md" in warning and "docs/topic.md" in warning
    assert "cited only in docs/topic.md (line 13): gamma2003" in warning
    assert "cited only in docs/topic.en.md (line 14): delta2004" in warning
    assert "Traceback" not in result.log
    cells = row(status_report(project), "topic.md", "en")
    assert cells[4] == "missing gamma2003; extra delta2004"


# --- the real site --------------------------------------------------------------------------------


def test_real_site_has_a_localized_404_per_language(built_site: BuiltSite) -> None:
    assert HTML_LANG.search(built_site.page("404.html")).group(1) == "nl"
    assert HTML_LANG.search(built_site.page("en/404.html")).group(1) == "en"
    assert "Pagina niet gevonden" in built_site.page("404.html")
    assert "Page not found" in built_site.page("en/404.html")


def test_every_real_english_page_is_english(built_site: BuiltSite) -> None:
    for path in (built_site.root / "en").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert HTML_LANG.search(html).group(1) == "en", path
        if "atlas-translation-fallback" in html:
            assert '<div class="atlas-untranslated" lang="nl">' in html, path


def test_every_real_page_has_absolute_hreflang_and_x_default(
    built_site: BuiltSite, project_root: Path
) -> None:
    site_url = re.search(r"^site_url:\s*(\S+)", (project_root / "mkdocs.yml").read_text(), re.M).group(1)
    for path in built_site.html_files():
        if path.name == "404.html":
            continue
        links = ALTERNATE.findall(path.read_text(encoding="utf-8"))
        langs = [lang for lang, _ in links]
        assert "nl" in langs and "x-default" in langs, path
        assert all(href.startswith(site_url) for _, href in links), (path, links)


def test_real_search_index_is_split_per_language(built_site: BuiltSite) -> None:
    dutch = json.loads(built_site.page("search/search_index.json"))
    english = json.loads(built_site.page("en/search/search_index.json"))
    assert dutch["docs"] and english["docs"]
    assert not any(d["location"].startswith("en/") for d in dutch["docs"])
    english_pages = {d["location"].split("#")[0] for d in english["docs"]}
    for page in english_pages:
        html = built_site.page(f"en/{page}index.html")
        assert "atlas-translation-fallback" not in html, f"untranslated en/{page} is in the English index"


def test_real_english_sitemap_exists_and_lists_english_pages(built_site: BuiltSite) -> None:
    locs = re.findall(r"<loc>([^<]+)</loc>", built_site.page("en/sitemap.xml"))
    assert locs and all("/en/" in loc for loc in locs)
    root_locs = re.findall(r"<loc>([^<]+)</loc>", built_site.page("sitemap.xml"))
    assert any("/en/" in loc for loc in root_locs) and any("/en/" not in loc for loc in root_locs)


def test_every_real_dutch_page_has_a_translation_in_every_language(project_root: Path) -> None:
    project = read_project(project_root / "mkdocs.yml")
    statuses = project_status(project.docs_dir, project.locales, project.default, project.stamp_key)
    assert statuses
    missing = [s.translation for s in statuses if not s.present]
    assert not missing, f"translations to write: {missing}"
