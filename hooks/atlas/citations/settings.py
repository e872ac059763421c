"""Validation of `extra.atlas.citations` (mkdocs.yml): one line per problem, naming key and allowed values.

Pure: `problems(settings)` returns the messages; the hook logs them and stops the build. An unknown key
is an error, never silently ignored (settings of other citation tools, `csl:` or `style:`, get a hint
saying what this engine does instead).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from atlas.citations.style import LABELS

PREFIX = "extra.atlas.citations"
CHOICES = {"display": ("brackets", "superscript"), "unused": ("warn", "info")}
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


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "a mapping", type(None): "empty"}.get(type(value), type(value).__name__)


def _bib(value: Any) -> list[str]:
    key = f"{PREFIX}.bib"
    if isinstance(value, str):
        return [] if value.strip() else [f"{key}: empty; give a .bib path, a glob or a list of them."]
    if isinstance(value, list):
        if not value:
            return [f"{key}: empty list; give at least one .bib path or glob."]
        return [f"{key}[{i}]: {_kind(item)} {item!r}; each item must be a .bib path or glob."
                for i, item in enumerate(value) if not isinstance(item, str) or not item.strip()]
    return [f"{key}: {_kind(value)} {value!r}; give a .bib path, a glob or a list of them."]


def _choice(name: str) -> Callable[[Any], list[str]]:
    def check(value: Any) -> list[str]:
        allowed = CHOICES[name]
        if isinstance(value, str) and value in allowed:
            return []
        return [f"{PREFIX}.{name}: {value!r} is not allowed; use one of: {', '.join(allowed)}."]
    return check


def _marker(value: Any) -> list[str]:
    if isinstance(value, str) and value.strip():
        return []
    return [f"{PREFIX}.marker: {_kind(value)} {value!r}; give the text of the line that receives the "
            "bibliography, e.g. \"<!-- atlas:bibliography -->\"."]


def _flag(value: Any) -> list[str]:
    if isinstance(value, bool):
        return []
    return [f"{PREFIX}.cite_this_page: {value!r} is not allowed; use true or false."]


def _labels(value: Any) -> list[str]:
    key = f"{PREFIX}.labels"
    if value is None:
        return []
    if not isinstance(value, Mapping):
        return [f"{key}: {_kind(value)}; give a mapping of locale to labels, "
                "e.g. labels: {nl: {references: Referenties}}."]
    known = sorted(LABELS["en"])
    found: list[str] = []
    for locale, labels in value.items():
        where = f"{key}.{locale}"
        if not isinstance(labels, Mapping):
            found.append(f"{where}: {_kind(labels)}; give a mapping of label name to text.")
            continue
        for name, text in labels.items():
            if name not in LABELS["en"]:
                found.append(f"{where}.{name}: unknown label; allowed: {', '.join(known)}.")
            elif name == "months":
                if not (isinstance(text, list) and len(text) == 12 and all(isinstance(m, str) for m in text)):
                    found.append(f"{where}.months: give a list of 12 month abbreviations.")
            elif not isinstance(text, str | int | float) or isinstance(text, bool):
                found.append(f"{where}.{name}: {_kind(text)}; give the label's text.")
    return found


CHECKS: dict[str, Callable[[Any], list[str]]] = {
    "bib": _bib, "display": _choice("display"), "unused": _choice("unused"), "marker": _marker,
    "cite_this_page": _flag, "labels": _labels,
}


def problems(settings: Any) -> list[str]:
    """Every problem of the `extra.atlas.citations` block, one line each; [] when it is valid."""
    if settings is None:
        return []
    if not isinstance(settings, Mapping):
        return [f"{PREFIX}: {_kind(settings)}; give a mapping of settings (allowed: {', '.join(CHECKS)})."]
    found: list[str] = []
    for name, value in settings.items():
        check = CHECKS.get(name)
        if check is None:
            hint = FOREIGN.get(str(name).lower())
            allowed = f"allowed: {', '.join(CHECKS)}."
            found.append(f"{PREFIX}.{name}: unknown setting; {hint + ' ' if hint else ''}{allowed}")
            continue
        found.extend(check(value))
    return found
