"""MkDocs hook: glossary hover texts on every page, in the page's language.

Thin adapter: the work is done while Markdown is converted, by the Python-Markdown extension
`atlas.glossary_extension` (terms handed over as data; first-mention marking in its treeprocessor).
This hook only adds that extension once, reads each language's glossary file once per build, and
tells the extension which terms the next page uses. Settings (optional) under `extra.atlas.glossary`:

    file: includes/glossary.{locale}.md   # relative to mkdocs.yml; {locale} is the page's language
    mark: first                           # first: a term's first mention in running text; all: every one

A page whose front matter says `glossary: false` gets no hover texts (the glossary page: its terms are
explained in full there). A language without a file, or a line the file cannot use, is a warning naming
the file (and line) and what to do; `--strict` turns it into a failed build.
"""

from __future__ import annotations

import logging

from atlas.glossary import SETTINGS, Glossary, GlossaryCache, glossary_path
from atlas.glossary_extension import GlossaryExtension
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_context import kept_cache, options, page_language, project_root, shown_path

log = logging.getLogger("mkdocs.hooks.glossary")


_cache = kept_cache("glossary.parsed", GlossaryCache, GlossaryCache.clear)
# Per build (static-i18n runs one build per language): the glossary of each page language, read once.
_this_build: dict[str, Glossary | None] = {}
_extension = GlossaryExtension()


@event_priority(-110)  # after static-i18n: every language build starts afresh
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _this_build.clear()
    _extension.setConfig("mark", _mark_mode(config))
    if not any(ext is _extension for ext in config.markdown_extensions):
        config.markdown_extensions.append(_extension)  # type: ignore[arg-type]  # MkDocs takes instances too
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Choose the terms of this page (MkDocs converts it right after this event)."""
    glossary = None
    # `glossary: false` e.g. on the glossary page: every term is explained in full there already
    if options(config, SETTINGS).enabled and page.meta.get("glossary") is not False:
        glossary = _glossary_for(page_language(page, config), config)
    _extension.use(glossary.entries if glossary else None)
    return markdown


def _mark_mode(config: MkDocsConfig) -> str:
    return options(config, SETTINGS).mark  # first | all: the settings check made sure


def _glossary_for(locale: str, config: MkDocsConfig) -> Glossary | None:
    if locale in _this_build:
        return _this_build[locale]
    template = options(config, SETTINGS).file
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
