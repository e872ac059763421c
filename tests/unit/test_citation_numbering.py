"""Numbering per page: first use, reuse keeps its number, ranges compress, unknown keys collected."""

from __future__ import annotations

from atlas.citations.numbering import compress, number_citations
from atlas.citations.syntax import scan

KNOWN = {"a": "a", "b": "b", "c": "c", "d": "d", "e": "e"}


def plan_of(text: str):
    return number_citations(scan(text).groups, lambda k: KNOWN.get(k.lower()))


def test_order_of_first_use_and_reuse() -> None:
    plan = plan_of("[@c] [@a; @c] [@b] [@c]")
    assert plan.order == ["c", "a", "b"]
    assert [[i.number for i in g.items] for g in plan.groups] == [[1], [1, 2], [3], [1]]
    assert plan.backlinks["c"] == ["cite-1", "cite-2", "cite-4"]


def test_numbers_in_a_group_ascend_unless_located() -> None:
    plan = plan_of("[@a] [@b] [@c] [@c; @a] [@c, p. 2; @a]")
    assert [i.number for i in plan.groups[3].items] == [1, 3]
    assert [i.number for i in plan.groups[4].items] == [3, 1]


def test_unknown_keys_keep_their_line() -> None:
    plan = plan_of("x\n[@a; @nope]\n")
    assert plan.unknown == [(2, "nope")]
    assert plan.order == ["a"]


def test_case_insensitive_keys_map_to_canonical() -> None:
    assert plan_of("[@A]").order == ["a"]


def test_compress() -> None:
    assert compress([1, 2, 3, 5]) == [(1, 3), (5, 5)]
    assert compress([1, 2, 4, 5, 6, 7, 9]) == [(1, 1), (2, 2), (4, 7), (9, 9)]
    assert compress([]) == []
