"""`scripts/translations.py` shows what changed since a translation was checked: the paragraph diff in
`status`, `stamp --unchanged`, GitHub annotations, and the snapshot a stamp keeps (on a tmp project)."""

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
SOURCE = """---
title: A
---

# A

!!! warning careful "Wie moet oppassen?"
    Overleg eerst met je arts.

## Deel een {#een}

Tekst [@alpha2001].
"""
TRANSLATION = """---
title: A
---

# A

!!! warning careful "Who should be careful?"
    Talk to your doctor first.

## Part one {#een}

Text [@alpha2001].
"""


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(SOURCE)
    (docs / "a.en.md").write_text(TRANSLATION)
    assert run(tmp_path, "stamp", str(docs / "a.en.md")) == 0
    return tmp_path


def run(project: Path, *args: str) -> int:
    return main(["--config-file", str(project / "mkdocs.yml"), *args])


def edit_source(project: Path, old: str, new: str) -> None:
    source = project / "docs" / "a.md"
    source.write_text(source.read_text().replace(old, new))


def test_a_stamp_keeps_the_source_it_matched(project: Path) -> None:
    stamp = read_stamp((project / "docs" / "a.en.md").read_text())
    assert (project / ".translations" / "a" / f"{stamp}.md").read_text() == SOURCE


def test_status_shows_the_changed_paragraphs_of_a_stale_pair(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    edit_source(project, "Tekst [@alpha2001].", "Andere tekst [@alpha2001].")
    assert run(project, "status") == 0
    out = capsys.readouterr().out
    assert "== docs/a.en.md: changes in docs/a.md since it was checked" in out
    assert "   @@ ## Deel een\n   - Tekst [@alpha2001].\n   + Andere tekst [@alpha2001].\n" in out
    assert "   ~ Tekst -> Andere tekst" in out
    assert "safety text changed" not in out
    assert "UNCHANGED=1" in out


def test_status_says_so_when_a_changed_safety_box_will_fail_the_build(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    edit_source(project, "je arts", "je huisarts")
    run(project, "status")
    assert ('safety text changed, the build fails until this is translated: '
            '!!! warning careful "Wie moet oppassen?"') in capsys.readouterr().out


def test_a_stamp_made_before_snapshots_says_the_diff_is_not_known(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for snapshot in (project / ".translations").rglob("*.md"):
        snapshot.unlink()
    edit_source(project, "Tekst", "Andere tekst")
    capsys.readouterr()
    run(project, "status")
    assert "changes in docs/a.md: not known (no snapshot of the source stamped" in capsys.readouterr().out


def test_unchanged_restamps_without_touching_the_text_and_says_so(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    translation = project / "docs" / "a.en.md"
    before = translation.read_text()
    old_stamp = read_stamp(before)
    edit_source(project, "Tekst", "De tekst")
    capsys.readouterr()
    assert run(project, "stamp", "--unchanged", str(translation)) == 0
    out = capsys.readouterr().out
    assert ("docs/a.en.md: recorded that the change to docs/a.md needs no change in the translation; "
            f"its text was not touched, only its stamp (was {old_stamp})") in out
    after = translation.read_text()
    new_stamp = read_stamp(after)
    assert after.replace(f"source_hash: {new_stamp}", "") == before.replace(f"source_hash: {old_stamp}", "")
    assert run(project, "status", "--check") == 0
    snapshots = sorted(p.stem for p in (project / ".translations" / "a").glob("*.md"))
    assert snapshots == [read_stamp(after)], "the old snapshot is pruned: no stamp refers to it"


def test_github_annotations_name_the_file_line_and_changed_sections(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_source(project, "Tekst", "De tekst")
    (project / "docs" / "b.md").write_text("# B\n\nZin 50% korter.\n")
    capsys.readouterr()
    assert run(project, "status", "--github") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "::warning file=docs/a.en.md,line=1::out of date: docs/a.md changed since this translation was "
        "checked (changed: Deel een). Update it and run `make restamp PAGE=docs/a.en.md` "
        "(UNCHANGED=1 if no change is needed).",
        "::warning file=docs/b.md,line=1::no en translation (expected docs/b.en.md)",
    ]


def test_snapshot_backfills_current_pairs_only(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for snapshot in (project / ".translations").rglob("*.md"):
        snapshot.unlink()
    capsys.readouterr()
    assert run(project, "snapshot") == 0
    assert "kept for docs/a.en.md" in capsys.readouterr().out
    assert len(list((project / ".translations").rglob("*.md"))) == 1
    edit_source(project, "Tekst", "De tekst")
    for snapshot in (project / ".translations").rglob("*.md"):
        snapshot.unlink()
    run(project, "snapshot")
    assert "note: docs/a.en.md is out of date" in capsys.readouterr().out
    assert list((project / ".translations").rglob("*.md")) == []


def test_a_broken_mkdocs_yml_is_one_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "mkdocs.yml").write_text(CONFIG + "nav: [\n", encoding="utf-8")
    assert run(project, "status") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {project / 'mkdocs.yml'}:") and "not valid YAML" in err
    assert err.count("\n") == 1


def test_snapshot_deletes_snapshots_no_stamp_refers_to(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orphan = project / ".translations" / "a" / "0123456789ab.md"
    orphan.write_text("old", encoding="utf-8")
    capsys.readouterr()
    assert run(project, "snapshot") == 0
    assert ".translations/a/0123456789ab.md: deleted, no stamp refers to it" in capsys.readouterr().out
    assert not orphan.exists()
    assert len(list((project / ".translations").rglob("*.md"))) == 1
