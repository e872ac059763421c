"""A new article in every language, and its place in the nav: what `make new-page` writes.

Pure functions over text: the pages' Markdown (the front matter and structure every article needs:
title, description, review dates, the key-points box first) and `mkdocs.yml` with the page added to
`nav` and its translated titles to each language's `nav_translations`. The YAML is edited as text, one
inserted line per entry, so its comments and layout stay; the result is parsed again to prove the page
landed where intended. The script `scripts/new_page.py` reads and writes the files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any

import yaml

# The parts of a new page a writer replaces, per locale; English fills a locale without its own.
TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "key_points": "In short",
        "description": "One sentence on what this page explains.",
        "points": "The first key point, in one short sentence.\nThe second key point.\nThe third key point.",
        "topics": "Does this page mention a dose, supplements or fasting? Then declare its safety topics\n"
                  "here (risks: [...]); CONTRIBUTING.md, recipe \"Add a page\", lists them.",
        "start": "Write the text under the key points, in ## sections. Give every claim a source:\n"
                 "cite a key from references.bib (CONTRIBUTING.md, recipe \"Cite it\").\n"
                 "Delete these comment lines when you are done.",
    },
    "nl": {
        "key_points": "In het kort",
        "description": "Eén zin over wat deze pagina uitlegt.",
        "points": "Het eerste kernpunt, in één korte zin.\nHet tweede kernpunt.\nHet derde kernpunt.",
        "topics": "Noemt deze pagina een dosis, supplementen of vasten? Zet dan hier de\n"
                  "veiligheidsonderwerpen (risks: [...]); CONTRIBUTING.md, recept \"Add a page\", noemt ze.",
        "start": "Schrijf de tekst onder de kernpunten, in ##-delen. Geef elke bewering een bron:\n"
                 "citeer een sleutel uit references.bib (CONTRIBUTING.md, recept \"Cite it\").\n"
                 "Wis deze commentaarregels als je klaar bent.",
    },
}
FALLBACK = "en"


class ScaffoldError(ValueError):
    """A request `make new-page` refuses, in one line the contributor can act on."""


@dataclass(frozen=True)
class NewPage:
    source: str                 # docs-relative, e.g. glutamine/timing.md
    titles: Mapping[str, str]   # locale -> title; the default locale first


def _scalar(text: str) -> str:
    """`text` as a one-line YAML scalar: plain when it can be, quoted when YAML needs it."""
    dumped = yaml.safe_dump(text, allow_unicode=True, width=10**6, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def next_review(day: date) -> date:
    """A year after `day` (the latest next review the review dates allow), 28 February for 29 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def page_text(title: str, locale: str, day: date) -> str:
    """A new article's Markdown in `locale`: front matter (with YAML comments telling the writer what to do
    next: never an HTML comment in the page), h1, key points first."""
    texts = {**TEMPLATES[FALLBACK], **TEMPLATES.get(locale, {})}
    notes = "".join(f"# {line}\n" for key in ("start", "topics") for line in texts[key].splitlines())
    points = "".join(f"    - {line}\n" for line in texts["points"].splitlines())
    return (
        f"---\ntitle: {_scalar(title)}\ndescription: {_scalar(texts['description'])}\n"
        f"reviewed: {day.isoformat()}\nnext_review: {next_review(day).isoformat()}\n{notes}---\n\n"
        f"# {title}\n\n"
        f'!!! abstract key-points "{texts["key_points"]}"\n{points}'
    )


def checked_source(relative: str, locales: list[str]) -> str:
    """The docs-relative page name if it can be a new source page, else ScaffoldError saying why."""
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or not relative:
        raise ScaffoldError(f"{relative}: give a page inside the docs folder, e.g. docs/topic.md")
    if path.suffix != ".md":
        raise ScaffoldError(f"{relative}: a page name ends in .md, e.g. docs/{path.with_suffix('.md')}")
    parts = path.name.split(".")
    if len(parts) >= 3 and parts[-2] in locales:
        raise ScaffoldError(f"{relative}: give the {locales[0]} page (without .{parts[-2]}); "
                            "make new-page writes every language")
    if not re.fullmatch(r"[a-z0-9][a-z0-9/_-]*\.md", relative):
        raise ScaffoldError(f"{relative}: use lowercase letters, digits and - in page names (it is the URL)")
    return relative


# --- mkdocs.yml as text -----------------------------------------------------------------------------

ENTRY = re.compile(r"^(?P<indent>[ ]*)- ")
PAGE_PATH = re.compile(r"(?:^|[\s:])(?P<path>[\w./-]+\.md)\s*(?:#.*)?$")


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The index after the last line belonging to the item at `start` (more indented or blank)."""
    end = start + 1
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if line.strip() and (len(line) - len(line.lstrip(" "))) <= indent:
            break
        if line.strip():
            end = index + 1
    return end


def _folder_of(line: str) -> str | None:
    match = PAGE_PATH.search(line)
    return str(PurePosixPath(match.group("path")).parent) if match else None


def _nav_block(lines: list[str]) -> tuple[int, int]:
    """(line of `nav:`, index after its last entry); entries may be indented or start at column 0."""
    for index, line in enumerate(lines):
        if re.match(r"^nav:\s*(#.*)?$", line):
            end = index + 1
            for following in range(index + 1, len(lines)):
                text = lines[following]
                if text.strip() and not text.startswith((" ", "- ", "#")):
                    break
                if text.strip() and not text.startswith("#"):
                    end = following + 1
            return index, end
    raise ScaffoldError("mkdocs.yml has no nav: list the pages under nav: first")


def _insert_nav(lines: list[str], source: str, title: str, excluded: set[str]) -> list[str]:
    """The nav with `- title: source` after the last page of its folder, else after the last top-level
    entry holding an article (so it lands before the glossary, references and about pages)."""
    start, end = _nav_block(lines)
    entries = [(i, len(m.group("indent"))) for i in range(start + 1, end) if (m := ENTRY.match(lines[i]))]
    if not entries:
        raise ScaffoldError("mkdocs.yml: nav: has no entries to add the page next to")
    line = f"- {_scalar(title)}: {source}"
    folder = str(PurePosixPath(source).parent)
    if folder != ".":
        siblings = [(i, ind) for i, ind in entries if _folder_of(lines[i]) == folder]
        if siblings:
            index, indent = siblings[-1]
            return [*lines[:index + 1], " " * indent + line, *lines[index + 1:]]
    top = min(indent for _, indent in entries)
    after = end
    for index, indent in entries:
        if indent != top:
            continue
        block_end = _block_end(lines, index, indent)
        paths = [m.group("path") for i in range(index, block_end) if (m := PAGE_PATH.search(lines[i]))]
        if any(path not in excluded for path in paths):
            after = block_end
    return [*lines[:after], " " * top + line, *lines[after:]]


def _language_items(lines: list[str]) -> dict[str, tuple[int, int, int]]:
    """locale -> (first line, end, indent of its `- `) of each item under the i18n plugin's languages."""
    found = {}
    for index, line in enumerate(lines):
        match = re.match(r"^(?P<indent>[ ]*)- locale:\s*(?P<locale>[\w-]+)\s*(#.*)?$", line)
        if match:
            indent = len(match.group("indent"))
            found[match.group("locale")] = (index, _block_end(lines, index, indent), indent)
    return found


def _insert_translation(lines: list[str], locale: str, title: str, translated: str) -> list[str]:
    items = _language_items(lines)
    if locale not in items:
        raise ScaffoldError(f"mkdocs.yml: no '- locale: {locale}' under plugins: i18n: languages:")
    first, end, _ = items[locale]
    for index in range(first, end):
        match = re.match(r"^(?P<indent>[ ]*)nav_translations:\s*(#.*)?$", lines[index])
        if match:
            own = len(match.group("indent"))
            last = _block_end(lines, index, own)
            entries = [lines[i] for i in range(index + 1, last) if lines[i].strip()]
            indent = (len(entries[0]) - len(entries[0].lstrip(" "))) if entries else own + 2
            return [*lines[:last], f"{' ' * indent}{_scalar(title)}: {_scalar(translated)}", *lines[last:]]
    raise ScaffoldError(f"mkdocs.yml: locale {locale} has no nav_translations: add 'nav_translations:' "
                        "under it, then run make new-page again")


def _load(text: str) -> dict[str, Any]:
    from atlas.translations.project import load_config_text  # the YAML loader that tolerates MkDocs' tags

    return load_config_text(text)


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []


def _translations_of(config: dict[str, Any], locale: str) -> dict[str, Any]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in (plugin["i18n"] or {}).get("languages") or []:
                if str(language.get("locale")) == locale:
                    return language.get("nav_translations") or {}
    return {}


def with_page_in_nav(config_text: str, page: NewPage, excluded: Iterable[str] = ()) -> str:
    """`mkdocs.yml` text with the page in `nav` (default title) and, per other locale whose title differs,
    a `nav_translations` line. ScaffoldError when the page is already in the nav or a title clashes."""
    config = _load(config_text)
    if page.source in _nav_pages(config.get("nav")):
        raise ScaffoldError(f"{page.source} is already in the nav of mkdocs.yml")
    locales = list(page.titles)
    title = page.titles[locales[0]]
    lines = config_text.split("\n")
    lines = _insert_nav(lines, page.source, title, set(excluded))
    for locale in locales[1:]:
        translated = page.titles[locale]
        known = _translations_of(config, locale)
        if title in known and known[title] != translated:
            raise ScaffoldError(f"mkdocs.yml: nav_translations of {locale} already turns '{title}' into "
                                f"'{known[title]}'; choose another title or use that translation")
        if translated != title and title not in known:
            lines = _insert_translation(lines, locale, title, translated)
    updated = "\n".join(lines)
    result = _load(updated)
    if page.source not in _nav_pages(result.get("nav")):
        raise ScaffoldError(f"mkdocs.yml: could not add {page.source} to the nav; add it by hand")
    return updated


def not_in_nav_hint(shown_page: str) -> str:
    """The line under MkDocs' "not included in the nav" warning: how to add the page, and the command
    that would have done it."""
    return (f"{shown_page}: not in the nav of mkdocs.yml. Add it under nav: (and its translated title under "
            "nav_translations), or start a page with make new-page PAGE=docs/<page>.md TITLE=\"…\" "
            "TITLE_EN=\"…\", which does both.")
