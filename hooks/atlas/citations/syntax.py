"""Pandoc citation syntax in Markdown: `[@key]`, `[@a; @b]`, `[@a, p. 33]`, `[see @a]`, `[-@a]`,
braced keys `[@{odd/key}]`, and author-in-text `@key` / `@key [p. 33]` outside brackets.

One grammar (`find`, `parse_bracketed`, `parse_in_text`, Pandoc's reader rules: issue 23) serves both
views of a page: the Markdown extension (`atlas.citations.extension`) runs it on what Python-Markdown
renders, where code, escapes, links and raw HTML are placeholders; the page scanner (`scan`,
`cited_keys`) runs it on the source, where the same things are protected spans. Either way they are
opaque units of a `Text`, so tools (translation parity, unused entries in `scripts/lint_bib.py`,
readability) find exactly the citations the site renders. tests/unit/test_citation_pandoc_oracle.py
holds the grammar to pandoc's reading, with the deliberate differences CONTRIBUTING.md lists.

An `@` is never a citation inside fenced or inline code, HTML comments, URLs, autolinks, link
targets or e-mail addresses, and `\\@` is a literal `@`. The scanner works on the whole page text
(not line by line) so citations inside admonitions, lists and tables are found like any other,
and it records each citation's line so that errors can name it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

FENCE_OPEN = re.compile(r"^[ \t>]*(?P<fence>`{3,}|~{3,})")
BACKTICKS = re.compile(r"`+")
PROTECTED_ALTERNATIVES = (
    r"<!--.*?(?:-->|\Z)"                                   # HTML comment
    r"|<(?:[a-z][a-z0-9+.-]*:|[^\s<>@]+@)[^\s<>]*>"          # autolink <https://…>, <a@b.c>
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)?"                   # link target ](…)
    r"|(?<!@\{)\b(?:https?|ftp|mailto):[^\s<>\]]+"          # bare URL (not a braced key `@{https://…}`)
    r"|(?<!@\{)\bwww\.[^\s<>\]]+"
)
# The lookahead names the characters the alternatives can start with: Python's engine then skips every
# other position at once instead of trying five alternatives there (3x faster over the site's pages;
# the same matches, property-tested against the alternatives alone).
PROTECTED = re.compile(rf"(?=[<\]hfmw])(?:{PROTECTED_ALTERNATIVES})", re.S | re.I)


@dataclass(frozen=True)
class CiteItem:
    key: str
    prefix: str = ""
    locator: str = ""
    suppress_author: bool = False   # `[-@key]`: only the number (the same as `[@key]` in a numeric style)
    in_text: bool = False           # `@key`: the authors' names, then the number
    # the Markdown extension's rendering of prefix and locator (Markdown in them rendered), when it has one
    prefix_html: str = field(default="", compare=False)
    locator_html: str = field(default="", compare=False)


@dataclass(frozen=True)
class CitationGroup:
    """One bracketed citation `[…]` in the page text: offsets, 1-based line, items in written order."""

    start: int
    end: int
    line: int
    items: tuple[CiteItem, ...]

    @property
    def source(self) -> str:
        return ", ".join(item.key for item in self.items)


@dataclass(frozen=True)
class Scan:
    groups: tuple[CitationGroup, ...]
    escapes: tuple[int, ...]  # offsets of the backslash of each `\@` outside code
    protected: tuple[tuple[int, int], ...] = ()  # code, comments, links: see `protected_spans`


def protected_spans(markdown: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) ranges where `@` is never a citation."""
    spans = _fenced_code(markdown)
    spans += _inline_code(markdown, spans)
    code = sorted(spans)
    position = 0
    while (found := PROTECTED.search(markdown, position)) is not None:
        if _inside(code, found.start()):  # `<!--` in code is text: it hides nothing after the code
            position = found.start() + 1
            continue
        spans.append(found.span())
        position = max(found.end(), found.start() + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:  # overlapping (touching spans stay two atoms)
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _fenced_code(markdown: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    offset, opened_at, fence = 0, -1, ""
    for line in markdown.splitlines(keepends=True):
        match = FENCE_OPEN.match(line)
        if opened_at < 0 and match:
            opened_at, fence = offset, match.group("fence")
        elif opened_at >= 0 and match and match.group("fence")[0] == fence[0] \
                and len(match.group("fence")) >= len(fence) and not line[match.end():].strip():
            spans.append((opened_at, offset + len(line)))
            opened_at = -1
        offset += len(line)
    if opened_at >= 0:  # an unclosed fence runs to the end of the document, as in Markdown
        spans.append((opened_at, len(markdown)))
    return spans


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    index = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= pos < spans[index][1]


def _inline_code(markdown: str, fences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Backtick code spans: a run of N backticks up to the next run of exactly N (CommonMark)."""
    spans: list[tuple[int, int]] = []
    runs = [m for m in BACKTICKS.finditer(markdown) if not _inside(fences, m.start())]
    index = 0
    while index < len(runs):
        opener = runs[index]
        if _escaped(markdown, opener.start()):
            index += 1
            continue
        closer = next((j for j in range(index + 1, len(runs))
                       if len(runs[j].group()) == len(opener.group())), None)
        if closer is None:
            index += 1
            continue
        body = markdown[opener.end():runs[closer].start()]
        if re.search(r"\n[ \t]*\n", body):  # a code span never crosses a blank line
            index += 1
            continue
        spans.append((opener.start(), runs[closer].end()))
        index = closer + 1
    return spans


def _escaped(text: str, pos: int) -> bool:
    backslashes = 0
    while pos - backslashes - 1 >= 0 and text[pos - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


# ---- the grammar: one parser for the Markdown extension and every source scanner ----------------------

_KEY = r"\w(?:\w|[:.#$%&+?<>~/-](?=\w)|[:/](?=/))*"  # Pandoc's citation key (simpleCiteIdentifier)
KEY_RE = re.compile(_KEY)
# `@` after these is never a citation: letters and digits (e-mail), `.` and `\\` (as Pandoc), and, stricter
# than Pandoc, `/`, `:` and `@`: an address such as `medium.com/@author` or `mailto:@x` is not a citation
NOT_AFTER = frozenset("./\\:@")
ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
BLANK_LINE = re.compile(r"\n[ \t]*\n")
CANDIDATE = re.compile(r"[\[@-]")  # where a citation may start
SIMPLE_GROUP = re.compile(rf"\[[ \t]*-?@{_KEY}(?=[ \t;\]])(?:[ \t]*;[ \t]*-?@{_KEY}(?=[ \t;\]]))*[ \t]*\]")
SIMPLE_KEY = re.compile(rf"(?P<minus>-?)@(?P<key>{_KEY})")
BRACKET_TOKENS = re.compile(r"\\[!-/:-@\[-`{-~]|[\[\]]|\n[ \t]*\n")


class Text:
    """A paragraph's text as the grammar reads it: `atoms` are spans that are one opaque unit (code,
    links, raw HTML: Python-Markdown's placeholders, or the scanner's protected spans); `spaces` are atoms
    that count as white space (a hard line break)."""

    def __init__(self, text: str, atoms: dict[int, int] | None = None, spaces: frozenset[int] = frozenset(),
                 atom_text: dict[int, str] | None = None) -> None:
        self.s = text
        self.atoms = atoms or {}
        self.spaces = spaces
        self.atom_ends = {end for end in self.atoms.values()}
        self.atom_starts = {end: start for start, end in self.atoms.items()}
        self._brackets: dict[int, int] | None = None
        self._starts = sorted(self.atoms)
        self.cite_ends: set[int] = set()  # where the key of a citation found so far ends
        self.atom_text: dict[int, str] = atom_text or {}  # an atom as plain text (code: its content)

    def step(self, i: int) -> int:
        """The position after the unit at `i`: an atom, an escape `\\x`, or one character."""
        if i in self.atoms:
            return self.atoms[i]
        if self.s[i] == "\\" and i + 1 < len(self.s) and self.s[i + 1] in ESCAPABLE \
                and i + 1 not in self.atoms:
            return i + 2
        return i + 1

    def bracket_close(self, i: int) -> int:
        """The position after the `]` that closes the `[` at `i` (balanced, within its paragraph), or -1."""
        if self._brackets is None:
            self._brackets = {}
            stack: list[int] = []
            starts = sorted(self.atoms)
            for token in BRACKET_TOKENS.finditer(self.s):  # only brackets, escapes, blank lines: fast
                j = token.start()
                index = bisect.bisect_right(starts, j) - 1
                if index >= 0 and j < self.atoms[starts[index]]:
                    continue  # inside code, a link, raw HTML
                text = token.group()
                if text == "[":
                    stack.append(j)
                elif text == "]":
                    if stack:
                        self._brackets[stack.pop()] = j + 1
                elif text[0] == "\n":
                    stack.clear()  # a blank line ends the paragraph
        return self._brackets.get(i, -1)

    def atom_around(self, i: int) -> int | None:
        """The end of the atom `i` is inside (or at the start of), else None."""
        index = bisect.bisect_right(self._starts, i) - 1
        if index >= 0 and i < self.atoms[self._starts[index]]:
            return self.atoms[self._starts[index]]
        return None

    def escaped(self, i: int) -> bool:
        """Is the character at `i` escaped by a backslash (an odd run of them before it)?"""
        run = 0
        while i - run - 1 >= 0 and self.s[i - run - 1] == "\\" and self.atom_around(i - run - 1) is None:
            run += 1
        return run % 2 == 1 and self.s[i] in ESCAPABLE

    def plain_char(self, i: int) -> bool:
        return i not in self.atoms and not (self.s[i] == "\\" and self.step(i) == i + 2)


@dataclass(frozen=True)
class Parsed:
    """A citation the grammar found: its extent, its items, and per item the (start, end) of its prefix
    and of its locator in the text (empty spans when absent), for a renderer to render them as Markdown."""

    start: int
    end: int
    items: tuple[CiteItem, ...]
    prefixes: tuple[tuple[int, int], ...]
    locators: tuple[tuple[int, int], ...]
    bracketed: bool
    key_ends: tuple[int, ...] = ()


def _skip_spaces(t: Text, i: int, end: int) -> int:
    """Pandoc's `spnl`: spaces and tabs, at most one line end (never a blank line)."""
    newline = False
    while i < end:
        c = t.s[i]
        if i in t.spaces:
            i = t.atoms[i]
        elif c in " \t" and i not in t.atoms:
            i += 1
        elif c == "\n" and not newline:
            newline = True
            i += 1
        else:
            break
    return i


def may_start(t: Text, i: int) -> bool:
    """Can a citation key's `@` (or `-@`) begin at `i`: not inside a word, an address or an escape."""
    if i == 0 or i in t.atom_ends or i in t.cite_ends:
        return True  # after code, a link, raw HTML or another citation's key (`@a@b`: two, as in Pandoc)
    before = t.s[i - 1]
    if t.s[max(0, i - 3):i] == "..." and (i < 4 or t.s[i - 4] != "."):
        return True  # after an ellipsis `...` (Pandoc reads it as one character)
    return not (before.isalnum() or before in NOT_AFTER)


def key_at(t: Text, i: int, end: int) -> tuple[str, bool, int] | None:
    """`@key`, `-@key` or `@{braced key}` at `i`: (key, suppress_author, end) or None."""
    if i in t.atoms or not may_start(t, i):
        return None
    suppress = t.s.startswith("-@", i)
    if suppress and i > 0 and t.s[i - 1] == "-" and i not in t.atom_ends:
        return None  # `--@a`: a dash, then an author-in-text citation
    at = i + 1 if suppress else i
    if at >= end or t.s[at] != "@" or at in t.atoms or at + 1 >= end:
        return None
    if t.s[at + 1] == "{":
        depth, j = 0, at + 1
        while j < end and j not in t.atoms and not t.s[j].isspace():
            depth += {"{": 1, "}": -1}.get(t.s[j], 0)
            j += 1
            if depth == 0:
                key = t.s[at + 2:j - 1]
                return (key, suppress, j) if key else None
        return None
    found = KEY_RE.match(t.s, at + 1, end)
    if not found:
        return None
    stop = next((j for j in range(at + 1, found.end()) if j in t.atoms), found.end())
    return (t.s[at + 1:stop], suppress, stop) if stop > at + 1 else None


def _run(t: Text, i: int, end: int, at_key: bool) -> int:
    """Inline text from `i` up to a `;` (or, with `at_key`, a citation key), else `end`: the prefix or
    locator of an item. Bracketed text `[…]` inside it is one unit, as Pandoc reads it."""
    while i < end:
        if t.plain_char(i):
            c = t.s[i]
            if c == ";" or (at_key and c in "-@" and key_at(t, i, end)):
                return i
            close = t.bracket_close(i)
            if close > 0:
                i = close
                continue
        i = t.step(i)
    return end


def _item(t: Text, i: int, end: int) -> tuple[CiteItem, tuple[int, int], tuple[int, int], int, int] | None:
    """One `prefix @key locator` of a bracketed citation, from `i` up to `;` or `end`."""
    key_start = _run(t, i, end, at_key=True)
    if key_start >= end or t.s[key_start] == ";":
        return None
    found = key_at(t, key_start, end)
    assert found is not None
    key, suppress, after = found
    locator_end = _run(t, after, end, at_key=False)
    prefix, locator = _trimmed(t, i, key_start), _trimmed(t, after, locator_end, locator=True)
    item = CiteItem(key, _plain(t, prefix), _plain(t, locator, locator=True), suppress_author=suppress)
    return item, prefix, locator, locator_end, after


def _items(t: Text, i: int, end: int) -> list[Any] | None:
    """`item (; item)*` filling t.s[i:end] exactly (`end`: the closing `]`)."""
    found = []
    while True:
        item = _item(t, i, end)
        if item is None:
            return None
        found.append(item)
        i = item[3]
        if i >= end:
            return found
        i = _skip_spaces(t, i + 1, end)


def parse_bracketed(t: Text, i: int, end: int | None = None) -> Parsed | None:
    """`[prefix @key locator; …]` at `i` (Pandoc's normal citation), or None. Not a citation: the text of
    a link `[@a](…)` or of a reference link `[@a][ref]` (`[@a][@b]` are two citations)."""
    end = len(t.s) if end is None else end
    close = t.bracket_close(i) if t.s[i] == "[" and t.plain_char(i) else -1
    if close < 0 or close > end:
        return None
    after = t.s[close:close + 1]
    if after == "(" and t.plain_char(close):
        return None
    if after == "[" and t.plain_char(close) and "@" not in t.s[close:max(close, t.bracket_close(close))]:
        return None
    simple = SIMPLE_GROUP.fullmatch(t.s, i, close)
    if simple is not None and not any(i < start < close for start in _atoms_between(t, i, close)):
        return _simple(t, i, close)  # `[@a]`, `[@a; -@b]`: most citations, read without the general parse
    items = _items(t, _skip_spaces(t, i + 1, close - 1), close - 1)
    if items is None:
        return None
    return Parsed(i, close, tuple(x[0] for x in items), tuple(x[1] for x in items),
                  tuple(x[2] for x in items), bracketed=True, key_ends=tuple(x[4] for x in items))


def _atoms_between(t: Text, start: int, end: int) -> list[int]:
    index = bisect.bisect_right(t._starts, start)
    found = []
    while index < len(t._starts) and t._starts[index] < end:
        found.append(t._starts[index])
        index += 1
    return found


def _simple(t: Text, start: int, close: int) -> Parsed:
    """A group of bare keys (what `SIMPLE_GROUP` matched): the same result as the general parse."""
    items, spans, ends = [], [], []
    for key in SIMPLE_KEY.finditer(t.s, start, close):
        ends.append(key.end())
        spans.append((key.end(), key.end()))
        items.append(CiteItem(key.group("key"), suppress_author=bool(key.group("minus"))))
    return Parsed(start, close, tuple(items), tuple(spans), tuple(spans), bracketed=True,
                  key_ends=tuple(ends))


def parse_in_text(t: Text, i: int, end: int | None = None) -> Parsed | None:
    """`@key` or `@key [locator]` at `i` (Pandoc's author-in-text; `-@key`: the number only), or None."""
    end = len(t.s) if end is None else end
    found = key_at(t, i, end)
    if found is None and t.s.startswith("-@", i):
        i += 1
        found = key_at(t, i, end)
    if found is None:
        return None
    key, suppress, after = found
    first = CiteItem(key, suppress_author=suppress, in_text=not suppress)
    bare = Parsed(i, after, (first,), ((after, after),), ((after, after),), bracketed=False,
                  key_ends=(after,))
    open_at = _skip_spaces(t, after, end)
    close = t.bracket_close(open_at) if open_at < end and t.plain_char(open_at) else -1
    if close > 0 and parse_bracketed(t, open_at, end) is not None:
        return bare  # `@a [@b]`, `@a [see @b]`: a citation of its own, not a locator (as Pandoc reads it)
    if close < 0 or close > end or t.s.startswith("[^", open_at) \
            or (close < len(t.s) and t.s[close] in "[(" and t.plain_char(close)):
        return bare
    locator_end = _run(t, open_at + 1, close - 1, at_key=False)
    rest: list[Any] = []
    if locator_end < close - 1:
        more = _items(t, _skip_spaces(t, locator_end + 1, close - 1), close - 1)
        if more is None:
            return bare
        rest = more
    locator = _trimmed(t, open_at + 1, locator_end, locator=True)
    first = CiteItem(key, locator=_plain(t, locator, locator=True), suppress_author=suppress,
                     in_text=not suppress)
    return Parsed(i, close, (first, *(x[0] for x in rest)), ((after, after), *(x[1] for x in rest)),
                  (locator, *(x[2] for x in rest)), bracketed=False, key_ends=(after, *(x[4] for x in rest)))


def in_text_owner(t: Text, i: int) -> bool:
    """Is the `[` at `i` the locator of an author-in-text citation before it (`@a [p. 3]`)?"""
    j, newline = i, False
    while j > 0:
        if j in t.atom_starts and t.atom_starts[j] in t.spaces:
            j = t.atom_starts[j]
        elif t.s[j - 1] in " \t":
            j -= 1
        elif t.s[j - 1] == "\n" and not newline:
            newline, j = True, j - 1
        else:
            break
    if j == 0 or not (t.s[j - 1].isalnum() or t.s[j - 1] in "_}"):
        return False  # no key ends here
    at = t.s.rfind("@", max(0, j - 300), j)
    if at < 0 or any(c.isspace() for c in t.s[at:j]):
        return False
    found = parse_in_text(t, at - 1 if at > 0 and t.s[at - 1] == "-" else at)
    return found is not None and found.end > i


def find(t: Text, start: int = 0, end: int | None = None, bracketed_only: bool = False) -> list[Parsed]:
    """Every citation in t.s[start:end] in written order; those inside another's prefix or locator
    (`[see @a and @b]`: Pandoc reads `@b` as an author-in-text citation in `@a`'s locator) follow it."""
    end = len(t.s) if end is None else end
    found: list[Parsed] = []
    i = start
    while (candidate := CANDIDATE.search(t.s, i, end)) is not None:
        i = candidate.start()
        inside = t.atom_around(i)
        if inside is not None or t.escaped(i):
            i = inside if inside is not None else i + 1
            continue
        parsed = parse_bracketed(t, i, end) if t.s[i] == "[" else \
            None if bracketed_only else parse_in_text(t, i, end)
        if parsed is None:
            i += 1
            continue
        found.append(parsed)
        t.cite_ends.update(parsed.key_ends)
        pairs = zip(parsed.prefixes, parsed.locators, strict=True)
        for span in (span for pair in pairs for span in pair):
            if span[1] > span[0]:
                found += find(t, span[0], span[1], bracketed_only)
        i = parsed.end
    return found


def _trimmed(t: Text, start: int, end: int, locator: bool = False) -> tuple[int, int]:
    """A prefix or locator without surrounding white space (and a locator without its leading comma)."""
    comma = locator
    while start < end:
        if start in t.spaces:
            start = t.atoms[start]
        elif start not in t.atoms and (t.s[start].isspace() or (comma and t.s[start] == ",")):
            comma = comma and t.s[start] != ","
            start += 1
        else:
            break
    while end > start:
        atom = t.atom_starts.get(end)
        if atom is not None and atom >= start:
            if atom not in t.spaces:
                break
            end = atom
        elif t.s[end - 1].isspace():
            end -= 1
        else:
            break
    return start, end


PLACEHOLDER_ESCAPE = re.compile("\x02(\\d+)\x03")  # Python-Markdown's escaped character


def _plain(t: Text, span: tuple[int, int], locator: bool = False) -> str:
    """A prefix or locator as plain text (what tools compare and print): escapes resolved, code and other
    atoms dropped, and the braces that may delimit a locator (`{pp. iv, vi}`) removed, as citeproc reads
    them."""
    out, i = [], span[0]
    while i < span[1]:
        step = t.step(i)
        if i in t.spaces:
            out.append(" ")
        elif i in t.atoms:
            escaped = PLACEHOLDER_ESCAPE.fullmatch(t.s, i, step)
            out.append(chr(int(escaped.group(1))) if escaped else t.atom_text.get(i, ""))
        elif step == i + 2:
            out.append(t.s[i + 1])
        elif not (locator and t.s[i] in "{}"):
            out.append(t.s[i])
        i = step
    return " ".join("".join(out).split())


RAW_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def source_text(markdown: str) -> Text:
    """A page's Markdown source as the grammar reads it: code, comments, addresses, link targets and raw
    HTML tags are opaque units, as they are (placeholders) in what the Markdown extension reads."""
    spans = protected_spans(markdown)
    atoms = dict(spans)
    text = Text(markdown, atoms)
    for start, end in spans:
        body = markdown[start:end]
        if body.startswith("`"):
            ticks = len(body) - len(body.lstrip("`"))
            text.atom_text[start] = body[ticks:len(body) - ticks].strip()
        elif body.startswith("<") and not body.startswith("<!--"):
            text.atom_text[start] = body[1:-1]
        elif not body.startswith("]") and not body.startswith("<!--"):
            text.atom_text[start] = body
    for tag in RAW_TAG.finditer(markdown):
        if not _inside(spans, tag.start()) and not _escaped(markdown, tag.start()):
            atoms[tag.start()] = tag.end()
            text.atom_text[tag.start()] = tag.group()
    for start, _end in spans:  # a link's `[`: its text is text, not a citation group
        if markdown.startswith("](", start):
            opener = _link_opener(text, start)
            if opener >= 0:
                atoms[opener] = opener + 1
    return Text(markdown, dict(sorted(atoms.items())), atom_text=text.atom_text)


def _link_opener(text: Text, close: int) -> int:
    """The `[` of the link whose `](` is at `close` (balanced brackets, within the paragraph), or -1."""
    depth, j = 0, close - 1
    while j >= 0:
        if j + 1 in text.atom_starts:  # an atom ends here: step over it
            j = text.atom_starts[j + 1] - 1
            continue
        c = text.s[j]
        if c == "]" and not _escaped(text.s, j):
            depth += 1
        elif c == "[" and not _escaped(text.s, j):
            if depth == 0:
                return j
            depth -= 1
        elif c == "\n" and BLANK_LINE.match(text.s, j):
            return -1
        j -= 1
    return -1


def scan(markdown: str) -> Scan:
    """Every citation and `\\@` escape in a page's source, outside code, links and raw HTML, as the
    Markdown extension finds them (the same grammar: `find`)."""
    text = source_text(markdown)
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", markdown)]
    groups = tuple(CitationGroup(p.start, p.end, bisect.bisect_right(line_starts, p.start), p.items)
                   for p in find(text))
    spans = sorted(text.atoms.items())
    escapes = tuple(m.start() for m in re.finditer(r"\\@", markdown)
                    if not _inside(spans, m.start()) and not _escaped(markdown, m.start()))
    return Scan(groups, escapes, tuple(spans))


def cited_keys(markdown: str) -> list[str]:
    """Keys in order of first use (for translation parity checks)."""
    seen: dict[str, None] = {}
    for group in scan(markdown).groups:
        for item in group.items:
            seen.setdefault(item.key, None)
    return list(seen)


def line_offset(source: str, markdown: str) -> int:
    """How many lines of the source file (front matter) precede the Markdown MkDocs hands a hook."""
    probe = markdown[:200]
    index = source.find(probe) if probe else -1
    return source.count("\n", 0, index) if index > 0 else 0


def nocite_keys(value: object) -> list[str]:
    """Pandoc's `nocite` front matter: `"@a, @b"`, `["@a", "@b"]` or `"@*"` → `["a", "b"]` / `["*"]`."""
    if not value:
        return []
    parts = value if isinstance(value, (list, tuple)) else [value]
    keys: list[str] = []
    for part in parts:
        for word in re.split(r"[\s,;]+", str(part)):
            key = word.strip().removeprefix("@").strip("{}")
            if key and key not in keys:
                keys.append(key)
    return keys


def front_matter_nocite(page_text: str) -> list[str]:
    """The `nocite` keys of a page file's YAML front matter (one line, `nocite: "@a, @b"` or `"@*"`)."""
    if not page_text.startswith("---"):
        return []
    end = page_text.find("\n---", 3)
    found = re.search(r"^nocite:[ \t]*(.+)$", page_text[:end if end > 0 else 0], flags=re.M)
    return nocite_keys(found.group(1).strip().strip("\"'")) if found else []
