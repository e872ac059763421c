"""Reference formatting against citeproc, the oracle (issue 23): pandoc `--citeproc` with the NLM
citation-sequence CSL (tests/fixtures/csl, CC BY-SA 3.0) renders a corpus of invented, real-shaped entries
of every type (tests/fixtures/citeproc/corpus.bib); our engine renders the same entries; the two are
compared field by field. Every difference is either a bug (fixed in atlas/citations/style.py) or listed
below as deliberate, with its reason (and in CONTRIBUTING.md, "Reference formatting: deliberate
differences from citeproc"); the test fails on any other difference, and on a listed one that is gone.
"""

from __future__ import annotations

import html
import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
from atlas.citations.bibfile import load_bibliography
from atlas.citations.style import Formatter

from tests.support.pandoc import needs_pandoc, pandoc_path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CORPUS = FIXTURES / "citeproc" / "corpus.bib"
CSL = FIXTURES / "csl" / "nlm-citation-sequence.csl"
FIELDS = ("authors", "title", "medium", "contributors", "container", "date", "volume/issue/pages",
          "publisher/place", "identifiers")

# A difference in letter case only, in a title or container title: the file's casing is kept (citeproc
# lower-cases words of a title: "Proceedings of the example nutrition conference", "Mtor-tools").
CASING = "titles keep the file's casing"
# (key, field) -> why ours differs from citeproc on purpose (Citing Medicine, or a citeproc fault)
DELIBERATE: dict[tuple[str, str], str] = {
    ("art_suffix", "authors"): "Citing Medicine: a suffix without period and a particle before the "
                               "family name (`Testcase DE Jr, van der Sample B`); citeproc: `Jr.`, "
                               "`Sample B van der`",
    ("book_edited", "authors"): "citeproc misplaces the editor label (`, editorsSample B`)",
    ("book_series", "publisher/place"): "publishers are never split on \"and\" (`Chapman and Hall/CRC`; "
                                        "citeproc: `Chapman; Hall/CRC`)",
    ("book_translated", "contributors"): "Citing Medicine names a book's translators after the title "
                                    "(`Placeholder F, translator.`); the CSL style drops them",
    ("chap_basic", "container"): "citeproc misplaces the editor label (`In, editorsSample B`)",
    ("proc_event", "date"): "Citing Medicine gives a conference's date and place after its name "
                            "(`; 2019 May 2; Ghent`); the CSL style drops them",
    ("thesis_phd", "medium"): "Citing Medicine's `[dissertation]` (the CSL style: `[PhD thesis]`)",
    ("thesis_biblatex", "medium"): "Citing Medicine's `[dissertation]` (the CSL style: `[PhD thesis]`)",
    ("thesis_ma", "medium"): "Citing Medicine's `[master's thesis]` (the CSL style capitalises it)",
    ("thesis_phd", "publisher/place"): "the place as the file gives it; citeproc brackets it (Citing "
                                       "Medicine brackets only a place not on the title page)",
    ("thesis_ma", "publisher/place"): "the place as the file gives it (see above)",
    ("thesis_biblatex", "publisher/place"): "the place as the file gives it (see above)",
    ("report_biblatex", "medium"): "a BibLaTeX `type = techreport` key gives the report number's label, "
                                   "not a medium (`Report No.: 17`)",
    ("unpub_basic", "medium"): "unpublished material is marked `[unpublished]` and its note is kept",
    ("unpub_preprint", "medium"): "unpublished material is marked `[unpublished]`",
    ("patent_basic", "authors"): "Citing Medicine: `Example A, inventor; Example Foods Inc., assignee.`",
    ("patent_basic", "medium"): "Citing Medicine: `United States patent 9999999` (no bracketed medium)",
    ("patent_basic", "date"): "Citing Medicine gives a patent's full date of issue (`2019 Nov 12`)",
    ("data_basic", "medium"): "a data set is marked `[dataset]` (Citing Medicine's databases and "
                              "data sets); the CSL style marks nothing",
    ("soft_basic", "medium"): "software is marked `[computer program]` with its version (Citing Medicine); "
                              "the CSL style writes `[Internet]` and drops the version",
}


def _normal(reference: str) -> str:
    reference = reference.replace("\u2013", "-").replace("\u2019", "'").replace("\u00a0", " ")
    return " ".join(reference.split())


def _sentences(reference: str) -> list[str]:
    """A reference's parts between `. ` (not after `et al` or an abbreviation such as `p`, `ed`)."""
    return [part.strip() for part in re.split(r"(?<!\bet al)(?<!\bp)(?<!\bed)(?<!\bVol)(?<!\bNo)(?<!\bU\.S)"
                                              r"\.\s", reference) if part.strip()]


MEDIUM = re.compile(r"\s?\[(?!cited\b)([^\]]+)\](?!:)")


def fields(reference: str) -> dict[str, str]:
    """The fields of a formatted reference, found by their NLM punctuation."""
    reference = _normal(reference)
    medium = ", ".join(m.group(1) for m in MEDIUM.finditer(reference))
    rest = MEDIUM.sub("", reference)
    parts = _sentences(rest)
    found = {"authors": parts[0] if parts else "", "title": parts[1] if len(parts) > 1 else "",
             "medium": medium}
    found["contributors"] = "; ".join(part for part in parts[2:] if not part.startswith("In")
                                      and re.search(r", (?:editor|translator)s?$", part))
    container = re.search(r"\bIn[:,] (?:[^.]*?editors?\.\s?|, editors[^.]*\.\s)?([^.;]+)", rest)
    found["container"] = container.group(1).strip() if container else (
        parts[2] if len(parts) > 2 and re.search(r"\b(?:19|20)\d\d;\d", rest) else "")
    dates = re.findall(r"(?:^|[.;,] )((?:19|20)\d\d(?: [A-Z][a-z]{2})?(?: \d{1,2})?)(?=[;.,:]|$| \[)",
                       rest[len(parts[0]) if parts else 0:])
    found["date"] = dates[0] if dates else ""
    volume = re.search(r";(\d+)(?:\(([^)]+)\))?:([\w-]+)", rest)
    pages = re.search(r"\bp\. ([\w-]+)", rest)
    found["volume/issue/pages"] = "/".join(g or "" for g in volume.groups()) if volume else (
        pages.group(1) if pages else "")
    place = re.search(r"(?:^|\. )(?!In\b)(\[?[A-Z][^.;:\[\]]*?\]?): ([^;]+);", rest)
    found["publisher/place"] = f"{place.group(1)}: {place.group(2)}" if place else ""
    identifiers = [f"doi {m.group(1)}" for m in re.finditer(r"doi: ?(\S+?)\.?(?:\s|$)", rest)]
    identifiers += [f"PMID {m.group(1)}" for m in re.finditer(r"PMID: (\d+)", rest)]
    identifiers += [f"url {m.group(1)}" for m in re.finditer(r"Available from: (\S+?)\.?(?:\s|$)", rest)]
    identifiers += [f"no {m.group(1)}" for m in re.finditer(r"(?i)\bnos?\.: ([\w-]+)", rest)]
    found["identifiers"] = ", ".join(identifiers)
    return found


def keys() -> list[str]:
    return re.findall(r"^@\w+\{([^,]+),", CORPUS.read_text(encoding="utf-8"), flags=re.M)


@cache
def citeproc() -> dict[str, str]:
    """Each entry as pandoc --citeproc with the NLM CSL prints it (one run for the whole corpus)."""
    document = " ".join(f"[@{key}]" for key in keys())
    result = subprocess.run([pandoc_path(), "--citeproc", "--csl", str(CSL), "--bibliography", str(CORPUS),
                             "-f", "markdown", "-t", "plain", "--wrap=none"], input=document,
                            capture_output=True, text=True, check=True)
    entries = re.findall(r"^\d+\.\s+(.*)$", result.stdout, flags=re.M)
    assert len(entries) == len(keys()), result.stdout
    return dict(zip(keys(), entries, strict=True))


@cache
def ours() -> dict[str, str]:
    bibliography, formatter = load_bibliography(CORPUS), Formatter("en")
    return {key: html.unescape(re.sub(r"<[^>]+>", "", formatter.html(bibliography.entry(key))))
            for key in keys()}


def differences() -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str]], int]:
    """(key, field, ours, citeproc's) not explained; the (key, field) pairs that differ as listed; casing."""
    unexplained, listed, casing = [], [], 0
    for key in keys():
        mine, theirs = fields(ours()[key]), fields(citeproc()[key])
        for name in FIELDS:
            if mine[name] == theirs[name]:
                continue
            if name in ("title", "container") and mine[name].lower() == theirs[name].lower():
                casing += 1
            elif (key, name) in DELIBERATE:
                listed.append((key, name))
            else:
                unexplained.append((key, name, mine[name], theirs[name]))
    return unexplained, listed, casing


def test_the_corpus_has_every_entry_type_and_invented_names_only() -> None:
    text = CORPUS.read_text(encoding="utf-8")
    types = {t.lower() for t in re.findall(r"^@(\w+)\{", text, flags=re.M)}
    assert {"article", "book", "incollection", "inproceedings", "phdthesis", "mastersthesis", "thesis",
            "techreport", "online", "misc", "unpublished", "patent", "dataset", "software"} <= types
    assert "INVENTED DATA" in text and len(keys()) >= 30


@needs_pandoc
def test_every_field_agrees_with_citeproc_or_is_a_listed_deliberate_difference() -> None:
    unexplained, _listed, _casing = differences()
    assert unexplained == [], "\n".join(f"{key} {name}:\n  ours     {a!r}\n  citeproc {b!r}"
                                        for key, name, a, b in unexplained)


@needs_pandoc
def test_every_listed_difference_is_still_a_difference() -> None:
    _unexplained, listed, _casing = differences()
    assert sorted(set(DELIBERATE) - set(listed)) == []


@pytest.mark.parametrize("reason", sorted({*DELIBERATE.values(), CASING}))
def test_each_reason_is_documented_in_contributing(reason: str, project_root: Path) -> None:
    contributing = " ".join((project_root / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
    assert reason in contributing, reason


def test_the_csl_style_is_kept_with_its_licence() -> None:
    style = CSL.read_text(encoding="utf-8")
    assert "creativecommons.org/licenses/by-sa/3.0" in style
    assert "CC BY-SA 3.0" in (FIXTURES / "csl" / "README.md").read_text(encoding="utf-8")
