"""The settings of translation upkeep that say what a change is and where matched sources are kept.

Read from `extra.atlas.translations` by both the hook and the contributor script, with defaults that
work when a key is absent, and a one-line problem for a value of the wrong shape (the default is used).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Admonition classes whose change in a source page makes a stale translation a warning, not a note:
# the "who should be careful" box, the safety page's box and the evidence notes.
DEFAULT_CRITICAL = ("careful", "safety-first", "evidence")
# Front-matter keys that are content (the safety topics a page declares), see `hashing.body_hash`.
DEFAULT_WATCHED = ("risks",)
# The committed folder holding the source text each stamp matched (`snapshots.py`).
DEFAULT_SNAPSHOTS = ".translations"


@dataclass(frozen=True)
class ChangeSettings:
    critical_admonitions: tuple[str, ...] = DEFAULT_CRITICAL
    watched_front_matter: tuple[str, ...] = DEFAULT_WATCHED
    snapshots: str = DEFAULT_SNAPSHOTS


def _names(
    raw: Mapping[str, Any], key: str, default: tuple[str, ...], problems: list[str]
) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        return default
    if isinstance(value, list) and all(isinstance(item, str) and item for item in value):
        return tuple(value)
    problems.append(f"extra.atlas.translations.{key} must be a list of names, e.g. {list(default)}; "
                    f"using the default")
    return default


def change_settings(raw: Mapping[str, Any] | None) -> tuple[ChangeSettings, list[str]]:
    """The settings and the problems found in them (each one line, naming the key and the fix)."""
    raw = raw or {}
    problems: list[str] = []
    critical = _names(raw, "critical_admonitions", DEFAULT_CRITICAL, problems)
    watched = _names(raw, "watched_front_matter", DEFAULT_WATCHED, problems)
    folder = raw.get("snapshots", DEFAULT_SNAPSHOTS)
    if not isinstance(folder, str) or not folder.strip() or folder.startswith("/"):
        problems.append("extra.atlas.translations.snapshots must be a folder relative to mkdocs.yml, "
                        f"e.g. {DEFAULT_SNAPSHOTS}; using the default")
        folder = DEFAULT_SNAPSHOTS
    return ChangeSettings(critical, watched, folder), problems
