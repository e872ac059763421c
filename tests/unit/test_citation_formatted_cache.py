"""Formatted entries kept on disk (atlas.citations.engine): an unchanged bibliography is not formatted
again by the next build; another bibliography, language or damaged file is formatted anew."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from atlas.citations import engine
from atlas.citations.bibfile import load_bibliography
from atlas.citations.engine import CitationEngine, keep_formatted_in, save_formatted
from atlas.citations.style import Formatter
from atlas.labels import labels_for

BIB = """@article{saxton2017,
  author = {Saxton, Robert A. and Sabatini, David M.},
  title = {{mTOR} Signaling in Growth, Metabolism, and Disease},
  journal = {Cell}, year = {2017}, volume = {168}, number = {6}, pages = {960--976},
  doi = {10.1016/j.cell.2017.02.004}
}
"""


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    engine.clear_caches()
    yield
    keep_formatted_in(None)
    engine.clear_caches()


def formatted(bib_path: Path, locale: str = "en") -> str:
    bib = load_bibliography(bib_path)
    return CitationEngine(bib, locale, labels_for("citations", locale), "brackets").formatted("saxton2017")


def count_formatting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The languages of every entry formatted by pybtex from now on."""
    calls: list[str] = []
    real = Formatter.html

    def counting(self: Formatter, entry: object) -> str:
        calls.append(self.style.locale)
        return real(self, entry)  # type: ignore[arg-type]

    monkeypatch.setattr(Formatter, "html", counting)
    return calls


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    """A bibliography whose formatted entries are kept in tmp_path/cache."""
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    keep_formatted_in(tmp_path / "cache")
    return path


def first_build(bib: Path) -> str:
    """One build: its entries formatted and saved; then a new build process, with nothing in memory."""
    entry = formatted(bib)
    save_formatted()
    engine.clear_caches()
    return entry


def test_the_next_build_reads_the_entries_back_without_formatting(bib: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_formatting(monkeypatch)
    first = first_build(bib)
    assert formatted(bib) == first and "Saxton" in first
    assert calls == ["en"]
    assert len(list((tmp_path / "cache").iterdir())) == 1


def test_another_bibliography_or_language_is_formatted_anew(bib: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_formatting(monkeypatch)
    first_build(bib)
    bib.write_text(BIB.replace("Disease", "Disease and Ageing"), encoding="utf-8")
    assert "Ageing" in formatted(bib)
    formatted(bib, "nl")
    save_formatted()
    assert calls == ["en", "en", "nl"]
    assert len(list((tmp_path / "cache").iterdir())) == 2  # one file per language and labels


def test_a_damaged_file_is_ignored(bib: Path, tmp_path: Path) -> None:
    expected = first_build(bib)
    (entry,) = (tmp_path / "cache").iterdir()
    record = json.loads(entry.read_text(encoding="utf-8"))
    for damaged in ("{broken", json.dumps({**record, "entries": {"saxton2017": 1}}),
                    json.dumps({**record, "key": "other", "entries": {"saxton2017": "<b>forged</b>"}})):
        entry.write_text(damaged, encoding="utf-8")
        engine.clear_caches()
        assert formatted(bib) == expected
