"""The citation hook in real builds: the fixture site (every form, both languages), its error cases,
and the real site (built once per session)."""

# ruff: noqa: RUF001, E501  (golden HTML: en dashes, Greek letters, long lines are the expected output)
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.support.site import BuildResult, BuiltSite, build_site, copy_fixture_with_hooks

pytestmark = pytest.mark.slow


def copy_fixture(tmp_path: Path) -> Path:
    return copy_fixture_with_hooks("citations_site", tmp_path)


def build(root: Path, out: Path) -> BuildResult:
    return build_site(root / "mkdocs.yml", out, env=dict(os.environ))


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("cite")
    return build(copy_fixture(root), root / "site")


def test_fixture_builds_strict(fixture_site: BuildResult) -> None:
    assert fixture_site.returncode == 0, fixture_site.log
    assert "references.bib:57: entry 'unused2019' is not cited on any page." in fixture_site.log


def test_numbers_links_and_code(fixture_site: BuildResult) -> None:
    html = fixture_site.site.page("leucine/index.html")
    assert re.search(r'id="cite-2">\[<a [^>]*href="#ref-johnson2013"[^>]*>1</a>–<a [^>]*href="#ref-web2023"'
                     r'[^>]*>4</a>\]', html)
    assert "<code>[@johnson2013]</code>" in html and "[@saxton2017] in een codeblok" in html
    assert "info@example.org" in html and "&#64;johnson2013" in html
    assert '<div class="admonition note">' in html and 'id="cite-6"' in html
    assert re.search(r"<td><span class=\"atlas-cite\" id=\"cite-7\">", html)


def test_reference_list_and_previews(fixture_site: BuildResult) -> None:
    html = fixture_site.site.page("leucine/index.html")
    assert '<h2 class="atlas-references-heading" id="references">Referenties' in html
    for key in ("johnson2013", "saxton2017", "book2010", "web2023", "chapter2002"):
        assert f'<li id="ref-{key}">' in html and f'id="ref-text-{key}"' in html
        assert f'aria-describedby="ref-text-{key}"' in html
    assert 'href="https://doi.org/10.1038/nature11861"' in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/23325216/"' in html
    english = fixture_site.site.page("en/leucine/index.html")
    assert '<h2 class="atlas-references-heading" id="references">References' in english
    assert "2013 Jan;493(7432):338-45" in english and "2013 jan;493" in html


def test_global_bibliography_per_language(fixture_site: BuildResult) -> None:
    dutch = fixture_site.site.page("references/index.html")
    english = fixture_site.site.page("en/references/index.html")
    assert dutch.count('<li id="bib-') == 5 and english.count('<li id="bib-') == 2
    assert 'Geciteerd op: <a href="..">Home</a>, <a href="../leucine/">Leucine</a>' in dutch
    assert 'Cited on: <a href="../leucine/">Leucine</a>' in english
    assert "unused2019" not in dutch and "atlas:bibliography" not in dutch


def test_cite_this_page(fixture_site: BuildResult) -> None:
    html = fixture_site.site.page("leucine/index.html")
    assert "<summary>Deze pagina citeren</summary>" in html
    assert "@online{citationfixture-leucine-2026," in html and "TY  - ELEC" in html
    assert "atlas-cite-page" not in fixture_site.site.page("index.html")


def test_unknown_key_fails_strict_with_file_and_line(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    page = root / "docs" / "leucine.md"
    page.write_text(page.read_text() + "\nEen tikfout [@jonson2013].\n", encoding="utf-8")
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    line = page.read_text().splitlines().index("Een tikfout [@jonson2013].") + 1
    assert (f"docs/leucine.md:{line}: unknown citation key 'jonson2013' (closest keys in references.bib: "
            "johnson2013). Fix the key or add the entry to references.bib.") in result.log
    assert "Traceback" not in result.log


def test_bad_bib_fails_strict_with_line(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    bib = root / "references.bib"
    bib.write_text(bib.read_text() + "\n@misc{bad, title={X}, year={2020}, url={javascript:alert(1)}}\n",
                   encoding="utf-8")
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    line = bib.read_text().splitlines().index("@misc{bad, title={X}, year={2020}, url={javascript:alert(1)}}") + 1
    assert f"references.bib:{line}: url of 'bad' is not an http(s) link" in result.log
    assert "Traceback" not in result.log


def test_unused_entries_can_fail_strict(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("unused: info", "unused: warn"), encoding="utf-8")
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    assert "WARNING -  references.bib:57: entry 'unused2019' is not cited on any page." in result.log


def test_real_site_reference_lists(built_site: BuiltSite) -> None:
    cited = [p for p in built_site.html_files() if 'class="atlas-cite__ref"' in p.read_text(encoding="utf-8")]
    for path in cited:
        html = path.read_text(encoding="utf-8")
        assert 'id="references"' in html and '<ol class="atlas-references">' in html, path
        for target in set(re.findall(r'class="atlas-cite__ref" href="#(ref-[^"]+)"', html)):
            assert f'<li id="{target}">' in html, (path, target)
    assert "atlas:bibliography" not in built_site.page("references/index.html")


def test_real_site_offers_cite_this_page_on_articles_only(built_site: BuiltSite) -> None:
    for home in ("index.html", "en/index.html"):
        assert "atlas-cite-page" not in built_site.page(home), f"{home} is not an article"
    for article in ("leucine/index.html", "en/glutamine/safety/index.html"):
        html = built_site.page(article)
        assert "atlas-cite-page__bibtex" in html and "atlas-cite-page__ris" in html, article
