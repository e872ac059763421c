"""HTML comments in page sources never reach readers: a Python-Markdown preprocessor removes them.

A contributor's `<!-- note to self -->` is private. Python-Markdown would copy it into the page's
HTML, where anyone can read it with "view source". This removes every comment outside code (fenced
blocks and inline code spans keep theirs, they are shown as text). A line that held nothing but a
comment disappears with it, so a comment between two lines of a paragraph or list does not split it.
An unclosed `<!--` is left as it is and reported, with its line, so the writer can close it.

The citation marker `<!-- atlas:bibliography -->` is replaced by the citation hook in `on_page_markdown`,
before Markdown runs, so it is never seen here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
CLOSE = re.compile(r"^[ \t>]*(`{3,}|~{3,})[ \t]*$")
# inline code span | a comment (closed) | an unclosed comment opener
TOKEN = re.compile(r"(?P<code>(?P<ticks>`+).+?(?P=ticks))|(?P<comment><!--.*?-->)|(?P<open><!--)", re.S)


@dataclass(frozen=True)
class Unclosed:
    line: int  # 1-based, in the text given to `strip_comments`


def _segments(lines: list[str]) -> list[tuple[bool, list[str]]]:
    """Split lines into (is_fenced_code, lines) runs."""
    runs: list[tuple[bool, list[str]]] = []
    fence: str | None = None
    for line in lines:
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            runs.append((True, [line]))
            continue
        if fence is not None:
            runs[-1][1].append(line)
            close = CLOSE.match(line)
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= len(fence):
                fence = None
            continue
        if runs and not runs[-1][0]:
            runs[-1][1].append(line)
        else:
            runs.append((False, [line]))
    return runs


def _strip_text(text: str, first_line: int, unclosed: list[Unclosed]) -> str:
    out: list[str] = []
    pos = 0
    for match in TOKEN.finditer(text):
        if match.group("code"):
            continue
        start, end = match.span()
        if match.group("open"):
            unclosed.append(Unclosed(first_line + text.count("\n", 0, start)))
            break
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        alone = not text[line_start:start].strip() and not text[end:line_end].strip()
        if alone:  # the comment is its lines' only content: drop those lines
            out.append(text[pos:line_start])
            pos = line_end + 1 if line_end < len(text) else line_end
        else:
            out.append(text[pos:start])
            pos = end
    out.append(text[pos:])
    return "".join(out)


def strip_comments(text: str) -> tuple[str, list[Unclosed]]:
    """The text without HTML comments outside code, and where an unclosed `<!--` was left."""
    if "<!--" not in text:
        return text, []
    unclosed: list[Unclosed] = []
    result: list[str] = []
    line = 1
    for fenced, lines in _segments(text.split("\n")):
        chunk = "\n".join(lines)
        result.append(chunk if fenced else _strip_text(chunk, line, unclosed))
        line += len(lines)
    return "\n".join(result), unclosed


def commented_lines(text: str) -> set[int]:
    """The 1-based lines that lie (partly) inside an HTML comment outside code."""
    covered: set[int] = set()
    if "<!--" not in text:
        return covered
    line = 1
    for fenced, lines in _segments(text.split("\n")):
        chunk = "\n".join(lines)
        if not fenced:
            for match in TOKEN.finditer(chunk):
                if match.group("comment"):
                    first = line + chunk.count("\n", 0, match.start())
                    covered.update(range(first, first + match.group(0).count("\n") + 1))
        line += len(lines)
    return covered


class CommentPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: CommentExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        text, unclosed = strip_comments("\n".join(lines))
        self.extension.unclosed.extend(unclosed)
        return text.split("\n")


class CommentExtension(Extension):
    """Register with Python-Markdown; `unclosed` collects the unclosed comments of the last pages."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.unclosed: list[Unclosed] = []

    def extendMarkdown(self, md: Markdown) -> None:
        # after snippets (32: included files lose their comments too), before fenced code (superfences
        # 31.05 and 25: this preprocessor skips fences itself) and raw HTML blocks (20)
        md.preprocessors.register(CommentPreprocessor(md, self), "atlas_comments", 31.5)
