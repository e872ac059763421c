"""atlas.run_cache: a cache by content that keeps what the last build run used and nothing more."""

from __future__ import annotations

from atlas.run_cache import RunCache


def test_a_sweep_keeps_entries_read_or_written_since_the_last_sweep() -> None:
    cache: RunCache[str, int] = RunCache()
    cache["read"], cache["written"], cache["idle"] = 1, 2, 3
    cache.sweep()  # all three were written during this run
    assert dict(cache) == {"read": 1, "written": 2, "idle": 3}
    assert cache.get("read") == 1
    cache["written"] = 4
    assert "idle" in cache  # asking whether a key is there does not count as a use
    cache.sweep()
    assert dict(cache) == {"read": 1, "written": 4}
    cache.sweep()
    assert dict(cache) == {}


def test_get_and_setdefault_behave_as_a_dicts_and_count_as_uses() -> None:
    cache: RunCache[str, list[int]] = RunCache()
    assert cache.get("absent") is None and cache.get("absent", []) == []
    cache.setdefault("a", []).append(1)
    assert cache.setdefault("a", []) == [1]
    cache.sweep()
    cache.sweep()
    assert cache == {}
    cache["b"] = [2]
    cache.clear()
    cache.sweep()
    assert cache == {}


def test_made_works_a_value_out_once_and_counts_as_used() -> None:
    cache: RunCache[str, int] = RunCache()
    calls: list[str] = []
    assert cache.made("a", lambda: calls.append("a") or 1) == 1
    assert cache.made("a", lambda: calls.append("again") or 2) == 1
    assert calls == ["a"]
    cache.sweep()
    cache.made("a", lambda: 3)  # read in this run: kept by the next sweep
    cache.sweep()
    assert cache == {"a": 1}
