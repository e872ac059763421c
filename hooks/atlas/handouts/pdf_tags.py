"""What Typst 0.15 cannot write into a handout's structure, added to the finished PDF with qpdf (pikepdf).

* **Internal links say where they go.** Typst describes a link to a place in the document (the
  annotation's /Contents, which a screen reader announces) as "page N" when the target is not a heading,
  and `link` has no parameter to change that (typst-library `model/link.rs`, `Destination::alt_text`).
  Here each internal link is described by the heading its target sits under, in the document's
  language: `link_to` is a label such as "Go to: {target}". The heading is found by position: the
  last bookmark (Typst writes one for every heading of the contents) at or before the link's destination.
* **Each box is a section.** Typst tags no grouping element a document can ask for (no `Sect`; a `block`
  has no tag). The template wraps each box in a figure, which Typst tags as a `Div` holding the box's
  title heading and its content; a `Div` that opens with a heading is a section, so it becomes a `Sect`.
  Only the element's type changes: its kids, the marked content and the /ParentTree stay as Typst made them.

The result is saved with a deterministic file identifier, so equal input gives an equal PDF.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf

__all__ = ["DEFAULT_LINK_TO", "Place", "describe_internal_links", "finish", "sections_from_boxes"]

DEFAULT_LINK_TO = "{target}"  # a link's description when no label is given: the heading's text
HEADINGS = frozenset({"/H", *(f"/H{level}" for level in range(1, 7))})
SAME_SPOT = 0.5  # points: a destination this close below a heading's is that heading


@dataclass(frozen=True, order=True)
class Place:
    """A spot in the document in reading order: page (0-based), then down from the top of the page."""

    page: int
    down: float


def finish(pdf: bytes, link_to: str = DEFAULT_LINK_TO) -> bytes:
    """The PDF with boxes tagged as sections and internal links described; unchanged when neither applies."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        changed = sections_from_boxes(document) + describe_internal_links(document, link_to)
        if not changed:
            return pdf
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
        return out.getvalue()


# -- boxes as sections -------------------------------------------------------------------------------

def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_element(node: pikepdf.Object) -> bool:
    return isinstance(node, pikepdf.Dictionary) and "/S" in node


def _elements(node: pikepdf.Object) -> list[pikepdf.Dictionary]:
    """The structure elements among a node's kids (not its marked content or annotations)."""
    return [kid for kid in _kids(node) if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def structure_elements(document: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every structure element, in document order (depth first)."""
    root = document.Root.get("/StructTreeRoot")
    pending = list(reversed(_elements(root))) if root is not None else []
    while pending:
        element = pending.pop()
        yield element
        pending += reversed(_elements(element))


def sections_from_boxes(document: pikepdf.Pdf) -> int:
    """Retag every `Div` whose first kid is a heading as a `Sect`; how many were retagged."""
    retagged = 0
    for element in structure_elements(document):
        kids = _kids(element)
        if element.S == "/Div" and len(kids) > 1 and _is_element(kids[0]) and str(kids[0].S) in HEADINGS:
            element.S = pikepdf.Name.Sect
            retagged += 1
    return retagged


# -- internal links ----------------------------------------------------------------------------------

def _named(document: pikepdf.Pdf, name: str) -> pikepdf.Object | None:
    names = document.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    if dests is not None:
        found = pikepdf.NameTree(dests).get(name)
        if found is not None:
            return found
    old_style = document.Root.get("/Dests")  # PDF 1.1 dictionary of names
    return old_style.get(f"/{name}") if old_style is not None else None


def _destination(document: pikepdf.Pdf, holder: pikepdf.Dictionary) -> pikepdf.Object | None:
    """The explicit destination of a link or bookmark (/Dest, or a GoTo action's /D; names resolved)."""
    destination = holder.get("/Dest")
    action = holder.get("/A")
    if destination is None and action is not None and action.get("/S") == "/GoTo":
        destination = action.get("/D")
    if isinstance(destination, (pikepdf.String, pikepdf.Name)):
        destination = _named(document, str(destination).lstrip("/"))
    if isinstance(destination, pikepdf.Dictionary):  # a named destination may be a dictionary with /D
        destination = destination.get("/D")
    return destination if isinstance(destination, pikepdf.Array) and len(destination) > 0 else None


_TOP_AT = {"/XYZ": 3, "/FitH": 2, "/FitBH": 2, "/FitR": 5}  # where a destination array holds its top


def _place(
    document: pikepdf.Pdf, holder: pikepdf.Dictionary, pages: dict[tuple[int, int], int]
) -> Place | None:
    """Where a link or bookmark leads; a destination without a top means the top of its page."""
    destination = _destination(document, holder)
    first = destination[0] if destination is not None else None
    page = pages.get(first.objgen) if isinstance(first, pikepdf.Dictionary) else None
    if destination is None or page is None:
        return None
    at = _TOP_AT.get(str(destination[1]) if len(destination) > 1 else "", 0)
    top = destination[at] if at and len(destination) > at else None
    height = float(document.pages[page].mediabox[3])
    return Place(page, height - float(top) if top is not None else 0.0)


def _bookmarks(document: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every bookmark, in order, children after their parent."""
    outlines = document.Root.get("/Outlines")
    pending = [outlines.get("/First")] if outlines is not None else []
    seen: set[tuple[int, int]] = set()
    while pending:
        item = pending.pop()
        if not isinstance(item, pikepdf.Dictionary) or item.objgen in seen:
            continue
        seen.add(item.objgen)
        yield item
        pending += [item.get("/Next"), item.get("/First")]  # the child is read first


def heading_places(document: pikepdf.Pdf) -> list[tuple[Place, str]]:
    """Where each bookmarked heading is and its title, in reading order."""
    pages = {page.obj.objgen: index for index, page in enumerate(document.pages)}
    found = []
    for bookmark in _bookmarks(document):
        place = _place(document, bookmark, pages)
        title = " ".join(str(bookmark.get("/Title", "")).split())
        if place is not None and title:
            found.append((place, title))
    return sorted(found, key=lambda pair: pair[0])


def heading_before(headings: list[tuple[Place, str]], target: Place) -> str:
    """The title of the last heading at or before `target` ("" when none is)."""
    title = ""
    for place, text in headings:
        if place.page < target.page or (place.page == target.page and place.down <= target.down + SAME_SPOT):
            title = text
        else:
            break
    return title


def describe_internal_links(document: pikepdf.Pdf, link_to: str = DEFAULT_LINK_TO) -> int:
    """Set each internal link's /Contents to `link_to` naming the heading of its target; how many were set.

    A link whose target lies before every heading keeps Typst's description.
    """
    headings = heading_places(document)
    pages = {page.obj.objgen: index for index, page in enumerate(document.pages)}
    described = 0
    for page in document.pages:
        for annotation in page.obj.get("/Annots") or []:
            if not isinstance(annotation, pikepdf.Dictionary) or annotation.get("/Subtype") != "/Link":
                continue
            target = _place(document, annotation, pages)
            title = heading_before(headings, target) if target is not None else ""
            if title:
                annotation.Contents = pikepdf.String(link_to.replace("{target}", title))
                described += 1
    return described
