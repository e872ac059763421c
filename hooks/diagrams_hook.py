"""MkDocs hook: Mermaid diagrams served as pre-rendered inline SVG, with no diagram JavaScript.

Thin adapter over `atlas.diagrams`. Settings (optional) in mkdocs.yml under `extra.atlas.diagrams`:

    folder: assets/diagrams   # inside docs_dir; where `make diagrams` writes <hash>.svg

Each ```mermaid fence is swapped for a placeholder word before Markdown (and Material's superfences)
sees it, and the placeholder for a `<figure class="atlas-diagram">` holding the SVG once the page is
HTML. A fence whose SVG is missing, or without an `accTitle`, is a warning naming the page file and
line and what to do; `--strict` turns it into a failed build.
"""

from __future__ import annotations

import logging
from pathlib import Path

from atlas.diagrams import (
    SETTINGS,
    Fence,
    accessible_svg,
    accessible_text,
    figure,
    find_fences,
    insert_figures,
    missing_figure,
    missing_svg_message,
    missing_title_message,
    placeholder,
    replace_fences,
)
from atlas.run_cache import RunCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_context import kept_cache, options, page_source, shown_path

log = logging.getLogger("mkdocs.hooks.diagrams")


# SVG text by (path, modification time): read once, not once per language build or serve rebuild;
# swept when a run starts (atlas.run_cache).
_svg_cache: RunCache[tuple[str, int], str] = kept_cache("diagrams.svg", RunCache, RunCache.sweep)
# Figures waiting for their page's HTML, by page source path.
_pending: dict[str, dict[str, str]] = {}


@event_priority(100)  # before the other hooks rewrite the Markdown: fence lines still match the file
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    diagrams = options(config, SETTINGS)
    if "mermaid" not in markdown or not diagrams.enabled:
        return markdown
    folder = Path(config.docs_dir) / diagrams.folder
    page_file = shown_path(Path(config.docs_dir) / page.file.src_path, config)
    file_lines = _file_fence_lines(page)
    figures: dict[str, str] = {}

    def swap(fence: Fence) -> str:
        number = len(figures)
        line = file_lines[number] if number < len(file_lines) else fence.start
        located = Fence(line, fence.end, fence.indent, fence.source)
        token = placeholder(fence.digest, number)
        figures[token] = _figure_for(located, number, folder, page_file, config)
        return token

    markdown = replace_fences(markdown, swap)
    if figures:
        _pending[page.file.src_uri] = figures
    return markdown


@event_priority(90)  # after citations put back their HTML, before the handouts copy the page
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    figures = _pending.pop(page.file.src_uri, None)
    return insert_figures(html, figures) if figures else html


def _figure_for(fence: Fence, number: int, folder: Path, page_file: str, config: MkDocsConfig) -> str:
    svg_path = folder / f"{fence.digest}.svg"
    svg = _read_svg(svg_path)
    if svg is None:
        log.warning(missing_svg_message(page_file, fence, shown_path(svg_path, config)))
        return missing_figure(fence)
    title, description = accessible_text(fence.source)
    if title is None:
        log.warning(missing_title_message(page_file, fence))
    return figure(accessible_svg(svg, f"dgm{number}", title or "Diagram", description))


def _read_svg(path: Path) -> str | None:
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        return None
    return _svg_cache.made(key, lambda: path.read_text(encoding="utf-8"))


def _file_fence_lines(page: Page) -> list[int]:
    """Fence lines as the contributor sees them: counted in the file, front matter included."""
    if not page.file.abs_src_path:
        return []
    try:
        text = page_source(page.file.abs_src_path)
    except OSError:
        return []
    return [fence.start for fence in find_fences(text)]
