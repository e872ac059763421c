"""Coverage (missing, stale, unstamped, orphan), stamping in place, and the HTML readers see."""

from __future__ import annotations

from atlas.evidence.coverage import COVERED, MISSING, STALE, UNSTAMPED, Place, check_page
from atlas.evidence.records import Evidence, KeyChecker, RecordCache, key_checker, read_record
from atlas.evidence.render import EvidenceNotes, evidence_notes, labels_for, seen_links
from atlas.evidence.sentences import cited_sentences, fingerprint
from atlas.evidence.stamp import stamp_text

PAGE = "Leucine verhoogt de aanmaak van spiereiwit [@xu2015]. De vetvrije massa nam niet toe [@xu2015].\n"
RECORD = """\
key: xu2015
seen_at: "PMID 25234223 (abstract); https://example.org/a"
quotes:
  # the abstract's results sentence
  - id: mps
    text: "Leucine increased muscle protein synthesis."
  - id: mass
    text: "No difference in lean body mass <img src=x onerror=alert(1)>"
claims:
  - page: leucine.md
    sentence: "Leucine verhoogt de aanmaak"   # checked 2026-12-07
    quote: mps
    verdict: supports
    fingerprint: null
  - page: leucine.md
    sentence: De vetvrije massa
    quote: [mass]
    verdict: partly
"""
PLACE = Place("leucine.md", "docs/leucine.md")


def evidence_of(text: str) -> Evidence:
    record, problems = read_record(text, "evidence/xu2015.yml", key_checker(["xu2015"]))
    # the hostile quote is refused by the content policy (atlas.data_policy) and still read, to show
    # that it is escaped where it is rendered
    assert [str(p) for p in problems if "quotes[1].text: holds HTML markup" not in str(p)] == []
    return Evidence({"xu2015": record})


def check(page: str, record: str) -> tuple[dict[str, int], list[str]]:
    coverage = check_page(PLACE, cited_sentences(page), evidence_of(record))
    return coverage.counts, [str(f) for f in coverage.findings]


def test_new_records_are_unstamped_until_the_stamp() -> None:
    counts, findings = check(PAGE, RECORD)
    assert counts[UNSTAMPED] == 2 and counts[COVERED] == 0
    assert findings[0] == ("docs/leucine.md:1: the evidence record for [@xu2015] is not yet stamped "
                           "(evidence/xu2015.yml:10): check the sentence against the quote, then "
                           "`make evidence-stamp PAGE=docs/leucine.md`.")


def test_stamp_edits_in_place_and_keeps_comments_and_order() -> None:
    result = stamp_text(RECORD, "evidence/xu2015.yml", "xu2015", "leucine.md", cited_sentences(PAGE))
    first = fingerprint("Leucine verhoogt de aanmaak van spiereiwit.")
    second = fingerprint("De vetvrije massa nam niet toe.")
    expected = RECORD.replace("    fingerprint: null\n", f'    fingerprint: "{first}"\n').replace(
        "    verdict: partly\n", f'    verdict: partly\n    fingerprint: "{second}"\n')
    assert result.text == expected
    assert len(result.stamped) == 2 and result.unmatched == []
    counts, findings = check(PAGE, result.text)
    assert counts[COVERED] == 2 and findings == []
    again = stamp_text(result.text, "evidence/xu2015.yml", "xu2015", "leucine.md", cited_sentences(PAGE))
    assert again.text == result.text and again.stamped == []


def test_a_changed_sentence_is_stale_until_stamped_again() -> None:
    stamped = stamp_text(RECORD, "x.yml", "xu2015", "leucine.md", cited_sentences(PAGE)).text
    changed = PAGE.replace("van spiereiwit", "van spiereiwit duidelijk")
    counts, findings = check(changed, stamped)
    assert counts[STALE] == 1 and counts[COVERED] == 1
    assert findings == ["docs/leucine.md:1: the sentence changed since its evidence record was made "
                        "(evidence/xu2015.yml:10): check it against the quote again (and update the record's "
                        "`sentence`), then `make evidence-stamp PAGE=docs/leucine.md`."]
    restamped = stamp_text(stamped, "x.yml", "xu2015", "leucine.md", cited_sentences(changed)).text
    assert check(changed, restamped)[1] == []


def test_a_rewritten_start_is_stale_and_a_new_citation_is_missing() -> None:
    stamped = stamp_text(RECORD, "x.yml", "xu2015", "leucine.md", cited_sentences(PAGE)).text
    page = PAGE.replace("Leucine verhoogt", "Extra leucine verhoogt") + "\nNieuwe zin [@xu2015].\n"
    counts, findings = check(page, stamped)
    assert counts == {COVERED: 1, UNSTAMPED: 0, STALE: 1, MISSING: 1}
    assert findings[1] == ("docs/leucine.md:3: no evidence record for [@xu2015]: add a claim to "
                           "evidence/xu2015.yml, see CONTRIBUTING.md (Evidence records).")
    result = stamp_text(stamped, "x.yml", "xu2015", "leucine.md", cited_sentences(page))
    assert result.unmatched[0].startswith("x.yml:10: no sentence citing it starts with")


def test_a_claim_whose_citation_was_removed_is_an_orphan_at_its_own_line() -> None:
    counts, findings = check("De vetvrije massa nam niet toe [@xu2015].\n", RECORD)
    assert counts[UNSTAMPED] == 1
    assert findings[-1].startswith('evidence/xu2015.yml:10: no citation of [@xu2015] on docs/leucine.md is '
                                   'in a sentence starting "Leucine verhoogt de aanmaak"')


def test_a_key_without_any_record_file_is_missing() -> None:
    coverage = check_page(PLACE, cited_sentences("Zin [@other2020].\n"), Evidence())
    assert [str(f) for f in coverage.findings] == [
        "docs/leucine.md:1: no evidence record for [@other2020]: add a claim to evidence/other2020.yml, "
        "see CONTRIBUTING.md (Evidence records)."]


def test_the_notes_escape_quotes_mark_their_language_and_link_where_seen() -> None:
    evidence = evidence_of(RECORD)
    labels = labels_for("nl", {"nl": {"says": "Wat de bron zegt", "seen": "Gezien in"}})
    html = evidence_notes(evidence.claims_for("leucine.md"), evidence, "nl", labels)["xu2015"]
    assert html.startswith(' <span class="atlas-ref__evidence"><span class="atlas-ref__evidence-label">'
                           "Wat de bron zegt:</span> <q lang=\"en\">Leucine increased muscle protein "
                           "synthesis.</q>")
    assert "&lt;img src=x onerror=alert(1)&gt;</q>" in html and "<img" not in html
    assert '(Gezien in: <a href="https://pubmed.ncbi.nlm.nih.gov/25234223/">PMID 25234223</a>, ' \
           '<a href="https://example.org/a">example.org</a>)' in html
    claims = evidence.claims_for("leucine.md")
    english = evidence_notes(claims, evidence, "en", labels_for("en", None))["xu2015"]
    assert "What the source says:</span> <q>Leucine" in english


def test_a_source_that_could_not_be_seen_says_so_in_words() -> None:
    text = ("key: xu2015\nseen_at: null\nquotes: []\nclaims:\n  - page: leucine.md\n    sentence: Iets\n"
            "    quote: null\n    verdict: partly\n")
    evidence = evidence_of(text)
    labels = labels_for("nl", {"nl": {"says": "Wat de bron zegt", "not_seen": "niet nagekeken"}})
    assert evidence_notes(evidence.claims_for("leucine.md"), evidence, "nl", labels) == {"xu2015": (
        ' <span class="atlas-ref__evidence atlas-ref__evidence--not-seen">'
        '<span class="atlas-ref__evidence-label">Wat de bron zegt:</span> niet nagekeken</span>')}


def test_seen_links_only_for_identifiers_and_web_addresses() -> None:
    assert seen_links("PMC1234567; doi:10.1017/S000711451400247X. javascript:alert(1)") == [
        ("PMC1234567", "https://pmc.ncbi.nlm.nih.gov/articles/PMC1234567/"),
        ("doi:10.1017/S000711451400247X", "https://doi.org/10.1017/S000711451400247X")]
    assert seen_links("https://doi.org/10.1017/abc") == [("doi:10.1017/abc", "https://doi.org/10.1017/abc")]


def test_a_note_is_made_only_when_its_reference_is_shown_and_only_once() -> None:
    """A page shows the notes of the references it cites: the others are never made."""
    made: list[str] = []
    notes = EvidenceNotes(["a2020", "b2021"], lambda key: made.append(key) or f"<note {key}>")
    assert list(notes) == ["a2020", "b2021"] and len(notes) == 2 and made == []
    assert notes["b2021"] == notes.get("b2021") == "<note b2021>"
    assert made == ["b2021"]
    assert notes.get("unknown") is None and "unknown" not in notes and made == ["b2021"]


def test_a_record_read_before_its_key_was_in_the_bibliography_is_read_again_after(tmp_path) -> None:
    """`mkdocs serve` keeps parsed records across rebuilds: adding the key to references.bib must clear
    the record's "not in the bibliography" problem at the next rebuild, not leave it cached."""
    (tmp_path / "xu2015.yml").write_text(RECORD, encoding="utf-8")
    cache = RecordCache()

    def problems_with(keys: list[str]) -> list[str]:
        checker = key_checker(keys)
        checker = KeyChecker(checker.canonical, checker.closest, frozenset(keys))
        found = cache.load(tmp_path, lambda path: f"evidence/{path.name}", checker,
                           known_pages={"leucine.md"})
        return [str(p) for p in found.problems if "holds HTML markup" not in str(p)]

    assert problems_with(["other2020"]) != []  # the key is not in the bibliography yet
    cache.sweep()
    assert problems_with(["other2020", "xu2015"]) == []
