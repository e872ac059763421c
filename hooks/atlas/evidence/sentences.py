"""The sentence each citation is attached to, as plain text, and its fingerprint.

The rule (documented for contributors in CONTRIBUTING.md, "Evidence records"):

1. Citations are found with the project's one citation scanner (`atlas.citations.syntax.scan`), which
   also gives each citation's line. Each is replaced by an invisible marker.
2. The page is rendered to the blocks a reader sees (paragraphs, list items, table cells, definitions;
   `atlas.readability.text_blocks`), so links, emphasis, code and HTML are plain text and headings,
   footnotes and code blocks are left out. A citation there (a heading, a footnote) has no sentence and
   is not checked.
3. Each block is split into sentences by the readability rule (after `.`, `!`, `?` when the next word
   starts like a sentence, never after a known abbreviation). A citation written right after a full stop
   (`… toe. [@a]`) belongs to the sentence before it.
4. The cited sentence is the sentence holding the citation's marker, without any citation, with white
   space collapsed. Its fingerprint is the first characters of the SHA-256 of that text: any change to
   the words or punctuation of the sentence changes it; moving the citation inside it or re-wrapping
   lines does not.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from atlas.citations.syntax import scan
from atlas.readability import CLOSERS, split_sentences, text_blocks

OPEN, CLOSE = "\ue000", "\ue001"   # private-use characters: never in page text, kept by Markdown
MARKER = re.compile(f"{OPEN}(\\d+){CLOSE}")
# a full stop, then white space, then citation markers: the markers move before the full stop
AFTER_STOP = re.compile(rf"([.!?\u2026]+[{re.escape(CLOSERS)}]*)(\s+)"
                        rf"((?:{OPEN}\d+{CLOSE}\s*)*{OPEN}\d+{CLOSE})")
FINGERPRINT_LENGTH = 12


@dataclass(frozen=True)
class CitedSentence:
    """One citation point and the sentence it belongs to."""

    keys: tuple[str, ...]     # the keys of the citation group, as written
    line: int                 # 1-based line of the citation in the page file
    text: str                 # the sentence without citations, white space collapsed
    fingerprint: str


def clean(text: str) -> str:
    """A sentence without citation markers, as compared and fingerprinted."""
    text = MARKER.sub(" ", text)
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    text = re.sub(r"\s+([.,;:!?)\]])", r"\1", text)      # "verhoogt [@a]." lost its citation
    text = re.sub(r"([(\[])\s+", r"\1", text)
    return re.sub(r"\(\s*\)|\[\s*\]", "", text).strip()


def fingerprint(sentence: str, length: int = FINGERPRINT_LENGTH) -> str:
    """A short, stable name of a sentence's exact wording (not a security measure)."""
    return hashlib.sha256(clean(sentence).encode("utf-8")).hexdigest()[:length]


def _marked(markdown: str) -> tuple[str, list[tuple[tuple[str, ...], int]]]:
    """The Markdown with every citation replaced by a numbered marker; the groups' keys and lines."""
    scanned = scan(markdown)
    cuts = sorted([(g.start, g.end, f"{OPEN}{i}{CLOSE}") for i, g in enumerate(scanned.groups)]
                  + [(at, at + 2, "@") for at in scanned.escapes])   # `\@` is a literal `@`
    parts, position = [], 0
    for start, end, replacement in cuts:
        parts.append(markdown[position:start])
        parts.append(replacement)
        position = end
    parts.append(markdown[position:])
    found = [(tuple(item.key for item in g.items), g.line) for g in scanned.groups]
    return "".join(parts), found


def cited_sentences(markdown: str, line_offset: int = 0, abbreviations: Iterable[str] = (),
                    length: int = FINGERPRINT_LENGTH) -> list[CitedSentence]:
    """Every citation of a Markdown body (no front matter) with its sentence, in page order.

    `line_offset`: lines of the file before the body (front matter), so lines name the file's lines."""
    if "@" not in markdown:
        return []
    marked, groups = _marked(markdown)
    if not groups:
        return []
    abbreviations = list(abbreviations)
    found: dict[int, CitedSentence] = {}
    for block in text_blocks(marked):
        if OPEN not in block:
            continue
        block = AFTER_STOP.sub(r"\3\1\2", block)
        for sentence in split_sentences(block, abbreviations) or [block]:
            text = clean(sentence)
            for match in MARKER.finditer(sentence):
                index = int(match.group(1))
                keys, line = groups[index]
                found[index] = CitedSentence(keys, line + line_offset, text, fingerprint(text, length))
    return [found[index] for index in sorted(found)]


def normalized_start(text: str) -> str:
    """How a record's `sentence` and a page sentence are compared: case, white space, trailing dots
    and Markdown emphasis do not count."""
    text = unicodedata.normalize("NFC", " ".join(text.replace("*", "").replace("`", "").split()))
    return text.casefold().rstrip(" .…")


def starts(sentence: str, start: str) -> bool:
    """Does a page sentence begin with a record's `sentence` text?"""
    wanted = normalized_start(start)
    return bool(wanted) and normalized_start(sentence).startswith(wanted)


def page_sentences(page_text: str, abbreviations: Iterable[str] = (),
                   length: int = FINGERPRINT_LENGTH) -> list[CitedSentence]:
    """`cited_sentences` of a whole page file (front matter skipped, lines counted in the file): the
    build and `make evidence-stamp` both use this, so they always agree on a fingerprint."""
    from mkdocs.utils.meta import get_data  # the front matter rule MkDocs itself applies

    from atlas.citations.syntax import line_offset

    body, _meta = get_data(page_text)
    return cited_sentences(body, line_offset(page_text, body), abbreviations, length)
