"""A reader hovers a citation and reads what the source says, in headless Chromium (evidence fixture site:
the project's own citations.js and stylesheet, a quote that tries to inject HTML, built without
--strict so the refused quote is shown)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.site_server import serve_site
from tests.support.site import PROJECT_ROOT, build_site, copy_fixture_with_hooks

pytestmark = pytest.mark.browser

ASSETS = ("assets/javascripts/citations.js", "assets/stylesheets/citations.css")


@pytest.fixture(scope="module")
def evidence_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_fixture_with_hooks("evidence_site", tmp_path_factory.mktemp("evidence-browser"))
    for asset in ASSETS:
        target = root / "docs" / asset
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT_ROOT / "docs" / asset, target)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"extra_javascript: [{ASSETS[0]}]\n"
                      f"extra_css: [{ASSETS[1]}]\n", encoding="utf-8")
    record = root / "evidence" / "johnson2013.yml"  # a quote the content policy refuses (issue 22), shown
    record.write_text(record.read_text(encoding="utf-8").replace(  # escaped in a build without --strict
        'model organisms"', 'model organisms <img src=x onerror=alert(1)>"'), encoding="utf-8")
    result = build_site(config, root / "site", env=dict(os.environ), strict=False)
    assert result.returncode == 0, result.log
    assert "johnson2013.yml:7: quotes[0].text: holds HTML markup" in result.log
    with serve_site(Path(root / "site"), "/evidence/") as base_url:
        yield base_url


@pytest.mark.parametrize(("path", "label", "lang"), [
    ("leucine/", "Wat de bron zegt:", "en"),
    ("en/leucine/", "What the source says:", None),
])
def test_hovering_a_citation_shows_the_quote(page: Page, evidence_site_url: str, path: str, label: str,
                                             lang: str | None) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(evidence_site_url + path)
    page.locator('article a.atlas-cite__ref[data-ref="saxton2017"]').first.hover()
    preview = page.locator(".atlas-cite-popover")
    expect(preview).to_be_visible()
    expect(preview.locator(".atlas-ref__evidence-label")).to_have_text(label)
    quote = preview.locator("q")
    expect(quote).to_contain_text("coordinates eukaryotic cell growth and metabolism")
    assert quote.get_attribute("lang") == lang
    # where it was seen (PubMed) is the entry's own PMID link: shown once, not repeated as "seen in"
    expect(preview.locator('a[href="https://pubmed.ncbi.nlm.nih.gov/28283069/"]')).to_have_count(1)
    expect(preview.locator(".atlas-ref__seen")).to_have_count(0)
    page.keyboard.press("Escape")
    page.locator('article a.atlas-cite__ref[data-ref="johnson2013"]').first.hover()
    expect(page.locator(".atlas-cite-popover q")).to_contain_text("<img src=x onerror=alert(1)>")
    assert page.locator(".atlas-cite-popover img").count() == 0 and dialogs == []
