"""`make site` builds into a scratch folder: a failed build leaves the previous site untouched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
        capture_output=True, text=True, check=False,
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
