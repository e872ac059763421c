"""Translation upkeep: staleness stamps, citation parity, per-language search, sitemaps, hreflang.

Pure functions only (no MkDocs imports) so they are unit-tested without a build and shared by the
MkDocs hook (`hooks/translations_hook.py`) and the contributor script (`scripts/translations.py`).
"""

from atlas.translations.hashing import body_hash, normalise_body, split_front_matter
from atlas.translations.naming import source_of, translation_of
from atlas.translations.parity import CitationDifference, citation_difference
from atlas.translations.stamp import is_up_to_date, read_stamp, write_stamp
from atlas.translations.status import PageStatus, project_status, translation_status

__all__ = [
    "CitationDifference",
    "PageStatus",
    "body_hash",
    "citation_difference",
    "is_up_to_date",
    "normalise_body",
    "project_status",
    "read_stamp",
    "source_of",
    "split_front_matter",
    "translation_of",
    "translation_status",
    "write_stamp",
]
