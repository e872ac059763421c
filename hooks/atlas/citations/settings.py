"""Validation of `extra.atlas.citations` (mkdocs.yml): one line per problem, naming key and allowed values.

Pure: `problems(settings)` returns the messages; the hook logs them and stops the build. An unknown key
is an error, never silently ignored (settings of other citation tools, `csl:` or `style:`, get a hint
saying what this engine does instead).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from atlas.citations.style import LABELS
from atlas.settings import Block, parse, unknown_key

PREFIX = "extra.atlas.citations"
FOREIGN = {  # settings of other citation tools, and what to do here instead
    "csl": "CSL styles are not supported: references are always formatted in NLM/Vancouver style; "
           "remove the key.",
    "style": "there is one style, NLM/Vancouver; remove the key.",
    "bibtex_style": "there is one style, NLM/Vancouver; remove the key.",
    "bib_file": "the bibliography setting is called bib.",
    "bib_files": "the bibliography setting is called bib (a path, a glob or a list).",
    "bib_dir": "write a glob instead, e.g. bib: refs/*.bib.",
    "bibliography": "the bibliography setting is called bib.",
    "footnote": "display takes brackets or superscript.",
}


DEFAULT_MARKER = "<!-- atlas:bibliography -->"


@dataclass(frozen=True)
class CitationsSettings:
    """`extra.atlas.citations`: where the bibliography is and how citations look."""

    enabled: bool = True                     # false: [@key] is left as written, no reference lists
    bib: str | tuple[str, ...] = "references.bib"   # a .bib path, a glob, or a list of them
    display: Literal["brackets", "superscript"] = "brackets"
    unused: Literal["warn", "info"] = "warn"  # an entry no page cites: warning (fails --strict) or info
    marker: str = DEFAULT_MARKER             # the line that receives the global bibliography
    cite_this_page: bool = True
    cache: str | bool = True                 # formatted entries kept between builds: a folder, true
                                             # (.cache/citations) or false; ATLAS_CITATIONS_CACHE overrides
    labels: dict[str, dict[str, Any]] = field(default_factory=dict)  # locale -> label name -> text


def _bib(settings: CitationsSettings) -> list[str]:
    key = f"{PREFIX}.bib"
    if isinstance(settings.bib, str):
        empty = not settings.bib.strip()
        return [f"`{key}`: empty; give a .bib path, a glob or a list of them."] if empty else []
    if not settings.bib:
        return [f"`{key}`: empty list; give at least one .bib path or glob."]
    return [f"`{key}[{i}]`: empty; each item must be a .bib path or glob."
            for i, item in enumerate(settings.bib) if not item.strip()]


def _marker(settings: CitationsSettings) -> list[str]:
    if settings.marker.strip():
        return []
    return [f"`{PREFIX}.marker`: empty; give the text of the line that receives the bibliography, "
            "e.g. \"<!-- atlas:bibliography -->\"."]


def _labels(settings: CitationsSettings) -> list[str]:
    known = sorted(LABELS["en"])
    found: list[str] = []
    for locale, labels in settings.labels.items():
        where = f"{PREFIX}.labels.{locale}"
        for name, text in labels.items():
            if name not in LABELS["en"]:
                found.append(unknown_key(where, name, known))
            elif name == "months":
                if not (isinstance(text, list) and len(text) == 12 and all(isinstance(m, str) for m in text)):
                    found.append(f"`{where}.months`: expected a list of 12 month abbreviations.")
            elif not isinstance(text, str | int | float) or isinstance(text, bool):
                found.append(f"`{where}.{name}`: expected text, the label's text.")
    return found


def _cache(settings: CitationsSettings) -> list[str]:
    if isinstance(settings.cache, str) and not settings.cache.strip():
        return [f"`{PREFIX}.cache`: empty; give a folder relative to mkdocs.yml, or false."]
    return []


def check(settings: CitationsSettings) -> list[str]:
    """Rules beyond types: a non-empty bibliography, marker and cache folder, labels the style knows."""
    return _bib(settings) + _marker(settings) + _cache(settings) + _labels(settings)


SETTINGS = Block("citations", CitationsSettings, hints=FOREIGN, check=check)


def problems(settings: Any) -> list[str]:
    """Every problem of the `extra.atlas.citations` block, one line each; [] when it is valid."""
    return parse(SETTINGS, settings)[1]
