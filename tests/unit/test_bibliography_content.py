"""Content rules for references.bib: every entry is identifiable, and no key is defined twice.

Non-negotiable 2 of the project: a reference is a real publication that a reader can look up, so
each entry carries a DOI or a PubMed ID (or both), in a form a resolver accepts. These tests read
the real `references.bib` at the project root; they say which entry breaks which rule.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from pybtex.database import BibliographyData, parse_file

ROOT = Path(__file__).resolve().parents[2]
BIB_PATH = ROOT / "references.bib"

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_PATTERN = re.compile(r"^\d+$")
PMCID_PATTERN = re.compile(r"^PMC\d+$")
# "@article{key," — the opening of an entry, as written (comments/@string/@preamble carry no key)
ENTRY_OPENING = re.compile(r"^\s*@\s*(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.MULTILINE)
NON_ENTRY_TYPES = {"comment", "string", "preamble"}


def raw_entry_keys(text: str) -> list[tuple[str, int]]:
    """Every entry key with its 1-based line number, read from the raw text, duplicates kept.

    pybtex rejects (strict mode) or merges (lenient mode) a repeated key, so counting keys from
    the parsed data could never show one: the raw text can.
    """
    keys = []
    for match in ENTRY_OPENING.finditer(text):
        if match.group(1).lower() in NON_ENTRY_TYPES:
            continue
        line = text.count("\n", 0, match.start()) + 1
        keys.append((match.group(2), line))
    return keys


@pytest.fixture(scope="module")
def bibliography() -> BibliographyData:
    return parse_file(str(BIB_PATH), bib_format="bibtex")


def test_raw_key_reader_sees_duplicates() -> None:
    """The duplicate check itself works: a key written twice (any case) is found twice."""
    text = "@article{a2020,\n title={x}}\n@comment{ignored}\n@Book{A2020,\n title={y}}\n"
    assert [key.lower() for key, _ in raw_entry_keys(text)] == ["a2020", "a2020"]


def test_no_key_is_defined_twice() -> None:
    text = BIB_PATH.read_text(encoding="utf-8")
    keys = raw_entry_keys(text)
    counts = Counter(key.lower() for key, _ in keys)
    repeated = {key: [line for k, line in keys if k.lower() == key] for key, n in counts.items() if n > 1}
    assert not repeated, (
        "references.bib defines these keys more than once (BibTeX keys ignore case); keep one entry "
        f"per key: {repeated} (key: line numbers)"
    )


def test_pybtex_parses_every_raw_entry(bibliography: BibliographyData) -> None:
    raw = {key.lower() for key, _ in raw_entry_keys(BIB_PATH.read_text(encoding="utf-8"))}
    parsed = {key.lower() for key in bibliography.entries}
    assert raw == parsed, f"entries pybtex did not read as written: {sorted(raw ^ parsed)}"


def test_bibliography_is_not_empty(bibliography: BibliographyData) -> None:
    assert len(bibliography.entries) > 0, "references.bib has no entries"


def test_every_entry_has_doi_or_pmid(bibliography: BibliographyData) -> None:
    """A paper has a DOI or PMID. Where neither exists or none was seen (an agency's web page, a paper
    whose repository record showed no identifier), the entry names the address where it was seen and
    the day: never an identifier from memory."""
    def web_page_seen(entry: object) -> bool:
        fields = entry.fields  # type: ignore[attr-defined]
        return bool(fields.get("url", "").strip() and fields.get("urldate"))

    missing = [
        key
        for key, entry in bibliography.entries.items()
        if not entry.fields.get("doi", "").strip() and not entry.fields.get("pmid", "").strip()
        and not web_page_seen(entry)
    ]
    assert not missing, (
        f"references.bib: entries without a DOI or PMID: {missing}. Add `doi = {{10.xxxx/...}}` "
        "or `pmid = {12345678}` as confirmed in a published source; never invent one."
    )


def test_dois_are_bare_and_well_formed(bibliography: BibliographyData) -> None:
    bad = {
        key: entry.fields["doi"]
        for key, entry in bibliography.entries.items()
        if "doi" in entry.fields and not DOI_PATTERN.match(entry.fields["doi"])
    }
    assert not bad, (
        f"references.bib: malformed DOIs {bad}. Write the bare DOI, e.g. `doi = {{10.1038/nature11861}}`, "
        "without https://doi.org/ or a 'doi:' prefix."
    )


def test_pmids_are_digits_only(bibliography: BibliographyData) -> None:
    bad = {
        key: entry.fields["pmid"]
        for key, entry in bibliography.entries.items()
        if "pmid" in entry.fields and not PMID_PATTERN.match(entry.fields["pmid"])
    }
    assert not bad, f"references.bib: PMIDs must be digits only, e.g. `pmid = {{23325216}}`: {bad}"


def test_pmcids_have_pmc_prefix(bibliography: BibliographyData) -> None:
    bad = {
        key: entry.fields["pmcid"]
        for key, entry in bibliography.entries.items()
        if "pmcid" in entry.fields and not PMCID_PATTERN.match(entry.fields["pmcid"])
    }
    assert not bad, f"references.bib: PMCIDs look like `pmcid = {{PMC3106288}}`: {bad}"


def test_every_entry_names_authors_title_and_year(bibliography: BibliographyData) -> None:
    incomplete = {
        key: [
            name
            for name, present in (
                ("author", bool(entry.persons.get("author"))),
                ("title", bool(entry.fields.get("title", "").strip())),
                ("year", bool(re.fullmatch(r"\d{4}", entry.fields.get("year", "")))),
            )
            if not present
        ]
        for key, entry in bibliography.entries.items()
    }
    incomplete = {key: fields for key, fields in incomplete.items() if fields}
    assert not incomplete, f"references.bib: entries missing fields (key: fields): {incomplete}"
