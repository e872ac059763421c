"""atlas.evidence.sentence_cache: the cited sentences of an unchanged page come from disk, exactly as
found; any change of page, abbreviations or rule finds them again; a damaged entry is never trusted."""

from __future__ import annotations

import json
from pathlib import Path

from atlas.evidence.sentence_cache import cached_page_sentences, entry_name
from atlas.evidence.sentences import CitedSentence, page_sentences

PAGE = "---\ntitle: T\n---\n\n# T\n\nLeucine zet mTORC1 aan [@saxton2017]. Bijv. ook in spieren [@xu2015].\n"


class Counting:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str, abbreviations: tuple[str, ...], length: int) -> list[CitedSentence]:
        self.calls += 1
        return page_sentences(text, abbreviations, length)


def test_an_unchanged_page_is_read_back_equal_without_finding_its_sentences_again(tmp_path: Path) -> None:
    find = Counting()
    first = cached_page_sentences("leucine.md", PAGE, ["bijv."], tmp_path, find=find)
    again = cached_page_sentences("leucine.md", PAGE, ["bijv."], tmp_path, find=find)
    assert first == again == page_sentences(PAGE, ["bijv."]) and first
    assert find.calls == 1
    assert [p.name for p in tmp_path.iterdir()] == [entry_name("leucine.md")]


def test_an_edit_abbreviations_or_length_find_them_again_and_each_page_keeps_one_entry(
        tmp_path: Path) -> None:
    find = Counting()
    cached_page_sentences("leucine.md", PAGE, ["bijv."], tmp_path, find=find)
    edited = PAGE.replace("aan", "sterk aan")
    assert cached_page_sentences("leucine.md", edited, ["bijv."], tmp_path, find=find) == page_sentences(
        edited, ["bijv."])
    cached_page_sentences("leucine.md", edited, [], tmp_path, find=find)
    cached_page_sentences("leucine.md", edited, [], tmp_path, length=16, find=find)
    assert find.calls == 4
    assert len(list(tmp_path.iterdir())) == 1  # the page's entry was replaced, not added to


def test_a_damaged_or_foreign_entry_is_ignored_and_written_anew(tmp_path: Path) -> None:
    entry = tmp_path / entry_name("leucine.md")
    expected = page_sentences(PAGE, [])
    cached_page_sentences("leucine.md", PAGE, [], tmp_path)
    record = json.loads(entry.read_text(encoding="utf-8"))
    for damaged in ("{not json", json.dumps({**record, "key": "other"}),
                    json.dumps({**record, "sentences": [[["a"], "3", "x", "y"]]}), json.dumps([1])):
        entry.write_text(damaged, encoding="utf-8")
        find = Counting()
        assert cached_page_sentences("leucine.md", PAGE, [], tmp_path, find=find) == expected
        assert find.calls == 1
    assert json.loads(entry.read_text(encoding="utf-8")) == record


def test_no_folder_or_an_unwritable_one_still_gives_the_sentences(tmp_path: Path) -> None:
    assert cached_page_sentences("leucine.md", PAGE, [], None) == page_sentences(PAGE, [])
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")  # a file where the folder should be
    assert cached_page_sentences("leucine.md", PAGE, [], blocked / "sub") == page_sentences(PAGE, [])
