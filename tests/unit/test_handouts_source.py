"""Typst source generation: safe string literals and complete documents that compile."""

from __future__ import annotations

import io
import json

import page as pdf_validator
import typst
from atlas.handouts.render import DEFAULT_TEMPLATE, compile_pdf
from atlas.handouts.source import (
    ArticleFacts,
    BookletCover,
    article_starts,
    booklet_source,
    handout_source,
    typst_args,
    typst_string,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

TEMPLATE = DEFAULT_TEMPLATE.read_text(encoding="utf-8")
FACTS = ArticleFacts(
    title='Leucine "bouwsteen"',
    site="Amino Atlas",
    lang="nl",
    language="Nederlands",
    reviewed_label="Laatst beoordeeld",
    reviewed="2026-11-21",
    url="https://amino-atlas.github.io/amino-atlas/leucine/",
    qr_svg='<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><path d="M0 0h2v2H0z"/></svg>',
    qr_alt="QR-code die de onlineversie van deze pagina opent: https://amino-atlas.github.io/amino-atlas/leucine/",
)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_typst_string_round_trips_any_text(text: str) -> None:
    evaluated = typst.eval(b"", typst_string(text), format="json", ignore_system_fonts=True)
    assert json.loads(evaluated) == text


def test_typst_args_renders_none_and_strings() -> None:
    assert typst_args({"a": "x", "qr-size": None}) == 'a: "x", qr-size: none'


def test_handout_source_is_template_then_settings_then_facts_then_body() -> None:
    source = handout_source(TEMPLATE, FACTS, "Geen medisch advies.", "= Leucine\nTekst.")
    show = source.index("#show: handout.with(")
    facts = source.index("#article(")
    body = source.index("= Leucine")
    assert source.startswith(TEMPLATE.rstrip()) and show < facts < body
    assert 'lang: "nl"' in source and 'title: "Leucine \\"bouwsteen\\""' in source
    assert 'disclaimer: "Geen medisch advies."' in source


def test_handout_source_compiles_to_an_a4_pdf() -> None:
    pdf, warnings = compile_pdf(handout_source(TEMPLATE, FACTS, "Disclaimer.", "= Leucine\nTekst."))
    assert pdf.startswith(b"%PDF-")
    assert b"/MediaBox [0 0 595.2756 841.8898]" in pdf or b"595.27" in pdf
    assert warnings == []


def test_booklet_source_keeps_article_order_and_compiles() -> None:
    cover = BookletCover("Amino Atlas", "Amino Atlas", "en", "English", "Contents", FACTS.url, FACTS.qr_svg,
                         "D.", "QR code that opens the website online")
    second = ArticleFacts(**{**FACTS.__dict__, "title": "mTOR", "lang": "en"})
    source = booklet_source(TEMPLATE, cover, [(FACTS, "= First <a--first>\nA."), (second, "= Second\nB.")])
    assert source.index("= First") < source.index("= Second")
    assert source.count("#article(") == 2
    assert [source.splitlines()[n - 1][:9] for n in article_starts(source)] == ["#article("] * 2
    # each article in its own language: the Dutch one, then the English one
    dutch, english = source.index('#set text(lang: "nl")'), source.index('#set text(lang: "en")')
    assert dutch < source.index("= First") < english
    pdf, warnings = compile_pdf(source)
    assert pdf.startswith(b"%PDF-") and warnings == []


def test_the_qr_code_carries_its_alt_text_into_the_pdf() -> None:
    pdf, _ = compile_pdf(handout_source(TEMPLATE, FACTS, "Disclaimer.", "= Leucine\nTekst."))
    reader = PdfReader(io.BytesIO(pdf))
    elements = _structure(reader.trailer["/Root"]["/StructTreeRoot"])
    figures = [node for node in elements if node.get("/S") == "/Figure"]
    assert [str(figure["/Alt"]) for figure in figures] == [FACTS.qr_alt]


def _structure(node: object) -> list:
    """Every structure element under `node` (depth first)."""
    found = []
    kids = node.get("/K") if hasattr(node, "get") else None
    kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
    for kid in kids:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if hasattr(kid, "get") and "/S" in kid:
            found += [kid, *_structure(kid)]
    return found


def test_the_independent_checker_passes_our_pdf_and_catches_one_without_the_standards() -> None:
    """`page` (page-validation) is the tests' second opinion: it must see what a non-conforming file lacks."""
    source = handout_source(TEMPLATE, FACTS, "Disclaimer.", "= Leucine\nTekst.")
    conforming, _ = compile_pdf(source)
    plain, _ = compile_pdf(source, standards=())
    for profile in ("ua1", "2a"):
        assert pdf_validator.validate_pdf_bytes(conforming, profile=profile).is_compliant
    missing = {failure.rule_id for failure in pdf_validator.validate_pdf_bytes(plain, profile="ua1").failures}
    assert {"PDFUA1-ID-PART-001", "PDFUA1-ID-SCHEMA-001"} <= missing
    assert not pdf_validator.validate_pdf_bytes(plain, profile="2a").is_compliant


def test_the_article_facts_follow_the_title_heading_outside_it() -> None:
    """The facts (site, date, address, QR code) come after the H1 and its label, never inside it."""
    from atlas.handouts.source import facts_after_title

    body = "= Leucine\n<leucine>\n#article-facts-not-yet\nText.\n"
    assert facts_after_title(body).splitlines()[:3] == ["= Leucine", "<leucine>", "#article-facts()"]
    assert facts_after_title("= Title\nText.").splitlines() == ["= Title", "#article-facts()", "Text."]
    assert facts_after_title("No heading.").splitlines()[0] == "#article-facts()"
