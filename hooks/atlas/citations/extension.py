"""Python-Markdown extension: Pandoc `[@key]` citations → numbered, linked Vancouver references.

    import markdown
    from atlas.citations.bibfile import load_bibliography
    from atlas.citations.extension import CitationsExtension

    citations = CitationsExtension(bibliography=load_bibliography("references.bib"), locale="en")
    html = markdown.markdown(text, extensions=[citations])
    citations.result.order      # cited keys, by number; .unknown: keys not in the bibliography, with lines

or by dotted name: `extensions=["atlas.citations.extension"]` with `extension_configs=
{"atlas.citations.extension": {"bibliography": "references.bib", "locale": "nl", "display": "superscript"}}`
(a path is loaded with `load_bibliography`). Every engine that loads Python-Markdown extensions can use it
(MkDocs, ProperDocs, Zensical, plain Python-Markdown); the MkDocs hook adds only what needs the whole site.

How a page is converted:
- inline processors find citations in the text Markdown renders (after code spans, escapes, links and raw
  HTML have taken their part, so code, comments and attribute values are never mistaken for citations);
  each group becomes a placeholder element holding its parsed items;
- a treeprocessor then walks the page in document order: numbers groups by first use, writes each group's
  HTML (stored in Markdown's own HTML stash, as raw inline HTML is), and puts the reference list (a heading
  in the table of contents and an ordered list) at the page's marker `::: {#refs}`, else under an existing
  heading named like the list, else at the end of the page's own content (before footnotes);
- a citation inside link text is rendered without a link of its own (never `<a>` in `<a>`).
"""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from html import escape, unescape
from pathlib import Path
from typing import Any

from markdown import Markdown, serializers, util
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from atlas.citations.bibfile import Bibliography, load_bibliography
from atlas.citations.engine import CitationEngine, UnknownKey
from atlas.citations.numbering import NumberedItem, PagePlan, number_citations
from atlas.citations.render import author_short, render_group, render_reference_items
from atlas.citations.syntax import (
    CitationGroup,
    CiteItem,
    Parsed,
    Text,
    find,
    in_text_owner,
    nocite_keys,
    parse_bracketed,
    parse_in_text,
    source_text,
)
from atlas.labels import labels_for

PLACEHOLDER_TAG = "atlas-citation"
PART_TAG = "atlas-citation-part"   # a prefix or locator, rendered as Markdown
IN_LINK = "data-atlas-in-link"     # the citation is inside a raw `<a>`: no link of its own
GROUP = re.compile(r"\[")         # where a bracketed citation may start: the grammar decides
IN_TEXT = r"-?@"                   # where an author-in-text citation may start
PLACEHOLDER = re.compile("\x02[^\x02\x03]*\x03")  # Python-Markdown's placeholders (stash, escapes)
REFS_MARKER = re.compile(r"^:::+[ \t]*\{[ \t]*#refs[ \t]*\}[ \t]*(?:\n:::+[ \t]*)?$")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass
class PageResult:
    """What the last converted page cited: keys by number, keys the bibliography lacks (with lines), and
    every key of its reference list."""

    order: list[str] = field(default_factory=list)
    unknown: list[UnknownKey] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)   # the page's reference list: `order`, then `nocite`


class _SourcePreprocessor(Preprocessor):
    """Keeps the page's lines (before any other processing) so problems can name their line."""

    def __init__(self, md: Markdown, extension: CitationsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        self.extension._source = "\n".join(lines)
        return lines


class _CitationProcessor(InlineProcessor):
    """Finds citations with the grammar of `atlas.citations.syntax` (the one the source scanners use) in
    the text Markdown renders, where code, escapes, links and raw HTML are already placeholders: opaque
    units to the grammar. Each citation becomes a placeholder element holding its parsed items; its
    prefixes and locators are child elements that Markdown goes on rendering (emphasis, code, a citation
    inside a locator), serialized after numbering by `_PartsTreeprocessor`."""

    PATTERN = ""

    def __init__(self, md: Markdown, extension: CitationsExtension) -> None:
        super().__init__(self.PATTERN, md)
        self.extension = extension
        self._read: tuple[Text, dict[int, Parsed]] | None = None
        self._in_link: set[int] = set()  # starts of citations inside a raw `<a>` (of the text read)

    def parse(self, text: Text, start: int) -> Parsed | None:
        raise NotImplementedError

    def handleMatch(  # type: ignore[override]  # the stubs give InlineProcessor the signature of Pattern
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        if "@" not in data or self.extension.engine() is None:
            return None, None, None  # no key in this text: nothing to read (most brackets are not citations)
        from_end = len(data) - m.start()
        if self._read is None or not self._same_tail(data, m.start()):
            self._read = self._read_all(data)
        text, found = self._read
        parsed = found.get(from_end)
        if parsed is None:
            return None, None, None
        start = m.start() + parsed.start - (len(text.s) - from_end)
        return self._placeholder(text, parsed), start, start + parsed.end - parsed.start

    def _same_tail(self, data: str, position: int) -> bool:
        """Is `data` from `position` on the text read last time? (Markdown hands the same text back with
        each citation found so far replaced by a placeholder: only what precedes the match changed.)"""
        assert self._read is not None
        old = self._read[0].s
        return len(old) >= len(data) - position and old.endswith(data[position:])

    def _read_all(self, data: str) -> tuple[Text, dict[int, Parsed]]:
        """Every citation this processor takes in `data`, parsed once (keyed by distance from the end
        of the text, which later replacements before it do not change): linear, not per match."""
        text = _readable(self.md, data)
        found: dict[int, Parsed] = {}
        position = 0
        links = _raw_links(self.md, data)
        self._in_link = set()
        for match in self.compiled_re.finditer(data):
            if match.start() < position:
                continue
            parsed = self.parse(text, match.start())
            if parsed is not None:
                found[len(data) - match.start()] = parsed
                text.cite_ends.update(parsed.key_ends)
                position = parsed.end
                if links and links[bisect.bisect_right(links, (parsed.start, float("inf"))) - 1][1] > 0:
                    self._in_link.add(parsed.start)
        return text, found

    def _placeholder(self, text: Text, parsed: Parsed) -> etree.Element:
        element = etree.Element(PLACEHOLDER_TAG)
        if parsed.start in self._in_link:
            element.set(IN_LINK, "")
        items = []
        for item, prefix, locator in zip(parsed.items, parsed.prefixes, parsed.locators, strict=True):
            if prefix[0] < prefix[1] or locator[0] < locator[1]:
                item = replace(item, prefix_html=self._part(element, text, prefix, False),
                               locator_html=self._part(element, text, locator, True))
            items.append(item)
        self.extension._pending.append(tuple(items))
        element.set("n", str(len(self.extension._pending) - 1))
        return element

    def _part(self, element: etree.Element, text: Text, span: tuple[int, int], locator: bool) -> str:
        """A prefix or locator as a child element Markdown renders further; its HTML goes to a stash
        entry reserved now (so the citation's HTML can name it) and filled after numbering."""
        if span[0] >= span[1]:
            return ""
        part = etree.SubElement(element, PART_TAG)
        part.text = _part_source(self.md, text, span, locator)
        placeholder = self.md.htmlStash.store("")
        self.extension._parts.append((part, self.md.htmlStash.html_counter - 1))
        return placeholder


class _GroupProcessor(_CitationProcessor):
    """`[@a; see @b, p. 3]` → a placeholder element; parsed, not yet numbered."""

    PATTERN = GROUP.pattern

    def parse(self, text: Text, start: int) -> Parsed | None:
        if _inside_braces(text.s, start, text.bracket_close(start)) or in_text_owner(text, start):
            return None  # `{: title="[@a]" }` (an attribute list), or the locator of `@a [p. 3]`
        return parse_bracketed(text, start)


class _InTextProcessor(_CitationProcessor):
    """Author-in-text `@key` or `@key [p. 33]` (`-@key`: the number only) → a placeholder element."""

    PATTERN = IN_TEXT

    def parse(self, text: Text, start: int) -> Parsed | None:
        if _inside_braces(text.s, start, start + 1):
            return None  # `{: title="@a" }`: an attribute list, where only bracketed groups are read
        return parse_in_text(text, start)


def _readable(md: Markdown, data: str) -> Text:
    """Python-Markdown's inline text for the grammar: its placeholders are opaque units; a hard line
    break's placeholder counts as white space."""
    atoms = {m.start(): m.end() for m in PLACEHOLDER.finditer(data)}
    stashed = getattr(md.treeprocessors["inline"], "stashed_nodes", {}) if "inline" in md.treeprocessors \
        else {}
    spaces = set()
    for start, end in atoms.items():
        found = util.INLINE_PLACEHOLDER_RE.fullmatch(data, start, end)
        node = stashed.get(found.group(1)) if found else None
        if node is not None and not isinstance(node, str) and node.tag == "br":
            spaces.add(start)
    return Text(data, atoms, frozenset(spaces))


def _part_source(md: Markdown, text: Text, span: tuple[int, int], locator: bool) -> str:
    """The Markdown of a prefix or locator: `\\;` and other escapes Markdown keeps are resolved (so no
    backslash is printed), and a locator loses the braces that may delimit it (`{pp. iv, vi}`)."""
    out, i = [], span[0]
    while i < span[1]:
        step = text.step(i)
        if text.s.startswith("@{", i) and (close := _braced_key_end(text.s, i + 1, span[1])) > 0:
            step = close  # a braced key `@{a/b}` of a citation inside the locator: kept as written
        piece = text.s[i:step]
        if step == i + 2 and i not in text.atoms and piece[1] not in md.ESCAPED_CHARS:
            piece = piece[1]
        elif locator and piece in "{}":
            piece = md.htmlStash.store("")  # printed as nothing, yet still a boundary (`{ii}@c`)
        out.append(piece)
        i = step
    return "".join(out)


def _braced_key_end(text: str, start: int, end: int) -> int:
    """The end of the balanced `{…}` (no white space) at `start`, or -1."""
    depth = 0
    for position in range(start, end):
        char = text[position]
        if char.isspace():
            return -1
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return position + 1
    return -1


def _raw_links(md: Markdown, data: str) -> list[tuple[int, int]]:
    """(position, depth) after each raw `<a …>` and `</a>` of the text (stashed raw HTML), in order:
    a citation at a position where the depth before it is above 0 is inside a raw link."""
    depth, marks = 0, [(-1, 0)]
    for found in PLACEHOLDER.finditer(data):
        raw = _raw_html(md, found.group())
        if re.match(r"<a[\s>]", raw, re.I):
            depth += 1
        elif re.match(r"</a\s*>", raw, re.I):
            depth = max(0, depth - 1)
        else:
            continue
        marks.append((found.end(), depth))
    return marks if len(marks) > 1 else []


def _raw_html(md: Markdown, placeholder: str) -> str:
    """The raw HTML a placeholder stands for ("" for anything else)."""
    inline = util.INLINE_PLACEHOLDER_RE.fullmatch(placeholder)
    if inline and "inline" in md.treeprocessors:
        node = getattr(md.treeprocessors["inline"], "stashed_nodes", {}).get(inline.group(1))
        placeholder = node if isinstance(node, str) else ""
    stashed = util.HTML_PLACEHOLDER_RE.fullmatch(placeholder)
    blocks = md.htmlStash.rawHtmlBlocks
    raw = blocks[int(stashed.group(1))] if stashed and int(stashed.group(1)) < len(blocks) else ""
    return raw if isinstance(raw, str) else ""


def _groups_in(text: str) -> list[tuple[tuple[CiteItem, ...], tuple[int, int]]]:
    """Bracketed citation groups in plain text (an attribute value, an abbreviation's title); an address
    (`href="https://x.org/[@a]"`) is never one."""
    found: list[tuple[tuple[CiteItem, ...], tuple[int, int]]] = []
    for parsed in find(source_text(text), bracketed_only=True):
        if not found or parsed.start >= found[-1][1][1]:  # not one inside another's locator
            found.append((parsed.items, (parsed.start, parsed.end)))
    return found


class _PartsTreeprocessor(Treeprocessor):
    """After numbering: the HTML of each prefix and locator (Markdown rendered, citations inside them
    numbered) into the stash entry its citation names, so no placeholder of Markdown's own is left."""

    def __init__(self, md: Markdown, extension: CitationsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        parts, self.extension._parts = self.extension._parts, []
        registry = self.md.treeprocessors  # a Registry: no `get`
        unescape = registry["unescape"] if "unescape" in registry else None  # noqa: SIM401
        for part, index in parts:
            if unescape is not None:
                unescape.run(part)
            html = serializers.to_html_string(part)
            self.md.htmlStash.rawHtmlBlocks[index] = html[html.index(">") + 1:html.rindex("<")]


class _EscapedAtProcessor(InlineProcessor):
    """`\\@` is a literal `@` (Pandoc), written as `&#64;` so nothing later reads it as a citation."""

    def handleMatch(  # type: ignore[override]  # the stubs give InlineProcessor the signature of Pattern
        self, m: re.Match[str], data: str
    ) -> tuple[str, int, int]:
        # text, not raw HTML: Markdown keeps the entity as written, and no stash placeholder can end up
        # where a later step (an attribute list) copies text
        return "&#64;", m.start(0), m.end(0)


class _RefsMarkerProcessor(BlockProcessor):
    """Pandoc's `::: {#refs}` (optionally closed by `:::`): where the reference list goes."""

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(REFS_MARKER.match(block))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        blocks.pop(0)
        etree.SubElement(parent, "div", {"id": "refs", "data-atlas-refs": ""})


class _Site:
    """Where a citation group was found: a placeholder element in the text, or an attribute value or an
    abbreviation definition (text only there: never links, never markup)."""

    def __init__(self, items: tuple[CiteItem, ...], element: etree.Element | None = None,
                 parent: etree.Element | None = None, in_link: bool = False, attribute: str = "",
                 span: tuple[int, int] = (0, 0)) -> None:
        self.items = items
        self.element = element
        self.parent = parent
        self.in_link = in_link
        self.attribute = attribute
        self.span = span

    @property
    def in_text(self) -> bool:
        return self.parent is not None


class _CitationTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: CitationsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        """Number the page's citations and write them and its reference list, in five steps."""
        ext = self.extension
        pending, ext._pending = ext._pending, []
        ext.result = PageResult()
        engine = ext.engine()
        sites, markers, abbreviations = self._find_sites(root, pending, engine is not None)
        if engine is None or not (sites or ext.nocite):
            _drop_markers(markers)
            return
        plan = self._number(sites, engine)
        self._write_citations(sites, plan, engine, abbreviations)
        listed, unknown = self._listed_and_unknown(sites, plan, engine)
        ext.result = PageResult(list(plan.order), unknown, listed)
        self._write_reference_list(root, markers, listed, self._backlinks(sites, plan), engine)

    def _find_sites(
        self, root: etree.Element, pending: list[tuple[CiteItem, ...]], active: bool
    ) -> tuple[list[_Site], list[tuple[etree.Element, etree.Element]], dict[str, str]]:
        """Step 1: every citation of the page in document order (text, attributes, abbreviation titles),
        the `::: {#refs}` markers, and the abbreviations that hold citations."""
        sites: list[_Site] = []
        markers: list[tuple[etree.Element, etree.Element]] = []
        self._collect(root, False, pending, sites, markers, active)
        abbreviations = self._abbreviations() if active else {}
        for term, title in abbreviations.items():
            sites += [_Site(items, attribute=term, span=span) for items, span in _groups_in(title)]
        return sites, markers, abbreviations

    def _number(self, sites: list[_Site], engine: CitationEngine) -> PagePlan:
        """Step 2: numbers in order of first citation, with each group's line in the source file."""
        lines = _LineFinder(self.extension._source, self.extension.line_offset)
        groups = [CitationGroup(index, index, lines.line_of(site.items), site.items)
                  for index, site in enumerate(sites)]
        return number_citations(groups, engine.bib.canonical)

    def _write_citations(self, sites: list[_Site], plan: PagePlan, engine: CitationEngine,
                         abbreviations: dict[str, str]) -> None:
        """Step 3: each citation replaced by its numbers: linked HTML in text, plain text in attributes."""
        plain: dict[int, str] = {}
        for index, (numbered, site) in enumerate(zip(plan.groups, sites, strict=True)):
            linked = site.in_text and not site.in_link
            html = render_group(numbered, engine.display, engine.labels, linked=linked)
            names = self._names(engine, numbered.items, site.items)
            if site.in_text:
                html = f"{escape(names)} {html}" if names else html
                _remove(site.element, site.parent, self.md.htmlStash.store(html))  # type: ignore[arg-type]
            else:
                text = re.sub(r"<[^>]*>", "", html)
                plain[index] = unescape(f"{names} {text}" if names else text)
        self._write_plain(sites, plain, abbreviations)

    def _listed_and_unknown(self, sites: list[_Site], plan: PagePlan,
                            engine: CitationEngine) -> tuple[list[str], list[UnknownKey]]:
        """Step 4: the keys the list shows (cited, then `nocite:`), and the keys the bibliography lacks."""
        ext = self.extension
        listed = list(plan.order)
        in_text = {item.key for site in sites for item in site.items if item.in_text}
        unknown = [UnknownKey(line, key, engine.bib.closest(key), key in in_text)
                   for line, key in plan.unknown]
        for key in ext.nocite:
            canonical = engine.bib.keys() if key == "*" else [engine.bib.canonical(key)]
            if canonical == [None]:
                unknown.append(UnknownKey(ext.nocite_line, key, engine.bib.closest(key)))
            listed += [k for k in canonical if k and k not in listed]
        return listed, unknown

    @staticmethod
    def _backlinks(sites: list[_Site], plan: PagePlan) -> dict[str, list[str]]:
        """Per key, the anchors of its citations in text (a citation in an attribute has no anchor)."""
        anchorless = {numbered.anchor for numbered, site in zip(plan.groups, sites, strict=True)
                      if not site.in_text}
        return {key: [a for a in anchors if a not in anchorless] for key, anchors in plan.backlinks.items()}

    def _write_reference_list(self, root: etree.Element, markers: list[tuple[etree.Element, etree.Element]],
                              listed: list[str], backlinks: dict[str, list[str]],
                              engine: CitationEngine) -> None:
        """Step 5: the reference list, at the marker, under the page's own heading, or at the end."""
        if not listed:
            _drop_markers(markers)
            return
        items = render_reference_items(listed, {k: engine.formatted(k) for k in listed}, backlinks,
                                       engine.labels, self.extension.annotations)
        self._place_list(root, markers, items, str(engine.labels["references"]))

    def _names(self, engine: CitationEngine, items: tuple[NumberedItem, ...],
               written: tuple[CiteItem, ...]) -> str:
        """Author-in-text: the authors' (or editors') short names before the number."""
        if len(items) != 1 or len(written) != 1 or not written[0].in_text or items[0].number is None:
            return ""
        item = items[0]
        entry = engine.bib.entry(item.key)
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        return author_short(list(people), engine.labels)

    def _collect(self, element: etree.Element, in_link: bool, pending: list[tuple[CiteItem, ...]],
                 sites: list[_Site], markers: list[Any], active: bool) -> None:
        if active:
            for name, value in element.attrib.items():
                if value and "@" in value:  # attr_list may leave an attribute without a value
                    sites += [_Site(items, element, attribute=name, span=span)
                              for items, span in _groups_in(value)]
        for child in element:
            if child.tag == PLACEHOLDER_TAG:
                linked = in_link or IN_LINK in child.attrib  # in link text, or inside a raw `<a>`
                sites.append(_Site(pending[int(child.get("n", "0"))], child, element, linked))
                self._collect(child, in_link, pending, sites, markers, active)  # citations in its locator
            elif child.tag == "div" and "data-atlas-refs" in child.attrib:
                markers.append((child, element))
            else:
                self._collect(child, in_link or child.tag == "a", pending, sites, markers, active)

    def _abbreviations(self) -> dict[str, str]:
        """Definitions of Python-Markdown's `abbr` extension that hold citations (term -> title)."""
        if "abbr" not in self.md.treeprocessors:
            return {}
        abbrs = getattr(self.md.treeprocessors["abbr"], "abbrs", None) or {}
        return {term: title for term, title in abbrs.items() if "@" in str(title)}

    def _write_plain(self, sites: list[_Site], plain: dict[int, str], abbreviations: dict[str, str]) -> None:
        """Replace citations in attribute values and abbreviation titles by their plain text, last first."""
        for index in sorted(plain, key=lambda i: -sites[i].span[0]):
            site = sites[index]
            if site.element is not None:
                value = site.element.get(site.attribute, "")
                site.element.set(site.attribute, value[:site.span[0]] + plain[index] + value[site.span[1]:])
            else:
                abbrs = self.md.treeprocessors["abbr"].abbrs  # type: ignore[attr-defined]
                value = abbrs[site.attribute]
                abbrs[site.attribute] = value[:site.span[0]] + plain[index] + value[site.span[1]:]
        del abbreviations

    def _place_list(self, root: etree.Element, markers: list[Any], items: str,
                    title: str) -> None:
        # a raw HTML block keeps its final newline, as Markdown's own raw blocks do
        ol = self.md.htmlStash.store(f'<ol class="atlas-references">\n{items}\n</ol>\n')
        if markers:  # the first marker receives the list; any other marker is dropped
            (marker, parent), rest = markers[0], markers[1:]
            for other, other_parent in rest:
                other_parent.remove(other)
            index = list(parent).index(marker)
            parent.remove(marker)
            for offset, element in enumerate(self._heading_and_list(root, title, ol)):
                parent.insert(index + offset, element)
            return
        heading = next((h for h in root.iter() if h.tag in HEADINGS
                        and "".join(h.itertext()).strip().casefold() == title.strip().casefold()), None)
        if heading is not None:  # the page has its own "References" heading: the list goes right under it
            parent = next(p for p in root.iter() if heading in list(p))
            paragraph = etree.Element("p")
            paragraph.text, paragraph.tail = ol, "\n"
            parent.insert(list(parent).index(heading) + 1, paragraph)
            return
        index = len(root)
        while index and _is_footnotes(root[index - 1]):
            index -= 1
        epilogue = self.extension.epilogue
        elements = self._heading_and_list(root, title, ol)
        if epilogue:
            paragraph = etree.Element("p")
            paragraph.text, paragraph.tail = self.md.htmlStash.store(epilogue + "\n"), "\n"
            elements.append(paragraph)
        for offset, element in enumerate(elements):
            root.insert(index + offset, element)
        self.extension.epilogue = ""

    def _heading_and_list(self, root: etree.Element, title: str, ol: str) -> list[etree.Element]:
        used = {el.get("id") for el in root.iter() if el.get("id")}
        anchor, number = "references", 1
        while anchor in used:  # never a duplicate id
            number += 1
            anchor = f"references-{number}"
        heading = etree.Element("h2", {"class": "atlas-references-heading", "id": anchor})
        heading.text, heading.tail = title, "\n"  # tails: as the prettify treeprocessor writes them
        paragraph = etree.Element("p")
        paragraph.text, paragraph.tail = ol, "\n"
        return [heading, paragraph]


class _EpilogueTreeprocessor(Treeprocessor):
    """Raw HTML a host adds after the page's own content (before footnotes), with or without citations."""

    def __init__(self, md: Markdown, extension: CitationsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        epilogue, self.extension.epilogue = self.extension.epilogue, ""
        if not epilogue:
            return
        index = len(root)
        while index and _is_footnotes(root[index - 1]):
            index -= 1
        paragraph = etree.Element("p")
        paragraph.text, paragraph.tail = self.md.htmlStash.store(epilogue + "\n"), "\n"
        root.insert(index, paragraph)


def _is_footnotes(element: etree.Element) -> bool:
    return element.tag == "div" and "footnote" in (element.get("class") or "").split()


def _drop_markers(markers: list[tuple[etree.Element, etree.Element]]) -> None:
    """`::: {#refs}` markers on a page without a reference list leave nothing behind."""
    for marker, parent in markers:
        _remove(marker, parent, "")


def _remove(element: etree.Element, parent: etree.Element, replacement: str) -> None:
    """Take `element` out of `parent`, leaving `replacement` and its tail as text in its place."""
    index = list(parent).index(element)
    text = replacement + (element.tail or "")
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    parent.remove(element)


def _inside_braces(data: str, start: int, end: int) -> bool:
    """Is data[start:end] inside `{…}` on its line (an attribute list such as `{: title="[@a]" }`)?"""
    line_start = data.rfind("\n", 0, start) + 1
    opened = data.rfind("{", line_start, start)
    if opened < 0 or data.rfind("}", opened, start) >= 0:
        return False
    line_end = data.find("\n", end)
    return "}" in data[end:line_end if line_end >= 0 else len(data)]


class _LineFinder:
    """Lines of citations in the page source: the n-th written `@key` is the n-th one found in the tree."""

    def __init__(self, source: str, offset: int) -> None:
        self.source = source
        self.offset = offset
        self.seen: dict[str, int] = {}
        self.lines: dict[str, list[int]] = {}  # key -> lines of its written uses (found once per key)
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", source)]

    def line_of(self, items: tuple[CiteItem, ...]) -> int:
        key = items[0].key
        count = self.seen.get(key, 0)
        self.seen[key] = count + 1
        if key not in self.lines:
            self.lines[key] = [bisect.bisect_right(self.line_starts, m.start())
                               for m in re.finditer(rf"@\{{?{re.escape(key)}(?![\w])", self.source)]
        found = self.lines[key]
        if not found:
            return self.offset + 1
        return found[min(count, len(found) - 1)] + self.offset


class CitationsExtension(Extension):
    """Settings: `bibliography` (a Bibliography or a .bib path), `locale`, `labels` (per-locale overrides,
    as in mkdocs.yml), `display` (brackets | superscript)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "bibliography": ["", "a Bibliography, or the path of a .bib file"],
            "locale": ["en", "language of labels and formatted references"],
            "labels": [{}, "per-locale label overrides, e.g. {'nl': {'references': 'Bronnen'}}"],
            "display": ["brackets", "brackets | superscript"],
            "nocite": [[], "keys listed without a citation, as in Pandoc's `nocite` ('*': every entry)"],
        }
        super().__init__(**kwargs)
        self.result = PageResult()
        self.line_offset = 0      # lines before the Markdown in its file (front matter)
        self.epilogue = ""        # raw HTML after the page's own content, e.g. "cite this page"
        self.nocite: list[str] = nocite_keys(self.getConfig("nocite"))  # listed, not cited ("*": all)
        self.nocite_line = 0      # where the host read `nocite` (for messages)
        self.annotations: Mapping[str, str] = {}   # lower-case key -> HTML added to its reference entry
        self._engine: CitationEngine | None = None
        self._pending: list[tuple[CiteItem, ...]] = []
        self._parts: list[tuple[etree.Element, int]] = []  # prefixes and locators, with their stash entry
        self._source = ""

    def use(self, *, bibliography: Bibliography | None = None, locale: str | None = None,
            labels: dict[str, Any] | None = None, display: str | None = None, line_offset: int = 0,
            epilogue: str = "", nocite: list[str] | None = None, nocite_line: int = 0,
            annotations: Mapping[str, str] | None = None) -> None:
        """Settings for the next page(s): a host switches them per page (language, front matter).
        `bibliography=None` switches citations off; other settings left None are kept. `annotations`:
        lower-case key -> trusted HTML (phrasing content) the host adds to that key's reference entry,
        e.g. what the source says (atlas.evidence)."""
        if bibliography is not self.getConfig("bibliography"):
            self.config["bibliography"][0] = bibliography or ""  # setConfig would coerce it
            self._engine = None
        for name, value in (("locale", locale), ("labels", labels), ("display", display)):
            if value is not None and value != self.getConfig(name):
                self.setConfig(name, value)
                self._engine = None
        self.line_offset = line_offset
        self.epilogue = epilogue
        self.nocite = nocite_keys(nocite)
        self.nocite_line = nocite_line
        self.annotations = annotations if annotations is not None else {}  # read only, maybe lazy: kept

    def engine(self) -> CitationEngine | None:
        if self._engine is None:
            bib = self.getConfig("bibliography")
            if not bib:
                return None
            if isinstance(bib, (str, Path)):
                bib = load_bibliography(bib)
                self.config["bibliography"][0] = bib
            locale = str(self.getConfig("locale"))
            labels = labels_for("citations", locale, self.getConfig("labels") or None)
            self._engine = CitationEngine(bib, locale, labels, str(self.getConfig("display")))
        return self._engine

    def reset(self) -> None:
        self._pending = []
        self._parts = []

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(_SourcePreprocessor(md, self), "atlas_citation_source", 40)
        md.parser.blockprocessors.register(_RefsMarkerProcessor(md.parser), "atlas_refs_marker", 95)
        # below raw inline HTML (90): a citation in an HTML attribute stays that attribute's text
        md.inlinePatterns.register(_EscapedAtProcessor(r"\\@", md), "atlas_escaped_at", 86)
        md.inlinePatterns.register(_GroupProcessor(md, self), "atlas_citation", 85)
        md.inlinePatterns.register(_InTextProcessor(md, self), "atlas_citation_in_text", 84)
        # a prefix or locator is rendered by the patterns after the one that found its citation: these
        # find citations inside them (`[see @a, p. 3 [@b]]`, `@a [see @b]`), as Pandoc does
        md.inlinePatterns.register(_GroupProcessor(md, self), "atlas_citation_nested", 84.5)
        md.inlinePatterns.register(_InTextProcessor(md, self), "atlas_citation_in_text_nested", 83.9)
        # after attribute lists (8), before the glossary (7.5), abbreviations (7) and the TOC (5),
        # which lists the reference heading
        md.treeprocessors.register(_CitationTreeprocessor(md, self), "atlas_citations", 7.9)
        md.treeprocessors.register(_PartsTreeprocessor(md, self), "atlas_citation_parts", 7.85)
        md.treeprocessors.register(_EpilogueTreeprocessor(md, self), "atlas_epilogue", 7.8)


def makeExtension(**kwargs: Any) -> CitationsExtension:
    return CitationsExtension(**kwargs)
