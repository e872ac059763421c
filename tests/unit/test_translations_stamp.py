"""Reading and writing the `source_hash` stamp in a translation's front matter."""

from __future__ import annotations

from atlas.translations.stamp import is_up_to_date, read_stamp, write_stamp

TRANSLATION = """---
title: mTOR
description: What mTOR does.
reviewed: 2026-11-21
---

# mTOR
"""


def test_unstamped_translation_has_no_stamp() -> None:
    assert read_stamp(TRANSLATION) is None
    assert read_stamp("# no front matter\n") is None


def test_written_stamp_is_read_back_and_the_rest_is_unchanged() -> None:
    stamped = write_stamp(TRANSLATION, "3f2a9c0d41be")
    assert read_stamp(stamped) == "3f2a9c0d41be"
    reviewed = "reviewed: 2026-11-21\n"
    expected = TRANSLATION.replace(reviewed, reviewed + "source_hash: 3f2a9c0d41be\n")
    assert stamped == expected


def test_restamping_replaces_the_line_in_place() -> None:
    once = write_stamp(TRANSLATION, "aaaaaaaaaaaa")
    twice = write_stamp(once, "bbbbbbbbbbbb")
    assert twice.count("source_hash") == 1
    assert read_stamp(twice) == "bbbbbbbbbbbb"
    assert twice.splitlines()[4] == "source_hash: bbbbbbbbbbbb"


def test_digits_only_stamp_stays_text() -> None:
    assert read_stamp(write_stamp(TRANSLATION, "123456789012")) == "123456789012"
    quoted = TRANSLATION.replace("---\n\n", "source_hash: '00ab12cd34ef'\n---\n\n", 1)
    assert read_stamp(quoted) == "00ab12cd34ef"


def test_stamp_outside_the_front_matter_is_ignored() -> None:
    assert read_stamp(TRANSLATION + "\nsource_hash: 3f2a9c0d41be\n") is None


def test_file_without_front_matter_gets_one() -> None:
    stamped = write_stamp("# Title\n", "3f2a9c0d41be")
    assert stamped == "---\nsource_hash: 3f2a9c0d41be\n---\n\n# Title\n"


def test_windows_line_endings_are_kept() -> None:
    crlf = TRANSLATION.replace("\n", "\r\n")
    stamped = write_stamp(crlf, "3f2a9c0d41be")
    assert "\r\nsource_hash: 3f2a9c0d41be\r\n" in stamped and "\n" not in stamped.replace("\r\n", "")
    assert read_stamp(stamped) == "3f2a9c0d41be"


def test_custom_key() -> None:
    stamped = write_stamp(TRANSLATION, "3f2a9c0d41be", key="translated_from")
    assert read_stamp(stamped, key="translated_from") == "3f2a9c0d41be"
    assert read_stamp(stamped) is None


def test_up_to_date_means_stamp_is_a_prefix_of_the_current_hash() -> None:
    current = "3f2a9c0d41be" + "0" * 52
    assert is_up_to_date("3f2a9c0d41be", current)
    assert is_up_to_date("3F2A9C0D", current)
    assert not is_up_to_date("3f2a9c0d41bf", current)
    assert not is_up_to_date(None, current)
    assert not is_up_to_date("3f2a", current), "too short a stamp proves nothing"
