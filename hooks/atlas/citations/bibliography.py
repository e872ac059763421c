"""The global bibliography of one language: every cited entry, by first author, with "cited on" links.

Which pages cite what is only known once every page's Markdown was converted, so the hook fills the
page in `on_env` (after all pages, before templates are rendered and the search index is written).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from pybtex.database import Entry

from atlas.citations.latex import latex_to_plain
from atlas.citations.render import anchor_key

PLACEHOLDER = '<div class="atlas-bibliography" data-atlas-bibliography="pending"></div>'


@dataclass(frozen=True)
class CitingPage:
    title: str
    href: str  # relative to the bibliography page


def sort_key(entry: Entry) -> tuple[str, str, str]:
    """First author's (or editor's) family name, then year, then title; case- and accent-aware enough."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    if people:
        first = people[0]
        name = " ".join(latex_to_plain(p) for p in first.last_names + first.first_names)
    else:
        name = latex_to_plain(entry.fields.get("title", ""))
    title = latex_to_plain(entry.fields.get("title", "")).casefold()
    return (name.casefold(), entry.fields.get("year", ""), title)


def render_bibliography(entries: list[tuple[Entry, str, list[CitingPage]]], labels: dict[str, object]) -> str:
    """`entries`: (pybtex entry, formatted HTML, citing pages). Returns the list that replaces the marker."""
    if not entries:
        message = escape(str(labels["no_citations"]))
        return f'<p class="atlas-bibliography atlas-bibliography--empty">{message}</p>'
    rows = []
    cited_on = escape(str(labels["cited_on"]))
    for entry, html, pages in sorted(entries, key=lambda row: sort_key(row[0])):
        links = ", ".join(f'<a href="{escape(p.href)}">{escape(p.title)}</a>' for p in pages)
        cited = f' <span class="atlas-bibliography__cited">{cited_on}: {links}</span>' if pages else ""
        rows.append(f'<li id="bib-{anchor_key(entry.key)}"><span class="atlas-ref__text">{html}</span>'
                    f"{cited}</li>")
    return '<ul class="atlas-bibliography">\n' + "\n".join(rows) + "\n</ul>"
