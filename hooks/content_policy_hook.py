"""MkDocs hook: the content policy (atlas.content_policy) on every page, include and front matter.

Thin adapter: it reads the sources and the optional `extra.atlas.content_policy` settings (tags, attributes,
url_schemes; defaults that fit the site), asks the pure module what is not allowed, and logs one warning
per finding as `file:line: what` so that `--strict` fails the build. Nothing is rewritten: a refused
fragment is for the writer to fix.

Symbolic links in the docs folder are refused by name and left out of the site (atlas.publish_scope), and so
are static files a browser would run as code: HTML files, and SVG files with scripts, handlers or
`javascript:`/`data:` addresses;
snippets come only from includes/ (mkdocs.yml: pymdownx.snippets restricted, with check_paths).

Each finding is reported once per file content, however many language builds (mkdocs-static-i18n) or
`mkdocs serve` rebuilds read the same unchanged file.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from atlas.content_policy import (
    SETTINGS,
    Policy,
    Violation,
    check_front_matter,
    check_markdown,
    check_rendered_urls,
    front_matter_lines,
    policy_of,
)
from atlas.data_policy import (
    as_plain_text,
    nav_titles,
    nav_with_plain_titles,
    policy_key,
    rendered_handler_violations,
    site_text_problems,
)
from atlas.publish_scope import is_inside, needs_checking, static_file_problems, symlinks_under
from atlas.run_cache import RunCache
from atlas.snippet_guard import SnippetGuardExtension
from atlas.tooltip_text import TooltipTextExtension
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data
from site_context import kept_cache, options, project_root, shown_path

log = logging.getLogger("mkdocs.hooks.content_policy")

INCLUDES_FOLDER = "includes"

_policy = Policy()
_enabled = True  # `enabled: false` silences the policy's reports; titles stay plain text and snippets guarded
_snippet_guard = SnippetGuardExtension()
_tooltip_text = TooltipTextExtension()
_reported: set[tuple[str, str, int, str]] = set()
_site_reported: set[tuple[str, str, str]] = set()
# (converted page, its source, the policy) -> what the rendered checks found (atlas.run_cache)
_rendered: RunCache[tuple[str, str, tuple[object, ...]], list[Violation]] = kept_cache(
    "content_policy.rendered", RunCache, RunCache.sweep)
# (page file's text, the policy) -> what its raw HTML and front matter break
_sources: RunCache[tuple[str, tuple[object, ...]], list[Violation]] = kept_cache(
    "content_policy.sources", RunCache, RunCache.sweep)
# (static file, its bytes) -> why it would run code (atlas.publish_scope)
_static: RunCache[tuple[str, bytes], list[tuple[int, str]]] = kept_cache(
    "content_policy.static", RunCache, RunCache.sweep)


@event_priority(-110)  # after static-i18n: every language build starts afresh
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _policy, _enabled
    settings = options(config, SETTINGS)  # the block is checked with every extra.atlas block
    _policy, _enabled = policy_of(settings), settings.enabled
    for extension in (_snippet_guard, _tooltip_text):
        if not any(ext is extension for ext in config.markdown_extensions):
            config.markdown_extensions.append(extension)  # type: ignore[arg-type]  # MkDocs takes instances too
    _check_site_texts(config)
    includes = project_root(config) / INCLUDES_FOLDER
    for path in sorted(includes.rglob("*.md")) if includes.is_dir() else []:
        text = _read(path, config)
        if text is not None:
            _report(path, text, check_markdown(text, _policy), config)
    return config


def _check_site_texts(config: MkDocsConfig) -> None:
    """mkdocs.yml's own reader-facing texts (site name and description, navigation titles, copyright, and
    each language's versions of them): the theme prints them unescaped, so each refused one is reported
    (once per run) and shown escaped, as written, in this build."""
    plain: list[tuple[str, object]] = [("site_name", config.site_name),
                                       ("site_description", config.site_description), *nav_titles(config.nav)]
    html_texts: list[tuple[str, object]] = [("copyright", config.copyright)]
    for language in _i18n_languages(config):
        where = f"plugins.i18n.languages.{getattr(language, 'locale', '?')}"
        plain += [(f"{where}.{name}", getattr(language, name, None))
                  for name in ("name", "site_name", "site_description")]
        translations = getattr(language, "nav_translations", None)
        if isinstance(translations, dict):
            plain += [(f"{where}.nav_translations.{key}", value) for key, value in translations.items()]
            for key, value in list(translations.items()):
                if site_text_problems([("", value)], [], _policy):
                    translations[key] = as_plain_text(str(value))
        html_texts.append((f"{where}.copyright", getattr(language, "copyright", None)))
    problems = site_text_problems(plain, html_texts, _policy)
    for path, problem in problems:
        if _enabled and ("mkdocs.yml", path, problem) not in _site_reported:
            _site_reported.add(("mkdocs.yml", path, problem))
            log.warning("mkdocs.yml: `%s`: %s.", path, problem)
    refused = {path for path, _problem in problems}
    for name in ("site_name", "site_description"):
        if name in refused:
            setattr(config, name, as_plain_text(str(getattr(config, name))))
    if "copyright" in refused:
        config.copyright = _policy.sanitize(str(config.copyright))
    titles = {title for path, title in nav_titles(config.nav) if path in refused}
    if titles:
        config.nav = nav_with_plain_titles(config.nav, titles)  # type: ignore[assignment]


def _i18n_languages(config: MkDocsConfig) -> list[object]:
    plugin = config.plugins.get("i18n")
    languages = getattr(getattr(plugin, "config", None), "languages", None)
    return list(languages) if isinstance(languages, list) else []


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Symbolic links in the docs folder: named, and left out of the site (they may point anywhere)."""
    links = symlinks_under(Path(config.docs_dir))
    for link in links:
        log.warning(
            "%s: is a symbolic link (to %s); links in the docs folder are not published. Copy the "
            "file in instead.",
            _unresolved(link, config),
            os.readlink(link),
        )
    if links:
        for file in [f for f in files if f.abs_src_path and is_inside(Path(f.abs_src_path), links)]:
            files.remove(file)
    for file in [f for f in files if f.abs_src_path and needs_checking(f.src_uri)]:
        path = Path(file.abs_src_path or "")
        content = path.read_bytes()
        problems = _static_problems(file.src_uri, content)
        violations = [Violation(line, f"{problem}; left out of the site") for line, problem in problems]
        _report(path, content, violations, config)
        if problems:
            files.remove(file)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Raw HTML of the page body and every front-matter text field, against the file's own lines."""
    path = Path(page.file.abs_src_path or "")
    source = _read(path, config) if page.file.abs_src_path else None
    if source is not None:
        _report(path, source, _source_violations(source), config)
    return markdown


def _source_violations(source: str) -> list[Violation]:
    """Raw HTML and front matter of a page file, judged once per text (not again at a serve rebuild)."""
    def judge() -> list[Violation]:
        key_lines, body_line = front_matter_lines(source)
        body = "\n".join(source.split("\n")[body_line - 1 :])
        # The file's own front matter, read as MkDocs reads it: page.meta also holds what other hooks add
        # (generated HTML among it), which is theirs to make safe, not the writer's.
        _body, own_meta = get_data(source)
        return check_front_matter(own_meta, key_lines) + check_markdown(body, _policy, body_line)

    return list(_sources.made((source, policy_key(_policy)), judge))


@event_priority(100)  # before the other hooks add their own links (the "cite this page" data: downloads)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """URLs of the converted page: Markdown links, images and reference definitions included."""
    if page.file.abs_src_path:
        path = Path(page.file.abs_src_path)
        source = _read(path, config) or ""
        _report(path, source, _rendered_violations(html, source), config)
        for line_text, message in _snippet_guard.problems:
            _report(path, source, [Violation(_line_of_text(source, line_text), message)], config)
        _snippet_guard.problems = []
        for title, _plain in _tooltip_text.changed:
            message = (
                f'the tooltip text "{_short(title)}" held markup; readers get it as plain text. '
                "Write titles and abbreviations as plain text"
            )
            _report(path, source, [Violation(_line_of_text(source, _first_words(title)), message)], config)
        _tooltip_text.changed = []
    return html


def _static_problems(name: str, content: bytes) -> list[tuple[int, str]]:
    """A static file's problems, worked out once per content (every language build lists the same files)."""
    return list(_static.made((name, content), lambda: static_file_problems(name, content)))


def _rendered_violations(html: str, source: str) -> list[Violation]:
    """URLs and event handlers (`{: on…= }`) of a converted page; the same page text is not scanned again
    at the next `mkdocs serve` rebuild (`_rendered`, swept when a run starts)."""
    return list(_rendered.made((html, source, policy_key(_policy)),
                               lambda: check_rendered_urls(html, source, _policy)
                               + rendered_handler_violations(html, source, _policy)))


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first_words(title: str) -> str:
    """A piece of the title as it likely stands in the source (its first few words)."""
    return " ".join(title.split()[:2]) or title


def _line_of_text(source: str, text: str) -> int:
    index = source.find(text)
    return source.count("\n", 0, index) + 1 if index >= 0 else 1


def _unresolved(link: Path, config: MkDocsConfig) -> str:
    """A link's own path as contributors know it (shown_path would resolve it to its target)."""
    try:
        return link.relative_to(project_root(config)).as_posix()
    except ValueError:
        return str(link)


def _read(path: Path, config: MkDocsConfig) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        log.warning("%s: cannot be read for the content policy (%s).", shown_path(path, config), error)
        return None


def _report(path: Path, source: str | bytes, violations: list[Violation], config: MkDocsConfig) -> None:
    """One warning per file content, line and finding (every language build reads the same files)."""
    if not _enabled:
        return
    digest = hashlib.sha256(source if isinstance(source, bytes) else source.encode("utf-8")).hexdigest()
    shown = shown_path(path, config)
    for violation in violations:
        key = (shown, digest, violation.line, violation.message)
        if key not in _reported:
            _reported.add(key)
            log.warning("%s:%d: %s.", shown, violation.line, violation.message)
