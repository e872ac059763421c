"""`extra.atlas.evidence` of mkdocs.yml, declared for `atlas.settings` (the one settings pattern).

    evidence:
      folder: evidence          # record files, relative to mkdocs.yml: <folder>/<key>.yml
      missing: warn             # warn | info: a cited sentence without a current record fails --strict
      max_quote_words: 40       # a quote is a short passage, not the abstract
      quote_language: en        # language of quotes unless a file or quote says `lang:`
      cache: .cache/evidence    # cited sentences of unchanged pages, by content (false: none);
                                # the environment variable ATLAS_EVIDENCE_CACHE overrides it
      labels:                   # says, seen, not_seen (claims without a quote: the source was not seen)
        nl: {says: Wat de bron zegt, seen: Gezien in, not_seen: nog niet nagekeken (…)}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from atlas.evidence.render import DEFAULT_LABELS
from atlas.settings import Block, parse

PREFIX = "extra.atlas.evidence"


@dataclass(frozen=True)
class Settings:
    enabled: bool = True
    folder: str = "evidence"
    missing: Literal["warn", "info"] = "warn"
    max_quote_words: int = 40
    quote_language: str = "en"
    cache: str | bool = True   # a folder, true (.cache/evidence) or false (find every page's sentences anew)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)


def _check(settings: Settings) -> list[str]:
    found = []
    if not settings.folder.strip():
        found.append(f"`{PREFIX}.folder`: empty; give a folder relative to mkdocs.yml, e.g. evidence.")
    if isinstance(settings.cache, str) and not settings.cache.strip():
        found.append(f"`{PREFIX}.cache`: empty; give a folder relative to mkdocs.yml, or false.")
    if settings.max_quote_words <= 0:
        found.append(f"`{PREFIX}.max_quote_words`: {settings.max_quote_words}; give a positive whole number.")
    for locale, texts in settings.labels.items():
        for label in texts:
            if label not in DEFAULT_LABELS:
                found.append(f"`{PREFIX}.labels.{locale}.{label}`: unknown label; allowed: "
                             f"{', '.join(DEFAULT_LABELS)}.")
    return found


SETTINGS = Block("evidence", Settings, check=_check)


def problems(raw: Any) -> list[str]:
    """Every problem of the block, one line each; [] when valid (an absent block is valid)."""
    return parse(SETTINGS, raw)[1]


def read_settings(raw: Any) -> Settings:
    """Settings with defaults (an invalid value falls back to its default)."""
    return parse(SETTINGS, raw)[0]
