"""The glossary core: parsing abbreviation files, case variants, appending, caching by content, and
keeping only a term's first mention marked."""

from __future__ import annotations

import re
from pathlib import Path

from atlas.glossary import (
    DEFAULT_FILE_TEMPLATE,
    GlossaryCache,
    append_glossary,
    glossary_path,
    keep_first_mentions,
    parse_glossary,
    with_capitalised_variants,
)

ROOT = Path(__file__).resolve().parents[2]


def test_parses_terms_and_explanations_in_file_order() -> None:
    glossary = parse_glossary("*[GLP-1]: darmhormoon\n\n*[acidose]:  verzuring  \n")
    assert glossary.entries == {"GLP-1": "darmhormoon", "acidose": "verzuring"}
    assert glossary.problems == ()


def test_comments_and_blank_lines_are_not_problems() -> None:
    glossary = parse_glossary("<!-- uitleg voor schrijvers -->\n\n*[GABA]: remmende signaalstof\n")
    assert glossary.problems == ()
    assert "uitleg" not in glossary.markdown


def test_reports_line_numbers_of_malformed_empty_and_duplicate_lines() -> None:
    text = "*[GABA]: remmend\nGABA: remmend\n*[MSG]:\n*[GABA]: nog eens\n"
    problems = {p.line: p.message for p in parse_glossary(text).problems}
    assert set(problems) == {2, 3, 4}
    assert "*[term]: explanation" in problems[2]
    assert "no explanation" in problems[3]
    assert "defined twice" in problems[4]


def test_lower_case_terms_also_match_at_the_start_of_a_sentence() -> None:
    variants = with_capitalised_variants({"glutathion": "antioxidant", "GABA": "remmend"})
    assert variants == {"glutathion": "antioxidant", "Glutathion": "antioxidant", "GABA": "remmend"}


def test_a_defined_capitalised_term_is_not_overridden_by_a_variant() -> None:
    variants = with_capitalised_variants({"colitis": "ontsteking", "Colitis": "eigen uitleg"})
    assert variants["Colitis"] == "eigen uitleg"


def test_rendered_markdown_is_abbreviation_syntax() -> None:
    glossary = parse_glossary("*[sepsis]: ontregeling door infectie\n")
    assert glossary.markdown == "*[sepsis]: ontregeling door infectie\n*[Sepsis]: ontregeling door infectie\n"


def test_appended_after_a_blank_line_so_the_last_paragraph_stays_intact() -> None:
    assert append_glossary("Laatste zin.\n\n\n", "*[X]: y\n") == "Laatste zin.\n\n*[X]: y\n"
    assert append_glossary("Tekst", "") == "Tekst"


def test_path_template_is_filled_per_locale_and_resolved_against_the_root(tmp_path: Path) -> None:
    assert glossary_path(DEFAULT_FILE_TEMPLATE, "en", tmp_path) == tmp_path / "includes/glossary.en.md"
    absolute = tmp_path / "g-{locale}.md"
    assert glossary_path(str(absolute), "nl", Path("/elders")) == tmp_path / "g-nl.md"


def test_cache_parses_identical_content_once_and_rereads_changed_content(tmp_path: Path) -> None:
    cache = GlossaryCache()
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("*[GABA]: remmend\n", encoding="utf-8")
    second.write_text("*[GABA]: remmend\n", encoding="utf-8")
    assert cache.load(first) is cache.load(second)
    assert cache.parses == 1
    first.write_text("*[GABA]: kalmerend\n", encoding="utf-8")
    loaded = cache.load(first)
    assert loaded is not None and loaded.entries == {"GABA": "kalmerend"}
    assert cache.parses == 2


def test_missing_file_is_none_and_bad_encoding_is_a_problem(tmp_path: Path) -> None:
    cache = GlossaryCache()
    assert cache.load(tmp_path / "absent.md") is None
    broken = tmp_path / "broken.md"
    broken.write_bytes(b"*[a]: b\n*[c]: \xff\n")
    loaded = cache.load(broken)
    assert loaded is not None and [p.line for p in loaded.problems] == [2]


def test_project_glossaries_parse_cleanly_and_match_the_glossary_page() -> None:
    """Every term of docs/glossary.md has a hover text in includes/glossary.nl.md; both files are valid."""
    dutch = parse_glossary((ROOT / "includes/glossary.nl.md").read_text(encoding="utf-8"))
    english = parse_glossary((ROOT / "includes/glossary.en.md").read_text(encoding="utf-8"))
    assert dutch.problems == () and english.problems == ()
    page = (ROOT / "docs/glossary.md").read_text(encoding="utf-8")
    page_terms = re.findall(r"^\*\*(.+?)\*\*\{#", page, flags=re.MULTILINE)
    assert len(page_terms) > 50
    # The site's main topics have pages of their own; a hover on each of their dozens of mentions
    # would underline half of every glutamine page, so they are deliberately not hover terms.
    own_page_topics = {"glutamine", "leucine"}
    assert [t for t in page_terms if t not in dutch.entries and t not in own_page_topics] == []


def _abbr(term: str, title: str = "explained") -> str:
    return f'<abbr title="{title}">{term}</abbr>'


def test_only_the_first_mention_of_a_term_keeps_its_mark() -> None:
    mtor = _abbr("mTOR", "sensor")
    html = f"<p>{mtor} and {mtor}.</p><p>Again {mtor}.</p>"
    assert keep_first_mentions(html) == f"<p>{mtor} and mTOR.</p><p>Again mTOR.</p>"


def test_capitalised_variant_counts_as_the_same_term() -> None:
    html = f"<p>{_abbr('Leucine', 'amino acid')} is {_abbr('leucine', 'amino acid')}</p>"
    assert keep_first_mentions(html) == f"<p>{_abbr('Leucine', 'amino acid')} is leucine</p>"


def test_marks_in_headings_and_links_go_and_the_first_mark_in_text_stays() -> None:
    glp = _abbr("GLP-1", "hormone")
    html = f'<h2 id="x">About {glp}</h2><p>See <a href="../glp/">{glp} page</a>; {glp} rises.</p><p>{glp}</p>'
    assert keep_first_mentions(html) == (
        f'<h2 id="x">About GLP-1</h2><p>See <a href="../glp/">GLP-1 page</a>; {glp} rises.</p><p>GLP-1</p>')


def test_different_terms_each_keep_their_first_mark_and_other_html_is_untouched() -> None:
    bcaa, mtor = _abbr("BCAA", "b"), _abbr("mTOR", "m")
    html = f'<p class="a">{bcaa} <em>{mtor}</em> {bcaa}</p>'
    assert keep_first_mentions(html) == f'<p class="a">{bcaa} <em>{mtor}</em> BCAA</p>'
    plain = "<p>No terms <a href='x'>here</a></p>"
    assert keep_first_mentions(plain) == plain


def test_abbr_and_aside_are_not_links() -> None:
    """`<abbr>` and `<aside>` start with `a`: only `<a …>` counts as a link."""
    html = f'<aside>{_abbr("X", "t")}</aside><p>{_abbr("Y", "u")}</p>'
    assert keep_first_mentions(html) == html
