"""Stamping a translation: its front-matter stamp, and the source text it matched kept beside it.

The one place both contributor scripts (`scripts/translations.py stamp`, `scripts/new_page.py`) write a
stamp, so a stamp never exists without its snapshot (`snapshots.py`), and snapshots no translation
refers to any more are removed in the same step.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from atlas.translations.hashing import body_hash
from atlas.translations.naming import translation_of
from atlas.translations.project import Project
from atlas.translations.snapshots import prune_snapshots, write_snapshot
from atlas.translations.stamp import read_stamp, write_stamp


@dataclass(frozen=True)
class Stamped:
    translation: Path
    source: Path
    previous: str | None
    fingerprint: str


def stamp_translation(project: Project, source: str, locale: str) -> Stamped:
    """Stamp `source`'s translation into `locale` (docs-relative names) with the source's fingerprint
    now, keep the source text, and prune the source's snapshots no translation's stamp refers to."""
    source_path = project.docs_dir / source
    target = project.docs_dir / translation_of(source, locale)
    source_text = source_path.read_text(encoding="utf-8")
    fingerprint = body_hash(source_text, project.changes.watched_front_matter)[: project.hash_length]
    text = target.read_text(encoding="utf-8")
    previous = read_stamp(text, project.stamp_key)
    target.write_text(write_stamp(text, fingerprint, project.stamp_key), encoding="utf-8")
    write_snapshot(project.snapshots_dir, source, fingerprint, source_text)
    prune_snapshots(project.snapshots_dir, source, _stamps_of(project, source))
    return Stamped(target, source_path, previous, fingerprint)


def _stamps_of(project: Project, source: str) -> set[str]:
    """The stamps every existing translation of `source` carries."""
    stamps = set()
    for locale in project.targets:
        path = project.docs_dir / translation_of(source, locale)
        if path.is_file() and (stamp := read_stamp(path.read_text(encoding="utf-8"), project.stamp_key)):
            stamps.add(stamp)
    return stamps
