"""The real-world-shaped corpus (tests/fixtures/bib_corpus): every exporter's shape loads without
errors, every entry formats in both languages, and no LaTeX is left in any formatted reference."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from atlas.citations.bibfile import load_bibliography
from atlas.citations.style import Formatter

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "bib_corpus"
FILES = sorted(CORPUS.glob("*.bib"))
LATEX_LEFT = re.compile(r"[\\{}$]")


def visible_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_corpus_covers_every_exporter() -> None:
    names = {path.stem for path in FILES}
    assert {"zotero_bibtex", "zotero_biblatex", "jabref", "google_scholar", "mendeley", "nasa_ads",
            "latex_edge_cases"} <= names


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_loads_without_errors(path: Path) -> None:
    bib = load_bibliography(path, path.name)
    assert [str(d) for d in bib.diagnostics if d.severity != "info"] == []
    assert len(bib.records) >= 3


@pytest.mark.parametrize("locale", ["en", "nl"])
@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_no_latex_left_in_any_reference(path: Path, locale: str) -> None:
    bib = load_bibliography(path, path.name)
    formatter = Formatter(locale)
    for record in bib.records.values():
        reference = formatter.html(bib.entry(record.key))
        text = visible_text(reference)
        assert not LATEX_LEFT.search(text), (record.key, text)
        assert text.strip() and "None" not in text, (record.key, reference)
        assert re.search(r"\w", text), record.key


def test_every_type_form_appears_in_the_corpus() -> None:
    kinds = {record.type for path in FILES for record in load_bibliography(path, path.name).records.values()}
    assert {"article", "book", "incollection", "inbook", "inproceedings", "proceedings", "techreport",
            "report", "phdthesis", "thesis", "online", "misc", "unpublished", "manual", "booklet", "patent",
            "dataset", "software", "collection"} <= kinds
