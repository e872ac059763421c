"""MkDocs hook: the project's own scripts (docs/assets/javascripts/*.js) reach readers minified.

Thin adapter over `atlas.minify`: after a build has written the site, each of those scripts in the
output is replaced by its minified text (the source in docs/ stays as written; minifying twice changes
nothing). Third-party code under assets/vendor is served as its authors shipped it.
"""

from __future__ import annotations

from pathlib import Path

from atlas.minify import minify_js
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

SCRIPTS = "assets/javascripts"


@event_priority(-300)  # after every other hook has written its files
def on_post_build(config: MkDocsConfig) -> None:
    source_dir = Path(config.docs_dir) / SCRIPTS
    for written in sorted((Path(config.site_dir) / SCRIPTS).glob("*.js")):
        if (source_dir / written.name).is_file():  # the project's own, not a theme or tool file
            written.write_text(minify_js(written.read_text(encoding="utf-8")), encoding="utf-8")
