"""MkDocs hook: a "last updated" date on every page, from git history.

Thin adapter over `atlas.dates`. Settings (all optional) in mkdocs.yml under `extra.atlas.dates`:

    fallback: mtime     # file git doesn't know: show its modification time (`none`: show no date)
    format: long        # Babel date style: short, medium, long, full
    labels: {nl: Laatst bijgewerkt, en: Last updated}

The date is put in `page.meta["atlas_updated"]` and shown by `overrides/partials/source-file.html`.
Missing git or an uncommitted page is not an error: it is logged at info level, never as a warning.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from atlas.dates import (
    FALLBACK_MTIME,
    SETTINGS,
    DatesSettings,
    GitHistory,
    format_day,
    last_updated,
    read_history,
)
from atlas.labels import labels_for
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from site_context import build_language, default_language, options

log = logging.getLogger("mkdocs.hooks.dates")

FEATURE = "dates"
# Label in front of the date, per locale; English is the fallback for a locale not listed here.

_history = GitHistory({})
_fallback = FALLBACK_MTIME
_untracked: list[str] = []


@event_priority(-110)  # after static-i18n has set the build language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _history, _fallback
    _fallback = _configured_fallback(config)
    _history = read_history(Path(config.docs_dir))
    _untracked.clear()
    language = build_language(config)
    if _history.problem:
        log.info("Last-updated dates (%s): %s; dates fall back to: %s.", language, _history.problem,
                 _fallback)
    elif _history.shallow:
        log.info("Last-updated dates (%s): this is a shallow git clone, so dates may be too recent; "
                 "fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in CI).", language)
    return config


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
    dates = options(config, SETTINGS)
    if source is None or not dates.enabled:
        return context
    relative = _relative_to(source, Path(config.docs_dir))
    found = last_updated(relative, _history, source, _fallback)
    if found is None:
        return context
    if found.source != "git" and not _history.problem:
        _untracked.append(relative)
    locale = build_language(config)  # the interface language: an untranslated page keeps English chrome
    page.meta["atlas_updated"] = {
        "iso": found.day.isoformat(),
        "text": format_day(found.day, locale, dates.format),
        "label": _label(dates, locale, default_language(config)),
        "source": found.source,
    }
    return context


def on_post_build(config: MkDocsConfig) -> None:
    if _untracked:
        log.info("Last-updated dates (%s): %d page(s) not committed yet, dated by file time: %s",
                 build_language(config), len(_untracked), ", ".join(sorted(set(_untracked))))


def _configured_fallback(config: MkDocsConfig) -> str:
    return options(config, SETTINGS).fallback  # one of FALLBACKS: the settings check made sure


def _label(dates: DatesSettings, locale: str, default: str) -> str:
    configured = {lang: {"updated": text} for lang, text in dates.labels.items()}
    return str(labels_for(FEATURE, locale, configured, default)["updated"])


def _relative_to(source: Path, docs_dir: Path) -> str:
    try:
        return source.resolve().relative_to(docs_dir.resolve()).as_posix()
    except ValueError:
        return source.name
