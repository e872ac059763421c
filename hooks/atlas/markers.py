"""Footnotes that are markers, not sources: "no source" and "the site's own caution" (Markdown extension).

The pages mark a claim without a confirmed source with a footnote such as `[^geen-bron]` / `[^no-source]`,
and a caution of the site itself with `[^voorzorg]` / `[^precaution]`. Python-Markdown numbers these like
any footnote, so readers saw a bare superscript "1" beside numbered citations "[1]". This treeprocessor
gives each configured footnote reference its own visible text ("geen bron", "no source", …) as the link
text, so the link's accessible name says what it is, the words are in the HTML (the PDF handouts, made
from the page HTML, show them too), and Material's footnote tooltip still shows the explanation on hover
or tap. Ids and texts come from `extra.atlas.markers` in mkdocs.yml.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as _settings_field
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from atlas.settings import Block


class MarkerSettingsError(ValueError):
    """A wrong `extra.atlas.markers` value; the message says which and what to write."""


@dataclass(frozen=True)
class Marker:
    kind: str     # no-source | precaution | …: the CSS modifier
    label: str    # visible text, also the link's accessible name


def read_settings(raw: Mapping[str, Any] | None) -> dict[str, Marker]:
    """`{kind: {locale: {id: footnote id, label: text}}}` -> footnote id -> Marker."""
    where = "extra.atlas.markers"
    markers: dict[str, Marker] = {}
    if raw is None:
        return markers
    if not isinstance(raw, Mapping):
        raise MarkerSettingsError(f"{where}: expected kinds of marker, e.g. "
                                  "no-source: {nl: {id: geen-bron, label: geen bron}}")
    for kind, per_locale in raw.items():
        if not isinstance(per_locale, Mapping):
            raise MarkerSettingsError(f"{where}.{kind}: expected per locale {{id: …, label: …}}")
        for locale, entry in per_locale.items():
            if not isinstance(entry, Mapping) or not isinstance(entry.get("id"), str) \
                    or not isinstance(entry.get("label"), str) or not entry["label"].strip():
                raise MarkerSettingsError(f"{where}.{kind}.{locale}: expected "
                                          "{id: footnote id, label: visible text}")
            footnote = entry["id"].strip()
            if footnote in markers:
                raise MarkerSettingsError(f"{where}.{kind}.{locale}: footnote id '{footnote}' "
                                          "is used twice")
            markers[footnote] = Marker(str(kind), entry["label"].strip())
    return markers


def _footnote_id(sup: ET.Element, separator: str) -> str | None:
    """`fnref:geen-bron`, `fnref2:geen-bron` (second use) -> `geen-bron`."""
    ident = sup.get("id") or ""
    head, sep, rest = ident.partition(separator)
    if not sep or not head.startswith("fnref"):
        return None
    return rest


class _Markers(Treeprocessor):
    def __init__(self, md: Markdown, markers: Mapping[str, Marker]) -> None:
        super().__init__(md)
        self.markers = markers

    def run(self, root: ET.Element) -> None:
        separator = ":"
        for extension in self.md.registeredExtensions:
            if hasattr(extension, "get_separator"):
                separator = extension.get_separator()
        for sup in root.iter("sup"):
            ident = _footnote_id(sup, separator)
            marker = self.markers.get(ident or "")
            if marker is None:
                continue
            link = next((a for a in sup if a.tag == "a" and "footnote-ref" in (a.get("class") or "")), None)
            if link is None:
                continue
            link.text = marker.label
            sup.set("class", " ".join([*(sup.get("class") or "").split(), "atlas-marker",
                                       f"atlas-marker--{marker.kind}"]))
            # Material's search leaves the label out of its index: a result snippet reads as the
            # sentence, not "… aan.geen bron Het …".
            sup.set("data-search-exclude", "")


class MarkerExtension(Extension):
    def __init__(self, markers: Mapping[str, Marker], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.markers = dict(markers)

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_Markers(md, self.markers), "atlas_markers", 15)  # after inline (20)


# --- settings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MarkerText:
    id: str = ""      # the footnote id the page writes: [^geen-bron]
    label: str = ""   # the visible text of the marker


@dataclass(frozen=True)
class MarkersSettings:
    """`extra.atlas.markers`: each kind of marker (a free key, e.g. `no-source`) -> per locale its text."""

    enabled: bool = True
    kinds: dict[str, dict[str, MarkerText]] = _settings_field(default_factory=dict)


def _check(settings: MarkersSettings) -> list[str]:
    raw = {kind: {locale: {"id": text.id, "label": text.label} for locale, text in per_locale.items()}
           for kind, per_locale in settings.kinds.items()}
    try:
        read_settings(raw)
    except MarkerSettingsError as error:
        return [str(error)]
    return []


SETTINGS = Block("markers", MarkersSettings, check=_check, free="kinds", free_keys=r"[a-z][a-z0-9-]*")
