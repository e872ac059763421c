"""One search index per language.

mkdocs-static-i18n merges every language into the root `search/search_index.json`, so an English
reader searching gets Dutch hits. Each language gets its own index instead: the default language
keeps the root one, `<locale>/search/search_index.json` holds the others. Entries of a locale's
index are relative to `<locale>/`, because its pages tell Material's search that `<locale>/` is
the base it resolves the index and result links against (see `head.py`).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any


def _page_of(location: str) -> str:
    return location.split("#", 1)[0]


def belongs_to(location: str, locale: str, default: str, locales: Collection[str]) -> bool:
    """Whether a search entry's site-relative location lies in `locale`'s part of the site."""
    if locale == default:
        return not any(location.startswith(f"{other}/") for other in locales if other != default)
    return location.startswith(f"{locale}/")


def language_index(
    index: dict[str, Any],
    locale: str,
    default: str,
    locales: Collection[str],
    exclude_pages: Collection[str] = (),
) -> dict[str, Any]:
    """The entries of `index` that are `locale`'s own pages, relative to that locale's base.

    `exclude_pages` are site-relative page URLs to leave out: pages served in `locale`'s site
    without a translation (their text is in another language).
    """
    excluded = set(exclude_pages)
    prefix = "" if locale == default else f"{locale}/"
    docs = [
        {**entry, "location": entry["location"][len(prefix):]}
        for entry in index.get("docs", [])
        if belongs_to(entry["location"], locale, default, locales)
        and _page_of(entry["location"]) not in excluded
    ]
    config = dict(index.get("config", {}))
    if locale in (config.get("lang") or []):
        config["lang"] = [locale]  # stem and filter stop words for this language only
    return {"config": config, "docs": docs}
