"""Pandoc conversion with the Lua filter, atomic writes and failures that name the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from atlas.handouts.render import (
    DEFAULT_TEMPLATE,
    HandoutJob,
    article_to_typst,
    render_all,
    render_handout,
    write_atomically,
)
from atlas.handouts.source import ArticleFacts
from pypdf import PdfReader

TEMPLATE = DEFAULT_TEMPLATE.read_text(encoding="utf-8")


def _facts(title: str = "Leucine") -> ArticleFacts:
    return ArticleFacts(title, "Amino Atlas", "en", "English", "Last reviewed", "2026-11-21",
                        "https://example.org/leucine/", "", "QR code")


def test_admonitions_become_note_boxes_with_their_title() -> None:
    typst_text = article_to_typst(
        '<div class="admonition evidence" id="ev"><div class="admonition-title">Later research</div>'
        '<p>It held up.</p></div><p><a href="#ev">See the note</a></p>'
    )
    assert '#atlas-note(kind: "evidence", title: [Later research])[' in typst_text
    assert "It held up." in typst_text
    assert "] <ev>" in typst_text


def test_links_to_missing_anchors_and_other_pages_become_text() -> None:
    typst_text = article_to_typst(
        '<p><a href="#nowhere">Lost</a> <a href="../mtor/">mTOR page</a> <a href="#here">Kept</a></p>'
        '<h2 id="here">Here</h2>'
    )
    assert "Lost" in typst_text and "<nowhere>" not in typst_text
    assert "mTOR page" in typst_text and "../mtor/" not in typst_text
    assert "#link(<here>)[Kept]" in typst_text


def test_web_links_show_their_address_unless_the_text_is_the_address() -> None:
    typst_text = article_to_typst(
        '<p><a href="https://example.org/a">a study</a> '
        '<a href="https://doi.org/10.1038/nature11861">https://doi.org/10.1038/nature11861</a> '
        '<a href="https://doi.org/10.1/x">doi:10.1/x</a></p>'
    )
    assert '#atlas-url("https://example.org/a")' in typst_text
    assert typst_text.count("#atlas-url(") == 1


def test_write_atomically_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.pdf"
    write_atomically(target, b"one")
    write_atomically(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["a.pdf"]


def test_a_failing_render_names_the_page_and_leaves_no_pdf(tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"this is not an image")
    output = tmp_path / "broken-en.pdf"
    output.write_bytes(b"stale PDF from an earlier build")
    html = f'<p>x</p><img src="{broken}" alt="x">'
    job = HandoutJob("docs/broken.md", html, _facts(), "", output, TEMPLATE)
    result = render_handout(job)
    assert result.page == "docs/broken.md"
    assert result.error
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.png"]


@pytest.mark.parametrize("workers", [1, 2])
def test_render_all_renders_every_job_in_order(tmp_path: Path, workers: int) -> None:
    jobs = [
        HandoutJob(f"docs/p{i}.md", f"<h1>Title {i}</h1><p>Body {i}.</p>", _facts(f"Title {i}"), "D.",
                   tmp_path / f"p{i}-en.pdf", TEMPLATE)
        for i in range(3)
    ]
    results = render_all(jobs, workers=workers)
    assert [r.page for r in results] == ["docs/p0.md", "docs/p1.md", "docs/p2.md"]
    assert all(r.error is None for r in results)
    text = PdfReader(tmp_path / "p2-en.pdf").pages[0].extract_text()
    assert "Title 2" in text and "Body 2." in text
