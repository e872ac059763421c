"""Where a page's translation lives with mkdocs-static-i18n's suffix structure.

`page.md` is the default-language source; `page.<locale>.md` is its translation into `<locale>`.
Locales come from the configuration, never from this module.
"""

from __future__ import annotations

from pathlib import PurePosixPath


def translation_of(source: str, locale: str) -> str:
    """`glutamine/sport.md` + `en` → `glutamine/sport.en.md`."""
    path = PurePosixPath(source)
    return str(path.with_name(f"{path.stem}.{locale}{path.suffix}"))


def source_of(path: str, locales: list[str]) -> tuple[str, str] | None:
    """(source path, locale) when `path` is a translation into one of `locales`, else None."""
    posix = PurePosixPath(path)
    suffixes = posix.suffixes
    if len(suffixes) < 2 or suffixes[-1] != ".md":
        return None
    locale = suffixes[-2].lstrip(".")
    if locale not in locales:
        return None
    stem = posix.name[: -len(f".{locale}.md")]
    return str(posix.with_name(f"{stem}.md")), locale


def is_source(path: str, locales: list[str]) -> bool:
    """A Markdown page in the default language (no locale suffix)."""
    return path.endswith(".md") and source_of(path, locales) is None
