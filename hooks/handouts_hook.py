"""MkDocs hook: a PDF handout of every article, per language, plus a booklet per language.

Thin adapter. As soon as a page is built, its handout (the `<article>` of the output, after citations,
glossary and evidence notes are rendered, and the facts the handout prints) goes to the scheduler of
`atlas.handouts.schedule`, whose worker processes render it while MkDocs builds the remaining pages and
the other languages; each language's booklet follows as soon as that language's handouts are done. The
build waits for the PDFs only once, at the end of the outermost build (static-i18n runs the other
languages' builds inside the first one's `on_post_build`), and logs the results there in navigation
order, language by language. A build that fails lets the renders under way finish and drops the rest.

Settings (`extra.atlas.handouts` in mkdocs.yml, all optional):
  enabled: true              # the env var ATLAS_HANDOUTS=0/1 overrides it (`make serve` sets 0)
  exclude: [index.md, ...]   # source pages (without language suffix) that get no handout
  strip: [.some-class, ...]  # more web-only parts to leave out (tag, .class or tag.class)
  booklet: true              # all articles of a language in one PDF, at the language root
  booklet_name: Amino Atlas  # -> amino-atlas-nl.pdf (default: site_name)
  workers: 2                 # processes (default: CPU count)
  template: path/to.typ      # default: hooks/atlas/handouts/template.typ
  disclaimer: {nl: ..., en: ...}
  cache: .cache/handouts     # earlier PDFs by content (false: none); env ATLAS_HANDOUTS_CACHE overrides
  labels: {nl: {action: ..., reviewed: ..., contents: ..., online_only: ..., qr_alt: ...}}

Every PDF is compiled as PDF/UA-1 and PDF/A-2a. Typst's warnings are logged as warnings (so
`--strict` fails on them), naming the page and the text they are about.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from atlas.cache_folders import SettingError, cache_folder
from atlas.handouts.clean import DEFAULT_STRIP, ArticleNotFound
from atlas.handouts.labels import with_url
from atlas.handouts.naming import booklet_filename, clashing_slugs, handout_filename, page_slug, source_key
from atlas.handouts.settings import DEFAULT_CACHE, SETTINGS, HandoutsSettings
from atlas.handouts.source import ArticleFacts, BookletCover
from atlas.labels import labels_for
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from site_context import (
    build_language,
    default_language,
    is_language_home,
    is_nested_build,
    language_names,
    languages,
    options,
    page_language,
    project_root,
    shown_path,
)

if TYPE_CHECKING:  # the renderer (pandoc, Typst, QR codes) is imported only when handouts are built
    from atlas.handouts.jobs import BookletJob, HandoutJob, Rendered
    from atlas.handouts.page_jobs import PageHandout
    from atlas.handouts.schedule import GroupResult, Scheduler

log = logging.getLogger("mkdocs.hooks.handouts")

FEATURE = "handouts"
ENV_SWITCH = "ATLAS_HANDOUTS"
CACHE_SWITCH = "ATLAS_HANDOUTS_CACHE"


@dataclass
class _Run:
    """The handouts of one whole build (every language): builds under way, and the scheduler."""

    scheduler: Scheduler | None = None
    workers: int = 1
    prepare_here: bool = True  # False: workers also prepare each page's handout (nothing is cached)


_run = _Run()


@dataclass
class _Build:
    """What one language's build has collected so far."""

    language: str = ""
    locales: list[str] = field(default_factory=list)  # the project's, default first (page-path parsing)
    nav_order: list[str] = field(default_factory=list)
    home_dir: Path | None = None  # the language's root folder in the built site (booklet goes here)
    home_url: str = ""


_build = _Build()


def handouts_enabled(config: MkDocsConfig) -> bool:
    """Config flag, overridden by ATLAS_HANDOUTS=0/1 (so `make serve` can skip the PDFs)."""
    switch = os.environ.get(ENV_SWITCH, "").strip().lower()
    if switch in ("0", "false", "no", "off"):
        return False
    if switch in ("1", "true", "yes", "on"):
        return True
    return options(config, SETTINGS).enabled


def is_article(page: Page, config: MkDocsConfig) -> bool:
    excluded = options(config, SETTINGS).exclude
    return source_key(page.file.src_uri, languages(config)) not in set(excluded)


@event_priority(-110)  # after static-i18n has chosen the language of this build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    _build = _Build(language=build_language(config), locales=languages(config))
    return config


@event_priority(-110)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _build.nav_order = [page.file.src_uri for page in nav.pages]
    home = nav.homepage
    site_dir = Path(config.site_dir)
    # static-i18n puts other languages in a sub-folder through the files' destinations, not site_dir
    _build.home_dir = (site_dir / home.file.dest_uri).parent if home else site_dir
    _build.home_url = (home.canonical_url if home else None) or str(config.site_url or "")
    if handouts_enabled(config) and _run.scheduler is not None:
        articles = [p.file.src_uri for p in nav.pages if is_article(p, config)]
        _refuse_clashing_names(articles, _build.locales, config)
        _run.scheduler.open(_build.language, _booklet(config))
    return nav


@event_priority(100)
def on_pre_build(config: MkDocsConfig) -> None:
    """The outermost build starts the scheduler, and the worker processes when the cache cannot
    give the PDFs (so that their start-up overlaps the HTML build); the nested builds only count."""
    if is_nested_build(config) or not handouts_enabled(config):
        return
    from atlas.handouts.page_jobs import page_scheduler

    _run.workers = options(config, SETTINGS).workers or os.cpu_count() or 1
    _run.scheduler = page_scheduler(_run.workers)
    cache = _cache(config)
    # Without a cache to ask, every page needs a worker: start them now, and let them prepare each page's
    # handout too. Otherwise the build prepares it and asks the cache, and starts workers only if needed.
    _run.prepare_here = not (cache is None or not cache.is_dir() or not any(cache.iterdir()))
    if not _run.prepare_here:
        _run.scheduler.warm()


def _wants_handout(page: Page, config: MkDocsConfig) -> bool:
    return handouts_enabled(config) and page.file.src_uri in _build.nav_order and is_article(page, config)


def _filename(page: Page) -> str:
    return handout_filename(page.file.src_uri, _build.language, _build.locales)


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Give `partials/actions.html` the link to this page's handout (read in the build's language),
    and on the home page the link to the language's booklet, which sits beside it."""
    handouts = options(config, SETTINGS)
    labels = labels_for(FEATURE, _build.language, handouts.labels, default_language(config))
    if _wants_handout(page, config):
        context["atlas_handout"] = {"href": _filename(page), "label": labels["action"]}
    elif is_language_home(page, config) and handouts_enabled(config) and handouts.booklet:
        name = handouts.booklet_name or config.site_name
        context["atlas_handout"] = {
            "href": booklet_filename(name, _build.language),
            "label": labels["booklet_action"],
        }
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _run.scheduler is not None and _wants_handout(page, config):
        job = _job(output, page, config)
        order = _build.nav_order.index(page.file.src_uri)
        _run.scheduler.add(_prepared(job) if _run.prepare_here else job, order)
    elif _run.scheduler is not None:
        _run.scheduler.poll()  # a booklet whose handouts are done can start
    return output


def _job(output: str, page: Page, config: MkDocsConfig) -> PageHandout:
    from atlas.handouts.page_jobs import PageHandout

    handouts = options(config, SETTINGS)
    source = os.path.relpath(Path(config.docs_dir) / page.file.src_uri, project_root(config))
    content_lang = page_language(page, config)
    labels = labels_for(FEATURE, content_lang, handouts.labels, default_language(config))
    html_path = Path(config.site_dir) / page.file.dest_uri
    url = page.canonical_url or page.abs_url or page.url
    cache = _cache(config)
    return PageHandout(
        page=source,
        html=output,
        id_prefix=f"{page_slug(page.file.src_uri, _build.locales)}--",
        strip=(*DEFAULT_STRIP, *handouts.strip),
        online_only_note=labels["online_only"],
        page_dir=str(html_path.parent),
        site_root=str(_site_root(config)),
        facts=ArticleFacts(
            title=str(page.meta.get("title") or page.title or config.site_name),  # as in <title>
            site=config.site_name,
            lang=content_lang,
            language=language_names(config).get(content_lang, content_lang),
            reviewed_label=labels["reviewed"],
            reviewed=_reviewed(page, source),
            url=url,
            qr_svg="",  # drawn where the handout is prepared
            qr_alt=with_url(labels["qr_alt"], url),
            notes_title=labels["notes"],
            link_to=labels["link_to"],
        ),
        disclaimer=_disclaimer(handouts, content_lang, labels),
        output=html_path.parent / _filename(page),
        template=_template(config),
        cache=cache,
    )


def _prepared(job: PageHandout) -> HandoutJob:
    """The handout prepared in this process (to ask the cache for it)."""
    try:
        return job.prepared()
    except ArticleNotFound as problem:
        from atlas.handouts.page_jobs import LAYOUT_HINT

        log.error(f"{job.page}: {problem}; {LAYOUT_HINT}.")
        raise PluginError(f"handout for {job.page} failed") from None


def _cache(config: MkDocsConfig) -> Path | None:
    """Where earlier handouts are kept by content (`extra.atlas.handouts.cache`; false: no cache).
    The environment variable ATLAS_HANDOUTS_CACHE overrides it (0 or empty: render every PDF anew,
    as the benchmark does)."""
    try:
        return cache_folder(options(config, SETTINGS).cache, os.environ.get(CACHE_SWITCH),
                            project_root(config), default=DEFAULT_CACHE, name="extra.atlas.handouts.cache")
    except SettingError as error:
        raise PluginError(f"mkdocs.yml: {error}") from None


def _reviewed(page: Page, source: str) -> str:
    reviewed = page.meta.get("reviewed")
    if not reviewed:
        log.warning(f"{source}:1: front matter has no `reviewed: YYYY-MM-DD`; the handout cannot show "
                    f"when the page was last reviewed. Add the date of your last review.")
        return ""
    return str(reviewed)


def _disclaimer(handouts: HandoutsSettings, lang: str, labels: dict[str, str]) -> str:
    return handouts.disclaimer.get(lang) or labels["disclaimer"]


def _template(config: MkDocsConfig) -> str:
    configured = options(config, SETTINGS).template
    from atlas.handouts.jobs import DEFAULT_TEMPLATE

    path = project_root(config) / configured if configured else DEFAULT_TEMPLATE
    return path.read_text(encoding="utf-8")


def _site_root(config: MkDocsConfig) -> Path:
    """The top of the built site (static-i18n builds every language into the same site_dir)."""
    return Path(config.site_dir)


# After static-i18n's on_post_build (-100), which runs the other languages' builds inside the first one:
# at this point in the outermost build, every language's pages are built.
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    runner = _run.scheduler
    if runner is None:
        return
    runner.close()  # this language's handouts are all in: its booklet can follow them
    if is_nested_build(config):
        return
    _run.scheduler = None
    started = time.perf_counter()
    groups = runner.finish()
    waited = time.perf_counter() - started
    _report(groups, waited)


def on_build_error(error: Exception) -> None:
    """Whatever failed (here or elsewhere), no render goes on writing after the build, and the next
    build (`mkdocs serve`) starts afresh."""
    runner, _run.scheduler = _run.scheduler, None
    if runner is not None:
        runner.abandon()


def on_shutdown() -> None:
    render = sys.modules.get("atlas.handouts.render")
    if render is not None:
        render.shutdown_pools()


def _report(groups: list[GroupResult], waited: float) -> None:
    """Each language's results in navigation order (the booklet last), then the failures, if any."""
    failed = []
    for group in groups:
        for result in group.results:
            _log_result(result)
        errors = [result for result in group.results if result.error]
        failed += errors
        if group.results and not errors:
            cached = len(group.results) - group.rendered
            log.info(f"handouts: {len(group.results)} PDFs for '{group.name}' in {group.seconds:.2f} s "
                     f"({_run.workers} workers, alongside the HTML build; {cached} from the cache)")
    if failed:
        for result in failed:
            reason = (result.error or "").rstrip(".")
            log.error(f"{result.page}: the PDF handout could not be rendered: {reason}. "
                      f"Fix the page (or run with {ENV_SWITCH}=0 to build without handouts).")
        raise PluginError(f"PDF handout failed for {', '.join(r.page for r in failed)}")
    if groups:
        log.info(f"handouts: the build waited {waited:.2f} s for the PDFs after its last page")


def _refuse_clashing_names(src_uris: list[str], locales: list[str], config: MkDocsConfig) -> None:
    """Two pages with one slug would share labels in the booklet (a link could land in the wrong one)."""
    clashes = clashing_slugs(src_uris, locales)
    for slug, pages in clashes.items():
        sources = [shown_path(Path(config.docs_dir) / page, config) for page in pages]
        log.error(f"{sources[0]}:1: this page and {', '.join(sources[1:])} both get the handout name "
                  f"'{slug}' (their labels would clash in the booklet); rename one of the files.")
    if clashes:
        raise PluginError("PDF handouts: pages with the same handout name")


def _log_result(result: Rendered) -> None:
    """Typst's warnings fail a --strict build: each one is something in a page to fix. A cached result
    that did not check out (and was rendered again) is an info line."""
    for note in result.notes:
        log.info(f"{result.page}: {note}")
    for warning in result.warnings:
        log.warning(f"{result.page}: the PDF handout has a problem: {warning}")
    if result.error is None:
        log.debug(f"handout {result.output.name} in {result.seconds:.3f} s")


def _booklet(config: MkDocsConfig) -> BookletJob | None:
    from atlas.handouts.jobs import BookletJob
    from atlas.handouts.qr import cached_qr_svg

    handouts = options(config, SETTINGS)
    if not handouts.booklet:
        return None
    lang = _build.language
    labels = labels_for(FEATURE, lang, handouts.labels, default_language(config))
    name = handouts.booklet_name or config.site_name
    url = _build.home_url
    return BookletJob(
        cover=BookletCover(
            title=name,
            site=config.site_name,
            lang=lang,
            language=language_names(config).get(lang, lang),
            contents_label=labels["contents"],
            url=url,
            qr_svg=cached_qr_svg(url, _cache(config)),
            disclaimer=_disclaimer(handouts, lang, labels),
            qr_alt=with_url(labels["booklet_qr_alt"], url),
            kind=labels["booklet_kind"],
            made_by=labels["booklet_made_by"].replace("{site}", config.site_name),
            checked_label=labels["booklet_checked"],
            web=labels["booklet_web"],
            link_to=labels["link_to"],
        ),
        output=(_build.home_dir or Path(config.site_dir)) / booklet_filename(name, lang),
        template=_template(config),
        cache=_cache(config),
        root=_site_root(config),
    )
