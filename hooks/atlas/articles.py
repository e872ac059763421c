"""Which pages are articles: every page with a PDF handout (`extra.atlas.handouts.exclude` lists the others).

Pure helpers over page paths relative to the docs folder; locales come from the caller (mkdocs.yml).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from atlas.pages import locale_of, source_of

__all__ = ["is_article", "locale_of", "source_name"]


def source_name(relative: str, locales: Sequence[str]) -> str:
    """The default-locale page a file belongs to: `glutamine/sport.en.md` -> `glutamine/sport.md`."""
    return source_of(relative, locales)[0]


def is_article(relative: str, locales: Sequence[str], excluded: Iterable[str]) -> bool:
    """A Markdown page whose default-language source is not in the handouts' exclude list."""
    return relative.endswith(".md") and source_name(relative, locales) not in set(excluded)
