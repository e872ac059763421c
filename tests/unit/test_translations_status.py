"""Status of every page x language, file naming, project settings and the report table."""

from __future__ import annotations

from pathlib import Path

from atlas.translations import body_hash, source_of, translation_of, write_stamp
from atlas.translations.project import read_project
from atlas.translations.report import status_table
from atlas.translations.status import orphan_translations, project_status, translation_status

SOURCE = "---\ntitle: A\n---\n\n# A\n\nTekst [@alpha2001].\n"


def stamped(text: str, source: str = SOURCE) -> str:
    return write_stamp(text, body_hash(source)[:12])


def test_suffix_naming_in_both_directions() -> None:
    assert translation_of("glutamine/sport.md", "en") == "glutamine/sport.en.md"
    assert source_of("glutamine/sport.en.md", ["en", "de"]) == ("glutamine/sport.md", "en")
    assert source_of("index.de.md", ["en", "de"]) == ("index.md", "de")
    assert source_of("mtor.md", ["en"]) is None
    assert source_of("notes.fr.md", ["en"]) is None, "only configured locales are translations"
    assert source_of("picture.en.png", ["en"]) is None


def test_missing_translation() -> None:
    status = translation_status("a.md", SOURCE, "en", None)
    assert not status.present and status.up_to_date is None and status.parity is None
    assert status.translation == "a.en.md"


def test_stamped_translation_is_up_to_date_until_the_source_changes() -> None:
    translation = stamped("---\ntitle: A\n---\n\n# A\n\nText [@alpha2001].\n")
    assert translation_status("a.md", SOURCE, "en", translation).up_to_date is True
    changed = SOURCE.replace("Tekst", "Nieuwe tekst")
    status = translation_status("a.md", changed, "en", translation)
    assert status.up_to_date is False and status.stale


def test_unstamped_translation_is_stale() -> None:
    status = translation_status("a.md", SOURCE, "en", "# A\n\nText [@alpha2001].\n")
    assert status.stale and status.stamp is None


def test_project_status_covers_every_source_and_non_default_locale(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.md").write_text(SOURCE)
    (docs / "a.en.md").write_text(stamped("# A\n\nText [@alpha2001].\n"))
    (docs / "a.de.md").write_text(stamped("# A\n\nText [@beta2002].\n"))
    (docs / "sub" / "b.md").write_text("# B\n")
    (docs / "gone.en.md").write_text("# orphan\n")

    statuses = project_status(docs, ["nl", "en", "de"], "nl")

    assert [(s.source, s.locale, s.present) for s in statuses] == [
        ("a.md", "en", True), ("a.md", "de", True), ("sub/b.md", "en", False), ("sub/b.md", "de", False),
    ]
    german = statuses[1]
    assert german.up_to_date and german.parity is False
    assert german.citations.only_in_source == ("alpha2001",)
    assert german.citations.only_in_translation == ("beta2002",)
    files = ["a.md", "a.en.md", "gone.en.md", "sub/b.md"]
    assert orphan_translations(files, ["en", "de"]) == ["gone.en.md"]


def test_report_table_has_a_row_per_pair_and_a_summary(tmp_path: Path) -> None:
    statuses = [
        translation_status("a.md", SOURCE, "en", stamped("Text [@alpha2001].")),
        translation_status("a.md", SOURCE, "de", "Text [@beta2002]."),
        translation_status("b.md", SOURCE, "en", None),
    ]
    lines = status_table(statuses).splitlines()
    assert lines[0].split() == ["page", "language", "present", "up", "to", "date", "citations"]
    assert lines[2].split() == ["a.md", "en", "yes", "yes", "same"]
    assert lines[3].split() == ["a.md", "de", "yes", "no", "(unstamped)", "missing", "alpha2001;", "extra",
                                "beta2002"]
    assert lines[4].split() == ["b.md", "en", "no", "-", "-"]
    assert lines[-1] == ("3 page x language pairs: 2 translated, 1 missing, 1 possibly out of date, "
                         "1 with different citations")


def test_project_settings_come_from_mkdocs_yml(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "docs_dir: pages\n"
        "plugins:\n  - search\n  - i18n:\n      languages:\n"
        "        - locale: en\n        - locale: nl\n          default: true\n        - locale: de\n"
        "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
        "        - format: !!python/name:pymdownx.superfences.fence_code_format\n"
        "extra:\n  atlas:\n    translations:\n      stamp_key: translated_from\n      hash_length: 16\n"
    )
    project = read_project(config)
    assert project.locales == ["nl", "en", "de"] and project.default == "nl"
    assert project.docs_dir == tmp_path / "pages"
    assert project.stamp_key == "translated_from" and project.hash_length == 16


def test_project_defaults_when_nothing_is_configured(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\ntheme:\n  language: fr\n")
    project = read_project(config)
    assert project.locales == ["fr"] and project.stamp_key == "source_hash" and project.hash_length == 12
