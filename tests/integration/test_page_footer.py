"""Every page's foot: "Edit this page" opens the file being read; "Last updated" comes from git."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.support.site import BuiltSite, build_site, copy_fixture

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
EDIT_LINK = re.compile(r'<a href="(?P<href>[^"]+)"[^>]*\brel="edit"')
UPDATED = re.compile(
    r'<aside class="md-source-file atlas-last-updated">.*?</span>\s*(?P<label>[^<:]+):\s*'
    r'<time datetime="(?P<iso>\d{4}-\d{2}-\d{2})">(?P<text>[^<]+)</time>',
    re.S,
)
DUTCH_DATE = re.compile(r"^\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober"
                        r"|november|december) \d{4}$")
ENGLISH_DATE = re.compile(r"^(January|February|March|April|May|June|July|August|September|October"
                          r"|November|December) \d{1,2}, \d{4}$")
EDIT_BASE = "https://github.com/amino-atlas/amino-atlas/edit/main/docs/"


def content_pages(site: BuiltSite) -> list[Path]:
    """Built pages that come from a Markdown file (not 404.html, not handout or asset folders)."""
    return [path for path in site.html_files() if EDIT_LINK.search(path.read_text(encoding="utf-8"))]


def is_english(site: BuiltSite, page: Path) -> bool:
    return page.relative_to(site.root).parts[0] == "en"


def git_date(relative: str) -> date | None:
    done = subprocess.run(["git", "log", "-1", "--format=%cI", "--", f"docs/{relative}"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    stamp = done.stdout.strip()
    return date.fromisoformat(stamp[:10]) if done.returncode == 0 and stamp else None


def test_every_page_in_every_language_has_an_edit_link(built_site: BuiltSite) -> None:
    pages = content_pages(built_site)
    dutch_sources = [p for p in DOCS.rglob("*.md") if not p.name.endswith(".en.md")]
    english = [p for p in pages if is_english(built_site, p)]
    assert len(pages) - len(english) >= len(dutch_sources)
    assert len(english) >= len(dutch_sources)


def test_edit_link_opens_the_file_of_the_language_being_read(built_site: BuiltSite) -> None:
    for page in content_pages(built_site):
        href = EDIT_LINK.search(page.read_text(encoding="utf-8"))["href"]
        assert href.startswith(EDIT_BASE), f"{page}: edit link {href} is not on the default branch"
        source = href.removeprefix(EDIT_BASE)
        assert (DOCS / source).is_file(), f"{page}: edit link points to missing docs/{source}"
        if is_english(built_site, page):
            translation = source if source.endswith(".en.md") else source.removesuffix(".md") + ".en.md"
            if (DOCS / translation).is_file():
                assert source == translation, f"{page}: edits docs/{source}, not docs/{translation}"
        else:
            assert not source.endswith(".en.md"), f"{page}: Dutch page edits the English file {source}"


def test_english_home_edits_the_english_file(built_site: BuiltSite) -> None:
    assert EDIT_LINK.search(built_site.page("en/index.html"))["href"] == EDIT_BASE + "index.en.md"
    assert EDIT_LINK.search(built_site.page("index.html"))["href"] == EDIT_BASE + "index.md"


def test_every_page_shows_its_last_updated_date_in_its_language(built_site: BuiltSite) -> None:
    for page in content_pages(built_site):
        html = page.read_text(encoding="utf-8")
        found = UPDATED.search(html)
        assert found, f"{page}: no last-updated date"
        label, text = found["label"].strip(), found["text"].strip()
        if is_english(built_site, page):
            assert (label, bool(ENGLISH_DATE.match(text))) == ("Last updated", True), (page, label, text)
        else:
            assert (label, bool(DUTCH_DATE.match(text))) == ("Laatst bijgewerkt", True), (page, label, text)


def test_last_updated_date_is_the_last_commit_of_the_file(built_site: BuiltSite) -> None:
    for page in content_pages(built_site):
        html = page.read_text(encoding="utf-8")
        source = EDIT_LINK.search(html)["href"].removeprefix(EDIT_BASE)
        committed = git_date(source)
        if committed is None:  # a page not committed yet is dated by its file time
            continue
        assert UPDATED.search(html)["iso"] == committed.isoformat(), f"{page} ({source})"


@pytest.mark.slow
def test_without_git_the_build_passes_strict_and_dates_from_file_time(tmp_path: Path) -> None:
    site_src = tmp_path / "fixture"
    config = copy_fixture("dates-no-git", site_src)
    page = site_src / "docs" / "index.md"
    os.utime(page, (1_767_225_600, 1_767_225_600))  # 2026-01-01 00:00 UTC
    env = {**os.environ, "GIT_CEILING_DIRECTORIES": str(tmp_path)}

    result = build_site(config, tmp_path / "out", env=env)

    assert result.returncode == 0, result.log
    assert "WARNING" not in result.log
    assert "Last-updated dates" in result.log and "not a git repository" in result.log
    found = UPDATED.search(result.site.page("index.html"))
    assert found and found["iso"] == date.fromtimestamp(1_767_225_600).isoformat()
