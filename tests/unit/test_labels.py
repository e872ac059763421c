"""One labels module: built-in texts per locale as data (atlas/labels.yml), one fallback chain
(project labels for the locale -> built-in for the locale -> built-in for the default language -> English)."""

from __future__ import annotations

import pytest
from atlas.labels import built_in, labels_for, locale_chain

FEATURES = ["citations", "handouts", "translations", "dates"]


@pytest.mark.parametrize("feature", FEATURES)
def test_every_built_in_locale_has_every_text_of_its_feature(feature: str) -> None:
    texts = built_in(feature)
    keys = set(texts["en"])
    for locale, labels in texts.items():
        assert set(labels) == keys, f"{feature}.{locale} lacks {keys - set(labels)}"


def test_the_chain_goes_from_the_locale_to_its_language_to_the_default_to_english() -> None:
    assert locale_chain("nl_BE", "de") == ["nl_BE", "nl", "de", "en"]
    assert locale_chain("nl", "nl") == ["nl", "en"]


def test_a_locale_without_texts_gets_the_default_languages_then_english() -> None:
    assert labels_for("handouts", "fy", default_locale="nl")["contents"] == "Inhoud"
    assert labels_for("handouts", "fy")["contents"] == "Contents"
    assert labels_for("citations", "nl_BE")["and"] == "en"


def test_project_labels_win_for_their_locale_only() -> None:
    configured = {"nl": {"action": "Pdf downloaden"}}
    assert labels_for("handouts", "nl", configured)["action"] == "Pdf downloaden"
    assert labels_for("handouts", "nl", configured)["reviewed"] == built_in("handouts")["nl"]["reviewed"]
    assert labels_for("handouts", "en", configured)["action"] == built_in("handouts")["en"]["action"]
    german = labels_for("translations", "de", {"de": {"stale_notice": "Veraltet?"}})
    assert german["stale_notice"] == "Veraltet?" and german["not_found_home"] == "Go to the home page"


def test_the_data_cannot_be_changed_by_a_caller() -> None:
    built_in("dates")["en"]["updated"] = "changed"
    labels_for("dates", "en")["updated"] = "changed"
    assert labels_for("dates", "en")["updated"] == "Last updated"
