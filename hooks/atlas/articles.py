"""Which pages are articles: every page with a PDF handout (`extra.atlas.handouts.exclude` lists the others).

Pure helpers over page paths relative to the docs folder; locales come from the caller (mkdocs.yml).
"""

from __future__ import annotations

from collections.abc import Iterable


def locale_of(relative: str, locales: list[str]) -> str:
    """`x.en.md` is English, `x.md` is the default locale (the first)."""
    parts = relative.rsplit("/", 1)[-1].split(".")
    if len(parts) >= 3 and parts[-2] in locales[1:]:
        return parts[-2]
    return locales[0]


def source_name(relative: str, locales: list[str]) -> str:
    """The default-locale page a file belongs to: `glutamine/sport.en.md` -> `glutamine/sport.md`."""
    locale = locale_of(relative, locales)
    if locale == locales[0]:
        return relative
    return relative[: -len(f".{locale}.md")] + ".md"


def is_article(relative: str, locales: list[str], excluded: Iterable[str]) -> bool:
    """A Markdown page whose default-language source is not in the handouts' exclude list."""
    return relative.endswith(".md") and source_name(relative, locales) not in set(excluded)
