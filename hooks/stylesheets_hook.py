"""MkDocs hook: the project's small stylesheets reach readers as one bundle (one request, not five).

Thin adapter over `atlas.stylesheets`. mkdocs.yml lists the bundle under `extra_css` and its parts,
in cascade order, under `extra.atlas.stylesheets` (see that module). Per build (static-i18n runs one
per language) the parts are read from the collected files and left out of the site; their join is
served under the bundle's path with a hash of its content in the name, and `extra_css` is pointed at
that name. A missing part, a bundle no page links to, a part also linked on its own, or an `@import`
that would stop working are warnings naming the file (and line) and the fix, so `--strict` fails.
"""

from __future__ import annotations

import logging

from atlas.minify import minify_css
from atlas.stylesheets import (
    SETTINGS,
    Problem,
    Stylesheet,
    hashed_name,
    join,
    linked_part,
    links_to,
    missing_part,
    problems_in,
    read_bundles,
    relink,
    unlinked_bundle,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from site_context import options, shown_path

log = logging.getLogger("mkdocs.hooks.stylesheets")

FEATURE = "stylesheets"


@event_priority(-200)  # last: static-i18n (-100) and the translations hook (-110) have settled the files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    stylesheets = options(config, SETTINGS)  # checked: a bad bundle stops the build before this line
    bundles = read_bundles({bundle: list(parts) for bundle, parts in stylesheets.bundles.items()})
    if not stylesheets.enabled:  # each part served as it is, where the bundle was linked
        for bundle, part_uris in bundles.items():
            config.extra_css[:] = [part for entry in config.extra_css
                                   for part in (part_uris if links_to(str(entry), bundle) else [entry])]
        return files
    shown_dir = shown_path(config.docs_dir, config)
    for bundle, part_uris in bundles.items():
        linked = [str(entry) for entry in config.extra_css]
        parts = _collect_parts(files, bundle, part_uris, shown_dir)
        problems = problems_in(parts, bundle, shown_dir)
        if not any(links_to(entry, bundle) for entry in linked):
            problems.append(unlinked_bundle(bundle))
        problems.extend(linked_part(uri, bundle) for uri in part_uris if uri in linked)
        _report(problems)
        text = minify_css(join(parts))
        served_as = hashed_name(bundle, text)
        files.append(File.generated(config, served_as, content=text))
        config.extra_css[:] = relink(linked, bundle, served_as)
    return files


def _collect_parts(files: Files, bundle: str, part_uris: list[str], shown_dir: str) -> list[Stylesheet]:
    """Read each part and take it out of the site: readers only ever fetch the bundle."""
    parts = []
    for uri in part_uris:
        file = files.get_file_from_path(uri)
        if file is None:
            _report([missing_part(bundle, uri, shown_dir)])
            continue
        parts.append(Stylesheet(uri, file.content_string))
        files.remove(file)
    return parts


def _report(problems: list[Problem]) -> None:
    for problem in problems:
        log.warning(str(problem))
