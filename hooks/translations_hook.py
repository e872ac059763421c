"""MkDocs adapter for translation upkeep; the logic lives in `atlas.translations` (pure, unit-tested).

Per language build (mkdocs-static-i18n runs one build per language, the default outermost):
- translated pages: citation parity (WARNING, fails --strict) and staleness against the source
  page's stamp (INFO: a stale translation is still worth publishing, so it must not fail --strict;
  readers see a banner linking to the original and naming the changed sections instead). Staleness is
  a WARNING when a safety box, an evidence note or a watched front-matter key (`risks:`) changed since
  the stamp: readers must not get an old safety text (the stamp's source text is kept in `.translations/`);
- untranslated pages served from the default language: a notice, content marked `lang=<default>`;
- every page: absolute hreflang alternates with `x-default`; non-default pages search their own
  `<locale>/search/search_index.json`;
- `404.html` (made by hooks/not_found_hook.py) rendered per language into `<locale>/404.html`, the
  default's kept at the root.
After the outermost build: the root search index and 404 belong to the default language again,
and each other language gets `<locale>/sitemap.xml`.
"""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path

from atlas.labels import labels_for
from atlas.translations import PageStatus, translation_status
from atlas.translations.changes import changed_sections, critical_changes, in_translation
from atlas.translations.head import hreflang_links, rebase_search, replace_alternates
from atlas.translations.labels import fill
from atlas.translations.naming import translation_of
from atlas.translations.notices import changed_sections as changed_sections_html
from atlas.translations.notices import fallback_wrapper, stale_banner
from atlas.translations.parity import parity_message
from atlas.translations.search import language_index
from atlas.translations.settings import SETTINGS, TranslationsSettings
from atlas.translations.sitemap import sitemap_under
from atlas.translations.snapshots import read_snapshot
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from site_context import (
    build_language,
    default_language,
    is_nested_build,
    language_names,
    languages,
    options,
    page_language,
    page_source,
    project_root,
    shown_path,
)

log = logging.getLogger("mkdocs.hooks.translations")

FEATURE = "translations"
NOT_FOUND = "404.html"

# static-i18n nests the other languages' builds inside the default one's `on_post_build`; this
# stack says which language's build an event belongs to (the plugin's own `current_language`
# is left on the last language once the nested builds are done).
_untranslated_urls: dict[str, set[str]] = {}
_default_not_found: dict[str, str] = {}


def _settings(config: MkDocsConfig) -> TranslationsSettings:
    return options(config, SETTINGS)


def _stamp_key(config: MkDocsConfig) -> str:
    return _settings(config).stamp_key


def _labels(config: MkDocsConfig, locale: str) -> dict[str, str]:
    return labels_for("translations", locale, _settings(config).labels, default_language(config))


def _current(config: MkDocsConfig) -> str:
    return build_language(config)


def _changes(config: MkDocsConfig) -> TranslationsSettings:
    return _settings(config)


@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Remember which pages this language serves untranslated (kept out of its search index)."""
    locale = _current(config)
    _untranslated_urls[locale] = {
        file.url for file in files.documentation_pages() if getattr(file, "locale", locale) != locale
    }
    return files


def _original_url(page: Page, default: str) -> str:
    alternate = getattr(page.file, "alternates", {}).get(default)
    return alternate.url if alternate is not None else page.url.split("/", 1)[-1]


def _check_translation(page: Page, config: MkDocsConfig, locale: str, default: str) -> str | None:
    """Log parity and staleness of a translated page; the banner's "changed sections" HTML when readers
    should see the stale banner ("" when the changes are not known), None when the page is current."""
    source_rel = getattr(page.file, "norm_src_uri", None)
    translation = page.file.abs_src_path
    if not source_rel or not translation:
        return None
    source = Path(config.docs_dir) / source_rel
    if not source.is_file():
        return None
    source_text = page_source(source, keep_bom=True)
    translation_text = page_source(translation, keep_bom=True)
    changes = _changes(config)
    status = translation_status(source_rel, source_text, locale, translation_text, _stamp_key(config),
                                changes.watched_front_matter)
    shown_translation, shown_source = shown_path(translation, config), shown_path(source, config)
    if status.citations is not None and not status.citations.same:
        log.warning(parity_message(shown_source, source_text, shown_translation, translation_text,
                                   status.citations))
    if not status.stale:
        return None
    matched = read_snapshot(project_root(config) / changes.snapshots, source_rel, status.stamp,
                            changes.watched_front_matter)
    _report_stale(status, shown_source, shown_translation, matched, source_text, changes)
    if matched is None:
        return ""
    sections = in_translation(changed_sections(matched, source_text), translation_text)
    labels = _labels(config, locale)
    return changed_sections_html(labels["stale_sections"], labels["stale_intro"],
                                 [(section.title, section.anchor) for section in sections])


def _report_stale(status: PageStatus, shown_source: str, shown_translation: str, matched: str | None,
                  source_text: str, changes: TranslationsSettings) -> None:
    """INFO for a stale translation (still worth publishing), WARNING when what changed is safety text."""
    why = "has no stamp" if status.stamp is None else f"was stamped {status.stamp}"
    fix = (f"Update it (`make translations` shows the changed paragraphs), then run "
           f"`make restamp PAGE={shown_translation}`.")
    critical = [] if matched is None else critical_changes(
        matched, source_text, changes.critical_admonitions, changes.watched_front_matter)
    if critical:
        log.warning(f"{shown_translation}:1: out of date where it matters for safety: {shown_source} changed "
                    f"{'; '.join(critical)} since the translation was checked. {fix}")
        return
    log.info(f"{shown_translation} may be out of date: {shown_source} is now "
             f"{status.source_hash[:12]} and the translation {why}. {fix}")


def _report_missing(page: Page, config: MkDocsConfig, locale: str) -> None:
    """A page without a translation is served from the default language; say so, as a warning by default
    (`extra.atlas.translations.missing: warn`) so `--strict` builds catch it, or as info while a
    translation is knowingly pending (`missing: info`)."""
    source = shown_path(page.file.abs_src_path or page.file.src_path, config)
    expected = translation_of(source, locale)
    level = logging.WARNING if _settings(config).missing == "warn" else logging.INFO
    log.log(
        level,
        f"{source}:1: no {language_names(config).get(locale, locale)} translation (expected {expected}); "
        f"readers get the original with a notice. Translate it into {expected}, then run "
        f"`make restamp PAGE={expected}`.",
    )


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Stale and missing translations: a notice for readers, a warning for the build (enabled: false:
    neither; hreflang links, the 404 pages and the search index per language stay)."""
    locale, default = _current(config), default_language(config)
    if locale == default or not _settings(config).enabled:
        return html
    original_names = language_names(config)
    labels = _labels(config, locale)
    if page_language(page, config) != locale:
        _report_missing(page, config, locale)
        notice = fill(labels["fallback_notice"], original_names.get(default, default))
        return fallback_wrapper(html, notice, page_language(page, config))
    changed = _check_translation(page, config, locale, default)
    if changed is None:
        return html
    href = get_relative_url(_original_url(page, default), page.url)
    language = original_names.get(default, default)
    link = fill(labels["stale_link"], language)
    banner = stale_banner(labels["stale_notice"], link, href, default, changed)
    return banner + html


def _translated_urls(page: Page) -> dict[str, str]:
    """Site-relative URL of each language's version of the page, where it is really translated."""
    alternates = getattr(page.file, "alternates", {}) or {}
    return {
        locale: file.url for locale, file in alternates.items() if getattr(file, "locale", None) == locale
    }


@event_priority(-110)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    locale, default = _current(config), default_language(config)
    if len(languages(config)) > 1 and config.site_url:
        urls = _translated_urls(page)
        if default in urls:
            output = replace_alternates(output, hreflang_links(config.site_url, urls, default))
    if locale != default:
        output = rebase_search(output, locale)
    return output


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Write each language's 404 into its folder; the root one is restored after the last build."""
    if template_name != NOT_FOUND:
        return output
    locale, default = _current(config), default_language(config)
    if locale == default:
        _default_not_found[default] = output
        return output
    localized = rebase_search(output, locale)
    target = Path(config.site_dir) / locale / NOT_FOUND
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(localized, encoding="utf-8")
    return output


def _write_search_index(config: MkDocsConfig, locale: str) -> None:
    """Keep `locale`'s own pages from the index the search plugin just wrote at the root."""
    root_index = Path(config.site_dir) / "search" / "search_index.json"
    if not root_index.is_file():
        return
    default = default_language(config)
    index = json.loads(root_index.read_text(encoding="utf-8"))
    own = language_index(index, locale, default, languages(config), _untranslated_urls.get(locale, set()))
    target = root_index if locale == default else Path(config.site_dir) / locale / "search" / root_index.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(own, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _write_sitemaps(config: MkDocsConfig) -> None:
    """`<locale>/sitemap.xml` (and .gz) with that language's URLs, from the complete root sitemap."""
    root_sitemap = Path(config.site_dir) / "sitemap.xml"
    if not root_sitemap.is_file() or not config.site_url:
        return
    text = root_sitemap.read_text(encoding="utf-8")
    base = config.site_url if config.site_url.endswith("/") else f"{config.site_url}/"
    for locale in languages(config)[1:]:
        if not (Path(config.site_dir) / locale).is_dir():
            continue
        localized = sitemap_under(text, f"{base}{locale}/").encode("utf-8")
        target = Path(config.site_dir) / locale / "sitemap.xml"
        target.write_bytes(localized)
        Path(f"{target}.gz").write_bytes(gzip.compress(localized, mtime=0))


@event_priority(-110)
def on_post_build(config: MkDocsConfig) -> None:
    locale = build_language(config)
    default = default_language(config)
    if locale != default:
        _write_search_index(config, locale)
    if is_nested_build(config):
        return  # an inner language build: the outermost one finishes the site
    _write_search_index(config, default)
    if default in _default_not_found:
        (Path(config.site_dir) / NOT_FOUND).write_text(_default_not_found[default], encoding="utf-8")
    _write_sitemaps(config)
