"""The repository itself (security review L11, I1): nothing committed under an ignored path (a pull request
could hide code in `.cache/`, whose bytecode the build loads), and licences for the code and the text."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IGNORED_BUT_COMMITTED = ["git", "ls-files", "-ci", "--exclude-standard"]


def git(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_no_committed_file_lies_under_an_ignored_path() -> None:
    done = subprocess.run(IGNORED_BUT_COMMITTED, cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout == "", f"committed but ignored (remove them with git rm --cached):\n{done.stdout}"


def test_the_check_catches_a_force_added_file_in_the_cache(tmp_path: Path) -> None:
    git("init", "-q", ".", cwd=tmp_path)
    (tmp_path / ".gitignore").write_text((ROOT / ".gitignore").read_text(encoding="utf-8"), encoding="utf-8")
    hidden = tmp_path / ".cache" / "pycache" / "hooks" / "glossary_hook.cpython-311.pyc"
    hidden.parent.mkdir(parents=True)
    hidden.write_bytes(b"\x00not reviewed")
    git("add", "-f", ".cache/pycache/hooks/glossary_hook.cpython-311.pyc", cwd=tmp_path)
    done = subprocess.run(IGNORED_BUT_COMMITTED, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ".cache/pycache/hooks/glossary_hook.cpython-311.pyc"
    ci = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "git ls-files -ci --exclude-standard" in ci
