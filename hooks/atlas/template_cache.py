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
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from atlas.cache_folders import SettingError
from atlas.cache_folders import cache_folder as folder_of
from atlas.settings import Block

__all__ = ["SettingError", "TemplateCache", "attach", "cache_folder", "environment_fingerprint", "list_once"]

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


def list_once(loader: jinja2.BaseLoader | None, listed: dict[tuple[str, ...], list[str]]) -> None:
    """Make a file loader list its folders once per `listed` (the caller empties it when a build run starts).

    Why: for every language build MkDocs lists every file of the theme's folders (Material ships some
    14,500, mostly icons) to find its static files, and static-i18n builds each language in turn: the
    same folders were walked again within seconds. The listing is the loader's own; only its repeats go.
    """
    if not isinstance(loader, jinja2.FileSystemLoader):
        return
    key = tuple(str(folder) for folder in loader.searchpath)
    walk = loader.list_templates

    def list_templates() -> list[str]:
        if key not in listed:
            listed[key] = walk()
        return list(listed[key])

    loader.list_templates = list_templates  # type: ignore[method-assign]


# --- settings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TemplateCacheSettings:
    """`extra.atlas.template_cache`: a folder, or false; the plain value is short for `{folder: …}`."""

    enabled: bool = True
    folder: str | bool = True     # true: the default folder, .cache/templates


SETTINGS = Block("template_cache", TemplateCacheSettings, shorthand="folder")
