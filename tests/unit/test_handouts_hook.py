"""The handouts hook's own decisions: what reaches the build log, and which pages it refuses."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import handouts_hook
import pytest
from atlas.handouts import page_jobs
from atlas.handouts import settings as handouts_settings
from atlas.handouts.render import Rendered
from atlas.handouts.schedule import GroupResult
from atlas.settings import parse
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
        clash = ["glutamine/functions.md", "glutamine-functions.md"]
        handouts_hook._refuse_clashing_names(clash, ["nl", "en"], config)
    message = caplog.records[0].getMessage()
    assert message.startswith("docs/glutamine/functions.md:1: ") and "docs/glutamine-functions.md" in message
    handouts_hook._refuse_clashing_names(["leucine.md", "mtor.md"], ["nl", "en"], config)  # no clash


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


def test_a_bad_handout_cache_setting_stops_the_build_with_what_is_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = SimpleNamespace(extra={"atlas": {"handouts": {"cache": ["a", "b"]}}},
                             config_file_path=str(tmp_path / "mkdocs.yml"))
    monkeypatch.delenv("ATLAS_HANDOUTS_CACHE", raising=False)
    with pytest.raises(PluginError, match=r"1 problem\(s\) in extra\.atlas"):
        handouts_hook._cache(config)
    # the problem itself, one line naming the key and what it takes
    assert parse(handouts_settings.SETTINGS, {"cache": ["a", "b"]})[1] == [
        "`extra.atlas.handouts.cache`: expected text or true or false, got a list ['a', 'b']."]


# -- when the build waits for the PDFs: once, at the end of the outermost build ----------------------


class FakeScheduler:
    """Records what the hook asks of the scheduler."""

    def __init__(self, results: list[GroupResult] | None = None) -> None:
        self.calls: list[str] = []
        self.results = results or []

    def warm(self) -> None:
        self.calls.append("warm")

    def close(self) -> None:
        self.calls.append("close")

    def finish(self) -> list[GroupResult]:
        self.calls.append("finish")
        return self.results

    def abandon(self) -> None:
        self.calls.append("abandon")


@pytest.fixture
def fresh_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[SimpleNamespace, list[FakeScheduler]]:
    """A config with handouts on and no cache, and the schedulers the hook makes (fakes)."""
    made: list[FakeScheduler] = []

    def make(workers: int) -> FakeScheduler:
        result = Rendered("docs/a.md", Path("a-nl.pdf"), 0.1)
        made.append(FakeScheduler([GroupResult("nl", [result], 0.5, 1)]))
        return made[-1]

    monkeypatch.setattr(page_jobs, "page_scheduler", make)
    monkeypatch.setattr(handouts_hook, "_run", handouts_hook._Run())
    monkeypatch.setenv("ATLAS_HANDOUTS", "1")
    monkeypatch.setenv("ATLAS_HANDOUTS_CACHE", "0")
    i18n = SimpleNamespace(building=False, current_language="nl")  # static-i18n's state, as it sets it
    config = SimpleNamespace(extra={"atlas": {"handouts": {"workers": 2}}}, plugins={"i18n": i18n},
                             config_file_path=str(tmp_path / "mkdocs.yml"))
    return config, made


def test_the_build_waits_for_the_pdfs_once_after_the_builds_static_i18n_nests_in_it(
    fresh_run: tuple[SimpleNamespace, list[FakeScheduler]], caplog: pytest.LogCaptureFixture
) -> None:
    config, made = fresh_run
    handouts_hook.on_pre_build(config)   # 'nl' starts: the workers start with it (nothing is cached)
    config.plugins["i18n"].building = True
    handouts_hook.on_pre_build(config)   # static-i18n builds 'en' inside nl's on_post_build
    handouts_hook.on_post_build(config)  # 'en' is built: its booklet may follow, nothing is waited for
    assert len(made) == 1 and made[0].calls == ["warm", "close"]
    config.plugins["i18n"].building = False
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        handouts_hook.on_post_build(config)  # the outermost build ends: every language is built
    assert made[0].calls == ["warm", "close", "close", "finish"]
    assert any("1 PDFs for 'nl' in 0.50 s" in r.getMessage() for r in caplog.records)
    handouts_hook.on_pre_build(config)   # the next build (mkdocs serve) gets a scheduler of its own
    assert len(made) == 2


def test_a_failed_build_abandons_the_renders_and_the_next_build_starts_afresh(
    fresh_run: tuple[SimpleNamespace, list[FakeScheduler]],
) -> None:
    config, made = fresh_run
    handouts_hook.on_pre_build(config)
    config.plugins["i18n"].building = True
    handouts_hook.on_pre_build(config)
    handouts_hook.on_build_error(RuntimeError("a page of 'en' failed"))  # the nested build
    handouts_hook.on_build_error(RuntimeError("a page of 'en' failed"))  # and the outer one it ran in
    config.plugins["i18n"].building = False  # static-i18n's flag is reset with the next configuration
    assert made[0].calls == ["warm", "abandon"]
    handouts_hook.on_pre_build(config)
    handouts_hook.on_post_build(config)  # a one-level build now waits at its own end
    assert made[1].calls == ["warm", "close", "finish"]


def test_a_failed_handout_fails_the_build_after_every_language_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    broken = Rendered("docs/broken.md", Path("broken-nl.pdf"), 0.1, "", "failed to decode image")
    fine = [Rendered("docs/fine.en.md", Path("fine-en.pdf"), 0.1),
            Rendered("atlas-en.pdf", Path("atlas-en.pdf"), 0.2)]
    groups = [GroupResult("nl", [broken], 0.3, 1), GroupResult("en", fine, 0.4, 2)]
    with caplog.at_level(logging.INFO, logger="mkdocs"), pytest.raises(PluginError, match=r"docs/broken\.md"):
        handouts_hook._report(groups, 0.2)
    messages = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert any(m.startswith("handouts: 2 PDFs for 'en' in 0.40 s") for _, m in messages)  # the whole one
    assert not any("PDFs for 'nl'" in m for _, m in messages)
    errors = [m for level, m in messages if level == "ERROR"]
    assert errors == ["docs/broken.md: the PDF handout could not be rendered: failed to decode image. "
                      "Fix the page (or run with ATLAS_HANDOUTS=0 to build without handouts)."]


def test_with_earlier_pdfs_in_the_cache_the_build_prepares_handouts_itself_and_starts_no_worker_yet(
    fresh_run: tuple[SimpleNamespace, list[FakeScheduler]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config, made = fresh_run
    cache = tmp_path / "cache"
    monkeypatch.setenv("ATLAS_HANDOUTS_CACHE", str(cache))
    handouts_hook.on_pre_build(config)  # an empty cache can give nothing: workers start, and prepare
    assert made[-1].calls == ["warm"] and not handouts_hook._run.prepare_here
    handouts_hook.on_post_build(config)
    (cache / "earlier.pdf").parent.mkdir()
    (cache / "earlier.pdf").write_bytes(b"%PDF")
    handouts_hook.on_pre_build(config)  # the cache may hold them: ask it first, workers only if needed
    assert made[-1].calls == [] and handouts_hook._run.prepare_here
