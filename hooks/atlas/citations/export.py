"""Cite this page: each article's own reference as BibTeX and RIS (and a ready Vancouver line)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from urllib.parse import quote


@dataclass(frozen=True)
class PageCitation:
    site: str       # organisation as author, e.g. "Amino Atlas"
    title: str
    url: str
    date: str       # YYYY-MM-DD (the page's `reviewed` date) or ""
    language: str   # locale, e.g. "nl"
    slug: str       # e.g. "glutamine-sport"

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def key(self) -> str:
        base = re.sub(r"[^a-z0-9]+", "", self.site.lower()) or "site"
        return f"{base}-{self.slug}-{self.year}" if self.year else f"{base}-{self.slug}"


def _bibtex_escape(value: str) -> str:
    value = value.replace("\\", r"\textbackslash{}")
    return re.sub(r"([{}&%$#_])", r"\\\1", value).replace(r"\textbackslash\{\}", r"\textbackslash{}")


def to_bibtex(page: PageCitation) -> str:
    fields = [("author", "{" + _bibtex_escape(page.site) + "}"), ("title", _bibtex_escape(page.title)),
              ("organization", _bibtex_escape(page.site))]
    if page.year:
        fields += [("year", page.year), ("date", page.date)]
    fields += [("url", page.url), ("langid", page.language)]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{page.key},\n{body}\n}}\n"


def to_ris(page: PageCitation) -> str:
    lines = [("TY", "ELEC"), ("AU", page.site), ("TI", page.title), ("PB", page.site)]
    if page.year:
        lines += [("PY", page.year), ("DA", page.date.replace("-", "/"))]
    lines += [("UR", page.url), ("LA", page.language), ("ER", "")]
    return "".join(f"{tag}  - {value}\n" for tag, value in lines)


def render_cite_page(page: PageCitation, labels: dict[str, object]) -> str:
    """A collapsed `<details>` block with both formats and download links (data: URLs, no request)."""
    bibtex, ris = to_bibtex(page), to_ris(page)
    bib_href = "data:application/x-bibtex;charset=utf-8," + quote(bibtex)
    ris_href = "data:application/x-research-info-systems;charset=utf-8," + quote(ris)
    return (
        f'\n\n<details class="atlas-cite-page">\n<summary>{escape(str(labels["cite_this_page"]))}</summary>\n'
        f'<p class="atlas-cite-page__format">BibTeX '
        f'(<a href="{escape(bib_href)}" download="{escape(page.key)}.bib">.bib</a>)</p>\n'
        f'<pre class="atlas-cite-page__bibtex"><code>{escape(bibtex)}</code></pre>\n'
        f'<p class="atlas-cite-page__format">RIS '
        f'(<a href="{escape(ris_href)}" download="{escape(page.key)}.ris">.ris</a>)</p>\n'
        f'<pre class="atlas-cite-page__ris"><code>{escape(ris)}</code></pre>\n</details>\n'
    )
