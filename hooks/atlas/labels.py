"""Reader-facing texts of every feature, per locale, with one fallback chain.

The built-in texts are data (`labels.yml` beside this module), so a translator edits no Python. A project
overrides any of them per locale under `extra.atlas.<feature>.labels.<locale>` in mkdocs.yml. For a
locale, a text comes from the first of: the project's labels for the locale; the built-in texts for the
locale (`nl_BE`, then `nl`); the built-in texts for the project's default language; English, which is
complete for every feature (so adding a language never breaks a build).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from atlas.safe_yaml import load

DATA = Path(__file__).with_name("labels.yml")
LAST_RESORT = "en"

__all__ = ["LAST_RESORT", "built_in", "labels_for", "locale_chain"]


@functools.cache
def _data() -> dict[str, dict[str, dict[str, Any]]]:
    loaded: dict[str, dict[str, dict[str, Any]]] = load(DATA.read_text(encoding="utf-8"))
    return loaded


def built_in(feature: str) -> dict[str, dict[str, Any]]:
    """The built-in texts of `feature` per locale (a copy: callers cannot change the data)."""
    return {locale: dict(texts) for locale, texts in _data()[feature].items()}


def locale_chain(locale: str, default_locale: str = LAST_RESORT) -> list[str]:
    """Where a text of `locale` is looked for, first to last: `nl_BE` -> nl_BE, nl, default, en."""
    base = re.split(r"[_-]", locale, maxsplit=1)[0]
    chain = [locale, base, default_locale, LAST_RESORT]
    return list(dict.fromkeys(chain))  # order kept, repeats dropped


def labels_for(feature: str, locale: str, configured: Mapping[str, Mapping[str, Any]] | None = None,
               default_locale: str = LAST_RESORT) -> dict[str, Any]:
    """Every text of `feature` for `locale`: the project's labels over the built-in chain."""
    texts = _data()[feature]
    merged: dict[str, Any] = {}
    for candidate in reversed(locale_chain(locale, default_locale)):
        merged.update(texts.get(candidate) or {})
    merged.update((configured or {}).get(locale) or {})
    return merged
