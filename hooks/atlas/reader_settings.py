"""`extra.atlas.reader` of mkdocs.yml, declared for `atlas.settings`: the words of the contributor link at
the foot of every page ("Verbeter deze pagina"), read by `overrides/partials/source-file.html`."""

from __future__ import annotations

from dataclasses import dataclass, field

from atlas.settings import Block

LABEL_NAMES = ("improve", "improve_hint")


@dataclass(frozen=True)
class ReaderSettings:
    enabled: bool = True
    labels: dict[str, dict[str, str]] = field(default_factory=dict)   # locale -> improve, improve_hint


def _check(settings: ReaderSettings) -> list[str]:
    return [f"`extra.atlas.reader.labels.{locale}.{name}`: unknown label; allowed: {', '.join(LABEL_NAMES)}."
            for locale, texts in settings.labels.items() for name in texts if name not in LABEL_NAMES]


SETTINGS = Block("reader", ReaderSettings, check=_check)
