"""What changed in a source page since its translation was checked (`atlas.translations.changes`),
the snapshots a stamp keeps (`snapshots`), the settings that steer both (`settings`) and the banner."""

from __future__ import annotations

from pathlib import Path

from atlas.translations.changes import (
    INTRO,
    changed_sections,
    critical_changes,
    in_translation,
    paragraph_diff,
    word_changes,
)
from atlas.translations.hashing import body_hash
from atlas.translations.notices import changed_sections as changed_sections_html
from atlas.translations.notices import stale_banner
from atlas.translations.settings import DEFAULT_CRITICAL, change_settings
from atlas.translations.snapshots import prune_snapshots, read_snapshot, snapshot_path, write_snapshot

SOURCE = """---
title: A
risks: [fasting]
---

# A

Inleiding die blijft.

!!! warning careful "Wie moet oppassen?"
    Overleg eerst met je arts.

## Eerste deel {#eerste}

Een zin over mTOR.

!!! evidence "Wat zegt later onderzoek?"
    Zekerheid van het bewijs: **laag**.

## Tweede deel

Nog een zin.
"""

TRANSLATION = """---
title: A
---

# A

Introduction that stays.

## First part {#eerste}

A sentence about mTOR.

## Second part

One more sentence.
"""


def test_a_rewrapped_paragraph_is_no_change() -> None:
    rewrapped = SOURCE.replace("Een zin over\nmTOR.", "Een zin\nover mTOR.")
    assert paragraph_diff(SOURCE, rewrapped) == []
    assert changed_sections(SOURCE, rewrapped) == []


def test_the_diff_shows_changed_paragraphs_under_their_section_with_the_words() -> None:
    changed = SOURCE.replace("Nog een zin.", "Nog een andere zin.")
    assert paragraph_diff(SOURCE, changed) == [
        "@@ ## Tweede deel",
        "- Nog een zin.",
        "+ Nog een andere zin.",
        "~ + andere",
    ]


def test_added_and_removed_paragraphs_are_shown() -> None:
    added = SOURCE.replace("Nog een zin.\n", "Nog een zin.\n\nEen nieuwe alinea.\n")
    assert paragraph_diff(SOURCE, added) == ["@@ ## Tweede deel", "+ Een nieuwe alinea."]
    removed = SOURCE.replace("Inleiding die blijft.\n\n", "")
    assert paragraph_diff(SOURCE, removed) == ["@@ (before the first ## heading)", "- Inleiding die blijft."]


def test_word_changes_name_replaced_added_and_removed_words() -> None:
    assert word_changes("a b c d", "a x c") == "b -> x; - d"
    assert word_changes("a b", "a b") == ""


def test_changed_sections_are_those_of_the_new_source_in_page_order() -> None:
    changed = SOURCE.replace("Nog een zin.", "Anders.").replace("Inleiding die blijft.", "Nieuw begin.")
    sections = changed_sections(SOURCE, changed)
    assert sections[0] is INTRO
    assert [s.title for s in sections[1:]] == ["Tweede deel"]


def test_the_translation_names_changed_sections_by_id_then_by_position() -> None:
    changed = SOURCE.replace("Een zin over mTOR.", "Een zin over leucine.").replace("Nog een zin.", "Anders.")
    found = in_translation(changed_sections(SOURCE, changed), TRANSLATION)
    assert [(s.title, s.anchor) for s in found] == [("First part", "eerste"), ("Second part", None)]


def test_a_changed_safety_box_evidence_note_or_risks_topic_is_critical() -> None:
    critical, watched = DEFAULT_CRITICAL, ("risks",)
    assert critical_changes(SOURCE, SOURCE.replace("Nog een zin.", "Anders."), critical, watched) == []
    box = SOURCE.replace("Overleg eerst met je arts.", "Overleg eerst met je huisarts.")
    assert critical_changes(SOURCE, box, critical, watched) == ['!!! warning careful "Wie moet oppassen?"']
    note = SOURCE.replace("**laag**", "**redelijk**")
    assert critical_changes(SOURCE, note, critical, watched) == ['!!! evidence "Wat zegt later onderzoek?"']
    topics = SOURCE.replace("risks: [fasting]", "risks: [fasting, supplements]")
    assert critical_changes(SOURCE, topics, critical, watched) == ["front matter risks"]
    gone = SOURCE.replace('!!! warning careful "Wie moet oppassen?"\n    Overleg eerst met je arts.\n', "")
    assert critical_changes(SOURCE, gone, critical, watched) == ['!!! warning careful "Wie moet oppassen?"']


def test_watched_front_matter_is_part_of_the_fingerprint_only_when_present() -> None:
    without = SOURCE.replace("risks: [fasting]\n", "")
    assert body_hash(without, ("risks",)) == body_hash(without)
    assert body_hash(SOURCE, ("risks",)) != body_hash(SOURCE)
    assert body_hash(SOURCE, ("risks",)) != body_hash(SOURCE.replace("[fasting]", "[leucine]"), ("risks",))
    assert body_hash(SOURCE.replace("title: A", "title: B"), ("risks",)) == body_hash(SOURCE, ("risks",))


def test_snapshots_are_kept_by_stamp_trusted_only_when_they_match_and_pruned(tmp_path: Path) -> None:
    stamp = body_hash(SOURCE)[:12]
    written = write_snapshot(tmp_path, "glutamine/sport.md", stamp, SOURCE)
    assert written == tmp_path / "glutamine" / "sport" / f"{stamp}.md"
    assert snapshot_path(tmp_path, "glutamine/sport.md", stamp) == written
    assert read_snapshot(tmp_path, "glutamine/sport.md", stamp) == SOURCE
    assert read_snapshot(tmp_path, "glutamine/sport.md", None) is None
    assert read_snapshot(tmp_path, "glutamine/sport.md", "0123456789ab") is None
    written.write_text(SOURCE + "\nEdited by hand.\n", encoding="utf-8")
    assert read_snapshot(tmp_path, "glutamine/sport.md", stamp) is None, "a snapshot must match its stamp"
    other = write_snapshot(tmp_path, "glutamine/sport.md", "aaaaaaaaaaaa", "x")
    assert prune_snapshots(tmp_path, "glutamine/sport.md", {stamp}) == [other]
    assert written.is_file()


def test_settings_have_working_defaults_and_report_bad_values() -> None:
    settings, problems = change_settings(None)
    assert problems == [] and settings.snapshots == ".translations"
    assert settings.critical_admonitions == ("careful", "safety-first", "evidence")
    settings, problems = change_settings({"critical_admonitions": "careful"})
    assert settings.critical_admonitions == DEFAULT_CRITICAL
    assert len(problems) == 1 and "extra.atlas.translations.critical_admonitions" in problems[0]
    settings, problems = change_settings({"snapshots": "/abs"})
    assert len(problems) == 1 and "extra.atlas.translations.snapshots" in problems[0]
    assert change_settings({"watched_front_matter": ["topics"]})[0].watched_front_matter == ("topics",)


def test_the_banner_names_and_links_the_changed_sections() -> None:
    html = changed_sections_html("Changed: {sections}.", "the introduction",
                                 [("", None), ("First <part>", "eerste"), ("Second", None)])
    assert html == ('<p class="atlas-translation-changed">Changed: the introduction, '
                    '<a href="#eerste">First &lt;part&gt;</a>, Second.</p>')
    assert changed_sections_html("Changed: {sections}.", "intro", []) == ""
    banner = stale_banner("Out of date.", "Read the original.", "../", "nl", html)
    assert banner.count("<p") == 2 and banner.endswith("</p></div>\n")
