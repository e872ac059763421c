"""Vancouver/NLM ("Citing Medicine") as a pybtex formatting-style plugin, with labels per language.

Registered in-process as `atlas-vancouver` (pybtex.style.formatting), so pybtex's own
`find_plugin("pybtex.style.formatting", "atlas-vancouver")` finds it. The style builds pybtex rich
text directly (clearer than the template DSL for NLM's punctuation rules). Rendering goes through
one reusable backend instance: `Text.render_as()` looks its backend plugin up on every call.
"""

# ruff: noqa: RUF001  (the en dash in page ranges is intended)
from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from pybtex.backends.html import Backend as HtmlBackend
from pybtex.database import Entry, Person
from pybtex.plugin import register_plugin
from pybtex.richtext import HRef, String, Text
from pybtex.style.formatting import BaseStyle

from atlas.citations.latex import PLAIN, latex_to_plain, latex_to_text

STYLE_NAME = "atlas-vancouver"
MAX_AUTHORS = 6
SAFE_URL = re.compile(r"https?://[^\s\"<>]+", re.I)

LABELS: dict[str, dict[str, object]] = {
    "en": {
        "references": "References", "bibliography_intro": "", "cited_on": "Cited on",
        "back_to_citation": "Back to citation", "unknown_key": "unknown reference",
        "cite_this_page": "Cite this page", "no_citations": "No publication is cited yet.",
        "reference": "Reference", "close": "Close",
        "et_al": "et al.", "editor": "editor", "editors": "editors", "in": "In",
        "available_from": "Available from", "cited": "cited", "internet": "Internet",
        "dissertation": "dissertation", "masters_thesis": "master's thesis", "report_no": "Report No.",
        "edition": "ed.", "page": "p.",
        "months": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    },
    "nl": {
        "references": "Referenties", "bibliography_intro": "", "cited_on": "Geciteerd op",
        "back_to_citation": "Terug naar citatie", "unknown_key": "onbekende referentie",
        "cite_this_page": "Deze pagina citeren", "no_citations": "Er wordt nog geen publicatie geciteerd.",
        "reference": "Referentie", "close": "Sluiten",
        "et_al": "et al.", "editor": "redacteur", "editors": "redacteuren", "in": "In",
        "available_from": "Beschikbaar via", "cited": "geraadpleegd", "internet": "Internet",
        "dissertation": "proefschrift", "masters_thesis": "masterscriptie", "report_no": "Rapportnr.",
        "edition": "dr.", "page": "p.",
        "months": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    },
}
MONTH_NAMES = {name: i for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}


def labels_for(locale: str, overrides: dict[str, dict[str, object]] | None = None) -> dict[str, object]:
    """Labels of a locale (`nl_BE` falls back to `nl`, unknown ones to English), plus config overrides."""
    base = LABELS.get(locale) or LABELS.get(locale.split("_")[0].split("-")[0]) or LABELS["en"]
    merged = {**LABELS["en"], **base}
    merged.update((overrides or {}).get(locale) or {})
    return merged


class SafeHtmlBackend(HtmlBackend):
    """pybtex's HTML backend, but URLs are attribute-escaped, non-http(s) links dropped, no span noise."""

    def format_protected(self, text: str) -> str:
        return text

    @staticmethod
    def format_href(url: str, text: str, external: bool = False) -> str:
        if not SAFE_URL.fullmatch(url):
            return text
        return f'<a href="{escape(url, {chr(34): "&quot;"})}">{text}</a>' if text else ""


def nlm_pages(pages: str) -> str:
    """NLM page ranges: `338--345` → `338-45`, `1098-1101` → `1098-101`, `e1001` stays."""
    match = re.fullmatch(r"\s*([A-Za-z]*)(\d+)\s*(?:-+|–|—)\s*([A-Za-z]*)(\d+)\s*", pages)
    if not match:
        return pages.replace("--", "-").strip()
    prefix, first, _, last = match.groups()
    if len(first) == len(last) and last > first:
        common = 0
        while common < len(first) and first[common] == last[common]:
            common += 1
        last = last[common:]
    return f"{prefix}{first}-{last}"


def initials(person: Person) -> str:
    """`Tyler A.` → `TA`, `Jean-Pierre` → `JP` (NLM: initials without periods or spaces)."""
    names = person.first_names + person.middle_names
    letters = []
    for name in names:
        for part in latex_to_plain(name).split("-"):
            part = part.strip(".{} ")
            if part:
                letters.append(part[0].upper())
    return "".join(letters)


def person_name(person: Person) -> str:
    family = person.prelast_names + person.last_names + person.lineage_names
    last = " ".join(latex_to_plain(p) for p in family)
    given = initials(person)
    return f"{last} {given}".strip()


def name_list(people: list[Person], et_al: str) -> str:
    names = [person_name(p) for p in people[:MAX_AUTHORS]]
    if len(people) > MAX_AUTHORS:
        names.append(et_al)
    return ", ".join(names)


def _sentence(text: Text | str) -> Text | str:
    """A piece ending in exactly one period (NLM: no period after ? or !).

    Plain strings stay strings (pybtex wraps them when the reference's Text is built): building
    and flattening a rich Text per piece was most of the formatting time, for the same HTML.
    """
    if isinstance(text, str):
        return text if text.rstrip().endswith((".", "?", "!")) else text + "."
    plain = str(text).rstrip()
    return text if plain.endswith((".", "?", "!")) else Text(text, ".")


@dataclass
class _Parts:
    """Accumulates the NLM elements of one reference, separated by single spaces."""

    items: list

    def add(self, *pieces: Text | str | None) -> None:
        if all(p for p in pieces):
            plain = all(isinstance(p, str) for p in pieces)
            self.items.append("".join(pieces) if plain else Text(*pieces))  # type: ignore[arg-type]

    def text(self) -> Text:
        out: list = []
        for index, item in enumerate(self.items):
            if index:
                out.append(" ")
            out.append(item)
        return Text(*out)


class VancouverStyle(BaseStyle):
    """NLM/Vancouver references; `locale` picks labels and month abbreviations."""

    default_name_style = "plain"
    default_label_style = "number"
    default_sorting_style = "none"

    def __init__(self, locale: str = "en", labels: dict[str, object] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.locale = locale
        self.labels = labels or labels_for(locale)

    # -- shared pieces ------------------------------------------------------------------------------
    def field(self, entry: Entry, name: str) -> Text | str | None:
        """A field as rich text; a value without any LaTeX stays a plain string (same HTML, cheaper)."""
        value = entry.fields.get(name, "")
        if not value.strip():
            return None
        return value if PLAIN.fullmatch(value) else latex_to_text(value)

    def month(self, entry: Entry) -> str:
        raw = entry.fields.get("month", "").strip().lower()
        months = self.labels["months"]
        if raw.isdigit() and 1 <= int(raw) <= 12:
            return months[int(raw) - 1]
        for name, number in MONTH_NAMES.items():
            if raw and name.startswith(raw[:3]):
                return months[number - 1]
        return ""

    def year(self, entry: Entry) -> str:
        year = entry.fields.get("year", "").strip()
        return year or entry.fields.get("date", "").strip()[:4]

    def authors(self, entry: Entry, role: str = "author") -> str:
        """NLM names, computed once per entry and role (the same Entry serves every language)."""
        cache = entry.__dict__.setdefault("_atlas_names", {})
        cache_key = (role, str(self.labels["et_al"]))
        if cache_key not in cache:
            cache[cache_key] = name_list(entry.persons.get(role, []), str(self.labels["et_al"]))
        return cache[cache_key]

    def editors(self, entry: Entry) -> str:
        people = entry.persons.get("editor", [])
        if not people:
            return ""
        label = self.labels["editors" if len(people) > 1 else "editor"]
        return f"{self.authors(entry, 'editor')}, {label}"

    def publication(self, entry: Entry) -> Text | None:
        """`Place: Publisher; Year` (NLM), the year alone if nothing else is known."""
        publisher = self.field(entry, "publisher") or self.field(entry, "institution") \
            or self.field(entry, "school") or self.field(entry, "organization")
        place = self.field(entry, "address") or self.field(entry, "location")
        parts: list = []
        if place and publisher:
            parts += [place, ": ", publisher]
        elif publisher or place:
            parts.append(publisher or place)
        year = self.year(entry)
        if year:
            parts += ["; " if parts else "", year]
        return Text(*parts) if parts else None

    def identifiers(self, entry: Entry, with_url: bool) -> list[Text]:
        """doi → doi.org, pmid → PubMed, pmcid → PMC, url: only http(s) links are ever emitted."""
        out: list[Text] = []
        doi = entry.fields.get("doi", "").strip()
        pmid = entry.fields.get("pmid", "").strip()
        pmcid = entry.fields.get("pmcid", "").strip()
        url = entry.fields.get("url", "").strip()
        if doi:
            out.append(Text("doi: ", HRef(f"https://doi.org/{doi}", String(doi)), "."))
        if pmid:
            out.append(Text("PMID: ", HRef(f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/", String(pmid)), "."))
        if pmcid:
            out.append(Text("PMCID: ", HRef(f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}/",
                                            String(pmcid)), "."))
        if url and (with_url or not doi) and SAFE_URL.fullmatch(url):
            out.append(Text(f"{self.labels['available_from']}: ", HRef(url, String(url))))
        return out

    def finish(self, parts: _Parts, entry: Entry, with_url: bool = False) -> Text:
        for identifier in self.identifiers(entry, with_url):
            parts.add(identifier)
        return parts.text()

    # -- entry types --------------------------------------------------------------------------------
    def format_article(self, context: dict) -> Text:
        entry = context["entry"]
        parts = _Parts([])
        parts.add(_sentence(self.authors(entry)) if entry.persons.get("author") else None)
        parts.add(_sentence(self.field(entry, "title") or Text("")))
        journal = self.field(entry, "journal")
        parts.add(_sentence(journal) if journal else None)
        date = " ".join(p for p in (self.year(entry), self.month(entry)) if p)
        volume = entry.fields.get("volume", "").strip()
        number = entry.fields.get("number", "").strip() or entry.fields.get("issue", "").strip()
        pages = nlm_pages(entry.fields.get("pages", ""))
        tail = date
        if volume or number:
            tail += f";{volume}" + (f"({number})" if number else "")
        if pages:
            tail += f":{pages}"
        parts.add(_sentence(tail) if tail else None)
        return self.finish(parts, entry)

    def format_book(self, context: dict) -> Text:
        entry = context["entry"]
        parts = _Parts([])
        if entry.persons.get("author"):
            parts.add(_sentence(self.authors(entry)))
        elif entry.persons.get("editor"):
            parts.add(_sentence(self.editors(entry)))
        parts.add(_sentence(self.field(entry, "title") or Text("")))
        edition = entry.fields.get("edition", "").strip()
        parts.add(_sentence(f"{edition} {self.labels['edition']}") if edition else None)
        publication = self.publication(entry)
        parts.add(_sentence(publication) if publication else None)
        return self.finish(parts, entry)

    def format_incollection(self, context: dict) -> Text:
        entry = context["entry"]
        parts = _Parts([])
        parts.add(_sentence(self.authors(entry)) if entry.persons.get("author") else None)
        parts.add(_sentence(self.field(entry, "title") or Text("")))
        book = self.field(entry, "booktitle")
        editors = self.editors(entry)
        intro = Text(f"{self.labels['in']}: ", *( [editors, ". "] if editors else []), book or "")
        parts.add(_sentence(intro))
        edition = entry.fields.get("edition", "").strip()
        parts.add(_sentence(f"{edition} {self.labels['edition']}") if edition else None)
        publication = self.publication(entry)
        parts.add(_sentence(publication) if publication else None)
        pages = nlm_pages(entry.fields.get("pages", ""))
        parts.add(_sentence(f"{self.labels['page']} {pages}") if pages else None)
        return self.finish(parts, entry)

    def format_inbook(self, context: dict) -> Text:
        entry = context["entry"]
        if not entry.fields.get("booktitle"):  # BibTeX @inbook: title is the book, chapter the part
            chapter = entry.fields.get("chapter", "")
            entry = Entry("inbook", fields={**entry.fields, "booktitle": entry.fields.get("title", ""),
                                            "title": chapter}, persons=entry.persons)
        return self.format_incollection({**context, "entry": entry})

    def format_report(self, context: dict) -> Text:
        entry = context["entry"]
        parts = _Parts([])
        parts.add(_sentence(self.authors(entry)) if entry.persons.get("author") else None)
        parts.add(_sentence(self.field(entry, "title") or Text("")))
        publication = self.publication(entry)
        month = self.month(entry)
        if publication and month:
            publication = Text(publication, " ", month)
        parts.add(_sentence(publication) if publication else None)
        number = entry.fields.get("number", "").strip()
        parts.add(_sentence(f"{self.labels['report_no']}: {number}") if number else None)
        return self.finish(parts, entry)

    format_techreport = format_report

    def _thesis(self, context: dict, kind: str) -> Text:
        entry = context["entry"]
        parts = _Parts([])
        parts.add(_sentence(self.authors(entry)) if entry.persons.get("author") else None)
        title = self.field(entry, "title") or Text("")
        parts.add(Text(title, f" [{self.labels[kind]}]."))
        publication = self.publication(entry)
        parts.add(_sentence(publication) if publication else None)
        return self.finish(parts, entry)

    def format_thesis(self, context: dict) -> Text:
        kind = entry_kind = context["entry"].fields.get("type", "").lower()
        kind = "masters_thesis" if "master" in entry_kind else "dissertation"
        return self._thesis(context, kind)

    def format_phdthesis(self, context: dict) -> Text:
        return self._thesis(context, "dissertation")

    def format_mastersthesis(self, context: dict) -> Text:
        return self._thesis(context, "masters_thesis")

    def format_online(self, context: dict) -> Text:
        entry = context["entry"]
        parts = _Parts([])
        if entry.persons.get("author"):
            parts.add(_sentence(self.authors(entry)))
        title = self.field(entry, "title") or Text("")
        has_url = bool(entry.fields.get("url"))
        parts.add(Text(title, f" [{self.labels['internet']}].") if has_url else _sentence(title))
        publisher = self.field(entry, "publisher") or self.field(entry, "organization") \
            or self.field(entry, "howpublished")
        year = self.year(entry)
        accessed = self.access_date(entry.fields.get("urldate", ""))
        tail: list = []
        if publisher:
            tail += [publisher, "; " if year else ""]
        if year:
            tail.append(year)
        if accessed:
            tail.append(f" [{self.labels['cited']} {accessed}]")
        parts.add(_sentence(Text(*tail)) if tail else None)
        return self.finish(parts, entry, with_url=True)

    format_misc = format_online

    def access_date(self, value: str) -> str:
        """`2024-01-05` → `2024 Jan 5` (en) / `2024 jan 5` (nl), as NLM writes citation dates."""
        match = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", value)
        if not match:
            return value.strip()
        year, month, day = match.groups()
        parts = [year]
        if month and 1 <= int(month) <= 12:
            parts.append(str(self.labels["months"][int(month) - 1]))
            if day:
                parts.append(str(int(day)))
        return " ".join(parts)


register_plugin("pybtex.style.formatting", STYLE_NAME, VancouverStyle, force=True)


class Formatter:
    """Formats entries to HTML for one language: one style and one backend instance, reused."""

    def __init__(self, locale: str, labels: dict[str, object] | None = None) -> None:
        self.style = VancouverStyle(locale=locale, labels=labels)
        self.backend = SafeHtmlBackend()

    def html(self, entry: Entry) -> str:
        formatted = self.style.format_entry(entry.key or "", entry)
        return formatted.text.render(self.backend)
