"""Reader-facing texts of translations: the built-in texts are in `atlas/labels.yml` (feature
`translations`), read with `atlas.labels.labels_for`; `extra.atlas.translations.labels` overrides them.
`{language}` in a text is replaced by the name of the language of the original page.
"""

from __future__ import annotations


def fill(text: str, language: str) -> str:
    """A label with `{language}` replaced (and no other formatting interpreted)."""
    return text.replace("{language}", language)
