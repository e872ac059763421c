"""Pandoc conversion with the Lua filter, atomic writes and failures that name the page."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import atlas.handouts.convert as convert_module
import pytest
import segno
from atlas.handouts.cache import write_atomically
from atlas.handouts.render import (
    DEFAULT_TEMPLATE,
    BookletJob,
    HandoutJob,
    Rendered,
    article_to_typst,
    compile_pdf,
    render_all,
    render_booklet,
    render_handout,
)
from atlas.handouts.source import ArticleFacts, BookletCover, handout_source
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
    html = '<p>x</p><img src="/broken.png" alt="x">'  # below the build folder (Typst's root)
    job = HandoutJob("docs/broken.md", html, _facts(), "", output, TEMPLATE, root=tmp_path)
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


# -- PDF/UA-1 and PDF/A-2a: labels, images, tables, links, admonitions ------------------------------

REFERENCES = (
    '<p>Claim <a class="atlas-cite__ref" href="#ref-a">1</a><span class="atlas-cite" id="cite-1"></span>.</p>'
    '<h2 id="references">References</h2><ol>'
    '<li id="ref-a"><span class="atlas-ref__text" id="ref-text-a">Author A. A title. 2020.</span></li>'
    '<li id="ref-b"><span class="atlas-ref__text" id="ref-text-b">Author B. Unused. 2021.</span></li></ol>'
)


def test_a_reference_gets_one_label_before_its_text_and_unlinked_ids_none() -> None:
    """A reference's `<li id>` around its `<span id>` used to give one piece of text two labels."""
    typst_text = article_to_typst(REFERENCES)
    assert "#metadata(none)<ref-a>Author A." in typst_text
    assert "#link(<ref-a>)[1]" in typst_text
    for unlinked in ("ref-text-a", "ref-b", "ref-text-b", "cite-1"):
        assert f"<{unlinked}>" not in typst_text


def test_references_compile_without_warnings_and_the_link_lands_on_the_reference(tmp_path: Path) -> None:
    filler = "<p>" + "Filler. " * 900 + "</p>"  # two pages between the citation and its reference
    html = "<h1>Title</h1>" + REFERENCES.replace('<h2 id="references">', filler + '<h2 id="references">')
    result = _render(tmp_path, html, "Title")
    assert result.error is None and result.warnings == ()
    reader = PdfReader(tmp_path / "a.pdf")
    links = [(number, annotation.get_object()["/Dest"]) for number, page in enumerate(reader.pages)
             for annotation in page.get("/Annots") or [] if "/Dest" in annotation.get_object()]
    assert len(links) == 1
    source_page, destination = links[0]
    target_page = reader.get_page_number(destination[0].get_object())
    assert source_page == 0 and "Author A." in reader.pages[target_page].extract_text()


def test_images_keep_their_alt_text_and_decorative_ones_become_artifacts(tmp_path: Path) -> None:
    picture = tmp_path / "a chart.png"
    segno.make("x").save(picture, kind="png", scale=4)
    html = ('<h1>Title</h1><p><img src="/a chart.png" alt="Chart of plasma glutamine" width="120"> '
            '<img src="/a chart.png" alt=""></p>')
    typst_text = article_to_typst(html)
    assert 'alt: "Chart of plasma glutamine"' in typst_text and "width: 90.00pt" in typst_text
    assert "#pdf.artifact(box(image(" in typst_text
    result = _render(tmp_path, html, "Title")
    assert result.error is None, result.error
    figures = [node for node in _elements(PdfReader(tmp_path / "a.pdf")) if node["/S"] == "/Figure"]
    alts = [str(figure.get("/Alt")) for figure in figures]
    assert alts == ["Chart of plasma glutamine"]  # the decorative one is no figure (no QR code in _facts)


def test_a_header_row_in_the_table_body_becomes_the_header(tmp_path: Path) -> None:
    html = ("<h1>Title</h1><table><tbody><tr><th>Dose</th><th>Effect</th></tr>"
            "<tr><td>5 g</td><td>None</td></tr></tbody></table>")
    assert "table.header([Dose], [Effect],)" in article_to_typst(html)
    result = _render(tmp_path, html, "Title")
    assert result.error is None, result.error
    tags = [str(node["/S"]) for node in _elements(PdfReader(tmp_path / "a.pdf"))]
    cells = [tag for tag in tags if tag in ("/TH", "/TD")]
    assert cells == ["/TH", "/TH", "/TD", "/TD"]


def test_a_link_without_text_is_dropped_but_an_image_link_stays() -> None:
    typst_text = article_to_typst(
        '<p id="x">A<a href="#x"></a> <a href="https://example.org/"> </a></p>'
        '<p><a href="https://example.org/"><img src="/nowhere.png" alt="Logo"></a></p>'
    )
    assert typst_text.count("#link(") == 1 and typst_text.count("#atlas-url(") == 1  # the image link
    assert '#link("https://example.org/")[#box(image("/nowhere.png", alt: "Logo"))]' in typst_text


def test_skipped_heading_levels_fail_the_handout_with_typst_s_reason(tmp_path: Path) -> None:
    html = "<h1>Title</h1><h3>Too deep</h3><p>Text.</p>"
    result = _render(tmp_path, html, "Title")
    assert result.page == "docs/a.md"
    assert result.error and "heading" in result.error and "Too deep" in result.error
    assert not (tmp_path / "a.pdf").exists()


GENERIC_BOXES = (
    '<h1>Glutamine</h1>'
    '<div class="admonition abstract key-points"><p class="admonition-title">In het kort</p>'
    "<p>Glutamine is het talrijkste vrije aminozuur.</p></div>"
    '<div class="admonition danger safety-first"><p class="admonition-title">Eerst veiligheid</p>'
    "<p>Niet bij leverziekte.</p></div>"
    '<details class="warning careful"><summary>Let op</summary><p>Niet verhitten.</p></details>'
    '<p>Een bewering.<sup id="fnref:geen-bron">'
    '<a class="footnote-ref" href="#fn:geen-bron">geen bron</a></sup></p>'
    '<div class="footnote"><hr><ol><li id="fn:geen-bron"><p>Zonder gepubliceerde bron.&nbsp;'
    '<a class="footnote-backref" href="#fnref:geen-bron">&#8617;</a></p></li></ol></div>'
)


def test_generic_admonitions_and_the_no_source_marker_come_out_as_boxes_and_a_link(tmp_path: Path) -> None:
    """Boxes of any type and extra classes (`!!! danger safety-first "..."`), collapsible ones too."""
    from atlas.handouts.clean import clean_article

    html = clean_article(GENERIC_BOXES)
    typst_text = article_to_typst(html)
    assert '#atlas-note(kind: "abstract", title: [In het kort])[' in typst_text
    assert '#atlas-note(kind: "danger", title: [Eerst veiligheid])[' in typst_text
    assert '#atlas-note(kind: "warning", title: [Let op])[' in typst_text
    assert "#link(<fn:geen-bron>)[geen~bron]" in typst_text  # one unbreakable label
    result = _render(tmp_path, html, "Glutamine")
    assert result.error is None and result.warnings == ()
    text = " ".join(PdfReader(tmp_path / "a.pdf").pages[0].extract_text().split())
    for words in ("In het kort", "Glutamine is het talrijkste", "Eerst veiligheid", "Niet bij leverziekte",
                  "Let op", "Niet verhitten", "geen bron", "Zonder gepubliceerde bron"):
        assert words in text


def test_the_marker_notes_get_a_heading_their_links_name_and_the_boxes_are_sections(tmp_path: Path) -> None:
    """The notes come under a heading of their own (the label `notes`), in place of the web page's rule,
    so a marker's link says where it goes ("Ga naar: Toelichting"); each box is a Sect (issue 24)."""
    from atlas.handouts.clean import clean_article

    html = clean_article(GENERIC_BOXES)
    typst_text = article_to_typst(html)
    assert "#atlas-notes[" in typst_text and "#horizontalrule" not in typst_text
    facts = dataclasses.replace(_facts("Glutamine"), lang="nl", notes_title="Toelichting",
                                link_to="Ga naar: {target}")
    result = render_handout(HandoutJob("docs/a.md", html, facts, "D.", tmp_path / "a.pdf", TEMPLATE,
                                       root=tmp_path))
    assert result.error is None and result.warnings == ()
    reader = PdfReader(tmp_path / "a.pdf")
    internal = [str(annotation.get_object()["/Contents"]) for page in reader.pages
                for annotation in page.get("/Annots") or [] if "/Dest" in annotation.get_object()]
    assert internal == ["Ga naar: Toelichting"]
    elements = _elements(reader)
    assert "Toelichting" in [str(element.get("/T")) for element in elements]
    sections = [element for element in elements if element["/S"] == "/Sect"]
    assert len(sections) == 3  # "In het kort", "Eerst veiligheid", "Let op"


def _render(tmp_path: Path, html: str, title: str) -> Rendered:
    return render_handout(HandoutJob("docs/a.md", html, _facts(title), "D.", tmp_path / "a.pdf", TEMPLATE,
                                     root=tmp_path))


def _elements(reader: PdfReader) -> list:
    """Every structure element of the PDF, depth first."""
    found, stack = [], [reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
        for kid in reversed(kids):
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if hasattr(kid, "get") and "/S" in kid:
                found.append(kid)
                stack.append(kid)
    return found


def test_a_typst_warning_quotes_the_text_it_is_about() -> None:
    source = handout_source(TEMPLATE, _facts(), "D.", "= Leucine\nThe claim.<one><two>")
    _, warnings = compile_pdf(source)
    assert [w.message for w in warnings] == [
        "content labelled multiple times (hint: only the last label is used, the rest are ignored)"]
    assert warnings[0].line == len(source.splitlines()) and "The claim." in warnings[0].excerpt
    assert "near \u201c" in warnings[0].describe()


def test_a_booklet_warning_names_the_article_it_is_in(tmp_path: Path) -> None:
    cover = BookletCover("Atlas", "Atlas", "en", "English", "Contents", "https://example.org/", "", "", "QR")
    articles = [(_facts("One"), "= One\nFine."), (_facts("Two"), "= Two\nTwice.<a><b>")]
    result = render_booklet(BookletJob(cover, tmp_path / "atlas-en.pdf", TEMPLATE), articles,
                            ["docs/one.md", "docs/two.md"])
    assert result.error is None and len(result.warnings) == 1
    assert "in the article of docs/two.md" in result.warnings[0] and "Twice." in result.warnings[0]


def test_pandoc_s_warnings_come_back_with_the_result_instead_of_being_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    noisy = tmp_path / "noisy.lua"
    noisy.write_text('function Para(p) pandoc.log.warn("a paragraph") end\n', encoding="utf-8")
    monkeypatch.setattr(convert_module, "LUA_FILTER", noisy)
    # a quotation (<q>): the Python writer has no rule for it, so pandoc converts this article
    result = _render(tmp_path, "<h1>Title</h1><p>Text <q>quoted</q>.</p>", "Title")
    assert result.error is None
    assert len(result.warnings) == 1 and result.warnings[0].startswith("pandoc: ")
    assert "a paragraph" in result.warnings[0]
    assert "a paragraph" not in capfd.readouterr().err  # nothing printed past the build log


def test_articles_with_the_same_ids_keep_their_links_inside_themselves_in_the_booklet(tmp_path: Path) -> None:
    """Every article has `#references`, `#ref-a`, `#fn:geen-bron`: the per-article prefix keeps them apart."""
    from atlas.handouts.clean import CleanOptions, clean_article

    def article(title: str) -> str:
        filler = "<p>" + f"{title} filler. " * 500 + "</p>"
        return f'<h1 id="top">{title}</h1>' + GENERIC_BOXES.split("</h1>", 1)[1] + filler + REFERENCES

    titles = ["First", "Second", "Third"]
    cleaned = [clean_article(article(title), CleanOptions(id_prefix=f"{title}--")) for title in titles]
    articles = [(_facts(title), article_to_typst(html)) for title, html in zip(titles, cleaned, strict=True)]
    cover = BookletCover("Atlas", "Atlas", "en", "English", "Contents", "https://example.org/", "", "", "QR")
    result = render_booklet(BookletJob(cover, tmp_path / "atlas-en.pdf", TEMPLATE), articles, titles)
    assert result.error is None and result.warnings == ()
    reader = PdfReader(tmp_path / "atlas-en.pdf")
    tops = [item for item in reader.outline if not isinstance(item, list)]
    starts = [reader.get_destination_page_number(item) for item in tops]
    assert len(starts) == 3
    article_of = {page: index for index, start in enumerate(starts)
                  for page in range(start, [*starts[1:], len(reader.pages)][index])}
    landed = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            destination = annotation.get_object().get("/Dest")
            if destination is not None and number in article_of:
                target = reader.get_page_number(destination.get_object()[0].get_object())
                landed.append((article_of[number], article_of.get(target)))
    assert len(landed) == 3 * 2  # per article: the citation and the "geen bron" marker
    assert all(source == target for source, target in landed), landed
