"""The project's languages and translation settings, read from mkdocs.yml without MkDocs.

The contributor script (`scripts/translations.py`) uses this; the hook gets the same facts from
`site_context`. Both read the `i18n` plugin's `languages` and `extra.atlas.translations`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from atlas.settings import parse
from atlas.translations.settings import SETTINGS, TranslationsSettings


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML that skips MkDocs' `!!python/name:` and `!ENV` tags instead of failing."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
_ConfigLoader.add_multi_constructor("!", lambda *_: None)


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    locales: list[str]
    default: str
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def options(self) -> TranslationsSettings:
        """The block checked against its schema (a wrong value: ValueError, every problem listed)."""
        parsed, problems = parse(SETTINGS, self.settings)
        if problems:
            raise ValueError("\n".join(problems))
        return parsed

    @property
    def stamp_key(self) -> str:
        return self.options.stamp_key

    @property
    def hash_length(self) -> int:
        return self.options.hash_length

    @property
    def changes(self) -> TranslationsSettings:
        """What counts as a critical change, watched front matter, the snapshots folder."""
        return self.options

    @property
    def snapshots_dir(self) -> Path:
        return self.root / self.changes.snapshots

    @property
    def targets(self) -> list[str]:
        """The locales pages are translated into (all but the default)."""
        return [locale for locale in self.locales if locale != self.default]


def _i18n_languages(config: dict[str, Any]) -> list[dict[str, Any]]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return list((plugin["i18n"] or {}).get("languages") or [])
    return []


def read_project(config_file: Path) -> Project:
    """Languages (default first), docs folder and `extra.atlas.translations` of a mkdocs.yml."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    languages = [lang for lang in _i18n_languages(config) if lang.get("locale") not in (None, "null")]
    ordered = sorted(languages, key=lambda lang: not lang.get("default"))
    locales = [str(lang["locale"]) for lang in ordered]
    if not locales:
        locales = [str((config.get("theme") or {}).get("language") or "en")]
    root = config_file.resolve().parent
    atlas = ((config.get("extra") or {}).get("atlas")) or {}
    return Project(
        root=root,
        docs_dir=root / str(config.get("docs_dir") or "docs"),
        locales=locales,
        default=locales[0],
        settings=dict(atlas.get("translations") or {}),
    )


def docs_and_config(docs: str, config: str | None, fallback: Path) -> tuple[Path, Path]:
    """The docs folder a command-line tool was given and the mkdocs.yml that goes with it: `config` when
    given, else the one next to the docs folder, else `fallback` (this project's). ValueError when the
    docs folder does not exist, with a message the contributor can act on."""
    folder = Path(docs).resolve()
    if not folder.is_dir():
        raise ValueError(f"{docs}: no such folder (give the docs folder, e.g. docs)")
    config_file = Path(config) if config else folder.parent / "mkdocs.yml"
    return folder, config_file if config_file.is_file() else fallback


def load_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as data (MkDocs' `!ENV`, `!!python` tags tolerated); OSError or yaml.YAMLError."""
    return load_config_text(path.read_text(encoding="utf-8"))


def yaml_problem(config_file: Path, error: yaml.YAMLError) -> str:
    """`mkdocs.yml:12: not valid YAML (…)`: a broken config named at its line, for the scripts."""
    mark = getattr(error, "problem_mark", None)
    where = f"{config_file}:{mark.line + 1}" if mark is not None else str(config_file)
    return f"{where}: not valid YAML ({getattr(error, 'problem', None) or error})"


def load_config_text(text: str) -> dict[str, Any]:
    """The text of a mkdocs.yml as data (MkDocs' tags tolerated); yaml.YAMLError when it is not YAML."""
    loaded = yaml.load(text, Loader=_ConfigLoader)
    return loaded if isinstance(loaded, dict) else {}
