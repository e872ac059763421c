"""`make site` builds into a scratch folder: a failed build leaves the previous site untouched."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_site.py"


def write_project(folder: Path, nav_target: str) -> Path:
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(f"# Test\n\n[link]({nav_target})\n", encoding="utf-8")
    (docs / "other.md").write_text("# Other\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text("site_name: T\nvalidation:\n  links:\n    not_found: warn\n", encoding="utf-8")
    return config


def run(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--strict", "--config-file", str(config), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_success_swaps_in_new_site(tmp_path: Path) -> None:
    config = write_project(tmp_path, "other.md")
    result = run(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "other" / "index.html").is_file()
    assert not list(tmp_path.glob(".site-build-*"))


def test_failure_keeps_previous_site_and_leaves_no_scratch(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "marker.txt").write_text("previous build", encoding="utf-8")
    config = write_project(tmp_path, "missing.md")
    result = run(config, site)
    assert result.returncode != 0
    assert (site / "marker.txt").read_text(encoding="utf-8") == "previous build"
    assert not (site / "index.html").exists()
    assert not list(tmp_path.glob(".site-build-*"))


# --- security review 2026-12-07: L4 (unwritable output), L5 (killed builds), L8 (permissions) ----------


def test_site_folders_are_0755_and_files_0644(tmp_path: Path) -> None:
    config = write_project(tmp_path, "other.md")
    assert run(config, tmp_path / "site").returncode == 0
    site = tmp_path / "site"
    modes = {path.relative_to(site).as_posix(): path.stat().st_mode & 0o777 for path in site.rglob("*")}
    assert site.stat().st_mode & 0o777 == 0o755
    assert {name for name, mode in modes.items() if mode not in (0o755, 0o644)} == set()
    assert all(mode == 0o644 for name, mode in modes.items() if (site / name).is_file())


def test_scratch_folders_of_killed_builds_are_removed_at_the_next_build(tmp_path: Path) -> None:
    for leftover in (".site-build-killed1", ".site-old-4242"):
        (tmp_path / leftover / "assets").mkdir(parents=True)
        (tmp_path / leftover / "assets" / "x.css").write_text("x", encoding="utf-8")
    config = write_project(tmp_path, "other.md")
    assert run(config, tmp_path / "site").returncode == 0
    assert (
        sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".site-build-", ".site-old-"))) == []
    )


SLOW_HOOK = "import time\n\ndef on_post_build(config):\n    time.sleep(60)\n"


def test_sigterm_stops_mkdocs_and_removes_the_scratch_folder(tmp_path: Path) -> None:
    config = write_project(tmp_path, "other.md")
    (tmp_path / "slow_hook.py").write_text(SLOW_HOOK, encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - slow_hook.py\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "marker.txt").write_text("previous build", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--config-file", str(config), "--site-dir", str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".site-build-*/index.html")) and time.monotonic() < deadline:
        time.sleep(0.2)  # until mkdocs has written pages into its scratch folder (then it sleeps in the hook)
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert "build stopped by signal" in err and "Traceback" not in err
    assert not list(tmp_path.glob(".site-build-*"))
    assert (site / "marker.txt").read_text(encoding="utf-8") == "previous build"


def test_an_output_folder_that_cannot_be_created_is_one_clear_line(tmp_path: Path) -> None:
    config = write_project(tmp_path, "other.md")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the site's parent folder should be", encoding="utf-8")
    result = run(config, blocker / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert (
        len(lines) == 1 and lines[0].startswith("ERROR: cannot write the site:") and "--site-dir" in lines[0]
    )


def test_a_site_folder_that_cannot_be_replaced_is_one_clear_line_and_stays(
    tmp_path: Path, monkeypatch
) -> None:
    import scripts.build_site as build_site

    config = write_project(tmp_path, "other.md")
    site = tmp_path / "site"
    site.mkdir()
    (site / "marker.txt").write_text("previous build", encoding="utf-8")
    real_rename = Path.rename

    def refuse_new_site(self: Path, target: Path) -> Path:
        if self.name.startswith(".site-build-"):
            raise PermissionError(1, "Operation not permitted", str(self), None, str(target))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", refuse_new_site)
    with pytest.raises(build_site.OutputNotWritable, match="cannot write the site: Operation not permitted"):
        build_site.build(site, strict=True, config_file=config)
    assert (site / "marker.txt").read_text(encoding="utf-8") == "previous build"
    assert not list(tmp_path.glob(".site-build-*")) and not list(tmp_path.glob(".site-old-*"))
