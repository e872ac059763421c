"""`extra.atlas.translations` of mkdocs.yml, declared for `atlas.settings`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from atlas.settings import Block

DEFAULT_STAMP_KEY = "source_hash"


@dataclass(frozen=True)
class TranslationsSettings:
    """Stamps, stale-translation notices, hreflang and the 404 page."""

    enabled: bool = True
    stamp_key: str = DEFAULT_STAMP_KEY   # front-matter key: the source fingerprint a translation matches
    hash_length: int = 12
    missing: Literal["warn", "info"] = "warn"   # a page without translation: warning (fails --strict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)   # locale -> name -> reader-facing text
    # translation upkeep (on main: `change_settings` in this module's namesake reads them; merge both here)
    snapshots: str = ".translations"
    critical_admonitions: tuple[str, ...] = ("careful", "safety-first", "evidence")
    watched_front_matter: tuple[str, ...] = ("risks",)


def _check(settings: TranslationsSettings) -> list[str]:
    problems = []
    if not settings.stamp_key.strip():
        problems.append("`extra.atlas.translations.stamp_key`: empty; give a front-matter key, "
                        "e.g. source_hash.")
    if not 4 <= settings.hash_length <= 64:
        problems.append(f"`extra.atlas.translations.hash_length`: expected a whole number from 4 to 64, "
                        f"got {settings.hash_length}.")
    return problems


SETTINGS = Block("translations", TranslationsSettings, check=_check)
