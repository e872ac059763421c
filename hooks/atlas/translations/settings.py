"""`extra.atlas.translations` of mkdocs.yml, declared for `atlas.settings`: stamps and notices, and what
translation upkeep counts as a change (critical admonitions, watched front matter, the snapshots folder)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from atlas.settings import Block, parse

DEFAULT_STAMP_KEY = "source_hash"
# Admonition classes whose change in a source page makes a stale translation a warning, not a note:
# the "who should be careful" box, the safety page's box and the evidence notes.
DEFAULT_CRITICAL = ("careful", "safety-first", "evidence")
# Front-matter keys that are content (the safety topics a page declares), see `hashing.body_hash`.
DEFAULT_WATCHED = ("risks",)
# The committed folder holding the source text each stamp matched (`snapshots.py`).
DEFAULT_SNAPSHOTS = ".translations"


@dataclass(frozen=True)
class TranslationsSettings:
    """Stamps, stale-translation notices and diffs, hreflang and the 404 page."""

    enabled: bool = True
    stamp_key: str = DEFAULT_STAMP_KEY   # front-matter key: the source fingerprint a translation matches
    hash_length: int = 12
    missing: Literal["warn", "info"] = "warn"   # a page without translation: warning (fails --strict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)   # locale -> name -> reader-facing text
    snapshots: str = DEFAULT_SNAPSHOTS
    critical_admonitions: tuple[str, ...] = DEFAULT_CRITICAL
    watched_front_matter: tuple[str, ...] = DEFAULT_WATCHED


def _check(settings: TranslationsSettings) -> list[str]:
    problems = []
    if not settings.stamp_key.strip():
        problems.append("`extra.atlas.translations.stamp_key`: empty; give a front-matter key, "
                        "e.g. source_hash.")
    if not 4 <= settings.hash_length <= 64:
        problems.append(f"`extra.atlas.translations.hash_length`: expected a whole number from 4 to 64, "
                        f"got {settings.hash_length}.")
    if not settings.snapshots.strip() or settings.snapshots.startswith("/"):
        problems.append("`extra.atlas.translations.snapshots`: expected a folder relative to mkdocs.yml, "
                        f"e.g. {DEFAULT_SNAPSHOTS}.")
    return problems


SETTINGS = Block("translations", TranslationsSettings, check=_check)

ChangeSettings = TranslationsSettings  # what translation upkeep reads of the block


def change_settings(raw: Mapping[str, Any] | None) -> tuple[TranslationsSettings, list[str]]:
    """The settings (defaults where a value is absent or wrong) and every problem, one line each."""
    return parse(SETTINGS, raw)
