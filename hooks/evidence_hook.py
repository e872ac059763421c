"""MkDocs hook: evidence on record (thin adapter over `atlas.evidence`).

Reads `evidence/<key>.yml` (each file parsed once per content, across static-i18n's per-language builds
and `mkdocs serve` rebuilds), reports its problems at file:line, checks that every cited sentence of a
source-language page has a current record, and hands the citation hook, per page, the "what the source
says" HTML of each reference (a translation gets its source page's quotes). The cited sentences of a
page are kept in `.cache/evidence` by content (`atlas.evidence.sentence_cache`): an unchanged page is
not rendered a second time to find them.

Settings in mkdocs.yml under `extra.atlas.evidence` (see `atlas.evidence.settings`). Record problems are
warnings; missing, stale and unstamped records are warnings with `missing: warn` (the default) and
information with `missing: info`, so `--strict` fails on them only when the project asks it to.
Its `on_page_markdown` runs before the citation hook's (a higher event priority), which reads `page.meta`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from atlas.cache_folders import SettingError, cache_folder
from atlas.evidence.coverage import Place, check_page
from atlas.evidence.records import Evidence, KeyChecker, RecordCache
from atlas.evidence.render import entry_links, evidence_notes, labels_for
from atlas.evidence.sentence_cache import DEFAULT_FOLDER, cached_page_sentences
from atlas.evidence.settings import SETTINGS, Settings
from atlas.translations.naming import is_source, source_of
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_context import (
    bibliography,
    build_language,
    default_language,
    kept_cache,
    languages,
    options,
    page_language,
    page_source,
    project_root,
)
from site_context import shown_path as _shown

log = logging.getLogger("mkdocs.hooks.evidence")

NOTES = "atlas_evidence_notes"   # page.meta: lower-case key -> HTML, read by the citation hook

CACHE_SWITCH = "ATLAS_EVIDENCE_CACHE"  # a folder, or 0: find every page's cited sentences anew

_cache = kept_cache("evidence.records", RecordCache, RecordCache.sweep)
_state: dict[str, object] = {}


def _settings(config: MkDocsConfig) -> Settings:
    return options(config, SETTINGS)  # checked with every extra.atlas block (atlas.blocks)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    folder = str((project_root(config) / _settings(config).folder).resolve())
    if folder not in {str(Path(p).resolve()) for p in config.watch} and Path(folder).is_dir():
        config.watch.append(folder)
    return config


def _source_pages(docs_dir: Path, locales: list[str]) -> set[str]:
    return {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")
            if is_source(p.relative_to(docs_dir).as_posix(), locales)}


def on_pre_build(config: MkDocsConfig) -> None:
    settings = _settings(config)
    if not settings.enabled:
        _state.clear()
        return
    root = project_root(config)
    bib = bibliography(config)
    locales = languages(config)
    evidence = _cache.load(root / settings.folder, lambda path: _shown(path, config),
                           KeyChecker(bib.canonical, bib.closest, frozenset(bib.keys())),
                           max_words=settings.max_quote_words,
                           default_lang=settings.quote_language,
                           known_pages=_source_pages(Path(config.docs_dir), locales),
                           translation=lambda page: not is_source(page, locales))
    linked = {lower: entry_links(record.get("doi").strip(), record.get("pmid").strip(),
                                 record.get("pmcid").strip()) for lower, record in bib.records.items()}
    _state.update(evidence=evidence, options=settings, known=lambda key: key in bib, linked=linked)
    if build_language(config) == default_language(config):  # once per build run, not once per language
        for problem in evidence.problems:
            log.warning(str(problem))


@event_priority(50)  # before the citation hook (default priority) reads page.meta, wherever it is listed
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    evidence = _state.get("evidence")
    if not isinstance(evidence, Evidence):
        return markdown
    options: Settings = _state["options"]  # type: ignore[assignment]
    locale, default = page_language(page, config), default_language(config)
    twin = source_of(page.file.src_uri, languages(config))
    source_page = twin[0] if twin else page.file.src_uri
    page.meta[NOTES] = evidence_notes(evidence.claims_for(source_page), evidence, locale,
                                      labels_for(locale, options.labels),
                                      _state.get("linked"))  # type: ignore[arg-type]
    if twin is None and locale == default == build_language(config) and page.file.abs_src_path:
        _check(page, config, evidence, options)
    return markdown


def _check(page: Page, config: MkDocsConfig, evidence: Evidence, options: Settings) -> None:
    source = page.file.abs_src_path
    if source is None:
        return
    text = page_source(source)  # read once per build run (site_context)
    if "@" not in text:
        return
    abbreviations = ((config.extra.get("atlas") or {}).get("readability") or {}).get("abbreviations") or {}
    known = tuple(abbreviations.get(page_language(page, config), []))
    sentences = cached_page_sentences(page.file.src_uri, text, known, _sentence_cache(config, options))
    place = Place(page.file.src_uri, _shown(source, config),
                  _shown(project_root(config) / options.folder, config))
    coverage = check_page(place, sentences, evidence, _state["known"])  # type: ignore[arg-type]
    level = logging.WARNING if options.missing == "warn" else logging.INFO
    for finding in coverage.findings:
        log.log(level, str(finding))


def _sentence_cache(config: MkDocsConfig, settings: Settings) -> Path | None:
    """Where the cited sentences of unchanged pages are kept (`extra.atlas.evidence.cache`; false:
    nowhere); the environment variable ATLAS_EVIDENCE_CACHE overrides it (0: find them anew)."""
    try:
        return cache_folder(settings.cache, os.environ.get(CACHE_SWITCH), project_root(config),
                            default=DEFAULT_FOLDER, name="extra.atlas.evidence.cache")
    except SettingError as error:
        raise PluginError(f"mkdocs.yml: {error}") from None
