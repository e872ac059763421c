"""A cache by content that lives across build runs and stays as small as one run's use of it.

Why: `mkdocs serve` rebuilds the whole site after every save, and static-i18n builds each language in
turn. Work keyed by the content it depends on (the .bib scanned, entries formatted, the glossary
compiled) gives the same result on the next run while that content is unchanged, so emptying such a
cache at every run made each rebuild redo it. Kept for ever, it would grow with every edit of the
session. `RunCache.sweep`, called when a run starts, keeps what the run before used and drops the rest:
after an edit the old entry is gone one run later, and an unchanged input costs nothing again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, overload

K = TypeVar("K")
V = TypeVar("V")
D = TypeVar("D")

__all__ = ["RunCache"]


class RunCache(dict[K, V]):
    """A dict that remembers which keys were read or written since the last `sweep`."""

    def __init__(self) -> None:
        super().__init__()
        self._used: set[K] = set()

    def __getitem__(self, key: K) -> V:
        value = super().__getitem__(key)
        self._used.add(key)
        return value

    def __setitem__(self, key: K, value: V) -> None:
        super().__setitem__(key, value)
        self._used.add(key)

    @overload
    def get(self, key: K, default: None = None, /) -> V | None: ...

    @overload
    def get(self, key: K, default: V, /) -> V: ...

    @overload
    def get(self, key: K, default: D, /) -> V | D: ...

    def get(self, key: K, default: object = None, /) -> object:
        if key in self:
            return self[key]
        return default

    def setdefault(self, key: K, default: V, /) -> V:
        if key not in self:
            self[key] = default
        return self[key]

    def made(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for `key`, made by `make()` the first time it is asked for."""
        if key not in self:
            self[key] = make()
        return self[key]

    def clear(self) -> None:
        super().clear()
        self._used.clear()

    def sweep(self) -> None:
        """Drop every entry not read or written since the last sweep (a run that did not need it)."""
        for key in [key for key in self if key not in self._used]:
            del self[key]
        self._used = set()
