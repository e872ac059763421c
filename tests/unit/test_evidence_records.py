"""Evidence record files: every problem is one line naming file:line, and what can be read is kept."""

from __future__ import annotations

from pathlib import Path

from atlas.evidence.records import key_checker, load_folder, read_record

KEYS = key_checker(["xu2015", "Saxton2017"])
PAGES = {"leucine.md", "mtor.md"}
GOOD = """\
# evidence/xu2015.yml
key: xu2015
seen_at: "PMID 25234223 (abstract)"
seen_on: 2026-12-07
quotes:
  - id: mps
    text: "Leucine increased muscle protein synthesis."
claims:
  - page: leucine.md
    sentence: "Een meta-analyse vond"
    quote: mps
    verdict: supports
    fingerprint: null
"""


def read(text: str, path: str = "evidence/xu2015.yml") -> tuple[object, list[str]]:
    record, problems = read_record(text, path, KEYS, known_pages=PAGES,
                                   translation=lambda page: page.endswith(".en.md"))
    return record, [str(p) for p in problems]


def test_a_valid_file_reads_without_problems() -> None:
    record, problems = read(GOOD)
    assert problems == []
    assert record.key == "xu2015" and record.seen_at == "PMID 25234223 (abstract)"
    assert [q.id for q in record.quotes] == ["mps"] and record.quotes[0].lang == "en"
    claim = record.claims[0]
    assert (claim.page, claim.quotes, claim.verdict, claim.fingerprint, claim.line) == \
        ("leucine.md", ("mps",), "supports", None, 9)


def test_unknown_key_names_the_closest_known_key_at_its_line() -> None:
    _, problems = read(GOOD.replace("    verdict: supports", "    verdikt: supports"))
    assert "evidence/xu2015.yml:12: claims[0]: unknown key 'verdikt'; did you mean 'verdict'?" in problems
    assert "evidence/xu2015.yml:9: claims[0]: 'verdict' is missing." in problems
    assert len(problems) == 2


def test_wrong_type_is_one_line() -> None:
    _, problems = read(GOOD.replace("quotes:\n  - id: mps\n    text: \"Leucine increased muscle protein "
                                    "synthesis.\"\n", "quotes: many\n"))
    assert problems[0] == "evidence/xu2015.yml:5: xu2015.yml.quotes: expected list, found text."


def test_key_not_in_the_bibliography_names_close_keys() -> None:
    record, problems = read(GOOD.replace("key: xu2015", "key: xu2016"))
    assert record is None
    assert problems == ["evidence/xu2015.yml:2: key 'xu2016' is not in the bibliography (closest keys: "
                        "xu2015); add the entry to references.bib or fix the key."]


def test_the_file_is_named_after_its_key() -> None:
    _, problems = read(GOOD.replace("key: xu2015", "key: saxton2017"))
    assert problems == ["evidence/xu2015.yml:2: key 'saxton2017' but the file is named xu2015.yml; "
                        "name it saxton2017.yml (one file per key)."]


def test_a_claim_naming_a_missing_quote_id() -> None:
    _, problems = read(GOOD.replace("    quote: mps", "    quote: msp"))
    assert problems == ["evidence/xu2015.yml:11: claims[0].quote: no quote with id 'msp'; "
                        "did you mean 'mps'?"]


def test_verdict_outside_supports_and_partly() -> None:
    _, problems = read(GOOD.replace("verdict: supports", "verdict: contradicts"))
    assert len(problems) == 1 and problems[0].startswith(
        "evidence/xu2015.yml:12: claims[0].verdict: 'contradicts' is not allowed; use supports or partly")


def test_a_quote_over_the_word_limit() -> None:
    long = " ".join(["word"] * 41)
    _, problems = read(GOOD.replace("Leucine increased muscle protein synthesis.", long))
    assert problems == ["evidence/xu2015.yml:7: quotes[0].text: 41 words; quote at most 40 words (the "
                        "passage that supports the sentence)."]


def test_claims_on_translations_or_unknown_pages() -> None:
    _, problems = read(GOOD.replace("page: leucine.md", "page: leucine.en.md"))
    assert problems[0].startswith("evidence/xu2015.yml:9: claims[0].page: 'leucine.en.md' is a translation;")
    _, problems = read(GOOD.replace("page: leucine.md", "page: leucin.md"))
    assert problems == ["evidence/xu2015.yml:9: claims[0].page: no page 'leucin.md'; "
                        "did you mean 'leucine.md'?"]


def test_broken_yaml_is_one_line_with_its_line_never_a_traceback() -> None:
    record, problems = read(GOOD.replace("    sentence: \"Een", "   sentence: [\"Een"))
    assert record is None and len(problems) == 1
    assert problems[0].startswith("evidence/xu2015.yml:10: not valid YAML:"), problems


def test_not_seen_sources_have_no_quotes_and_null_quote() -> None:
    text = ("key: xu2015\n# not seen: tried PubMed\nseen_at: null\nquotes: []\nclaims:\n  - page: mtor.md\n"
            "    sentence: Iets\n    quote: null\n    verdict: partly\n")
    record, problems = read(text)
    assert problems == [] and record.claims[0].quotes == ()


def test_duplicate_keys_and_ids() -> None:
    text = GOOD.replace("seen_on: 2026-12-07\n", "seen_on: 2026-12-07\nseen_on: 2026-12-08\n")
    _, problems = read(text)
    assert problems == ["evidence/xu2015.yml:5: xu2015.yml: 'seen_on' is given twice; keep one."]


def test_folder_loading_reports_every_file(tmp_path: Path) -> None:
    (tmp_path / "xu2015.yml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "saxton2017.yml").write_text("key: saxton2017\nseen_at: null\nquotes: []\nkye: x\n")
    evidence = load_folder(tmp_path, KEYS, lambda p: f"evidence/{p.name}", known_pages=PAGES)
    assert sorted(evidence.records) == ["saxton2017", "xu2015"]
    assert evidence.records["saxton2017"].key == "Saxton2017"  # the bibliography's spelling
    assert [str(p) for p in evidence.problems] == [
        "evidence/saxton2017.yml:4: saxton2017.yml: unknown key 'kye'; did you mean 'key'?"]
    assert list(evidence.claims_for("leucine.md")) == ["xu2015"]


def test_where_a_quote_was_seen_is_not_repeated_when_the_entry_links_it_already() -> None:
    from atlas.evidence.render import _seen_html, entry_links

    linked = entry_links(doi="10.1/x", pmid="123", pmcid="pmc45")
    assert _seen_html("PMID 123 (abstract); doi:10.1/x", "Gezien in", linked) == ""
    shown = _seen_html("PMID 123 and https://example.org/record", "Gezien in", linked)
    assert "example.org" in shown and "pubmed" not in shown
    assert "PMC45" not in _seen_html("PMC45", "Gezien in", linked)
    assert _seen_html("seen in a library copy", "Gezien in", linked).startswith(" <span")


def test_a_quote_language_must_be_a_language_tag() -> None:
    """It becomes a `lang` attribute of the quote readers see: a tag, never markup or a sentence."""
    hostile = GOOD.replace('    text: "Leucine', '    lang: en" onmouseover="x\n    text: "Leucine')
    record, problems = read(hostile)
    assert problems == ["evidence/xu2015.yml:7: quotes[0].lang: 'en\" onmouseover=\"x' is not a language "
                        "tag; write one such as en, nl or pt-BR."]
    assert record.quotes[0].lang == "en"  # the file's language instead
    record, problems = read(GOOD.replace("seen_on:", "lang: pt-BR\nseen_on:"))
    assert problems == [] and record.quotes[0].lang == "pt-BR"
