"""The cited sentences of a page kept on disk by content, so an unchanged page is not converted again.

Why: finding the sentence of each citation (`atlas.evidence.sentences`) renders the page's Markdown a
second time, about 20 ms a page and most of what the evidence checks cost a build; between two builds
nearly every page is unchanged. The result depends only on the page text, the abbreviations, the
fingerprint length and the code of the rule (the sentence and readability modules, the citation
grammar, Python-Markdown and pymdown-extensions): all of these are in the key, so a change to any of
them finds nothing and the sentences are found again. `make evidence-stamp` never reads the cache.

One file per page (named by the page's path): an edited page replaces its own entry, so the folder
holds at most one entry per page ever built. A file from elsewhere (CI restores `.cache/`) is trusted
only as far as it checks out: the key it was written for must match and every value must have its
type; anything else is ignored and written anew. A folder that cannot be written only costs the time
the cache would have saved.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from atlas.cache_folders import code_fingerprint, write_atomically
from atlas.evidence.sentences import FINGERPRINT_LENGTH, CitedSentence, page_sentences

__all__ = ["DEFAULT_FOLDER", "cached_page_sentences", "entry_name", "rule_fingerprint"]

DEFAULT_FOLDER = ".cache/evidence"  # relative to mkdocs.yml; git-ignored with the rest of .cache/
_RULE_MODULES = ("atlas.evidence.sentences", "atlas.readability", "atlas.citations.syntax")
_RULE_DISTRIBUTIONS = ("markdown", "pymdown-extensions")


def rule_fingerprint() -> str:
    """What, besides the page, decides the sentences: the code of the rule and the Markdown libraries."""
    return code_fingerprint(_RULE_MODULES, _RULE_DISTRIBUTIONS)


def entry_name(page: str) -> str:
    """The cache file of one page (its path, e.g. `glutamine/index.md`, hashed: no folders, any name)."""
    return hashlib.sha256(page.encode("utf-8")).hexdigest()[:32] + ".json"


def _key(page_text: str, abbreviations: tuple[str, ...], length: int) -> str:
    parts = (rule_fingerprint(), str(length), "\x1f".join(abbreviations), page_text)
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def _read(path: Path, key: str) -> list[CitedSentence] | None:
    """The entry's sentences when it was written for `key` and every value has its type, else None."""
    try:
        record = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("key") != key:
        return None
    if not isinstance(record.get("sentences"), list):
        return None
    found = []
    for item in record["sentences"]:
        if not (isinstance(item, list) and len(item) == 4 and isinstance(item[0], list)
                and all(isinstance(k, str) for k in item[0]) and type(item[1]) is int
                and isinstance(item[2], str) and isinstance(item[3], str)):
            return None
        found.append(CitedSentence(tuple(item[0]), item[1], item[2], item[3]))
    return found


def cached_page_sentences(page: str, page_text: str, abbreviations: Iterable[str], folder: Path | None,
                          length: int = FINGERPRINT_LENGTH,
                          find: Callable[..., list[CitedSentence]] = page_sentences) -> list[CitedSentence]:
    """`page_sentences(page_text, abbreviations, length)`, from `folder` when an entry of the same page
    content and rule is there (`folder` None: no cache). `find` is the rule (tests count its calls)."""
    known = tuple(abbreviations)
    if folder is None:
        return find(page_text, known, length)
    key = _key(page_text, known, length)
    path = folder / entry_name(page)
    earlier = _read(path, key)
    if earlier is not None:
        return earlier
    sentences = find(page_text, known, length)
    record = {"key": key, "sentences": [[list(s.keys), s.line, s.text, s.fingerprint] for s in sentences]}
    with contextlib.suppress(OSError):  # a read-only folder: the next build finds them again
        write_atomically(path, json.dumps(record, ensure_ascii=False).encode("utf-8"))
    return sentences
