"""MkDocs hook: the "who should be careful?" box rendered from the one risk-group file (thin adapter).

Settings (all optional) in mkdocs.yml under `extra.atlas.risks`:

    file: includes/risk-groups.yml     # the risk groups, topics and trigger words (relative to mkdocs.yml)
    marker: "<!-- atlas:risks -->"     # a line a page may use to place its box (default: after key points)

The file is read and checked once per build (and watched by `mkdocs serve`); every problem is logged with
file:line through `mkdocs.hooks.risks`, so `--strict` fails on it. Every text readers see is held to the
site's content policy (`extra.atlas.content_policy`, atlas.data_policy): a refused text is reported at its
line and shown as plain text, so nothing in it runs even in a build without `--strict`.

Before each page the hook checks the page's front matter `risks: [topic, …]` (an unknown topic is logged
with the page's file:line) and hands the extension `atlas.risks_extension.RiskBoxExtension` the page's
language, topics and path.
"""

from __future__ import annotations

import logging
from pathlib import Path

from atlas.content_policy import SETTINGS as CONTENT_POLICY
from atlas.content_policy import Policy, policy_of
from atlas.data_policy import policy_key
from atlas.problems import FileProblem
from atlas.risks import RiskData, declared_topics, front_matter_line, read_risk_data, unknown_citations
from atlas.risks_extension import RiskBoxExtension
from atlas.risks_settings import SETTINGS, RisksSettings
from atlas.run_cache import RunCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_context import (
    bibliography,
    build_language,
    default_language,
    kept_cache,
    languages,
    options,
    page_language,
    project_root,
    shown_path,
)

log = logging.getLogger("mkdocs.hooks.risks")

FEATURE = "risks"
FRONT_MATTER_KEY = "risks"


class _State:
    def __init__(self) -> None:
        self.data: RiskData | None = None
        self.problems: list[str] = []    # the data file's problems, reported once per build run
        self.extension = RiskBoxExtension()


_state = _State()
# The file read once per content, not once per language build and `mkdocs serve` rebuild (the result is
# frozen data); swept when a run starts, so only the last run's version is kept (atlas.run_cache).
_read: RunCache[tuple[str, str, tuple[str, ...], object], tuple[RiskData, list[FileProblem]]] = kept_cache(
    "risks.read", RunCache, RunCache.sweep)


def _settings(config: MkDocsConfig) -> RisksSettings:
    return options(config, SETTINGS)


def _data_path(config: MkDocsConfig) -> Path:
    return project_root(config) / _settings(config).file


@event_priority(-110)  # after static-i18n's on_config: once per language build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    path = _data_path(config)
    shown = shown_path(path, config)
    problems: list[str] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        problems.append(f"{shown}:1: cannot read the risk-group file ({error.strerror}); create it or set "
                        f"extra.atlas.{FEATURE}.file in mkdocs.yml")
        text = None
    policy = policy_of(options(config, CONTENT_POLICY))  # the pages' allowlist, for the texts readers see
    data, found = _risk_data(text, shown, tuple(languages(config)), policy) if text is not None \
        else (RiskData(), [])
    _state.data = data
    _state.problems = problems + [str(problem) for problem in found]
    _state.extension.data = data
    _state.extension.marker = _settings(config).marker
    if str(path) not in {str(Path(p)) for p in config.watch}:
        config.watch.append(str(path))
    if not any(ext is _state.extension for ext in config.markdown_extensions):
        config.markdown_extensions.append(_state.extension)  # type: ignore[arg-type]  # MkDocs takes instances too
    return config


def _risk_data(text: str, shown: str, locales: tuple[str, ...],
               policy: Policy) -> tuple[RiskData, list[FileProblem]]:
    return _read.made((text, shown, locales, policy_key(policy)),
                      lambda: read_risk_data(text, shown, locales, policy))


def on_pre_build(config: MkDocsConfig) -> None:
    """Report the data file's problems once per build run (in the first language's build)."""
    if build_language(config) != default_language(config):
        return
    for problem in _state.problems:
        log.error(problem)
    _check_citations(config)


def _check_citations(config: MkDocsConfig) -> None:
    """A key the bibliography lacks is named at its line in the risk-group file, not on every page."""
    if not _state.data or not _state.data.groups:
        return
    records = bibliography(config).records
    for problem in unknown_citations(_state.data, shown_path(_data_path(config), config), records):
        log.error(str(problem))


@event_priority(50)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    data = _state.data or RiskData()
    locale = page_language(page, config)
    raw = page.meta.get(FRONT_MATTER_KEY)
    topics = declared_topics(raw) if raw is not None else []
    own_language = locale == build_language(config)  # a fallback page is reported in its own build
    if own_language and (raw is not None) and page.file.abs_src_path:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
        where = f"{shown_path(page.file.abs_src_path, config)}:{front_matter_line(source, FRONT_MATTER_KEY)}"
        known = ", ".join(data.topics) or "none"
        if topics is None:
            log.warning(f"{where}: front matter '{FRONT_MATTER_KEY}' must be a list of topics, "
                        f"e.g. {FRONT_MATTER_KEY}: [fasting] (topics: {known})")
        for name in topics or []:
            if name not in data.topics:
                log.warning(f"{where}: unknown risk topic '{name}' in front matter '{FRONT_MATTER_KEY}' "
                            f"(topics in the risk-group file: {known}); fix the name or add the topic there")
    _state.extension.use(locale=locale, topics=topics or [], page=page.file.src_uri)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    ext = _state.extension
    if ext.rendered and not ext.placed and page_language(page, config) == build_language(config):
        log.warning(f"{shown_path(page.file.abs_src_path or page.file.src_uri, config)}: the risk box could "
                    "not be placed: something at the end of the page is left open (a ``` code fence or an "
                    "HTML block); close it")
    return html
