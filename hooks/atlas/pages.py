"""Page paths in mkdocs-static-i18n's suffix layout: the one parser every feature uses.

`x.md` is a page in the default language (its source); `x.<locale>.md` is the same page in `<locale>`,
also when `<locale>` is the default (static-i18n accepts `x.nl.md` for a Dutch default). Only a
configured locale is a language suffix: `omega-3.v2.md` is a source page named `omega-3.v2`, not `omega-3`
in the language `v2`. Locales come from the configuration (default first), never from this module.
Paths are relative to the docs folder, with `/` (MkDocs' `src_uri`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath

MARKDOWN_SUFFIX = ".md"

__all__ = ["MARKDOWN_SUFFIX", "is_markdown", "is_source", "locale_of", "source_of", "translated",
           "translation_of"]


def is_markdown(path: str) -> bool:
    return path.endswith(MARKDOWN_SUFFIX)


def translation_of(source: str, locale: str) -> str:
    """`glutamine/sport.md` + `en` -> `glutamine/sport.en.md` (the file static-i18n reads for `en`)."""
    path = PurePosixPath(source)
    return str(path.with_name(f"{path.name.removesuffix(MARKDOWN_SUFFIX)}.{locale}{MARKDOWN_SUFFIX}"))


def _suffix_locale(path: str, locales: Sequence[str]) -> str | None:
    """The configured locale in a Markdown file's name (`x.en.md` -> `en`), None without one."""
    if not is_markdown(path):
        return None
    name = PurePosixPath(path).name.removesuffix(MARKDOWN_SUFFIX)
    stem, dot, candidate = name.rpartition(".")
    return candidate if dot and stem and candidate in locales else None


def source_of(path: str, locales: Sequence[str]) -> tuple[str, str]:
    """(source page, locale) of a page file: `glutamine/sport.en.md` -> (`glutamine/sport.md`, `en`);
    a file without a configured locale suffix is its own source, in the default locale (`locales[0]`)."""
    locale = _suffix_locale(path, locales)
    if locale is None:
        return path, locales[0]
    return path[: -len(f".{locale}{MARKDOWN_SUFFIX}")] + MARKDOWN_SUFFIX, locale


def translated(path: str, locales: Sequence[str]) -> tuple[str, str] | None:
    """(source page, locale) when `path` carries one of `locales` as its suffix, else None."""
    locale = _suffix_locale(path, locales)
    return None if locale is None else source_of(path, locales)


def locale_of(path: str, locales: Sequence[str]) -> str:
    """The language of a page file: `x.en.md` -> `en`, `x.md` -> the default locale."""
    return source_of(path, locales)[1]


def is_source(path: str, locales: Sequence[str]) -> bool:
    """A Markdown page without a locale suffix: the default-language original of its translations."""
    return is_markdown(path) and _suffix_locale(path, locales) is None
