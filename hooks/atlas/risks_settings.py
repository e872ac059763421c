"""`extra.atlas.risks` of mkdocs.yml, declared for `atlas.settings`: where the risk groups live and the
line a page may use to place its "who should be careful?" box."""

from __future__ import annotations

from dataclasses import dataclass

from atlas.risks_extension import DEFAULT_MARKER
from atlas.settings import Block

DEFAULT_FILE = "includes/risk-groups.yml"


@dataclass(frozen=True)
class RisksSettings:
    enabled: bool = True
    file: str = DEFAULT_FILE        # the risk groups, topics and trigger words (relative to mkdocs.yml)
    marker: str = DEFAULT_MARKER    # a line a page may use to place its box (default: after key points)


def _check(settings: RisksSettings) -> list[str]:
    if not settings.file.strip() or settings.file.startswith("/"):
        return ["`extra.atlas.risks.file`: expected a file relative to mkdocs.yml, "
                f"e.g. {DEFAULT_FILE}."]
    return []


SETTINGS = Block("risks", RisksSettings, check=_check)
