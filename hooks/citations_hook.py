"""MkDocs hook: Pandoc `[@key]` citations → numbered Vancouver references (thin adapter over atlas.citations).

The per-page work (find, number, render, list) is the Python-Markdown extension
`atlas.citations.extension.CitationsExtension`, which this hook adds to the build once. The hook keeps what
needs the whole site: the page's language, the one bibliography parsed once per build, the watch list,
"cite this page", the global bibliography page and the report of entries no page cites.

Settings (all optional) in mkdocs.yml under `extra.atlas.citations`:

    bib: references.bib          # relative to mkdocs.yml: a path, a glob (refs/*.bib) or a list of them
    display: brackets            # brackets | superscript
    unused: warn                 # warn | info: how entries no page cites are reported
    marker: "<!-- atlas:bibliography -->"   # line replaced by the global bibliography
    cite_this_page: true         # BibTeX/RIS block under every article (front matter may say false)
    cache: .cache/citations      # formatted entries kept between builds (false: none); ATLAS_CITATIONS_CACHE
    labels: {nl: {references: Referenties}, en: {references: References}}

The .bib is scanned once per content hash (cached across static-i18n's per-language builds and
`mkdocs serve` rebuilds); entries are formatted only when cited, once per language. Problems are
logged through `mkdocs.hooks.citations` with file and line, so `--strict` fails on them.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from atlas.cache_folders import SettingError, cache_folder
from atlas.citations.bibfile import Bibliography, bib_paths
from atlas.citations.bibliography import PLACEHOLDER, CitingPage, render_bibliography
from atlas.citations.engine import CitationEngine, keep_formatted_in, save_formatted, unknown_key_message
from atlas.citations.export import PageCitation, render_cite_page
from atlas.citations.extension import CitationsExtension
from atlas.citations.settings import SETTINGS, CitationsSettings
from atlas.citations.syntax import line_offset, nocite_keys
from atlas.labels import labels_for
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from site_context import (
    bibliography,
    build_language,
    default_language,
    is_language_home,
    is_nested_build,
    options,
    page_language,
    page_source,
    project_root,
    shown_path,
)

log = logging.getLogger("mkdocs.hooks.citations")

FEATURE = "citations"
CACHE_SWITCH = "ATLAS_CITATIONS_CACHE"  # a folder, or 0: format every cited entry anew
DEFAULT_CACHE = ".cache/citations"
EVIDENCE_NOTES = "atlas_evidence_notes"  # page.meta set by hooks/evidence_hook.py: key -> HTML


class _Build:
    """What one language's build learns page by page (reset at every build)."""

    def __init__(self) -> None:
        self.bib: Bibliography | None = None
        self.options = CitationsSettings()
        self.default_language = "en"
        self.engines: dict[str, CitationEngine] = {}
        self.citing: dict[str, list[Page]] = {}          # key -> pages of this build citing it
        self.bibliography_pages: list[Page] = []


_build = _Build()
_cited_in_all_languages: set[str] = set()
_extension = CitationsExtension()


@event_priority(-110)  # after static-i18n's on_config: the bib path is added to `watch` once
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    citations = options(config, SETTINGS)  # every extra.atlas problem stops the build here, listed
    if not citations.enabled:
        return config
    paths, _ = bib_paths(citations.bib, project_root(config))
    watched = {str(Path(p).resolve()) for p in config.watch}
    config.watch.extend(str(bib) for bib in paths if str(bib) not in watched)
    if not any(ext is _extension for ext in config.markdown_extensions):
        config.markdown_extensions.append(_extension)  # type: ignore[arg-type]  # MkDocs takes instances too
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    global _build
    _build = _Build()
    _build.options = options(config, SETTINGS)
    _build.default_language = default_language(config)
    if not is_nested_build(config):
        _cited_in_all_languages.clear()
    if not _build.options.enabled:
        return
    keep_formatted_in(_formatted_cache(config, _build.options))
    _build.bib = bibliography(config)
    if build_language(config) == default_language(config):  # report .bib problems once per build run
        levels = {"error": logging.ERROR, "warning": logging.WARNING, "info": logging.INFO}
        for problem in _build.bib.diagnostics:
            log.log(levels.get(problem.severity, logging.WARNING), str(problem))


def _engine(locale: str) -> CitationEngine:
    engine = _build.engines.get(locale)
    if engine is None:
        labels = labels_for("citations", locale, _build.options.labels, _build.default_language)
        assert _build.bib is not None, "engines are made only while a bibliography is loaded"
        engine = CitationEngine(_build.bib, locale, labels, _build.options.display)
        _build.engines[locale] = engine
    return engine


def _source_path(page: Page, config: MkDocsConfig) -> str:
    return shown_path(Path(config.docs_dir) / page.file.src_path, config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand the extension this page's settings; MkDocs converts the page right after this event."""
    if _build.bib is None:
        _extension.use(bibliography=None)
        return markdown
    marker = _build.options.marker
    if marker in markdown:
        _build.bibliography_pages.append(page)
        markdown = markdown.replace(marker, "\n" + PLACEHOLDER + "\n")
    locale = page_language(page, config)
    engine = _engine(locale)
    offset, nocite, nocite_line = 0, nocite_keys(page.meta.get("nocite")), 0
    if ("@" in markdown or nocite) and page.file.abs_src_path:
        source = page_source(page.file.abs_src_path)
        offset = line_offset(source, markdown)
        lines = source.splitlines()
        nocite_line = next((n for n, line in enumerate(lines, 1) if line.startswith("nocite:")), 1)
    if page in _build.bibliography_pages:
        nocite = []  # there, `nocite: "@*"` asks the global bibliography for every entry (see on_env)
    epilogue = ""
    if _wants_cite_block(page, config):
        epilogue = render_cite_page(_page_citation(page, config, locale), engine.labels).strip("\n")
    _extension.use(bibliography=_build.bib, locale=locale, labels=_build.options.labels,
                   display=_build.options.display, line_offset=offset,
                   epilogue=epilogue, nocite=nocite, nocite_line=nocite_line,
                   annotations=page.meta.get(EVIDENCE_NOTES) or {})
    return markdown


@event_priority(100)  # before any other on_page_content handler sees the page
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Read what the extension found while converting this page: report unknown keys, remember citers."""
    if _build.bib is None:
        return html
    result = _extension.result
    own_language = page_language(page, config) == build_language(config)  # a fallback page: its own build
    for problem in result.unknown if own_language else []:
        log.warning(unknown_key_message(f"{_source_path(page, config)}:{problem.line}", problem, _build.bib))
    for key in result.order:
        _build.citing.setdefault(key, []).append(page)
    _cited_in_all_languages.update(result.listed)  # `nocite` entries are on the site too: not unused
    page.meta["atlas_cited"] = [_build.bib.records[key.lower()] for key in result.order]
    return html


def _wants_cite_block(page: Page, config: MkDocsConfig) -> bool:
    """Articles only: not a home page, not a bibliography page, not a page whose front matter opts out."""
    if not _build.options.cite_this_page or is_language_home(page, config):
        return False
    return page.meta.get("cite_this_page", True) is not False and page not in _build.bibliography_pages


def _page_citation(page: Page, config: MkDocsConfig, locale: str) -> PageCitation:
    slug = page.file.dest_uri.removesuffix("index.html").strip("/").replace("/", "-") or "home"
    if slug.startswith(f"{locale}-"):
        slug = slug[len(locale) + 1:]
    reviewed = str(page.meta.get("reviewed", "") or "")
    return PageCitation(site=config.site_name, title=str(page.meta.get("title") or page.title or slug),
                        url=page.canonical_url or page.url, date=reviewed[:10], language=locale, slug=slug)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """All pages are converted now: fill each bibliography page with the entries cited in this build."""
    bib = _build.bib
    if bib is None:
        return env
    for page in _build.bibliography_pages:
        engine = _engine(page_language(page, config))
        rows = []
        for key, pages in _build.citing.items():
            citing = [CitingPage(str(p.title or p.file.src_uri), get_relative_url(p.url, page.url))
                      for p in pages if p is not page]
            rows.append((bib.entry(key), engine.formatted(key), citing))
        if "*" in nocite_keys(page.meta.get("nocite")):  # every entry, also those no page cites
            for record in bib.records.values():
                key = record.key
                if key not in _build.citing:
                    rows.append((bib.entry(key), engine.formatted(key), []))
                    _cited_in_all_languages.add(key)
        page.content = (page.content or "").replace(PLACEHOLDER, render_bibliography(rows, engine.labels))
    return env


@event_priority(-200)  # after static-i18n's on_post_build (-100) has built the other languages
def on_post_build(config: MkDocsConfig) -> None:
    save_formatted()  # each language build's new entries (a failed build saves nothing)
    if is_nested_build(config) or _build.bib is None:
        return
    unused = [r.key for r in _build.bib.records.values()
              if r.key not in _cited_in_all_languages and r.key.lower() not in _build.bib.referenced]
    if not unused:
        return
    level = logging.WARNING if _build.options.unused == "warn" else logging.INFO
    for key in unused:
        log.log(level, f"{_build.bib.location(key)}: entry '{key}' is not cited on any page. "
                "Cite it with [@" + key + "] or remove it from the bibliography.")


def _formatted_cache(config: MkDocsConfig, citations: CitationsSettings) -> Path | None:
    """Where formatted entries are kept between builds (`extra.atlas.citations.cache`; false: nowhere);
    the environment variable ATLAS_CITATIONS_CACHE overrides it (0: format every entry anew)."""
    try:
        return cache_folder(citations.cache, os.environ.get(CACHE_SWITCH), project_root(config),
                            default=DEFAULT_CACHE, name="extra.atlas.citations.cache")
    except SettingError as error:
        raise PluginError(f"mkdocs.yml: {error}") from None
