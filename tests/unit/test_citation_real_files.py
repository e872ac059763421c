"""`.bib` files read as their tools wrote them (issue 23): Zotero, Better BibTeX, JabRef, Mendeley,
BibDesk and PubMed exports, and the mistakes a contributor makes in them (issue 25).

Each test is one class of real-world input; the expected text is what Citing Medicine (NLM) prints.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from atlas.citations.bibfile import load_bibliographies, parse_bibliography
from atlas.citations.engine import UnknownKey, unknown_key_message
from atlas.citations.style import Formatter, nlm_journal


def formatted(bib_text: str, key: str, locale: str = "en") -> str:
    bib = parse_bibliography(bib_text)
    return Formatter(locale).html(bib.entry(key))


def test_a_doi_with_a_tex_escape_links_to_the_real_doi() -> None:
    bib = parse_bibliography("@article{a, author={A, B}, title={T}, journal={J}, year={2020},\n"
                             "  doi={10.1007/978-3-319-6\\_17}}\n")
    assert bib.entry("a").fields["doi"] == "10.1007/978-3-319-6_17"
    assert any("normalised" in d.message and d.severity == "info" for d in bib.diagnostics)


@pytest.mark.parametrize("code", ["eng", "en", "English", "en-US"])
def test_an_english_language_code_is_not_printed(code: str) -> None:
    html = formatted(f"@article{{a, author={{A, B}}, title={{T}}, journal={{J}}, year={{2020}}, "
                     f"language={{{code}}}}}\n", "a")
    assert "Eng" not in html and "eng" not in html.split("T.")[-1]


@pytest.mark.parametrize(("code", "locale", "name"), [("dut", "en", "Dutch"), ("ger", "nl", "Duits"),
                                                       ("fra", "en", "French")])
def test_an_iso_639_2_code_is_printed_as_the_language_s_name(code: str, locale: str, name: str) -> None:
    html = formatted(f"@article{{a, author={{A, B}}, title={{T}}, journal={{J}}, year={{2020}}, "
                     f"language={{{code}}}}}\n", "a", locale)
    assert f"{name}." in html


def test_an_unknown_language_code_is_not_printed() -> None:
    html = formatted("@article{a, author={A, B}, title={T}, journal={J}, year={2020}, language={und}}\n", "a")
    assert "Und" not in html and "und" not in html


def test_a_chapter_without_a_book_title_has_no_empty_in() -> None:
    html = formatted("@incollection{a, author={A, B}, title={Chapter}, publisher={P}, year={2019}}\n", "a")
    assert "In:" not in html


def test_mendeley_s_container_title_in_journal_is_the_book() -> None:
    html = formatted("@incollection{a, author={A, B}, title={Chapter}, journal={The Book}, publisher={P}, "
                     "year={2019}}\n", "a")
    assert "In: The Book." in html


def test_publishers_and_places_are_never_split_on_and() -> None:
    html = formatted("@book{a, author={A, B}, title={T}, publisher={Chapman and Hall/CRC}, "
                     "address={Boca Raton and London}, year={2019}}\n", "a")
    assert "Boca Raton and London: Chapman and Hall/CRC; 2019." in html


def test_a_preprint_exported_as_unpublished_keeps_its_server_and_cited_date() -> None:
    html = formatted("@unpublished{a, author={A, B}, title={T}, publisher={bioRxiv}, year={2021}, "
                     "urldate={2022-01-05}}\n", "a")
    assert "bioRxiv." in html and "[cited 2022 Jan 5]" in html


def test_a_misc_keeps_its_journal() -> None:
    html = formatted("@misc{a, author={A, B}, title={Tool}, journal={GitHub repository}, year={2022}}\n", "a")
    assert "GitHub repository" in html


def test_a_misc_without_title_is_shown_when_it_has_something_to_show() -> None:
    bib = parse_bibliography("@misc{a, author={Who, Ann}, howpublished={Personal communication}, "
                             "year={2020}}\n")
    assert not bib.errors
    assert Formatter("en").html(bib.entry("a")).startswith("Who A. Personal communication")


def test_an_entry_with_nothing_to_show_is_an_error_naming_it() -> None:
    bib = parse_bibliography("@misc{nothing,\n}\n")
    assert [(e.line, "'nothing'" in e.message) for e in bib.errors] == [(1, True)]


def test_control_characters_are_removed_and_named_at_their_line(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text("@article{a, author={A, B},\n title={Has\x00 a NUL}, journal={J}, year={2020}}\n")
    bib = load_bibliographies("refs.bib", tmp_path)
    assert "\x00" not in Formatter("en").html(bib.entry("a"))
    assert [(d.line, d.severity) for d in bib.diagnostics if "U+0000" in d.message] == [(2, "warning")]


def test_a_name_suffix_follows_the_initials() -> None:
    html = formatted("@book{a, author={King, Jr., Martin Luther}, title={T}, publisher={P}, year={1964}}\n",
                     "a")
    assert html.startswith("King ML Jr.")


@pytest.mark.parametrize(("written", "nlm"), [
    ("J. Organomet. Chem.", "J Organomet Chem"),
    ("Proc. Natl. Acad. Sci. U.S.A.", "Proc Natl Acad Sci U S A"),
    ("Journal of Biological Chemistry", "Journal of Biological Chemistry"),
    ("Am J Clin Nutr", "Am J Clin Nutr"),
])
def test_journal_abbreviations_lose_their_periods(written: str, nlm: str) -> None:
    assert nlm_journal(written) == nlm


def test_editors_translators_and_series_of_a_book_with_an_author_are_kept() -> None:
    html = formatted("@book{a, author={King, Martin}, title={T}, editor={Ed, Eddie}, translator={Tra, Tom}, "
                     "series={Classics}, number={3}, publisher={Harper}, year={1964}}\n", "a")
    assert "T. Ed E, editor; Tra T, translator. Harper; 1964. (Classics; Vol. 3)." in html


def test_jabref_s_marked_entry_field_does_not_hide_the_fields_after_it() -> None:
    bib = parse_bibliography("@article{a,\n  __markedentry = {[user:6]},\n  author = {Jab, Ref},\n"
                             "  title = {After marked},\n  journal = {J},\n  year = {2020},\n}\n")
    assert not bib.errors
    assert Formatter("en").html(bib.entry("a")) == "Jab R. After marked. J. 2020."


def test_a_latin_1_file_is_read_with_a_warning_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "old.bib"
    text = "@article{a, author={M\u00fcller, Hans},\n title={\u00c9tude}, journal={J}, year={2001}}\n"
    path.write_bytes(text.encode("latin-1"))
    bib = load_bibliographies("old.bib", tmp_path)
    assert Formatter("en").html(bib.entry("a")).startswith("M\u00fcller H. \u00c9tude.")
    assert [(d.line, d.severity) for d in bib.diagnostics if "not UTF-8" in d.message] == [(1, "warning")]


def test_string_macros_of_one_file_hold_in_the_next(tmp_path: Path) -> None:
    (tmp_path / "a.bib").write_text("@string{jbc = {Journal of Biological Chemistry}}\n")
    (tmp_path / "b.bib").write_text("@article{b, author={A, B}, title={T}, journal=jbc, year={2020}}\n")
    bib = load_bibliographies(["a.bib", "b.bib"], tmp_path)
    assert not bib.errors
    assert "Journal of Biological Chemistry" in Formatter("en").html(bib.entry("b"))
    alone = load_bibliographies(["b.bib"], tmp_path)  # the same file read alone: the macro is unknown
    assert any("unknown macro 'jbc'" in e.message for e in alone.errors)


def test_nested_string_expansion_is_bounded_with_an_error() -> None:
    macros = "@string{a0 = {xxxxxxxxxxxxxxxx}}\n" + "".join(
        f"@string{{a{i} = a{i - 1} # a{i - 1} # a{i - 1} # a{i - 1}}}\n" for i in range(1, 14))
    bib = parse_bibliography(macros + "@article{big, author={A, B}, title=a13, journal={J}, year={2020}}\n")
    assert any("grows beyond" in e.message for e in bib.errors)
    assert len(bib.entry("big").fields["title"]) <= 100_000


def test_an_unclosed_entry_is_named_where_it_opens_and_a_citation_of_it_points_there() -> None:
    text = ("@article{first, author={A, B}, title={T}, journal={J}, year={2020}}\n\n"
            "@article{broken,\n  author = {X, Y},\n  title = {T},\n  journal = {J},\n  year = {2020},\n\n"
            "@article{after, author={A, B}, title={T}, journal={J}, year={2021}}\n")
    bib = parse_bibliography(text, "references.bib")
    assert [(e.line, "'broken'" in e.message) for e in bib.errors] == [(3, True)]
    message = unknown_key_message("docs/x.md:7", UnknownKey(7, "broken", bib.closest("broken")), bib)
    assert message.startswith("docs/x.md:7: citation key 'broken' is in references.bib")
    assert "references.bib:3" in message and "closest" not in message


def test_biblatex_extended_name_format_is_read_as_a_name() -> None:
    bib = parse_bibliography("@article{a, author={family=Beethoven, given=Ludwig, prefix=van, useprefix=true"
                             " and Doe, Jane}, title={T}, journal={J}, year={2020}}\n")
    assert not [d for d in bib.diagnostics if "commas" in d.message]
    assert Formatter("en").html(bib.entry("a")).startswith("van Beethoven L, Doe J. T.")


@pytest.mark.parametrize(("date", "shown"), [("1999/..", "1999-."), ("1999/", "1999-."), ("../2005", "2005."),
                                             ("/2004", "2004.")])
def test_open_and_unknown_date_ranges_are_read(date: str, shown: str) -> None:
    bib = parse_bibliography(f"@article{{a, author={{A, B}}, title={{T}}, journal={{J}}, date={{{date}}}}}\n")
    assert not [d for d in bib.diagnostics if "date" in d.message]
    assert Formatter("en").html(bib.entry("a")).endswith(f"J. {shown}")
