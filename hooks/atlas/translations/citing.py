"""Which citation keys a Markdown page cites: the citation engine's `cited_keys`.

The citation engine (`atlas.citations`) owns the syntax. Until it is importable this falls back
to a minimal reading of Pandoc's `[@key]`, `[@a; @b]`, `[@a, p. 33]` so the translation checks
can run on their own.
"""

from __future__ import annotations

import re

try:
    from atlas.citations import cited_keys
except ImportError:  # pragma: no cover - only while the citation engine is not in the tree
    _BRACKET = re.compile(r"\[([^\[\]]*@[^\[\]]*)\]")
    _KEY = re.compile(r"(?:^|[;\s])-?@([\w][\w:.#$%&\-+?<>~/]*[\w]|[\w])")

    def cited_keys(markdown: str) -> list[str]:
        """Keys in Pandoc bracketed citations, in order of first appearance."""
        seen: dict[str, None] = {}
        for group in _BRACKET.finditer(markdown):
            for key in _KEY.findall(group.group(1)):
                seen.setdefault(key, None)
        return list(seen)

__all__ = ["cited_keys"]
