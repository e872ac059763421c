"""Pre-rendered Mermaid diagrams: find the ```mermaid fences of a page and swap in their SVG.

The fences stay in the Markdown as the source of truth. `scripts/render_diagrams.py` (`make diagrams`)
renders each one once, in a headless browser, to `docs/assets/diagrams/<hash>.svg`, named after the
fingerprint of its normalised source. At build time the page gets the SVG inline, so readers download
no diagram JavaScript at all and the labels are real text (searchable, selectable, printable).

No MkDocs imports here: the hook adapts, this module decides.
"""

from __future__ import annotations

import hashlib
import html
import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from atlas.settings import Block

HASH_LENGTH = 12
LANGUAGE = "mermaid"

_OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)$")
_ACC_TITLE = re.compile(r"^\s*accTitle\s*:\s*(?P<text>.+?)\s*$", re.MULTILINE)
_ACC_DESCR_LINE = re.compile(r"^\s*accDescr\s*:\s*(?P<text>.+?)\s*$", re.MULTILINE)
_ACC_DESCR_BLOCK = re.compile(r"^\s*accDescr\s*\{(?P<text>.*?)\}", re.MULTILINE | re.DOTALL)
_SVG_ID = re.compile(r'\bid="([^"]+)"')
_ID_REFERENCE = re.compile(r'(#|\bid="|\baria-labelledby="|\baria-describedby=")([A-Za-z_][\w\-:.]*)')
_SVG_OPEN_TAG = re.compile(r"<svg\b[^>]*>")


@dataclass(frozen=True)
class Fence:
    """One ```mermaid block: where it is (1-based lines, inclusive) and what it says."""

    start: int
    end: int
    indent: str
    source: str

    @property
    def digest(self) -> str:
        return diagram_hash(self.source)


def normalise(source: str) -> str:
    """The diagram as it means, not as it is typed: indentation, line endings and trailing spaces
    must not change the file name, or re-indenting a page would orphan its rendered SVG."""
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in textwrap.dedent(text).split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def diagram_hash(source: str) -> str:
    """The SVG file name (without `.svg`) for a diagram source."""
    return hashlib.sha256(normalise(source).encode("utf-8")).hexdigest()[:HASH_LENGTH]


def _is_mermaid(info: str) -> bool:
    words = info.strip().lstrip("{").split()
    return bool(words) and words[0].lstrip(".") == LANGUAGE


def find_fences(markdown: str) -> list[Fence]:
    """Every ```mermaid (or ~~~mermaid) fence, at any indentation (admonitions, lists).

    A fence closes on the same character repeated at least as often; an unclosed fence runs to the
    end of the page, as in Python-Markdown. Other code blocks are skipped whole, so a mermaid
    example shown inside a ```markdown block is left alone."""
    lines = markdown.split("\n")
    fences: list[Fence] = []
    index = 0
    while index < len(lines):
        opening = _OPENING.match(lines[index])
        if not opening:
            index += 1
            continue
        marker = opening["fence"]
        closing = re.compile(rf"^[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        if _is_mermaid(opening["info"]):
            body = "\n".join(lines[index + 1 : end])
            fences.append(Fence(index + 1, min(end, len(lines) - 1) + 1, opening["indent"], body))
        index = end + 1
    return fences


def replace_fences(markdown: str, replacement: Callable[[Fence], str]) -> str:
    """The page with each mermaid fence swapped for `replacement(fence)`, indented like the fence."""
    fences = find_fences(markdown)
    if not fences:
        return markdown
    lines = markdown.split("\n")
    out: list[str] = []
    cursor = 0
    for fence in fences:
        out.extend(lines[cursor : fence.start - 1])
        out.append(fence.indent + replacement(fence))
        cursor = fence.end
    out.extend(lines[cursor:])
    return "\n".join(out)


def placeholder(page_key: str, number: int) -> str:
    """A plain word standing in for a diagram until the page is HTML: Markdown leaves it alone in any
    context (admonition, list item), where a raw HTML block would not survive indentation."""
    return f"ATLASDIAGRAM{page_key}X{number}X"


def insert_figures(html_text: str, figures: dict[str, str]) -> str:
    """Swap each placeholder paragraph (or a bare placeholder) for its figure."""
    for token, figure in figures.items():
        html_text = html_text.replace(f"<p>{token}</p>", figure).replace(token, figure)
    return html_text


def accessible_text(source: str) -> tuple[str | None, str | None]:
    """The diagram's `accTitle` and `accDescr` (single line or `accDescr { ... }` block)."""
    title = _ACC_TITLE.search(source)
    descr = _ACC_DESCR_BLOCK.search(source) or _ACC_DESCR_LINE.search(source)
    description = " ".join(descr["text"].split()) if descr else None
    return (title["text"] if title else None), description or None


def _unique_ids(svg: str, prefix: str) -> str:
    """Prefix every id and every reference to one (`#id`, `url(#id)`, aria-*), so two diagrams on
    one page, or a diagram and the page itself, never share an id."""
    ids = set(_SVG_ID.findall(svg))

    def rename(match: re.Match[str]) -> str:
        lead, name = match.groups()
        return f"{lead}{prefix}-{name}" if name in ids else match.group(0)

    return _ID_REFERENCE.sub(rename, svg)


def _set_attributes(open_tag: str, attributes: dict[str, str | None]) -> str:
    """The `<svg ...>` tag with attributes replaced, added or (value None) removed."""
    tag = open_tag
    for name, value in attributes.items():
        tag = re.sub(rf'\s{re.escape(name)}="[^"]*"', "", tag)
        if value is not None:
            tag = tag[:-1] + f' {name}="{html.escape(value, quote=True)}">'
    return tag


def _ensure_child(svg: str, element: str, text: str, element_id: str) -> tuple[str, str]:
    """The id of the SVG's `<title>`/`<desc>`, adding one right after `<svg>` when it has none."""
    found = re.search(rf'<{element}\b[^>]*\bid="([^"]+)"', svg)
    if found:
        return svg, found[1]
    head = _SVG_OPEN_TAG.search(svg)
    assert head is not None
    child = f'<{element} id="{element_id}">{html.escape(text)}</{element}>'
    return svg[: head.end()] + child + svg[head.end() :], element_id


def accessible_svg(svg: str, prefix: str, title: str, description: str | None) -> str:
    """The rendered SVG made fit for inlining: unique ids, `role="img"`, named by its `<title>` and
    described by its `<desc>` (what a screen reader announces instead of a heap of shapes)."""
    svg = re.sub(r"<\?xml[^>]*>\s*", "", svg).strip()
    svg = _unique_ids(svg, prefix)
    svg, title_id = _ensure_child(svg, "title", title, f"{prefix}-title")
    described_by = None
    if description:
        svg, described_by = _ensure_child(svg, "desc", description, f"{prefix}-desc")
    head = _SVG_OPEN_TAG.search(svg)
    assert head is not None
    tag = _set_attributes(
        head.group(0),
        {
            "role": "img",
            "aria-roledescription": None,  # "flowchart-v2" is Mermaid's jargon, not the reader's
            "aria-labelledby": title_id,
            "aria-describedby": described_by,
            "focusable": "false",
        },
    )
    return svg[: head.start()] + tag + svg[head.end() :]


def figure(svg: str) -> str:
    """The HTML a page gets for one diagram (one line: Markdown never splits it)."""
    return f'<figure class="atlas-diagram">{svg.replace(chr(10), " ")}</figure>'


def missing_figure(fence: Fence) -> str:
    """Until `make diagrams` has run: the source as plain code. No `class="mermaid"`, so Material
    never fetches Mermaid from a CDN to draw it."""
    code = html.escape(normalise(fence.source))
    return f'<figure class="atlas-diagram atlas-diagram--missing"><pre><code>{code}</code></pre></figure>'


def missing_svg_message(page_file: str, fence: Fence, svg_path: str) -> str:
    return (
        f"{page_file}:{fence.start}: the diagram has no rendered SVG ({svg_path}); "
        "run `make diagrams` and commit the new file"
    )


def missing_title_message(page_file: str, fence: Fence) -> str:
    return (
        f"{page_file}:{fence.start}: the diagram has no accessible name; add a line "
        "`accTitle: <what it shows>` (and `accDescr: <how to read it>`) inside the ```mermaid block"
    )


def iter_sources(markdown_files: Iterator[tuple[str, str]]) -> Iterator[tuple[str, Fence]]:
    """(file name, fence) for every diagram of every (name, text) pair: what the renderer walks."""
    for name, text in markdown_files:
        for fence in find_fences(text):
            yield name, fence


# --- settings -------------------------------------------------------------------------------------

DEFAULT_FOLDER = "assets/diagrams"


@dataclass(frozen=True)
class DiagramsSettings:
    """`extra.atlas.diagrams`: where the pre-rendered SVG of each Mermaid block lives (docs folder)."""

    enabled: bool = True
    folder: str = DEFAULT_FOLDER


SETTINGS = Block("diagrams", DiagramsSettings)
