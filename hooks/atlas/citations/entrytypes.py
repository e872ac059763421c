"""Entry types of BibTeX and BibLaTeX: which NLM ("Citing Medicine") form each one takes, and what it needs.

Every standard BibTeX type, every BibLaTeX type and alias, and the types common exporters write
(Zotero, Mendeley, JabRef, Google Scholar, NASA ADS) map to one of the style's forms. A type outside
this table still renders, with the generic form, and the loader warns about it.
"""

from __future__ import annotations

# type as written (lower case) -> the style's form
FORMS: dict[str, str] = {
    "article": "article", "review": "article", "suppperiodical": "article",
    "book": "book", "mvbook": "book", "collection": "book", "mvcollection": "book", "reference": "book",
    "mvreference": "book", "booklet": "book", "manual": "book",
    "inbook": "chapter", "incollection": "chapter", "bookinbook": "chapter", "suppbook": "chapter",
    "suppcollection": "chapter", "inreference": "chapter",
    "inproceedings": "inproceedings", "conference": "inproceedings",
    "proceedings": "proceedings", "mvproceedings": "proceedings",
    "report": "report", "techreport": "report", "standard": "report",
    "thesis": "thesis", "phdthesis": "thesis", "mastersthesis": "thesis",
    "online": "online", "www": "online", "electronic": "online", "webpage": "online",
    "misc": "misc", "unpublished": "unpublished", "patent": "patent", "dataset": "dataset",
    "data": "dataset", "software": "software", "code": "software", "periodical": "periodical",
    "set": "set", "letter": "misc", "commentary": "misc", "jurisdiction": "misc", "legislation": "misc",
    "legal": "misc", "artwork": "misc", "audio": "misc", "image": "misc", "movie": "misc", "music": "misc",
    "performance": "misc", "video": "misc", "bibnote": "misc",
    **{f"custom{letter}": "misc" for letter in "abcdef"},
}
NOT_ENTRIES = ("xdata",)  # BibLaTeX data containers: inherited from, never cited or listed

# At least one field of each tuple must be present (after crossref/xdata inheritance). `journal` stands
# in for a missing `booktitle`: Mendeley writes the container of chapters and papers there.
YEAR = ("year", "date")
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("author",), ("title",), ("journal", "journaltitle"), YEAR),
    "book": (("author", "editor"), ("title",), ("publisher",), YEAR),
    "mvbook": (("author", "editor"), ("title",), YEAR),
    "collection": (("editor", "author"), ("title",), YEAR),
    "mvcollection": (("editor", "author"), ("title",), YEAR),
    "reference": (("editor", "author"), ("title",), YEAR),
    "mvreference": (("editor", "author"), ("title",), YEAR),
    "booklet": (("title",),),
    "manual": (("title",),),
    "incollection": (("author",), ("title",), ("booktitle", "journal"), ("publisher",), YEAR),
    "inbook": (("author", "editor"), ("title",), ("booktitle", "chapter", "journal"), ("publisher",), YEAR),
    "bookinbook": (("author",), ("title",), ("booktitle",), YEAR),
    "suppbook": (("title",), ("booktitle",)),
    "suppcollection": (("title",), ("booktitle",)),
    "inreference": (("title",), ("booktitle",)),
    "inproceedings": (("author",), ("title",), ("booktitle", "eventtitle", "journal"), YEAR),
    "conference": (("author",), ("title",), ("booktitle", "eventtitle", "journal"), YEAR),
    "proceedings": (("title",), YEAR),
    "mvproceedings": (("title",), YEAR),
    "report": (("author", "institution"), ("title",), ("institution",), YEAR),
    "techreport": (("author", "institution"), ("title",), ("institution",), YEAR),
    "standard": (("title",),),
    "thesis": (("author",), ("title",), ("school", "institution"), YEAR),
    "phdthesis": (("author",), ("title",), ("school", "institution"), YEAR),
    "mastersthesis": (("author",), ("title",), ("school", "institution"), YEAR),
    "online": (("title",), ("url", "doi", "eprint")),
    "www": (("title",), ("url", "doi", "eprint")),
    "electronic": (("title",), ("url", "doi", "eprint")),
    "webpage": (("title",), ("url", "doi", "eprint")),
    "misc": (("title", "howpublished", "note", "author", "editor", "organization", "journal", "url", "doi"),),
    "unpublished": (("author",), ("title",)),
    "patent": (("title",), ("number",)),
    "dataset": (("title",),),
    "data": (("title",),),
    "software": (("title",),),
    "code": (("title",),),
    "periodical": (("title", "journaltitle"),),
    "set": (("entryset",),),
}
TYPE_NAMES = tuple(sorted(FORMS))


def form_of(kind: str) -> str:
    """The style's form for a type; `misc` (the generic form) for any type not in the table."""
    return FORMS.get(kind, "misc")


def is_known(kind: str) -> bool:
    return kind in FORMS
