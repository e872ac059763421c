"""What every Amino Atlas hook needs to know about the build in progress.

mkdocs-static-i18n builds the site once per language, re-running every MkDocs event. The hooks ask
this module, not the plugin, which language is being built and what the project's languages are, so
no hook hard-codes a language or reaches into the plugin's internals in its own way.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, TypeVar

from atlas.blocks import problems as settings_problems
from atlas.settings import Block, parse
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

I18N_PLUGIN = "i18n"
T = TypeVar("T")
log = logging.getLogger("mkdocs.hooks.settings")

_checked: list[object] = []  # the `extra.atlas` mapping last checked (a new one after each config load)
_parsed: dict[str, Any] = {}  # block name -> its settings dataclass, for the mapping in `_checked`


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


def build_language(config: MkDocsConfig) -> str:
    """The language of the build now running (static-i18n sets it before `on_config` at -100)."""
    plugin = _i18n(config)
    if plugin is not None and plugin.current_language:
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


def check_settings(config: MkDocsConfig) -> None:
    """Check the whole `extra.atlas` once per loaded configuration, whichever hook asks first: every
    problem is logged (one line each, under `mkdocs.`), then the build stops without a traceback."""
    atlas = config.extra.get("atlas")
    if _checked and _checked[0] is atlas:
        return
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
    return Path(config.config_file_path).resolve().parent


def shown_path(path: str | Path, config: MkDocsConfig) -> str:
    """A path as contributors know it in messages: relative to the project root (`docs/mtor.en.md`),
    or as given when it lies outside the project."""
    try:
        return Path(path).resolve().relative_to(project_root(config)).as_posix()
    except ValueError:
        return str(path)


def is_language_home(page: Page, config: MkDocsConfig) -> bool:
    """The home page of any language (`/` or `/en/`): MkDocs' `is_homepage` only knows the root one."""
    return page.is_homepage or page.url.strip("/") in languages(config)
