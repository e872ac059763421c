"""extra.atlas.citations validation: each problem one line naming the key and the allowed values."""

# ruff: noqa: E501  (expected messages are whole lines)
from __future__ import annotations

import pytest
from atlas.citations.settings import problems

VALID = {"bib": "references.bib", "display": "brackets", "unused": "warn", "marker": "<!-- x -->",
         "cite_this_page": True, "labels": {"nl": {"references": "Referenties", "cited_on": "Geciteerd op"},
                                            "en": {"references": "References"}}}


def test_the_projects_settings_are_valid() -> None:
    assert problems(VALID) == []
    assert problems(None) == [] and problems({}) == []


def test_bib_takes_a_path_a_glob_or_a_list() -> None:
    assert problems({"bib": "refs/*.bib"}) == []
    assert problems({"bib": ["a.bib", "more/*.bib"]}) == []
    assert problems({"bib": []}) == ["extra.atlas.citations.bib: empty list; give at least one .bib path or glob."]
    assert problems({"bib": 3}) == ["extra.atlas.citations.bib: a number 3; give a .bib path, a glob or a list of them."]
    assert problems({"bib": ["a.bib", None]}) == [
        "extra.atlas.citations.bib[1]: empty None; each item must be a .bib path or glob."]


@pytest.mark.parametrize(("settings", "message"), [
    ({"display": "footnote"},
     "extra.atlas.citations.display: 'footnote' is not allowed; use one of: brackets, superscript."),
    ({"unused": "error"}, "extra.atlas.citations.unused: 'error' is not allowed; use one of: warn, info."),
    ({"unused": True}, "extra.atlas.citations.unused: True is not allowed; use one of: warn, info."),
    ({"cite_this_page": "yes"}, "extra.atlas.citations.cite_this_page: 'yes' is not allowed; use true or false."),
    ({"marker": ""}, "extra.atlas.citations.marker: text ''; give the text of the line that receives the "
                     "bibliography, e.g. \"<!-- atlas:bibliography -->\"."),
])
def test_bad_values_name_the_key_and_the_allowed_values(settings: dict, message: str) -> None:
    assert problems(settings) == [message]


@pytest.mark.parametrize(("key", "hint"), [
    ("csl", "CSL styles are not supported"),
    ("style", "there is one style, NLM/Vancouver"),
    ("bib_file", "the bibliography setting is called bib."),
    ("colour", ""),
])
def test_unknown_settings_are_errors_not_ignored(key: str, hint: str) -> None:
    (message,) = problems({key: "x"})
    assert message.startswith(f"extra.atlas.citations.{key}: unknown setting; {hint}")
    assert message.endswith("allowed: bib, display, unused, marker, cite_this_page, labels.")
    assert "\n" not in message


def test_labels_are_checked_by_name_and_shape() -> None:
    found = problems({"labels": {"nl": {"referencs": "X", "months": ["jan"]}, "en": "References"}})
    assert found[0].startswith("extra.atlas.citations.labels.nl.referencs: unknown label; allowed: ")
    assert "references" in found[0]
    assert found[1:] == ["extra.atlas.citations.labels.nl.months: give a list of 12 month abbreviations.",
                         "extra.atlas.citations.labels.en: text; give a mapping of label name to text."]
    assert problems({"labels": ["nl"]}) == [
        "extra.atlas.citations.labels: a list; give a mapping of locale to labels, "
        "e.g. labels: {nl: {references: Referenties}}."]


def test_every_problem_is_reported_at_once() -> None:
    assert len(problems({"csl": "x.csl", "display": "footnote", "bib": 1})) == 3


def test_not_a_mapping() -> None:
    assert problems(["bib"]) == ["extra.atlas.citations: a list; give a mapping of settings "
                                 "(allowed: bib, display, unused, marker, cite_this_page, labels)."]
