"""The sentence a citation is attached to, and the fingerprint that notices when it changes."""

from __future__ import annotations

from atlas.evidence.sentences import cited_sentences, fingerprint, page_sentences, starts
from hypothesis import given, settings
from hypothesis import strategies as st

ABBREVIATIONS = ["bijv.", "ca."]


def sentences_of(markdown: str) -> list[tuple[tuple[str, ...], int, str]]:
    return [(s.keys, s.line, s.text) for s in cited_sentences(markdown, 0, ABBREVIATIONS)]


def test_the_sentence_around_each_citation_without_markdown() -> None:
    text = ("Eerste zin zonder bron. Leucine zet **mTORC1** aan, zie [deze uitleg](https://x.org) "
            "[@saxton2017]. Daarna\nkomt een *tweede* bewering [@xu2015; @mori2022]!\n")
    assert sentences_of(text) == [
        (("saxton2017",), 1, "Leucine zet mTORC1 aan, zie deze uitleg."),
        (("xu2015", "mori2022"), 2, "Daarna komt een tweede bewering!"),
    ]


def test_a_citation_after_the_full_stop_belongs_to_the_sentence_before_it() -> None:
    assert sentences_of("De spier groeide niet. [@xu2015] Dat verraste.\n") == [
        (("xu2015",), 1, "De spier groeide niet.")]


def test_abbreviations_lists_admonitions_and_tables() -> None:
    text = ("- Een item met bijv. leucine [@a].\n- Ander item [@b]\n\n"
            "!!! note \"Let op\"\n\n    Binnen een kader ca. 5 gram [@c]. Tweede.\n\n"
            "| Kop | Bron |\n|---|---|\n| Cel met tekst [@d] | x |\n")
    assert [s[2] for s in sentences_of(text)] == [
        "Een item met bijv. leucine.", "Ander item", "Binnen een kader ca. 5 gram.", "Cel met tekst"]


def test_code_headings_and_escapes_are_not_citations() -> None:
    text = "# Kop [@a]\n\nTekst met `[@b]` en info\\@example.org [@c].\n\n```\n[@d]\n```\n"
    assert sentences_of(text) == [(("c",), 3, "Tekst met [@b] en info@example.org.")]


def test_lines_count_the_front_matter_of_the_file() -> None:
    page = "---\ntitle: X\n---\n\nDe zin [@a].\n"
    assert [(s.line, s.text) for s in page_sentences(page)] == [(5, "De zin.")]


def test_fingerprint_changes_with_the_wording_not_with_wrapping_or_citation_place() -> None:
    one = cited_sentences("Leucine verhoogt de aanmaak [@xu2015].\n")[0]
    wrapped = cited_sentences("Leucine verhoogt\nde aanmaak [@xu2015].\n")[0]
    moved = cited_sentences("Leucine [@xu2015] verhoogt de aanmaak.\n")[0]
    changed = cited_sentences("Leucine verlaagt de aanmaak [@xu2015].\n")[0]
    assert one.fingerprint == wrapped.fingerprint == moved.fingerprint
    assert one.fingerprint == fingerprint("Leucine verhoogt de aanmaak.")
    assert changed.fingerprint != one.fingerprint and len(one.fingerprint) == 12


def test_a_record_sentence_is_the_start_of_the_page_sentence() -> None:
    assert starts("Een meta-analyse vond dat leucine hielp.", "een  Meta-analyse vond…")
    assert not starts("Een meta-analyse vond dat leucine hielp.", "Twee studies")
    assert not starts("Iets.", "")


# two letters at least: "A." is read as an initial (the readability rule), never as a sentence end
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéë", min_size=2, max_size=8)
SENTENCE = st.lists(WORDS, min_size=1, max_size=8).map(lambda ws: " ".join(ws).capitalize() + ".")


@given(st.lists(SENTENCE, min_size=1, max_size=6), st.data())
def test_each_citation_gets_exactly_its_own_sentence(sentences: list[str], data: st.DataObject) -> None:
    cited = data.draw(st.integers(0, len(sentences) - 1))
    written = [s[:-1] + " [@key1]." if i == cited else s for i, s in enumerate(sentences)]
    found = cited_sentences(" ".join(written) + "\n")
    assert [(f.keys, f.text) for f in found] == [(("key1",), sentences[cited])]
    assert found[0].fingerprint == fingerprint(sentences[cited])


@settings(deadline=None)  # timing is not the property; a busy CI machine must not fail it
@given(st.lists(SENTENCE, min_size=2, max_size=5), st.sampled_from([" ", "\n", "  \n  "]))
def test_line_breaks_and_spaces_never_change_a_fingerprint(sentences: list[str], gap: str) -> None:
    plain = " ".join(s[:-1] + " [@k]." for s in sentences)
    spaced = gap.join(s[:-1] + " [@k]." for s in sentences)
    assert [s.fingerprint for s in cited_sentences(plain)] == [s.fingerprint for s in cited_sentences(spaced)]
