"""The "who should be careful?" box of a page, rendered from the risk data (Python-Markdown extension).

    md = markdown.Markdown(extensions=["admonition", "footnotes",
                                       RiskBoxExtension(data=risk_data, locale="nl", topics=["fasting"],
                                                        page="mtor.md")])

The box is added as Markdown source, so every other extension treats it as if the page's author had
written it: the citation extension numbers its `[@key]` and lists the works, the footnotes extension and
the marker treeprocessor turn `[^voorzorg]` into the named marker, the PDF handout (made from the page's
HTML) shows it. Two steps keep the page's own line numbers right for every other extension's messages:

1. a preprocessor appends the box after the page's last line (and the definitions of the markers it
   uses that the page lacks), and turns a marker line (`<!-- atlas:risks -->`) into a placeholder
   paragraph of one line;
2. a treeprocessor moves the rendered box to the placeholder, or else right after the key points
   (`!!! abstract key-points`), or after the h1, before the citation and glossary treeprocessors run,
   so citation numbers and first mentions follow the order a reader sees.

A host converting many pages keeps one extension and calls `use(...)` before each page.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from atlas.risks import RiskData, missing_footnotes, render_box

PLACEHOLDER = "ATLAS-RISK-BOX-PLACEHOLDER"
DEFAULT_MARKER = "<!-- atlas:risks -->"
ADMONITION = "warning careful"
AFTER_CLASS = "key-points"


class _AppendBox(Preprocessor):
    def __init__(self, md: Markdown, extension: RiskBoxExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        ext = self.extension
        ext.rendered = ext.placed = False
        box = render_box(ext.data, ext.topics, ext.locale, ext.page, ADMONITION) if ext.data else []
        if not box:
            return lines
        marker = ext.marker.strip()
        lines = [PLACEHOLDER if marker and line.strip() == marker else line for line in lines]
        ext.rendered = True
        data = ext.data or RiskData()
        return [*lines, "", "", *box, "", *missing_footnotes(data, box, ext.locale, "\n".join(lines))]


def _is_box(element: ET.Element) -> bool:
    return element.tag == "div" and (element.get("class") or "") == f"admonition {ADMONITION}"


class _PlaceBox(Treeprocessor):
    def __init__(self, md: Markdown, extension: RiskBoxExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: ET.Element) -> None:
        if not self.extension.rendered:
            return
        children = list(root)
        box = next((child for child in reversed(children) if _is_box(child)), None)
        if box is None:  # swallowed by something left open at the page's end (a code fence, raw HTML)
            return
        self.extension.placed = True
        root.remove(box)
        parents = {child: parent for parent in root.iter() for child in parent}
        placeholder = next((p for p in root.iter("p") if (p.text or "").strip() == PLACEHOLDER), None)
        if placeholder is not None:
            parent = parents[placeholder]
            index = list(parent).index(placeholder)
            parent.remove(placeholder)
            parent.insert(index, box)
            return
        children = list(root)
        after = next((c for c in children if c.tag == "div"
                      and AFTER_CLASS in (c.get("class") or "").split()), None)
        after = after if after is not None else next((c for c in children if c.tag == "h1"), None)
        root.insert(children.index(after) + 1 if after is not None else 0, box)


class RiskBoxExtension(Extension):
    """Settings: `data` (RiskData), `locale`, `topics` (the page's declared topics), `page` (its
    docs-relative path, for relative links), `marker` (a line the box replaces)."""

    def __init__(self, data: RiskData | None = None, locale: str = "en", topics: Sequence[str] = (),
                 page: str = "index.md", marker: str = DEFAULT_MARKER, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data = data
        self.marker = marker
        self.rendered = False   # the last page had topics, so a box was added to its source
        self.placed = False     # and it was found and put in its place
        self.use(locale=locale, topics=topics, page=page)

    def use(self, *, locale: str, topics: Sequence[str], page: str) -> None:
        """The next page's language, declared topics and path."""
        self.locale = locale
        self.topics = list(topics)
        self.page = page

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # after the citation extension keeps the page's own lines (40), before snippets (32), comments
        # (31.5) and raw HTML (20): the box is Markdown like the rest of the page
        md.preprocessors.register(_AppendBox(md, self), "atlas_risks", 35)
        # after footnotes (50), before inline (20), markers (15), citations (7.9) and the glossary (7.5)
        md.treeprocessors.register(_PlaceBox(md, self), "atlas_risks_place", 40)
