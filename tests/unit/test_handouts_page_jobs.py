"""A page's handout is the same whether the build prepares it (to ask the cache) or a worker does."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from atlas.handouts.page_jobs import (
    LAYOUT_HINT,
    PageHandout,
    render_page,
    render_page_booklet,
    reuse_page,
    reuse_page_booklet,
)
from atlas.handouts.qr import qr_svg
from atlas.handouts.render import DEFAULT_TEMPLATE, BookletJob, render_handout
from atlas.handouts.source import ArticleFacts, BookletCover

TEMPLATE = DEFAULT_TEMPLATE.read_text(encoding="utf-8")
URL = "https://example.org/leucine/"
PAGE = ('<html><body><nav>menu</nav><article class="md-content__inner">'
        '<h1 id="leucine">Leucine<a class="headerlink" href="#leucine">¶</a></h1>'
        '<p>Leucine is an amino acid.</p></article></body></html>')


def page_job(tmp_path: Path, html: str = PAGE, cache: Path | None = None) -> PageHandout:
    facts = ArticleFacts("Leucine", "Amino Atlas", "en", "English", "Last reviewed", "2026-11-21", URL, "",
                         f"QR code to {URL}")
    return PageHandout("docs/leucine.md", html, "leucine--", ("a.headerlink", "nav"), "Online only.",
                       str(tmp_path / "site" / "leucine"), str(tmp_path / "site"), facts, "D.",
                       tmp_path / "site" / "leucine" / "leucine-en.pdf", TEMPLATE, cache)


def test_prepared_here_or_in_a_worker_the_handout_is_the_same(tmp_path: Path) -> None:
    job = page_job(tmp_path)
    prepared = job.prepared()
    assert prepared.facts.qr_svg == qr_svg(URL)  # the QR code is drawn where the handout is prepared
    assert "headerlink" not in prepared.html and "menu" not in prepared.html
    by_worker = render_page(job)
    here = render_handout(dataclasses.replace(prepared, output=tmp_path / "here.pdf"))
    assert by_worker.error is None and here.error is None
    assert by_worker.typst_body == here.typst_body and "Leucine is an amino acid." in here.typst_body
    assert by_worker.output.is_file()


def test_a_page_without_the_article_fails_in_the_worker_naming_the_page(tmp_path: Path) -> None:
    result = render_page(page_job(tmp_path, html="<html><body><p>No article.</p></body></html>"))
    assert result.page == "docs/leucine.md" and result.error and result.error.endswith(LAYOUT_HINT)
    assert not result.output.exists()


def test_only_prepared_handouts_and_booklets_with_their_qr_codes_are_looked_up(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    job = page_job(tmp_path, cache=cache)
    assert render_handout(job.prepared()).error is None  # now in the cache
    assert reuse_page(job) is None  # a page still to prepare goes to a worker
    assert reuse_page(job.prepared()) is not None
    cover = BookletCover("Atlas", "Amino Atlas", "en", "English", "Contents", URL, "", "D.", "QR")
    booklet = BookletJob(cover, tmp_path / "site" / "atlas-en.pdf", TEMPLATE, cache)
    body = render_page(job).typst_body
    assert reuse_page_booklet(booklet, [(job.facts, body)], [job.page]) is None  # no QR code yet
    made = render_page_booklet(booklet, [(job.facts, body)], [job.page])  # draws it
    assert made.error is None
    assert reuse_page_booklet(booklet, [(job.prepared().facts, body)], [job.page]) is not None
