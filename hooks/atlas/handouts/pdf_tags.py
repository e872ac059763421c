"""What Typst 0.15 cannot write into a handout's structure, added to the finished PDF with qpdf (pikepdf).

* **Internal links say where they go.** Typst describes a link to a place in the document (the
  annotation's /Contents, which a screen reader announces) as "page N" when the target is not a heading,
  and `link` has no parameter to change that (typst-library `model/link.rs`, `Destination::alt_text`).
  Here each internal link is described by the heading its target sits under, in the document's
  language: `link_to` is a label such as "Go to: {target}". The heading is found by position: the last
  heading of the tag tree (its title is the element's /T) whose first line starts at or above the link's
  destination on its page, or on an earlier page; where a heading's line is comes from the page's content
  stream (the marked content the heading element refers to). Box titles and the notes' heading count too,
  though they are neither in the contents nor in the bookmarks.
* **Each box is a section.** Typst tags no grouping element a document can ask for (no `Sect`; a `block`
  has no tag). The template wraps each box in a figure, which Typst tags as a `Div` holding the box's
  title heading and its content; a `Div` that opens with a heading is a section, so it becomes a `Sect`.
  Only the element's type changes: its kids, the marked content and the /ParentTree stay as Typst made them.

The result is saved with a deterministic file identifier, so equal input gives an equal PDF.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterator
from dataclasses import dataclass

import pikepdf

__all__ = ["DEFAULT_LINK_TO", "Place", "describe_internal_links", "finish", "first_texts", "heading_before",
           "heading_places", "sections_from_boxes", "structure_elements"]

DEFAULT_LINK_TO = "{target}"  # a link's description when no label is given: the heading's text
HEADINGS = frozenset({"/H", *(f"/H{level}" for level in range(1, 7))})
SAME_SPOT = 1.0  # points: a heading this close below where a link leads is the link's target


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
    return [kid for kid in _kids(node) if isinstance(kid, pikepdf.Dictionary) and _is_element(kid)]


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
    """The explicit destination of a link (/Dest, or a GoTo action's /D; a name is looked up)."""
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
    """Where a link leads; a destination without a top means the top of its page."""
    destination = _destination(document, holder)
    first = destination[0] if destination is not None else None
    page = pages.get(first.objgen) if isinstance(first, pikepdf.Dictionary) else None
    if destination is None or page is None:
        return None
    at = _TOP_AT.get(str(destination[1]) if len(destination) > 1 else "", 0)
    top = destination[at] if at and len(destination) > at else None
    height = float(document.pages[page].mediabox[3])
    return Place(page, height - float(top) if top is not None else 0.0)


# -- where headings are: their first text, read from the page's content stream -------------------------

TYPST_SHIFT = 10.0  # Typst puts every destination 10 pt above its target (typst-pdf `link.rs`, `pos_to_xyz`)
CAP_HEIGHT = 0.7    # of the font size, when a font does not say (Typst's line top is at the cap height)
_SHOWS_TEXT = frozenset({"TJ", "Tj", "'", '"'})
# the operators read (parsing skips the others)
_READ = " ".join(["q", "Q", "cm", "BDC", "BMC", "EMC", "BT", "Tm", "Td", "Tf", *_SHOWS_TEXT])


@dataclass(frozen=True)
class _Text:
    """The first text of a marked-content sequence: its baseline (PDF y, upwards), how high capitals reach."""

    baseline: float
    cap: float


def _cap_height(page: pikepdf.Page, font: pikepdf.Object) -> float:
    fonts = page.obj.get("/Resources", pikepdf.Dictionary()).get("/Font", pikepdf.Dictionary())
    found = fonts.get(str(font)) if isinstance(font, pikepdf.Name) else None
    if isinstance(found, pikepdf.Dictionary) and "/DescendantFonts" in found:
        found = found.DescendantFonts[0]
    descriptor = found.get("/FontDescriptor") if isinstance(found, pikepdf.Dictionary) else None
    cap = descriptor.get("/CapHeight") if isinstance(descriptor, pikepdf.Dictionary) else None
    return float(cap) / 1000 if cap is not None else CAP_HEIGHT


def first_texts(page: pikepdf.Page) -> dict[int, _Text]:
    """Where each marked-content id of the page (MCID) first shows text, from the content stream."""
    found: dict[int, _Text] = {}
    ctm, saved = pikepdf.Matrix(), []
    text_matrix, size, cap = pikepdf.Matrix(), 0.0, CAP_HEIGHT
    marked: list[int | None] = []
    for instruction in pikepdf.parse_content_stream(page, _READ):
        if not isinstance(instruction, pikepdf.ContentStreamInstruction):
            continue  # an inline image
        operands, op = instruction.operands, str(instruction.operator)
        if op == "q":
            saved.append(ctm)
        elif op == "Q" and saved:
            ctm = saved.pop()
        elif op == "cm":
            ctm = pikepdf.Matrix(*(float(x) for x in operands)) @ ctm
        elif op in ("BDC", "BMC"):
            properties = operands[1] if op == "BDC" and len(operands) > 1 else None
            number = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
            marked.append(int(number) if number is not None else None)
        elif op == "EMC" and marked:
            marked.pop()
        elif op == "BT":
            text_matrix = pikepdf.Matrix()
        elif op == "Tm":
            text_matrix = pikepdf.Matrix(*(float(x) for x in operands))
        elif op == "Td":
            text_matrix = pikepdf.Matrix(1, 0, 0, 1, float(operands[0]), float(operands[1])) @ text_matrix
        elif op == "Tf":
            size, cap = float(operands[1]), _cap_height(page, operands[0])
        elif op in _SHOWS_TEXT:
            placed = text_matrix @ ctm
            for mcid in marked:
                if mcid is not None and mcid not in found:
                    found[mcid] = _Text(placed.f, cap * size * abs(placed.d))
    return found


_Content = tuple[pikepdf.Object, int]  # a page and a marked-content id on it


def _first_content(element: pikepdf.Object, page: pikepdf.Object | None) -> _Content | None:
    """The page and MCID of an element's first marked content (depth first; /Pg is inherited)."""
    page = element.get("/Pg") or page
    for kid in _kids(element):
        if isinstance(kid, int) and page is not None:
            return page, kid
        held_on = kid.get("/Pg") or page if isinstance(kid, pikepdf.Dictionary) else None
        if isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid and "/S" not in kid and held_on is not None:
            return held_on, int(kid.MCID)
        found = _first_content(kid, page) if _is_element(kid) else None
        if found is not None:
            return found
    return None


def heading_places(document: pikepdf.Pdf, exact_on: Collection[int] | None = None) -> list[tuple[Place, str]]:
    """Where each heading's line starts (its top, as Typst places it) and its title, in reading order.

    Reading a page's content stream is most of the work: with `exact_on`, only those pages' headings
    get their place on the page; the others are put at the top of theirs (enough to tell which heading
    comes last before a destination on one of the `exact_on` pages).
    """
    pages = {page.obj.objgen: index for index, page in enumerate(document.pages)}
    texts: dict[int, dict[int, _Text]] = {}
    found = []
    for element in structure_elements(document):
        title = " ".join(str(element.get("/T", "")).split())
        content = _first_content(element, None) if str(element.S) in HEADINGS and title else None
        if content is None or content[0].objgen not in pages:
            continue
        index = pages[content[0].objgen]
        if exact_on is not None and index not in exact_on:
            found.append((Place(index, 0.0), title))
            continue
        page = document.pages[index]
        if index not in texts:
            texts[index] = first_texts(page)  # each page's content stream is read once
        text = texts[index].get(content[1])
        if text is not None:
            found.append((Place(index, float(page.mediabox[3]) - (text.baseline + text.cap)), title))
    return sorted(found, key=lambda pair: pair[0])  # stable: a page's headings keep their order


def heading_before(headings: list[tuple[Place, str]], target: Place) -> str:
    """The title of the last heading at or before `target` ("" when none is)."""
    reached = (target.page, target.down + TYPST_SHIFT + SAME_SPOT)  # where the target itself is
    title = ""
    for place, text in headings:
        if (place.page, place.down) > reached:
            break
        title = text
    return title


def describe_internal_links(document: pikepdf.Pdf, link_to: str = DEFAULT_LINK_TO) -> int:
    """Set each internal link's /Contents to `link_to` naming the heading of its target; how many were set.

    A link whose target lies before every heading keeps Typst's description.
    """
    pages = {page.obj.objgen: index for index, page in enumerate(document.pages)}
    links = [(annotation, _place(document, annotation, pages)) for page in document.pages
             for annotation in page.obj.get("/Annots") or []
             if isinstance(annotation, pikepdf.Dictionary) and annotation.get("/Subtype") == "/Link"]
    targets = [(annotation, target) for annotation, target in links if target is not None]
    if not targets:
        return 0
    headings = heading_places(document, exact_on={target.page for _, target in targets})
    described = 0
    for annotation, target in targets:
        title = heading_before(headings, target)
        if title:
            annotation.Contents = pikepdf.String(link_to.replace("{target}", title))
            described += 1
    return described
