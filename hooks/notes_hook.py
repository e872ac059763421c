"""MkDocs hook: the Markdown extensions that shape notes and markers (thin adapter).

- `atlas.comments`: HTML comments in page sources never reach the built pages;
- `atlas.certainty`: the certainty line of each evidence note becomes a label (`extra.atlas.certainty`);
- `atlas.markers`: "no source" and "the site's caution" footnotes get their own visible name
  (`extra.atlas.markers`).

The extensions are added to `markdown_extensions` once per language build; before each page the hook
tells them the page's language, and after it logs what they found (file:line) through
`mkdocs.hooks.notes`, so `--strict` fails on an evidence note without a valid certainty line or an
unclosed comment.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from atlas.certainty import SETTINGS as CERTAINTY
from atlas.certainty import CertaintyExtension
from atlas.certainty import read_settings as read_certainty
from atlas.citations.syntax import line_offset
from atlas.comments import CommentExtension
from atlas.markers import SETTINGS as MARKERS
from atlas.markers import MarkerExtension
from atlas.markers import read_settings as read_markers
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_context import build_language, options, page_language, page_source, settings, shown_path

log = logging.getLogger("mkdocs.hooks.notes")

OURS = (CommentExtension, CertaintyExtension, MarkerExtension)


class _State:
    comments: CommentExtension | None = None
    certainty: CertaintyExtension | None = None
    offset = 0          # front-matter lines before the Markdown of the page being converted
    path = ""
    report = True       # false for a fallback page: it is reported in its own language's build


_state = _State()


@event_priority(-110)  # after static-i18n's on_config: once per language build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    certainty_block = options(config, CERTAINTY)  # checked: every extra.atlas problem stops the build first
    markers_block = options(config, MARKERS)
    certainty = None
    if certainty_block.enabled and certainty_block.labels:
        certainty = read_certainty(settings(config, CERTAINTY.name))
    markers = {}
    if markers_block.enabled:
        markers = read_markers({kind: {locale: {"id": text.id, "label": text.label}
                                       for locale, text in per_locale.items()}
                                for kind, per_locale in markers_block.kinds.items()})
    extensions: list[Any] = [e for e in config.markdown_extensions if not isinstance(e, OURS)]
    _state.comments = CommentExtension()
    _state.certainty = CertaintyExtension(certainty) if certainty else None
    extensions += [_state.comments, MarkerExtension(markers)]
    if _state.certainty:
        extensions.append(_state.certainty)
    config.markdown_extensions = extensions
    return config


@event_priority(50)  # before hooks that rewrite the text: line numbers still match the file
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = page.file.abs_src_path
    _state.path = shown_path(Path(config.docs_dir) / page.file.src_path, config)
    _state.offset = line_offset(page_source(source), markdown) if source else 0
    _state.report = page_language(page, config) == build_language(config)
    if _state.comments:
        _state.comments.unclosed.clear()
    if _state.certainty:
        _state.certainty.locale = page_language(page, config)
        _state.certainty.problems.clear()
        _state.certainty.note_lines = []
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not _state.report:
        return html
    for unclosed in _state.comments.unclosed if _state.comments else []:
        log.warning(f"{_state.path}:{_state.offset + unclosed.line}: HTML comment '<!--' is never closed; "
                    "close it with '-->' (comments are removed from the built page) or delete it")
    for problem in _state.certainty.problems if _state.certainty else []:
        log.warning(f"{_state.path}:{_state.offset + problem.line}: {problem.message}")
    return html
