"""The certainty line of an evidence note becomes a label; a missing or unknown level is reported."""

from __future__ import annotations

import markdown
import pytest
from atlas.certainty import CertaintyExtension, CertaintySettingsError, Problem, read_settings

RAW = {
    "admonition": "evidence",
    "levels": ["high", "moderate", "low", "very-low"],
    "labels": {
        "nl": {
            "prefix": "Zekerheid van het bewijs",
            "levels": {"hoog": "high", "redelijk": "moderate", "laag": "low", "zeer laag": "very-low"},
        },
        "en": {
            "prefix": "Certainty of the evidence",
            "levels": {"high": "high", "moderate": "moderate", "low": "low", "very low": "very-low"},
        },
    },
}


def convert(text: str, locale: str = "nl") -> tuple[str, CertaintyExtension]:
    extension = CertaintyExtension(read_settings(RAW))
    extension.locale = locale
    html = markdown.markdown(text, extensions=["admonition", "pymdownx.details", extension])
    return html, extension


def test_the_certainty_line_becomes_a_label_with_the_level_as_badge():
    html, extension = convert(
        'Tekst.\n\n!!! evidence "Wat zegt later onderzoek?"\n'
        "    Zekerheid van het bewijs: **zeer laag**. Basis: twee kleine studies.\n\n    Meer tekst.\n"
    )
    assert (
        '<p class="atlas-certainty" data-certainty="very-low"><span class="atlas-certainty__label">'
        'Zekerheid van het bewijs:</span> <strong class="atlas-certainty__level">zeer laag</strong>. '
        "Basis: twee kleine studies.</p>"
    ) in html
    assert "<p>Meer tekst.</p>" in html
    assert extension.problems == []


def test_english_pages_use_the_english_words():
    html, extension = convert(
        '!!! evidence "What does later research say?"\n'
        "    Certainty of the evidence: **Moderate**. Basis: one trial.\n",
        "en",
    )
    assert 'data-certainty="moderate"' in html and extension.problems == []


def test_a_note_without_the_line_is_reported_at_its_opening_line():
    _html, extension = convert('# Titel\n\nTekst.\n\n!!! evidence "Notitie"\n    Gewoon een alinea.\n')
    assert len(extension.problems) == 1
    problem = extension.problems[0]
    assert problem.line == 5
    assert "without a certainty line" in problem.message
    assert "Zekerheid van het bewijs: **zeer laag**. Basis:" in problem.message


def test_an_unknown_level_is_reported_with_the_known_ones():
    _html, extension = convert('!!! evidence "N"\n    Zekerheid van het bewijs: **middel**. Basis: x.\n')
    assert extension.problems == [
        Problem(
            1,
            "evidence note with an unknown certainty level 'middel'; "
            "use one of: hoog, redelijk, laag, zeer laag",
        )
    ]


def test_a_note_in_the_wrong_language_words_is_reported():
    _html, extension = convert('!!! evidence "N"\n    Certainty of the evidence: **low**. Basis: x.\n', "nl")
    assert "without a certainty line" in extension.problems[0].message


def test_collapsible_notes_and_other_admonitions():
    html, extension = convert(
        '??? evidence "Inklapbaar"\n    Zekerheid van het bewijs: **hoog**. Basis: x.\n\n'
        '!!! note "Geen bewijsnotitie"\n    Gewone tekst.\n'
    )
    assert 'data-certainty="high"' in html
    assert extension.problems == []


def test_line_numbers_follow_each_note_in_order():
    text = (
        '!!! evidence "A"\n    Zekerheid van het bewijs: **laag**. Basis: x.\n\n'
        'Tussen.\n\n!!! evidence "B"\n    Geen regel.\n'
    )
    _html, extension = convert(text)
    assert [p.line for p in extension.problems] == [6]


def test_settings_are_validated():
    with pytest.raises(CertaintySettingsError, match="levels"):
        read_settings({"labels": RAW["labels"]})
    broken = {**RAW, "labels": {"nl": {"prefix": "Z", "levels": {"hoog": "high"}}}}
    with pytest.raises(CertaintySettingsError, match="no word for"):
        read_settings(broken)
    wrong = {
        **RAW,
        "labels": {
            "nl": {
                "prefix": "Z",
                "levels": {"hoog": "sure", "redelijk": "moderate", "laag": "low", "zeer laag": "very-low"},
            }
        },
    }
    with pytest.raises(CertaintySettingsError, match="sure is not one of"):
        read_settings(wrong)


def test_a_note_inside_an_html_comment_does_not_shift_the_line_numbers():
    from atlas.comments import CommentExtension

    extension = CertaintyExtension(read_settings(RAW))
    extension.locale = "nl"
    text = '<!--\n!!! evidence "Oud"\n    Weg.\n-->\n\n!!! evidence "Nieuw"\n    Geen regel.\n'
    markdown.markdown(text, extensions=["admonition", CommentExtension(), extension])
    assert [p.line for p in extension.problems] == [6]
