"""Glossary hover texts: one file of abbreviation lines per language, read into data.

The site keeps its hover texts in one file per language (`includes/glossary.<locale>.md`, outside
`docs/`), in the syntax of Python-Markdown's `abbr` extension (`*[GLP-1]: darmhormoon dat ...`), so that
writers never repeat them. This module reads such a file into a term -> explanation mapping (with the
line of every problem); `atlas.glossary_extension` marks the terms while Markdown is converted, and the
glossary hook hands it the terms of the page's language.

Pure: no MkDocs imports. Reading and parsing is cached by file content, so a file is parsed once
however many pages and language builds use it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from atlas.content_policy import markup_problem
from atlas.settings import Block

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
        problem = markup_problem(explanation) or markup_problem(term)
        if problem:
            problems.append(Problem(number, f"the explanation of `{term}` {problem}; glossary explanations "
                                    "are plain text (Material's tooltip would turn markup into HTML), "
                                    "so it is left out"))
            continue
        if term in entries:
            problems.append(Problem(number, f"`{term}` is defined twice; keep one definition"))
            continue
        entries[term] = explanation
    return Glossary(entries, tuple(problems))


def with_capitalised_variants(entries: dict[str, str]) -> dict[str, str]:
    """Add `Glutathion` for `glutathion`: abbr matching is case-sensitive and sentences start capitalised.

    A variant never overrides a term the file defines itself.
    """
    combined = dict(entries)
    for term, explanation in entries.items():
        if term[:1].islower():
            combined.setdefault(term[:1].upper() + term[1:], explanation)
    return combined


class GlossaryCache:
    """Parsed glossaries by content hash: a file is parsed once, however often it is read."""

    def __init__(self) -> None:
        self._by_hash: dict[str, Glossary] = {}
        self.parses = 0

    def clear(self) -> None:
        """Forget every parsed glossary (between build runs: a long `mkdocs serve` never grows it)."""
        self._by_hash.clear()

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


# --- settings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GlossarySettings:
    """`extra.atlas.glossary`: where the terms are and which mentions get a hover text."""

    enabled: bool = True
    file: str = DEFAULT_FILE_TEMPLATE          # per locale: `{locale}` is replaced
    mark: Literal["first", "all"] = "first"    # first mention in running text, or every one


SETTINGS = Block("glossary", GlossarySettings)
