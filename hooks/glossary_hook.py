"""MkDocs hook: glossary hover texts on every page, in the page's language.

Thin adapter over `atlas.glossary`. Settings (optional) in mkdocs.yml under `extra.atlas.glossary`:

    file: includes/glossary.{locale}.md   # relative to mkdocs.yml; {locale} is the page's language
    mark: first                           # first: a term's first mention in running text; all: every one

Each page gets the abbreviation lines of its language's file appended, unless its front matter says
`glossary: false` (the glossary page does: its terms are explained in full there, and 186 tooltips
made it slow). A language without a file, or a line the file cannot use, is a
warning naming the file (and line) and what to do; `--strict` turns it into a failed build.
"""

from __future__ import annotations

import logging

from atlas.glossary import (
    DEFAULT_FILE_TEMPLATE,
    MARK_MODES,
    Glossary,
    GlossaryCache,
    append_glossary,
    glossary_path,
    keep_first_mentions,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_context import page_language, project_root, settings, shown_path

log = logging.getLogger("mkdocs.hooks.glossary")

FEATURE = "glossary"

_cache = GlossaryCache()
# Per build (static-i18n runs one build per language): the glossary of each page language, read once.
_this_build: dict[str, Glossary | None] = {}
_mark = {"mode": "first"}  # extra.atlas.glossary.mark of this build, checked once in on_config


@event_priority(-110)  # after static-i18n: every language build starts afresh
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _this_build.clear()
    _mark["mode"] = _mark_mode(config)
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.meta.get("glossary") is False:  # e.g. the glossary page: every term explained in full already
        return markdown
    glossary = _glossary_for(page_language(page, config), config)
    if glossary is None:
        return markdown
    return append_glossary(markdown, glossary.markdown)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _mark["mode"] == "first":
        return keep_first_mentions(html)
    return html


def _mark_mode(config: MkDocsConfig) -> str:
    mode = str(settings(config, FEATURE).get("mark") or "first")
    if mode not in MARK_MODES:
        log.warning("mkdocs.yml: extra.atlas.glossary.mark is '%s'; use one of: %s. Marking first mentions.",
                    mode, ", ".join(MARK_MODES))
        return "first"
    return mode


def _glossary_for(locale: str, config: MkDocsConfig) -> Glossary | None:
    if locale in _this_build:
        return _this_build[locale]
    template = str(settings(config, FEATURE).get("file") or DEFAULT_FILE_TEMPLATE)
    path = glossary_path(template, locale, project_root(config))
    glossary = _cache.load(path)
    if glossary is None:
        log.warning("Glossary: no file for language '%s'; expected %s. Create it with lines like "
                    "`*[term]: explanation`, or set extra.atlas.glossary.file in mkdocs.yml.",
                    locale, shown_path(path, config))
    else:
        for problem in glossary.problems:
            log.warning("Glossary %s:%d: %s.", shown_path(path, config), problem.line, problem.message)
    _this_build[locale] = glossary
    return glossary
