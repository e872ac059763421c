"""Vancouver/NLM ("Citing Medicine") as a pybtex formatting-style plugin, with labels per language.

Registered in-process as `atlas-vancouver` (pybtex.style.formatting), so pybtex's own
`find_plugin("pybtex.style.formatting", "atlas-vancouver")` finds it. The style builds pybtex rich
text directly (clearer than the template DSL for NLM's punctuation rules). Rendering goes through
one reusable backend instance: `Text.render_as()` looks its backend plugin up on every call.
"""

# ruff: noqa: RUF001  (the en dash in page ranges is intended)
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from pybtex.backends.html import Backend as HtmlBackend
from pybtex.database import Entry, Person
from pybtex.plugin import register_plugin
from pybtex.richtext import HRef, String, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle

from atlas.citations.entrytypes import form_of
from atlas.citations.fields import parse_date, split_and
from atlas.citations.latex import PLAIN, latex_to_plain, latex_to_text
from atlas.labels import built_in, labels_for

STYLE_NAME = "atlas-vancouver"
BIBLATEX_REPORT_TYPES = {"techreport", "resreport"}  # BibLaTeX's localisation keys of a report's `type`
MAX_AUTHORS = 6
SAFE_URL = re.compile(r"https?://[^\s\"<>]+", re.I)
ARXIV_ID = re.compile(r"\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?")
# langid / language values (babel and polyglossia names, ISO 639-1 codes) -> ISO code -> name per locale
LANGUAGE_CODES = {
    "english": "en", "american": "en", "british": "en", "usenglish": "en", "ukenglish": "en",
    "canadian": "en", "australian": "en", "newzealand": "en", "en-us": "en", "en-gb": "en",
    "dutch": "nl", "nederlands": "nl", "flemish": "nl", "german": "de", "ngerman": "de", "austrian": "de",
    "naustrian": "de", "swissgerman": "de", "nswissgerman": "de", "french": "fr", "francais": "fr",
    "acadian": "fr", "spanish": "es", "italian": "it", "portuguese": "pt", "portuges": "pt", "brazil": "pt",
    "brazilian": "pt", "swedish": "sv", "danish": "da", "norwegian": "no", "norsk": "no", "nynorsk": "no",
    "finnish": "fi", "polish": "pl", "russian": "ru", "chinese": "zh", "japanese": "ja", "korean": "ko",
    "greek": "el", "turkish": "tr", "czech": "cs", "hungarian": "hu", "magyar": "hu", "latin": "la",
    "arabic": "ar", "hebrew": "he", "catalan": "ca", "croatian": "hr", "romanian": "ro", "ukrainian": "uk",
    # ISO 639-2 codes (bibliographic and terminology forms), as PubMed and Zotero export them (`eng`)
    "eng": "en", "dut": "nl", "nld": "nl", "ger": "de", "deu": "de", "fre": "fr", "fra": "fr", "spa": "es",
    "ita": "it", "por": "pt", "swe": "sv", "dan": "da", "nor": "no", "nob": "no", "nno": "no", "fin": "fi",
    "pol": "pl", "rus": "ru", "chi": "zh", "zho": "zh", "jpn": "ja", "kor": "ko", "gre": "el", "ell": "el",
    "tur": "tr", "cze": "cs", "ces": "cs", "hun": "hu", "lat": "la", "ara": "ar", "heb": "he", "cat": "ca",
    "hrv": "hr", "rum": "ro", "ron": "ro", "ukr": "uk",
}
# A language code this table does not know (`und`, `mul`, `xho`) is not printed: a reader cannot use it.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[-_][a-z]{2,4})?")
LANGUAGE_NAMES = {
    "nl": {"en": "Dutch", "nl": "Nederlands"}, "de": {"en": "German", "nl": "Duits"},
    "fr": {"en": "French", "nl": "Frans"}, "es": {"en": "Spanish", "nl": "Spaans"},
    "it": {"en": "Italian", "nl": "Italiaans"}, "pt": {"en": "Portuguese", "nl": "Portugees"},
    "sv": {"en": "Swedish", "nl": "Zweeds"}, "da": {"en": "Danish", "nl": "Deens"},
    "no": {"en": "Norwegian", "nl": "Noors"}, "fi": {"en": "Finnish", "nl": "Fins"},
    "pl": {"en": "Polish", "nl": "Pools"}, "ru": {"en": "Russian", "nl": "Russisch"},
    "zh": {"en": "Chinese", "nl": "Chinees"}, "ja": {"en": "Japanese", "nl": "Japans"},
    "ko": {"en": "Korean", "nl": "Koreaans"}, "el": {"en": "Greek", "nl": "Grieks"},
    "tr": {"en": "Turkish", "nl": "Turks"}, "cs": {"en": "Czech", "nl": "Tsjechisch"},
    "hu": {"en": "Hungarian", "nl": "Hongaars"}, "la": {"en": "Latin", "nl": "Latijn"},
    "ar": {"en": "Arabic", "nl": "Arabisch"}, "he": {"en": "Hebrew", "nl": "Hebreeuws"},
    "ca": {"en": "Catalan", "nl": "Catalaans"}, "hr": {"en": "Croatian", "nl": "Kroatisch"},
    "ro": {"en": "Romanian", "nl": "Roemeens"}, "uk": {"en": "Ukrainian", "nl": "Oekraïens"},
}
# BibLaTeX's patent `type` (patentus, …) and `location` (countryus, …) keys -> the country NLM names
PATENT_COUNTRIES = {"us": "United States", "de": "Germany", "eu": "European", "fr": "France",
                    "uk": "United Kingdom", "gb": "United Kingdom", "nl": "Netherlands", "jp": "Japan",
                    "wo": "International (PCT)", "ep": "European", "": ""}

LABELS: dict[str, dict[str, object]] = built_in("citations")  # atlas/labels.yml: per locale, English complete
MONTH_NAMES = {name: i for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}


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


ABBREVIATED_WORD = re.compile(r"(?<=[A-Za-z])\.(?=\s|$)")
DOTTED_INITIALS = re.compile(r"(?<=\b[A-Za-z])\.(?=[A-Za-z])")


def nlm_journal(name: str) -> str:
    """An abbreviated journal title as NLM writes it: without periods (`J. Organomet. Chem.` →
    `J Organomet Chem`, `Proc. Natl. Acad. Sci. U.S.A.` → `Proc Natl Acad Sci U S A`). A title with
    no abbreviated word is left as written."""
    name = " ".join(name.split())
    if not ABBREVIATED_WORD.search(name):
        return name
    return ABBREVIATED_WORD.sub("", DOTTED_INITIALS.sub(" ", name))


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
    """`King ML Jr`: family name, initials, then the suffix without its period (Citing Medicine)."""
    last = " ".join(latex_to_plain(p) for p in person.prelast_names + person.last_names)
    suffix = " ".join(latex_to_plain(p).rstrip(".") for p in person.lineage_names)
    return " ".join(part for part in (last, initials(person), suffix) if part)


def is_others(person: Person) -> bool:
    """BibTeX's `and others` (the list goes on: "et al.")."""
    return person.last_names == ["others"] and not (person.first_names or person.middle_names
                                                    or person.prelast_names or person.lineage_names)


def name_list(people: list[Person], et_al: str) -> str:
    """NLM: up to six names, then "et al."; `and others` also ends the list with "et al."."""
    truncated = bool(people) and is_others(people[-1])
    people = [p for p in people if not is_others(p)]
    names = [person_name(p) for p in people[:MAX_AUTHORS]]
    if len(people) > MAX_AUTHORS or truncated:
        names.append(et_al)
    return ", ".join(names)


def _sentence(text: Text | str) -> Text | str:
    """A piece ending in exactly one period (NLM: no period after ? or !).

    Plain strings stay strings (pybtex wraps them when the reference's Text is built): building
    and flattening a rich Text per piece was most of the formatting time, for the same HTML.
    """
    if isinstance(text, str):
        if not text.strip():
            return ""  # nothing to say: no lone period
        return text if text.rstrip().endswith((".", "?", "!")) else text + "."
    plain = str(text).rstrip()
    if not plain:
        return ""
    return text if plain.endswith((".", "?", "!")) else Text(text, ".")


def _cat(*pieces: Text | str | None) -> Text | str:
    """Pieces joined: a plain string while every piece is one (building rich Text is the cost of
    formatting), rich Text otherwise; empty pieces are skipped."""
    pieces = tuple(p for p in pieces if p)
    if all(isinstance(p, str) for p in pieces):
        return "".join(pieces)  # type: ignore[arg-type]
    return Text(*pieces)


@dataclass
class _Parts:
    """Accumulates the NLM elements of one reference, separated by single spaces."""

    items: list[Any]

    def add(self, *pieces: Text | str | None) -> None:
        if all(p for p in pieces):
            plain = all(isinstance(p, str) for p in pieces)
            self.items.append("".join(pieces) if plain else Text(*pieces))  # type: ignore[arg-type]

    def text(self) -> Text:
        out: list[Any] = []
        for index, item in enumerate(self.items):
            if index:
                out.append(" ")
            out.append(item)
        return Text(*out)


class VancouverStyle(BaseStyle):
    """NLM/Vancouver references; `locale` picks labels and month abbreviations.

    `format_entry` dispatches on the entry type's form (`atlas.citations.entrytypes`), so every
    BibTeX and BibLaTeX type, and any unknown one (generic form), is formatted.
    """

    default_name_style = "plain"
    default_label_style = "number"
    default_sorting_style = "none"

    def __init__(self, locale: str = "en", labels: dict[str, object] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.locale = locale
        self.labels = labels or labels_for("citations", locale)

    def format_entry(self, label: str, entry: Entry, bib_data: object = None) -> FormattedEntry:
        context = {"entry": entry, "style": self, "bib_data": bib_data}
        text = getattr(self, "format_" + form_of(entry.type))(context)
        return FormattedEntry(entry.key, text, label)

    # -- shared pieces ------------------------------------------------------------------------------
    def label(self, name: str) -> str:
        return str(self.labels.get(name) or LABELS["en"].get(name) or name)

    def _months(self) -> Sequence[object]:
        """The twelve month abbreviations of the locale (checked when the settings are read)."""
        months = self.labels.get("months")
        return months if isinstance(months, list | tuple) else list(LABELS["en"]["months"])  # type: ignore[call-overload]

    def field(self, entry: Entry, name: str) -> Text | str | None:
        """A field as rich text; a value without any LaTeX stays a plain string (same HTML, cheaper)."""
        value = entry.fields.get(name, "")
        if not value.strip():
            return None
        return value if PLAIN.fullmatch(value) else latex_to_text(value)

    def plain(self, entry: Entry, name: str) -> str:
        """A field as plain text (volume, number, pages, edition: braces and LaTeX removed)."""
        value = entry.fields.get(name, "")
        return latex_to_plain(value).strip() if value else ""

    def pages(self, entry: Entry) -> str:
        """NLM page range; BibTeX's `--` is a range here, not an en dash in text."""
        value = entry.fields.get("pages", "")
        return nlm_pages(latex_to_plain(value.replace("--", "-"))) if value else ""

    def literal(self, entry: Entry, name: str) -> Text | str | None:
        """A publisher, place or institution as written: never split on "and" ("Chapman and Hall/CRC",
        "Department of Health and Social Care"), though BibLaTeX calls these list fields."""
        value = entry.fields.get(name, "")
        if not value.strip():
            return None
        value = " ".join(value.split())
        return value if PLAIN.fullmatch(value) else latex_to_text(value)

    def title(self, entry: Entry, name: str = "title") -> Text | str | None:
        """Title, `: subtitle` (BibLaTeX), falling back on the book or main title."""
        title = self.field(entry, name)
        prefix = name[:-5] if name.endswith("title") else ""
        subtitle = self.field(entry, f"{prefix}subtitle")
        if title is None:
            return subtitle
        return _cat(title, ": ", subtitle) if subtitle else title

    def month_number(self, value: str) -> int | None:
        raw = latex_to_plain(value).strip().lower().rstrip(".")
        if raw.isdigit():
            return int(raw) if 1 <= int(raw) <= 12 else None
        for name, number in MONTH_NAMES.items():
            if len(raw) >= 3 and name.startswith(raw[:3]):
                return number
        return None

    def month(self, entry: Entry) -> str:
        number = self.month_number(entry.fields.get("month", ""))
        return str(self._months()[number - 1]) if number else ""

    def year(self, entry: Entry) -> str:
        year = latex_to_plain(entry.fields.get("year", "")).strip()
        return year or latex_to_plain(entry.fields.get("date", "")).strip()[:4]

    def date(self, entry: Entry, undated: bool = False) -> str:
        """NLM date: `2013 Jan 5`, ranges `2002 Aug 17-22`, `2002 Aug 30-Sep 2`, `2001-2002`, `2019-`;
        with `undated`, "n.d."/"z.j." when the entry has no date at all."""
        year = self.year(entry)
        if not year:
            return self.label("no_date") if undated else ""
        months = self._months()
        month = self.month(entry)
        day = entry.fields.get("day", "").strip()
        start = " ".join(p for p in (year, month, day if month and day.isdigit() else "") if p)
        if "endyear" not in entry.fields:
            return start
        end_year = entry.fields.get("endyear", "").strip()
        if not end_year:
            return f"{start}-"
        end_month_number = self.month_number(entry.fields.get("endmonth", ""))
        end_month = str(months[end_month_number - 1]) if end_month_number else ""
        end_day = entry.fields.get("endday", "").strip()
        if end_year != year:
            end = " ".join(p for p in (end_year, end_month, end_day if end_month else "") if p)
        elif end_month and end_month != month:
            end = " ".join(p for p in (end_month, end_day) if p)
        elif end_day and end_day != day:
            end = end_day
        else:
            return start
        return f"{start}-{end}"

    def access_date(self, value: str) -> str:
        """`2024-01-05` → `2024 Jan 5` (en) / `2024 jan 5` (nl), as NLM writes citation dates."""
        match = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T[\d:.]+\S*)?\s*", value)
        if not match:
            return latex_to_plain(value).strip()
        year, month, day = match.groups()
        parts = [year]
        if month and 1 <= int(month) <= 12:
            parts.append(str(self._months()[int(month) - 1]))
            if day:
                parts.append(str(int(day)))
        return " ".join(parts)

    def cited(self, entry: Entry) -> str:
        accessed = self.access_date(entry.fields.get("urldate", "")) if entry.fields.get("urldate") else ""
        return f" [{self.label('cited')} {accessed}]" if accessed else ""

    def internet(self, entry: Entry) -> str:
        """` [Internet]` after the title of a work consulted online (it has an access date)."""
        return f" [{self.label('internet')}]" if entry.fields.get("urldate") and self.has_link(entry) else ""

    @staticmethod
    def has_link(entry: Entry) -> bool:
        return bool(entry.fields.get("url") or entry.fields.get("doi") or entry.fields.get("eprint"))

    def names(self, entry: Entry, role: str = "author") -> str:
        """NLM names, computed once per entry and role (the same Entry serves every language)."""
        cache = entry.__dict__.setdefault("_atlas_names", {})
        cache_key = (role, self.label("et_al"))
        if cache_key not in cache:
            cache[cache_key] = name_list(entry.persons.get(role, []), self.label("et_al"))
        return str(cache[cache_key])

    def authors(self, entry: Entry, role: str = "author") -> str:
        return self.names(entry, role)

    def editors(self, entry: Entry) -> str:
        people = entry.persons.get("editor", [])
        if not people:
            return ""
        label = self.labels["editors" if len(people) > 1 else "editor"]
        return f"{self.names(entry, 'editor')}, {label}"

    def creators(self, entry: Entry, parts: _Parts, editors_too: bool = True) -> None:
        """Authors; else editors; else the organisation (a corporate author)."""
        if entry.persons.get("author"):
            parts.add(_sentence(self.names(entry)))
        elif editors_too and entry.persons.get("editor"):
            parts.add(_sentence(self.editors(entry)))
        elif editors_too and entry.fields.get("organization") and entry.type in ("manual", "standard"):
            parts.add(_sentence(self.literal(entry, "organization")))

    def publication(self, entry: Entry, undated: bool = False, with_cited: bool = True) -> Text | None:
        """`Place: Publisher; Year` (NLM), the year alone if nothing else is known."""
        publisher = self.literal(entry, "publisher") or self.literal(entry, "institution") \
            or self.literal(entry, "school") or self.literal(entry, "organization")
        place = self.literal(entry, "address")
        parts: list[Any] = []
        if place and publisher:
            parts += [place, ": ", publisher]
        elif publisher or place:
            parts.append(publisher or place)
        date = self.date(entry, undated)
        if date:
            parts += ["; " if parts else "", date]
        if with_cited and self.cited(entry):
            parts.append(self.cited(entry))
        return Text(*parts) if parts else None

    def edition(self, entry: Entry) -> str:
        edition = self.plain(entry, "edition")
        if not edition:
            return ""
        if edition.isdigit():
            number = int(edition)
            if self.locale.startswith("nl"):
                edition = f"{number}e"
            else:
                ordinal = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
                suffix = "th" if 10 <= number % 100 <= 20 else ordinal
                edition = f"{number}{suffix}"
        elif not re.search(r"\d", edition):
            return _sentence(edition)
        return f"{edition} {self.labels['edition']}"

    def language(self, entry: Entry) -> str:
        """The language of a non-English work, named in the reader's language (NLM: `Dutch.`)."""
        raw = latex_to_plain(entry.fields.get("langid", "") or entry.fields.get("language", "")).strip()
        if not raw:
            return ""
        names = []
        for item in split_and(raw) or [raw]:
            written = item.strip().lower()
            code = LANGUAGE_CODES.get(written, written)
            if LANGUAGE_CODE.fullmatch(code) and code not in LANGUAGE_NAMES:
                code = LANGUAGE_CODES.get(code[:2], code[:2]) if "-" in code or "_" in code else code
            if code == "en" or (code not in LANGUAGE_NAMES and LANGUAGE_CODE.fullmatch(written)):
                continue
            localised = LANGUAGE_NAMES.get(code, {})
            names.append(localised.get(self.locale[:2]) or localised.get("en") or item.strip().capitalize())
        return ", ".join(names)

    def identifiers(self, entry: Entry, with_url: bool) -> list[Text]:
        """doi → doi.org, pmid → PubMed, pmcid → PMC, eprint → arXiv (…), url: only http(s) links."""
        out: list[Text] = []
        doi = entry.fields.get("doi", "").strip()
        pmid = entry.fields.get("pmid", "").strip()
        pmcid = entry.fields.get("pmcid", "").strip()
        url = entry.fields.get("url", "").strip()
        eprint = entry.fields.get("eprint", "")
        eprint = latex_to_plain(eprint).strip() if eprint else ""
        kind = entry.fields.get("eprinttype", "").strip().lower() if eprint else ""
        if eprint and kind == "pubmed" and not pmid:
            pmid, eprint = eprint, ""
        elif eprint and kind in ("pmc", "pmcid") and not pmcid:
            pmcid, eprint = (eprint if eprint.upper().startswith("PMC") else f"PMC{eprint}"), ""
        if doi:
            out.append(Text("doi: ", HRef(f"https://doi.org/{doi}", String(doi)), "."))
        if pmid:
            out.append(Text("PMID: ", HRef(f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/", String(pmid)), "."))
        if pmcid:
            out.append(Text("PMCID: ", HRef(f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}/",
                                            String(pmcid)), "."))
        if eprint:
            out.append(self.eprint(entry, eprint, kind))
        if url and (with_url or not doi) and not self.same_link(url, doi, eprint, pmid) \
                and SAFE_URL.fullmatch(url):
            out.append(Text(f"{self.labels['available_from']}: ", HRef(url, String(url))))
        return out

    @staticmethod
    def same_link(url: str, doi: str, eprint: str, pmid: str) -> bool:
        """The url only repeats the DOI, arXiv or PubMed link shown already."""
        bare = re.sub(r"^https?://(?:dx\.|www\.)?", "", url).rstrip("/").lower()
        return bare in {f"doi.org/{doi}".lower(), f"arxiv.org/abs/{eprint}".lower(),
                        f"pubmed.ncbi.nlm.nih.gov/{pmid}", f"ncbi.nlm.nih.gov/pubmed/{pmid}"}

    def eprint(self, entry: Entry, eprint: str, kind: str) -> Text:
        eprint_class = latex_to_plain(entry.fields.get("eprintclass", "")).strip()
        suffix = f" [{eprint_class}]" if eprint_class else ""
        if kind == "arxiv" or (not kind and ARXIV_ID.fullmatch(eprint)):
            return Text("arXiv: ", HRef(f"https://arxiv.org/abs/{eprint}", String(eprint)), suffix, ".")
        links = {"hdl": "https://hdl.handle.net/", "handle": "https://hdl.handle.net/",
                 "jstor": "https://www.jstor.org/stable/", "googlebooks": "https://books.google.com/books?id=",
                 "biorxiv": "https://doi.org/10.1101/", "medrxiv": "https://doi.org/10.1101/"}
        names = {"hdl": "HDL", "handle": "HDL", "jstor": "JSTOR", "googlebooks": "Google Books",
                 "biorxiv": "bioRxiv", "medrxiv": "medRxiv"}
        name = names.get(kind) or latex_to_plain(entry.fields.get("eprinttype", "")).strip() or "eprint"
        if kind in links and re.fullmatch(r"[\w./:-]+", eprint):
            return Text(f"{name}: ", HRef(links[kind] + eprint.removeprefix("10.1101/"), String(eprint)),
                        suffix, ".")
        return Text(f"{name}: {eprint}{suffix}.")

    def finish(self, parts: _Parts, entry: Entry, with_url: bool = False, with_note: bool = False) -> Text:
        """Language, the note (in the forms where it often carries the only details: misc, online,
        unpublished, data, software, booklet), then the identifiers and the link."""
        language = self.language(entry)
        parts.add(_sentence(language) if language else None)
        note = (self.field(entry, "note") or self.field(entry, "addendum")) if with_note else None
        parts.add(_sentence(note) if note else None)
        with_url = with_url or bool(entry.fields.get("urldate"))
        for identifier in self.identifiers(entry, with_url):
            parts.add(identifier)
        return parts.text()

    def journal_tail(self, entry: Entry) -> str:
        """`2013 Jan;493(7432):338-45` (date, volume, issue, pages)."""
        date = self.date(entry) + self.cited(entry)
        volume = self.plain(entry, "volume")
        number = self.plain(entry, "number") or self.plain(entry, "issue")
        pages = self.pages(entry)
        tail = date
        if volume or number:
            tail += f";{volume}" + (f"({number})" if number else "")
        if pages:
            tail += f":{pages}"
        return tail

    # -- forms --------------------------------------------------------------------------------------
    def format_article(self, context: dict[str, Any]) -> Text:
        entry = context["entry"]
        parts = _Parts([])
        self.creators(entry, parts, editors_too=False)
        parts.add(_sentence(self.title(entry) or ""))
        parts.add(_sentence(self.field(entry, "titleaddon")) if entry.fields.get("titleaddon") else None)
        written = entry.fields.get("journal", "")
        journal = nlm_journal(written) if written.strip() else None
        if journal is not None and not PLAIN.fullmatch(journal):
            journal = latex_to_text(journal)
        parts.add(_sentence(_cat(journal, self.internet(entry))) if journal else None)
        tail = self.journal_tail(entry)
        parts.add(_sentence(tail) if tail else None)
        return self.finish(parts, entry)

    def _book_title(self, entry: Entry, parts: _Parts) -> None:
        title = self.title(entry) or self.title(entry, "maintitle") or Text("")
        parts.add(_sentence(_cat(title, self.internet(entry))))
        parts.add(_sentence(self.field(entry, "titleaddon")) if entry.fields.get("titleaddon") else None)
        volume = self.plain(entry, "volume")
        parts.add(_sentence(f"{self.label('volume')} {volume}") if volume else None)
        edition = self.edition(entry)
        parts.add(_sentence(edition) if edition else None)

    def format_book(self, context: dict[str, Any]) -> Text:
        entry = context["entry"]
        parts = _Parts([])
        self.creators(entry, parts)
        self._book_title(entry, parts)
        contributors = self.contributors(entry)
        parts.add(_sentence(contributors) if contributors else None)
        if entry.type == "booklet" and not entry.fields.get("publisher"):
            howpublished = self.field(entry, "howpublished")
            parts.add(_sentence(howpublished) if howpublished else None)
        publication = self.publication(entry, undated=True)
        parts.add(_sentence(publication) if publication else None)
        parts.add(self.series(entry))
        return self.finish(parts, entry, with_note=entry.type == "booklet")

    def contributors(self, entry: Entry) -> str:
        """Citing Medicine's secondary authors after the title: `Roe R, editor; Poe P, translator`. The
        editors of a book without an author are its creators already (shown first instead)."""
        roles: list[str] = []
        if entry.persons.get("author") and entry.persons.get("editor"):
            roles.append(self.editors(entry))
        translators = entry.persons.get("translator", [])
        if translators:
            label = self.label("translators" if len(translators) > 1 else "translator")
            roles.append(f"{self.names(entry, 'translator')}, {label}")
        return "; ".join(roles)

    def series(self, entry: Entry) -> Text | None:
        """`(Series title; Vol. 12).` after the publisher (Citing Medicine)."""
        series = self.field(entry, "series")
        if not series:
            return None
        number = self.plain(entry, "number")
        return Text("(", series, f"; {self.label('volume')} {number}" if number else "", ").")

    def format_chapter(self, context: dict[str, Any]) -> Text:
        entry = context["entry"]
        if not entry.fields.get("booktitle") and entry.fields.get("chapter"):
            # BibTeX @inbook: title is the book, chapter the part
            entry = _with_fields(entry, booktitle=entry.fields.get("title", ""),
                                 title=entry.fields.get("chapter", ""))
        parts = _Parts([])
        parts.add(_sentence(self.names(entry)) if entry.persons.get("author") else None)
        parts.add(_sentence(self.title(entry) or ""))
        # Mendeley writes the book of a chapter as `journal`
        book = (self.title(entry, "booktitle") or self.title(entry, "maintitle")
                or self.field(entry, "journal"))
        editors = self.editors(entry)
        parts.add(self.container(book, editors, entry))
        edition = self.edition(entry)
        parts.add(_sentence(edition) if edition else None)
        publication = self.publication(entry)
        parts.add(_sentence(publication) if publication else None)
        pages = self.pages(entry)
        parts.add(_sentence(f"{self.labels['page']} {pages}") if pages else None)
        return self.finish(parts, entry)

    format_incollection = format_inbook = format_chapter

    def container(self, book: Text | str | None, editors: str, entry: Entry) -> Text | None:
        """`In: Editor A, editor. Book title [Internet].`; nothing at all when the entry names neither
        the book nor its editors (never a bare "In: .")."""
        if not book and not editors:
            return None
        return _sentence(Text(f"{self.labels['in']}: ", *([editors, ". "] if editors else []), book or "",
                              self.internet(entry)))

    def event(self, entry: Entry, name: Text | str | None) -> Text | None:
        """`Name; 2002 Aug 17-22; San Diego, CA` (Citing Medicine's conference line)."""
        pieces: list[Any] = [name] if name else []
        event_date = entry.fields.get("eventdate", "")
        if event_date:
            parsed = parse_date(event_date)
            if parsed:
                fields = {"year": parsed.year, "month": str(parsed.month or ""), "day": str(parsed.day or "")}
                if parsed.end_year is not None:
                    fields.update(endyear=parsed.end_year, endmonth=str(parsed.end_month or ""),
                                  endday=str(parsed.end_day or ""))
                pieces.append(self.date(Entry("misc", fields=fields)))
        venue = self.field(entry, "venue")
        if venue:
            pieces.append(venue)
        if not pieces:
            return None
        return Text(*[p for i, piece in enumerate(pieces) for p in (("; ",) if i else ()) + (piece,)])

    def format_inproceedings(self, context: dict[str, Any]) -> Text:
        entry = context["entry"]
        parts = _Parts([])
        parts.add(_sentence(self.names(entry)) if entry.persons.get("author") else None)
        parts.add(_sentence(self.title(entry) or ""))
        name = (self.title(entry, "booktitle") or self.field(entry, "eventtitle")
                or self.field(entry, "journal"))
        if entry.fields.get("booktitle") and entry.fields.get("eventtitle"):
            event = self.event(entry, self.field(entry, "eventtitle"))
            name = Text(name, ". ", event) if event else name
        else:
            name = self.event(entry, name)
        parts.add(self.container(name, self.editors(entry), entry))
        publication = self.publication(entry)
        parts.add(_sentence(publication) if publication else None)
        pages = self.pages(entry)
        parts.add(_sentence(f"{self.labels['page']} {pages}") if pages else None)
        return self.finish(parts, entry)

    def format_proceedings(self, context: dict[str, Any]) -> Text:
        entry = context["entry"]
        parts = _Parts([])
        self.creators(entry, parts)
        title = self.title(entry) or Text("")
        has_event = entry.fields.get("eventdate") or entry.fields.get("venue")
        event = self.event(entry, None) if has_event else None
        parts.add(_sentence(Text(title, "; ", event, self.internet(entry)) if event
                            else Text(title, self.internet(entry))))
        volume = self.plain(entry, "volume")
        parts.add(_sentence(f"{self.label('volume')} {volume}") if volume else None)
        publication = self.publication(entry, undated=True)
        parts.add(_sentence(publication) if publication else None)
        return self.finish(parts, entry)

    def format_report(self, context: dict[str, Any]) -> Text:
        entry = context["entry"]
        parts = _Parts([])
        self.creators(entry, parts)
        parts.add(_sentence(_cat(self.title(entry), self.internet(entry))))
        publication = self.publication(entry)
        parts.add(_sentence(publication) if publication else None)
        number = self.plain(entry, "number")
        kind = self.field(entry, "type")
        if self.plain(entry, "type").strip().lower() in BIBLATEX_REPORT_TYPES:
            kind = None  # BibLaTeX's `techreport`/`resreport` key: a report number, not a word to print
        if number:
            parts.add(_sentence(Text(kind, " ", number) if kind else f"{self.labels['report_no']}: {number}"))
        return self.finish(parts, entry)

    format_techreport = format_report

    def _thesis(self, context: dict[str, Any], kind: str) -> Text:
        entry = context["entry"]
        parts = _Parts([])
        parts.add(_sentence(self.names(entry)) if entry.persons.get("author") else None)
        title = self.title(entry) or Text("")
        parts.add(_cat(title, f" [{self.labels[kind]}]", self.internet(entry), "."))
        publication = self.publication(entry)
        parts.add(_sentence(publication) if publication else None)
        return self.finish(parts, entry)

    def format_thesis(self, context: dict[str, Any]) -> Text:
        entry = context["entry"]
        kind = (entry.fields.get("type", "") + " " + entry.type).lower()
        masters = "master" in kind or "mathesis" in kind  # BibLaTeX's `mathesis` key
        return self._thesis(context, "masters_thesis" if masters else "dissertation")

    def format_phdthesis(self, context: dict[str, Any]) -> Text:
        return self._thesis(context, "dissertation")

    def format_mastersthesis(self, context: dict[str, Any]) -> Text:
        return self._thesis(context, "masters_thesis")

    def format_online(self, context: dict[str, Any]) -> Text:
        entry = context["entry"]
        parts = _Parts([])
        self.creators(entry, parts)
        title = self.title(entry) or self.field(entry, "howpublished") or Text("")
        has_url = bool(entry.fields.get("url"))
        parts.add(Text(title, f" [{self.labels['internet']}].") if has_url else _sentence(title))
        parts.add(_sentence(self.field(entry, "titleaddon")) if entry.fields.get("titleaddon") else None)
        publisher = self.literal(entry, "publisher") or self.literal(entry, "organization") \
            or self.literal(entry, "institution") or (self.field(entry, "howpublished")
                                                     if entry.fields.get("title") else None) \
            or self.field(entry, "journal")  # a @misc "in" a place: "GitHub repository", a preprint server
        date = self.date(entry, undated=True)
        tail: list[Any] = []
        if publisher:
            tail += [publisher, "; "]
        tail.append(date)
        tail.append(self.cited(entry))
        parts.add(_sentence(Text(*tail)))
        return self.finish(parts, entry, with_url=True, with_note=True)

    format_misc = format_online

    def format_unpublished(self, context: dict[str, Any]) -> Text:
        entry = context["entry"]
        parts = _Parts([])
        self.creators(entry, parts)
        parts.add(Text(self.title(entry) or Text(""), f" [{self.label('unpublished')}]."))
        # where it can be read: a preprint server (bioRxiv, medRxiv, SSRN) as Zotero and others export it
        where = self.field(entry, "howpublished") or self.field(entry, "journal") \
            or self.literal(entry, "publisher") or self.literal(entry, "organization") \
            or self.literal(entry, "institution") or self.field(entry, "eprinttype")
        parts.add(_sentence(where) if where else None)
        date = self.date(entry) + self.cited(entry)
        parts.add(_sentence(date) if date else None)
        return self.finish(parts, entry, with_note=True)

    def format_patent(self, context: dict[str, Any]) -> Text:
        """Citing Medicine ch. 14: `Inventor A, inventor; Holder Inc., assignee. Title. Country patent No.
        Date.`"""
        entry = context["entry"]
        parts = _Parts([])
        people = entry.persons.get("author", [])
        roles: list[Any] = []
        if people:
            roles.append(f"{self.names(entry)}, {self.label('inventors' if len(people) > 1 else 'inventor')}")
        holder = self.literal(entry, "holder") or self.literal(entry, "assignee")
        if holder:
            roles.append(Text(holder, f", {self.label('assignee')}"))
        if roles:
            joined = [p for i, r in enumerate(roles) for p in (("; ",) if i else ()) + (r,)]
            parts.add(_sentence(Text(*joined)))
        parts.add(_sentence(self.title(entry) or ""))
        kind = entry.fields.get("type", "").strip().lower()
        country = PATENT_COUNTRIES.get(kind.removeprefix("patent"), "") if kind.startswith("patent") else ""
        where = entry.fields.get("location", "") or entry.fields.get("address", "")
        locations = [PATENT_COUNTRIES.get(item.lower().removeprefix("country"), latex_to_plain(item))
                     for item in split_and(where)]
        country = country or ", ".join(locations)
        number = self.plain(entry, "number")
        label = f"{country} {self.label('patent')}".strip()
        parts.add(_sentence(f"{label[:1].upper()}{label[1:]} {number}".strip()))
        date = self.date(entry)
        parts.add(_sentence(date + self.cited(entry)) if date else None)
        return self.finish(parts, entry)

    def _data(self, context: dict[str, Any], medium: str) -> Text:
        entry = context["entry"]
        parts = _Parts([])
        self.creators(entry, parts)
        title = self.title(entry) or Text("")
        parts.add(Text(title, f" [{self.label(medium)}]."))
        version = self.plain(entry, "version")
        parts.add(_sentence(f"{self.label('version')} {version}") if version else None)
        publication = self.publication(entry, undated=True)
        parts.add(_sentence(publication) if publication else None)
        return self.finish(parts, entry, with_url=True, with_note=True)

    def format_dataset(self, context: dict[str, Any]) -> Text:
        return self._data(context, "dataset")

    def format_software(self, context: dict[str, Any]) -> Text:
        return self._data(context, "software")

    def format_periodical(self, context: dict[str, Any]) -> Text:
        entry = context["entry"]
        parts = _Parts([])
        self.creators(entry, parts)
        title = self.title(entry) or self.field(entry, "journal") or Text("")
        issue = self.field(entry, "issuetitle")
        parts.add(_sentence(_cat(title, self.internet(entry))))
        parts.add(_sentence(issue) if issue else None)
        tail = self.journal_tail(entry)
        parts.add(_sentence(tail) if tail else None)
        return self.finish(parts, entry)

    def format_set(self, context: dict[str, Any]) -> Text:
        entry = context["entry"]
        members = entry.__dict__.get("_atlas_members") or []
        if not members:
            return self.format_misc(context)
        texts = [self.format_entry(member.key, member).text for member in members]
        return Text(*[p for i, text in enumerate(texts) for p in ((" ",) if i else ()) + (text,)])


def _with_fields(entry: Entry, **changes: str) -> Entry:
    copy = Entry(entry.type, fields={**entry.fields, **changes}, persons=entry.persons)
    copy.key = entry.key
    return copy


register_plugin("pybtex.style.formatting", STYLE_NAME, VancouverStyle, force=True)


class Formatter:
    """Formats entries to HTML for one language: one style and one backend instance, reused."""

    def __init__(self, locale: str, labels: dict[str, object] | None = None) -> None:
        self.style = VancouverStyle(locale=locale, labels=labels)
        self.backend = SafeHtmlBackend()

    def html(self, entry: Entry) -> str:
        formatted = self.style.format_entry(entry.key or "", entry)
        return str(formatted.text.render(self.backend))
