"""Reader-facing texts, per locale: the built-in table, overridden by `extra.atlas.translations.labels`.

A locale missing from both falls back to English, so adding a language never breaks the build;
giving it its own texts is a matter of configuration (see the German test fixture).
`{language}` in a text is replaced by the name of the language of the original page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FALLBACK_LOCALE = "en"

BUILT_IN: dict[str, dict[str, str]] = {
    "en": {
        "stale_notice": "This translation may be out of date.",
        "stale_link": "Read the original ({language}).",
        "stale_sections": "Changed in the original since this translation was checked: {sections}.",
        "stale_intro": "the introduction",
        "fallback_notice": "This page has not been translated yet. "
        "You are reading the original ({language}).",
        "not_found_title": "Page not found",
        "not_found_text": "The page you are looking for does not exist, or it has moved. "
        "Try the search, or start again from the home page.",
        "not_found_home": "Go to the home page",
    },
    "nl": {
        "stale_notice": "Deze vertaling is mogelijk verouderd.",
        "stale_link": "Lees het origineel ({language}).",
        "stale_sections": "Gewijzigd in het origineel sinds deze vertaling is gecontroleerd: {sections}.",
        "stale_intro": "de inleiding",
        "fallback_notice": "Deze pagina is nog niet vertaald. U leest het origineel ({language}).",
        "not_found_title": "Pagina niet gevonden",
        "not_found_text": "De pagina die u zoekt bestaat niet, of is verplaatst. "
        "Probeer de zoekfunctie, of begin opnieuw op de startpagina.",
        "not_found_home": "Naar de startpagina",
    },
}


def labels_for(locale: str, configured: Mapping[str, Any] | None = None) -> dict[str, str]:
    """All texts for `locale`: English base, built-in locale texts, then configured ones on top."""
    merged = dict(BUILT_IN[FALLBACK_LOCALE])
    merged.update(BUILT_IN.get(locale, {}))
    merged.update({k: str(v) for k, v in ((configured or {}).get(locale) or {}).items()})
    return merged


def fill(text: str, language: str) -> str:
    """A label with `{language}` replaced (and no other formatting interpreted)."""
    return text.replace("{language}", language)
