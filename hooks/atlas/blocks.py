"""Every `extra.atlas` block of mkdocs.yml and the feature that declares it (see CONTRIBUTING, "Settings").

A new feature adds one line here: its `SETTINGS` block, declared beside its frozen settings dataclass.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from atlas import (
    certainty,
    content_policy,
    dates,
    diagrams,
    glossary,
    markers,
    metadata,
    readability,
    reviews,
    stylesheets,
    template_cache,
)
from atlas import reader_settings as reader
from atlas import risks_settings as risks
from atlas.citations import settings as citations
from atlas.data_policy import settings_text_problems
from atlas.evidence import settings as evidence
from atlas.handouts import settings as handouts
from atlas.settings import Block, check_blocks
from atlas.translations import settings as translations

BLOCKS: dict[str, Block[Any]] = {
    module.SETTINGS.name: module.SETTINGS
    for module in (citations, glossary, translations, certainty, markers, reviews, metadata, readability,
                   handouts, template_cache, stylesheets, dates, diagrams, risks, evidence,
                   content_policy, reader)
}


def problems(atlas: object, blocks: Mapping[str, Block[Any]] = BLOCKS) -> list[str]:
    """Every problem of `extra.atlas`, one line each, in the order of mkdocs.yml; then every reader-facing
    text (labels) the content policy refuses (atlas.data_policy)."""
    found = check_blocks(atlas, blocks)
    if found or not isinstance(atlas, Mapping):
        return found
    return settings_text_problems(atlas, content_policy.policy_from_settings(atlas.get("content_policy"))[0])
