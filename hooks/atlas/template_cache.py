"""Compiled theme templates kept on disk, so a build does not compile Material's templates again.

MkDocs makes a new Jinja environment for every build, static-i18n runs one build per language, and
`mkdocs serve` rebuilds the whole site after every save: each time, the ~50 templates of Material and
`overrides/` were lexed, parsed and compiled to Python from their sources (about 0.55 s of CPU for a
two-language build on the project's 2-core machine, a third of a plain MkDocs build). Jinja's bytecode
cache stores the compiled code beside a checksum of each template's source: an edited template (a
Material upgrade, a change in `overrides/`) is compiled afresh, an unchanged one is loaded.

The cache is keyed by Jinja's own bytecode version and Python's version (Jinja checks those itself)
and here also by the environment's syntax settings and extensions, which change what the compiled
code means. A cache that cannot be read is ignored, one that cannot be written only costs the time
it would have saved: neither ever fails a build.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from atlas.cache_folders import SettingError
from atlas.cache_folders import cache_folder as folder_of
from atlas.settings import Block

__all__ = [
    "SettingError", "TemplateCache", "attach", "cache_folder", "environment_fingerprint", "list_visible_once",
    "visible_files",
]

class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, tolerant of damaged files and read-only folders."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder
        self.unwritable: list[str] = []  # why a compiled template could not be kept

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a truncated or foreign file: compile the template again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as problem:
            self.unwritable.append(f"{self.folder}: {problem.strerror or problem}")


def environment_fingerprint(env: jinja2.Environment) -> str:
    """What, besides a template's source, decides the code Jinja compiles from it."""
    parts = [
        jinja2.__version__,
        *sorted(env.extensions),
        env.block_start_string, env.block_end_string,
        env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string,
        str(env.line_statement_prefix), str(env.line_comment_prefix),
        str(env.trim_blocks), str(env.lstrip_blocks), env.newline_sequence,
        str(env.keep_trailing_newline), str(env.optimized),
    ]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:16]


def cache_folder(setting: object, environ_value: str | None, root: Path) -> Path | None:
    """The folder for compiled templates, or None: `extra.atlas.template_cache` (absent:
    `.cache/templates`), overridden by ATLAS_TEMPLATE_CACHE (see `atlas.cache_folders`)."""
    return folder_of(setting, environ_value, root, default=".cache/templates",
                     name="extra.atlas.template_cache")


def attach(env: jinja2.Environment, folder: Path) -> TemplateCache:
    """Give `env` a bytecode cache in a sub-folder of `folder` named after its settings."""
    target = folder / environment_fingerprint(env)
    cache = TemplateCache(target)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as problem:
        cache.unwritable.append(f"{target}: {problem.strerror or problem}")
    env.bytecode_cache = cache
    return cache


def visible_files(folder: str, followlinks: bool = False) -> list[str]:
    """The files under `folder` as '/'-separated names relative to it, sorted, without hidden ones: a
    file or folder whose name starts with '.' is left out, and a hidden folder is not walked at all."""
    names = []
    for path, folders, files in os.walk(folder, followlinks=followlinks):
        folders[:] = [name for name in folders if not name.startswith(".")]
        prefix = Path(path).relative_to(folder).as_posix()
        names += [name if prefix == "." else f"{prefix}/{name}" for name in files if not name.startswith(".")]
    return sorted(names)


def list_visible_once(loader: jinja2.BaseLoader | None, listed: dict[tuple[str, bool], list[str]]) -> None:
    """Make a file loader list each of its folders once per `listed` (the caller empties it when a build
    run starts), without hidden files.

    Why: for every language build MkDocs lists every file of the theme's folders to find the theme's
    static files, then drops each name with a part that starts with '.' (its patterns '.*' and '*/.*')
    and tests the rest against its other patterns. Material ships some 14,500 files, all but 164 of them
    icons under `.icons/`: walking them and testing each name took about 0.25 s per language build on the
    project's 2-core machine, to find files that are never published. Hidden folders are now not walked,
    so MkDocs's own patterns decide on 164 names; the theme files MkDocs publishes are the same. The
    folders' names are merged as Jinja's loader merges them (one sorted list without repeats), and a
    folder named twice (static-i18n adds its sitemap folder again in each language build) is walked once.
    """
    if not isinstance(loader, jinja2.FileSystemLoader):
        return
    folders = [str(folder) for folder in loader.searchpath]
    followlinks = loader.followlinks

    def list_templates() -> list[str]:
        found: set[str] = set()
        for folder in folders:
            key = (folder, followlinks)
            if key not in listed:
                listed[key] = visible_files(folder, followlinks)
            found.update(listed[key])
        return sorted(found)

    loader.list_templates = list_templates  # type: ignore[method-assign]


# --- settings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TemplateCacheSettings:
    """`extra.atlas.template_cache`: a folder, or false; the plain value is short for `{folder: …}`."""

    enabled: bool = True
    folder: str | bool = True     # true: the default folder, .cache/templates


SETTINGS = Block("template_cache", TemplateCacheSettings, shorthand="folder")
