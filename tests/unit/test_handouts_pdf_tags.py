"""The structure added after Typst (atlas.handouts.pdf_tags): boxes as sections, internal links described.

Small documents are compiled by the real Typst (as PDF/UA-1 and PDF/A-2a) and read back with pikepdf;
the finished PDFs must still pass the independent checks.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pikepdf
import pytest
from atlas.handouts.cache import cached_compile, pdf_key, read_pdf
from atlas.handouts.compile import compile_pdf
from atlas.handouts.jobs import DEFAULT_TEMPLATE
from atlas.handouts.pdf_check import check_pdf
from atlas.handouts.pdf_tags import (
    DEFAULT_LINK_TO,
    Place,
    describe_internal_links,
    finish,
    heading_before,
    heading_places,
    sections_from_boxes,
    structure_elements,
)
from atlas.handouts.source import ArticleFacts, handout_source

HEAD = '#set document(title: "Test")\n#set text(lang: "en")\n'
GO_TO = "Go to: {target}"


def _compiled(body: str) -> bytes:
    pdf, warnings = compile_pdf(HEAD + body)
    assert warnings == []
    return pdf


def _annotations(document: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [annotation for page in document.pages for annotation in page.obj.get("/Annots", [])]


def _internal_descriptions(pdf: bytes) -> list[str]:
    """The /Contents of every link that leads into the document, in page order."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [str(annotation.Contents) for annotation in _annotations(document)
                if "/Dest" in annotation or ("/A" in annotation and annotation.A.get("/S") == "/GoTo")]


def _uri_descriptions(pdf: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [str(annotation.Contents) for annotation in _annotations(document)
                if "/A" in annotation and "/URI" in annotation.A]


ARTICLE = """= Title
== Why <why>
A claim #link(<ref-one>)[1] and #link(<why>)[this section], see #link("https://example.org")[a site].
#pagebreak()
== References
+ #metadata(none)<ref-one> The first entry.
"""


def test_an_internal_link_names_the_heading_its_target_sits_under() -> None:
    before = _compiled(ARTICLE)
    assert _internal_descriptions(before) == ["page 2", "Section, page 1"]  # what Typst writes
    after = finish(before, GO_TO)
    assert _internal_descriptions(after) == ["Go to: References", "Go to: Why"]
    assert _uri_descriptions(after) == _uri_descriptions(before) == ["https://example.org"]


def test_without_a_label_the_description_is_the_heading_alone() -> None:
    assert _internal_descriptions(finish(_compiled(ARTICLE))) == ["References", "Why"]
    assert DEFAULT_LINK_TO == "{target}"


def test_a_link_to_a_spot_before_every_heading_keeps_typsts_description() -> None:
    pdf = _compiled("#metadata(none)<top> Intro.\n= Title\nBack to #link(<top>)[the top].\n")
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert describe_internal_links(document, GO_TO) == 0
    assert _internal_descriptions(finish(pdf, GO_TO)) == _internal_descriptions(pdf)


def test_the_heading_before_a_place_is_found_in_reading_order() -> None:
    """Places of headings are their tops; a destination is Typst's: 10 pt above what it leads to."""
    headings = [(Place(0, 50.0), "Title"), (Place(0, 300.0), "Why"), (Place(2, 40.0), "References")]
    assert heading_before(headings, Place(0, 10.0)) == ""
    assert heading_before(headings, Place(0, 290.3)) == "Why"  # a link to the heading itself (rounding)
    assert heading_before(headings, Place(0, 285.0)) == "Title"  # a line above it
    assert heading_before(headings, Place(1, 10.0)) == "Why"
    assert heading_before(headings, Place(2, 20.0)) == "Why"
    assert heading_before(headings, Place(2, 400.0)) == "References"


def test_every_heading_of_the_tag_tree_has_its_place() -> None:
    with pikepdf.open(io.BytesIO(_compiled(ARTICLE + BOX.replace("= Title\n", "")))) as document:
        found = heading_places(document)
    assert [title for _, title in found] == ["Title", "Why", "References", "In short"]  # box titles too
    assert [place.page for place, _ in found] == [0, 0, 1, 1]
    assert found[0][0].down < found[1][0].down and found[2][0].down < found[3][0].down


def test_a_link_into_a_box_names_the_box_title() -> None:
    pdf = _compiled(BOX.replace("First point.", "First point. <first>") + "See #link(<first>)[the box].\n")
    assert _internal_descriptions(finish(pdf, GO_TO)) == ["Go to: In short"]


BOX = """#show figure.where(kind: "box"): it => it.body
= Title
#figure(kind: "box", supplement: none, numbering: none, outlined: false, block[
  #heading(level: 2, outlined: false, bookmarked: false)[In short]
  First point.

  Second point.
])
#grid(columns: 2, [a], [b])
After the box.
"""


def _tags(pdf: bytes) -> list[tuple[str, list[str]]]:
    """Each structure element's type and its kids' types."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [(str(element.S), [str(kid.S) for kid in _element_kids(element)])
                for element in structure_elements(document)]


def _element_kids(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    kids = element.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    return [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def test_a_box_becomes_a_section_holding_its_heading_and_content() -> None:
    before = _compiled(BOX)
    assert ("/Div", ["/H2", "/P", "/P"]) in _tags(before)  # Typst's group for the figure
    after = finish(before)
    assert ("/Sect", ["/H2", "/P", "/P"]) in _tags(after)
    assert ("/Div", ["/Div", "/Div"]) in _tags(after)  # the grid: no heading, stays a Div
    assert not any(kind == "/Div" and kids[:1] == ["/H2"] for kind, kids in _tags(after))


def test_only_the_type_changes_and_the_parent_tree_still_holds() -> None:
    before = _compiled(BOX)
    with pikepdf.open(io.BytesIO(before)) as document:
        parents = [key for key, _ in pikepdf.NumberTree(document.Root.StructTreeRoot.ParentTree).items()]
        assert sections_from_boxes(document) == 1
        assert sections_from_boxes(document) == 0  # a Sect is not a Div any more
    with pikepdf.open(io.BytesIO(finish(before))) as document:
        tree = pikepdf.NumberTree(document.Root.StructTreeRoot.ParentTree)
        assert [key for key, _ in tree.items()] == parents


def test_a_pdf_with_nothing_to_add_comes_back_unchanged() -> None:
    pdf = _compiled("= Title\nJust text.\n")
    assert finish(pdf, GO_TO) is pdf


def test_finishing_is_reproducible() -> None:
    pdf = _compiled(ARTICLE + BOX.replace("= Title\n", ""))
    assert finish(pdf, GO_TO) == finish(pdf, GO_TO)


@pytest.mark.parametrize("label", ["Go to: {target}", "Ga naar: {target}"])
def test_a_handout_from_the_template_stays_pdf_ua_1_and_pdf_a_2a(label: str) -> None:
    facts = ArticleFacts("Leucine", "Amino Atlas", "en", "English", "Last reviewed", "2026-11-21",
                         "https://example.org/leucine/", "", "QR code", notes_title="Notes", link_to=label)
    body = ("= Leucine\n#atlas-note(kind: \"warning\", title: [Who should take care?])[\nPeople with kidney "
            "disease.#super[#link(<fn-a>)[precaution]]\n]\n== More\nText \\[#link(<ref-a>)[1]\\].\n"
            "#atlas-notes[\n+ #block[A precaution of ours.] <fn-a>\n]\n== References\n"
            "+ #metadata(none)<ref-a> An entry.\n")
    source = handout_source(DEFAULT_TEMPLATE.read_text(encoding="utf-8"), facts, "D.", body)
    pdf = finish(compile_pdf(source)[0], label)
    assert _internal_descriptions(pdf) == [label.replace("{target}", "Notes"),
                                           label.replace("{target}", "References")]
    assert ("/Sect", ["/H2", "/P"]) in _tags(pdf)
    assert check_pdf(pdf, "template handout") == []


def test_the_cache_keeps_the_finished_pdf_under_a_key_that_holds_the_label(tmp_path: Path) -> None:
    """What the cache stores and its recorded SHA-256 are the finished PDF's: a reused handout is the
    same file, sections and descriptions included; another label is another entry."""
    source, notes = HEAD + ARTICLE + BOX.replace("= Title\n", ""), []
    pdf, _ = cached_compile(source, tmp_path, tmp_path, [], notes, GO_TO)
    assert "Go to: References" in _internal_descriptions(pdf) and ("/Sect", ["/H2", "/P", "/P"]) in _tags(pdf)
    key = pdf_key(source, tmp_path, [], GO_TO)
    record = json.loads((tmp_path / f"{key}.pdf.json").read_text(encoding="utf-8"))
    assert (tmp_path / f"{key}.pdf").read_bytes() == pdf
    assert record["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert read_pdf(tmp_path, key)[0] == pdf
    assert pdf_key(source, tmp_path, [], "Ga naar: {target}") != key
    assert notes == []
