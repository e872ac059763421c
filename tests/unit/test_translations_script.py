"""`scripts/translations.py`: the status table and re-stamping, on a small project in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from atlas.translations import read_stamp

from scripts.translations import main

CONFIG = """site_name: x
plugins:
  - i18n:
      languages:
        - locale: nl
          default: true
        - locale: en
"""


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("---\ntitle: A\n---\n\n# A\n\nTekst [@alpha2001].\n")
    (docs / "a.en.md").write_text("---\ntitle: A\n---\n\n# A\n\nText [@alpha2001].\n")
    return tmp_path


def run(project: Path, *args: str) -> int:
    return main(["--config-file", str(project / "mkdocs.yml"), *args])


def test_stamp_then_status_shows_up_to_date(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, "status", "--check") == 1
    assert "no (unstamped)" in capsys.readouterr().out

    assert run(project, "stamp", str(project / "docs" / "a.en.md")) == 0
    assert "docs/a.en.md: source_hash: " in capsys.readouterr().out
    assert read_stamp((project / "docs" / "a.en.md").read_text()) is not None

    assert run(project, "status", "--check") == 0
    assert "a.md  en        yes      yes" in capsys.readouterr().out


def test_editing_the_source_makes_status_report_stale(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(project, "stamp", str(project / "docs" / "a.en.md"))
    source = project / "docs" / "a.md"
    source.write_text(source.read_text() + "\nNog een zin.\n")
    capsys.readouterr()
    assert run(project, "status") == 0, "without --check the table is informational"
    out = capsys.readouterr().out
    assert "1 possibly out of date" in out and "make restamp PAGE=" in out


def test_stamping_a_source_page_is_a_clear_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, "stamp", str(project / "docs" / "a.md")) == 2
    err = capsys.readouterr().err
    assert "a.md: not a translation (expected a name ending in .en.md)" in err
    assert "Traceback" not in err


def test_stamping_a_missing_file_or_orphan_is_a_clear_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(project, "stamp", "docs/nope.en.md") == 2
    assert "docs/nope.en.md: no such page" in capsys.readouterr().err
    (project / "docs" / "b.en.md").write_text("# B\n")
    assert run(project, "stamp", str(project / "docs" / "b.en.md")) == 2
    assert "its source page docs/b.md does not exist" in capsys.readouterr().err
