"""`extra.atlas.evidence` of mkdocs.yml: defaults that work, one line per wrong setting."""

from __future__ import annotations

from pathlib import Path

from atlas.evidence.settings import Settings, problems, read_settings
from atlas.translations.project import load_config


def test_absent_block_means_working_defaults() -> None:
    assert problems(None) == [] and read_settings(None) == Settings()
    assert read_settings(None).folder == "evidence" and read_settings(None).missing == "warn"


def test_each_wrong_setting_is_one_line() -> None:
    """Types and unknown keys first (the one settings pattern, `atlas.settings`), then the block's rules."""
    found = problems({"folders": "x", "missing": "error"})
    assert len(found) == 2
    assert found[0] == "unknown key `extra.atlas.evidence.folders`; did you mean `folder`?"
    assert found[1] == "`extra.atlas.evidence.missing`: expected one of: warn, info, got text 'error'."
    found = problems({"max_quote_words": 0, "labels": {"nl": {"says": "Wat de bron zegt", "sees": "Gezien"}}})
    assert found == [
        "`extra.atlas.evidence.max_quote_words`: 0; give a positive whole number.",
        "`extra.atlas.evidence.labels.nl.sees`: unknown label; allowed: says, seen, not_seen.",
    ]


def test_the_project_settings_are_valid(project_root: Path) -> None:
    config = load_config(project_root / "mkdocs.yml")
    block = config["extra"]["atlas"]["evidence"]
    assert problems(block) == []
    assert set(read_settings(block).labels) == {"nl", "en"}
