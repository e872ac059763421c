"""scripts/compare_sites.py: two builds match when only the generator tag differs, and nothing else may."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from scripts.compare_sites import compare, main

PAGE = ('<html><head><meta charset="utf-8"><meta name="generator" content="{generator}">'
        "<title>mTOR</title></head><body><p>{text}</p></body></html>\n")


def site(root: Path, generator: str, text: str = "Tekst", sitemap_mtime: float = 0.0) -> Path:
    (root / "en").mkdir(parents=True)
    (root / "index.html").write_text(PAGE.format(generator=generator, text=text), encoding="utf-8")
    (root / "en" / "index.html").write_text(PAGE.format(generator=generator, text="Text"), encoding="utf-8")
    (root / "sitemap.xml.gz").write_bytes(gzip.compress(b"<urlset/>", mtime=sitemap_mtime))
    (root / "handout.pdf").write_bytes(b"%PDF-1.7 same bytes")
    return root


def test_only_the_generator_tag_may_differ(tmp_path: Path) -> None:
    mkdocs = site(tmp_path / "a", "mkdocs-1.6.1, mkdocs-material-9.7.6", sitemap_mtime=1)
    properdocs = site(tmp_path / "b", "properdocs-1.6.7, mkdocs-material-9.7.6", sitemap_mtime=2)
    assert (mkdocs / "sitemap.xml.gz").read_bytes() != (properdocs / "sitemap.xml.gz").read_bytes()
    assert compare(mkdocs, properdocs) == []


def test_a_changed_text_or_a_missing_file_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mkdocs = site(tmp_path / "a", "mkdocs-1.6.1")
    properdocs = site(tmp_path / "b", "properdocs-1.6.7", text="Andere tekst")
    (properdocs / "handout.pdf").unlink()
    problems = compare(mkdocs, properdocs)
    assert problems[0] == f"only in {mkdocs}: handout.pdf"
    assert problems[1].startswith("differs: index.html") and "Andere tekst" in problems[1]
    assert len(problems) == 2
    assert main([str(mkdocs), str(properdocs)]) == 1
    assert "2 difference(s)" in capsys.readouterr().out


def test_the_generator_text_elsewhere_is_compared(tmp_path: Path) -> None:
    mkdocs = site(tmp_path / "a", "mkdocs-1.6.1", text="Built with mkdocs-1.6.1")
    properdocs = site(tmp_path / "b", "properdocs-1.6.7", text="Built with properdocs-1.6.7")
    assert [p.splitlines()[0] for p in compare(mkdocs, properdocs)] == ["differs: index.html"]


def test_a_missing_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope"), str(tmp_path)]) == 2
    assert "no such folder" in capsys.readouterr().err
