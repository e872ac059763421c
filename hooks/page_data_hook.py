"""MkDocs hook: review dates and machine-readable page data (thin adapter over atlas.reviews/metadata).

Settings in mkdocs.yml:

    extra.atlas.reviews:   soon_days (make reviews: "due" this many days ahead), labels per locale
                           (reviewed, next, overdue with {next} and {reviewed} placeholders)
    extra.atlas.metadata:  team per locale (the editorial team: JSON-LD reviewedBy, an Organization),
                           referrer (COinS rfr_id)

Every article (a page with a PDF handout) must carry `reviewed` and `next_review` (at most a year later)
in its front matter: a missing or wrong date is a warning naming the page and the fix (fails --strict).
The dates are shown under the article (`overrides/partials/source-file.html`); past `next_review` the
article shows readers a notice (`overrides/main.html`). "Today" is the build day, or $ATLAS_TODAY.

Articles get schema.org JSON-LD and Highwire `citation_*` tags in <head> (`page.meta.atlas_head`,
placed by `overrides/main.html`), built from `page.meta["atlas_cited"]`, the records the citation hook
found on the page. COinS spans go into the page's reference list here, after the citation hook has
put it back (seam: they belong in the citation extension's list rendering once that is restructured).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from atlas.articles import is_article
from atlas.citations.bibfile import BibRecord
from atlas.citations.render import anchor_key
from atlas.dates import format_day
from atlas.handouts.settings import SETTINGS as HANDOUTS
from atlas.metadata import SETTINGS as METADATA
from atlas.metadata import (
    MetadataSettings,
    PageFacts,
    Reference,
    coins_span,
    highwire_tags,
    insert_coins,
    json_ld_script,
    meta_tags,
    reference,
)
from atlas.reviews import SETTINGS as REVIEWS
from atlas.reviews import Review, ReviewError, ReviewsSettings, as_date, read_review, today
from atlas.run_cache import RunCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from site_context import (
    build_language,
    kept_cache,
    languages,
    options,
    page_language,
    page_source,
    shown_path,
)

log = logging.getLogger("mkdocs.hooks.page_data")


class _State:
    def __init__(self) -> None:
        self.today: date = date.today()
        self.reviews = ReviewsSettings()
        self.metadata = MetadataSettings()
        self.excluded: list[str] = []


_state = _State()
# (file:line, key) -> (the record read, its facts); swept when a run starts (atlas.run_cache)
_facts: RunCache[tuple[str, str], tuple[BibRecord, Reference]] = kept_cache(
    "page_data.facts", RunCache, RunCache.sweep)


def _per_locale(block: Mapping[str, Any], name: str, locale: str, where: str) -> Any:
    value = block.get(locale)
    if value is None:
        raise PluginError(f"mkdocs.yml: extra.atlas.{where}.{name} has no entry for '{locale}'; add one")
    return value


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        _state.today = today()
    except ReviewError as error:
        raise PluginError(str(error)) from None
    _state.reviews = options(config, REVIEWS)
    _state.metadata = options(config, METADATA)
    _state.excluded = list(options(config, HANDOUTS).exclude)
    for locale in languages(config):
        if _state.reviews.enabled:
            labels = _per_locale(_state.reviews.labels, "labels", locale, "reviews")
            missing = [k for k in ("reviewed", "next", "overdue") if not isinstance(labels.get(k), str)]
            if missing:
                raise PluginError(f"mkdocs.yml: extra.atlas.reviews.labels.{locale} lacks "
                                  f"{', '.join(missing)}")
        if _state.metadata.enabled:
            _per_locale(_state.metadata.team, "team", locale, "metadata")
    return config


def _article(page: Page, config: MkDocsConfig) -> bool:
    return is_article(page.file.src_uri, languages(config), _state.excluded)


def _line_of(page: Page, key: str) -> int:
    """The front-matter line of `key` (1 when it is absent: the front matter starts there)."""
    if not page.file.abs_src_path:
        return 1
    text = page_source(page.file.abs_src_path)
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _review(page: Page, config: MkDocsConfig) -> Review | None:
    article = _article(page, config)
    if not article and "next_review" not in page.meta:
        return None
    try:
        return read_review(page.meta)
    except ReviewError as error:
        if page_language(page, config) == build_language(config):
            key = "next_review" if "next_review" in str(error).split(";")[0] else "reviewed"
            path = shown_path(Path(config.docs_dir) / page.file.src_path, config)
            log.warning(f"{path}:{_line_of(page, key)}: {error}")
        return None


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    locale = page_language(page, config)
    review = _review(page, config) if _state.reviews.enabled else None
    if review is not None:
        labels = _state.reviews.labels[locale]
        reviewed = format_day(review.reviewed, locale, "long")
        upcoming = format_day(review.next_review, locale, "long")
        page.meta["atlas_review"] = {
            "reviewed_label": labels["reviewed"], "reviewed_iso": review.reviewed.isoformat(),
            "reviewed_text": reviewed, "next_label": labels["next"],
            "next_iso": review.next_review.isoformat(), "next_text": upcoming,
            "status": review.status(_state.today, _state.reviews.soon_days),
            "overdue_text": labels["overdue"].format(next=upcoming, reviewed=reviewed),
        }
    if _state.metadata.enabled and _article(page, config):
        page.meta["atlas_head"] = _head(page, config, locale, review)
    return context


def _references(page: Page) -> list[Reference]:
    """The facts of the page's cited entries, each entry read once (pages and languages share most of
    them; the loaded bibliography, and so each record, stays the same object while the .bib is unchanged)."""
    facts = []
    for record in page.meta.get("atlas_cited") or []:
        known = (f"{record.path}:{record.line}", record.key)
        earlier = _facts.get(known)
        if earlier is None or earlier[0] is not record:
            earlier = _facts[known] = (record, reference(record))
        facts.append(earlier[1])
    return facts


def _head(page: Page, config: MkDocsConfig, locale: str, review: Review | None) -> str:
    facts = PageFacts(
        title=str(page.meta.get("title") or page.title or ""),
        description=str(page.meta.get("description") or config.site_description or ""),
        url=page.canonical_url or page.url,
        language=locale,
        site_name=config.site_name,
        site_url=config.site_url or "",
        reviewer=_state.metadata.team[locale],
        reviewed=review.reviewed if review else _reviewed_only(page),
        references=_references(page),
    )
    return json_ld_script(facts) + "\n" + meta_tags(highwire_tags(facts))


def _reviewed_only(page: Page) -> date | None:
    """`reviewed` alone (next_review missing or wrong, already reported): still the last review day."""
    try:
        return as_date(page.meta["reviewed"], "reviewed") if page.meta.get("reviewed") else None
    except ReviewError:
        return None


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """One COinS span per entry of the page's reference list (citations are back in place by now)."""
    references = _references(page)
    if not references:
        return html
    referrer = _state.metadata.referrer
    spans = {anchor_key(ref.key): coins_span(ref, referrer) for ref in references}
    html, _missing = insert_coins(html, spans)  # a page may cite without a list (e.g. a bibliography)
    return html
