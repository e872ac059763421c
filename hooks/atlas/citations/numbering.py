"""Per-page numbering: order of first use, a reused source keeps its number, ranges compress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from atlas.citations.syntax import CitationGroup


@dataclass(frozen=True)
class NumberedItem:
    key: str               # canonical key as in references.bib, or the written key when unknown
    number: int | None     # None: the key is not in references.bib
    prefix: str = ""
    locator: str = ""
    prefix_html: str = ""  # the Markdown extension's rendering, when it has one
    locator_html: str = ""


@dataclass(frozen=True)
class NumberedGroup:
    group: CitationGroup
    anchor: str            # id of the citation point, target of the backlinks
    items: tuple[NumberedItem, ...]


@dataclass
class PagePlan:
    groups: list[NumberedGroup] = field(default_factory=list)
    order: list[str] = field(default_factory=list)                  # keys; number = index + 1
    backlinks: dict[str, list[str]] = field(default_factory=dict)   # key -> anchors, in page order
    unknown: list[tuple[int, str]] = field(default_factory=list)    # (line, written key)


def number_citations(groups: tuple[CitationGroup, ...] | list[CitationGroup],
                     canonical: Callable[[str], str | None], anchor_prefix: str = "cite-") -> PagePlan:
    """Number every known key by first use; unknown keys are collected with their line."""
    plan = PagePlan()
    numbers: dict[str, int] = {}
    for index, group in enumerate(groups, start=1):
        anchor = f"{anchor_prefix}{index}"
        items = []
        for item in group.items:
            key = canonical(item.key)
            if key is None:
                plan.unknown.append((group.line, item.key))
                items.append(NumberedItem(item.key, None, item.prefix, item.locator, item.prefix_html,
                                             item.locator_html))
                continue
            if key not in numbers:
                numbers[key] = len(numbers) + 1
                plan.order.append(key)
            anchors = plan.backlinks.setdefault(key, [])
            if not anchors or anchors[-1] != anchor:  # a group's items come together: no list search
                anchors.append(anchor)
            items.append(NumberedItem(key, numbers[key], item.prefix, item.locator, item.prefix_html,
                                     item.locator_html))
        plan.groups.append(NumberedGroup(group, anchor, _display_order(items)))
    return plan


def _display_order(items: list[NumberedItem]) -> tuple[NumberedItem, ...]:
    """Plain numbers ascend (`[3, 1]` → `[1, 3]`); with a prefix or locator the written order stays."""
    if any(i.prefix or i.locator or i.number is None for i in items):
        return tuple(items)
    unique = {i.number: i for i in items if i.number is not None}  # all numbered (see above)
    return tuple(unique[n] for n in sorted(unique))


def compress(numbers: list[int]) -> list[tuple[int, int]]:
    """Runs of three or more consecutive numbers become ranges: [1, 2, 3, 5] → [(1, 3), (5, 5)]."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    out: list[tuple[int, int]] = []
    for run in runs:
        if len(run) >= 3:
            out.append((run[0], run[-1]))
        else:
            out.extend((n, n) for n in run)
    return out
