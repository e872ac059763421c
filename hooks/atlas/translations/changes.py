"""What changed in a source page since its translation was checked: paragraphs, sections, safety text.

Compares the source text a stamp matched (`snapshots.py`) with the source as it is now, block by block
(the same blocks the fingerprint is made of, `hashing.normalise_body`), so a re-wrapped paragraph is not
a change and a translator sees exactly the paragraphs to redo. Sections are the `## ` headings; the
banner on a stale page names them in the translation's own words (matched by heading id, else by
position). A change to a safety box or an evidence note (admonition classes from the settings) or to a
watched front-matter key is critical: the build warns instead of noting it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from atlas.translations.hashing import normalise_body, split_front_matter, watched_values

SECTION = re.compile(r"^##[ \t]+(?P<title>.*?)[ \t]*(?:\{(?P<attrs>[^}]*)\})?[ \t]*$")
HEADING_ID = re.compile(r"#([\w-]+)")
ADMONITION = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+(?P<classes>[\w-]+(?:[ \t]+[\w-]+)*)"
                        r"[ \t]*(?:\"(?P<title>[^\"]*)\")?[ \t]*$")


@dataclass(frozen=True)
class Section:
    """A `## ` section of a page: its position among them (-1: the text before the first), title, id."""

    index: int
    title: str
    anchor: str | None = None


INTRO = Section(-1, "")
BEFORE_SECTIONS = "(before the first ## heading)"


def blocks(markdown: str) -> list[str]:
    """The page body's blocks (paragraphs, headings, list items), each on one line."""
    body = normalise_body(markdown)
    return body.split("\n\n") if body else []


def _heading(block: str, index: int) -> Section | None:
    match = SECTION.match(block)
    if match is None:
        return None
    anchor = HEADING_ID.search(match.group("attrs") or "")
    return Section(index, match.group("title"), anchor.group(1) if anchor else None)


def sections_of(page_blocks: list[str]) -> list[Section]:
    """The section each block belongs to (INTRO before the first `## ` heading)."""
    current, found, count = INTRO, [], 0
    for block in page_blocks:
        heading = _heading(block, count)
        if heading is not None:
            current, count = heading, count + 1
        found.append(current)
    return found


def headings(markdown: str) -> list[Section]:
    """The `## ` headings of a page, in order."""
    return [s for s in dict.fromkeys(sections_of(blocks(markdown))) if s is not INTRO]


def _changes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [op for op in matcher.get_opcodes() if op[0] != "equal"]


def changed_sections(old_markdown: str, new_markdown: str) -> list[Section]:
    """The sections of the new source holding a changed, added or removed block, in page order."""
    old, new = blocks(old_markdown), blocks(new_markdown)
    where = sections_of(new)
    changed: dict[Section, None] = {}
    for _, _, _, j1, j2 in _changes(old, new):
        span = range(j1, j2) if j2 > j1 else [max(j1 - 1, 0)]
        for j in span:
            changed[where[j] if where else INTRO] = None
    return sorted(changed, key=lambda section: section.index)


def paragraph_diff(old_markdown: str, new_markdown: str) -> list[str]:
    """Changed paragraphs, grouped under the section they are in: `- old`, `+ new` lines."""
    old, new = blocks(old_markdown), blocks(new_markdown)
    old_where, new_where = sections_of(old), sections_of(new)
    lines: list[str] = []
    shown: Section | None = None
    for _, i1, i2, j1, j2 in _changes(old, new):
        section = new_where[j1] if j1 < len(new_where) else (old_where[i1] if i1 < len(old_where) else INTRO)
        if section != shown:
            lines.append(f"@@ ## {section.title}" if section is not INTRO else f"@@ {BEFORE_SECTIONS}")
            shown = section
        lines.extend(f"- {block}" for block in old[i1:i2])
        lines.extend(f"+ {block}" for block in new[j1:j2])
        if i2 - i1 == j2 - j1:
            lines.extend(f"~ {words}" for a, b in zip(old[i1:i2], new[j1:j2], strict=True)
                         if (words := word_changes(a, b)))
    return lines


def word_changes(old_block: str, new_block: str) -> str:
    """The changed words of one paragraph, e.g. `steeds -> altijd; + zeker`, so a long paragraph's
    one-word edit is seen at once."""
    old, new = old_block.split(), new_block.split()
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "replace":
            parts.append(f"{' '.join(old[i1:i2])} -> {' '.join(new[j1:j2])}")
        elif tag == "delete":
            parts.append(f"- {' '.join(old[i1:i2])}")
        elif tag == "insert":
            parts.append(f"+ {' '.join(new[j1:j2])}")
    return "; ".join(parts)


def in_translation(changed: Iterable[Section], translation_markdown: str) -> list[Section]:
    """The translation's own headings for changed source sections: same id, else same position;
    the source's heading where the translation has neither (INTRO stays INTRO)."""
    own = headings(translation_markdown)
    by_anchor = {section.anchor: section for section in own if section.anchor}
    found = []
    for section in changed:
        if section is INTRO or section.index < 0:
            found.append(INTRO)
        elif section.anchor and section.anchor in by_anchor:
            found.append(by_anchor[section.anchor])
        elif section.index < len(own):
            found.append(own[section.index])
        else:
            found.append(section)
    return list(dict.fromkeys(found))


def _admonitions(markdown: str, classes: set[str]) -> list[tuple[str, str]]:
    """(label, content with whitespace collapsed) of every admonition carrying one of `classes`."""
    _, body, _ = split_front_matter(markdown)
    lines = body.split("\n")
    found = []
    for number, line in enumerate(lines):
        match = ADMONITION.match(line)
        if match is None or not classes & set(match.group("classes").split()):
            continue
        indent = len(match.group("indent").expandtabs(4))
        content = []
        for following in lines[number + 1:]:
            if following.strip() and len(following) - len(following.lstrip()) <= indent:
                break
            content.append(following)
        title = match.group("title")
        label = f'!!! {match.group("classes")}' + (f' "{title}"' if title else "")
        found.append((label, " ".join(" ".join(content).split())))
    return found


def critical_changes(
    old_markdown: str, new_markdown: str, critical: Iterable[str], watched: Iterable[str]
) -> list[str]:
    """What changed among the critical parts: the labels of changed, added or removed safety boxes and
    evidence notes (`!!! warning careful "Wie moet oppassen?"`), and `front matter <key>`."""
    classes = set(critical)
    old, new = _admonitions(old_markdown, classes), _admonitions(new_markdown, classes)
    changed = [label for label, text in new if (label, text) not in old]
    changed += [label for label, text in old if (label, text) not in new and label not in changed]
    keys = tuple(watched)
    before, after = watched_values(old_markdown, keys), watched_values(new_markdown, keys)
    changed += [f"front matter {key}" for key in keys if before.get(key) != after.get(key)]
    return list(dict.fromkeys(changed))
