"""The fingerprint of a source page: a hash of its normalised Markdown body.

A translation records this fingerprint when it is brought up to date. Only edits that can change
what a translator has to say should make a translation stale, so the body is normalised first:
the front matter is dropped (a new `reviewed:` date is not new content), line endings, Unicode
composition, trailing spaces, re-wrapped lines, indentation and runs of blank lines are ignored.
Block boundaries (blank lines between paragraphs, list items, headings) are kept.

Some front matter is content, though: the safety topics a page declares (`risks:`) change what a reader is
told. Such watched keys (`extra.atlas.translations.watched_front_matter`) join the fingerprint, but only
when a page has them, so a page without them keeps the fingerprint it always had.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import yaml

from atlas.safe_yaml import load

# The same front-matter shape MkDocs accepts: `---` on the first line, closed by `---` or `...`.
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?\n)?(?:-{3}|\.{3})[ \t]*(?:\n|\Z)", re.S)
BLANK_LINES = re.compile(r"\n[ \t]*\n")


def split_front_matter(markdown: str) -> tuple[str, str, int]:
    """(front matter YAML, body, number of lines before the body) of a Markdown file's text."""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    match = FRONT_MATTER.match(text)
    if match is None:
        return "", text, 0
    return match.group("yaml") or "", text[match.end():], text[: match.end()].count("\n")


def normalise_body(markdown: str) -> str:
    """The body of a page reduced to its content: one line per block, single spaces."""
    _, body, _ = split_front_matter(markdown)
    body = unicodedata.normalize("NFC", body)
    blocks = (" ".join(block.split()) for block in BLANK_LINES.split(body))
    return "\n\n".join(block for block in blocks if block)


def front_matter(markdown: str) -> dict[str, Any]:
    """The page's front matter as data ({} when absent or not valid YAML: the build reports that)."""
    yaml_text, _, _ = split_front_matter(markdown)
    try:
        data = load(yaml_text) if yaml_text.strip() else {}
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def watched_values(markdown: str, keys: Iterable[str]) -> dict[str, object]:
    """The watched front-matter keys a page has, with their values."""
    wanted = tuple(keys)
    if not wanted:
        return {}
    data = front_matter(markdown)
    return {key: data[key] for key in wanted if key in data}


def body_hash(markdown: str, watched: Iterable[str] = ()) -> str:
    """The full SHA-256 hex digest of the normalised body and any watched front-matter keys present
    (stamps store a prefix of it)."""
    return _body_hash(markdown, tuple(watched))


@functools.lru_cache(maxsize=512)  # `mkdocs serve` asks again for every page at every rebuild
def _body_hash(markdown: str, watched: tuple[str, ...]) -> str:
    content = normalise_body(markdown)
    values = watched_values(markdown, watched)
    if values:
        content += "\n\n" + json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()
