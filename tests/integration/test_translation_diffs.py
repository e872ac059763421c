"""A stale translation shows what changed (issue 25, item 3), end to end on the translation fixture:
the banner names the changed sections in the translation's words; a changed safety box or evidence note
fails --strict while other staleness stays a note."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.test_translations import ROOT, build, fixture_copy

pytestmark = pytest.mark.slow


def stale_project(tmp_path: Path, old: str, new: str) -> Path:
    """The fixture with snapshots of its current stamps, then `old` replaced by `new` in topic.md."""
    project = fixture_copy(tmp_path / "project")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "translations.py"), "--config-file",
                    str(project / "mkdocs.yml"), "snapshot"], check=True, capture_output=True)
    source = project / "docs" / "topic.md"
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new), encoding="utf-8")
    return project


def test_the_banner_names_the_changed_section_and_the_build_only_notes_it(tmp_path: Path) -> None:
    project = stale_project(tmp_path, "speelt hierbij een rol", "speelt hierbij een grote rol")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    assert "INFO" in result.log and "docs/topic.en.md may be out of date" in result.log
    english = result.site.page("en/topic/index.html")
    assert ('<p class="atlas-translation-changed">Changed in the original since this translation was '
            "checked: Amino acids.</p>") in english


def test_a_changed_evidence_note_fails_strict_naming_it(tmp_path: Path) -> None:
    note = '!!! evidence "Wat zegt later onderzoek?"\n    Zekerheid van het bewijs: **laag**.\n\n'
    project = stale_project(tmp_path, "## Aminozuren\n\n", "## Aminozuren\n\n" + note)
    result = build(project, tmp_path / "site")
    assert result.returncode != 0, result.log
    assert ('WARNING -  docs/topic.en.md:1: out of date where it matters for safety: docs/topic.md changed '
            '!!! evidence "Wat zegt later onderzoek?" since the translation was checked.') in result.log
    assert "make restamp PAGE=docs/topic.en.md" in result.log
