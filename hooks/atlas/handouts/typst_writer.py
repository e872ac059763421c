"""Cleaned article HTML -> the Typst body of a handout, in pure Python (no pandoc process).

It produces, byte for byte, what `pandoc -f html -t typst --wrap=none --lua-filter handout.lua` makes of
the HTML that `clean.py` writes, in three steps modelled on pandoc 3.9's own:

1. a reader: the HTML (stdlib `html.parser`) into a small pandoc-like document (paragraphs, headings,
   lists, definition lists, divs, block quotes, tables, figures, code blocks; text, emphasis, links,
   spans, images, code, line breaks), with pandoc's rules for whitespace, plain versus paragraph blocks,
   heading identifiers, and which attributes survive;
2. the rules of `handout.lua` (notes, labels and anchors, links, images, table header rows);
3. a writer: pandoc's Typst writer and the pretty-printer under it (line starts, blank lines, the
   indentation of list items), including its escaping of Typst's special characters.

It only knows the HTML a handout article is made of. Anything else (an element, an attribute or a shape
it has no rule for, such as a `<q>`, an inline `style`, `<code class="language-x">`, a comment) raises
`Unsupported` with the reason, and `render.convert_article` gives that article to pandoc instead, so new
HTML never breaks or silently changes a handout. tests/unit/test_handouts_typst_writer.py and
tests/integration/test_handouts_typst_writer.py compare it with pandoc.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from typing import NamedTuple

WRITER_VERSION = "1"  # part of the handout cache key, with this file's source


class Unsupported(ValueError):
    """The article has HTML this writer has no rule for; pandoc has to convert it."""


def article_to_typst(article_html: str) -> str:
    """The Typst body of a cleaned article, as pandoc with `handout.lua` would write it."""
    blocks = read_html(article_html)
    blocks = apply_handout_rules(blocks)
    body = render(blocks_doc(blocks), None)
    return body if body.endswith("\n") else body + "\n"


# == 1. The document =====================================================================================


# The document's nodes are named tuples (cheap to define); nodes of two types never compare: the code
# tells them apart by type.
class Attr(NamedTuple):
    ident: str = ""
    classes: tuple[str, ...] = ()
    kvs: tuple[tuple[str, str], ...] = ()


# -- inlines
class Str(NamedTuple):
    text: str


class Space(NamedTuple):
    pass


class SoftBreak(NamedTuple):
    pass


class LineBreak(NamedTuple):
    pass


SPACE, SOFTBREAK, LINEBREAK = Space(), SoftBreak(), LineBreak()


class Styled(NamedTuple):
    """Emph, Strong, Superscript, Subscript, Strikeout, Underline: `kind` is the Typst function."""

    kind: str
    content: tuple[object, ...]


class Span(NamedTuple):
    attr: Attr
    content: tuple[object, ...]


class Link(NamedTuple):
    attr: Attr
    content: tuple[object, ...]
    url: str
    title: str


class Image(NamedTuple):
    attr: Attr
    alt: tuple[object, ...]
    url: str
    title: str


class Code(NamedTuple):
    text: str


class RawInline(NamedTuple):
    text: str


# -- blocks
class Plain(NamedTuple):
    content: tuple[object, ...]


class Para(NamedTuple):
    content: tuple[object, ...]


class Header(NamedTuple):
    level: int
    attr: Attr
    content: tuple[object, ...]


class BulletList(NamedTuple):
    items: tuple[tuple[object, ...], ...]


class OrderedList(NamedTuple):
    start: int
    items: tuple[tuple[object, ...], ...]


class DefinitionList(NamedTuple):
    items: tuple[tuple[tuple[object, ...], tuple[tuple[object, ...], ...]], ...]  # (term, definitions)


class Div(NamedTuple):
    attr: Attr
    content: tuple[object, ...]


class HorizontalRule(NamedTuple):
    pass


class BlockQuote(NamedTuple):
    content: tuple[object, ...]


class CodeBlock(NamedTuple):
    text: str
    language: str = ""  # the first class of the <pre>, shown after the fence


class RawBlock(NamedTuple):
    text: str


class Cell(NamedTuple):
    align: str  # "" (default), "left", "right", "center"
    content: tuple[object, ...]


class Table(NamedTuple):
    attr: Attr
    head: tuple[tuple[Cell, ...], ...]
    body_head: tuple[tuple[Cell, ...], ...]  # rows of <th> at the top of an explicit <tbody>
    body: tuple[tuple[Cell, ...], ...]
    aligns: tuple[str, ...] = ()  # per column, from the first body row ("auto": default)
    simple: bool = True  # every cell one line of text at most: columns sized by Typst


class Figure(NamedTuple):
    attr: Attr
    caption: tuple[object, ...]
    content: tuple[object, ...]


# == 2. Reading the HTML ================================================================================


class Element:
    __slots__ = ("attrs", "children", "line", "tag")

    def __init__(self, tag: str, attrs: list[tuple[str, str]], line: int = 0) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Element | str] = []
        self.line = line


VOID = frozenset({"br", "hr", "img", "col", "wbr"})
NAMED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\xa0"}


class _Tree(HTMLParser):
    """A strict tree of the cleaned HTML: balanced tags, known entities, no comments."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.root = Element("#root", [])
        self.stack = [self.root]

    def _text(self, text: str) -> None:
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += text
        else:
            children.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs, tag in VOID)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            raise Unsupported(f"<{tag} /> written as an empty element")
        self._element(tag, attrs, True)

    def _element(self, tag: str, attrs: list[tuple[str, str | None]], void: bool) -> None:
        if ":" in tag:
            raise Unsupported(f"element with a namespace <{tag}>")
        names = [name for name, _ in attrs]
        if len(set(names)) != len(names):
            raise Unsupported(f"<{tag}> with an attribute given twice")
        element = Element(tag, [(name, value or "") for name, value in attrs], line=self.getpos()[0])
        self.stack[-1].children.append(element)
        if not void:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if len(self.stack) < 2 or self.stack[-1].tag != tag:
            raise Unsupported(f"unbalanced </{tag}> on line {self.getpos()[0]}")
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "\r" in data or "\x00" in data or any("\x80" <= c <= "\x9f" for c in data):
            raise Unsupported("a control character in the text")
        self._text(data)

    def handle_entityref(self, name: str) -> None:
        if name not in NAMED_ENTITIES:
            raise Unsupported(f"the entity &{name};")
        self._text(NAMED_ENTITIES[name])

    def handle_charref(self, name: str) -> None:
        try:
            code = int(name[1:], 16) if name[:1] in "xX" else int(name)
        except ValueError:
            raise Unsupported(f"the character reference &#{name};") from None
        printable = 0x20 <= code < 0x7F or code in (9, 10) or 0xA0 <= code <= 0x10FFFF
        if not printable or 0xD800 <= code <= 0xDFFF:
            raise Unsupported(f"the character reference &#{name};")
        self._text(chr(code))

    def handle_comment(self, data: str) -> None:
        raise Unsupported("an HTML comment")

    def handle_decl(self, decl: str) -> None:
        raise Unsupported("a declaration")

    def handle_pi(self, data: str) -> None:
        raise Unsupported("a processing instruction")

    def unknown_decl(self, data: str) -> None:
        raise Unsupported("a CDATA section")


def parse_tree(html: str) -> Element:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    if len(tree.stack) != 1:
        raise Unsupported(f"<{tree.stack[-1].tag}> is not closed")
    if tree.rawdata:
        raise Unsupported("HTML that ends inside a tag")
    return tree.root


# Elements read as inlines, and as blocks; every other element is unsupported.
INLINE_TAGS = frozenset({"a", "abbr", "b", "br", "code", "del", "dfn", "em", "i", "img", "ins", "kbd",
                         "mark", "s", "small", "span", "strike", "strong", "sub", "sup", "tt", "u"})
BLOCK_TAGS = frozenset({"blockquote", "div", "dl", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ol",
                        "p", "pre", "table", "ul"})
STYLED = {"em": "#emph", "i": "#emph", "strong": "#strong", "b": "#strong", "sup": "#super",
          "sub": "#sub", "s": "#strike", "strike": "#strike", "del": "#strike", "u": "#underline",
          "ins": "#underline"}
# Attributes whose meaning the reader or the writer would change: pandoc has rules for them.
REFUSED_ATTRIBUTES = frozenset({"style", "role", "type", "epub:type", "lang", "xml:lang", "dir", "name",
                                "width", "height", "align", "colspan", "rowspan", "start", "reversed"})
START = re.compile(r"[0-9]{1,9}")
# A `data-x` attribute becomes `x` unless x is an HTML attribute; x must not be one the writer reads.
REFUSED_KEYS = frozenset({"reference-type", "lang", "width", "height", "dir", "role"})
SPACE_CHARS = " \t\n"


def _check_attrs(element: Element, allowed: Iterable[str] = ()) -> None:
    allowed = set(allowed)
    for name, _ in element.attrs:
        if name in allowed:
            continue
        bare = name[5:] if name.startswith("data-") else name
        if name in REFUSED_ATTRIBUTES or bare in REFUSED_KEYS or bare.startswith("typst"):
            raise Unsupported(f"<{element.tag} {name}> on line {element.line}")


def _attr(element: Element, drop: Iterable[str] = ()) -> Attr:
    """pandoc's `toAttr`: id, classes, and the other attributes (`data-` dropped from non-HTML names)."""
    dropped = set(drop)
    ident, classes, kvs = "", (), []
    for name, value in element.attrs:
        if name in dropped:
            continue
        if name == "id":
            ident = value
        elif name == "class":
            classes = tuple(value.split())
        else:
            kvs.append((name, value))
    return Attr(ident, classes, tuple(kvs))


# -- inline building with pandoc's merging of neighbours (Text.Pandoc.Builder's Semigroup) -------------

_MERGING_STYLES = frozenset({"#emph", "#strong", "#super", "#sub", "#strike", "#underline"})


_BREAKS = (Space, SoftBreak, LineBreak)


def _meld(out: list[object], items: Iterable[object]) -> None:
    """`out <> items`, in place: neighbouring text, spaces and like styles are joined as pandoc does."""
    for item in items:
        if not out:
            out.append(item)
            continue
        last = out[-1]
        if isinstance(last, Str) and isinstance(item, Str):
            out[-1] = Str(last.text + item.text)
        elif isinstance(last, _BREAKS) and isinstance(item, _BREAKS):
            if isinstance(last, LineBreak) or isinstance(item, LineBreak):
                if isinstance(last, LineBreak) and isinstance(item, LineBreak):
                    out.append(item)
                else:
                    out[-1] = LINEBREAK
            elif isinstance(last, Space) and isinstance(item, Space):
                out[-1] = SPACE
            else:
                out[-1] = SOFTBREAK
        elif (isinstance(last, Styled) and isinstance(item, Styled) and last.kind == item.kind
              and last.kind in _MERGING_STYLES):
            joined = list(last.content)
            _meld(joined, item.content)
            out[-1] = Styled(last.kind, tuple(joined))
        else:
            out.append(item)
    return None


def _trim(items: list[object]) -> list[object]:
    start, end = 0, len(items)
    while start < end and isinstance(items[start], (Space, SoftBreak)):
        start += 1
    while end > start and isinstance(items[end - 1], (Space, SoftBreak)):
        end -= 1
    return items[start:end]


def _extract_spaces(wrap: Callable[[tuple[object, ...]], object], items: list[object]) -> list[object]:
    """pandoc's `extractSpaces`: a leading or trailing space goes outside the element."""
    out: list[object] = []
    if items and isinstance(items[0], (Space, SoftBreak)):
        out.append(items[0])
    _meld(out, [wrap(tuple(_trim(items)))])
    if items and isinstance(items[-1], (Space, SoftBreak)):
        _meld(out, [items[-1]])
    return out


_TOKENS = re.compile(r"[ \t\n]+|[^ \t\n]+")


def _text_inlines(text: str) -> list[object]:
    out: list[object] = []
    for token in _TOKENS.findall(text):
        if token[0] in SPACE_CHARS:
            out.append(SOFTBREAK if "\n" in token else SPACE)
        else:
            out.append(Str(token))
    return out


def _inlines(children: list[Element | str]) -> list[object]:
    out: list[object] = []
    for child in children:
        _meld(out, _text_inlines(child) if isinstance(child, str) else _inline(child))
    return out


def _inline(element: Element) -> list[object]:
    tag = element.tag
    if tag not in INLINE_TAGS:
        raise Unsupported(f"<{tag}> inside text on line {element.line}")
    if tag in STYLED:  # pandoc keeps none of their attributes
        kind = STYLED[tag]
        return _extract_spaces(lambda content: Styled(kind, content), _inlines(element.children))
    if tag == "br":
        _check_attrs(element)
        return [LINEBREAK]
    if tag in ("abbr", "kbd", "mark", "dfn"):
        _check_attrs(element)
        attr = _attr(element)
        return [Span(attr._replace(classes=(tag, *attr.classes)), tuple(_inlines(element.children)))]
    if tag == "small":
        small = Attr("", ("small",))
        return _extract_spaces(lambda content: Span(small, content), _inlines(element.children))
    if tag == "span":
        _check_attrs(element)
        attr = _attr(element)
        special = {"smallcaps", "mjx-chtml", "MathJax_CHTML", "MathJax_Preview", "MJX_Assistive_MathML"}
        if special & set(attr.classes) or attr.classes == ("katex-html",):
            raise Unsupported(f"<span class=\"{' '.join(attr.classes)}\"> on line {element.line}")
        return [Span(attr, tuple(_inlines(element.children)))]
    if tag == "a":
        return _link(element)
    if tag == "img":
        return [_image(element)]
    return [_code(element)]  # code, tt


def _link(element: Element) -> list[object]:
    _check_attrs(element, ("href", "title"))
    if any(isinstance(c, Element) and c.tag == "a" for c in _descendants(element)):
        raise Unsupported(f"a link inside a link on line {element.line}")
    values = dict(element.attrs)
    attr = _attr(element, drop=("href", "title"))
    content = _inlines(element.children)
    if "href" not in values:
        return _extract_spaces(lambda inner: Span(attr, inner), content)
    url, title = escape_uri(values["href"]), values.get("title", "")
    return _extract_spaces(lambda inner: Link(attr, inner, url, title), content)


def _image(element: Element) -> Image:
    _check_attrs(element, ("src", "alt", "title", "width", "height"))  # the size: for handout.lua
    values = dict(element.attrs)
    if "src" not in values:
        raise Unsupported(f"<img> without src on line {element.line}")
    attr = _attr(element, drop=("src", "alt", "title"))
    return Image(attr, tuple(_text_inlines(values.get("alt", ""))), escape_uri(values["src"]),
                 values.get("title", ""))


def _code(element: Element) -> Code:
    if element.attrs or any(isinstance(c, Element) for c in element.children):
        raise Unsupported(f"<{element.tag}> with attributes or markup on line {element.line}")
    text = "".join(" " if isinstance(item, (Space, SoftBreak)) else getattr(item, "text", "")
                   for item in _inlines(element.children))
    if not text:
        raise Unsupported(f"an empty <{element.tag}> on line {element.line}")
    return Code(text)


def _pre_text(element: Element) -> str:
    parts = []
    for child in element.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag == "pre":
            raise Unsupported(f"a <pre> inside a <pre> on line {child.line}")
        else:
            parts.append("\n" if child.tag == "br" else _pre_text(child))
    return "".join(parts)


def _descendants(element: Element) -> Iterator[Element | str]:
    for child in element.children:
        yield child
        if isinstance(child, Element):
            yield from _descendants(child)


def escape_uri(url: str) -> str:
    """pandoc's `escapeURI`: spaces and `<>|"{}[]^`` percent-encoded (UTF-8)."""
    def needs(c: str) -> bool:
        return c in ' \t\n\r\f\v<>|"{}[]^`' or c == "\xa0" or unicodedata.category(c) == "Zs"

    if not any(needs(c) for c in url):
        return url
    return "".join("".join(f"%{b:02X}" for b in c.encode("utf-8")) if needs(c) else c for c in url)


# -- blocks

class _Reader:
    def __init__(self) -> None:
        self.header_ids: set[str] = set()

    def blocks(self, children: list[Element | str]) -> list[object]:
        """pandoc's `block` loop: runs of text and inline elements become Plain blocks."""
        out: list[object] = []
        run: list[Element | str] = []
        for child in children:
            if isinstance(child, str) or child.tag in INLINE_TAGS:
                run.append(child)
                continue
            self._plain(run, out)
            run = []
            out.extend(self.block(child))
        self._plain(run, out)
        return out

    @staticmethod
    def _plain(run: list[Element | str], out: list[object]) -> None:
        if run:
            content = _trim(_inlines(run))
            if content:
                out.append(Plain(tuple(content)))

    def block(self, element: Element) -> list[object]:
        tag = element.tag
        if tag not in BLOCK_TAGS:
            raise Unsupported(f"<{tag}> on line {element.line}")
        if tag == "p":
            _check_attrs(element)
            content = _trim(self._inline_only(element))
            return [Para(tuple(content))] if content else []
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return [self._header(element)]
        if tag in ("ul", "ol"):
            return [self._list(element)]
        if tag == "div":
            return [self._div(element)]
        if tag == "hr":
            _check_attrs(element)
            return [HorizontalRule()]
        if tag == "blockquote":
            if element.attrs:
                raise Unsupported(f"<blockquote> with attributes on line {element.line}")
            return [BlockQuote(tuple(fix_plains(self.blocks(element.children), in_list=False)))]
        if tag == "pre":
            return [self._code_block(element)]
        if tag == "dl":
            return [self._definitions(element)]
        if tag == "table":
            return [self._table(element)]
        return [self._figure(element)]

    def _inline_only(self, element: Element) -> list[object]:
        for child in element.children:
            if isinstance(child, Element) and child.tag not in INLINE_TAGS:
                raise Unsupported(f"<{child.tag}> inside <{element.tag}> on line {child.line}")
        return _inlines(element.children)

    def _header(self, element: Element) -> Header:
        _check_attrs(element)
        attr = _attr(element)
        content = tuple(_trim(self._inline_only(element)))
        if not attr.ident:
            attr = attr._replace(ident=self._auto_ident(content, element))
        elif attr.ident in self.header_ids:
            raise Unsupported(f"<{element.tag}> with the id of an earlier heading on line {element.line}")
        self.header_ids.add(attr.ident)
        return Header(int(element.tag[1]), attr, content)

    def _auto_ident(self, content: tuple[object, ...], element: Element) -> str:
        """pandoc's identifier for a heading without one (its `auto_identifiers`), for ASCII text."""
        text = _stringify(content)
        if not re.fullmatch(r"[ -~]*", text):
            raise Unsupported(f"<{element.tag}> without id, with non-ASCII text on line {element.line}")
        kept = "".join(c for c in text.lower() if c == " " or c.isalnum() or c in "_-.")
        base = re.sub(r"^[^a-z]+", "", "-".join(kept.split())) or "section"
        ident, number = base, 0
        while ident in self.header_ids:
            number += 1
            ident = f"{base}-{number}"
        return ident

    def _list(self, element: Element) -> object:
        _check_attrs(element, ("start",) if element.tag == "ol" else ())
        start = dict(element.attrs).get("start", "1")
        if not START.fullmatch(start):
            raise Unsupported(f"<ol start=\"{start}\"> on line {element.line}")
        classes = (dict(element.attrs).get("class") or "")
        if classes in ("lower-roman", "upper-roman", "lower-alpha", "upper-alpha", "decimal"):
            raise Unsupported(f"<{element.tag} class=\"{classes}\"> on line {element.line}")
        items = []
        for child in element.children:
            if isinstance(child, str):
                if child.strip(SPACE_CHARS):
                    raise Unsupported(f"text directly inside <{element.tag}> on line {element.line}")
                continue
            if child.tag != "li":
                raise Unsupported(f"<{child.tag}> directly inside <{element.tag}> on line {child.line}")
            _check_attrs(child)
            item = self.blocks(child.children)
            ident = dict(child.attrs).get("id")
            if ident is not None:
                if item and isinstance(item[0], Plain):
                    item = [Plain((Span(Attr(ident), item[0].content),)), *item[1:]]
                else:
                    item = [Div(Attr(ident), tuple(item))]
            items.append(tuple(fix_plains(item, in_list=True)))
        if element.tag == "ul":
            return BulletList(tuple(items))
        return OrderedList(int(start), tuple(items))

    def _definitions(self, element: Element) -> DefinitionList:
        """Runs of terms (`<dt>`, joined by line breaks) each with its definitions (`<dd>`)."""
        _check_attrs(element)
        items: list[tuple[tuple[object, ...], tuple[tuple[object, ...], ...]]] = []
        terms: list[list[object]] = []
        definitions: list[tuple[object, ...]] = []
        for child in self._children_only(element, ("dt", "dd")):
            _check_attrs(child)
            if child.tag == "dt":
                if definitions:
                    items.append((_join_terms(terms), tuple(definitions)))
                    terms, definitions = [], []
                terms.append(_trim(self._inline_only(child)))
            elif not terms:
                raise Unsupported(f"a <dd> before any <dt> on line {child.line}")
            else:
                definitions.append(tuple(fix_plains(self.blocks(child.children), in_list=True)))
        if terms and not definitions:
            raise Unsupported(f"a <dt> without <dd> on line {element.line}")
        if terms:
            items.append((_join_terms(terms), tuple(definitions)))
        return DefinitionList(tuple(items))

    def _div(self, element: Element) -> Div:
        _check_attrs(element)
        attr = _attr(element)
        if attr.classes == ("line-block",):
            raise Unsupported(f"<div class=\"line-block\"> on line {element.line}")
        content = self.blocks(element.children)
        if content and isinstance(content[0], Header) and content[0].attr.ident == attr.ident:
            first = content[0]
            content[0] = Header(first.level, first.attr._replace(ident=""), first.content)
        return Div(attr, tuple(content))

    def _code_block(self, element: Element) -> CodeBlock:
        """`<pre>`: all the text inside, as pandoc reads it (highlighting spans dropped). A class on the
        `<pre>` is kept only if it cannot name a language pandoc would highlight: a BEM name
        (`block__element`, as `atlas-cite-page__bibtex`), never a language's name or file extension;
        a `<code>` with attributes right after `<pre>` (a language) is refused."""
        classes = (dict(element.attrs).get("class") or "").split()
        if [name for name, _ in element.attrs] not in ([], ["class"]) or not all("__" in c for c in classes):
            raise Unsupported(f"<pre> with attributes on line {element.line}")
        first = element.children[0] if element.children else None
        if not element.attrs and isinstance(first, Element) and first.tag == "code" and first.attrs:
            raise Unsupported(f"<pre><code> with attributes (a language) on line {element.line}")
        text = _pre_text(element)
        return CodeBlock(text[:-1] if text.endswith("\n") else text, classes[0] if classes else "")

    def _table(self, element: Element) -> Table:
        _check_attrs(element)
        head: list[tuple[Cell, ...]] = []
        body_head: list[tuple[Cell, ...]] = []
        body: list[tuple[Cell, ...]] = []
        parts = self._children_only(element, ("thead", "tbody", "tr"))
        if not parts:
            raise Unsupported(f"an empty <table> on line {element.line}")
        tags = [part.tag for part in parts]
        if tags not in (["thead", "tbody"], ["tbody"]) and any(tag != "tr" for tag in tags):
            raise Unsupported(f"a <table> with parts other than <thead>, <tbody> on line {element.line}")
        if parts[0].tag == "tr":  # no <thead>, no <tbody>: a first row of <th> only is the header
            rows = [self._row(tr) for tr in parts]
            if rows[0][1] and all(kind == "th" for kind in rows[0][1]):
                head.append(rows.pop(0)[0])
            while head and rows and rows[0][1] and all(kind == "th" for kind in rows[0][1]):
                body_head.append(rows.pop(0)[0])
            body = [cells for cells, _ in rows]
        else:
            for part in parts:
                _check_attrs(part)
                rows = [self._row(tr) for tr in self._children_only(part, ("tr",))]
                if part.tag == "thead":
                    head = [cells for cells, _ in rows]
                    continue
                while rows and rows[0][1] and all(kind == "th" for kind in rows[0][1]):
                    body_head.append(rows.pop(0)[0])
                body = [cells for cells, _ in rows]
        lengths = {len(row) for row in (*head, *body_head, *body)}
        if len(lengths) != 1 or not (body_head or body):
            raise Unsupported(f"a <table> whose rows differ in length on line {element.line}")
        columns = lengths.pop()
        first_body = (*body_head, *body)
        aligns = tuple(cell.align or "auto" for cell in first_body[0]) if first_body else ("auto",) * columns
        table = Table(_attr(element), tuple(head), tuple(body_head), tuple(body), aligns)
        return table._replace(simple=_simple_cells(table))

    def _children_only(self, element: Element, tags: tuple[str, ...]) -> list[Element]:
        found = []
        for child in element.children:
            if isinstance(child, str):
                if child.strip(SPACE_CHARS):
                    raise Unsupported(f"text directly inside <{element.tag}> on line {element.line}")
            elif child.tag in tags:
                found.append(child)
            else:
                raise Unsupported(f"<{child.tag}> inside <{element.tag}> on line {child.line}")
        return found

    def _row(self, row: Element) -> tuple[tuple[Cell, ...], list[str]]:
        _check_attrs(row)
        cells, kinds = [], []
        for cell in self._children_only(row, ("td", "th")):
            _check_attrs(cell, ("style",))
            style = dict(cell.attrs).get("style")
            align = ""
            if style is not None:
                found = re.fullmatch(r"text-align: (left|right|center);", style)
                if not found:
                    raise Unsupported(f"<{cell.tag} style=\"{style}\"> on line {cell.line}")
                align = found.group(1)
            cells.append(Cell(align, tuple(self.blocks(cell.children))))
            kinds.append(cell.tag)
        return tuple(cells), kinds

    def _figure(self, element: Element) -> Figure:
        _check_attrs(element)
        caption: list[object] = []
        content: list[object] = []
        run: list[Element | str] = []
        for child in element.children:
            if isinstance(child, Element) and child.tag == "figcaption":
                _check_attrs(child)
                content.extend(self.blocks(run))
                run = []
                caption.extend(self.blocks(child.children))
            else:
                run.append(child)
        content.extend(self.blocks(run))
        return Figure(_attr(element), tuple(caption), tuple(content))


def _join_terms(terms: list[list[object]]) -> tuple[object, ...]:
    joined: list[object] = []
    for term in terms:
        if joined:
            _meld(joined, [LINEBREAK])
            _meld(joined, term)
        else:
            joined = list(term)
    return tuple(joined)


_PARAISH = (Para, CodeBlock, Header, BlockQuote)


def fix_plains(blocks: list[object], in_list: bool) -> list[object]:
    """pandoc's `fixPlains`: beside a paragraph-like block, plain blocks become paragraphs."""
    paraish = _PARAISH if in_list else (*_PARAISH, BulletList, OrderedList, DefinitionList)
    if any(isinstance(b, paraish) for b in blocks):
        return [Para(b.content) if isinstance(b, Plain) else b for b in blocks]
    return blocks


def read_html(html: str) -> list[object]:
    """The cleaned article as a document (pandoc's HTML reader, for the HTML a handout holds)."""
    root = parse_tree(html)
    return fix_plains(_Reader().blocks(root.children), in_list=False)


# == 3. The rules of handout.lua =========================================================================


def _stringify(items: Iterable[object]) -> str:
    """pandoc.utils.stringify"""
    parts = []
    for item in items:
        if isinstance(item, Str | Code):
            parts.append(item.text)
        elif isinstance(item, (Space, SoftBreak, LineBreak)):
            parts.append(" ")
        elif isinstance(item, (Styled, Span, Link)):
            parts.append(_stringify(item.content))
        elif isinstance(item, Image):
            parts.append(_stringify(item.alt))
    return "".join(parts)


def _walk_inlines(items: Iterable[object]) -> Iterator[object]:
    for item in items:
        yield item
        if isinstance(item, (Styled, Span, Link)):
            yield from _walk_inlines(item.content)
        elif isinstance(item, Image):
            yield from _walk_inlines(item.alt)


def _walk_blocks(blocks: Iterable[object]) -> Iterator[object]:
    """Every block and inline of the document."""
    for block in blocks:
        yield block
        if isinstance(block, (Plain, Para, Header)):
            yield from _walk_inlines(block.content)
        elif isinstance(block, (Div, BlockQuote)):
            yield from _walk_blocks(block.content)
        elif isinstance(block, (BulletList, OrderedList)):
            for item in block.items:
                yield from _walk_blocks(item)
        elif isinstance(block, Table):
            for row in (*block.head, *block.body_head, *block.body):
                for cell in row:
                    yield from _walk_blocks(cell.content)
        elif isinstance(block, Figure):
            yield from _walk_blocks(block.caption)
            yield from _walk_blocks(block.content)
        elif isinstance(block, DefinitionList):
            for term, definitions in block.items:
                yield from _walk_inlines(term)
                for definition in definitions:
                    yield from _walk_blocks(definition)


_LUA_SPACE = " \t\n\r\f\v"


def typst_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _safe_label(ident: str) -> bool:
    return re.fullmatch(r"[A-Za-z0-9_\-.:]+", ident) is not None


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _normalise_address(text: str) -> str:
    text = text.translate(_ASCII_LOWER)
    for pattern in (r"https?://", r"www\.", r"doi:[ \t\n\r\f\v]*", r"doi\.org/", r"dx\.doi\.org/"):
        text = re.sub("^" + pattern, "", text, count=1)
    return text[:-1] if text.endswith("/") else text


def _typst_length(value: str | None) -> str | None:
    if value is None:
        return None
    percent = re.fullmatch(r"[ \t\n\r\f\v]*(\d+\.?\d*)%[ \t\n\r\f\v]*", value)
    if percent:
        return percent.group(1) + "%"
    pixels = re.fullmatch(r"[ \t\n\r\f\v]*(\d+\.?\d*)[ \t\n\r\f\v]*p?x?[ \t\n\r\f\v]*", value)
    if pixels:
        return f"{float(pixels.group(1)) * 0.75:.2f}pt"
    return None


class _Rules:
    """handout.lua, in the order pandoc runs it: inline elements (bottom-up), then blocks (bottom-up)."""

    def __init__(self, blocks: list[object]) -> None:
        self.ids: set[str] = set()
        self.targets: set[str] = set()
        for item in _walk_blocks(blocks):
            if isinstance(item, (Span, Div, Header, Table, Figure)) and item.attr.ident:
                self.ids.add(item.attr.ident)
            elif isinstance(item, Link) and item.url.startswith("#"):
                self.targets.add(item.url[1:])

    # -- inlines
    def inlines(self, items: Iterable[object]) -> tuple[object, ...]:
        out: list[object] = []
        for item in items:
            out.extend(self.inline(item))
        return tuple(out)

    def inline(self, item: object) -> list[object]:
        if isinstance(item, Styled):
            return [Styled(item.kind, self.inlines(item.content))]
        if isinstance(item, Span):
            return self.span(Span(item.attr, self.inlines(item.content)))
        if isinstance(item, Link):
            return self.link(Link(item.attr, self.inlines(item.content), item.url, item.title))
        if isinstance(item, Image):
            return [self.image(Image(item.attr, self.inlines(item.alt), item.url, item.title))]
        return [item]

    def link(self, link: Link) -> list[object]:
        target = link.url
        if not self._visible(link.content):
            return list(link.content)
        if target.startswith("#"):
            return [link] if target[1:] in self.ids else list(link.content)
        if re.match(r"https?://", target) or target.startswith("mailto:"):
            address = target.removeprefix("mailto:")
            if _normalise_address(_stringify(link.content)) != _normalise_address(address):
                return [link, RawInline(f"#atlas-url({typst_string(address)})")]
            return [link]
        return list(link.content)  # another page of the site: relative addresses mean nothing on paper

    @staticmethod
    def _visible(items: tuple[object, ...]) -> bool:
        if any(c not in _LUA_SPACE for c in _stringify(items)):
            return True
        return any(isinstance(item, (Image, RawInline)) for item in _walk_inlines(items))

    def span(self, span: Span) -> list[object]:
        ident = span.attr.ident
        if not ident:
            return [span]
        bare = Span(span.attr._replace(ident=""), span.content)
        if ident in self.targets and _safe_label(ident):
            return [RawInline(f"#metadata(none)<{ident}>"), bare]
        return [bare]

    @staticmethod
    def image(image: Image) -> RawInline:
        raw = re.sub(rb"%([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), image.url.encode("utf-8"))
        try:
            path = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise Unsupported(f"an image address that is not UTF-8: {image.url}") from None
        args = [typst_string(path)]
        width = _typst_length(dict(image.attr.kvs).get("width"))
        if width:
            args.append(f"width: {width}")
        alt = _stringify(image.alt).strip(_LUA_SPACE)
        if not alt:
            return RawInline(f"#pdf.artifact(box(image({', '.join(args)})))")
        args.append(f"alt: {typst_string(alt)}")
        return RawInline(f"#box(image({', '.join(args)}))")

    # -- blocks (after their inlines)
    def inline_pass(self, block: object) -> object:
        if isinstance(block, (Plain, Para)):
            return type(block)(self.inlines(block.content))
        if isinstance(block, Header):
            return Header(block.level, block.attr, self.inlines(block.content))
        if isinstance(block, Div):
            return Div(block.attr, tuple(self.inline_pass(b) for b in block.content))
        if isinstance(block, BlockQuote):
            return BlockQuote(tuple(self.inline_pass(b) for b in block.content))
        if isinstance(block, (BulletList, OrderedList)):
            items = tuple(tuple(self.inline_pass(b) for b in item) for item in block.items)
            return block._replace(items=items)
        if isinstance(block, Table):
            def rows(group: tuple[tuple[Cell, ...], ...]) -> tuple[tuple[Cell, ...], ...]:
                return tuple(tuple(Cell(c.align, tuple(self.inline_pass(b) for b in c.content)) for c in row)
                             for row in group)
            return _table_rows(block, rows)
        if isinstance(block, DefinitionList):
            return DefinitionList(tuple((self.inlines(term), tuple(tuple(self.inline_pass(b) for b in d)
                                                                    for d in definitions))
                                        for term, definitions in block.items))
        if isinstance(block, Figure):
            return Figure(block.attr, tuple(self.inline_pass(b) for b in block.caption),
                          tuple(self.inline_pass(b) for b in block.content))
        return block

    def blocks(self, blocks: Iterable[object]) -> list[object]:
        out: list[object] = []
        for block in blocks:
            out.extend(self.block(block))
        return out

    def block(self, block: object) -> list[object]:
        if isinstance(block, Div):
            return self.div(Div(block.attr, tuple(self.blocks(block.content))))
        if isinstance(block, BlockQuote):
            return [BlockQuote(tuple(self.blocks(block.content)))]
        if isinstance(block, (BulletList, OrderedList)):
            return [block._replace(items=tuple(tuple(self.blocks(item)) for item in block.items))]
        if isinstance(block, Table):
            def rows(group: tuple[tuple[Cell, ...], ...]) -> tuple[tuple[Cell, ...], ...]:
                return tuple(tuple(Cell(c.align, tuple(self.blocks(c.content))) for c in row)
                             for row in group)
            table = _table_rows(block, rows)
            if not table.head and table.body_head:  # the header row sits in the body: make it the head
                table = table._replace(head=table.body_head, body_head=())
            return [table]
        if isinstance(block, Figure):
            return [Figure(block.attr, tuple(self.blocks(block.caption)), tuple(self.blocks(block.content)))]
        if isinstance(block, DefinitionList):
            return [DefinitionList(tuple((term, tuple(tuple(self.blocks(d)) for d in definitions))
                                         for term, definitions in block.items))]
        return [block]

    def div(self, div: Div) -> list[object]:
        classes = div.attr.classes
        if "admonition" in classes:
            kind = next((c for c in classes if c not in ("admonition", "inline", "end")), "note")
            title: tuple[object, ...] = ()
            body: list[object] = []
            for block in div.content:
                if not title and isinstance(block, Div) and "admonition-title" in block.attr.classes:
                    title = block.content
                else:
                    body.append(block)
            title_typst = render(blocks_doc(title), 72).rstrip(_LUA_SPACE)
            opening = f"#atlas-note(kind: {typst_string(kind)}, title: [{title_typst}])["
            ident = div.attr.ident
            closing = f"] <{ident}>" if ident in self.targets and _safe_label(ident) else "]"
            return [RawBlock(opening), *body, RawBlock(closing)]
        if div.attr.ident and div.attr.ident not in self.targets:
            return [Div(div.attr._replace(ident=""), div.content)]
        return [div]


Rows = tuple[tuple[Cell, ...], ...]


def _table_rows(table: Table, rows: Callable[[Rows], Rows]) -> Table:
    return table._replace(head=rows(table.head), body_head=rows(table.body_head), body=rows(table.body))


def apply_handout_rules(blocks: list[object]) -> list[object]:
    rules = _Rules(blocks)
    return rules.blocks([rules.inline_pass(block) for block in blocks])


# == 4. The pretty-printer (DocLayout) ===================================================================
# A document is a flat list of atoms: ("T", text), BS (breaking space), CR (newline unless at the start
# of a line), NL (newline), ("BL", n) (n blank lines unless there already), ("AB", text) (text only at
# the start of a line), ("P", prefix, doc) (every line of doc prefixed).

Doc = list
BS, CR, NL = ("BS",), ("CR",), ("NL",)
BLANKLINE = ("BL", 1)


def lit(text: str) -> Doc:
    """`literal`: lines joined by newlines; empty pieces vanish."""
    if "\n" not in text:
        return [("T", text)] if text else []
    out: Doc = []
    for index, piece in enumerate(text.split("\n")):
        if index:
            out.append(NL)
        if piece:
            out.append(("T", piece))
    return out


def vcat(docs: Iterable[Doc], separator: tuple = CR) -> Doc:
    out: Doc = []
    for doc in docs:
        if doc:
            if out:
                out.append(separator)
            out.extend(doc)
    return out


def above(*docs: Doc) -> Doc:
    """`a $$ b $$ c`"""
    return vcat(docs)


def vsep(docs: Iterable[Doc]) -> Doc:
    return vcat(docs, BLANKLINE)


def nest(indent: int, doc: Doc) -> Doc:
    return [("P", " " * indent, doc)] if doc else []


def chomp(doc: Doc) -> Doc:
    doc = list(doc)
    while doc:
        last = doc[-1]
        if last in (BS, CR, NL) or last[0] == "BL":
            doc.pop()
            continue
        if last[0] == "P":
            doc[-1] = ("P", last[1], chomp(last[2]))
        break
    return doc


def nowrap(doc: Doc) -> Doc:
    return [("T", " ") if atom == BS else atom for atom in doc]


def _width(text: str) -> int:
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _flatten(doc: Doc) -> Doc:
    out: Doc = []
    for atom in doc:
        kind = atom[0]
        if kind == "P":
            inner = _normalize(_flatten(atom[2]))
            if inner:
                out.append(("P", atom[1], inner))
        elif kind == "AB":
            if atom[1]:
                out.append(atom)
        else:
            out.append(atom)
    return out


def _normalize(items: Doc) -> Doc:
    out: Doc = []
    stack = list(reversed(items))
    while stack:
        x = stack.pop()
        if not stack:
            if x == NL or x[0] == "BL":
                out.append(CR)
            elif x != BS:
                out.append(x)
            break
        y = stack[-1]
        xk, yk = x[0], y[0]
        if xk == "BL" and yk == "BL":
            stack[-1] = ("BL", max(x[1], y[1]))
        elif xk == "BL" and yk in ("BS", "CR", "NL"):
            stack[-1] = x
        elif xk == "NL" and yk == "BL":
            pass
        elif xk == "NL" and yk in ("BS", "CR"):
            stack[-1] = x
        elif xk == "CR" and yk in ("CR", "BL"):
            pass
        elif xk == "CR" and yk == "BS":
            stack[-1] = x
        elif xk == "BS" and yk in ("CR", "NL", "BL", "BS"):
            pass
        else:
            out.append(x)
    return out


class _Renderer:
    def __init__(self, line_length: int | None) -> None:
        self.out: list[str] = []
        self.prefix = ""
        self.column = 0
        self.newlines = 2
        self.line_length = line_length

    def newline(self) -> None:
        if self.column == 0 and self.prefix:
            prefix = self.prefix.rstrip()
            self.out.append(prefix)
            self.column += _width(prefix)
        self.out.append("\n")
        self.column = 0
        self.newlines += 1

    def emit(self, text: str, width: int) -> None:
        if self.column == 0 and self.prefix:
            self.out.append(self.prefix)
            self.column += _width(self.prefix)
        self.out.append(text)
        self.column += width
        self.newlines = 0
        if width == 0 and self.column == 0 and self.prefix:
            raise Unsupported("text of no width at the start of an indented line")

    def run(self, items: Doc) -> None:
        index, count = 0, len(items)
        while index < count:
            atom = items[index]
            index += 1
            kind = atom[0]
            if kind == "T":
                self.emit(atom[1], _width(atom[1]))
            elif kind == "P":
                old = self.prefix
                self.prefix = old + atom[1]
                self.run(_normalize(atom[2]))
                self.prefix = old
            elif kind == "BL":
                if self.newlines <= atom[1]:
                    for _ in range(1 + atom[1] - self.newlines):
                        self.newline()
            elif kind == "CR":
                if self.newlines == 0:
                    self.newline()
            elif kind == "NL":
                self.newline()
            elif kind == "BS":
                while index < count and items[index] == BS:
                    index += 1
                if self.line_length is not None:
                    following = 0
                    for later in items[index:]:
                        if later[0] in ("BS", "CR", "NL", "BL"):
                            break
                        if later[0] == "T":
                            following += _width(later[1])
                    if self.column + 1 + following > self.line_length:
                        self.newline()
                        continue
                if self.column > 0:
                    self.emit(" ", 1)
            elif kind == "AB" and self.newlines > 0:
                self.emit(atom[1], _width(atom[1]))


def render(doc: Doc, line_length: int | None) -> str:
    renderer = _Renderer(line_length)
    renderer.run(_normalize(_flatten(doc)))
    return "".join(renderer.out)


# == 5. pandoc's Typst writer ============================================================================

_ALWAYS_ESCAPED = frozenset('[]#<>@$\\`_*~\'"')  # with smart punctuation on, as pandoc's default
_LINE_START = frozenset("/+-=")


_NEEDS_ESCAPE = re.compile("[][#<>@$\\\\`_*~'\"\u00a0\u2019\u2013\u2014;/+=-]|^[0-9]+\\.$")


@functools.lru_cache(maxsize=4096)
def _escaped(text: str, term: bool) -> tuple[tuple[str, ...], ...]:
    return tuple(escape_text(text, term))


def escape_text(text: str, term: bool = False) -> Doc:
    """`escapeTypst` for one Str: Typst's special characters, list and heading markers at a line start
    (and `:` in the term of a definition list)."""
    if not _NEEDS_ESCAPE.search(text) and not (term and ":" in text):
        return [("T", text)]
    out: Doc = []
    first = text[:1]
    if first == ";":
        out.append(("T", "\\"))
    elif first in _LINE_START or re.fullmatch(r"[0-9]+\.", text):
        out.append(("AB", "\\"))
    pieces = []
    last = "\n"
    for char in text:
        if char == "\xa0":
            pieces.append("~")
        elif char == "\u2019":
            pieces.append("'")
        elif char == "\u2014":
            pieces.append("---")
        elif char == "\u2013":
            pieces.append("--")
        elif char in _ALWAYS_ESCAPED or (char in "-/" and last == char) or (term and char == ":"):
            pieces.append("\\" + char)
        else:
            pieces.append(char)
        last = char
    out.extend(lit("".join(pieces)))
    return out


def _ident_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "_-.:")


def to_label(ident: str, argument: bool = False) -> Doc:
    if not ident:
        return []
    if "%" in ident or not ident.isascii():
        raise Unsupported(f"the label {ident!r}")
    if all(_ident_char(c) for c in ident):
        return [("T", f"<{ident}>")]
    quoted = ident.replace("\\", "\\\\").replace('"', '\\"')
    return [("T", f'label("{quoted}")' if argument else f'#label("{quoted}")')]


def _spacey(item: object) -> bool:
    return isinstance(item, (Space, SoftBreak, LineBreak))


def _escape_parens(items: tuple[object, ...]) -> list[object]:
    out: list[object] = []
    index, count = 0, len(items)
    while index < count:
        item = items[index]
        if _spacey(item) and index + 1 < count:
            out.extend(items[index:index + 2])
            index += 2
            continue
        if isinstance(item, Str) and item.text.startswith("("):
            out.append(RawInline("\\"))
        out.append(item)
        index += 1
    return out


def inlines_doc(items: tuple[object, ...], term: bool = False) -> Doc:
    out: Doc = []
    for item in _escape_parens(items):
        out.extend(inline_doc(item, term))
    return out


def _bracketed(name: str, items: tuple[object, ...], term: bool) -> Doc:
    inner = inlines_doc(items, term)
    if inner and inner[0] == ("AB", "\\"):  # fixInitialAfterBreakEscape
        inner[0] = ("T", "\\")
    return [("T", name + "["), *inner, ("T", "]")]


def inline_doc(item: object, term: bool = False) -> Doc:
    """One inline; `term`: inside the term of a definition list, where `:` is escaped too."""
    if isinstance(item, Str):
        return list(_escaped(item.text, term))
    if isinstance(item, (Space, SoftBreak)):
        return [BS]
    if isinstance(item, LineBreak):
        return [BS, ("T", "\\"), CR]
    if isinstance(item, RawInline):
        return lit(item.text)
    if isinstance(item, Styled):
        return _bracketed(item.kind, item.content, term)
    if isinstance(item, Span):
        if any(k.startswith("typst:") for k, _ in item.attr.kvs):
            raise Unsupported("a span with Typst attributes")
        inner = inlines_doc(item.content, term)
        if "mark" in item.attr.classes:
            inner = [("T", "#highlight["), *inner, ("T", "]")]
        return inner + to_label(item.attr.ident)
    if isinstance(item, Link):
        if item.url.startswith("#"):
            destination = to_label(item.url[1:], argument=True)
        else:
            destination = [("T", _double_quoted(item.url))]
        out: Doc = [("T", "#link("), *destination, ("T", ")")]
        content = item.content
        if not (len(content) == 1 and type(content[0]) is Str and content[0].text == item.url):
            out += nowrap([("T", "["), *inlines_doc(item.content, term), ("T", "]")])
        return out
    if isinstance(item, Code):
        if "`" in item.text:
            return [("T", "#raw(" + _double_quoted(item.text) + ")")]
        return lit(f"`{item.text}`")
    raise Unsupported(f"no Typst for {type(item).__name__}")


def _double_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _tight(items: tuple[tuple[object, ...], ...]) -> bool:
    """pandoc's `isTightList`: every item starts with plain text, or is only a tight list."""
    def plain_item(item: tuple[object, ...]) -> bool:
        if not item or isinstance(item[0], Plain):
            return True
        return len(item) == 1 and isinstance(item[0], (BulletList, OrderedList)) and _tight(item[0].items)

    return all(plain_item(item) for item in items)


def blocks_doc(blocks: Iterable[object]) -> Doc:
    return vcat(block_doc(block) for block in blocks)


def _list_doc(items: tuple[tuple[object, ...], ...], marker: str) -> Doc:
    docs = [chomp([("T", marker), BS, *nest(2, blocks_doc(item))]) for item in items]
    return vcat(docs) if _tight(items) else vsep(docs)


def block_doc(block: object) -> Doc:
    if isinstance(block, Plain):
        return inlines_doc(block.content)
    if isinstance(block, Para):
        return above(inlines_doc(block.content), [BLANKLINE])
    if isinstance(block, Header):
        if {"unlisted", "unnumbered"} & set(block.attr.classes):
            raise Unsupported("an unlisted or unnumbered heading")
        line = nowrap([("T", "=" * block.level), BS, *inlines_doc(block.content)])
        return [*line, CR, *to_label(block.attr.ident)]
    if isinstance(block, RawBlock):
        return lit(block.text)
    if isinstance(block, BulletList):
        return above(_list_doc(block.items, "-"), [BLANKLINE])
    if isinstance(block, OrderedList):
        items = _list_doc(block.items, "+")
        if block.start != 1:
            numbering = [("T", f'#set enum(numbering: "1.", start: {block.start})')]
            items = above([("T", "#block[")], numbering, items, [("T", "]")])
        return above(items, [BLANKLINE])
    if isinstance(block, Div):
        content = block.content
        if content and isinstance(content[0], Header) and not content[0].attr.ident:
            first = content[0]
            labelled = Header(first.level, first.attr._replace(ident=block.attr.ident), first.content)
            return blocks_doc([labelled, *content[1:]])
        if any(k == "lang" or k.startswith("typst:") for k, _ in block.attr.kvs):
            raise Unsupported("a div with a language or Typst attributes")
        label = to_label(block.attr.ident)
        closing = [("T", "]"), BS, *label] if label else [("T", "]")]
        return above([("T", "#block[")], blocks_doc(content), closing)
    if isinstance(block, HorizontalRule):
        return [BLANKLINE, ("T", "#horizontalrule"), BLANKLINE]
    if isinstance(block, DefinitionList):
        items = []
        for term, definitions in block.items:
            opening = nowrap([("T", "/ "), *inlines_doc(term, term=True), ("T", ": "), ("T", "#block[")])
            items.append(above(opening, chomp(vsep(blocks_doc(d) for d in definitions)), [("T", "]")]))
        return above(vsep(items), [BLANKLINE])
    if isinstance(block, BlockQuote):
        return above([("T", "#quote(block: true)[")], chomp(blocks_doc(block.content)), [("T", "]")],
                     [BLANKLINE])
    if isinstance(block, CodeBlock):
        longest = max((len(run) for run in re.findall(r"`+", block.text)), default=0)
        fence = ("T", "`" * max(3, longest + 1))
        opening = [fence, ("T", block.language)] if block.language else [fence]
        return [*opening, CR, *lit(block.text), CR, fence, BLANKLINE]
    if isinstance(block, Table):
        return _table_doc(block)
    if isinstance(block, Figure):
        caption = blocks_doc(block.caption)
        contents = [("T", "["), *blocks_doc(block.content), ("T", "]")]
        inner = above([*contents, ("T", ",")], above([("T", "caption: [")], nest(2, caption), [("T", "]")]))
        return above([("T", "#figure("), *nest(2, inner)], [("T", ")")], to_label(block.attr.ident),
                     [BLANKLINE])
    raise Unsupported(f"no Typst for {type(block).__name__}")


def _simple_cells(table: Table) -> bool:
    for row in (*table.head, *table.body_head, *table.body):
        for cell in row:
            content = cell.content
            if not content:
                continue
            if len(content) != 1 or not isinstance(content[0], (Plain, Para)):
                return False
            if any(isinstance(item, LineBreak) for item in _walk_inlines(content[0].content)):
                return False
    return True


def _table_doc(table: Table) -> Doc:
    columns = len(table.aligns)
    if table.simple:
        widths: Doc = [("T", str(columns))]
    else:
        share = f"{(1 / columns) * 100:.2f}".rstrip("0").rstrip(".") + "%"
        widths = [("T", "(" + ", ".join([share] * columns) + ")")]

    def cell_doc(cell: Cell) -> Doc:
        contents = [("T", "["), *blocks_doc(cell.content), ("T", "]")]
        if cell.align:
            return [("T", f"table.cell(align: {cell.align})"), *contents]
        return contents

    def row_doc(row: tuple[Cell, ...]) -> Doc:
        out: Doc = []
        for index, cell in enumerate(row):
            if index:
                out.append(("T", ", "))
            out.extend(cell_doc(cell))
        return [*out, ("T", ",")]

    header: Doc = []
    if table.head:
        header = above([("T", "table.header("), *nest(2, vcat(row_doc(r) for r in table.head)), ("T", "),")],
                       [("T", "table.hline(),")])
    body_rows = [row_doc(r) for r in table.body_head]
    if body_rows:
        body_rows.append([("T", "table.hline(),")])
    body_rows += [row_doc(r) for r in table.body]
    inner = above([("T", "columns: "), *widths, ("T", ",")],
                  [("T", "align: (" + "".join(f"{a}," for a in table.aligns) + "),")], header,
                  vcat(body_rows))
    typst_table = above([("T", "table(")], nest(2, inner), [("T", ")")])
    figure_inner = above([("T", "align(center)["), ("T", "#"), *typst_table, ("T", "]")],
                         [("T", ", kind: table")], [("T", ")")])
    return above([("T", "#figure(")], nest(2, figure_inner), to_label(table.attr.ident), [BLANKLINE])
