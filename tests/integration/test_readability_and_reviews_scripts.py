"""`make readability` and `make reviews` on the conventions fixture and on broken copies of it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "content_site"


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), *args], capture_output=True, text=True, check=False
    )


def copy(tmp_path: Path) -> Path:
    target = tmp_path / "content_site"
    shutil.copytree(FIXTURE, target)
    return target


def test_readability_lists_every_article_in_both_languages_and_passes_the_fixture():
    done = run("readability.py", str(FIXTURE / "docs"), "--check")
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [line.split()[:2] for line in done.stdout.splitlines() if line.endswith("ok")]
    assert rows == [
        ["glutamine/safety.md", "nl"],
        ["glutamine/safety.en.md", "en"],
        ["leucine.md", "nl"],
        ["leucine.en.md", "en"],
    ]
    assert "index.md" not in done.stdout.split("limits:")[0]  # not an article
    assert "longest sentences" in done.stdout and "Flesch" in done.stdout


def test_readability_check_fails_on_a_long_sentence_and_names_it(tmp_path):
    site = copy(tmp_path)
    page = site / "docs" / "leucine.md"
    long = " ".join(["woord"] * 30)
    page.write_text(page.read_text(encoding="utf-8") + f"\n{long}.\n", encoding="utf-8")
    done = run("readability.py", str(site / "docs"), "--check", "--page", "leucine.md")
    assert done.returncode == 1
    assert "FLAG: 1 sentence(s) over 25 words" in done.stdout
    assert f"30 words: {long}." in done.stdout


def test_readability_gives_a_clear_error_for_a_wrong_folder(tmp_path):
    done = run("readability.py", str(tmp_path / "nope"))
    assert done.returncode == 2
    assert "no such folder" in done.stderr and "Traceback" not in done.stderr


def test_reviews_lists_pages_due_and_overdue(tmp_path):
    done = run("reviews.py", str(FIXTURE / "docs"), "--today", "2027-11-15", "--check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "due      leucine.md" in done.stdout and "due in 15 day(s)" in done.stdout
    late = run("reviews.py", str(FIXTURE / "docs"), "--today", "2027-12-02", "--check")
    assert late.returncode == 1
    assert "overdue  glutamine/safety.en.md" in late.stdout and "2 day(s) overdue" in late.stdout


def test_reviews_reports_an_article_without_dates(tmp_path):
    site = copy(tmp_path)
    page = site / "docs" / "leucine.en.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("next_review: 2027-11-30\n", ""), encoding="utf-8"
    )
    done = run("reviews.py", str(site / "docs"), "--today", "2026-12-01", "--check")
    assert done.returncode == 1
    assert "problem  leucine.en.md" in done.stdout and "add next_review: 2027-11-30" in done.stdout
