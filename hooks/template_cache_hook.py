"""MkDocs hook: theme templates compiled once and kept in `.cache/templates`, not once per build; the
theme's folders listed once per build run, not once per language, without the hidden icon folders MkDocs
never publishes.

Thin adapter over `atlas.template_cache` (which says why). Settings, in mkdocs.yml:

  extra.atlas.template_cache: .cache/templates   # a folder relative to mkdocs.yml, or false (no cache)

The environment variable ATLAS_TEMPLATE_CACHE overrides it (0: no cache, or another folder).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from atlas.template_cache import SETTINGS, SettingError, attach, cache_folder, list_visible_once
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from site_context import kept_cache, options, project_root

log = logging.getLogger("mkdocs.hooks.template_cache")

SETTING = "template_cache"
ENV_SWITCH = "ATLAS_TEMPLATE_CACHE"

_caches: list[Any] = []  # the caches of this build's environments (static-i18n builds once per language)
# theme folder -> its visible files, this build run
_listed: dict[tuple[str, bool], list[str]] = kept_cache("template_cache.listed", dict, dict.clear)


@event_priority(100)  # before Material's search plugin makes an environment in its own on_config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Every Jinja environment of the theme gets the cache and the listing, from the first one made: the
    search plugin makes its own in on_config (three per language build, to read its language texts),
    MkDocs makes the build's after on_pre_build."""
    cache = options(config, SETTINGS)
    setting = cache.folder if cache.enabled else False
    try:
        folder = cache_folder(setting, os.environ.get(ENV_SWITCH), project_root(config))
    except SettingError as error:  # an empty folder name
        raise PluginError(f"mkdocs.yml: {error}") from None
    theme = config.theme
    make_env = type(theme).get_env

    def get_env() -> Any:
        env = make_env(theme)
        list_visible_once(env.loader, _listed)
        if folder is not None:
            _caches.append(attach(env, folder))
        return env

    theme.get_env = get_env  # type: ignore[method-assign]  # this theme object lives for one build run
    return config


def on_post_build(config: MkDocsConfig) -> None:
    """A cache that could not be written slows builds down but changes nothing: say so once."""
    problems = sorted({problem for cache in _caches for problem in cache.unwritable})
    _caches.clear()
    if problems:
        log.info(f"compiled templates could not be kept ({problems[0]}): builds stay correct but "
                 f"slower. Make that folder writable, or set {ENV_SWITCH}=0.")
