"""What every Amino Atlas hook needs to know about the build in progress: the one build state.

mkdocs-static-i18n builds the site once per language, re-running every MkDocs event: the first
(outermost) build is the default language's, and the others run inside its `on_post_build`. The hooks
ask this module, not the plugin, which language is being built, whether this is a nested language build
(`is_nested_build`, the one rule), what the project's languages are and what a page's source file says
(`page_source`, read once per build run), so no hook hard-codes a language or reaches into the plugin's
internals in its own way. When a new run starts (each `mkdocs serve` rebuild loads the configuration
anew) the page sources are read again, and every cache kept by content is swept: what the last run
used stays (an unchanged .bib, glossary or git history costs a rebuild nothing), the rest is dropped,
so no cache grows with the session (`atlas.run_cache`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from atlas import glossary_extension
from atlas.blocks import problems as settings_problems
from atlas.citations import bibfile, engine
from atlas.citations.settings import SETTINGS as CITATIONS
from atlas.settings import Block, parse
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

I18N_PLUGIN = "i18n"
T = TypeVar("T")
log = logging.getLogger("mkdocs.hooks.settings")

_checked: list[object] = []  # the `extra.atlas` mapping last checked (a new one after each config load)
_parsed: dict[str, Any] = {}  # block name -> its settings dataclass, for the mapping in `_checked`
_sources: dict[str, str] = {}  # page file -> its text, this run
_shown: dict[tuple[str, str], str] = {}  # (path, project folder) -> the path as shown in messages, this run
_kept: dict[str, Any] = {}  # hooks' caches by name, made once per process (kept_cache)
# Called when a run starts. The git history is kept by HEAD commit, one at a time (atlas.dates).
_run_caches: list[Callable[[], object]] = [
    _sources.clear, _shown.clear, bibfile.sweep_caches, engine.sweep_caches, glossary_extension.sweep_caches,
]


def _i18n(config: MkDocsConfig) -> Any | None:
    return config.plugins.get(I18N_PLUGIN)


def languages(config: MkDocsConfig) -> list[str]:
    """All configured locales, the default first."""
    plugin = _i18n(config)
    if plugin is None:
        return [str(config.theme.get("language") or "en")]
    entries = plugin.config.languages
    ordered = sorted(entries, key=lambda lang: not lang.default)
    return [lang.locale for lang in ordered if lang.locale != "null"]


def default_language(config: MkDocsConfig) -> str:
    return languages(config)[0]


def is_nested_build(config: MkDocsConfig) -> bool:
    """True inside a language build static-i18n runs from the first build's `on_post_build` (from the
    first event of such a build to its last); False in the outermost build, also in its `on_post_build`
    after the other languages are done."""
    return bool(getattr(_i18n(config), "building", False))


def build_language(config: MkDocsConfig) -> str:
    """The language of the build now running: a nested build's own; the outermost build is the default
    language's (static-i18n leaves `current_language` at the last language after building them all)."""
    plugin = _i18n(config)
    if plugin is not None and plugin.current_language and is_nested_build(config):
        return str(plugin.current_language)
    return default_language(config)


def language_names(config: MkDocsConfig) -> dict[str, str]:
    plugin = _i18n(config)
    if plugin is None:
        return {build_language(config): build_language(config)}
    return {lang.locale: lang.name for lang in plugin.config.languages}


def page_language(page: Page, config: MkDocsConfig) -> str:
    """The language of a page's content: its file's locale (a fallback page keeps the default's)."""
    locale = getattr(page.file, "locale", None)
    return str(locale) if locale else build_language(config)


def settings(config: MkDocsConfig, feature: str) -> dict[str, Any]:
    """The `extra.atlas.<feature>` block of mkdocs.yml as written (empty when absent: defaults apply)."""
    check_settings(config)
    atlas = config.extra.get("atlas") or {}
    return dict(atlas.get(feature) or {})


def kept_cache(name: str, make: Callable[[], T], at_run_start: Callable[[T], object]) -> T:
    """A hook's cache, made once per process and handed back each time MkDocs executes the hook anew.

    Why: MkDocs executes every hook file again whenever it loads the configuration, which `mkdocs serve`
    does for every rebuild. A cache made at a hook's top level started empty at every rebuild (so caches
    meant to outlive a run never did), and registering it there added one more registration per rebuild.
    `at_run_start` is called with the cache when each run starts (to empty or sweep it: `RunCache`)."""
    if name not in _kept:
        cache = make()
        _kept[name] = cache
        _run_caches.append(lambda: at_run_start(cache))
    return cast(T, _kept[name])


def page_source(path: str | Path, keep_bom: bool = False) -> str:
    """A page's Markdown file, read once per build run (a byte-order mark dropped unless `keep_bom`:
    translation stamps hash the file exactly as `make restamp` reads it)."""
    key = str(path)
    if key not in _sources:
        _sources[key] = Path(path).read_text(encoding="utf-8")
    return _sources[key] if keep_bom else _sources[key].removeprefix("\ufeff")


def check_settings(config: MkDocsConfig) -> None:
    """At the start of each build run (a configuration loaded anew), whichever hook asks first: renew
    the run's caches and check the whole `extra.atlas`. Every problem is logged (one line each, under
    `mkdocs.`), then the build stops without a traceback."""
    atlas = config.extra.get("atlas")
    if _checked and _checked[0] is atlas:
        return
    for clear in _run_caches:
        clear()
    found = settings_problems(atlas)
    if found:
        for problem in found:
            log.error(f"mkdocs.yml: {problem}")
        raise PluginError(f"{len(found)} problem(s) in extra.atlas of mkdocs.yml (listed above).")
    _checked[:] = [atlas]
    _parsed.clear()


def options(config: MkDocsConfig, block: Block[T]) -> T:
    """The feature's settings dataclass from its `extra.atlas` block (checked: see `check_settings`)."""
    check_settings(config)
    if block.name not in _parsed:
        atlas = config.extra.get("atlas") or {}
        _parsed[block.name] = parse(block, atlas.get(block.name))[0]
    parsed: T = _parsed[block.name]
    return parsed


def project_root(config: MkDocsConfig) -> Path:
    """The folder holding mkdocs.yml: relative paths in `extra.atlas` are resolved against it."""
    return _folder_of(str(config.config_file_path))


@functools.lru_cache(maxsize=8)  # asked hundreds of times per build; resolving touches the disk each time
def _folder_of(config_file: str) -> Path:
    return Path(config_file).resolve().parent


def shown_path(path: str | Path, config: MkDocsConfig) -> str:
    """A path as contributors know it in messages: relative to the project root (`docs/mtor.en.md`),
    or as given when it lies outside the project (worked out once per path and run)."""
    root = project_root(config)
    key = (str(path), str(root))
    if key not in _shown:
        try:
            _shown[key] = Path(path).resolve().relative_to(root).as_posix()
        except ValueError:
            _shown[key] = str(path)
    return _shown[key]


def bibliography(config: MkDocsConfig) -> bibfile.Bibliography:
    """The project's bibliography (`extra.atlas.citations.bib`), every file named as contributors know it.

    Every feature asks here: a `.bib` file is scanned once per content (`atlas.citations.bibfile` keeps
    the scan by content and by the name its messages use, so one caller naming it differently made a
    second scan of the same file in every build)."""
    return bibfile.load_bibliographies(options(config, CITATIONS).bib, project_root(config),
                                       lambda path: shown_path(path, config))


def is_language_home(page: Page, config: MkDocsConfig) -> bool:
    """The home page of any language (`/` or `/en/`): MkDocs' `is_homepage` only knows the root one."""
    return page.is_homepage or page.url.strip("/") in languages(config)
