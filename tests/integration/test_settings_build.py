"""A build with wrong `extra.atlas` settings stops with every problem listed, one line each, under the
`mkdocs.` logger, and no traceback (the settings check runs whichever hook asks first)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.site import build_site, copy_fixture_with_hooks

BAD_BLOCKS = """\
    glossary:
      enable: false
      mark: every
    handouts:
      workers: two
    translations:
      hash_lenght: 8
"""


@pytest.mark.slow
def test_every_wrong_setting_is_one_line_and_the_build_stops_without_a_traceback(tmp_path: Path) -> None:
    root = copy_fixture_with_hooks("citations_site", tmp_path)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "extra:\n  atlas:\n" in text
    config.write_text(text.replace("extra:\n  atlas:\n", "extra:\n  atlas:\n" + BAD_BLOCKS), encoding="utf-8")
    result = build_site(config, tmp_path / "site", env=dict(os.environ))
    assert result.returncode != 0
    assert "Traceback" not in result.log
    errors = [line for line in result.log.splitlines() if line.startswith("ERROR") and "mkdocs.yml: " in line]
    assert [line.split("mkdocs.yml: ", 1)[1] for line in errors] == [
        "unknown key `extra.atlas.glossary.enable`; did you mean `enabled`?",
        "`extra.atlas.glossary.mark`: expected one of: first, all, got text 'every'.",
        "`extra.atlas.handouts.workers`: expected a whole number or nothing, got text 'two'.",
        "unknown key `extra.atlas.translations.hash_lenght`; did you mean `hash_length`?",
    ]
