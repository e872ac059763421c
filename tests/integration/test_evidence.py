"""Evidence records in real builds of a fixture site (Dutch page, English twin, two records): what readers
see, and what `--strict` says when a cited sentence has no record or changed since it was stamped."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.site import PROJECT_ROOT, BuildResult, BuiltSite, build_site, copy_fixture_with_hooks

pytestmark = pytest.mark.slow


def build(root: Path, out: Path) -> BuildResult:
    return build_site(root / "mkdocs.yml", out, env=dict(os.environ))


def stamp(root: Path, page: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "evidence.py"), "--config-file",
                           str(root / "mkdocs.yml"), "stamp", str(root / page)],
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = copy_fixture_with_hooks("evidence_site", tmp_path_factory.mktemp("evidence"))
    return build(root, root / "site")


def entry_text(html: str, key: str) -> str:
    """The node the citation preview copies: the entry text named by the citation's aria-describedby."""
    assert f'aria-describedby="ref-text-{key}"' in html
    found = re.search(rf'<span class="atlas-ref__text" id="ref-text-{key}">(.*?)</span></li>', html, re.S)
    assert found, key
    return found.group(1)


def test_the_fixture_builds_strict_with_every_citation_on_record(built: BuildResult) -> None:
    assert built.returncode == 0, built.log
    assert "evidence record" not in built.log and "WARNING" not in built.log


def test_reference_list_and_preview_show_what_the_source_says(built: BuildResult) -> None:
    dutch = built.site.page("leucine/index.html")
    text = entry_text(dutch, "saxton2017")
    assert ('<span class="atlas-ref__evidence-label">Wat de bron zegt:</span> <q lang="en">The mechanistic '
            "target of rapamycin (mTOR) coordinates eukaryotic cell growth and metabolism</q>") in text
    # seen on PubMed, which the entry links already: the address is given once, not repeated as "seen in"
    assert "Gezien in" not in text and text.count('href="https://pubmed.ncbi.nlm.nih.gov/28283069/"') == 1
    english = built.site.page("en/leucine/index.html")
    text = entry_text(english, "saxton2017")
    assert "What the source says:</span> <q>The mechanistic target" in text  # no lang: same language
    assert "Seen in:" not in entry_text(english, "johnson2013")  # its DOI and PMC: both linked by the entry


def test_a_malicious_quote_is_refused_at_its_line_and_still_escaped(tmp_path: Path) -> None:
    """Issue 22: the content policy names the quote at its line (a warning: --strict fails); a build
    without --strict shows it escaped, as text."""
    root = copy_fixture_with_hooks("evidence_site", tmp_path)
    record = root / "evidence" / "johnson2013.yml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        'model organisms"', 'model organisms <img src=x onerror=alert(1)>"'), encoding="utf-8")
    result = build_site(root / "mkdocs.yml", root / "site", env=dict(os.environ), strict=False)
    assert result.returncode == 0, result.log
    assert re.search(r"WARNING\s+-\s+evidence/johnson2013\.yml:7: quotes\[0\]\.text: holds HTML markup",
                     result.log), result.log
    for page in ("leucine/index.html", "en/leucine/index.html"):
        html = result.site.page(page)
        assert "model organisms &lt;img src=x onerror=alert(1)&gt;</q>" in html
        assert "<img src=x" not in html


def test_a_cited_sentence_without_a_record_fails_strict_at_its_line(tmp_path: Path) -> None:
    root = copy_fixture_with_hooks("evidence_site", tmp_path)
    page = root / "docs" / "leucine.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEen nieuwe bewering [@saxton2017].\n",
                    encoding="utf-8")
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    assert ("docs/leucine.md:14: no evidence record for [@saxton2017]: add a claim to "
            "evidence/saxton2017.yml, see CONTRIBUTING.md (Evidence records).") in result.log
    assert "Traceback" not in result.log


def test_a_changed_sentence_fails_strict_until_it_is_stamped_again(tmp_path: Path) -> None:
    root = copy_fixture_with_hooks("evidence_site", tmp_path)
    page = root / "docs" / "leucine.md"
    page.write_text(page.read_text(encoding="utf-8").replace("van muizen", "van muizen en ratten"),
                    encoding="utf-8")
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    assert ("docs/leucine.md:12: the sentence changed since its evidence record was made "
            "(evidence/johnson2013.yml:9): check it against the quote again") in result.log
    assert "`make evidence-stamp PAGE=docs/leucine.md`" in result.log
    record = root / "evidence" / "saxton2017.yml"
    before = record.read_text(encoding="utf-8")
    done = stamp(root, "docs/leucine.md")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "evidence/johnson2013.yml:9: stamped" in done.stdout
    assert record.read_text(encoding="utf-8") == before  # unchanged sentence: its file untouched
    assert "# Fixture text" in (root / "evidence" / "johnson2013.yml").read_text(encoding="utf-8")
    again = build(root, tmp_path / "site2")
    assert again.returncode == 0, again.log


def test_an_unstamped_record_names_the_stamp_command(tmp_path: Path) -> None:
    root = copy_fixture_with_hooks("evidence_site", tmp_path)
    record = root / "evidence" / "saxton2017.yml"
    record.write_text(re.sub(r'fingerprint: "\w+"', "fingerprint: null", record.read_text(encoding="utf-8")),
                      encoding="utf-8")
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    assert ("docs/leucine.md:7: the evidence record for [@saxton2017] is not yet stamped "
            "(evidence/saxton2017.yml:9): check the sentence against the quote, then "
            "`make evidence-stamp PAGE=docs/leucine.md`.") in result.log


def test_a_broken_record_fails_strict_with_file_and_line(tmp_path: Path) -> None:
    root = copy_fixture_with_hooks("evidence_site", tmp_path)
    record = root / "evidence" / "johnson2013.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("verdict: supports", "verdict: refutes"),
                      encoding="utf-8")
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    assert "evidence/johnson2013.yml:12: claims[0].verdict: 'refutes' is not allowed" in result.log
    assert "Traceback" not in result.log


def test_info_level_reports_without_failing_strict(tmp_path: Path) -> None:
    root = copy_fixture_with_hooks("evidence_site", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("missing: warn", "missing: info"),
                      encoding="utf-8")
    page = root / "docs" / "leucine.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEen nieuwe bewering [@saxton2017].\n",
                    encoding="utf-8")
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.log
    assert "INFO    -  docs/leucine.md:14: no evidence record for [@saxton2017]" in result.log


def test_status_table_counts_each_page(tmp_path: Path) -> None:
    root = copy_fixture_with_hooks("evidence_site", tmp_path)
    page = root / "docs" / "leucine.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEen nieuwe bewering [@saxton2017].\n",
                    encoding="utf-8")
    done = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "evidence.py"), "--config-file",
                           str(root / "mkdocs.yml"), "status", "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert re.search(r"^leucine\.md +3 +2 +0 +0 +1$", done.stdout, re.M), done.stdout
    assert "docs/leucine.md:14: no evidence record for [@saxton2017]" in done.stdout


def test_every_reference_on_every_real_article_shows_what_the_source_says(built_site: BuiltSite) -> None:
    """Issue 20's promise on the real site, both languages: each reference entry carries its evidence
    section (a quote, or in words that the source's text could not be seen)."""
    lacking = []
    for page in built_site.html_files():
        html = page.read_text(encoding="utf-8")
        for entry in re.findall(r'<li id="ref-[^"]*">.*?</li>', html, flags=re.S):
            if "atlas-ref__evidence" not in entry:
                lacking.append(f"{page.relative_to(built_site.root)}: {entry[:60]}")
    assert not lacking, "\n".join(lacking[:10])
