"""One page in, one page out: citations numbered, linked and listed; problems returned, not logged."""

from __future__ import annotations

from dataclasses import dataclass, field

from atlas.citations import deferred
from atlas.citations.bibfile import Bibliography
from atlas.citations.numbering import number_citations
from atlas.citations.render import render_group, render_reference_list
from atlas.citations.style import Formatter
from atlas.citations.syntax import CitationGroup, scan, substitute

# (bib digest, locale, labels) -> key -> HTML: each cited entry is formatted once per language,
# and the result survives the per-language builds and `mkdocs serve` rebuilds while the file is unchanged.
FORMATTED: dict[tuple[str, str, str], dict[str, str]] = {}
FORMATTERS: dict[tuple[str, str], Formatter] = {}


@dataclass(frozen=True)
class UnknownKey:
    line: int
    key: str
    closest: list[str]


@dataclass
class PageCitations:
    markdown: str
    order: list[str] = field(default_factory=list)     # cited keys, by number
    unknown: list[UnknownKey] = field(default_factory=list)
    fragments: list[str] = field(default_factory=list)  # HTML of the tokens (`deferred.restore`)


class CitationEngine:
    """Formats and renders citations of one language against one bibliography."""

    def __init__(self, bib: Bibliography, locale: str, labels: dict[str, object], display: str) -> None:
        self.bib = bib
        self.locale = locale
        self.labels = labels
        self.display = display if display in ("brackets", "superscript") else "brackets"
        labels_id = repr(sorted((k, str(v)) for k, v in labels.items()))
        self._formatted = FORMATTED.setdefault((bib.digest, locale, labels_id), {})
        self._formatter_key = (locale, labels_id)

    def formatted(self, key: str) -> str:
        """HTML of an entry, formatted on first use only."""
        html = self._formatted.get(key)
        if html is None:
            formatter = FORMATTERS.get(self._formatter_key)
            if formatter is None:
                formatter = FORMATTERS[self._formatter_key] = Formatter(self.locale, self.labels)
            html = self._formatted[key] = formatter.html(self.bib.entry(key))
        return html

    def process(self, markdown: str, line_offset: int = 0, defer: bool = False) -> PageCitations:
        """Citations numbered and rendered. With `defer`, HTML that Markdown would only pass through
        is left as tokens in the Markdown and returned in `fragments` (see `deferred`)."""
        found = scan(markdown)
        if not found.groups and not found.escapes:
            return PageCitations(markdown)
        plan = number_citations(found.groups, self.bib.canonical)
        by_group = {numbered.group: numbered for numbered in plan.groups}
        fragments: list[str] = []
        defer = defer and deferred.page_allows(markdown)

        def render(group: CitationGroup) -> str:
            numbered = by_group[group]
            html = render_group(numbered, self.display, self.labels)
            plain = all(item.number is not None and not item.prefix and not item.locator
                        for item in numbered.items)
            if not (defer and plain and deferred.inline_safe(markdown, group.start, group.end)):
                return html
            fragments.append(html)
            return deferred.token(len(fragments) - 1)

        text = substitute(markdown, found, render)
        if plan.order:
            formatted = {key: self.formatted(key) for key in plan.order}
            references = render_reference_list(plan.order, formatted, plan.backlinks, self.labels)
            if defer and deferred.list_safe(markdown, found.protected):
                split = references.index("<ol ")
                fragments.append(references[split:].rstrip("\n"))
                references = references[:split] + deferred.token(len(fragments) - 1) + "\n"
            text = text.rstrip("\n") + references
        unknown = [UnknownKey(line + line_offset, key, self.bib.closest(key)) for line, key in plan.unknown]
        return PageCitations(text, plan.order, unknown, fragments)
