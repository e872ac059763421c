"""How readable a page is, measured on the text a reader sees (`make readability`).

The page's Markdown is rendered with the site's block extensions and the text is collected from the
element tree, so front matter, code blocks, raw HTML, citations `[@…]`, footnote markers and their
definitions, link targets, headings and admonition titles never count. Every paragraph, list item,
definition and table cell is a block; a block holds at least one sentence (a list item without a full
stop is one sentence), and longer blocks are split after `.`, `!`, `?` when the next word starts like
a sentence, except after a known abbreviation (`extra.atlas.readability.abbreviations`).

Pure: text in, figures out. The readability score is Flesch reading ease computed on the same
sentences and words, with each locale's formula from mkdocs.yml (`extra.atlas.readability.score`: for
Dutch Douma's 1960 adaptation, for English Flesch's 1948 constants) and syllables counted by pyphen's
hyphenation dictionaries. Why not textstat, which did this until December 2026: its last release that
counts syllables with pyphen alone (0.7.3) imports `pkg_resources`, which only setuptools < 82 has, and
setuptools < 83 has a published advisory (CVE-2026-59890); later textstat releases download NLTK's
cmudict at run time for English, which a build must not do. The formula is three numbers per language.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import markdown
import pyphen
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.utils.meta import get_data

from atlas.articles import locale_of, source_name  # noqa: F401 (re-exported for the script)
from atlas.citations.syntax import scan
from atlas.settings import Block, parse

# Rendered like the site renders pages, minus what only changes the look (toc, snippets).
EXTENSIONS = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
    "pymdownx.superfences", "pymdownx.details", "pymdownx.tabbed",
]
BLOCKS = {"p", "li", "dt", "dd", "td", "th", "figcaption"}
SKIPPED = {"h1", "h2", "h3", "h4", "h5", "h6", "pre", "script", "style", "summary", "svg", "math"}
SKIPPED_CLASSES = {"footnote", "admonition-title", "footnote-ref", "footnote-backref", "atlas-bibliography"}
PLACEHOLDER = re.compile("\x02[^\x03]*\x03")  # raw HTML stashed by Python-Markdown
CLOSERS = "\"'\u201d\u2019)]"  # quotes and brackets that may follow a full stop
OPENERS = "\"'\u201c\u2018(["  # and that may open the next sentence
SPLIT_POINT = re.compile(rf"[.!?\u2026]+[{re.escape(CLOSERS)}]*\s+(?=[{re.escape(OPENERS)}]?[A-ZÀ-ÖØ-Þ0-9])")
WORD = re.compile(r"\w", re.UNICODE)
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(frozen=True)
class ScoreFormula:
    """Flesch reading ease for one language: base - words_per_sentence * (words / sentences)
    - syllables_per_word * (syllables / words); higher is easier."""

    name: str = "Flesch"             # shown beside the scores
    hyphenation: str = ""            # pyphen dictionary that counts the syllables, e.g. nl_NL
    base: float = 206.835
    words_per_sentence: float = 1.015
    syllables_per_word: float = 84.6


@dataclass(frozen=True)
class Settings:
    """`extra.atlas.readability` of mkdocs.yml."""

    max_average: float = 15.0        # words per sentence, averaged over the page
    max_sentence: int = 25           # words in any one sentence
    long_word_letters: int = 7       # a "long word" has at least this many letters (LIX: more than six)
    longest: int = 3                 # how many of the longest sentences to show per page
    abbreviations: Mapping[str, frozenset[str]] = field(default_factory=dict)  # per locale, lower case
    score: Mapping[str, ScoreFormula] = field(default_factory=dict)  # locale -> its reading-ease formula
    enabled: bool = True             # false: `make readability` checks nothing


class SettingsError(ValueError):
    """A wrong `extra.atlas.readability` value; the message says which and what to write."""


def read_settings(raw: Mapping[str, Any] | None) -> Settings:
    """The block checked against `ReadabilitySettings` (every problem, one line each, in the error)."""
    parsed, problems = parse(SETTINGS, raw)
    if problems:
        raise SettingsError("\n".join(problems))
    return Settings(
        max_average=parsed.max_average,
        max_sentence=parsed.max_sentence,
        long_word_letters=parsed.long_word_letters,
        longest=parsed.longest,
        abbreviations={str(k): frozenset(a.lower() for a in v) for k, v in parsed.abbreviations.items()},
        score=dict(parsed.score),
        enabled=parsed.enabled,
    )


# --- the text a reader sees ------------------------------------------------------------------------

def _classes(element: ET.Element) -> set[str]:
    return set((element.get("class") or "").split())


def _skipped(element: ET.Element) -> bool:
    if not isinstance(element.tag, str) or element.tag in SKIPPED:
        return True
    if _classes(element) & SKIPPED_CLASSES:
        return True
    return element.tag == "sup" and (element.get("id") or "").startswith("fnref")


def _is_block(element: ET.Element) -> bool:
    return element.tag in BLOCKS or element.tag in {"ul", "ol", "dl", "div", "table", "blockquote",
                                                     "details", "section", "thead", "tbody", "tr"}


def _own_text(element: ET.Element) -> str:
    """Text of an element and its inline descendants; nested blocks are read on their own."""
    parts = [element.text or ""]
    for child in element:
        if not _skipped(child) and not _is_block(child):
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _collect(element: ET.Element, out: list[str]) -> None:
    if _skipped(element):
        return
    if element.tag in BLOCKS:
        text = " ".join(PLACEHOLDER.sub(" ", _own_text(element)).split())
        text = re.sub(r"\s+([.,;:!?])(?=\s|$)", r"\1", text)  # "zonder [@a]." lost its citation
        if WORD.search(text):
            out.append(text)
    for child in element:
        if _is_block(child) or not isinstance(child.tag, str):
            _collect(child, out)


class _Grab(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        blocks: list[str] = []
        _collect(root, blocks)
        self.md.atlas_blocks = blocks  # type: ignore[attr-defined]


class _GrabExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_Grab(md), "atlas_readability", 1)  # after inline (20) and footnotes


def without_citation_groups(markdown_text: str) -> str:
    """The Markdown without its bracketed citations `[see @a, p. 3]` (and the space before each), found
    by the citation engine's own grammar; an author-in-text `@a` keeps its place (the reader sees names)."""
    kept, position = [], 0
    for group in scan(markdown_text).groups:
        if group.start < position or markdown_text[group.start] != "[":
            continue  # inside a group already removed, or author-in-text
        start = group.start
        while start > position and markdown_text[start - 1] in " \t" and start - 1 > 0 \
                and not markdown_text[start - 2].isspace():
            start -= 1
        kept.append(markdown_text[position:start])
        position = group.end
    kept.append(markdown_text[position:])
    return "".join(kept)


def reader_blocks(page_text: str) -> list[str]:
    """The paragraphs, list items, definitions and table cells of a page, as plain text."""
    body, _meta = get_data(page_text)
    return text_blocks(without_citation_groups(body))


def text_blocks(body: str) -> list[str]:
    """The blocks of a Markdown body (no front matter) as the reader sees them; citations are left as
    written (the evidence checks put their own markers there, `reader_blocks` removes them)."""
    md = markdown.Markdown(extensions=[*EXTENSIONS, _GrabExtension()])
    md.convert(body)
    return list(getattr(md, "atlas_blocks", []))


def split_sentences(block: str, abbreviations: Iterable[str] = ()) -> list[str]:
    """A block's sentences: split after . ! ? when a sentence seems to start, not after abbreviations."""
    known = {a.lower() for a in abbreviations}
    sentences: list[str] = []
    start = 0
    for match in SPLIT_POINT.finditer(block):
        before = block[start:match.start() + 1].split()
        last = before[-1].lower().rstrip(CLOSERS) if before else ""
        if last in known or re.fullmatch(r"\(?[A-Za-z]\.", last):  # "bijv.", initials "J."
            continue
        sentences.append(block[start:match.end()].strip())
        start = match.end()
    rest = block[start:].strip()
    if rest:
        sentences.append(rest)
    return [s for s in sentences if WORD.search(s)]


def words(sentence: str) -> list[str]:
    return [token for token in sentence.split() if WORD.search(token)]


# --- figures -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PageFigures:
    page: str
    locale: str
    sentences: tuple[str, ...]
    word_counts: tuple[int, ...]
    long_words: int
    score: float | None
    settings: Settings

    @property
    def total_words(self) -> int:
        return sum(self.word_counts)

    @property
    def average(self) -> float:
        return self.total_words / len(self.sentences) if self.sentences else 0.0

    @property
    def long_word_share(self) -> float:
        return self.long_words / self.total_words if self.total_words else 0.0

    @property
    def over_limit(self) -> list[tuple[int, str]]:
        pairs = zip(self.word_counts, self.sentences, strict=True)
        return [(n, s) for n, s in pairs if n > self.settings.max_sentence]

    def longest(self, count: int | None = None) -> list[tuple[int, str]]:
        ranked = sorted(zip(self.word_counts, self.sentences, strict=True), key=lambda pair: -pair[0])
        return ranked[: count if count is not None else self.settings.longest]

    @property
    def problems(self) -> list[str]:
        found = []
        if self.average > self.settings.max_average:
            found.append(f"average {self.average:.1f} > {self.settings.max_average:g} words per sentence")
        if self.over_limit:
            found.append(f"{len(self.over_limit)} sentence(s) over {self.settings.max_sentence} words")
        return found


ScoreFunction = Callable[[list[str], ScoreFormula], float]


@cache
def _hyphenator(dictionary: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=dictionary)


def syllables(word: str, dictionary: str) -> int:
    """Syllables of one word: its hyphenation points plus one (the usual estimate from a hyphenator)."""
    letters = "".join(LETTER.findall(word)).lower()
    return len(_hyphenator(dictionary).positions(letters)) + 1 if letters else 0


def reading_ease(sentences: list[str], formula: ScoreFormula) -> float:
    """Flesch reading ease of the sentences with the language's constants, rounded to one decimal."""
    tokens = [w for s in sentences for w in words(s)]
    if not sentences or not tokens:
        raise ValueError("reading ease needs at least one sentence with a word")
    syllable_count = sum(syllables(w, formula.hyphenation) for w in tokens)
    value = (formula.base - formula.words_per_sentence * len(tokens) / len(sentences)
             - formula.syllables_per_word * syllable_count / len(tokens))
    return round(value, 1)


def measure(page: str, locale: str, page_text: str, settings: Settings,
            score: ScoreFunction | None = reading_ease) -> PageFigures:
    abbreviations = settings.abbreviations.get(locale, frozenset())
    sentences = [s for block in reader_blocks(page_text) for s in split_sentences(block, abbreviations)]
    counts = [len(words(s)) for s in sentences]
    long_words = sum(
        1 for s in sentences for w in words(s) if len(LETTER.findall(w)) >= settings.long_word_letters
    )
    value = None
    formula = settings.score.get(locale)
    if score is not None and formula is not None and any(counts):
        value = score(sentences, formula)
    return PageFigures(page, locale, tuple(sentences), tuple(counts), long_words, value, settings)


def table(figures: list[PageFigures]) -> str:
    """One row per page and language, flagged rows marked."""
    header = (f"{'page':<32} {'lang':<4} {'sent.':>5} {'w/sent':>6} {'>limit':>6} {'long%':>6} "
              f"{'score':>6}  status")
    rows = [header, "-" * len(header)]
    for f in figures:
        score = f"{f.score:6.1f}" if f.score is not None else f"{'n/a':>6}"
        status = "FLAG: " + "; ".join(f.problems) if f.problems else "ok"
        rows.append(f"{f.page:<32} {f.locale:<4} {len(f.sentences):>5} {f.average:>6.1f} "
                    f"{len(f.over_limit):>6} {100 * f.long_word_share:>5.1f}% {score}  {status}")
    return "\n".join(rows)


def details(figure: PageFigures) -> str:
    """The longest sentences of a page (every sentence over the limit when there are more)."""
    shown = figure.over_limit if len(figure.over_limit) > figure.settings.longest else figure.longest()
    shown = sorted(shown, key=lambda pair: -pair[0])
    lines = [f"{figure.page} [{figure.locale}] longest sentences:"]
    lines += [f"  {n:>3} words: {sentence}" for n, sentence in shown]
    return "\n".join(lines)


# --- settings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReadabilitySettings:
    """`extra.atlas.readability` as written in mkdocs.yml (`read_settings` gives the form the checks use)."""

    enabled: bool = True
    max_average: float = 15.0
    max_sentence: int = 25
    long_word_letters: int = 7
    longest: int = 3
    abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    score: dict[str, ScoreFormula] = field(default_factory=dict)


def _check(settings: ReadabilitySettings) -> list[str]:
    numbers = ("max_average", "max_sentence", "long_word_letters", "longest")
    problems = [f"`{SETTINGS.where}.{name}`: expected a positive number, got {getattr(settings, name)}."
                for name in numbers if getattr(settings, name) <= 0]
    for locale, formula in settings.score.items():
        if formula.hyphenation not in pyphen.LANGUAGES:
            problems.append(
                f"`{SETTINGS.where}.score.{locale}.hyphenation`: no pyphen dictionary "
                f"`{formula.hyphenation}`; write one of its names, e.g. nl_NL or en_GB.")
    return problems


SETTINGS = Block("readability", ReadabilitySettings, check=_check, hints={
    "score_language": "it became `score`, a reading-ease formula per locale (see mkdocs.yml);",
})
