"""Python-Markdown extension: glossary terms become `<abbr title="…">` hover texts, handed over as data.

    import markdown
    from atlas.glossary_extension import GlossaryExtension
    html = markdown.markdown(text, extensions=[GlossaryExtension(terms={"GLP-1": "darmhormoon"})])

or by dotted name: `extensions=["atlas.glossary_extension"]`, `extension_configs={"atlas.glossary_extension":
{"terms": {...}, "mark": "first"}}`. Any engine that loads Python-Markdown extensions (MkDocs, ProperDocs,
Zensical, plain Python-Markdown) can use it; the MkDocs hook only chooses the terms of the page's language.

The output is what Python-Markdown's `abbr` extension writes for the same terms (`<abbr title="…">term</abbr>`
on whole words, case-sensitive, longest term first, never inside code), plus:

- lower-case terms also match with a capital first letter (sentences start capitalised);
- terms that begin or end with punctuation (`C++`) are found too (abbr's `\b` never matches them);
- `mark="first"` (default): only a term's first mention in running text is marked, never one inside a
  heading or a link; terms with the same explanation count as one term. `mark="all"`: every mention.

Cost: one pass over the text nodes with a single regex compiled from a trie of the terms (each position
tries only the branch of its own first characters), so a page costs time linear in its text, and the
regex is compiled once per glossary, not once per page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from atlas.glossary import with_capitalised_variants
from atlas.run_cache import RunCache

MARK_MODES = ("first", "all")
_HEADING_OR_LINK = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a"})


def trie_pattern(terms: list[str]) -> str:
    """A regex alternation of `terms` as a trie: shared prefixes are tested once, longer terms first.

    At any position the terms that can match are prefixes of one another, so trying a node's longer
    continuations before ending there is the same as `abbr`'s alternation sorted by length.
    """
    trie: dict[str, Any] = {}
    for term in terms:
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) == 1 and not ends:
            return branches[0]
        body = "|".join(branches)
        return f"(?:{body})?" if ends else f"(?:{body})"

    return build(trie)


class CompiledGlossary:
    """Terms (with capitalised variants) and the one regex that finds them, built once per glossary."""

    def __init__(self, terms: dict[str, str]) -> None:
        self.titles = with_capitalised_variants({t: e for t, e in terms.items() if t and e})
        # Whole terms: no word character just before or after. For a term that begins and ends with a word
        # character this is abbr's `\b…\b`; unlike `\b` it also finds terms such as `C++` or `(R)-form`.
        pattern = trie_pattern(list(self.titles))
        self.regex = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)") if self.titles else None


_COMPILED: RunCache[frozenset[tuple[str, str]], CompiledGlossary] = RunCache()


def clear_caches() -> None:
    """Forget the compiled glossaries (between build runs)."""
    _COMPILED.clear()


def sweep_caches() -> None:
    """When a build run starts: keep the glossaries the last run compiled, drop the others."""
    _COMPILED.sweep()


def compiled(terms: dict[str, str]) -> CompiledGlossary:
    """The compiled form of a terms mapping, cached by content: every page of a language shares it, and
    `mkdocs serve`, which reads the glossary again for every rebuild, compiles it once per session."""
    content = frozenset(terms.items())
    result = _COMPILED.get(content)
    if result is None:
        if len(_COMPILED) > 32:  # a long `mkdocs serve` session with many glossary edits: keep it small
            _COMPILED.clear()
        result = _COMPILED[content] = CompiledGlossary(terms)
    return result


class GlossaryTreeprocessor(Treeprocessor):
    """Wraps terms of text nodes in `<abbr>` in document order: 'first mention' is first on the page."""

    def __init__(self, md: Markdown, extension: GlossaryExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        terms = self.extension.terms
        if not terms:
            return
        glossary = compiled(terms)
        if glossary.regex is None:
            return
        self._glossary = glossary
        self._first_only = self.extension.getConfig("mark") != "all"
        self._marked: set[str] = set()
        self._walk(root, unmarked=False)

    def _walk(self, element: etree.Element, unmarked: bool) -> None:
        unmarked = unmarked or (self._first_only and element.tag in _HEADING_OR_LINK)
        index = 0
        if element.text and not isinstance(element.text, AtomicString):
            before = len(element)
            element.text = self._wrap(element.text, element, 0, unmarked)
            index = len(element) - before  # the <abbr> elements just inserted hold no unscanned text
        while index < len(element):
            child = element[index]
            self._walk(child, unmarked)
            index += 1
            if child.tail and not isinstance(child.tail, AtomicString):
                before = len(element)
                child.tail = self._wrap(child.tail, element, index, unmarked)
                index += len(element) - before  # skip the <abbr> elements just inserted

    def _wrap(self, text: str, parent: etree.Element, index: int, unmarked: bool) -> str:
        """Insert `<abbr>` elements for the terms of `text` into `parent` at `index`; returns the text
        that stays before the first of them."""
        if unmarked:
            return text
        titles = self._glossary.titles
        head: str | None = None
        previous: etree.Element | None = None
        position = 0
        for found in self._glossary.regex.finditer(text):  # type: ignore[union-attr]
            term = found.group(0)
            title = titles[term]
            if self._first_only:
                if title in self._marked:
                    continue
                self._marked.add(title)
            piece = text[position:found.start()]
            if previous is None:
                head = piece
            else:
                previous.tail = piece
            previous = etree.Element("abbr", {"title": title})
            previous.text = AtomicString(term)
            parent.insert(index, previous)
            index += 1
            position = found.end()
        if previous is None:
            return text
        previous.tail = text[position:]
        return head or ""


class GlossaryExtension(Extension):
    """Glossary hover texts from data. `terms`: term -> explanation; `mark`: first | all."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "terms": [{}, "term -> explanation (lower-case terms also match capitalised)"],
            "mark": ["first", "first: a term's first mention in running text only; all: every mention"],
        }
        super().__init__(**kwargs)
        if self.getConfig("mark") not in MARK_MODES:
            mark = self.getConfig("mark")
            raise ValueError(f"glossary mark is '{mark}'; use one of: {', '.join(MARK_MODES)}")
        self.terms: dict[str, str] = self.getConfig("terms") or {}

    def use(self, terms: dict[str, str] | None) -> None:
        """The terms of the next page(s) converted (a host such as MkDocs switches them per language)."""
        self.terms = terms or {}

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # 7.5: after inline patterns (20) and attribute lists (8), before abbr (7) and the TOC (5), so heading
        # ids and TOC entries see the same text as before
        md.treeprocessors.register(GlossaryTreeprocessor(md, self), "atlas_glossary", 7.5)


def makeExtension(**kwargs: Any) -> GlossaryExtension:
    return GlossaryExtension(**kwargs)
