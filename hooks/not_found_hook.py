"""MkDocs hook: the 404 page, self-contained so it looks right and works wherever it is served.

Thin adapter over `atlas.not_found` (why the page must be self-contained is said there). Per build
(static-i18n runs one per language): the page's own stylesheet and script (theme files
`partials/not-found.css` and `.js`) are read and kept out of the site, the site's stylesheets are read
for the palette's colours, and the 404 template gets every language's text (the build's language first),
the inlined stylesheet and script, the favicon as a data: URI and the data the script needs. The
translations hook writes each language's copy; the CSP hook allows the inline script by its hash.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from atlas.labels import labels_for
from atlas.not_found import (
    Notice,
    Palette,
    first_folders,
    icon_data_uri,
    language_home,
    ordered,
    page_title,
    palette_entry,
    palette_values,
    script,
    script_data,
    site_path,
    stylesheet,
)
from atlas.translations.settings import SETTINGS as TRANSLATIONS
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from site_context import build_language, default_language, languages, options

log = logging.getLogger("mkdocs.hooks.not_found")

TEMPLATE = "404.html"
STYLE = "partials/not-found.css"
SCRIPT = "partials/not-found.js"
THEME_STYLESHEETS = "assets/stylesheets/"

_build: dict[str, Any] = {}  # what on_files read for this build's 404 page


@event_priority(-250)  # after the stylesheets hook (-200) has made the site's stylesheet bundle
def on_files(files: Files, config: MkDocsConfig) -> Files:
    _build.clear()
    for name in (STYLE, SCRIPT):
        file = files.get_file_from_path(name)
        if file is None:
            log.warning(f"{config.theme.custom_dir or 'the theme'}/{name} is missing: the 404 page is built "
                        f"without it. Restore it from git (the page's own stylesheet and script).")
            continue
        _build[name] = file.content_string
        files.remove(file)  # inlined into the 404 page, never fetched
    _build["stylesheets"] = [file.content_string for file in _linked_stylesheets(files, config)]
    _build["folders"] = first_folders((file.url for file in files.documentation_pages()), languages(config))
    favicon = files.get_file_from_path(str(config.theme.get("favicon") or ""))
    _build["icon"] = icon_data_uri(favicon.content_string) if favicon and favicon.src_uri.endswith(".svg") \
        else ""
    return files


def _linked_stylesheets(files: Files, config: MkDocsConfig) -> list[File]:
    """The stylesheets every page links, in cascade order: the theme's own (Material's main, then
    palette), then `extra_css` (the site's bundle, already renamed by the stylesheets hook)."""
    theme_dirs = [Path(folder).resolve() for folder in config.theme.dirs]
    theme = sorted(
        (file for file in files
         if file.src_uri.startswith(THEME_STYLESHEETS) and file.src_uri.endswith(".css")
         and file.abs_src_path and any(folder in Path(file.abs_src_path).resolve().parents
                                       for folder in theme_dirs)),
        key=lambda file: file.src_uri,
    )
    extra = [files.get_file_from_path(str(entry)) for entry in config.extra_css]
    return theme + [file for file in extra if file is not None]


def _notices(config: MkDocsConfig) -> list[Notice]:
    default, root = default_language(config), site_path(config.site_url)
    configured = options(config, TRANSLATIONS).labels
    notices = []
    for lang in languages(config):
        labels = labels_for("translations", lang, configured, default)
        notices.append(Notice(
            lang=lang, title=labels["not_found_title"], text=labels["not_found_text"],
            home=labels["not_found_home"], search=labels["not_found_search"],
            search_button=labels["not_found_search_button"], home_url=language_home(root, lang, default),
        ))
    return ordered(notices, build_language(config))


def _palettes(config: MkDocsConfig) -> list[Palette]:
    entries = config.theme.get("palette") or []
    entries = [entries] if isinstance(entries, dict) else list(entries)
    return [Palette(entry.get("media"), palette_entry(entry),
                    palette_values(_build.get("stylesheets", []), palette_entry(entry)))
            for entry in entries if isinstance(entry, dict)]


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """Give the 404 template everything it shows, in the language being built first."""
    if template_name != TEMPLATE:
        return context
    notices = _notices(config)
    context["atlas_not_found"] = {
        "notices": notices,
        "title": page_title(notices, config.site_name),
        "style": stylesheet(_build.get(STYLE, ""), _palettes(config)),
        "script": script(_build.get(SCRIPT, "")),
        "data": script_data(site_path(config.site_url), default_language(config), languages(config),
                            _build.get("folders", []), config.site_name),
        "icon": _build.get("icon", ""),
    }
    return context
