"""HTML of in-text citations and of a page's reference list (reused by the PDF handouts).

In-text (brackets):  <span class="atlas-cite" id="cite-1">[<a class="atlas-cite__ref" href="#ref-k"
                     aria-describedby="ref-text-k" data-ref="k">1</a>–…]</span>
superscript display: the same with <sup class="atlas-cite atlas-cite--sup" …> and no brackets.
Reference list:      <h2 id="references">References</h2> and <ol class="atlas-references"> of
                     <li id="ref-k"><span class="atlas-ref__backlinks">…</span>
                     <span class="atlas-ref__text" id="ref-text-k">formatted entry[ annotation]</span></li>
                     (the annotation: what the source says, from atlas.evidence, when the host gives one)
The preview needs no hidden copy: `aria-describedby` names the entry text, so screen readers announce the
reference on focus; citations.js shows the same node's content as a popover on hover, focus and tap.
"""

# ruff: noqa: RUF001, RUF002  (the en dash of compressed ranges is intended)
from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from html import escape

from pybtex.database import Person

from atlas.citations.latex import latex_to_plain
from atlas.citations.numbering import NumberedGroup, NumberedItem, compress

BACKLINK_LETTERS = "abcdefghijklmnopqrstuvwxyz"


_UNSAFE = re.compile(r"[^\w.:-]")


def anchor_key(key: str) -> str:
    """The part of an HTML id that names a key: distinct for distinct keys, stable, readable.

    Letters and digits of any script, `_`, `-`, `.` and `:` stay as written (`Tèst`, `Jarse.2023`); a key
    with any other character (`a/b`, `c++`) gets `-` for it plus a short fingerprint of the whole key,
    so `a/b` and `a+b` never share an id. Keys differing only in case are one BibTeX key: the caller
    passes the canonical spelling.
    """
    if not _UNSAFE.search(key):
        return key
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]  # a name, not security
    return f"{_UNSAFE.sub('-', key)}-{digest}"


def author_short(people: list[Person], labels: dict[str, object]) -> str:
    """Author-in-text names: `Xu`, `Xu and Li` (nl: `Xu en Li`), `Xu et al.` (family names, no LaTeX)."""
    names = [" ".join(latex_to_plain(part) for part in person.prelast_names + person.last_names) or
             latex_to_plain(str(person)) for person in people]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) == 2 and names[1] != "others":
        return f"{names[0]} {labels.get('and', '&')} {names[1]}"
    return f"{names[0]} {labels['et_al']}"


def _ref_link(item: NumberedItem) -> str:
    safe = anchor_key(item.key)
    return (f'<a class="atlas-cite__ref" href="#ref-{safe}" aria-describedby="ref-text-{safe}" '
            f'data-ref="{safe}">{item.number}</a>')


def _missing(item: NumberedItem, label: str) -> str:
    return (f'<mark class="atlas-cite__missing" title="{escape(label)}">'
            f"?{escape(item.key)}</mark>")


def render_group(group: NumberedGroup, display: str, labels: dict[str, object], linked: bool = True) -> str:
    """One citation point: compressed, linked numbers, with prefixes and locators kept.

    `linked=False` (a citation inside link text): the same text and anchor, without links of its own."""
    pieces: list[str] = []
    plain = [i for i in group.items if i.number is not None and not _annotated(i)]
    if len(plain) == len(group.items):
        by_number = {i.number: i for i in plain if i.number is not None}
        for first, last in compress(sorted(by_number)):
            if first == last:
                pieces.append(_ref_link(by_number[first]))
            else:
                pieces.append(f"{_ref_link(by_number[first])}–{_ref_link(by_number[last])}")
    else:
        for item in group.items:
            body = _ref_link(item) if item.number is not None else _missing(item, str(labels["unknown_key"]))
            prefix = f"{item.prefix_html or escape(item.prefix)} " if item.prefix or item.prefix_html else ""
            locator = _locator(item)
            pieces.append(f"{prefix}{body}{locator}")
    # with a prefix or locator, items are separated as Pandoc writes them, so `[see 1, p. 3; 2]` stays clear
    separator = "; " if any(_annotated(i) for i in group.items) and len(pieces) > 1 else ", "
    inner = separator.join(pieces)
    if not linked:
        inner = re.sub(r"<[^>]*>", "", inner)
    if display == "superscript":
        return f'<sup class="atlas-cite atlas-cite--sup" id="{group.anchor}">{inner}</sup>'
    return f'<span class="atlas-cite" id="{group.anchor}">[{inner}]</span>'


def _locator(item: NumberedItem) -> str:
    """`, p. 3`; a locator that starts with punctuation follows the number directly (`[1; see also …]`)."""
    if not (item.locator or item.locator_html):
        return ""
    text = item.locator_html or escape(item.locator)
    return text if item.locator[:1] in tuple(";:,.!?)") else f", {text}"


def _annotated(item: NumberedItem) -> bool:
    return bool(item.prefix or item.locator or item.prefix_html or item.locator_html)


def render_backlinks(anchors: list[str], label: str) -> str:
    """Wikipedia's `^` (one use) or `^ a b` (several), each link labelled for screen readers; nothing
    for an entry with no citation point to go back to (listed by `nocite`, or cited in an attribute)."""
    if not anchors:
        return ""
    if len(anchors) == 1:
        return (f'<a class="atlas-ref__back" href="#{anchors[0]}" '
                f'aria-label="{escape(label)} 1">^</a>')
    links = []
    for index, anchor in enumerate(anchors):
        letter = BACKLINK_LETTERS[index] if index < len(BACKLINK_LETTERS) else str(index + 1)
        links.append(f'<a class="atlas-ref__back" href="#{anchor}" '
                     f'aria-label="{escape(label)} {index + 1}">{letter}</a>')
    return "^ " + " ".join(links)


def render_reference_items(order: list[str], formatted: dict[str, str], backlinks: dict[str, list[str]],
                           labels: dict[str, object], annotations: Mapping[str, str] | None = None) -> str:
    """The `<li>` of a page's reference list, one per line, numbered by `order`.

    `annotations` (lower-case key -> trusted HTML, phrasing content) is added inside the entry's text,
    so the citation preview, which copies that node, shows it too (what the source says)."""
    items = []
    for key in order:
        safe = anchor_key(key)
        back = render_backlinks(backlinks.get(key, []), str(labels["back_to_citation"]))
        items.append(f'<li id="ref-{safe}"><span class="atlas-ref__backlinks">{back}</span> '
                     f'<span class="atlas-ref__text" id="ref-text-{safe}">{formatted[key]}'
                     f'{(annotations or {}).get(key.lower(), "")}</span></li>')
    return "\n".join(items)
