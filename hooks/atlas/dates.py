"""When was each page last changed? Read from one `git log` over the docs folder.

The site shows a "last updated" date on every page. Asking git once per page would cost one process
per page per language; instead one `git log --name-only` lists every commit with the files it touched,
newest first, and the first time a file appears is its last change. Files git does not know (a new
page not yet committed, or a copy of the site without `.git`) fall back to the file's modification
time, or show no date, as configured.

Pure: no MkDocs imports. The caller runs the command (see `git_log_command`) and passes its output.
"""

from __future__ import annotations

import functools
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as _settings_field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from babel.core import UnknownLocaleError
from babel.dates import format_date

from atlas.settings import Block

# Field separator in front of every commit line: cannot occur in a file name git prints unquoted.
COMMIT_MARK = "\x1e"

FALLBACK_MTIME = "mtime"
FALLBACK_NONE = "none"
FALLBACKS = (FALLBACK_MTIME, FALLBACK_NONE)


@dataclass(frozen=True)
class GitHistory:
    """The outcome of reading git: the last change per file, or why there is none."""

    last_changed: Mapping[str, date]
    shallow: bool = False
    problem: str | None = None  # e.g. "git is not installed": the dates fall back for every file


@dataclass(frozen=True)
class LastUpdated:
    """A page's date and where it came from (`git` or `mtime`)."""

    day: date
    source: str


def git_log_command() -> list[str]:
    """Run in the docs folder: every commit's date and the files it touched, relative to that folder."""
    return ["git", "-c", "core.quotePath=false", "log", "--relative", "--no-renames",
            "--format=format:%x1e%cI", "--name-only", "--", "."]


def git_head_command() -> list[str]:
    """Run in the docs folder: prints whether the clone is shallow, then the commit checked out."""
    return ["git", "rev-parse", "--is-shallow-repository", "HEAD"]


def parse_git_log(output: str) -> dict[str, date]:
    """Map each file (POSIX path relative to the docs folder) to the date of its newest commit.

    `git log` prints newest first, so the first date seen for a file is its last change.
    """
    last_changed: dict[str, date] = {}
    commit_day: date | None = None
    for line in output.split("\n"):  # not splitlines(): it breaks at the \x1e mark
        if line.startswith(COMMIT_MARK):
            commit_day = datetime.fromisoformat(line[len(COMMIT_MARK):].strip()).date()
        elif line.strip() and commit_day is not None:
            last_changed.setdefault(line.strip(), commit_day)
    return last_changed


def parse_head(output: str) -> tuple[bool, str]:
    """(is the clone shallow, the HEAD commit) from `git_head_command`'s output."""
    lines = output.split()
    return (bool(lines) and lines[0] == "true", lines[1] if len(lines) > 1 else "")


def run_git(command: list[str], cwd: Path) -> tuple[str | None, str | None]:
    """(stdout, None) on success, (None, a reason in plain words) when git is missing or fails."""
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False,
                              env={**os.environ, "GIT_TERMINAL_PROMPT": "0"})
    except FileNotFoundError:
        return None, "git is not installed"
    except OSError as error:
        return None, f"git could not run ({error})"
    if done.returncode != 0:
        reason = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
        return None, f"git failed: {reason}"
    return done.stdout, None


_cache: dict[tuple[str, str], GitHistory] = {}


def clear_caches() -> None:
    """Forget the git histories read (between build runs)."""
    _cache.clear()


def read_history(docs_dir: Path) -> GitHistory:
    """The git history of `docs_dir`, read once per checked-out commit (cached across builds).

    static-i18n re-runs the build once per language and `mkdocs serve` rebuilds on every save: both
    reuse the cached history until HEAD moves.
    """
    head_output, problem = run_git(git_head_command(), docs_dir)
    if head_output is None:
        return GitHistory({}, problem=problem)
    shallow, head = parse_head(head_output)
    key = (str(docs_dir.resolve()), head)
    if key not in _cache:
        log_output, problem = run_git(git_log_command(), docs_dir)
        if log_output is None:
            return GitHistory({}, shallow=shallow, problem=problem)
        _cache.clear()
        _cache[key] = GitHistory(parse_git_log(log_output), shallow=shallow)
    return _cache[key]


def last_updated(relative_path: str, history: GitHistory, file_path: Path,
                 fallback: str = FALLBACK_MTIME) -> LastUpdated | None:
    """The date to show for one file: its last commit, else (per `fallback`) its modification time."""
    day = history.last_changed.get(relative_path)
    if day is not None:
        return LastUpdated(day, "git")
    if fallback == FALLBACK_MTIME and file_path.exists():
        return LastUpdated(date.fromtimestamp(file_path.stat().st_mtime), "mtime")
    return None


@functools.lru_cache(maxsize=4096)  # a site has few distinct days; Babel takes ~1 ms per call
def format_day(day: date, locale: str, style: str = "long") -> str:
    """The date as a reader of `locale` writes it ("21 november 2026", "November 21, 2026").

    Uses Babel (installed with Material); an unknown locale gets the ISO date rather than an error.
    """
    try:
        return str(format_date(day, format=style, locale=locale))
    except (UnknownLocaleError, ValueError):
        return day.isoformat()


# --- settings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DatesSettings:
    """`extra.atlas.dates`: the "last updated" line under each page."""

    enabled: bool = True
    format: Literal["short", "medium", "long", "full"] = "long"   # Babel's date formats
    fallback: Literal["mtime", "none"] = "mtime"   # a page git does not know: file time or no date
    labels: dict[str, str] = _settings_field(default_factory=dict)  # locale -> "Last updated"


SETTINGS = Block("dates", DatesSettings)
