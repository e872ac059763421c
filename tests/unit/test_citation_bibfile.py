"""references.bib validation: each problem named with its line and a fix; nothing raises."""

# ruff: noqa: E501  (golden HTML: en dashes, Greek letters, long lines are the expected output)
from __future__ import annotations

from pathlib import Path

import pytest
from atlas.citations import bibfile, load_bibliography
from atlas.citations.bibfile import parse_bibliography
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import Person

GOOD = """@article{good,
  author = {Smith, Jane},
  title = {T},
  journal = {J},
  year = {2020},
  doi = {10.1000/xyz},
  pmid = {12345}
}
"""


def problems(text: str) -> list[tuple[int, str]]:
    return [(d.line, d.message) for d in parse_bibliography(text, "references.bib").diagnostics]


def test_valid_entry_has_no_diagnostics() -> None:
    bib = parse_bibliography(GOOD)
    assert bib.diagnostics == []
    assert bib.keys() == ["good"]
    assert bib.entry("GOOD").persons["author"][0].last_names == ["Smith"]


def test_duplicate_key() -> None:
    found = problems(GOOD + GOOD.replace("Smith", "Other"))
    assert found == [(9, "duplicate key 'good' (first defined on line 1); the second entry is ignored.")]


def test_unclosed_brace_is_detected_and_later_entries_survive() -> None:
    broken = "@article{broken,\n  author = {X, Y},\n  title = {Unclosed {brace},\n  journal = {J},\n  year = 2020\n}\n"
    bib = parse_bibliography(broken + GOOD)
    # named where the entry opens (line 1), the brace left open (line 3) in the message
    assert [(d.line, d.message.split(":")[0]) for d in bib.diagnostics] == [(1, "unbalanced braces")]
    assert "'broken'" in bib.diagnostics[0].message and "line 3" in bib.diagnostics[0].message
    assert bib.keys() == ["good"]
    assert bib.unreadable == {"broken": "references.bib:1"}


def test_extra_closing_brace_is_detected() -> None:
    text = "@article{x,\n  author = {A, B}},\n  title = {T}, journal = {J}, year = 2020\n}\n"
    assert any("outside any entry" in message for _, message in problems(text))


def test_unknown_type_is_kept_with_a_warning() -> None:
    bib = parse_bibliography("@foo{p, title = {T}, year = 2000}\n", "references.bib")
    (diagnostic,) = bib.diagnostics
    assert (diagnostic.line, diagnostic.severity) == (1, "warning")
    assert diagnostic.message.startswith("entry type @foo of 'p' is not a BibTeX or BibLaTeX type; it is shown")
    assert bib.keys() == ["p"]


def test_conference_paper_is_an_entry() -> None:
    bib = parse_bibliography("@inproceedings{p, author = {A, B}, title = {T}, booktitle = {Conf}, year = 2000}\n")
    assert bib.diagnostics == [] and "p" in bib


def test_missing_required_field() -> None:
    found = problems("@article{a,\n  author = {A, B},\n  title = {T},\n  year = 2020\n}\n")
    assert found == [(1, "@article 'a' lacks the required field journal or journaltitle.")]


@pytest.mark.parametrize(("field", "value", "start"), [
    ("url", "javascript:alert(1)", "url of 'good' is not an http(s) link"),
    ("url", "ftp://example.org/x", "url of 'good' is not an http(s) link"),
    ("doi", "10.12/short", "doi of 'good' is not a DOI"),
    ("doi", "https://example.org/10.1000/xyz", "doi of 'good' is not a DOI"),
    ("pmid", "PMID123x", "pmid of 'good' is not a PubMed ID"),
])
def test_invalid_link_fields_are_reported_and_dropped(field: str, value: str, start: str) -> None:
    if field == "url":
        text = GOOD.replace("  pmid = {12345}\n", f"  pmid = {{12345}},\n  url = {{{value}}}\n")
    else:
        text = GOOD.replace(f"{field} = {{{'12345' if field == 'pmid' else '10.1000/xyz'}}}",
                            f"{field} = {{{value}}}")
    bib = parse_bibliography(text)
    (diagnostic,) = bib.diagnostics
    assert diagnostic.message.startswith(start)
    assert diagnostic.line == text[: text.index(f"{field} = {{{value}")].count("\n") + 1
    assert diagnostic.hint
    assert field not in bib.entry("good").fields


def test_missing_file_is_a_diagnostic(tmp_path: Path) -> None:
    bib = load_bibliography(tmp_path / "nope.bib", "nope.bib")
    assert str(bib.diagnostics[0]).startswith("nope.bib:0: bibliography file not found.")


def test_diagnostic_string_names_file_line_and_fix() -> None:
    (diagnostic,) = parse_bibliography("@book{b, title = {T}, author = {A, B}, year = 2000}\n").diagnostics
    assert str(diagnostic) == ("references.bib:1: @book 'b' lacks the required field publisher. "
                               "Add publisher = {…} to the entry.")
    assert diagnostic.severity == "error" and diagnostic.path == "references.bib"


def test_strings_macros_and_months() -> None:
    bib = parse_bibliography('@string{jn = "J Nutr"}\n' + GOOD.replace("{J}", "jn").replace(
        "year = {2020},", "year = {2020}, month = mar,"))
    assert bib.diagnostics == []
    assert bib.entry("good").fields["journal"] == "J Nutr"
    assert bib.entry("good").fields["month"] == "3"


def test_parse_is_cached_by_content() -> None:
    assert parse_bibliography(GOOD, "a.bib") is parse_bibliography(GOOD, "a.bib")


def test_closest_keys() -> None:
    bib = parse_bibliography(GOOD.replace("good", "johnson2013"))
    assert bib.closest("jonson2013") == ["johnson2013"]


def test_real_bibliography_is_clean(project_root: Path) -> None:
    bib = load_bibliography(project_root / "references.bib", "references.bib")
    assert [str(d) for d in bib.diagnostics] == []


# -- fast paths must agree with the general code they shortcut ---------------------------------------

NAME_CHARS = st.sampled_from(list("aAbBzZ .,-'\t\nÉéǅ\u2160ªß1{}~\\"))


def _parts(person: Person) -> tuple[list[str], ...]:
    return (person.first_names, person.middle_names, person.prelast_names, person.last_names,
            person.lineage_names)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(alphabet=NAME_CHARS, max_size=25), st.text(max_size=25)))
def test_fast_name_parse_equals_pybtex(name: str) -> None:
    try:
        expected = _parts(Person(name))
    except Exception as error:  # pybtex's own behaviour is the reference
        expected = type(error)
    try:
        got = _parts(bibfile.person(name))
    except Exception as error:
        got = type(error)
    assert got == expected


FIELD_VALUES = st.sampled_from(["{T}", "{A  b\tc}", "{}", "2020", "{x {y} z}", "jan", '"q"', "{a} # {b}",
                                "{10.1000/x}", "{javascript:x}", "{12a}", "{é -- \\emph{x}}"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["author", "title", "journal", "year", "doi", "url", "pmid",
                                           "Title", "pages"]), FIELD_VALUES), max_size=7),
       st.sampled_from(["article", "misc", "string", "weird"]), st.sampled_from([",", ",,", "", ",\n"]),
       st.sampled_from(["k1", "k 2", ""]), st.booleans())
def test_clean_entry_fast_path_equals_full_scanner(fields: list[tuple[str, str]], kind: str, trailer: str,
                                                   key: str, twice: bool) -> None:
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    text = f"@{kind}{{{key},\n{body}{trailer}\n}}\n" * (2 if twice else 1)
    fast = bibfile._Scanner(text, "x.bib").run()
    slow_scanner = bibfile._Scanner(text, "x.bib")
    slow_scanner._clean_entry = lambda at: 0  # type: ignore[method-assign]
    slow = slow_scanner.run()
    assert (fast.records, fast.diagnostics) == (slow.records, slow.diagnostics)
