"""HTML of "what the source says": the quotes a page's claims use for a reference, and where they were
seen, shown inside the reference list entry (and so in the citation preview, which copies the entry).

Quotes and `seen_at` come from contributors' files: every piece of text is escaped, and links are only
ever made from recognised identifiers (PMID, PMCID, DOI) or http(s) URLs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from html import escape
from urllib.parse import urlsplit

from atlas.evidence.records import Claim, Evidence

DEFAULT_LABELS = {"says": "What the source says", "seen": "Seen in",
                  "not_seen": "not yet checked (the text of this source could not be seen)"}
IDENTIFIER = re.compile(
    r"(?P<doiurl>https?://(?:dx\.)?doi\.org/(?P<doi1>10\.\d{4,9}/[^\s;,\"<>]+))"
    r"|(?P<url>https?://[^\s;,\"<>]+)"
    r"|(?P<pmid>\bPMID:?\s*(?P<pmidnum>\d{1,9})\b)"
    r"|(?P<pmc>\bPMC\d{1,9}\b)"
    r"|(?P<doi>\bdoi:\s*(?P<doi2>10\.\d{4,9}/[^\s;,\"<>]+))",
    re.I,
)


def _trimmed(value: str) -> str:
    return value.rstrip(".)]")


def seen_links(seen_at: str) -> list[tuple[str, str]]:
    """(link text, href) for every identifier or URL in a `seen_at` text, without repeats."""
    links: list[tuple[str, str]] = []
    for match in IDENTIFIER.finditer(seen_at):
        if match.group("doiurl") or match.group("doi"):
            doi = _trimmed(match.group("doi1") or match.group("doi2"))
            text, href = f"doi:{doi}", f"https://doi.org/{doi}"
        elif match.group("url"):
            href = _trimmed(match.group("url"))
            text = urlsplit(href).netloc or href
        elif match.group("pmid"):
            number = match.group("pmidnum")
            text, href = f"PMID {number}", f"https://pubmed.ncbi.nlm.nih.gov/{number}/"
        else:
            pmc = match.group("pmc").upper()
            text, href = pmc, f"https://pmc.ncbi.nlm.nih.gov/articles/{pmc}/"
        if all(href != known for _, known in links):
            links.append((text, href))
    return links


def entry_links(doi: str = "", pmid: str = "", pmcid: str = "") -> frozenset[str]:
    """The addresses a reference entry links already (`atlas.citations.style`: doi.org, PubMed, PMC)."""
    links = {f"https://doi.org/{doi}" if doi else "",
             f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else "",
             f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid.upper()}/" if pmcid else ""}
    return frozenset(links - {""})


def _seen_html(seen_at: str | None, label: str, already_linked: frozenset[str] = frozenset()) -> str:
    """Where the quote was seen, without the addresses the reference entry links already (a reader sees
    the PMID once, and the page carries it once)."""
    if not seen_at:
        return ""
    found = seen_links(seen_at)
    links = [(text, href) for text, href in found if href not in already_linked]
    if found and not links:
        return ""
    if links:
        shown = ", ".join(f'<a href="{escape(href)}">{escape(text)}</a>' for text, href in links)
    else:
        shown = escape(seen_at)
    return f' <span class="atlas-ref__seen">({escape(label)}: {shown})</span>'


def labels_for(locale: str, configured: Mapping[str, Mapping[str, str]] | None) -> dict[str, str]:
    """The reader-facing texts of a locale: mkdocs.yml's, built-in English ones for any gap."""
    return {**DEFAULT_LABELS, **dict((configured or {}).get(locale) or {})}


class EvidenceNotes(Mapping[str, str]):
    """Lower-case key -> the note's HTML, each made when first asked for.

    Why lazy: a page's reference list shows the notes of the ten or so references it cites, and every
    page was given the notes of all of the project's records (50 here, 1,300 notes a build)."""

    def __init__(self, keys: Iterable[str], make: Callable[[str], str]) -> None:
        self._keys = tuple(keys)
        self._known = frozenset(self._keys)
        self._make = make
        self._made: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        if key not in self._known:
            raise KeyError(key)
        if key not in self._made:
            self._made[key] = self._make(key)
        return self._made[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def evidence_notes(claims_by_key: Mapping[str, list[Claim]], evidence: Evidence, page_lang: str,
                   labels: Mapping[str, str],
                   linked: Mapping[str, frozenset[str]] | None = None) -> EvidenceNotes:
    """Lower-case key -> the HTML (phrasing content only: it sits in the entry's `<span>`) showing the
    quotes this page's claims use for the key (for every key with a record: the citation engine shows
    those the page cites); a key whose claims have no quote (the source could not be seen) says so, in
    words, rather than showing nothing."""

    def note(lower: str) -> str:
        record = evidence.records[lower]
        # a reference this page cites only from shared text (a risk group's box) has no claim of its
        # own here: it shows the quotes its claims on other pages use, else all of the record's quotes
        claims = claims_by_key.get(lower) or list(record.claims)
        ids = list(dict.fromkeys(quote_id for claim in claims for quote_id in claim.quotes)) \
            or [quote.id for quote in record.quotes]
        quotes = [q for q in (record.quote(i) for i in ids) if q is not None]
        label = f'<span class="atlas-ref__evidence-label">{escape(labels["says"])}:</span>'
        if not quotes:
            return (f' <span class="atlas-ref__evidence atlas-ref__evidence--not-seen">{label} '
                    f"{escape(labels['not_seen'])}</span>")
        shown = " ".join(
            f'<q{f" lang={chr(34)}{escape(q.lang)}{chr(34)}" if q.lang != page_lang else ""}>'
            f"{escape(q.text)}</q>" for q in quotes)
        return (f' <span class="atlas-ref__evidence">{label} {shown}'
                f"{_seen_html(record.seen_at, labels['seen'], (linked or {}).get(lower, frozenset()))}"
                "</span>")

    return EvidenceNotes(evidence.records, note)
