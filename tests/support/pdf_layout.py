"""What a reader sees on a PDF page, read back with pypdf: lines of text with their font face and size,
and the text inside a tagged structure element (its marked-content ids).

Used by the handout layout tests; pypdf reports each text run with its font and transformation
matrices, from which the position and the effective size follow.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass, field

from pypdf import PageObject, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

FOOTER_TOP = 62.0  # points above the lower page edge: the running footer lies below (22 mm margin)
SAME_LINE = 7.0  # a superscript sits within this many points of its line's baseline


@dataclass
class Run:
    x: float
    text: str
    face: str  # the font's PostScript name without the subset tag ("AtkinsonHyperlegible-Bold")
    size: float  # effective size in points


@dataclass
class Line:
    y: float
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in sorted(self.runs, key=lambda r: r.x)).strip()

    def chars_at(self, size: float) -> int:
        """Characters set at `size` (a line's superscripts are smaller and do not count)."""
        return sum(len(run.text.strip()) for run in self.runs if abs(run.size - size) < 0.5)

    @property
    def size(self) -> float:
        counts: collections.Counter[float] = collections.Counter()
        for run in self.runs:
            counts[run.size] += len(run.text.strip())
        return counts.most_common(1)[0][0]


def page_lines(page: PageObject) -> list[Line]:
    """The page's text lines from top to bottom, the running footer included."""
    runs: list[tuple[float, Run]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: dict | None, size: float) -> None:
        if not text.strip():
            return
        y = tm[5] * (cm[3] or 1) + cm[5]
        x = tm[4] * (cm[0] or 1) + cm[4]
        face = str((font or {}).get("/BaseFont", "")).lstrip("/").split("+")[-1]
        runs.append((y, Run(x, text, face, round(size * (tm[3] or 1) * (cm[3] or 1), 1))))

    page.extract_text(visitor_text=visit)
    lines: list[Line] = []
    for y, run in sorted(runs, key=lambda item: -item[0]):
        if lines and lines[-1].y - y < SAME_LINE:
            lines[-1].runs.append(run)
        else:
            lines.append(Line(y, [run]))
    return lines


def content_lines(page: PageObject) -> list[Line]:
    """The page's lines above the running footer."""
    return [line for line in page_lines(page) if line.y > FOOTER_TOP]


def body_font(reader: PdfReader) -> tuple[str, float]:
    """The face and size most of the document's characters are set in: its body text."""
    counts: collections.Counter[tuple[str, float]] = collections.Counter()
    for page in reader.pages:
        for line in page_lines(page):
            for run in line.runs:
                counts[(run.face, run.size)] += len(run.text.strip())
    return counts.most_common(1)[0][0]


def structure_elements(reader: PdfReader, role: str) -> list[DictionaryObject]:
    """Every structure element of type `role` ("/H1") in the tag tree."""
    found: list[DictionaryObject] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject):
            if node.get("/S") == role:
                found.append(node)
            elif "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def kids(element: DictionaryObject) -> list[object]:
    value = element.get("/K")
    value = value.get_object() if hasattr(value, "get_object") else value
    items = list(value) if isinstance(value, ArrayObject) else [value]
    return [item.get_object() if hasattr(item, "get_object") else item for item in items]


def child_roles(element: DictionaryObject) -> list[str]:
    """Structure elements nested in `element` (a heading should hold only its own text)."""
    return [str(kid.get("/S")) for kid in kids(element) if isinstance(kid, DictionaryObject) and "/S" in kid]


def _marked_texts(page: PageObject) -> dict[int, str]:
    stack: list[int | None] = []
    texts: dict[int, str] = {}

    def before(operator: bytes, operands: list, cm: list[float], tm: list[float]) -> None:
        if operator == b"BDC":
            props = operands[1] if len(operands) > 1 else None
            props = props.get_object() if hasattr(props, "get_object") else props
            marked = isinstance(props, DictionaryObject) and "/MCID" in props
            stack.append(int(props["/MCID"]) if marked else None)
        elif operator == b"BMC":
            stack.append(None)
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(value: str, cm: list[float], tm: list[float], font: dict | None, size: float) -> None:
        current = next((mcid for mcid in reversed(stack) if mcid is not None), None)
        if current is not None:
            texts[current] = texts.get(current, "") + value

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


def element_text(reader: PdfReader, element: DictionaryObject) -> str:
    """The text of the marked content an element holds directly (its page's MCIDs)."""
    numbers = [page.indirect_reference.idnum for page in reader.pages]
    page = reader.pages[numbers.index(element.raw_get("/Pg").idnum)]
    texts = _marked_texts(page)
    own = []
    for kid in kids(element):
        if isinstance(kid, int):
            own.append(texts.get(kid, ""))
        elif isinstance(kid, DictionaryObject) and "/MCID" in kid:
            own.append(texts.get(int(kid["/MCID"]), ""))
    return "".join(own).strip()
