"""JSON-LD, Highwire tags and COinS: valid, escaped, with the references' DOI and PMID."""

from __future__ import annotations

import json
import re
from datetime import date
from html import unescape
from urllib.parse import parse_qsl

from atlas.citations.bibfile import parse_bibliography
from atlas.metadata import (
    PageFacts,
    coins_pairs,
    coins_span,
    highwire_tags,
    insert_coins,
    json_ld,
    json_ld_script,
    meta_tags,
    reference,
)

BIB = r"""
@article{johnson2013,
  author  = {Johnson, S. C. and Rabinovitch, P. S. and Kaeberlein, M.},
  title   = {{mTOR} is a key modulator of ageing and age-related disease},
  journal = {Nature},
  year    = {2013},
  month   = jan,
  volume  = {493},
  number  = {7432},
  pages   = {338--345},
  doi     = {10.1038/nature11861},
  pmid    = {23325216}
}
@article{odd2020,
  author  = {van den Berg, A. and M{\"u}ller, B.},
  title   = {Tricky </script> title; with "quotes" & ampersands},
  journal = {J Test},
  year    = {2020},
  pages   = {e12},
  doi     = {10.1000/xyz&1}
}
"""


def records():
    bib = parse_bibliography(BIB)
    return [reference(bib.records["johnson2013"]), reference(bib.records["odd2020"])]


def facts(**overrides) -> PageFacts:
    base = {
        "title": "Leucine",
        "description": "Uitleg <over> leucine & mTOR",
        "url": "https://example.org/leucine/",
        "language": "nl",
        "site_name": "Amino Atlas",
        "site_url": "https://example.org/",
        "reviewer": "Redactie van Amino Atlas",
        "reviewed": date(2026, 11, 30),
        "references": records(),
    }
    return PageFacts(**{**base, **overrides})


def test_references_are_plain_text_with_identifiers():
    johnson, odd = records()
    assert johnson.title == "mTOR is a key modulator of ageing and age-related disease"
    assert (johnson.first_page, johnson.last_page, johnson.doi, johnson.pmid) == (
        "338",
        "345",
        "10.1038/nature11861",
        "23325216",
    )
    assert odd.authors[0].family == "van den Berg" and odd.authors[1].family == "Müller"
    assert odd.doi == "10.1000/xyz&1" and odd.pmid == ""


def test_json_ld_is_a_medical_web_page_reviewed_by_the_team_as_an_organization():
    data = json_ld(facts())
    assert data["@type"] == "MedicalWebPage" and data["inLanguage"] == "nl"
    assert data["lastReviewed"] == "2026-11-30"
    assert data["reviewedBy"] == {
        "@type": "Organization",
        "name": "Redactie van Amino Atlas",
        "url": "https://example.org/",
    }
    first = data["citation"][0]
    assert first["@type"] == "ScholarlyArticle"
    assert {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1038/nature11861"} in first[
        "identifier"
    ]
    assert {"@type": "PropertyValue", "propertyID": "PMID", "value": "23325216"} in first["identifier"]
    assert first["sameAs"] == [
        "https://doi.org/10.1038/nature11861",
        "https://pubmed.ncbi.nlm.nih.gov/23325216/",
    ]
    assert first["datePublished"] == "2013-01"


def test_the_script_parses_as_json_and_cannot_close_its_element():
    script = json_ld_script(facts())
    body = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', script, re.S).group(1)
    assert "</script" not in body and "<" not in body and "&" not in body
    data = json.loads(body)
    assert data["description"] == "Uitleg <over> leucine & mTOR"
    assert data["citation"][1]["name"] == 'Tricky </script> title; with "quotes" & ampersands'


def test_no_review_date_means_no_last_reviewed():
    assert "lastReviewed" not in json_ld(facts(reviewed=None))


def test_highwire_tags_describe_the_page_and_each_reference():
    tags = highwire_tags(facts())
    names = [name for name, _ in tags]
    assert names[:5] == [
        "citation_title",
        "citation_language",
        "citation_journal_title",
        "citation_publisher",
        "citation_public_url",
    ]
    assert ("citation_publication_date", "2026/11/30") in tags and (
        "citation_online_date",
        "2026/11/30",
    ) in tags
    references = [value for name, value in tags if name == "citation_reference"]
    assert len(references) == 2
    assert "citation_doi=10.1038/nature11861" in references[0] and "citation_pmid=23325216" in references[0]
    assert "; with" not in references[1]  # a semicolon in a value would split the list
    html = meta_tags(tags)
    assert "&quot;quotes&quot; &amp; ampersands" in html and "</script>" not in html


def test_coins_carry_doi_pmid_and_survive_escaping():
    johnson, odd = records()
    span = coins_span(odd, "amino-atlas")
    title = unescape(re.search(r'title="([^"]*)"', span).group(1))
    pairs = parse_qsl(title)
    assert ("ctx_ver", "Z39.88-2004") in pairs
    assert ("rft_id", "info:doi/10.1000/xyz&1") in pairs
    assert ("rft.atitle", 'Tricky </script> title; with "quotes" & ampersands') in pairs
    assert ("rft.au", "Müller, B.") in pairs
    assert span.startswith('<span class="Z3988" title="') and "<script" not in span.replace("</span>", "")
    assert ("rft_id", "info:pmid/23325216") in coins_pairs(johnson)


def test_coins_go_into_each_reference_list_item():
    html = '<ol><li id="ref-a"><span>A</span></li><li id="ref-b">B</li></ol>'
    out, missing = insert_coins(html, {"a": '<span class="Z3988"></span>', "c": "<span></span>"})
    assert out.startswith('<ol><li id="ref-a"><span class="Z3988"></span><span>A</span>')
    assert missing == ["c"]


def test_references_read_names_and_identifiers_as_the_loader_leaves_them():
    """`and others` is no author, a name pybtex cannot read never raises, a DOI link arrives bare."""
    bib = parse_bibliography(
        "@article{many, author = {Xu, Wei and Li, Na and others}, title = {T}, journal = {J}, year = {2020},"
        " doi = {https://doi.org/10.5555/x.1}}\n"
        "@article{odd, author = {A, B, C, D}, title = {T}, journal = {J}, year = {2021}}\n"
    )
    many = reference(bib.records["many"])
    assert [a.family for a in many.authors] == ["Xu", "Li"]
    assert many.doi == "10.5555/x.1"
    assert reference(bib.records["odd"]).authors  # too many commas: one family name, no exception


def test_machine_readable_copies_list_the_first_three_authors_and_the_identifier():
    """A 23-author trial is not written out three times per page: three names, and the DOI for the rest."""
    names = " and ".join(f"Author{i}, A." for i in range(1, 11))
    bib = parse_bibliography("@article{big2018, author = {" + names + "}, title = {T}, journal = {J},\n"
                             "  year = {2018}, doi = {10.1000/big}}\n")
    ref = reference(bib.records["big2018"])
    assert len(ref.authors) == 10  # the record keeps them all
    page = facts(references=[ref])
    cited = json_ld(page)["citation"][0]
    assert [a["familyName"] for a in cited["author"]] == [f"Author{i}" for i in range(1, 4)]
    reference_tag = next(content for name, content in highwire_tags(page) if name == "citation_reference")
    assert reference_tag.count("citation_author=") == 3
    authors = [value for key, value in coins_pairs(ref) if key == "rft.au"]
    assert authors == [f"Author{i}, A." for i in range(1, 4)]
    assert ("rft_id", "info:doi/10.1000/big") in coins_pairs(ref)
