"""Last-updated dates: parsing `git log`, choosing a fallback, formatting per language."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from atlas import dates
from atlas.dates import (
    GitHistory,
    format_day,
    git_log_command,
    last_updated,
    parse_git_log,
    parse_head,
    read_history,
)

LOG = (
    "\x1e2026-11-20T10:00:00+01:00\n"
    "mtor.md\n"
    "mtor.en.md\n"
    "\n"
    "\x1e2026-11-02T23:30:00-05:00\n"
    "mtor.md\n"
    "glutamine/index.md\n"
)


def test_newest_commit_wins_for_each_file() -> None:
    dates = parse_git_log(LOG)
    assert dates == {
        "mtor.md": date(2026, 11, 20),
        "mtor.en.md": date(2026, 11, 20),
        "glutamine/index.md": date(2026, 11, 2),  # the committer's own calendar day
    }


def test_empty_log_means_no_dates() -> None:
    assert parse_git_log("") == {}


def test_head_output_tells_a_shallow_clone() -> None:
    assert parse_head("true\nabc123\n") == (True, "abc123")
    assert parse_head("false\nabc123\n") == (False, "abc123")


def test_committed_file_takes_its_git_date(tmp_path: Path) -> None:
    page = tmp_path / "mtor.md"
    page.write_text("x")
    found = last_updated("mtor.md", GitHistory({"mtor.md": date(2026, 1, 5)}), page)
    assert found is not None and (found.day, found.source) == (date(2026, 1, 5), "git")


def test_uncommitted_file_falls_back_to_its_modification_time(tmp_path: Path) -> None:
    page = tmp_path / "new.md"
    page.write_text("x")
    os.utime(page, (1_700_000_000, 1_700_000_000))
    found = last_updated("new.md", GitHistory({}), page)
    assert found is not None and found.source == "mtime"
    assert found.day == date.fromtimestamp(1_700_000_000)


def test_fallback_none_shows_no_date(tmp_path: Path) -> None:
    page = tmp_path / "new.md"
    page.write_text("x")
    assert last_updated("new.md", GitHistory({}), page, fallback="none") is None


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("nl", "21 november 2026"), ("en", "November 21, 2026"), ("xx-unknown", "2026-11-21")],
)
def test_date_is_written_the_readers_way(locale: str, expected: str) -> None:
    assert format_day(date(2026, 11, 21), locale) == expected


def test_outside_a_repository_the_history_names_the_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    history = read_history(tmp_path)
    assert history.last_changed == {}
    assert history.problem and "git" in history.problem


def test_one_git_log_reads_a_real_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def git(*args: str, when: str = "2026-03-04T12:00:00+00:00") -> None:
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
               "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)

    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.md").write_text("a")
    (docs / "sub" / "b.md").write_text("b")
    (tmp_path / "outside.md").write_text("o")
    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "first")
    (docs / "a.md").write_text("a2")
    git("commit", "-q", "-am", "second", when="2026-05-06T12:00:00+00:00")

    commands: list[list[str]] = []
    real_run_git = dates.run_git
    monkeypatch.setattr(dates, "run_git", lambda cmd, cwd: commands.append(cmd) or real_run_git(cmd, cwd))

    history = read_history(docs)
    assert history.problem is None
    assert history.last_changed == {"a.md": date(2026, 5, 6), "sub/b.md": date(2026, 3, 4)}
    read_history(docs)  # the next language's build: same HEAD, so the history is reused
    assert [cmd for cmd in commands if "log" in cmd] == [git_log_command()]
