"""Python-Markdown extension: every `title` attribute of a page is plain text (security review H1).

Material's tooltips (`content.tooltips`) put an element's `title` into the page with innerHTML, so a
title that holds `<img onerror=…>` (or `&lt;img …&gt;`, which the attribute decodes to the same) becomes
live markup when a reader hovers it. Titles come from abbreviations (`*[X]: …` in a page, the glossary),
link titles (`[x](url "title")`) and attribute lists. The content policy refuses such text at build time
with its line; this treeprocessor makes sure that, even in a build that goes on (`mkdocs serve`, no
--strict), what reaches the attribute is text: every tag is removed by nh3 and no character reference
is left to decode into one. Each title it had to change is recorded, for the hook to report.

    guard = TooltipTextExtension()
    markdown.markdown(text, extensions=["abbr", guard])
    guard.changed  # [(original title, plain text), ...] of the last conversion
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree

import nh3
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_AFTER_EVERY_TITLE = 1  # after abbr (7) and the glossary (7.5) have set theirs
_MAX_ROUNDS = 4


def plain_title(title: str) -> str:
    """`title` with every tag removed and every character reference decoded, until nothing changes (so no
    `&amp;lt;` can turn into a tag a step later)."""
    text = title
    for _ in range(_MAX_ROUNDS):
        cleaned = html.unescape(nh3.clean(html.unescape(text), tags=set()))
        if cleaned == text:
            break
        text = cleaned
    return text if html.unescape(text) == text else text.replace("&", "").replace("<", "")


class TooltipTextTreeprocessor(Treeprocessor):
    """Rewrites each title that is not plain text into plain text; records what it changed."""

    def __init__(self, md: Markdown, extension: TooltipTextExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        changed: list[tuple[str, str]] = []
        for element in root.iter():
            title = element.get("title")
            if title and ("<" in title or "&" in title):
                plain = plain_title(title)
                if plain != title and plain != html.unescape(title):
                    element.set("title", plain)
                    changed.append((title, plain))
        self.extension.changed = changed


class TooltipTextExtension(Extension):
    """Registers the treeprocessor after every other that sets titles."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.changed: list[tuple[str, str]] = []

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(
            TooltipTextTreeprocessor(md, self), "atlas_tooltip_text", _AFTER_EVERY_TITLE
        )


def makeExtension(**kwargs: object) -> TooltipTextExtension:
    return TooltipTextExtension(**kwargs)
