"""Typst source generation: safe string literals and complete documents that compile."""

from __future__ import annotations

import json

import typst
from atlas.handouts.render import DEFAULT_TEMPLATE, compile_pdf
from atlas.handouts.source import (
    ArticleFacts,
    BookletCover,
    booklet_source,
    handout_source,
    typst_args,
    typst_string,
)
from hypothesis import given, settings
from hypothesis import strategies as st

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
                         "D.")
    second = ArticleFacts(**{**FACTS.__dict__, "title": "mTOR"})
    source = booklet_source(TEMPLATE, cover, [(FACTS, "= First <a--first>\nA."), (second, "= Second\nB.")])
    assert source.index("= First") < source.index("= Second")
    assert source.count("#article(") == 2
    pdf, _ = compile_pdf(source)
    assert pdf.startswith(b"%PDF-")
