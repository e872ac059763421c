"""Field values as exporters write them → the values the style needs. Pure functions, no I/O.

* identifiers: a DOI written as a link or with `doi:`, a PMID with `PMID:`, a PMCID without `PMC`,
  a `\\url{…}` around a link: normalised (the loader reports each change at info level);
* BibLaTeX dates (`date`, `urldate`, `eventdate`): ISO 8601 / EDTF dates and ranges;
* list fields (`location`, `publisher`, `institution`, `organization`, `language`): split on `and`;
* names: comma-separated author lists recognised (and repaired) before pybtex sees them;
* crossref / xdata inheritance with BibLaTeX's field mapping (a parent's `title` is its
  child's `booktitle`, …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

DOI = re.compile(r"10\.\d{4,9}/\S+")
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.|www\.)?doi\.org/|doi\s*:\s*|doi\s+|info:doi/|urn:doi:)", re.I)
PMID_FORMS = re.compile(r"^(?:pmid\s*:?\s*|https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|"
                        r"ncbi\.nlm\.nih\.gov/pubmed)/)(\d{1,9})/?$", re.I)
PMCID_FORMS = re.compile(r"^(?:pmcid\s*:?\s*|https?://(?:www\.|pmc\.)?(?:ncbi\.nlm\.nih\.gov/)?"
                         r"(?:pmc/)?articles/)?(?:pmc)?\s*(\d{1,9})/?$", re.I)
HTTP_URL = re.compile(r"https?://[^\s\"<>]+", re.I)
URL_WRAPPER = re.compile(r"^\\(?:url|href)\s*\{([^{}]*)\}(?:\s*\{[^{}]*\})?$")
ARXIV_PREFIX = re.compile(r"^(?:arxiv\s*:\s*|https?://arxiv\.org/abs/)", re.I)
LATEX_ESCAPES = {"\\_": "_", "\\%": "%", "\\#": "#", "\\&": "&", "\\~": "~", "{\\textasciitilde}": "~",
                 "\\textasciitilde{}": "~", "\\textasciitilde": "~"}
LIST_FIELDS = ("location", "address", "publisher", "institution", "organization", "language", "school")
JR = re.compile(r"^(?:jr|sr|jnr|snr|[ivx]+|\d+(?:st|nd|rd|th))\.?$", re.I)
INITIALS = re.compile(r"^(?:[A-Z\u00c0-\u024f]\.?[\s-]*){1,4}$")


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value
    for escaped, plain in LATEX_ESCAPES.items():
        value = value.replace(escaped, plain)
    return value


def strip_url(value: str) -> str:
    """`\\url{https://…}` → `https://…`, `<https://…>` → `https://…`, LaTeX escapes undone."""
    value = value.strip()
    if not any(char in value for char in "\\<{}"):
        return value
    match = URL_WRAPPER.match(value)
    if match:
        value = match.group(1)
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    return _unescape(value).strip().replace("{", "").replace("}", "")


def normal_doi(value: str) -> str | None:
    """The bare DOI of a value written as a DOI, a doi.org link or with `doi:`; None if it is none."""
    if DOI.fullmatch(value) and "\\" not in value:
        return value
    value = strip_url(value)  # a TeX escape (`10.1007/978-3-319-6\\_17`) is not part of the DOI
    value = DOI_PREFIX.sub("", value).strip()
    if "%" in value:
        decoded = unquote(value)  # `%2F` → `/`; but never into a control character or a space (`%01`)
        value = value if re.search(r"[\x00-\x20\x7f]", decoded) else decoded
    value = value.rstrip(".")
    return value if DOI.fullmatch(value) else None


def normal_pmid(value: str) -> str | None:
    value = strip_url(value)
    if value.isdigit() and len(value) <= 9:
        return value
    match = PMID_FORMS.match(value)
    return match.group(1) if match else None


def normal_pmcid(value: str) -> str | None:
    value = strip_url(value)
    match = PMCID_FORMS.match(value)
    return f"PMC{match.group(1)}" if match else None


def normal_url(value: str) -> str | None:
    """An http(s) link, with `\\url{}`, angle brackets and LaTeX escapes removed; the first of several."""
    value = strip_url(value)
    first = value.split()[0] if value.split() else ""
    return first if HTTP_URL.fullmatch(first) else None


def normal_eprint(value: str) -> str:
    return ARXIV_PREFIX.sub("", strip_url(value)).strip()


def bare_url(value: str) -> str | None:
    """The link of a value that is nothing but a link (`\\url{…}` or a bare http(s) URL), else None."""
    stripped = value.strip()
    if URL_WRAPPER.match(stripped) or HTTP_URL.fullmatch(stripped) or (
            stripped.startswith("<") and stripped.endswith(">")):
        return normal_url(stripped)
    return None


# -- dates ------------------------------------------------------------------------------------------

DATE_POINT = re.compile(r"(-?\d{4}|\d{2}[0-9Xux]{2})(?:-(\d{2}|XX|uu))?(?:-(\d{2}|XX|uu))?"
                        r"(?:T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?[?~%]?")
LOOSE_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


@dataclass(frozen=True)
class DateRange:
    year: str
    month: int | None = None
    day: int | None = None
    end_year: str | None = None    # "" for an open range (`2020/..`)
    end_month: int | None = None
    end_day: int | None = None


def _point(text: str) -> tuple[str, int | None, int | None] | None:
    match = DATE_POINT.fullmatch(text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    month_number = int(month) if month and month.isdigit() else None
    if month_number is not None and not 1 <= month_number <= 12:
        if 21 <= month_number <= 24:  # EDTF seasons: keep the year only
            return year, None, None
        return None
    day_number = int(day) if day and day.isdigit() else None
    if day_number is not None and not 1 <= day_number <= 31:
        return None
    return year, month_number, day_number if month_number else None


def parse_date(value: str) -> DateRange | None:
    """An ISO 8601 / EDTF date or range as BibLaTeX takes it (`2013`, `2013-01-05`, `2013-01/2013-03`,
    `2019/..`, `../2019`, `2019/`); None when the value is no such date."""
    text = value.strip().replace("{", "").replace("}", "")
    if not text:
        return None
    if "/" in text:
        start_text, _, end_text = text.partition("/")
        start = _point(start_text) if start_text.strip() not in ("", "..") else None
        end_text = end_text.strip()
        end = _point(end_text) if end_text not in ("", "..") else None
        if end is None and end_text not in ("", ".."):
            return None
        if start is None:  # an open or unknown start (`../2005`, `/2005`): the date that is known
            return DateRange(*end) if end is not None and start_text.strip() in ("", "..") else None
        if end is None:
            return DateRange(*start, end_year="")
        return DateRange(*start, end_year=end[0], end_month=end[1], end_day=end[2])
    point = _point(text)
    return DateRange(*point) if point else None


def loose_year(value: str) -> str:
    """The first four-digit year in a value that is not an ISO date (`January 2013` → `2013`)."""
    match = LOOSE_YEAR.search(value)
    return match.group(1) if match else ""


# -- lists and names --------------------------------------------------------------------------------

AND = re.compile(r"\s+and\s+", re.I)


def split_and(value: str) -> list[str]:
    """Split a name or literal list on ` and ` outside braces (BibTeX's rule); linear in the value."""
    value = value.strip()
    if "{" not in value:
        return [part for part in AND.split(value) if part.strip()]
    parts: list[str] = []
    depth, start, pos = 0, 0, 0
    lowered = value.lower()
    length = len(value)
    while pos < length:
        char = value[pos]
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and char.isspace():
            match = AND.match(lowered, pos)
            if match:
                parts.append(value[start:pos])
                start = pos = match.end()
                continue
        pos += 1
    parts.append(value[start:])
    return [part.strip() for part in parts if part.strip()]


def top_level_commas(name: str) -> list[str]:
    """A name split at its commas outside braces."""
    if "{" not in name:
        return [part.strip() for part in name.split(",")]
    parts, depth, start = [], 0, 0
    for pos, char in enumerate(name):
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            parts.append(name[start:pos].strip())
            start = pos + 1
    parts.append(name[start:].strip())
    return parts


EXTENDED_NAME = re.compile(r"^\s*(?:family|given|prefix|suffix)\s*=", re.I)
EXTENDED_PARTS = {"family": "last", "given": "first", "prefix": "prelast", "suffix": "lineage"}


def extended_name(name: str) -> dict[str, str] | None:
    """BibLaTeX's extended name format (`family=Beethoven, given=Ludwig, prefix=van, useprefix=true`)
    as pybtex `Person` parts (`last`, `first`, `prelast`, `lineage`); None for a name in BibTeX form."""
    if not EXTENDED_NAME.match(name):
        return None
    parts: dict[str, str] = {}
    for item in top_level_commas(name):
        key, _, value = item.partition("=")
        role = EXTENDED_PARTS.get(key.strip().lower())
        if role:
            value = value.strip()
            parts[role] = value[1:-1] if value.startswith("{") and value.endswith("}") else value
    return parts if parts.get("last") else None


def repair_name_list(value: str) -> tuple[str, int] | None:
    """A person list written with commas between authors (`Dong Yang, Fei Jiang, Wei Wu`, or
    `Smith, J., Jones, K.`) rewritten with `and`; None when every name is a valid BibTeX name.
    Returns (repaired list, number of names)."""
    if "," not in value:
        return None
    names = split_and(value)
    repaired: list[str] = []
    changed = False
    for name in names:
        if name.count(",") <= 1 or EXTENDED_NAME.match(name):
            repaired.append(name)
            continue
        parts = top_level_commas(name)
        if len(parts) <= 2 or (len(parts) == 3 and JR.match(parts[1]) and parts[0] and parts[2]):
            repaired.append(name)
            continue
        changed = True
        parts = [p for p in parts if p]
        if len(parts) % 2 == 0 and all(INITIALS.match(p) for p in parts[1::2]):
            repaired += [f"{last}, {first}" for last, first in zip(parts[::2], parts[1::2], strict=True)]
        else:  # `Dong Yang, Fei Jiang, Wei Wu`: each part is a whole name
            repaired += parts
    if not changed:
        return None
    return " and ".join(repaired), len(repaired)


def brace_depth(value: str) -> int:
    """The deepest brace nesting in a value (escaped braces do not count)."""
    depth = deepest = 0
    for match in re.finditer(r"\\.|[{}]", value):
        char = match.group()
        if char == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "}":
            depth = max(0, depth - 1)
    return deepest


# -- crossref / xdata inheritance -------------------------------------------------------------------

NEVER_INHERITED = frozenset({
    "ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label", "options",
    "presort", "related", "relatedoptions", "relatedstring", "relatedtype", "shorthand", "shorthandintro",
    "sortkey", "key",
})
BOOKS = ("book", "mvbook", "collection", "mvcollection", "reference", "mvreference", "proceedings",
         "mvproceedings")
PARTS = ("inbook", "bookinbook", "suppbook", "incollection", "suppcollection", "inreference",
         "inproceedings", "conference")


def inherited_names(parent_type: str, child_type: str, field: str) -> tuple[str, ...]:
    """The child fields a parent field fills (BibLaTeX's default data inheritance); () if none."""
    if field in NEVER_INHERITED:
        return ()
    titles = field in ("shorttitle", "sorttitle", "indextitle", "indexsorttitle")
    if parent_type.startswith("mv") and parent_type in BOOKS and (child_type in BOOKS or child_type in PARTS):
        mapping = {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}
        return () if titles else (mapping.get(field, field),)
    if parent_type in BOOKS and child_type in PARTS:
        mapping = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
        if titles:
            return ()
        if field == "author" and parent_type in ("book", "mvbook"):
            return ("author", "bookauthor")
        return (mapping.get(field, field),)
    if parent_type == "periodical" and child_type in ("article", "suppperiodical"):
        mapping = {"title": "journaltitle", "subtitle": "journalsubtitle"}
        return () if titles else (mapping.get(field, field),)
    return (field,)
