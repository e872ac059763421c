"""The state of every page x language: present, up to date with its source, citation parity."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from atlas.translations.hashing import body_hash
from atlas.translations.naming import is_source, source_of, translation_of
from atlas.translations.parity import CitationDifference, citation_difference
from atlas.translations.stamp import is_up_to_date, read_stamp

DEFAULT_STAMP_KEY = "source_hash"


@dataclass(frozen=True)
class PageStatus:
    """One translation of one source page (which may not exist yet)."""

    source: str
    locale: str
    translation: str
    present: bool
    source_hash: str
    stamp: str | None = None
    citations: CitationDifference | None = None

    @property
    def up_to_date(self) -> bool | None:
        """None when there is no translation to judge; an unstamped translation is stale."""
        if not self.present:
            return None
        return is_up_to_date(self.stamp, self.source_hash)

    @property
    def stale(self) -> bool:
        return self.up_to_date is False

    @property
    def parity(self) -> bool | None:
        return None if self.citations is None else self.citations.same


def translation_status(
    source: str,
    source_text: str,
    locale: str,
    translation_text: str | None,
    stamp_key: str = DEFAULT_STAMP_KEY,
    watched: Iterable[str] = (),
) -> PageStatus:
    """The status of `source`'s translation into `locale` given both files' text (`watched`: the
    front-matter keys that count as content, see `body_hash`)."""
    translation = translation_of(source, locale)
    current = body_hash(source_text, watched)
    if translation_text is None:
        return PageStatus(source, locale, translation, present=False, source_hash=current)
    return PageStatus(
        source,
        locale,
        translation,
        present=True,
        source_hash=current,
        stamp=read_stamp(translation_text, stamp_key),
        citations=citation_difference(source_text, translation_text),
    )


def source_pages(relative_paths: Iterable[str], locales: list[str]) -> list[str]:
    """The default-language pages among docs-relative paths, sorted."""
    return sorted(p for p in relative_paths if is_source(p, locales))


def orphan_translations(relative_paths: Iterable[str], locales: list[str]) -> list[str]:
    """Translations whose source page does not exist (renamed or deleted source)."""
    paths = set(relative_paths)
    orphans = []
    for path in paths:
        found = source_of(path, locales)
        if found and found[0] not in paths:
            orphans.append(path)
    return sorted(orphans)


def markdown_files(docs_dir: Path) -> list[str]:
    """Every Markdown file under docs_dir, as a POSIX path relative to it."""
    return sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))


def project_status(
    docs_dir: Path,
    locales: list[str],
    default: str,
    stamp_key: str = DEFAULT_STAMP_KEY,
    watched: Iterable[str] = (),
) -> list[PageStatus]:
    """The status of every source page in every non-default locale, reading the files once."""
    targets = [locale for locale in locales if locale != default]
    files = markdown_files(docs_dir)
    present = set(files)
    statuses = []
    for source in source_pages(files, targets):
        source_text = (docs_dir / source).read_text(encoding="utf-8")
        for locale in targets:
            translation = translation_of(source, locale)
            text = (docs_dir / translation).read_text(encoding="utf-8") if translation in present else None
            statuses.append(translation_status(source, source_text, locale, text, stamp_key, watched))
    return statuses
