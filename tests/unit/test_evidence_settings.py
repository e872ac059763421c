"""`extra.atlas.evidence` of mkdocs.yml: defaults that work, one line per wrong setting."""

from __future__ import annotations

from pathlib import Path

from atlas.evidence.settings import Settings, problems, read_settings
from atlas.translations.project import load_config


def test_absent_block_means_working_defaults() -> None:
    assert problems(None) == [] and read_settings(None) == Settings()
    assert read_settings(None).folder == "evidence" and read_settings(None).missing == "warn"


def test_each_wrong_setting_is_one_line() -> None:
    found = problems({"folders": "x", "missing": "error", "max_quote_words": 0,
                      "labels": {"nl": {"says": "", "sees": "Gezien"}}})
    assert found == [
        "extra.atlas.evidence.folders: unknown setting; did you mean 'folder'?",
        "extra.atlas.evidence.missing: 'error' is not allowed; use one of: warn, info.",
        "extra.atlas.evidence.max_quote_words: 0; give a positive whole number.",
        "extra.atlas.evidence.labels.nl.says: give the label's text.",
        "extra.atlas.evidence.labels.nl.sees: unknown label; allowed: says, seen, not_seen.",
    ]


def test_the_project_settings_are_valid(project_root: Path) -> None:
    config = load_config(project_root / "mkdocs.yml")
    block = config["extra"]["atlas"]["evidence"]
    assert problems(block) == []
    assert set(read_settings(block).labels) == {"nl", "en"}
