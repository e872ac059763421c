"""Helpers to build a site with MkDocs in a subprocess and read what it wrote."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuiltSite:
    root: Path

    def page(self, relative: str) -> str:
        """The HTML of a built page, e.g. `page("en/index.html")`."""
        return (self.root / relative).read_text(encoding="utf-8")

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    log: str
    site: BuiltSite


def build_site(config: Path, site_dir: Path, env: dict[str, str], strict: bool = True) -> BuildResult:
    """Run `mkdocs build` like `make site` does and capture its log."""
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config),
               "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    env = {**env, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    return BuildResult(done.returncode, done.stdout + done.stderr, BuiltSite(site_dir))


PROJECT_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"


def copy_fixture(name: str, target: Path) -> Path:
    """Copy the fixture site `tests/fixtures/<name>` to `target` and return its mkdocs.yml, with the
    `@PROJECT@` placeholder (used to reach the project's hooks and templates) made absolute."""
    shutil.copytree(FIXTURES / name, target)
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("@PROJECT@", str(PROJECT_ROOT))
    config.write_text(text, encoding="utf-8")
    return config


def copy_fixture_with_hooks(name: str, target: Path) -> Path:
    """Copy `tests/fixtures/<name>` into the folder `target` and return the copy's root: a fixture written
    to build in place (hooks as `../../../hooks/...`) gets the project's hooks by absolute path instead."""
    root = target / name
    shutil.copytree(FIXTURES / name, root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("../../../hooks/", f"{PROJECT_ROOT / 'hooks'}/")
    config.write_text(text, encoding="utf-8")
    return root
