"""Citation parity: a page and its translation must cite the same set of reference keys.

Keys are extracted by the citation engine's own `cited_keys`, so parity means exactly what the
bibliography hook will render, not a second opinion of what a citation looks like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from atlas.citations import cited_keys


@dataclass(frozen=True)
class CitationDifference:
    """Keys cited only in the source page, and only in the translation (both sorted)."""

    only_in_source: tuple[str, ...]
    only_in_translation: tuple[str, ...]

    @property
    def same(self) -> bool:
        return not self.only_in_source and not self.only_in_translation


@lru_cache(maxsize=512)
def key_set(markdown: str) -> frozenset[str]:
    """The distinct keys a page cites (cached by text: every language build asks again)."""
    return frozenset(cited_keys(markdown))


def citation_difference(source_markdown: str, translation_markdown: str) -> CitationDifference:
    source, translation = key_set(source_markdown), key_set(translation_markdown)
    return CitationDifference(tuple(sorted(source - translation)), tuple(sorted(translation - source)))


def line_citing(markdown: str, key: str) -> int:
    """The 1-based line of the first `@key` in a file (1 when it cannot be found)."""
    match = re.search(rf"@{re.escape(key)}(?![\w:.#$%&+?<>~/-]*[\w])", markdown)
    if match is None:
        return 1
    return markdown.count("\n", 0, match.start()) + 1


def parity_message(
    source_name: str,
    source_markdown: str,
    translation_name: str,
    translation_markdown: str,
    difference: CitationDifference,
) -> str:
    """The build warning for a difference: both files, the line of the first odd key, the fix."""
    details = []
    for name, markdown, keys in (
        (source_name, source_markdown, difference.only_in_source),
        (translation_name, translation_markdown, difference.only_in_translation),
    ):
        if keys:
            line = line_citing(markdown, keys[0])
            details.append(f"cited only in {name} (line {line}): " + ", ".join(keys))
    return (
        f"{translation_name} and {source_name} cite different references; " + "; ".join(details)
        + ". A translation must cite the same publications as its source: add or remove [@key] "
        "citations so both pages cite the same keys."
    )
