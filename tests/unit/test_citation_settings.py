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
    assert problems({"bib": []}) == ["`extra.atlas.citations.bib`: empty list; give at least one .bib path or glob."]
    assert problems({"bib": 3}) == ["`extra.atlas.citations.bib`: expected text or a list of text, got a number 3."]
    assert problems({"bib": ["a.bib", None]}) == [
        "`extra.atlas.citations.bib[1]`: expected text, got nothing (empty)."]


@pytest.mark.parametrize(("settings", "message"), [
    ({"display": "footnote"},
     "`extra.atlas.citations.display`: expected one of: brackets, superscript, got text 'footnote'."),
    ({"unused": "error"}, "`extra.atlas.citations.unused`: expected one of: warn, info, got text 'error'."),
    ({"unused": True}, "`extra.atlas.citations.unused`: expected one of: warn, info, got a flag true."),
    ({"cite_this_page": "yes"}, "`extra.atlas.citations.cite_this_page`: expected true or false, got text 'yes'."),
    ({"marker": ""}, "`extra.atlas.citations.marker`: empty; give the text of the line that receives the "
                     "bibliography, e.g. \"<!-- atlas:bibliography -->\"."),
])
def test_bad_values_name_the_key_and_the_allowed_values(settings: dict, message: str) -> None:
    assert problems(settings) == [message]


@pytest.mark.parametrize(("key", "hint"), [
    ("csl", "CSL styles are not supported"),
    ("style", "there is one style"),
    ("bib_file", "the bibliography setting is called bib."),
])
def test_settings_of_other_tools_get_a_hint(key: str, hint: str) -> None:
    [message] = problems({key: "x"})
    assert message.startswith(f"unknown key `extra.atlas.citations.{key}`; {hint}")
    assert "\n" not in message


def test_a_typo_names_the_closest_key() -> None:
    assert problems({"enable": False}) == ["unknown key `extra.atlas.citations.enable`; did you mean `enabled`?"]


def test_labels_are_checked_by_name_and_shape() -> None:
    found = problems({"labels": {"nl": {"referencs": "x", "months": ["jan"]}}})
    assert found == ["unknown key `extra.atlas.citations.labels.nl.referencs`; did you mean `references`?",
                     "`extra.atlas.citations.labels.nl.months`: expected a list of 12 month abbreviations."]
    [message] = problems({"labels": ["nl"]})
    assert message.startswith("`extra.atlas.citations.labels`: expected a mapping")


def test_every_problem_is_reported_at_once() -> None:
    assert len(problems({"csl": "x.csl", "display": "footnote", "bib": 1})) == 3


def test_not_a_mapping() -> None:
    [message] = problems(["bib"])
    assert message.startswith("`extra.atlas.citations`: expected a mapping with the keys enabled, bib, display")
