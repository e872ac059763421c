"""The handouts hook's own decisions: what reaches the build log, and which pages it refuses."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import handouts_hook
import pytest
from atlas.handouts.render import Rendered
from mkdocs.exceptions import PluginError


def test_typst_warnings_are_logged_as_warnings_of_the_page_so_strict_fails(
    caplog: pytest.LogCaptureFixture,
) -> None:
    warning = "content labelled multiple times, near \u201cThe claim.\u201d"
    result = Rendered("docs/leucine.md", Path("leucine-nl.pdf"), 0.1, "", None, (warning,))
    with caplog.at_level(logging.DEBUG, logger="mkdocs"):
        handouts_hook._log_result(result)
    shown = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert [(r.name, r.levelname) for r in shown] == [("mkdocs.hooks.handouts", "WARNING")]
    assert shown[0].getMessage().startswith("docs/leucine.md: ") and warning in shown[0].getMessage()


def test_a_clean_handout_logs_nothing_a_contributor_has_to_read(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="mkdocs"):
        handouts_hook._log_result(Rendered("docs/leucine.md", Path("leucine-nl.pdf"), 0.1))
    assert [r for r in caplog.records if r.levelno >= logging.INFO] == []


def test_pages_with_the_same_handout_name_fail_the_build_naming_both(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = SimpleNamespace(docs_dir=str(tmp_path / "docs"), config_file_path=str(tmp_path / "mkdocs.yml"))
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(PluginError):
        handouts_hook._refuse_clashing_names(["glutamine/functions.md", "glutamine-functions.md"], config)
    message = caplog.records[0].getMessage()
    assert message.startswith("docs/glutamine/functions.md:1: ") and "docs/glutamine-functions.md" in message
    handouts_hook._refuse_clashing_names(["leucine.md", "mtor.md"], config)  # no clash, no error


@pytest.mark.parametrize(
    ("setting", "env", "expected"),
    [
        (None, None, ".cache/handouts"),          # the default, beside mkdocs.yml
        ("/tmp/pdf-cache", None, "/tmp/pdf-cache"),
        (False, None, None),                      # switched off in mkdocs.yml
        (None, "0", None),                        # switched off for one run (the benchmark's cold build)
        ("elsewhere", "/tmp/other", "/tmp/other"),  # the environment wins
    ],
)
def test_the_handout_cache_folder_comes_from_mkdocs_yml_or_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: object, env: str | None, expected: str | None
) -> None:
    handouts = {} if setting is None else {"cache": setting}
    config = SimpleNamespace(extra={"atlas": {"handouts": handouts}},
                             config_file_path=str(tmp_path / "mkdocs.yml"))
    if env is None:
        monkeypatch.delenv("ATLAS_HANDOUTS_CACHE", raising=False)
    else:
        monkeypatch.setenv("ATLAS_HANDOUTS_CACHE", env)
    found = handouts_hook._cache(config)
    if expected is None:
        assert found is None
    else:
        assert found == (Path(expected) if Path(expected).is_absolute() else tmp_path / expected)
