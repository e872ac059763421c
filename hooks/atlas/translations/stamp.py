"""The stamp a translation carries: the source fingerprint it was translated from.

Stored as one front-matter line, e.g. `source_hash: 3f2a9c0d41be`. It is read and written as
text, not through a YAML round trip, so the rest of the front matter keeps its exact layout and a
hex value that happens to look like a number is never turned into one.
"""

from __future__ import annotations

import re

from atlas.translations.hashing import FRONT_MATTER

MINIMUM_STAMP_LENGTH = 8


def _stamp_line(key: str) -> re.Pattern[str]:
    value = r"""["']?(?P<value>[^"'\s#]*)["']?"""
    return re.compile(rf"^{re.escape(key)}[ \t]*:[ \t]*{value}[ \t]*(?:#.*)?$", re.M)


def read_stamp(markdown: str, key: str = "source_hash") -> str | None:
    """The stamp in a translation's front matter, or None when it has none."""
    text = markdown.replace("\r\n", "\n")
    match = FRONT_MATTER.match(text)
    if match is None:
        return None
    found = _stamp_line(key).search(match.group("yaml") or "")
    value = found.group("value").lower() if found else ""
    return value or None


def write_stamp(markdown: str, value: str, key: str = "source_hash") -> str:
    """The file text with its stamp set to `value` (line replaced, added, or front matter created)."""
    newline = "\r\n" if "\r\n" in markdown else "\n"
    text = markdown.replace("\r\n", "\n")
    line = f"{key}: {value}"
    match = FRONT_MATTER.match(text)
    if match is None:
        updated = f"---\n{line}\n---\n\n{text}"
    else:
        yaml_text = match.group("yaml") or ""
        pattern = _stamp_line(key)
        if pattern.search(yaml_text):
            yaml_text = pattern.sub(lambda _: line, yaml_text, count=1)
        else:
            yaml_text = f"{yaml_text}{line}\n"
        closing = text[match.start():match.end()].rstrip("\n").splitlines()[-1]
        updated = f"---\n{yaml_text}{closing}\n{text[match.end():]}"
    return updated.replace("\n", newline)


def is_up_to_date(stamp: str | None, current_hash: str) -> bool:
    """A translation is current when its stamp is a long enough prefix of the source's hash."""
    if stamp is None or len(stamp) < MINIMUM_STAMP_LENGTH:
        return False
    return current_hash.lower().startswith(stamp.lower())
