"""Exporters' field values → what the style needs: identifiers, BibLaTeX dates, lists, names, inheritance,
several files, and LaTeX that must never leak or raise."""

# ruff: noqa: E501  (expected messages and HTML are whole lines)
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from atlas.citations import fields as fv
from atlas.citations.bibfile import load_bibliographies, parse_bibliography
from atlas.citations.latex import latex_to_text, unknown_commands
from atlas.citations.style import Formatter, SafeHtmlBackend
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize(("raw", "doi"), [
    ("10.1000/xyz", "10.1000/xyz"), ("https://doi.org/10.1000/xyz", "10.1000/xyz"),
    ("http://dx.doi.org/10.1000/xyz", "10.1000/xyz"), ("doi:10.1000/xyz", "10.1000/xyz"),
    ("DOI: 10.1000/xyz", "10.1000/xyz"), (r"\url{https://doi.org/10.1000/a\_b}", "10.1000/a_b"),
    ("https://doi.org/10.1000%2Fxyz", "10.1000/xyz"), ("10.12/short", None), ("nonsense", None),
])
def test_doi_forms(raw: str, doi: str | None) -> None:
    assert fv.normal_doi(raw) == doi


@pytest.mark.parametrize(("raw", "pmid"), [("123", "123"), ("PMID: 123", "123"), ("pmid:123", "123"),
                                           ("https://pubmed.ncbi.nlm.nih.gov/123/", "123"), ("12a", None)])
def test_pmid_forms(raw: str, pmid: str | None) -> None:
    assert fv.normal_pmid(raw) == pmid


@pytest.mark.parametrize(("raw", "pmcid"), [("PMC123", "PMC123"), ("123", "PMC123"), ("pmc123", "PMC123"),
                                            ("PMCID: PMC123", "PMC123"), ("x123", None)])
def test_pmcid_forms(raw: str, pmcid: str | None) -> None:
    assert fv.normal_pmcid(raw) == pmcid


@pytest.mark.parametrize(("raw", "parsed"), [
    ("2013", fv.DateRange("2013")),
    ("2013-01-05", fv.DateRange("2013", 1, 5)),
    ("2013-01", fv.DateRange("2013", 1)),
    ("2002-08-17/2002-08-22", fv.DateRange("2002", 8, 17, "2002", 8, 22)),
    ("2019/..", fv.DateRange("2019", end_year="")),
    ("2019/", fv.DateRange("2019", end_year="")),
    ("2019-21", fv.DateRange("2019")),
    ("2019-13", None), ("January 2019", None), ("", None),
])
def test_biblatex_dates(raw: str, parsed: fv.DateRange | None) -> None:
    assert fv.parse_date(raw) == parsed


def html_of(bib_text: str, key: str, locale: str = "en") -> str:
    bib = parse_bibliography(bib_text, f"{key}.bib")
    return Formatter(locale).html(bib.entry(key))


@pytest.mark.parametrize(("date", "shown"), [
    ("2002-08-17/2002-08-22", "2002 Aug 17-22"), ("2002-08-30/2002-09-02", "2002 Aug 30-Sep 2"),
    ("2001/2002", "2001-2002"), ("2019/..", "2019-"), ("2013-01-05", "2013 Jan 5"),
])
def test_date_ranges_in_nlm_form(date: str, shown: str) -> None:
    text = f"@article{{d, author = {{A, B}}, title = {{T}}, journal = {{J}}, date = {{{date}}}, year = {{1990}}, volume = 1}}"
    assert f"J. {shown};1." in html_of(text, "d")


def test_comma_separated_authors_are_repaired_with_a_warning() -> None:
    bib = parse_bibliography("@article{c,\n author = {Dong Yang, Fei Jiang, Wei Wu},\n title = {T}, journal = {J}, year = 2020}")
    (warning,) = bib.diagnostics
    assert warning.severity == "warning" and warning.line == 2
    assert "Separate authors with 'and'" in str(warning)
    assert Formatter("en").html(bib.entry("c")).startswith("Yang D, Jiang F, Wu W. T.")
    assert fv.repair_name_list("Smith, J., Jones, K., Lee, M.") == ("Smith, J. and Jones, K. and Lee, M.", 3)
    assert fv.repair_name_list("Smith, Jr, John and Doe, Jane") is None


def test_split_and_respects_braces() -> None:
    assert fv.split_and("{Johnson and Johnson} and Example Press") == ["{Johnson and Johnson}", "Example Press"]
    assert fv.split_and("A AND B and  C") == ["A", "B", "C"]


def test_crossref_chain_and_loop() -> None:
    text = ("@inproceedings{child, author = {A, B}, title = {T}, crossref = {parent}}\n"
            "@proceedings{parent, title = {Conf}, crossref = {grand}}\n"
            "@proceedings{grand, publisher = {Pub}, year = 2000}\n"
            "@misc{l1, crossref = {l2}, title = {X}}\n@misc{l2, crossref = {l1}, title = {Y}}\n"
            "@misc{orphan, crossref = {missing}, title = {Z}}\n")
    bib = parse_bibliography(text, "chain.bib")
    child = bib.records["child"]
    assert (child.get("booktitle"), child.get("publisher"), child.get("year")) == ("Conf", "Pub", "2000")
    messages = [d.message for d in bib.diagnostics]
    assert any("loops back to itself" in m for m in messages)
    assert "crossref of 'orphan' names 'missing', which is not in the bibliography." in messages
    assert {"parent", "grand", "l1", "l2"} <= bib.referenced


def test_several_files_first_wins_and_both_places_are_named(tmp_path: Path) -> None:
    (tmp_path / "a.bib").write_text("@misc{k, title = {From A}, year = 2000}\n", encoding="utf-8")
    (tmp_path / "b.bib").write_text("\n@misc{k, title = {From B}, year = 2001}\n@misc{only, title = {B}, year = 1}\n",
                                    encoding="utf-8")
    bib = load_bibliographies(["a.bib", "b.bib"], tmp_path, lambda p: p.name)
    assert bib.records["k"].get("title") == "From A" and "only" in bib
    (warning,) = bib.diagnostics
    assert str(warning).startswith("b.bib:2: duplicate key 'k': also defined at a.bib:1, which is used;")
    assert bib.location("only") == "b.bib:3"
    globbed = load_bibliographies("*.bib", tmp_path, lambda p: p.name)
    assert globbed.paths == ["a.bib", "b.bib"]
    missing = load_bibliographies(["none/*.bib"], tmp_path)
    assert [d.message for d in missing.diagnostics] == ["no .bib file matches this pattern."]


@pytest.mark.parametrize(("latex", "html"), [
    (r"{\'\i}", "í"), (r"Garc{\'\i}a", "García"), (r"{\it in vivo} x", "<em>in vivo</em> x"),
    (r"{\bf B}", "<strong>B</strong>"), (r"\textsc{Ras}", "Ras"), ("Na$^+$", "Na<sup>+</sup>"),
    (r"file\_name", "file_name"), (r"\apj", "ApJ"), (r"\mnras{}", "MNRAS"), (r"$\mathrm{H_2O}$", "H<sub>2</sub>O"),
    (r"\v{S}koda \c{c} \k{a} \H{o} \r{a}", "Škoda ç ą ő å"), (r"\url{https://e.org/a\_b}", '<a href="https://e.org/a_b">https://e.org/a_b</a>'),
    (r"\href{javascript:x}{text}", "text"), ("``q''", "“q”"),
])
def test_latex_forms(latex: str, html: str) -> None:
    assert latex_to_text(latex).render(SafeHtmlBackend()) == html


def test_undefined_macros_are_named() -> None:
    assert unknown_commands(r"\apj \jnlx \emph{x} \alpha \guillemotleft") == ["jnlx"]
    bib = parse_bibliography("@article{m,\n title = {T},\n journal = {\\jnlx},\n author = {A, B}, year = 2020}", "m.bib")
    assert [str(d) for d in bib.diagnostics] == [
        "m.bib:3: journal of 'm' uses the undefined LaTeX macro \\jnlx; it is left out. "
        "Replace \\jnlx with the text it stands for."]


@pytest.mark.parametrize("depth", [100, 1000, 5000])
def test_pathological_nesting_is_an_error_not_a_crash(depth: int) -> None:
    limit = sys.getrecursionlimit()
    text = ("@article{deep,\n author = {" + "{" * depth + "Name" + "}" * depth + "},\n title = {"
            + r"\emph{" * 250 + "x" + "}" * 250 + "},\n journal = {J}, year = 2020}")
    bib = parse_bibliography(text, "deep.bib")
    assert [(d.line, d.severity) for d in bib.diagnostics] == [(2, "error"), (3, "error")]
    assert "nests braces" in bib.diagnostics[0].message
    html = Formatter("en").html(bib.entry("deep"))
    assert html.startswith("Name. ") and "\\" not in html and "{" not in html
    assert sys.getrecursionlimit() == limit


def test_others_means_et_al() -> None:
    assert html_of("@article{o, author = {Smith, J. and others}, title = {T}, journal = {J}, year = 2020}", "o"
                   ).startswith("Smith J, et al. T.")


def test_misc_without_a_year_is_undated_in_both_languages() -> None:
    text = "@misc{u, title = {Page}, howpublished = {Example}}"
    assert "Example; n.d." in html_of(text, "u", "en") and "Example; z.j." in html_of(text, "u", "nl")


# -- fuzz: no input makes the loader or the formatter raise ------------------------------------------

PIECES = st.sampled_from(["@article{k,", "@misc{", "@set{s, entryset = {k}}", "author = {", "title = {", "}", "{",
                          ",", "=", '"', "#", " and ", " and others", "\\emph{", "{\\'\\i}", "$^+$", "$", "\\",
                          "\\apj", "\\url{", "crossref = {k}", "date = {2020-01/2020-03}", "doi = {doi:10.1/x}",
                          "Dong Yang, Fei Jiang", "\n", " ", "é", "x", "2020", "@string{j = {J}}", "j", "%"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=40))
def test_fuzz_loader_and_formatter_never_raise(pieces: list[str]) -> None:
    text = "".join(pieces)
    bib = parse_bibliography(text, "fuzz.bib")
    for diagnostic in bib.diagnostics:
        assert diagnostic.path == "fuzz.bib" and diagnostic.line >= 0 and diagnostic.hint
    for record in bib.records.values():
        for locale in ("en", "nl"):
            Formatter(locale).html(bib.entry(record.key))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab -'`~${}\\\t\né")), max_size=12))
def test_plain_fast_path_agrees_with_the_parser(value: str) -> None:
    from atlas.citations.latex import PLAIN, _Parser
    from pybtex.richtext import Text
    if PLAIN.fullmatch(value):
        assert str(Text(*_Parser(value).run())) == value


def test_a_percent_escape_in_a_doi_never_decodes_into_a_control_character() -> None:
    """Found by the fuzzer's output check (issue 23): `%01` stays as written, `%2F` is decoded."""
    from atlas.citations.fields import normal_doi

    assert normal_doi("10.5555/x.0%01") == "10.5555/x.0%01"
    assert normal_doi("10.1000%2Fabc") == "10.1000/abc"
