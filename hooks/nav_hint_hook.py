"""MkDocs adapter: after MkDocs' own "not included in the nav" warning, one line per page saying how to
add it, naming `make new-page` (`atlas.scaffold.not_in_nav_hint`). INFO: the warning already counts."""

from __future__ import annotations

import logging
from pathlib import Path

from atlas.scaffold import not_in_nav_hint
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from site_context import build_language, default_language, shown_path

log = logging.getLogger("mkdocs.hooks.nav_hint")


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    if build_language(config) != default_language(config):
        return nav  # each language build has the same nav: say it once
    in_nav = {page.file.src_uri for page in nav.pages}
    for file in files.documentation_pages():
        if file.inclusion.is_in_nav() and file.src_uri not in in_nav and file.abs_src_path:
            log.info(not_in_nav_hint(shown_path(Path(file.abs_src_path), config)))
    return nav
