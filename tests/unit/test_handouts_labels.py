"""Per-language words of the handouts: configured, then built in, then English."""

from __future__ import annotations

from atlas.handouts.labels import DEFAULT_LABELS, labels_for


def test_every_built_in_language_has_every_label() -> None:
    keys = set(DEFAULT_LABELS["en"])
    for locale, labels in DEFAULT_LABELS.items():
        assert set(labels) == keys, f"{locale} lacks {keys - set(labels)}"


def test_unknown_language_falls_back_to_english() -> None:
    assert labels_for("de") == DEFAULT_LABELS["en"]


def test_configured_labels_win_for_their_language_only() -> None:
    overrides = {"nl": {"action": "Pdf downloaden"}}
    assert labels_for("nl", overrides)["action"] == "Pdf downloaden"
    assert labels_for("nl", overrides)["reviewed"] == DEFAULT_LABELS["nl"]["reviewed"]
    assert labels_for("en", overrides)["action"] == DEFAULT_LABELS["en"]["action"]
