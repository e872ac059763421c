"""Machine-readable page data: schema.org JSON-LD, Highwire `citation_*` meta tags and COinS spans.

Reference managers (Zotero, Mendeley) and search engines read these: the JSON-LD describes the page as
a `MedicalWebPage` reviewed by the editorial team (an Organization, never a person) with the papers it
cites; the Highwire tags let Zotero save the page itself; one COinS span per entry of the page's
reference list lets it save each paper.

Pure: page facts and bibliography records in, HTML strings out. Every value is escaped for where it
goes (JSON inside <script>, HTML attributes, OpenURL key/value pairs).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape
from urllib.parse import quote, urlencode

from atlas.citations.bibfile import BibRecord, to_pybtex
from atlas.citations.latex import latex_to_plain
from atlas.citations.style import is_others
from atlas.settings import Block

DOI_URL = "https://doi.org/"
PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/"


@dataclass(frozen=True)
class Author:
    family: str
    given: str = ""
    organization: bool = False     # a corporate author written in braces: `{European Medicines Agency}`


@dataclass(frozen=True)
class Reference:
    """One cited paper, as plain text (LaTeX markup of the .bib removed)."""

    key: str
    title: str
    authors: tuple[Author, ...] = ()
    journal: str = ""
    year: str = ""
    month: str = ""
    volume: str = ""
    issue: str = ""
    first_page: str = ""
    last_page: str = ""
    doi: str = ""
    pmid: str = ""
    url: str = ""
    web_page: bool = False         # an @online entry: a regulator's or guideline body's page, not a paper

    @property
    def pages(self) -> str:
        return f"{self.first_page}-{self.last_page}" if self.last_page else self.first_page


# Authors written into the machine-readable copies of a reference (JSON-LD, Highwire, COinS): the first
# three, then the DOI or PMID beside them gives a reference manager the full record (the reference list
# itself shows six, as NLM asks). Every further name cost readers bytes on every page load, three times
# over: a 23-author trial on a phone; with them the longest article was over the 90 KB page budget.
LISTED_AUTHORS = 3


@dataclass(frozen=True)
class PageFacts:
    title: str
    description: str
    url: str
    language: str
    site_name: str
    site_url: str
    reviewer: str                  # the editorial team's name in the page's language
    reviewed: date | None = None
    references: Sequence[Reference] = field(default_factory=tuple)


def _plain(value: str) -> str:
    return " ".join(latex_to_plain(value).split()) if value else ""


def reference(record: BibRecord) -> Reference:
    """A .bib record as plain-text facts. The loader has already normalised the record (DOI without
    `https://doi.org/`, `journaltitle` as `journal`, `date` as year and month); the names are read as the
    formatter reads them, so `and others` is no author and an unreadable name never raises."""
    authors = []
    for who in to_pybtex(record).persons.get("author", []):
        if is_others(who):
            continue
        family = _plain(" ".join([*who.prelast_names, *who.last_names]))
        given = _plain(" ".join([*who.first_names, *who.middle_names]))
        corporate = not given and len(who.last_names) == 1 and who.last_names[0].startswith("{")
        if family or given:
            authors.append(Author(family or given, given if family else "", corporate))
    pages = _plain(record.get("pages")).replace("\u2013", "-")
    first, _, last = pages.partition("-")
    return Reference(
        key=record.key,
        title=_plain(record.get("title")).rstrip("."),
        authors=tuple(authors),
        journal=_plain(record.get("journal") or record.get("booktitle") or record.get("publisher")),
        year=record.get("year").strip(),
        month=record.get("month").strip(),
        volume=record.get("volume").strip(),
        issue=record.get("number").strip(),
        first_page=first.strip(),
        last_page=last.strip("-").strip(),
        doi=record.get("doi").strip(),
        pmid=record.get("pmid").strip(),
        url=record.get("url").strip(),
        web_page=record.type in ("online", "www", "webpage", "electronic"),
    )


def _date_parts(ref: Reference) -> str:
    if ref.year and ref.month.isdigit():
        return f"{ref.year}-{int(ref.month):02d}"
    return ref.year


# --- JSON-LD -----------------------------------------------------------------------------------------

def _identifiers(ref: Reference) -> list[dict[str, str]]:
    found = []
    if ref.doi:
        found.append({"@type": "PropertyValue", "propertyID": "DOI", "value": ref.doi})
    if ref.pmid:
        found.append({"@type": "PropertyValue", "propertyID": "PMID", "value": ref.pmid})
    return found


def scholarly_article(ref: Reference) -> dict[str, object]:
    kind = "WebPage" if ref.web_page else "ScholarlyArticle"
    article: dict[str, object] = {"@type": kind, "name": ref.title}
    if ref.authors:
        article["author"] = [
            {"@type": "Organization", "name": a.family} if a.organization else
            {"@type": "Person", "familyName": a.family, **({"givenName": a.given} if a.given else {})}
            for a in ref.authors[:LISTED_AUTHORS]
        ]
    if ref.year:
        article["datePublished"] = _date_parts(ref)
    if ref.journal:
        article["isPartOf"] = {"@type": "Periodical", "name": ref.journal}
    if ref.pages:
        article["pagination"] = ref.pages
    identifiers = _identifiers(ref)
    if identifiers:
        article["identifier"] = identifiers
    same = ([DOI_URL + ref.doi] if ref.doi else []) + ([f"{PUBMED_URL}{ref.pmid}/"] if ref.pmid else [])
    if same:
        article["url"] = same[0]
        article["sameAs"] = same
    elif ref.url:
        article["url"] = ref.url
    return article


def json_ld(facts: PageFacts) -> dict[str, object]:
    team = {"@type": "Organization", "name": facts.reviewer, "url": facts.site_url}
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": facts.title,
        "description": facts.description,
        "inLanguage": facts.language,
        "url": facts.url,
        "isPartOf": {"@type": "WebSite", "name": facts.site_name, "url": facts.site_url},
        "publisher": {"@type": "Organization", "name": facts.site_name, "url": facts.site_url},
        "reviewedBy": team,
    }
    if facts.reviewed:
        data["lastReviewed"] = facts.reviewed.isoformat()
    if facts.references:
        data["citation"] = [scholarly_article(ref) for ref in facts.references]
    return data


def script_json(data: object) -> str:
    """JSON safe inside <script>: no `</script>`, `<!--` or `&` can end or confuse the element."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def json_ld_script(facts: PageFacts) -> str:
    return f'<script type="application/ld+json">{script_json(json_ld(facts))}</script>'


# --- Highwire Press tags (Google Scholar, Zotero) ---------------------------------------------------

def _hw(value: str) -> str:
    """A value inside citation_reference's `key=value; …` list: no semicolons of its own."""
    return " ".join(value.replace(";", ",").split())


def citation_reference(ref: Reference) -> str:
    parts = [("citation_title", ref.title)]
    parts += [("citation_author", f"{a.family}, {a.given}".strip(", ")) for a in ref.authors[:LISTED_AUTHORS]]
    parts += [("citation_journal_title", ref.journal), ("citation_publication_date", ref.year),
              ("citation_volume", ref.volume), ("citation_issue", ref.issue),
              ("citation_firstpage", ref.first_page), ("citation_lastpage", ref.last_page),
              ("citation_doi", ref.doi), ("citation_pmid", ref.pmid)]
    return "; ".join(f"{name}={_hw(value)}" for name, value in parts if value)


def highwire_tags(facts: PageFacts) -> list[tuple[str, str]]:
    tags = [("citation_title", facts.title), ("citation_language", facts.language),
            ("citation_journal_title", facts.site_name), ("citation_publisher", facts.site_name),
            ("citation_public_url", facts.url)]
    if facts.reviewed:
        day = facts.reviewed.strftime("%Y/%m/%d")
        tags += [("citation_publication_date", day), ("citation_online_date", day)]
    tags += [("citation_reference", citation_reference(ref)) for ref in facts.references]
    return [(name, value) for name, value in tags if value]


def meta_tags(tags: Iterable[tuple[str, str]]) -> str:
    return "\n".join(f'<meta name="{escape(name)}" content="{escape(value)}">' for name, value in tags)


# --- COinS (OpenURL ContextObjects in spans) ---------------------------------------------------------

def coins_pairs(ref: Reference, referrer: str = "") -> list[tuple[str, str]]:
    pairs = [("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"),
             ("rft.genre", "article")]
    if referrer:
        pairs.append(("rfr_id", f"info:sid/{referrer}"))
    if ref.doi:
        pairs.append(("rft_id", f"info:doi/{ref.doi}"))
    if ref.pmid:
        pairs.append(("rft_id", f"info:pmid/{ref.pmid}"))
    pairs += [("rft.atitle", ref.title), ("rft.jtitle", ref.journal), ("rft.date", ref.year),
              ("rft.volume", ref.volume), ("rft.issue", ref.issue), ("rft.spage", ref.first_page),
              ("rft.epage", ref.last_page)]
    if ref.authors:
        pairs += [("rft.aulast", ref.authors[0].family), ("rft.aufirst", ref.authors[0].given)]
    pairs += [("rft.au", f"{a.family}, {a.given}".strip(", ")) for a in ref.authors[:LISTED_AUTHORS]]
    return [(k, v) for k, v in pairs if v]


@functools.lru_cache(maxsize=1024)  # pure; an entry cited on several pages (and languages) is encoded once
def coins_span(ref: Reference, referrer: str = "") -> str:
    title = urlencode(coins_pairs(ref, referrer), quote_via=quote, safe="/:")
    return f'<span class="Z3988" title="{escape(title)}"></span>'


def insert_coins(html: str, spans: dict[str, str]) -> tuple[str, list[str]]:
    """Put each span at the start of its reference list item `<li id="ref-{anchor}">`.

    `spans` maps the item's anchor to its span; returns the HTML and the anchors not found.
    """
    missing = []
    for anchor, span in spans.items():
        opening = f'<li id="ref-{anchor}">'
        if opening in html:
            html = html.replace(opening, opening + span, 1)
        else:
            missing.append(anchor)
    return html, missing


# --- settings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MetadataSettings:
    """`extra.atlas.metadata`: JSON-LD, Highwire citation_* tags and COinS of each page."""

    enabled: bool = True
    team: dict[str, str] = field(default_factory=dict)   # locale -> the editorial team (reviewedBy)
    referrer: str = ""                                   # COinS rfr_id (info:sid/…)


SETTINGS = Block("metadata", MetadataSettings)
