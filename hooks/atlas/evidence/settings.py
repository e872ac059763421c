"""`extra.atlas.evidence` of mkdocs.yml: read with defaults that work, and checked (one line per problem).

    evidence:
      folder: evidence          # record files, relative to mkdocs.yml: <folder>/<key>.yml
      missing: warn             # warn | info: a cited sentence without a current record fails --strict
      max_quote_words: 40       # a quote is a short passage, not the abstract
      quote_language: en        # language of quotes unless a file or quote says `lang:`
      labels:                   # says, seen, not_seen (claims without a quote: the source was not seen)
        nl: {says: Wat de bron zegt, seen: Gezien in, not_seen: nog niet nagekeken (…)}
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from atlas.evidence.render import DEFAULT_LABELS

PREFIX = "extra.atlas.evidence"
KNOWN = ("folder", "missing", "max_quote_words", "quote_language", "labels")
LEVELS = ("warn", "info")


@dataclass(frozen=True)
class Settings:
    folder: str = "evidence"
    missing: str = "warn"
    max_quote_words: int = 40
    quote_language: str = "en"
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def _text(raw: Mapping[str, Any], name: str, found: list[str]) -> None:
    value = raw.get(name)
    if name in raw and (not isinstance(value, str) or not value.strip()):
        found.append(f"{PREFIX}.{name}: {value!r}; give a text.")


def problems(raw: Any) -> list[str]:
    """Every problem of the block, one line each; [] when valid (an absent block is valid)."""
    if raw is None:
        return []
    if not isinstance(raw, Mapping):
        return [f"{PREFIX}: give a mapping of settings (allowed: {', '.join(KNOWN)})."]
    found: list[str] = []
    for name in raw:
        if name not in KNOWN:
            close = difflib.get_close_matches(str(name), KNOWN, n=1, cutoff=0.5)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(KNOWN)}."
            found.append(f"{PREFIX}.{name}: unknown setting; {hint}")
    _text(raw, "folder", found)
    _text(raw, "quote_language", found)
    if "missing" in raw and raw["missing"] not in LEVELS:
        found.append(f"{PREFIX}.missing: {raw['missing']!r} is not allowed; use one of: {', '.join(LEVELS)}.")
    words = raw.get("max_quote_words", 40)
    if isinstance(words, bool) or not isinstance(words, int) or words <= 0:
        found.append(f"{PREFIX}.max_quote_words: {words!r}; give a positive whole number.")
    labels = raw.get("labels") or {}
    if not isinstance(labels, Mapping):
        found.append(f"{PREFIX}.labels: give a mapping of locale to labels, "
                     "e.g. {nl: {says: Wat de bron zegt}}.")
        return found
    for locale, texts in labels.items():
        if not isinstance(texts, Mapping):
            found.append(f"{PREFIX}.labels.{locale}: give a mapping of label name to text.")
            continue
        for label, text in texts.items():
            if label not in DEFAULT_LABELS:
                found.append(f"{PREFIX}.labels.{locale}.{label}: unknown label; allowed: "
                             f"{', '.join(DEFAULT_LABELS)}.")
            elif not isinstance(text, str) or not text.strip():
                found.append(f"{PREFIX}.labels.{locale}.{label}: give the label's text.")
    return found


def read_settings(raw: Any) -> Settings:
    """Settings with defaults; call `problems` first (invalid values fall back to defaults here)."""
    raw = dict(raw or {}) if isinstance(raw, Mapping) else {}
    words = raw.get("max_quote_words", 40)
    return Settings(
        folder=str(raw.get("folder") or "evidence"),
        missing=raw.get("missing") if raw.get("missing") in LEVELS else "warn",
        max_quote_words=words if isinstance(words, int) and not isinstance(words, bool) and words > 0 else 40,
        quote_language=str(raw.get("quote_language") or "en"),
        labels=dict(raw.get("labels") or {}) if isinstance(raw.get("labels"), Mapping) else {},
    )
