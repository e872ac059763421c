"""Where a handout goes and what it is called."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath

from atlas.pages import MARKDOWN_SUFFIX, source_of

_UNSAFE = re.compile(r"[^a-z0-9]+")


def page_slug(src_uri: str, locales: Sequence[str]) -> str:
    """A file-name-safe name for a page from its source path, without language suffix.

    `leucine.md` -> `leucine`; `glutamine/index.md` -> `glutamine`;
    `glutamine/functions.en.md` -> `glutamine-functions`; `omega-3.v2.md` -> `omega-3-v2`. Downloads from
    different pages land in one folder on the reader's machine, so the folder is part of the name.
    """
    source = source_of(src_uri, locales)[0]
    parts = list(PurePosixPath(source.removesuffix(MARKDOWN_SUFFIX)).parts)
    stem = parts[-1]
    if stem in ("index", "README") and len(parts) > 1:
        parts = parts[:-1]
    slug = _UNSAFE.sub("-", "-".join(parts).lower()).strip("-")
    return slug or "index"


def handout_filename(src_uri: str, language: str, locales: Sequence[str]) -> str:
    """`leucine.md`, `nl` -> `leucine-nl.pdf`."""
    return f"{page_slug(src_uri, locales)}-{language}.pdf"


def booklet_filename(name: str, language: str) -> str:
    """`Amino Atlas`, `en` -> `amino-atlas-en.pdf`."""
    slug = _UNSAFE.sub("-", name.lower()).strip("-") or "handouts"
    return f"{slug}-{language}.pdf"


def source_key(src_uri: str, locales: Sequence[str]) -> str:
    """The page's source path without its language suffix: how the configuration names pages."""
    return source_of(src_uri, locales)[0]


def clashing_slugs(src_uris: Iterable[str], locales: Sequence[str]) -> dict[str, list[str]]:
    """Slugs that more than one page gets (`glutamine/functions.md`, `glutamine-functions.md`).

    A page's slug prefixes every label of its article in the booklet, so labels are unique only
    while slugs are.
    """
    pages: dict[str, list[str]] = {}
    for src_uri in src_uris:
        pages.setdefault(page_slug(src_uri, locales), []).append(src_uri)
    return {slug: found for slug, found in pages.items() if len(found) > 1}
