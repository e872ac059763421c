"""PDF handouts of the real site (built once, `built_site`) and of a fixture whose handout fails.

Every PDF must declare PDF/UA-1 and PDF/A-2a and show it: title, language, tags, alt text on every
figure, heading levels in order, and in the booklet every internal link lands in its own article.
`page` (the page-validation package: veraPDF's PDF/UA-1 and PDF/A rules, reimplemented in Rust)
checks the machine-checkable rules of both standards independently of our own checks.
"""

from __future__ import annotations

import html as html_module
import itertools
import os
import re
import unicodedata
import xml.etree.ElementTree as ET
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import page as pdf_validator
import pytest
import yaml
from atlas.handouts.clean import DEFAULT_STRIP, CleanOptions, clean_article, extract_article
from atlas.handouts.naming import booklet_filename, handout_filename, page_slug, source_key
from atlas.handouts.pdf_check import check_pdf
from atlas.handouts.render import DEFAULT_TEMPLATE
from atlas.labels import labels_for
from atlas.pages import is_source
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from tests.support.site import BuiltSite, build_site, copy_fixture

ROOT = Path(__file__).resolve().parents[2]
A4 = (595.28, 841.89)  # points
LANGUAGES = ("nl", "en")
FIRST_WORDS = 6


def _config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def _handout_settings() -> dict:
    return (_config().get("extra") or {}).get("atlas", {}).get("handouts") or {}


def _locales() -> list[str]:
    """The project's locales from mkdocs.yml, the default first."""
    i18n = next(p["i18n"] for p in _config()["plugins"] if isinstance(p, dict) and "i18n" in p)
    return [lang["locale"] for lang in sorted(i18n["languages"], key=lambda lang: not lang.get("default"))]


def _articles() -> list[str]:
    """Source pages (Dutch names) that get a handout: every page but the configured exclusions."""
    excluded = set(_handout_settings().get("exclude", []))
    pages = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))
    locales = _locales()
    return [p for p in pages if is_source(p, locales) and source_key(p, locales) not in excluded]


def _page_dir(site: Path, src: str, lang: str) -> Path:
    default = LANGUAGES[0]
    base = site if lang == default else site / lang
    folder = src.removesuffix(".md").removesuffix("index").rstrip("/")
    return base / folder if folder else base


CASES = [(src, lang) for src in _articles() for lang in LANGUAGES]


def _normal(text: str) -> str:
    """Letters and digits only: line breaks, hyphenation and ligatures do not matter."""
    text = re.sub(r"⟨[^⟩]*⟩", "", unicodedata.normalize("NFKC", text), flags=re.S)  # printed web addresses
    return re.sub(r"[\W_]+", "", text.lower())


@cache
def _pdf(path: Path) -> tuple[PdfReader, str]:
    reader = PdfReader(path)
    return reader, "\n".join(page.extract_text() or "" for page in reader.pages)


class _Article(HTMLParser):
    """Headings, paragraphs and DOI links of a cleaned article."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []  # (id, text)
        self.paragraphs: list[str] = []
        self.dois: list[str] = []
        self._open: list[tuple[str, str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and (values.get("href") or "").startswith("https://doi.org/"):
            self.dois.append(values["href"] or "")
        if re.fullmatch(r"h[1-6]|p", tag):
            self._open.append((tag, values.get("id") or "", []))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            name, ident, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            if name == "p":
                self.paragraphs.append(text)
            else:
                self.headings.append((ident, text))

    def handle_data(self, data: str) -> None:
        for _, _, parts in self._open:
            parts.append(data)


def _article(page: Path) -> _Article:
    """The article as the handout should show it: without the web-only parts mkdocs.yml names."""
    strip = (*DEFAULT_STRIP, *_handout_settings().get("strip", ()))
    parser = _Article()
    parser.feed(clean_article(extract_article(page.read_text(encoding="utf-8")), CleanOptions(strip=strip)))
    return parser


def _ids(case: tuple[str, str]) -> str:
    return f"{case[1]}:{case[0]}"


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_every_article_has_an_a4_handout_linked_from_its_page(
    built_site: BuiltSite, case: tuple[str, str]
) -> None:
    src, lang = case
    folder = _page_dir(built_site.root, src, lang)
    pdf = folder / handout_filename(src, lang, _locales())
    assert pdf.is_file(), f"missing handout {pdf.relative_to(built_site.root)}"
    reader, _ = _pdf(pdf)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.5)
    html = (folder / "index.html").read_text(encoding="utf-8")
    action = re.search(rf'<a href="{re.escape(pdf.name)}" download [^>]*aria-label="([^"]+)"', html)
    assert action, f"{src} ({lang}) has no PDF action linking {pdf.name}"
    assert action.group(1).strip()


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_handout_text_holds_the_whole_article(built_site: BuiltSite, case: tuple[str, str]) -> None:
    """No silent loss: title, every heading, every paragraph's first words, the references."""
    src, lang = case
    folder = _page_dir(built_site.root, src, lang)
    reader, text = _pdf(folder / handout_filename(src, lang, _locales()))
    pdf_text = _normal(text)
    article = _article(folder / "index.html")
    assert article.headings, "the article has no heading"
    for _, heading in article.headings:
        assert _normal(heading) in pdf_text, f"heading {heading!r} is missing"
    for paragraph in article.paragraphs:
        first = " ".join(paragraph.split()[:FIRST_WORDS])
        assert _normal(first) in pdf_text, f"paragraph starting {first!r} is missing"
    for ident, heading in article.headings:
        if ident == "references":
            assert _normal(heading) in pdf_text
    uris = {
        str(annotation.get_object()["/A"].get("/URI"))
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    }
    missing = [doi for doi in article.dois if doi not in uris]
    assert not missing, f"DOI links missing from the PDF: {missing}"


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_handout_shows_url_page_numbers_language_and_disclaimer(
    built_site: BuiltSite, case: tuple[str, str]
) -> None:
    src, lang = case
    folder = _page_dir(built_site.root, src, lang)
    reader, text = _pdf(folder / handout_filename(src, lang, _locales()))
    html = (folder / "index.html").read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    assert canonical and canonical.group(1) in text.replace("\n", "")
    first_page = reader.pages[0].extract_text()
    assert f"1 / {len(reader.pages)}" in first_page
    assert re.search(r"\d{4}-\d{2}-\d{2}", first_page), "no last-reviewed date on the first page"
    content_lang = re.search(r'<html[^>]* lang="([^"]+)"', html)
    assert reader.trailer["/Root"]["/Lang"] in {lang, content_lang.group(1) if content_lang else lang}
    disclaimer = (_handout_settings().get("disclaimer") or {}).get(str(reader.trailer["/Root"]["/Lang"]))
    if disclaimer:
        assert _normal(disclaimer) in _normal(text)


def _nav_order() -> list[str]:
    """Source pages in the order of the navigation in mkdocs.yml."""

    def walk(entries: list) -> list[str]:
        found: list[str] = []
        for entry in entries:
            values = entry.values() if isinstance(entry, dict) else [entry]
            for value in values:
                found += walk(value) if isinstance(value, list) else [value] if isinstance(value, str) else []
        return found

    return walk(_config()["nav"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_booklet_has_every_article_in_navigation_order_and_contents(built_site: BuiltSite, lang: str) -> None:
    base = built_site.root if lang == LANGUAGES[0] else built_site.root / lang
    reader, text = _pdf(base / booklet_filename(_config()["site_name"], lang))
    articles = [src for src in _nav_order() if src in _articles()]
    pages = [_article(_page_dir(built_site.root, src, lang) / "index.html") for src in articles]
    titles = [_normal(page.headings[0][1]) for page in pages]
    bookmarks = [_normal(item.title) for item in reader.outline if not isinstance(item, list)]
    assert bookmarks == titles, "the booklet's articles are not in navigation order"
    pdf_text = _normal(text)
    for src in articles:
        for _, heading in _article(_page_dir(built_site.root, src, lang) / "index.html").headings:
            assert _normal(heading) in pdf_text, f"{src}: heading {heading!r} is not in the booklet"


@pytest.mark.parametrize("excluded", ["glossary/index.html", "en/about/index.html"])
def test_pages_without_handout_have_no_pdf_action(built_site: BuiltSite, excluded: str) -> None:
    assert "atlas-handout-action" not in built_site.page(excluded)


@pytest.mark.parametrize(("home", "booklet"), [("index.html", "amino-atlas-nl.pdf"),
                                               ("en/index.html", "amino-atlas-en.pdf")])
def test_home_page_offers_the_booklet_of_its_language(built_site: BuiltSite, home: str, booklet: str) -> None:
    link = re.search(r'<a href="([^"]+\.pdf)" download[^>]*atlas-handout-action', built_site.page(home))
    assert link and link.group(1) == booklet
    assert (built_site.root / home).parent.joinpath(booklet).read_bytes().startswith(b"%PDF")


@pytest.mark.slow
def test_a_failing_handout_fails_the_build_naming_the_page(tmp_path: Path) -> None:
    project = tmp_path / "project"
    config = copy_fixture("handouts-broken", project)
    env = {k: v for k, v in os.environ.items() if k != "ATLAS_HANDOUTS"}
    result = build_site(config, tmp_path / "site", env=env)
    assert result.returncode != 0
    named = re.search(r"ERROR\s+-\s+docs/broken\.md: the PDF handout could not be rendered", result.log)
    assert named, result.log
    assert "Traceback" not in result.log
    site = tmp_path / "site"
    assert not (site / "broken" / "broken-en.pdf").exists()
    assert not list(site.rglob("*.part")), "a temporary file was left behind"
    assert (site / "fine" / "fine-en.pdf").is_file()


@pytest.mark.slow
def test_a_failing_handout_of_the_first_language_fails_the_build_after_the_other(tmp_path: Path) -> None:
    """The Dutch handouts are rendered while static-i18n builds the English pages inside the Dutch build:
    the broken Dutch one still fails the whole build, once every render has ended, naming its page."""
    project = tmp_path / "project"
    config = copy_fixture("handouts-broken-i18n", project)
    env = {k: v for k, v in os.environ.items() if k not in ("ATLAS_HANDOUTS", "ATLAS_HANDOUTS_CACHE")}
    env["ATLAS_HANDOUTS_CACHE"] = "0"
    result = build_site(config, tmp_path / "site", env=env)
    assert result.returncode != 0
    errors = re.findall(r"ERROR\s+-\s+(\S+): the PDF handout could not be rendered", result.log)
    assert errors == ["docs/broken.md"], result.log
    assert "Traceback" not in result.log
    assert result.log.index("Building 'en'") < result.log.index("docs/broken.md: the PDF handout")
    site = tmp_path / "site"
    booklet = booklet_filename("Broken handout", "nl")
    assert not (site / "broken" / "broken-nl.pdf").exists()
    assert not (site / booklet).exists(), "a booklet without the broken article"
    assert (site / "fine" / "fine-nl.pdf").is_file()
    for pdf in ("fine/fine-en.pdf", "broken/broken-en.pdf", booklet_filename("Broken handout", "en")):
        assert (site / "en" / pdf).is_file(), pdf  # the other language was built and rendered whole
    assert not list(site.rglob("*.part")), "a temporary file was left behind"


@pytest.mark.slow
def test_a_typst_warning_in_either_language_fails_a_strict_build(tmp_path: Path) -> None:
    """The warnings of PDFs rendered alongside the HTML are logged at the end of the outermost build,
    while its --strict count is still open: each one fails the build, naming its page or booklet."""
    project = tmp_path / "project"
    config = copy_fixture("handouts-broken-i18n", project)
    for name in ("broken.md", "broken.en.md"):
        (project / "docs" / name).unlink()
    text = config.read_text(encoding="utf-8").replace("  - Broken: broken.md\n", "")
    text = text.replace("      exclude: [index.md]", "      exclude: [index.md]\n      template: tpl.typ")
    config.write_text(text, encoding="utf-8")
    template = DEFAULT_TEMPLATE.read_text(encoding="utf-8")
    assert 'font: "DejaVu Sans Mono"' in template  # replaced by a font Typst does not have
    (project / "tpl.typ").write_text(template.replace('font: "DejaVu Sans Mono"', 'font: "No Such Font"'),
                                     encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("ATLAS_HANDOUTS", "ATLAS_HANDOUTS_CACHE")}
    env["ATLAS_HANDOUTS_CACHE"] = "0"
    result = build_site(config, tmp_path / "site", env=env)
    assert result.returncode != 0
    warned = re.findall(r"WARNING\s+-\s+(\S+): the PDF handout has a problem: unknown font", result.log)
    # in navigation order, language by language, each booklet after its articles
    assert warned == ["docs/fine.md", "broken-handout-nl.pdf", "docs/fine.en.md", "broken-handout-en.pdf"], (
        result.log)
    assert "Aborted with 4 warnings in strict mode" in result.log


# -- PDF/UA-1 and PDF/A-2a --------------------------------------------------------------------------

XMP_NAMESPACES = {
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


def _booklet_path(site: Path, lang: str) -> Path:
    base = site if lang == LANGUAGES[0] else site / lang
    return base / booklet_filename(_config()["site_name"], lang)


PDF_CASES = [(f"{lang}:{src}", src, lang) for src, lang in CASES] + [
    (f"{lang}:booklet", "", lang) for lang in LANGUAGES
]


def _pdf_under_test(site: Path, src: str, lang: str) -> tuple[Path, Path | None]:
    """The PDF and the built page it was made from (None for a booklet)."""
    if not src:
        return _booklet_path(site, lang), None
    folder = _page_dir(site, src, lang)
    return folder / handout_filename(src, lang, _locales()), folder / "index.html"


def _xmp_value(root: ET.Element, prefix: str, name: str) -> str | None:
    """An XMP property, written as an element or as an attribute of rdf:Description."""
    tag = f"{{{XMP_NAMESPACES[prefix]}}}{name}"
    for description in root.iter(f"{{{XMP_NAMESPACES['rdf']}}}Description"):
        if tag in description.attrib:
            return description.attrib[tag]
        element = description.find(tag)
        if element is not None:
            return "".join(element.itertext()).strip()
    return None


def _structure(node: DictionaryObject) -> list[DictionaryObject]:
    """Every structure element under `node`, in document order."""
    found: list[DictionaryObject] = []
    kids = node.get("/K")
    kids = kids if isinstance(kids, ArrayObject) else [kids] if kids is not None else []
    for kid in kids:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            found += [kid, *_structure(kid)]
    return found


@pytest.mark.parametrize(("case", "src", "lang"), PDF_CASES, ids=[case[0] for case in PDF_CASES])
def test_pdf_declares_and_meets_pdf_ua_1_and_pdf_a_2a(
    built_site: BuiltSite, case: str, src: str, lang: str
) -> None:
    pdf, page = _pdf_under_test(built_site.root, src, lang)
    reader, _ = _pdf(pdf)
    root = reader.trailer["/Root"]
    xmp = ET.fromstring(root["/Metadata"].get_object().get_data())
    assert _xmp_value(xmp, "pdfuaid", "part") == "1", "XMP does not declare PDF/UA-1"
    assert _xmp_value(xmp, "pdfaid", "part") == "2", "XMP does not declare PDF/A-2"
    assert _xmp_value(xmp, "pdfaid", "conformance") == "A", "XMP does not declare conformance level A"

    html = page.read_text(encoding="utf-8") if page else built_site.page(
        "index.html" if lang == LANGUAGES[0] else f"{lang}/index.html")
    html_lang = re.search(r'<html[^>]* lang="([^"]+)"', html)
    assert html_lang and root["/Lang"] == html_lang.group(1), "the PDF's /Lang is not the page's language"

    title = str(reader.metadata.title or "")
    assert title.strip(), "the PDF has no title"
    assert _xmp_value(xmp, "dc", "title") == title
    html_title = re.search(r"<title>([^<]*)</title>", html)
    assert html_title and title in unicodedata.normalize("NFC", html_module.unescape(html_title.group(1)))
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]), "viewers would show the file name"

    assert bool(root["/MarkInfo"]["/Marked"]), "the PDF is not marked as tagged"
    elements = _structure(root["/StructTreeRoot"].get_object())
    figures = [element for element in elements if element["/S"] == "/Figure"]
    assert figures, "no figure (the QR code) in the structure tree"
    assert all(str(figure.get("/Alt", "")).strip() for figure in figures), "a figure has no alt text"
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    assert canonical and any(canonical.group(1) in str(figure["/Alt"]) for figure in figures), (
        "no QR code alt text says where it leads (the page's address)")

    tags = [str(element["/S"]) for element in elements]
    levels = [int(tag[2:]) for tag in tags if re.fullmatch(r"/H[1-6]", tag)]
    assert levels and levels[0] == 1, "the first heading is not of level 1"
    skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert not skips, f"heading levels skipped: {skips}"
    tables = [element for element in elements if element["/S"] == "/Table"]
    for table in tables:
        assert any(cell["/S"] == "/TH" for cell in _structure(table)), "a table has no header cells"


@pytest.mark.parametrize(("case", "src", "lang"), PDF_CASES, ids=[case[0] for case in PDF_CASES])
@pytest.mark.parametrize("profile", ["ua1", "2a"])
def test_pdf_passes_an_independent_pdf_ua_1_and_pdf_a_2a_check(
    built_site: BuiltSite, case: str, src: str, lang: str, profile: str
) -> None:
    """The checks `make site` runs too (atlas.handouts.pdf_check): the rule checker, with a complaint
    about an object qpdf reads as valid counted only where it is not a known checker fault."""
    pdf, _ = _pdf_under_test(built_site.root, src, lang)
    problems = check_pdf(pdf.read_bytes(), case, (profile,))
    assert not problems, "\n".join(problems)
    assert pdf_validator.validate_pdf(pdf, profile=profile).rules.total > 100  # the whole profile ran


# Latin-1 letters, then a sample of Latin Extended-A (the dotless i spelled by code point)
LETTERS = ("á à â ä ã å æ ç é è ê ë í ì î ï ñ ó ò ô ö õ ø œ ß ú ù û ü ý ÿ "
           "ā ć č đ ē ę ě ğ ī \u0131 ł ń ň ő ř ś š ş ť ū ů ű ź ž")


@pytest.mark.slow
def test_a_page_with_accented_letters_gets_pdfs_that_pass_the_checks(tmp_path: Path) -> None:
    """A Dutch "kán" or "nát" (and Latin-1 and Latin Extended letters) once made a valid PDF fail CI;
    the build must write the PDFs and its own PDF checks must pass, as the tests' do."""
    project = tmp_path / "project"
    config = copy_fixture("handouts-broken", project)
    (project / "docs" / "broken.md").unlink()
    config.write_text(config.read_text(encoding="utf-8").replace("  - Broken: broken.md\n", ""),
                      encoding="utf-8")
    words = " ".join(f"W{letter}rd {letter.upper()}." for letter in LETTERS.split())
    (project / "docs" / "fine.md").write_text(
        "---\ntitle: Fine\nreviewed: 2026-11-21\n---\n\n# Fine\n\nDat kán nát zijn. " + words + "\n",
        encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("ATLAS_HANDOUTS", "ATLAS_HANDOUTS_CACHE")}
    env["ATLAS_HANDOUTS_CACHE"] = "0"
    result = build_site(config, tmp_path / "site", env=env)
    assert result.returncode == 0, result.log
    pdf = tmp_path / "site" / "fine" / "fine-en.pdf"
    assert "kán nát" in _pdf(pdf)[1]
    assert check_pdf(pdf.read_bytes(), "fine.md") == []


def _page_of(reader: PdfReader, destination: object) -> int:
    """The 0-based page a link's /Dest (explicit array or name) points to."""
    if isinstance(destination, list):
        return reader.get_page_number(destination[0].get_object())
    named = reader.named_destinations[str(destination)]
    return reader.get_destination_page_number(named)


def _internal_links(reader: PdfReader) -> list[tuple[int, int, str]]:
    """(page of the link, page it leads to, destination name or "") for every internal link."""
    links = []
    for number, pdf_page in enumerate(reader.pages):
        for annotation in pdf_page.get("/Annots") or []:
            annotation = annotation.get_object()
            destination = annotation.get("/Dest")
            if destination is None and "/A" in annotation and annotation["/A"].get("/S") == "/GoTo":
                destination = annotation["/A"]["/D"]
            if destination is not None:
                destination = destination.get_object()
                name = "" if isinstance(destination, list) else str(destination)
                links.append((number, _page_of(reader, destination), name))
    return links


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_internal_link_of_the_booklet_lands_in_its_own_article(
    built_site: BuiltSite, lang: str
) -> None:
    """Citation -> reference, footnote marker -> note, contents -> heading: never into another article.

    The articles' page ranges come from the top-level bookmarks (each article starts a page); what
    comes before the first article is the cover and the table of contents.
    """
    reader, _ = _pdf(_booklet_path(built_site.root, lang))
    articles = [src for src in _nav_order() if src in _articles()]
    tops = [item for item in reader.outline if not isinstance(item, list)]
    starts = [reader.get_destination_page_number(item) for item in tops]
    assert len(starts) == len(articles)
    ends = [*starts[1:], len(reader.pages)]
    article_of_page = {number: index for index, (start, end) in enumerate(zip(starts, ends, strict=True))
                       for number in range(start, end)}
    links = _internal_links(reader)
    in_articles = [link for link in links if link[0] in article_of_page]
    contents = [link for link in links if link[0] < starts[0]]
    assert in_articles, "no internal link in the articles (citations, footnotes)"
    strays = [(f"page {source + 1}", f"page {target + 1}") for source, target, _ in in_articles
              if article_of_page.get(target) != article_of_page[source]]
    assert not strays, f"internal links that leave their article: {strays}"

    outline_pages = []  # the bookmarks the table of contents shows: articles and their sections
    for item in reader.outline:
        children = item if isinstance(item, list) else [item]
        outline_pages += [reader.get_destination_page_number(child) for child in children
                          if not isinstance(child, list)]
    assert [target for _, target, _ in contents] == outline_pages, (
        "the table of contents does not lead to the headings, in order")

    slugs = [page_slug(src, _locales()) for src in articles]
    for _, target, name in links:  # every named destination is a label of the article it lands in
        if name:
            assert name.startswith(f"{slugs[article_of_page[target]]}--"), f"{name} lands outside its article"
    names = list(reader.named_destinations)
    assert len(names) == len(set(names))


@pytest.mark.slow
def test_a_key_with_non_ascii_letters_renders_in_the_handouts_and_the_booklet(tmp_path: Path) -> None:
    """Every key that renders on the web renders in the PDFs: `Jöhnsón2013` once failed the whole
    `make site` ("label <…--ref-Tèst2020> does not exist in the document")."""
    project = tmp_path / "content_site"
    config = copy_fixture("content_site", project)
    key = "Jöhnsón2013"
    for path in [project / "references.bib", *sorted((project / "docs").rglob("*.md"))]:
        path.write_text(path.read_text(encoding="utf-8").replace("johnson2013", key), encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('hooks:\n', 'hooks:\n  - "' + str(ROOT / "hooks" / "handouts_hook.py")
                                   + '"\n', 1), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("ATLAS_HANDOUTS", "ATLAS_HANDOUTS_CACHE")}
    env["ATLAS_HANDOUTS_CACHE"] = "0"
    result = build_site(config, tmp_path / "site", env=env)
    assert result.returncode == 0, result.log
    pdfs = sorted((tmp_path / "site").rglob("*.pdf"))
    assert any(p.name.startswith("leucine-") for p in pdfs) and any("content-fixture" in p.name for p in pdfs)
    for pdf in [p for p in pdfs if p.name.startswith(("leucine-", "content-fixture"))]:
        reader, text = _pdf(pdf)
        links = [annot.get_object() for page in reader.pages for annot in (page.get("/Annots") or [])]
        assert "johnsonsc" in _normal(text), pdf.name  # the reference itself
        assert any(link.get("/Dest") or (link.get("/A") or {}).get("/D") for link in links), pdf.name


# -- structure Typst cannot write (atlas.handouts.pdf_tags): described links, boxes as sections --------

def _link_to(lang: str) -> str:
    """The label that describes an internal link in `lang` (the project's labels over the built-in ones)."""
    return str(labels_for("handouts", lang, _handout_settings().get("labels"), LANGUAGES[0])["link_to"])


def _link_annotations(reader: PdfReader) -> list[DictionaryObject]:
    annotations = [found.get_object() for pdf_page in reader.pages for found in pdf_page.get("/Annots") or []]
    return [annotation for annotation in annotations if annotation.get("/Subtype") == "/Link"]


def _is_internal(annotation: DictionaryObject) -> bool:
    action = annotation.get("/A")
    return "/Dest" in annotation or (action is not None and action.get("/S") == "/GoTo")


def _heading_titles(elements: list[DictionaryObject]) -> set[str]:
    return {" ".join(str(element.get("/T", "")).split()) for element in elements
            if re.fullmatch(r"/H[1-6]", str(element["/S"]))}


@pytest.mark.parametrize(("case", "src", "lang"), PDF_CASES, ids=[case[0] for case in PDF_CASES])
def test_every_link_says_where_it_goes(built_site: BuiltSite, case: str, src: str, lang: str) -> None:
    """PDF/UA-1 7.18.5: every link has a description; an internal one names the heading it leads to,
    in the document's language ("Ga naar: Referenties"), never just "page N"."""
    pdf, _ = _pdf_under_test(built_site.root, src, lang)
    reader, _ = _pdf(pdf)
    root = reader.trailer["/Root"]
    links = _link_annotations(reader)
    assert links and all(str(link.get("/Contents", "")).strip() for link in links), "a link has no /Contents"
    headings = _heading_titles(_structure(root["/StructTreeRoot"].get_object()))
    prefix, _, suffix = _link_to(str(root["/Lang"])).partition("{target}")
    internal = [str(link["/Contents"]) for link in links if _is_internal(link)]
    assert internal, "no internal link (citations, markers, contents)"
    named = [text.removeprefix(prefix).removesuffix(suffix) for text in internal]
    wrong = sorted({text for text, heading in zip(internal, named, strict=True)
                    if not text.startswith(prefix) or heading not in headings})
    assert not wrong, f"internal links that name no heading of the document: {wrong}"
    page = _pdf_under_test(built_site.root, src, lang)[1]
    if page:  # a handout's citations lead to its reference list
        references = [text for ident, text in _article(page).headings if ident == "references"]
        assert references and references[0] in named, "no citation link names the reference list"


def _box_titles(page: Path) -> list[str]:
    """The titles of the boxes (admonitions, evidence notes) of the article as the handout shows it."""
    strip = (*DEFAULT_STRIP, *_handout_settings().get("strip", ()))
    article = clean_article(extract_article(page.read_text(encoding="utf-8")), CleanOptions(strip=strip))
    titles = re.findall(r'<div class="admonition-title"[^>]*>(.*?)</div>', article, flags=re.S)
    return [" ".join(html_module.unescape(re.sub(r"<[^>]+>", "", title)).split()) for title in titles]


def _sections(reader: PdfReader) -> list[tuple[str, list[str]]]:
    """Each Sect element: the title of its first kid (a heading) and the types of all its kids."""
    found = []
    for element in _structure(reader.trailer["/Root"]["/StructTreeRoot"].get_object()):
        if element["/S"] == "/Sect":
            kids = [kid for kid in _structure(element) if kid.get("/P") == element.indirect_reference]
            first = kids[0] if kids and re.fullmatch(r"/H[1-6]", str(kids[0]["/S"])) else None
            found.append((" ".join(str(first.get("/T", "")).split()) if first else "",
                          [str(kid["/S"]) for kid in kids]))
    return found


@pytest.mark.parametrize(("case", "src", "lang"), PDF_CASES, ids=[case[0] for case in PDF_CASES])
def test_every_box_is_a_section_holding_its_title_and_content(
    built_site: BuiltSite, case: str, src: str, lang: str
) -> None:
    """Each box ("In het kort", "Wie moet oppassen?", evidence notes) is a Sect: its title heading
    first, then its content, so a screen reader knows where the box starts and ends."""
    pdf, page = _pdf_under_test(built_site.root, src, lang)
    reader, _ = _pdf(pdf)
    sources = [page] if page else [_page_dir(built_site.root, article, lang) / "index.html"
                                   for article in _nav_order() if article in _articles()]
    titles = [title for source in sources for title in _box_titles(source)]
    sections = _sections(reader)
    assert titles, "no box in the article (the test would prove nothing)" if src else "no box in the booklet"
    assert [title for title, _ in sections] == titles, "the sections are not the boxes, in order"
    empty = [title for title, kinds in sections if len(kinds) < 2]
    assert not empty, f"boxes whose section holds only the title: {empty}"
