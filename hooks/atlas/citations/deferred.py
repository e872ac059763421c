"""Citation HTML kept out of Markdown's way, put back into the converted page.

Python-Markdown handles raw inline HTML slowly (every tag is stashed and the text re-scanned by each
inline pattern), and the citation links are most of a page's inline HTML. Where Markdown cannot
change the outcome, the engine writes a short token instead (invisible separators around ASCII
letters and digits: no Markdown syntax, no word character at its edges) and the hook swaps the
HTML in after conversion: the page comes out byte for byte the same, only faster.

Deferred only when certainly safe: one-line citation groups in ordinary text (not headings, setext
paragraphs, admonition/tab titles, indented code, block quotes, link/abbreviation/footnote
definitions, attribute lists, images, lines with raw HTML or backticks), and the reference list when the page
does not end inside code or a comment. Anything else keeps inline HTML, as before.
"""

from __future__ import annotations

import re

MARK = "\u2063"  # INVISIBLE SEPARATOR: not whitespace, not a word character, no Markdown meaning
TOKEN = re.compile(rf"(<p>)?{MARK}atlascite(\d+){MARK}(</p>)?")
SETEXT_UNDERLINE = re.compile(r"[ \t>]*(?:=+|-+)[ \t]*")  # any indent: it may close a list item's text
DEFINITION = re.compile(r"\*?\[[^\]]*\]:")
LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?= |$)")
UNSAFE_STARTS = ("#", ">", "!!!", "???", "===", "\t")
UNSAFE_PARTS = ("<", "{", "![", "`")


def token(index: int) -> str:
    return f"{MARK}atlascite{index}{MARK}"


def page_allows(markdown: str) -> bool:
    """A page that already holds the marker character gets no tokens (it could never be mistaken)."""
    return MARK not in markdown


def inline_safe(markdown: str, start: int, end: int) -> bool:
    """True when the citation at markdown[start:end] sits in plain paragraph text of its line."""
    line_start = markdown.rfind("\n", 0, start) + 1
    line_end = markdown.find("\n", end)
    line_end = len(markdown) if line_end < 0 else line_end
    if "\n" in markdown[start:end]:
        return False
    line = markdown[line_start:line_end]
    if "\t" in line or any(part in line for part in UNSAFE_PARTS):
        return False
    rest = line
    while True:  # list markers nest: `- 1. text`; after each, the rest must still be plain text
        stripped = rest.lstrip(" ")
        if len(rest) - len(stripped) >= 4 or stripped.startswith(UNSAFE_STARTS) or DEFINITION.match(stripped):
            return False
        marker = LIST_MARKER.match(stripped)
        if not marker:
            break
        rest = stripped[marker.end():]
    return not _setext_follows(markdown, line_end)


def _setext_follows(markdown: str, pos: int) -> bool:
    """Does a `===`/`---` underline end this paragraph (which would make it a heading)?"""
    while pos < len(markdown):
        next_end = markdown.find("\n", pos + 1)
        next_end = len(markdown) if next_end < 0 else next_end
        line = markdown[pos + 1:next_end]
        if not line.strip():
            return False
        if SETEXT_UNDERLINE.fullmatch(line):
            return True
        pos = next_end
    return False


def list_safe(markdown: str, protected: tuple[tuple[int, int], ...]) -> bool:
    """The reference list, appended at the end, is ordinary Markdown unless the end is inside code."""
    return not protected or protected[-1][1] < len(markdown)


def restore(html: str, fragments: list[str]) -> str:
    """Swap every token (a lone one wrapped in `<p>` as a block) for its HTML."""
    if MARK not in html:
        return html

    def swap(match: re.Match[str]) -> str:
        fragment = fragments[int(match.group(2))]
        if match.group(1) and match.group(3) and fragment.startswith("<ol"):
            # Markdown keeps a raw HTML block's final newline, except at the very end (it strips output)
            return fragment if match.end() == len(html) else fragment + "\n"
        return (match.group(1) or "") + fragment + (match.group(3) or "")

    return TOKEN.sub(swap, html)
