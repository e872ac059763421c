"""Stylesheet bundles: several small project stylesheets served to readers as one file.

Every `<link rel=stylesheet>` in `<head>` holds back the first paint until it has arrived; on a phone
with a slow connection each extra file costs a round trip (Lighthouse measured the article page's first
paint at 1.36 s with seven stylesheets, 1.06 s with three). Contributors keep one small file per feature
(`content.css`, `citations.css`, ...); `mkdocs.yml` says which files make up which bundle:

    extra_css:
      - assets/stylesheets/atlas.css          # the bundle is what pages link to
    extra:
      atlas:
        stylesheets:
          assets/stylesheets/atlas.css:       # bundle -> its parts, in cascade order
            - assets/stylesheets/content.css
            - assets/stylesheets/theme.css

The parts are joined in the order given, each under a comment naming its file, so the cascade is the
same as linking them one by one. The bundle is served under a name carrying a hash of its content
(`atlas.1a2b3c4d.css`, as Material names its own assets): a changed stylesheet gets a new address, so
no browser or cache pairs freshly deployed pages with yesterday's styles.

One thing does not survive joining: `@import` and `@charset` only work at the very top of a stylesheet,
so inside a bundle they would be silently ignored; they are reported instead.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as _settings_field

from atlas.settings import Block

# At-rules that a browser honours only before every other rule of the file.
_TOP_ONLY_AT_RULE = re.compile(r"@(import|charset)\b", re.IGNORECASE)
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


@dataclass(frozen=True)
class Stylesheet:
    """One part of a bundle: its path inside docs_dir and its text."""

    uri: str
    text: str


@dataclass(frozen=True)
class Problem:
    """Something a contributor must fix, located in a file and line."""

    where: str  # "docs/assets/stylesheets/theme.css:3" or "mkdocs.yml"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class SettingsError(ValueError):
    """`extra.atlas.stylesheets` is not a mapping of bundle paths to lists of part paths."""


def read_bundles(raw: object) -> dict[str, list[str]]:
    """Validate the `extra.atlas.stylesheets` setting: bundle uri -> part uris, order kept."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise SettingsError(
            "extra.atlas.stylesheets must map each bundle's path to the list of its parts, "
            "e.g. `assets/stylesheets/atlas.css: [assets/stylesheets/content.css]`."
        )
    bundles: dict[str, list[str]] = {}
    for bundle, parts in raw.items():
        if not isinstance(parts, list) or not parts or not all(isinstance(p, str) for p in parts):
            raise SettingsError(
                f"extra.atlas.stylesheets: the bundle {bundle} needs a non-empty list of stylesheet paths "
                "inside docs_dir."
            )
        bundles[str(bundle)] = [_normalise(part) for part in parts]
    seen: dict[str, str] = {}
    for bundle, parts in bundles.items():
        for part in parts:
            if part in seen:
                raise SettingsError(
                    f"extra.atlas.stylesheets: {part} is listed twice (in {seen[part]} and {bundle}); "
                    "list each stylesheet in one bundle, once."
                )
            seen[part] = bundle
    return bundles


def _normalise(uri: str) -> str:
    return uri.strip().replace("\\", "/").removeprefix("./")


def top_only_at_rules(sheet: Stylesheet) -> list[tuple[int, str]]:
    """(line, rule) of every `@import` / `@charset` outside comments, lines counted from 1."""
    blanked = _COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), sheet.text)
    return [
        (blanked.count("\n", 0, match.start()) + 1, "@" + match.group(1).lower())
        for match in _TOP_ONLY_AT_RULE.finditer(blanked)
    ]


def problems_in(parts: Sequence[Stylesheet], bundle: str, shown_dir: str) -> list[Problem]:
    """Rules that would stop working once the parts are joined, located in their files."""
    problems = []
    for sheet in parts:
        for line, rule in top_only_at_rules(sheet):
            problems.append(Problem(
                f"{shown_dir}/{sheet.uri}:{line}",
                f"{rule} only works at the very top of a stylesheet, so inside the bundle {bundle} "
                "browsers would ignore it. Copy the rules it brings in into this file (or list that "
                "file under extra.atlas.stylesheets in mkdocs.yml), then delete the line.",
            ))
    return problems


def join(parts: Sequence[Stylesheet]) -> str:
    """The bundle's text: every part, in order, under a comment naming its source file."""
    sections = [f"/* ---- {sheet.uri} ---- */\n{sheet.text.rstrip()}\n" for sheet in parts]
    return "\n".join(sections)


def hashed_name(bundle: str, text: str) -> str:
    """`assets/atlas.css` -> `assets/atlas.1a2b3c4d.css`, from the first 8 hex digits of its SHA-256."""
    stem, _, extension = bundle.rpartition(".")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{stem}.{digest}.{extension}"


def links_to(entry: str, bundle: str) -> bool:
    """An `extra_css` entry that names the bundle, as configured or already under a hashed name.

    static-i18n runs one build per language on the same configuration, so the second build finds the
    name the first one put there."""
    stem, _, extension = bundle.rpartition(".")
    hashed = re.escape(stem) + r"\.[0-9a-f]{8}\." + re.escape(extension)
    return entry == bundle or re.fullmatch(hashed, entry) is not None


def relink(extra_css: Sequence[str], bundle: str, served_as: str) -> list[str]:
    """`extra_css` with the bundle's entry pointing at the name it is served under now."""
    return [served_as if links_to(entry, bundle) else entry for entry in extra_css]


def missing_part(bundle: str, part: str, shown_dir: str) -> Problem:
    return Problem(
        "mkdocs.yml",
        f"extra.atlas.stylesheets lists {part} as part of {bundle}, but {shown_dir}/{part} does not exist. "
        "Create the file, or fix or remove that line.",
    )


def unlinked_bundle(bundle: str) -> Problem:
    return Problem(
        "mkdocs.yml",
        f"the stylesheet bundle {bundle} is not listed under extra_css, so no page loads it. "
        f"Add `- {bundle}` to extra_css.",
    )


def linked_part(part: str, bundle: str) -> Problem:
    return Problem(
        "mkdocs.yml",
        f"{part} is listed under extra_css and is also part of the bundle {bundle}, so pages would load "
        f"it twice. Remove it from extra_css: the bundle already brings it.",
    )


# --- settings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StylesheetsSettings:
    """`extra.atlas.stylesheets`: each bundle served to readers (a free key ending in .css) -> its parts."""

    enabled: bool = True
    bundles: dict[str, tuple[str, ...]] = _settings_field(default_factory=dict)


def _check(settings: StylesheetsSettings) -> list[str]:
    try:
        read_bundles({bundle: list(parts) for bundle, parts in settings.bundles.items()})
    except SettingsError as error:
        return [str(error)]
    return []


SETTINGS = Block("stylesheets", StylesheetsSettings, check=_check, free="bundles", free_keys=r".+\.css")
