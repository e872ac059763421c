"""No-source and precaution footnotes show their name, not a number, and keep their footnote link."""

from __future__ import annotations

import markdown
import pytest
from atlas.markers import Marker, MarkerExtension, MarkerSettingsError, read_settings

RAW = {
    "no-source": {
        "nl": {"id": "geen-bron", "label": "geen bron"},
        "en": {"id": "no-source", "label": "no source"},
    },
    "precaution": {
        "nl": {"id": "voorzorg", "label": "voorzorg"},
        "en": {"id": "precaution", "label": "precaution"},
    },
}


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=["footnotes", MarkerExtension(read_settings(RAW))])


def test_settings_map_each_footnote_id_to_its_kind_and_text():
    markers = read_settings(RAW)
    assert markers["geen-bron"] == Marker("no-source", "geen bron")
    assert markers["precaution"] == Marker("precaution", "precaution")


def test_a_no_source_footnote_reads_geen_bron_and_still_links_to_its_explanation():
    html = convert(
        "Een bewering.[^geen-bron]\n\n[^geen-bron]: Uit de monografie; geen publicatie gevonden.\n"
    )
    assert (
        '<sup class="atlas-marker atlas-marker--no-source" data-search-exclude="" id="fnref:geen-bron">'
        '<a class="footnote-ref" href="#fn:geen-bron">geen bron</a></sup>'
    ) in html
    assert '<li id="fn:geen-bron">' in html and "geen publicatie gevonden" in html


def test_a_marker_is_left_out_of_the_search_index():
    """Material's search skips elements with data-search-exclude: snippets never read "geen bron"."""
    html = convert("Een bewering.[^geen-bron] Verder.\n\n[^geen-bron]: Uitleg.\n")
    sup = html[html.index("<sup"):html.index("</sup>")]
    assert "data-search-exclude" in sup


def test_every_use_of_the_marker_is_named_and_ordinary_footnotes_keep_their_number():
    html = convert(
        "A.[^no-source] B.[^1] C.[^no-source] D.[^precaution]\n\n"
        "[^no-source]: Unconfirmed.\n[^1]: An ordinary note.\n[^precaution]: Our caution.\n"
    )
    assert html.count(">no source</a>") == 2
    assert 'id="fnref2:no-source"' in html
    assert '<a class="footnote-ref" href="#fn:1">2</a>' in html
    assert 'class="atlas-marker atlas-marker--precaution"' in html and ">precaution</a>" in html


def test_without_settings_nothing_changes():
    html = markdown.markdown(
        "A.[^geen-bron]\n\n[^geen-bron]: x\n", extensions=["footnotes", MarkerExtension({})]
    )
    assert '<a class="footnote-ref" href="#fn:geen-bron">1</a>' in html


def test_settings_are_validated():
    with pytest.raises(MarkerSettingsError, match=r"no-source\.nl"):
        read_settings({"no-source": {"nl": {"id": "geen-bron"}}})
    with pytest.raises(MarkerSettingsError, match=r"used twice"):
        read_settings({"a": {"nl": {"id": "x", "label": "x"}}, "b": {"nl": {"id": "x", "label": "y"}}})
