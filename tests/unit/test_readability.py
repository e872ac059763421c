"""The readability measure: what counts as a sentence, a word, a long word, and when a page is flagged."""

from __future__ import annotations

import pytest
from atlas.readability import (
    ScoreFormula,
    Settings,
    SettingsError,
    locale_of,
    measure,
    read_settings,
    reader_blocks,
    reading_ease,
    source_name,
    split_sentences,
    syllables,
    words,
)
from hypothesis import given
from hypothesis import strategies as st

PAGE = """---
title: Proef
reviewed: 2026-11-30
---

# Een kop is geen zin

Eerste zin van de alinea [@smith2020]. Tweede zin met een [link](https://example.org/lang/pad).

<!-- een opmerking die niemand ziet -->

```python
print("code is geen zin. echt niet.")
```

!!! evidence "Titel van de notitie"
    Zekerheid van het bewijs: **laag**. Basis: twee studies.

- eerste punt zonder punt
- tweede punt; met een puntkomma

Een bewering zonder bron.[^geen-bron]

<div class="x">Ruwe HTML telt niet mee.</div>

[^geen-bron]: Deze voetnoot is geen zin op de pagina.
"""


def test_reader_blocks_keep_only_what_a_reader_reads_as_running_text():
    blocks = reader_blocks(PAGE)
    assert blocks == [
        "Eerste zin van de alinea. Tweede zin met een link.",
        "Zekerheid van het bewijs: laag. Basis: twee studies.",
        "eerste punt zonder punt",
        "tweede punt; met een puntkomma",
        "Een bewering zonder bron.",
    ]


def test_code_headings_titles_comments_footnotes_and_link_targets_never_count():
    text = " ".join(reader_blocks(PAGE))
    for hidden in ("kop", "print", "opmerking", "Titel", "voetnoot", "example.org", "smith2020", "Ruwe"):
        assert hidden not in text


def test_a_citation_inside_an_admonition_keeps_the_note_together():
    page = "!!! note\n    Eerste zin\n    [@a2020]. Tweede zin.\n"
    assert reader_blocks(page) == ["Eerste zin. Tweede zin."]


def test_a_link_whose_text_has_an_at_sign_is_not_a_citation():
    assert reader_blocks("Mail [info@example.org](mailto:info@example.org) vandaag.") == [
        "Mail info@example.org vandaag."
    ]


def test_sentences_split_after_full_stops_but_not_after_abbreviations_or_decimals():
    block = "Neem bijv. Glutamine 0.5 gram. Dat is weinig! Waarom? Omdat het kan."
    assert split_sentences(block, {"bijv."}) == [
        "Neem bijv. Glutamine 0.5 gram.", "Dat is weinig!", "Waarom?", "Omdat het kan."
    ]


def test_a_lower_case_word_after_a_full_stop_continues_the_sentence():
    assert split_sentences("Zie o.a. de tabel. Klaar.") == ["Zie o.a. de tabel.", "Klaar."]


def test_initials_do_not_end_a_sentence():
    assert split_sentences("Volgens J. Smith klopt het. Zo.") == ["Volgens J. Smith klopt het.", "Zo."]


def test_words_are_tokens_with_a_letter_or_digit():
    assert words("BCAA's \u2013 10-20 g, zie ( dit ) .") == ["BCAA's", "10-20", "g,", "zie", "dit"]


def test_measure_counts_list_items_as_sentences_and_flags_long_sentences():
    long_sentence = " ".join(["woord"] * 26) + "."
    page = f"# Titel\n\nKort.\n\n{long_sentence}\n\n- een\n- twee\n"
    figures = measure("p.md", "nl", page, Settings(), score=None)
    assert figures.sentences[1:] == (long_sentence, "een", "twee")
    assert figures.word_counts == (1, 26, 1, 1)
    assert figures.average == pytest.approx(29 / 4)
    assert [n for n, _ in figures.over_limit] == [26]
    assert figures.problems == ["1 sentence(s) over 25 words"]


def test_measure_flags_a_high_average():
    page = "Dit is een zin van precies tien woorden lang, echt waar.\n"
    figures = measure("p.md", "nl", page, Settings(max_average=9), score=None)
    assert figures.average == 11
    assert figures.problems == ["average 11.0 > 9 words per sentence"]


def test_long_words_are_counted_by_letters():
    text = "Aminozuren zijn bouwstenen van eiwit."
    figures = measure("p.md", "nl", text, Settings(long_word_letters=7), score=None)
    assert figures.long_words == 2  # aminozuren, bouwstenen
    assert figures.long_word_share == pytest.approx(2 / 5)


DOUMA = ScoreFormula(name="Flesch-Douma", hyphenation="nl_NL", base=206.835, words_per_sentence=0.93,
                     syllables_per_word=77)
FLESCH = ScoreFormula(name="Flesch", hyphenation="en_GB", base=206.835, words_per_sentence=1.015,
                      syllables_per_word=84.6)


def test_the_score_gets_the_page_sentences_and_the_formula_of_the_page_locale():
    seen = {}

    def fake(sentences, formula):
        seen["args"] = (sentences, formula)
        return 50.0

    settings = Settings(score={"nl": DOUMA}, abbreviations={"nl": frozenset({"bijv."})})
    figures = measure("p.md", "nl", "Neem bijv. Zout. Klaar!\n\n- punt\n", settings, score=fake)
    assert figures.score == 50.0
    assert seen["args"] == (["Neem bijv. Zout.", "Klaar!", "punt"], DOUMA)
    assert measure("p.md", "en", "One. Two.\n", settings, score=fake).score is None  # no formula for en


def test_syllables_come_from_the_hyphenation_dictionary():
    assert syllables("kat", "nl_NL") == 1
    # a hyphenator's points + 1: an estimate (ami-no-zu-ren gives 4 of the 5 spoken syllables)
    assert syllables("Aminozuren,", "nl_NL") == syllables("aminozuren", "nl_NL") == 4  # case, punctuation
    assert syllables("1.5", "nl_NL") == 0           # no letters, no syllables
    assert syllables("protein", "en_GB") >= 2


def test_dutch_text_gets_the_flesch_douma_score_and_english_the_flesch_score():
    sentences = ["De kat zit op de mat.", "De hond slaapt."]
    # 2 sentences, 9 one-syllable words: 206.835 - 0.93 * 4.5 - 77 * 1.0 = 125.65 (one decimal)
    assert reading_ease(sentences, DOUMA) == pytest.approx(125.7)
    assert reading_ease(sentences, FLESCH) == pytest.approx(round(206.835 - 1.015 * 4.5 - 84.6, 1))


WORDS = st.lists(st.sampled_from(["kat", "water", "aminozuren", "eiwit", "slaapt", "De", "(mTOR)"]),
                 min_size=1, max_size=12)


@given(st.lists(WORDS, min_size=1, max_size=5), st.integers(min_value=2, max_value=4))
def test_the_score_depends_on_averages_not_on_length(sentence_words, times):
    """A page that says the same thing k times is exactly as easy to read."""
    sentences = [" ".join(ws) + "." for ws in sentence_words]
    assert reading_ease(sentences * times, DOUMA) == reading_ease(sentences, DOUMA)


@given(WORDS, WORDS)
def test_joining_two_sentences_into_one_never_makes_the_text_easier(first, second):
    apart = [" ".join(first) + ".", " ".join(second) + "."]
    joined = [" ".join(first + second) + "."]
    assert reading_ease(joined, FLESCH) < reading_ease(apart, FLESCH)


def test_a_page_without_words_gets_no_score():
    assert measure("p.md", "nl", "---\ntitle: x\n---\n", Settings(score={"nl": DOUMA})).score is None


def test_settings_are_validated_with_a_message_naming_the_setting():
    assert read_settings({"max_average": 12}).max_average == 12
    assert read_settings({"abbreviations": {"nl": ["Bijv."]}}).abbreviations == {"nl": frozenset({"bijv."})}
    with pytest.raises(SettingsError, match="max_sentence"):
        read_settings({"max_sentence": "veel"})
    with pytest.raises(SettingsError, match=r"unknown key `extra\.atlas\.readability\.max_words`"):
        read_settings({"max_words": 3})
    with pytest.raises(SettingsError, match="abbreviations"):
        read_settings({"abbreviations": ["bijv."]})


def test_locale_and_source_page_come_from_the_file_name():
    locales = ["nl", "en"]
    assert locale_of("glutamine/sport.en.md", locales) == "en"
    assert locale_of("glutamine/sport.md", locales) == "nl"
    assert source_name("glutamine/sport.en.md", locales) == "glutamine/sport.md"
    assert source_name("mtor.md", locales) == "mtor.md"


def test_a_formula_with_an_unknown_hyphenation_dictionary_is_one_clear_line():
    with pytest.raises(SettingsError) as raised:
        read_settings({"score": {"nl": {"hyphenation": "xx_XX"}}})
    assert str(raised.value) == ("`extra.atlas.readability.score.nl.hyphenation`: no pyphen dictionary "
                                 "`xx_XX`; write one of its names, e.g. nl_NL or en_GB.")
    with pytest.raises(SettingsError, match=r"score_language.*it became `score`"):
        read_settings({"score_language": {"nl": "nl"}})
