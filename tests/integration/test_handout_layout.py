"""The handouts and booklets as a reader sees them on paper (issue 24): a patient leaflet's type, line
length and page breaks, and a title heading that holds only the title.

Read back from the built PDFs with pypdf (tests/support/pdf_layout.py): every text run's font and
effective size, lines by position, the tag tree's H1 elements and their marked text.
"""

from __future__ import annotations

import html
import itertools
import re
import statistics
from functools import cache
from pathlib import Path

from atlas.handouts.naming import booklet_filename
from pypdf import PdfReader

from tests.integration.test_handouts import LANGUAGES, _config
from tests.support.pdf_layout import (
    body_font,
    child_roles,
    content_lines,
    element_text,
    structure_elements,
)
from tests.support.site import BuiltSite

BODY_FACE = "AtkinsonHyperlegible-Regular"  # hooks/atlas/handouts/fonts: sans-serif, open licence
MIN_BODY_SIZE = 11.0  # points; leaflet guidance asks 12 (the template sets 12)
TYPICAL_LINE = 75  # characters: 95 % of body lines at most this long
LONGEST_LINE = 85  # characters: no body line longer (narrow letters, "il", fit a few more on a line)
MIN_LINES_ON_A_PAGE = 6  # fewer: a page holding only a disclaimer, a lone note or a stray end
LIST_START = re.compile(r"^(\u2022|\u2013|\d+\.\s)")  # a bullet, a dash or "1. "
BOOKLETS = {booklet_filename(_config()["site_name"], lang) for lang in LANGUAGES}
LEADERS = re.compile(r"(\.\s?){4,}")  # the contents page's dotted leaders


@cache
def _reader(path: Path) -> PdfReader:
    return PdfReader(path)


def _pdfs(site: BuiltSite) -> list[Path]:
    found = sorted(site.root.rglob("*.pdf"))
    assert len(found) >= 20, f"expected handouts and booklets of both languages, found {len(found)}"
    return found


def _name(site: BuiltSite, pdf: Path) -> str:
    return pdf.relative_to(site.root).as_posix()


def test_body_text_is_a_sans_serif_of_at_least_11_pt(built_site: BuiltSite) -> None:
    wrong = []
    for pdf in _pdfs(built_site):
        face, size = body_font(_reader(pdf))
        if face != BODY_FACE or size < MIN_BODY_SIZE:
            wrong.append(f"{_name(built_site, pdf)}: body text in {face} at {size} pt")
    assert not wrong, "\n".join(wrong)


def test_body_lines_stay_within_about_75_characters(built_site: BuiltSite) -> None:
    wrong = []
    for pdf in _pdfs(built_site):
        reader = _reader(pdf)
        _, size = body_font(reader)
        lengths = []
        for page in reader.pages:
            for line in content_lines(page):
                if line.size == size and not LEADERS.search(line.text):
                    lengths.append((line.chars_at(size), line.text))
        counts = sorted(n for n, _ in lengths)
        typical = counts[int(0.95 * (len(counts) - 1))]
        longest = max(lengths)
        if typical > TYPICAL_LINE or longest[0] > LONGEST_LINE:
            wrong.append(f"{_name(built_site, pdf)}: 95 % of lines up to {typical} characters (median "
                         f"{statistics.median(counts)}), longest {longest[0]}: {longest[1]!r}")
    assert not wrong, "\n".join(wrong)


def test_no_page_ends_with_a_heading_or_a_list_intro(built_site: BuiltSite) -> None:
    """A heading, or a "…:" line whose list starts on the next page, is never a page's last line."""
    wrong = []
    for pdf in _pdfs(built_site):
        reader = _reader(pdf)
        _, size = body_font(reader)
        pages = [content_lines(page) for page in reader.pages]
        for number, (lines, following) in enumerate(itertools.pairwise(pages), start=1):
            if not lines or not following:
                continue
            last, next_first = lines[-1], following[0]
            if last.size > size + 0.5:
                wrong.append(f"{_name(built_site, pdf)} p. {number} ends with the heading {last.text!r}")
            elif last.text.endswith(":") and LIST_START.match(next_first.text):
                wrong.append(f"{_name(built_site, pdf)} p. {number} ends with the intro {last.text!r}, "
                             f"its list starts on p. {number + 1}")
    assert not wrong, "\n".join(wrong)


def test_no_page_is_nearly_empty(built_site: BuiltSite) -> None:
    wrong = []
    for pdf in _pdfs(built_site):
        for number, page in enumerate(_reader(pdf).pages, start=1):
            lines = content_lines(page)
            if len(lines) < MIN_LINES_ON_A_PAGE:
                wrong.append(f"{_name(built_site, pdf)} p. {number}: only {len(lines)} lines: "
                             + " / ".join(line.text for line in lines))
    assert not wrong, "\n".join(wrong)


def _html_title(built_site: BuiltSite, pdf: Path) -> str:
    page = (pdf.parent / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert heading, f"{pdf.parent}/index.html has no h1"
    return html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))).replace("¶", "").strip()


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def test_the_title_heading_holds_only_the_title(built_site: BuiltSite) -> None:
    """A screen reader reads the H1 as the title: no site line, date, address or QR code inside it."""
    wrong = []
    for pdf in _pdfs(built_site):
        reader = _reader(pdf)
        headings = structure_elements(reader, "/H1")
        if not headings:
            wrong.append(f"{_name(built_site, pdf)}: no H1")
        for heading in headings:
            nested, text = child_roles(heading), _squeezed(element_text(reader, heading))
            if nested or not text or "http" in text:
                wrong.append(f"{_name(built_site, pdf)}: H1 {text!r} holds {nested or 'an address'}")
        if headings and pdf.name not in BOOKLETS:  # a handout's one H1 is its page's title
            title = _squeezed(element_text(reader, headings[0]))
            if title != _squeezed(_html_title(built_site, pdf)):
                wrong.append(f"{_name(built_site, pdf)}: H1 {title!r}, the page's title is "
                             f"{_html_title(built_site, pdf)!r}")
    assert not wrong, "\n".join(wrong)


def test_the_booklet_cover_says_what_it_is_who_made_it_when_checked_and_where_it_lives(
    built_site: BuiltSite,
) -> None:
    from atlas.labels import labels_for

    config = _config()
    handouts = config["extra"]["atlas"]["handouts"]
    for lang in LANGUAGES:
        name = booklet_filename(config["site_name"], lang)
        pdf = built_site.root / name if lang == LANGUAGES[0] else built_site.root / lang / name
        cover = _squeezed(_reader(pdf).pages[0].extract_text())
        labels = labels_for("handouts", lang, handouts.get("labels"), LANGUAGES[0])
        expected = [
            labels["booklet_kind"],
            labels["booklet_made_by"].replace("{site}", config["site_name"]),
            labels["booklet_checked"].split("{date}")[0].strip(),
            labels["booklet_web"],
            config["site_url"] if lang == LANGUAGES[0] else f"{config['site_url']}{lang}/",
        ]
        missing = [text for text in expected if _squeezed(text) not in cover]
        assert not missing, f"{name}: the cover lacks {missing}: {cover!r}"
        assert re.search(r"\d{4}-\d{2}-\d{2}", cover), f"{name}: no date of the last check on the cover"
