# ruff: noqa: E501  (expected messages are whole lines)
"""One settings pattern (atlas.settings): every `extra.atlas` block is checked against its feature's frozen
dataclass; an unknown key and a wrong type each give one line naming the key, and all come at once."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_type_hints

import pytest
import yaml
from atlas.blocks import BLOCKS, problems
from atlas.settings import Block, parse

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_BLOCKS = {"citations", "glossary", "translations", "certainty", "markers", "reviews", "metadata",
                   "readability", "handouts", "template_cache", "stylesheets", "dates", "diagrams", "risks",
                   "evidence", "content_policy", "reader"}


def project_atlas() -> dict[str, Any]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    Loader.add_multi_constructor("!", lambda *_: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    return dict(config["extra"]["atlas"])


def test_every_block_of_the_project_is_declared_and_valid() -> None:
    atlas = project_atlas()
    assert set(atlas) <= set(BLOCKS)
    assert set(BLOCKS) == EXPECTED_BLOCKS
    assert problems(atlas) == []


@pytest.mark.parametrize("name", sorted(EXPECTED_BLOCKS))
def test_each_block_has_a_frozen_settings_dataclass_with_an_enabled_flag(name: str) -> None:
    schema = BLOCKS[name].schema
    assert dataclasses.is_dataclass(schema) and schema.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert schema().enabled is True
    with pytest.raises(dataclasses.FrozenInstanceError):
        schema().enabled = False  # type: ignore[misc]




@pytest.mark.parametrize("name", sorted(EXPECTED_BLOCKS))
def test_an_unknown_key_is_one_line_naming_it_and_the_closest_key(name: str) -> None:
    block = BLOCKS[name]
    [message] = parse(block, {"enable": True})[1]
    assert message == f"unknown key `extra.atlas.{name}.enable`; did you mean `enabled`?"


@pytest.mark.parametrize("name", sorted(EXPECTED_BLOCKS))
def test_a_wrong_type_is_one_line_naming_the_key_and_the_type(name: str) -> None:
    block = BLOCKS[name]
    [message] = parse(block, {"enabled": "yes"})[1]
    assert message == f"`extra.atlas.{name}.enabled`: expected true or false, got text 'yes'."


@pytest.mark.parametrize("name", sorted(EXPECTED_BLOCKS))
def test_every_field_rejects_a_value_of_the_wrong_type_in_one_line(name: str) -> None:
    """No wrong type gets through to the feature's code (where it would end in a traceback)."""
    block = BLOCKS[name]
    for key, tp in get_type_hints(block.schema).items():
        if key == block.free or tp is Any:
            continue
        found = parse(block, {key: [{"nested": object()}]})[1]
        assert len(found) == 1 and f"`extra.atlas.{name}.{key}" in found[0] and "\n" not in found[0], found


def test_all_problems_of_all_blocks_come_at_once() -> None:
    found = problems({"glossary": {"enable": False, "mark": "every"}, "handouts": {"workers": "two"},
                      "readability": {"max_sentence": 0}, "glosary": {}})
    assert found == [
        "unknown key `extra.atlas.glossary.enable`; did you mean `enabled`?",
        "`extra.atlas.glossary.mark`: expected one of: first, all, got text 'every'.",
        "`extra.atlas.handouts.workers`: expected a whole number or nothing, got text 'two'.",
        "`extra.atlas.readability.max_sentence`: expected a positive number, got 0.",
        "unknown key `extra.atlas.glosary`; did you mean `glossary`?",
    ]


# -- the helper itself ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Inner:
    id: str = ""
    label: str = ""


@dataclass(frozen=True)
class Example:
    enabled: bool = True
    size: int = 3
    ratio: float = 1.0
    mode: Literal["a", "b"] = "a"
    names: tuple[str, ...] = ()
    per_locale: dict[str, Inner] = field(default_factory=dict)
    folder: str | bool = True


EXAMPLE = Block("example", Example, shorthand="folder")


def test_values_are_read_as_their_types_and_defaults_fill_the_rest() -> None:
    settings, found = parse(EXAMPLE, {"size": 4, "ratio": 2, "names": ["x"], "per_locale": {"nl": {"id": "i"}}})
    assert found == []
    assert settings == Example(size=4, ratio=2.0, names=("x",), per_locale={"nl": Inner(id="i")})


def test_a_plain_value_fills_the_shorthand_field() -> None:
    assert parse(EXAMPLE, ".cache/x")[0].folder == ".cache/x"
    assert parse(EXAMPLE, False)[0].folder is False


def test_a_flag_is_not_a_number_and_a_number_is_not_a_flag() -> None:
    assert parse(EXAMPLE, {"size": True})[1] == ["`extra.atlas.example.size`: expected a whole number, got a flag true."]
    assert parse(EXAMPLE, {"enabled": 1})[1] == ["`extra.atlas.example.enabled`: expected true or false, got a number 1."]


def test_problems_inside_lists_and_mappings_name_the_place() -> None:
    found = parse(EXAMPLE, {"names": ["x", 2], "per_locale": {"en": {"lable": "y"}}})[1]
    assert found == ["`extra.atlas.example.names[1]`: expected text, got a number 2.",
                     "unknown key `extra.atlas.example.per_locale.en.lable`; did you mean `label`?"]


def test_a_key_with_no_close_match_lists_the_known_keys() -> None:
    assert parse(EXAMPLE, {"zzz": 1})[1] == [
        "unknown key `extra.atlas.example.zzz`; known keys: enabled, size, ratio, mode, names, per_locale, folder."]
