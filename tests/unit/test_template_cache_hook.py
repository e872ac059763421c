"""The template cache hook: every environment the theme makes in a build run, also those made before
MkDocs makes the build's own (Material's search plugin makes three in its on_config), gets the cache and
the listing without hidden folders."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import site_context
import template_cache_hook
from atlas.template_cache import TemplateCache
from mkdocs.theme import Theme


def _config(tmp_path: Path, atlas: dict) -> SimpleNamespace:
    return SimpleNamespace(theme=Theme(name="material"), extra={"atlas": atlas}, plugins={},
                           config_file_path=str(tmp_path / "mkdocs.yml"))


def test_an_environment_made_in_on_config_already_has_the_cache_and_the_short_listing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(template_cache_hook.ENV_SWITCH, raising=False)
    config = _config(tmp_path, {})
    site_context.check_settings(config)  # a run starts
    template_cache_hook.on_config(config)  # type: ignore[arg-type]
    early = config.theme.get_env()  # as Material's search plugin does in its own on_config
    assert isinstance(early.bytecode_cache, TemplateCache)
    assert Path(early.bytecode_cache.folder).is_relative_to(tmp_path / ".cache/templates")
    listed = early.list_templates()
    assert "404.html" in listed and not any(name.startswith(".") or "/." in name for name in listed)
    early.get_template("partials/language.html")
    assert list((tmp_path / ".cache/templates").rglob("*.cache"))  # compiled once, kept for the next build


def test_with_the_cache_off_there_is_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(template_cache_hook.ENV_SWITCH, raising=False)
    config = _config(tmp_path, {"template_cache": False})
    site_context.check_settings(config)
    template_cache_hook.on_config(config)  # type: ignore[arg-type]
    assert config.theme.get_env().bytecode_cache is None
    assert not (tmp_path / ".cache").exists()
