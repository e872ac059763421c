"""hooks/template_cache_hook.py: compiled templates kept between builds, the output unchanged."""

from __future__ import annotations

import filecmp
from pathlib import Path

from tests.support.site import PROJECT_ROOT, build_site


def _project(tmp_path: Path, setting: str = "") -> Path:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs/index.md").write_text("# Home\n\nText.\n", encoding="utf-8")
    (project / "docs/other.md").write_text("# Other\n\nMore text.\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    extra = f"extra:\n  atlas:\n    template_cache: {setting}\n" if setting else ""
    config.write_text(
        "site_name: Template cache fixture\ntheme:\n  name: material\n"
        f"hooks:\n  - {PROJECT_ROOT / 'hooks/template_cache_hook.py'}\n{extra}",
        encoding="utf-8",
    )
    return config


def _same_tree(left: Path, right: Path) -> bool:
    compared = filecmp.dircmp(left, right)
    if compared.left_only or compared.right_only or compared.diff_files or compared.funny_files:
        return False
    return all(_same_tree(left / name, right / name) for name in compared.common_dirs)


def test_builds_keep_compiled_templates_and_write_the_same_site(tmp_path: Path) -> None:
    config = _project(tmp_path)
    first = build_site(config, tmp_path / "first", env={})
    assert first.returncode == 0, first.log
    kept = list((config.parent / ".cache/templates").rglob("*.cache"))
    assert len(kept) > 10  # Material's base, partials, 404 and sitemap
    stamps = {path: path.stat().st_mtime_ns for path in kept}
    second = build_site(config, tmp_path / "second", env={})
    uncached = build_site(config, tmp_path / "uncached", env={"ATLAS_TEMPLATE_CACHE": "0"})
    assert second.returncode == 0 and uncached.returncode == 0, second.log + uncached.log
    # loaded, not compiled and written again
    assert {path: path.stat().st_mtime_ns for path in kept} == stamps
    assert _same_tree(tmp_path / "first", tmp_path / "second")
    assert _same_tree(tmp_path / "second", tmp_path / "uncached")
    assert second.log.count("WARNING") == 0


def test_the_setting_and_the_environment_variable_choose_the_folder(tmp_path: Path) -> None:
    config = _project(tmp_path, "build/templates")
    assert build_site(config, tmp_path / "a", env={}).returncode == 0
    assert list((config.parent / "build/templates").rglob("*.cache"))
    elsewhere = tmp_path / "elsewhere"
    assert build_site(config, tmp_path / "b", env={"ATLAS_TEMPLATE_CACHE": str(elsewhere)}).returncode == 0
    assert list(elsewhere.rglob("*.cache"))


def test_false_turns_the_cache_off(tmp_path: Path) -> None:
    config = _project(tmp_path, "false")
    assert build_site(config, tmp_path / "site", env={}).returncode == 0
    assert not (config.parent / ".cache").exists()


def test_a_bad_setting_stops_the_build_with_what_is_allowed(tmp_path: Path) -> None:
    config = _project(tmp_path, "[a, b]")
    result = build_site(config, tmp_path / "site", env={})
    assert result.returncode != 0
    expected = "mkdocs.yml: `extra.atlas.template_cache`: expected text or true or false, got a list"
    assert expected in result.log
    assert "Traceback" not in result.log


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    config = _project(tmp_path, "blocked")
    (config.parent / "blocked").write_text("a file where the folder should be", encoding="utf-8")
    result = build_site(config, tmp_path / "site", env={})
    assert result.returncode == 0, result.log
    assert "compiled templates could not be kept" in result.log
    assert (tmp_path / "site/index.html").exists()
