"""The glossary core and its Markdown extension: parsing abbreviation files, case variants, caching by
content, marking terms from data, and keeping only a term's first mention marked."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from atlas.glossary import (
    DEFAULT_FILE_TEMPLATE,
    GlossaryCache,
    glossary_path,
    parse_glossary,
    with_capitalised_variants,
)
from atlas.glossary_extension import GlossaryExtension, compiled, trie_pattern

ROOT = Path(__file__).resolve().parents[2]


def test_parses_terms_and_explanations_in_file_order() -> None:
    glossary = parse_glossary("*[GLP-1]: darmhormoon\n\n*[acidose]:  verzuring  \n")
    assert glossary.entries == {"GLP-1": "darmhormoon", "acidose": "verzuring"}
    assert glossary.problems == ()


def test_comments_and_blank_lines_are_not_problems() -> None:
    glossary = parse_glossary("<!-- uitleg voor schrijvers -->\n\n*[GABA]: remmende signaalstof\n")
    assert glossary.problems == ()
    assert "uitleg" not in "".join(glossary.entries) + "".join(glossary.entries.values())


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


def test_extension_knows_the_term_and_its_capitalised_variant() -> None:
    glossary = parse_glossary("*[sepsis]: ontregeling door infectie\n")
    assert compiled(glossary.entries).titles == {"sepsis": "ontregeling door infectie",
                                                 "Sepsis": "ontregeling door infectie"}


def test_terms_are_data_so_the_last_paragraph_stays_intact() -> None:
    """Nothing is appended to the page: its last paragraph ends where the writer ended it."""
    assert convert("Laatste zin.\n\n\n", {"X": "y"}) == "<p>Laatste zin.</p>"
    assert convert("Tekst", {}) == "<p>Tekst</p>"


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


def convert(text: str, terms: dict[str, str], mark: str = "first", extensions: tuple[str, ...] = ()) -> str:
    return markdown.markdown(text, extensions=[GlossaryExtension(terms=terms, mark=mark), *extensions])


def test_only_the_first_mention_of_a_term_keeps_its_mark() -> None:
    mtor = _abbr("mTOR", "sensor")
    html = convert("mTOR and mTOR.\n\nAgain mTOR.", {"mTOR": "sensor"})
    assert html == f"<p>{mtor} and mTOR.</p>\n<p>Again mTOR.</p>"


def test_capitalised_variant_counts_as_the_same_term() -> None:
    html = convert("Leucine is leucine", {"leucine": "amino acid"})
    assert html == f"<p>{_abbr('Leucine', 'amino acid')} is leucine</p>"


def test_marks_in_headings_and_links_go_and_the_first_mark_in_text_stays() -> None:
    glp = _abbr("GLP-1", "hormone")
    html = convert("## About GLP-1 {#x}\n\nSee [GLP-1 page](../glp/); GLP-1 rises.\n\nGLP-1",
                   {"GLP-1": "hormone"}, extensions=("attr_list",))
    assert html == (f'<h2 id="x">About GLP-1</h2>\n'
                    f'<p>See <a href="../glp/">GLP-1 page</a>; {glp} rises.</p>\n<p>GLP-1</p>')


def test_different_terms_each_keep_their_first_mark_and_other_html_is_untouched() -> None:
    bcaa, mtor = _abbr("BCAA", "b"), _abbr("mTOR", "m")
    html = convert("BCAA *mTOR* BCAA\n{: .a }", {"BCAA": "b", "mTOR": "m"}, extensions=("attr_list",))
    assert html == f'<p class="a">{bcaa} <em>{mtor}</em> BCAA</p>'
    plain = "<p>No terms <a href='x'>here</a></p>"
    assert convert(plain, {"BCAA": "b"}) == plain


def test_abbr_and_aside_are_not_links() -> None:
    """`<abbr>` and `<aside>` start with `a`: only `<a …>` (or a heading) suppresses a mark."""
    html = convert("<aside markdown>\nX\n</aside>\n\n*X* `code Y` **Y**", {"X": "t", "Y": "u"},
                   extensions=("md_in_html",))
    assert html == (f'<aside>\n<p>{_abbr("X", "t")}</p>\n</aside>\n'
                    f'<p><em>X</em> <code>code Y</code> <strong>{_abbr("Y", "u")}</strong></p>')


def test_mark_all_keeps_every_mention_also_in_headings_and_links() -> None:
    glp = _abbr("GLP-1", "hormone")
    html = convert("# GLP-1\n\n[GLP-1](u) GLP-1", {"GLP-1": "hormone"}, mark="all")
    assert html == f'<h1>{glp}</h1>\n<p><a href="u">{glp}</a> {glp}</p>'


def test_output_is_what_the_abbr_extension_writes_for_the_same_terms() -> None:
    """Longest term first, whole words only, case-sensitive, also in tails after inline elements."""
    terms = {"GLP": "a", "GLP-1": "b", "ziekte van Crohn": "c", "IL-6": "d"}
    text = ("GLP-1 en GLP, *nadruk* GLP-1x ziekte van Crohn; aGLP IL-6.\n\n- IL-6 GLP\n\n"
            + "".join(f"*[{t}]: {e}\n" for t, e in terms.items()))
    assert convert(text.split("*[")[0], terms, mark="all") == markdown.markdown(text, extensions=["abbr"])


def test_trie_pattern_prefers_the_longest_term_and_backs_off_at_word_boundaries() -> None:
    import re

    pattern = re.compile(rf"\b(?:{trie_pattern(['ab', 'abc', 'abcd', 'x.y'])})\b")
    assert [m.group(0) for m in pattern.finditer("abcd abc abce ab x.y x.yz")] == ["abcd", "abc", "ab", "x.y"]


@pytest.mark.parametrize("mark", ["some", ""])
def test_unknown_mark_mode_is_refused(mark: str) -> None:
    with pytest.raises(ValueError, match="first, all"):
        GlossaryExtension(mark=mark)


def test_loadable_by_dotted_name_with_settings() -> None:
    html = markdown.markdown("GABA", extensions=["atlas.glossary_extension"],
                             extension_configs={"atlas.glossary_extension": {"terms": {"GABA": "remmend"}}})
    assert html == "<p>" + _abbr("GABA", "remmend") + "</p>"


def test_a_glossary_read_again_is_not_compiled_again() -> None:
    """`mkdocs serve` reads the glossary file anew for every rebuild: equal terms share one regex."""
    first = compiled({"mTOR": "a protein kinase", "GLP-1": "a gut hormone"})
    again = compiled({"GLP-1": "a gut hormone", "mTOR": "a protein kinase"})
    other = compiled({"mTOR": "another explanation", "GLP-1": "a gut hormone"})
    assert again is first
    assert other is not first and other.titles["mTOR"] == "another explanation"
