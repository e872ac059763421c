"""Pandoc citation syntax in Markdown: `[@key]`, `[@a; @b]`, `[@a, p. 33]`, `[see @a]`, `[-@a]`,
braced keys `[@{odd/key}]`, and author-in-text `@key` / `@key [p. 33]` outside brackets.

The Markdown extension (`atlas.citations.extension`) reads citations in what Markdown renders; this
module's page scanner (`scan`, `cited_keys`) is the source-level view for tools (translation parity,
unused entries in `scripts/lint_bib.py`) and follows the same rules as closely as text allows.

An `@` is never a citation inside fenced or inline code, HTML comments, URLs, autolinks, link
targets or e-mail addresses, and `\\@` is a literal `@`. The scanner works on the whole page text
(not line by line) so citations inside admonitions, lists and tables are found like any other,
and it records each citation's line so that errors can name it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

KEY = r"[\w](?:[\w:.#$%&+?<>~/-]*[\w])?"
BRACED_KEY = r"\{(?P<braced>[^{}\s]+)\}"
ITEM = re.compile(
    rf"\s*(?P<prefix>(?:[^@]*?\s)?)(?P<minus>-?)@(?:{BRACED_KEY}|(?P<key>{KEY}))(?P<suffix>[^@]*?)\s*", re.S)
# `@key` or `@key [locator]` in running text (Pandoc's author-in-text): not after a word character
# (e-mail), a backslash (escape), `[` (a bracketed form or link text), or `/`, `:`, `.`, `@` (URLs)
IN_TEXT = rf"(?<![\w\\/:.@&\[-])@(?:{BRACED_KEY}|(?P<key>{KEY}))(?:[ \t]?\[(?P<locator>[^\[\]@]*)\])?"
IN_TEXT_RE = re.compile(IN_TEXT)
FENCE_OPEN = re.compile(r"^[ \t>]*(?P<fence>`{3,}|~{3,})")
BACKTICKS = re.compile(r"`+")
PROTECTED = re.compile(
    r"<!--.*?(?:-->|\Z)"                                   # HTML comment
    r"|<(?:[a-z][a-z0-9+.-]*:|[^\s<>@]+@)[^\s<>]*>"          # autolink <https://…>, <a@b.c>
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)?"                   # link target ](…)
    r"|\b(?:https?|ftp|mailto):[^\s<>\]]+"                 # bare URL
    r"|\bwww\.[^\s<>\]]+",
    re.S | re.I,
)


@dataclass(frozen=True)
class CiteItem:
    key: str
    prefix: str = ""
    locator: str = ""
    suppress_author: bool = False   # `[-@key]`: only the number (the same as `[@key]` in a numeric style)
    in_text: bool = False           # `@key`: the authors' names, then the number


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
        if merged and start <= merged[-1][1]:
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


def parse_items(body: str) -> tuple[CiteItem, ...] | None:
    items = []
    for part in body.split(";"):
        match = ITEM.fullmatch(part)
        if not match:
            return None
        prefix = match.group("prefix").strip()
        if prefix.endswith("\\"):
            return None
        locator = match.group("suffix").strip().lstrip(",").strip()
        key = match.group("braced") or match.group("key")
        items.append(CiteItem(key, prefix, locator, suppress_author=bool(match.group("minus"))))
    return tuple(items)


def in_text_item(match: re.Match[str]) -> CiteItem:
    """The item of an author-in-text match of `IN_TEXT`."""
    key = match.group("braced") or match.group("key")
    return CiteItem(key, locator=(match.group("locator") or "").strip().lstrip(",").strip(), in_text=True)


def scan(markdown: str) -> Scan:
    """Every citation group and `\\@` escape in a page, outside code and links."""
    spans = protected_spans(markdown)
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", markdown)]
    groups: list[CitationGroup] = []
    pos = 0
    while True:
        start = markdown.find("[", pos)
        if start < 0:
            break
        pos = start + 1
        if _inside(spans, start) or _escaped(markdown, start):
            continue
        end = start + 1
        while end < len(markdown) and markdown[end] not in "[]":
            end += 1
        if end >= len(markdown) or markdown[end] != "]":
            continue
        body = markdown[start + 1:end]
        if "@" not in body or re.search(r"\n[ \t]*\n", body) or markdown[end + 1:end + 2] == "(":
            continue
        if markdown[end + 1:end + 2] == "[" and "@" not in markdown[end + 2:markdown.find("]", end + 2)]:
            continue  # `[text][ref]`: a reference link; `[@a][@b]` are two citations
        if any(_inside(spans, start + 1 + i) for i, c in enumerate(body) if c == "@"):
            continue
        items = parse_items(body)
        if items is None:
            continue
        line = bisect.bisect_right(line_starts, start)
        groups.append(CitationGroup(start, end + 1, line, items))
        pos = end + 1
    taken = [(g.start, g.end) for g in groups]
    for match in IN_TEXT_RE.finditer(markdown):
        at = match.start()
        if _inside(spans, at) or _inside(taken, at):
            continue
        line = bisect.bisect_right(line_starts, at)
        groups.append(CitationGroup(at, match.end(), line, (in_text_item(match),)))
    groups.sort(key=lambda group: group.start)
    escapes = tuple(m.start() for m in re.finditer(r"\\@", markdown)
                    if not _inside(spans, m.start()) and not _escaped(markdown, m.start()))
    return Scan(tuple(groups), escapes, tuple(spans))


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
