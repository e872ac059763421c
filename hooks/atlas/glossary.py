"""Glossary hover texts: one file of Markdown abbreviations per language, appended to every page.

Python-Markdown's `abbr` extension turns a line `*[GLP-1]: darmhormoon dat ...` anywhere in a page into
`<abbr title="...">GLP-1</abbr>` on every whole-word occurrence, which Material shows as a tooltip. The
site keeps those lines in one file per language (`includes/glossary.<locale>.md`, outside `docs/`) so
that writers never repeat them; the glossary hook appends the file of the page's language, and
`keep_first_mentions` then leaves only a term's first mention in running text marked.

Pure: no MkDocs imports. Reading and parsing is cached by file content, so a file is parsed once
however many pages and language builds use it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_FILE_TEMPLATE = "includes/glossary.{locale}.md"

# `*[term]: explanation`, the syntax of Python-Markdown's abbr extension.
_ABBREVIATION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:[ \t]*(?P<explanation>.*?)\s*$")
_COMMENT = re.compile(r"^<!--.*-->$")


@dataclass(frozen=True)
class Problem:
    """A line of a glossary file that the abbr extension would not understand as intended."""

    line: int
    message: str


@dataclass(frozen=True)
class Glossary:
    """The parsed abbreviations of one file (term -> explanation), in file order, and any problems."""

    entries: dict[str, str]
    problems: tuple[Problem, ...] = ()
    markdown: str = field(default="", repr=False)


def glossary_path(template: str, locale: str, root: Path) -> Path:
    """Where the glossary of `locale` lives: the template's `{locale}` filled in, relative to `root`."""
    path = Path(template.replace("{locale}", locale))
    return path if path.is_absolute() else root / path


def parse_glossary(text: str) -> Glossary:
    """Read abbreviation lines; blank lines and HTML comments are allowed, anything else is a problem."""
    entries: dict[str, str] = {}
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or _COMMENT.match(line):
            continue
        found = _ABBREVIATION.match(line)
        if found is None:
            problems.append(Problem(number, "not an abbreviation; write it as `*[term]: explanation`"))
            continue
        term, explanation = found["term"].strip(), found["explanation"]
        if not explanation:
            problems.append(Problem(number, f"`{term}` has no explanation; add one after the colon"))
            continue
        if term in entries:
            problems.append(Problem(number, f"`{term}` is defined twice; keep one definition"))
            continue
        entries[term] = explanation
    return Glossary(entries, tuple(problems), render_abbreviations(with_capitalised_variants(entries)))


def with_capitalised_variants(entries: dict[str, str]) -> dict[str, str]:
    """Add `Glutathion` for `glutathion`: abbr matching is case-sensitive and sentences start capitalised.

    A variant never overrides a term the file defines itself.
    """
    combined = dict(entries)
    for term, explanation in entries.items():
        if term[:1].islower():
            combined.setdefault(term[:1].upper() + term[1:], explanation)
    return combined


def render_abbreviations(entries: dict[str, str]) -> str:
    """The abbreviation lines the abbr extension reads, one per term."""
    return "".join(f"*[{term}]: {explanation}\n" for term, explanation in entries.items())


# What the abbr extension writes, and the elements in which a marked term must not stay marked.
_ABBR_ELEMENT = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>.*?)</abbr>', re.DOTALL)
_UNMARKED_CONTEXT_TAG = re.compile(r"<(?P<close>/?)(?P<name>h[1-6]|a)\b[^>]*>", re.IGNORECASE)
MARK_MODES = ("first", "all")


def keep_first_mentions(html: str) -> str:
    """Keep a glossary term marked only where it first appears in running text; unwrap the rest.

    The abbr extension marks every occurrence: 80 marks (36 terms) on one page, each a tab stop for
    keyboard users and a dotted underline for everyone. Like a printed glossary's first-use rule, the
    first mention outside headings and links keeps its tooltip; marks in headings (they would sit in
    the title) and inside links (a tooltip inside a link competes with it) are always unwrapped.
    Terms are the same when their explanation is (`Leucine` and `leucine`).
    """
    marked: set[str] = set()
    pieces: list[str] = []
    depth = 0  # open headings and links before the current position
    position = 0
    for found in _ABBR_ELEMENT.finditer(html):
        before = html[position:found.start()]
        depth = _context_depth(before, depth)
        pieces.append(before)
        title = found["title"]
        if depth == 0 and title not in marked:
            marked.add(title)
            pieces.append(found.group(0))
        else:
            pieces.append(found["text"])
        position = found.end()
    pieces.append(html[position:])
    return "".join(pieces)


def _context_depth(html: str, depth: int) -> int:
    for tag in _UNMARKED_CONTEXT_TAG.finditer(html):
        depth = max(0, depth - 1) if tag["close"] else depth + 1
    return depth


def append_glossary(markdown: str, abbreviations: str) -> str:
    """The page with the abbreviation lines after a blank line, so they never join the last paragraph."""
    if not abbreviations:
        return markdown
    return markdown.rstrip("\n") + "\n\n" + abbreviations


class GlossaryCache:
    """Parsed glossaries by content hash: a file is parsed once, however often it is read."""

    def __init__(self) -> None:
        self._by_hash: dict[str, Glossary] = {}
        self.parses = 0

    def load(self, path: Path) -> Glossary | None:
        """The glossary at `path`, or None when there is no such file."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        digest = hashlib.sha256(data).hexdigest()
        cached = self._by_hash.get(digest)
        if cached is None:
            cached = _parse_bytes(data)
            self._by_hash[digest] = cached
            self.parses += 1
        return cached


def _parse_bytes(data: bytes) -> Glossary:
    try:
        return parse_glossary(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Glossary({}, (Problem(line, "is not valid UTF-8; save the file as UTF-8"),))
