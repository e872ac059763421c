"""`extra.atlas.handouts` of mkdocs.yml, declared for `atlas.settings`."""

from __future__ import annotations

from dataclasses import dataclass, field

from atlas.settings import Block

DEFAULT_EXCLUDE = ("index.md", "glossary.md", "references.md", "about.md")
DEFAULT_CACHE = ".cache/handouts"  # relative to mkdocs.yml; git-ignored


@dataclass(frozen=True)
class HandoutsSettings:
    """PDF handouts per article and a booklet per language (ATLAS_HANDOUTS=0/1 overrides `enabled`)."""

    enabled: bool = True
    booklet: bool = True                       # amino-atlas-<locale>.pdf at each language root
    booklet_name: str | None = None            # the booklet's title; the site name when absent
    cache: str | bool = True                   # a folder, true (.cache/handouts) or false (never)
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE  # source pages without a handout
    strip: tuple[str, ...] = ()                # CSS selectors of web-only parts
    workers: int | None = None                 # PDF processes; the CPU count when absent
    template: str | None = None                # a Typst template instead of the built-in one
    labels: dict[str, dict[str, str]] = field(default_factory=dict)   # locale -> name -> text
    disclaimer: dict[str, str] = field(default_factory=dict)          # locale -> text


def _check(settings: HandoutsSettings) -> list[str]:
    if settings.workers is not None and settings.workers < 1:
        return ["`extra.atlas.handouts.workers`: expected a whole number of 1 or more, "
                f"got {settings.workers}."]
    return []


SETTINGS = Block("handouts", HandoutsSettings, check=_check)
