"""Handouts reused by content: an unchanged article is neither converted nor compiled again; any change
to the article or to a file it embeds renders it anew."""

from __future__ import annotations

from pathlib import Path

import pytest
from atlas.handouts import render
from atlas.handouts.render import DEFAULT_TEMPLATE, HandoutJob, render_handout
from atlas.handouts.source import ArticleFacts

TEMPLATE = DEFAULT_TEMPLATE.read_text(encoding="utf-8")
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="{w}" height="10"/></svg>'


def job(tmp_path: Path, html: str, cache: Path | None) -> HandoutJob:
    facts = ArticleFacts("Leucine", "Amino Atlas", "en", "English", "Last reviewed", "2026-11-21",
                         "https://example.org/leucine/", "", "QR code to https://example.org/leucine/")
    return HandoutJob("docs/leucine.md", html, facts, "D.", tmp_path / "out" / "leucine.pdf", TEMPLATE, cache)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    counts = {"convert": 0, "typst": 0}
    convert, compile_pdf = render.convert_article, render.compile_pdf

    def counted_convert(html: str) -> tuple[str, list[str]]:
        counts["convert"] += 1
        return convert(html)

    def counted_compile(source: str) -> tuple[bytes, list[render.Problem]]:
        counts["typst"] += 1
        return compile_pdf(source)

    monkeypatch.setattr(render, "convert_article", counted_convert)
    monkeypatch.setattr(render, "compile_pdf", counted_compile)
    return counts


def test_an_unchanged_handout_is_reused_byte_for_byte(tmp_path: Path, calls: dict[str, int]) -> None:
    cache = tmp_path / "cache"
    first = render_handout(job(tmp_path, "<h1>Leucine</h1><p>Body.</p>", cache))
    pdf = first.output.read_bytes()
    first.output.unlink()
    second = render_handout(job(tmp_path, "<h1>Leucine</h1><p>Body.</p>", cache))
    assert first.error is None and second.error is None
    assert calls == {"convert": 1, "typst": 1}
    assert second.output.read_bytes() == pdf and second.typst_body == first.typst_body


def test_a_changed_article_or_embedded_image_is_rendered_again(tmp_path: Path, calls: dict[str, int]) -> None:
    cache = tmp_path / "cache"
    image = tmp_path / "figure.svg"
    image.write_text(SVG.format(w=5), encoding="utf-8")
    html = f'<h1>Leucine</h1><p>Body.</p><figure><img src="{image}" alt="a figure"></figure>'
    assert render_handout(job(tmp_path, html, cache)).error is None
    assert render_handout(job(tmp_path, html.replace("Body", "New body"), cache)).error is None
    assert calls == {"convert": 2, "typst": 2}
    image.write_text(SVG.format(w=9), encoding="utf-8")  # same article, same path, other picture
    assert render_handout(job(tmp_path, html, cache)).error is None
    assert calls == {"convert": 2, "typst": 3}


def test_without_a_cache_every_render_converts_and_compiles(tmp_path: Path, calls: dict[str, int]) -> None:
    for _ in range(2):
        assert render_handout(job(tmp_path, "<h1>T</h1><p>x</p>", None)).error is None
    assert calls == {"convert": 2, "typst": 2}
    assert not (tmp_path / "cache").exists()


def test_render_all_starts_no_worker_when_every_handout_is_reused(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    jobs = [HandoutJob(f"docs/p{i}.md", f"<h1>T{i}</h1><p>B{i}</p>", job(tmp_path, "", cache).facts, "D.",
                       tmp_path / "out" / f"p{i}.pdf", TEMPLATE, cache) for i in range(2)]
    first = render.render_all(jobs, workers=1)
    assert [r.error for r in first] == [None, None]

    def no_pool(workers: int) -> None:
        raise AssertionError("a worker pool was started although nothing changed")

    monkeypatch.setattr(render, "_pool", no_pool)
    again = render.render_all(jobs, workers=2)
    assert [r.error for r in again] == [None, None]
    assert [r.typst_body for r in again] == [r.typst_body for r in first]


def test_qr_codes_are_kept_by_url(tmp_path: Path) -> None:
    from atlas.handouts.qr import cached_qr_svg, qr_svg

    url = "https://example.org/leucine/"
    first = cached_qr_svg(url, tmp_path / "cache")
    assert first == qr_svg(url) and first.startswith("<svg")
    (stored,) = (tmp_path / "cache").glob("qr-*.svg")
    assert stored.read_text(encoding="utf-8") == first
    assert cached_qr_svg(url, tmp_path / "cache") == first
    assert cached_qr_svg("https://example.org/other/", tmp_path / "cache") != first
    assert cached_qr_svg(url, None) == first


def test_a_reused_handout_reports_its_warnings_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A warning must not vanish on the second build: --strict fails on a cached PDF as on a fresh one."""
    compile_pdf = render.compile_pdf

    def compile_with_a_warning(source: str) -> tuple[bytes, list[render.Problem]]:
        pdf, _warnings = compile_pdf(source)
        return pdf, [render.Problem("unknown font family: nope", 3, "#set text(font: ...)")]

    monkeypatch.setattr(render, "compile_pdf", compile_with_a_warning)
    cache = tmp_path / "cache"
    first = render_handout(job(tmp_path, "<h1>Leucine</h1><p>Body.</p>", cache))
    reused = render.reuse_handout(job(tmp_path, "<h1>Leucine</h1><p>Body.</p>", cache))
    assert first.warnings and reused is not None
    assert reused.warnings == first.warnings
    assert "unknown font family" in reused.warnings[0]


def test_a_changed_lua_filter_converts_the_article_again(tmp_path: Path, calls: dict[str, int],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    assert render_handout(job(tmp_path, "<h1>Leucine</h1><p>Body.</p>", cache)).error is None
    changed_filter = tmp_path / "handout.lua"
    changed_filter.write_bytes(render.LUA_FILTER.read_bytes() + b"\n-- changed\n")
    monkeypatch.setattr(render, "LUA_FILTER", changed_filter)
    assert render_handout(job(tmp_path, "<h1>Leucine</h1><p>Body.</p>", cache)).error is None
    assert calls == {"convert": 2, "typst": 1}  # the same body: the PDF itself is reused


def test_a_body_pandoc_wrote_is_reused_only_with_the_same_pandoc(tmp_path: Path, calls: dict[str, int],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    html = "<h1>Leucine</h1><p>A <q>quoted</q> word.</p>"
    cache = tmp_path / "cache"
    for _ in range(2):
        assert render_handout(job(tmp_path, html, cache)).error is None
    assert calls == {"convert": 1, "typst": 1}
    monkeypatch.setattr(render, "_pandoc_state", lambda: "another pandoc binary")
    assert render_handout(job(tmp_path, html, cache)).error is None
    assert calls == {"convert": 2, "typst": 1}


def test_a_failed_pdf_check_is_a_warning_naming_the_rule_and_comes_back_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`make site` runs the tests' PDF checks: a problem they find fails --strict like a Typst warning."""
    def one_problem(pdf: bytes, label: str) -> list[str]:
        return [f"{label}: PDF 2a rule PDFA2A-EXAMPLE-001 (object 7): an example"]

    monkeypatch.setattr(render, "check_pdf", one_problem)
    cache = tmp_path / "cache"
    first = render_handout(job(tmp_path, "<h1>Leucine</h1><p>Body.</p>", cache))
    reused = render.reuse_handout(job(tmp_path, "<h1>Leucine</h1><p>Body.</p>", cache))
    assert first.error is None and reused is not None
    assert any("PDFA2A-EXAMPLE-001 (object 7)" in warning for warning in first.warnings)
    assert reused.warnings == first.warnings
