"""The certainty line of an evidence note becomes a visible label (Python-Markdown extension).

Every evidence note (`!!! evidence "…"`) opens with one line in the page's language, e.g.

    Zekerheid van het bewijs: **laag**. Basis: twee kleine gerandomiseerde studies (42 patiënten).
    Certainty of the evidence: **low**. Basis: two small randomised trials (42 patients).

That first paragraph becomes `<p class="atlas-certainty" data-certainty="low">` with the prefix in
`.atlas-certainty__label` and the level as a badge (`strong.atlas-certainty__level`); the text stays
the same, so print, PDF and screen readers read the line as written. A note without that line, or with
a level the language does not know, is reported with its line (the hook logs it as a warning).

Words per language come from `extra.atlas.certainty` in mkdocs.yml; the code knows no language.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from dataclasses import field as _settings_field
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from atlas.comments import commented_lines
from atlas.settings import Block


class CertaintySettingsError(ValueError):
    """A wrong `extra.atlas.certainty` value; the message says which and what to write."""


@dataclass(frozen=True)
class Language:
    prefix: str                      # "Zekerheid van het bewijs"
    levels: Mapping[str, str]        # written level (lower case) -> canonical level


@dataclass(frozen=True)
class CertaintySettings:
    admonition: str = "evidence"
    levels: tuple[str, ...] = ()     # canonical levels, strongest first
    languages: Mapping[str, Language] = field(default_factory=dict)

    def example(self, locale: str) -> str:
        language = self.languages[locale]
        written = list(language.levels)
        return f"{language.prefix}: **{written[-1] if written else '…'}**. Basis: …"


def read_settings(raw: Mapping[str, Any] | None) -> CertaintySettings:
    raw = dict(raw or {})
    where = "extra.atlas.certainty"
    levels = raw.get("levels") or []
    if not isinstance(levels, list) or not levels or not all(isinstance(v, str) for v in levels):
        raise CertaintySettingsError(f"{where}.levels: expected the list of levels, strongest first, "
                                     "e.g. [high, moderate, low, very-low]")
    labels = raw.get("labels") or {}
    if not isinstance(labels, Mapping) or not labels:
        raise CertaintySettingsError(f"{where}.labels: expected per locale a prefix and its levels, e.g. "
                                     "en: {prefix: Certainty of the evidence, levels: {low: low}}")
    languages: dict[str, Language] = {}
    for locale, entry in labels.items():
        if not isinstance(entry, Mapping) or not isinstance(entry.get("prefix"), str) \
                or not isinstance(entry.get("levels"), Mapping):
            raise CertaintySettingsError(f"{where}.labels.{locale}: expected {{prefix: …, levels: "
                                         "{written level: canonical level}}")
        written = {" ".join(str(k).lower().split()): str(v) for k, v in entry["levels"].items()}
        wrong = sorted(set(written.values()) - set(levels))
        if wrong:
            raise CertaintySettingsError(f"{where}.labels.{locale}.levels: {', '.join(wrong)} is not one of "
                                         f"{where}.levels ({', '.join(levels)})")
        missing = sorted(set(levels) - set(written.values()))
        if missing:
            raise CertaintySettingsError(f"{where}.labels.{locale}.levels: no word for {', '.join(missing)}")
        languages[str(locale)] = Language(str(entry["prefix"]).strip().rstrip(":"), written)
    return CertaintySettings(str(raw.get("admonition") or "evidence"), tuple(levels), languages)


@dataclass(frozen=True)
class Problem:
    line: int       # line of the note's opening `!!!` in the Markdown given to Python-Markdown
    message: str


def _opening(admonition: str) -> re.Pattern[str]:
    return re.compile(rf"^[ \t>]*(?:!!!|\?\?\?\+?)[ \t]+{re.escape(admonition)}(?:[ \t]|$)")


class _Lines(Preprocessor):
    """Records the line of every evidence note's opening, in order, before anything changes the lines."""

    def __init__(self, md: Markdown, extension: CertaintyExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        pattern = _opening(self.extension.settings.admonition)
        hidden = commented_lines("\n".join(lines))  # a note inside an HTML comment is never rendered
        self.extension.note_lines = [n for n, line in enumerate(lines, 1)
                                     if pattern.match(line) and n not in hidden]
        return lines


def _classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def _label_paragraph(paragraph: ET.Element, language: Language) -> str | None:
    """Turn the certainty line into a label; the canonical level, or None when the line is not one."""
    text = " ".join((paragraph.text or "").split())
    strong = paragraph[0] if len(paragraph) else None
    if text.rstrip(":").strip() != language.prefix or not text.endswith(":") or strong is None \
            or strong.tag != "strong":
        return None
    written = " ".join("".join(strong.itertext()).lower().split())
    level = language.levels.get(written)
    if level is None:
        return ""
    paragraph.set("class", " ".join([*_classes(paragraph), "atlas-certainty"]))
    paragraph.set("data-certainty", level)
    label = ET.Element("span", {"class": "atlas-certainty__label"})
    label.text = f"{language.prefix}:"
    label.tail = " "
    paragraph.text = ""
    paragraph.insert(0, label)
    strong.set("class", " ".join([*_classes(strong), "atlas-certainty__level"]))
    return level


class _Labels(Treeprocessor):
    def __init__(self, md: Markdown, extension: CertaintyExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: ET.Element) -> None:
        extension = self.extension
        language = extension.settings.languages.get(extension.locale)
        admonition = extension.settings.admonition
        notes = [el for el in root.iter()
                 if (el.tag == "div" and {"admonition", admonition} <= set(_classes(el)))
                 or (el.tag == "details" and admonition in _classes(el))]
        for index, note in enumerate(notes):
            line = extension.note_lines[index] if index < len(extension.note_lines) else 0
            if language is None:
                continue
            paragraphs = [child for child in note
                          if child.tag == "p" and "admonition-title" not in _classes(child)]
            first = next((child for child in note if child.tag not in {"summary"}
                          and "admonition-title" not in _classes(child)), None)
            level = _label_paragraph(first, language) if first is not None and first.tag == "p" else None
            known = ", ".join(language.levels)
            if level is None:
                found = "it has no text" if not paragraphs else "its first paragraph is something else"
                extension.problems.append(Problem(line, (
                    f"evidence note without a certainty line ({found}); start the note with "
                    f"'{extension.settings.example(extension.locale)}' (levels: {known})")))
            elif level == "":
                written = " ".join("".join(first[0].itertext()).split()) if first is not None else ""
                extension.problems.append(Problem(line, (
                    f"evidence note with an unknown certainty level '{written}'; use one of: {known}")))


class CertaintyExtension(Extension):
    """Set `locale` before each page; read `problems` after it (the hook clears them)."""

    def __init__(self, settings: CertaintySettings, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.settings = settings
        self.locale = next(iter(settings.languages), "")
        self.note_lines: list[int] = []
        self.problems: list[Problem] = []

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Lines(md, self), "atlas_certainty_lines", 45)  # before snippets/comments
        md.treeprocessors.register(_Labels(md, self), "atlas_certainty", 15)     # after inline (20)


# --- settings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CertaintyLabels:
    prefix: str = ""                       # "Certainty of the evidence"
    levels: dict[str, str] = _settings_field(default_factory=dict)   # written level -> canonical level


@dataclass(frozen=True)
class CertaintyBlock:
    """`extra.atlas.certainty`: the first line of every evidence note becomes a certainty label."""

    enabled: bool = True
    admonition: str = "evidence"
    levels: tuple[str, ...] = ()           # GRADE, strongest first
    labels: dict[str, CertaintyLabels] = _settings_field(default_factory=dict)


def _check(block: CertaintyBlock) -> list[str]:
    if not block.levels and not block.labels:
        return []  # the feature's defaults: no labels configured, nothing to check
    raw = {"admonition": block.admonition, "levels": list(block.levels),
           "labels": {locale: {"prefix": entry.prefix, "levels": entry.levels}
                      for locale, entry in block.labels.items()}}
    try:
        read_settings(raw)
    except CertaintySettingsError as error:
        return [str(error)]
    return []


SETTINGS = Block("certainty", CertaintyBlock, check=_check)
