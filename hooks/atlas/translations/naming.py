"""Where a page's translation lives: the rules are `atlas.pages`' (one parser for every feature).

`translated(path, targets)` is a translation into one of `targets` (None otherwise); kept under the names
the translations feature has always exported.
"""

from __future__ import annotations

from atlas.pages import is_source, translated, translation_of

source_of = translated

__all__ = ["is_source", "source_of", "translation_of"]
