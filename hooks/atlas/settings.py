"""One settings pattern for every `extra.atlas.<block>` of mkdocs.yml.

A feature declares its settings as a frozen dataclass (field names, types, defaults: the schema) and a
`Block` beside it; `parse` reads a block from mkdocs.yml against it and collects every problem, one line
each: an unknown key names the closest known one (difflib), a wrong type names the key and the type it
expects. Nothing is silently ignored and no wrong value reaches code that would end in a traceback.

Types understood: bool, int, float, str, Any, Literal[...], X | Y (and Optional), list[X] and
tuple[X, ...] (read as tuples), dict[str, X] / Mapping[str, X], and nested frozen dataclasses.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")

ROOT = "extra.atlas"

__all__ = ["ROOT", "Block", "check_blocks", "describe", "parse", "unknown_key"]


@dataclass(frozen=True)
class Block(Generic[T]):
    """How one `extra.atlas.<name>` block is read.

    `hints`: keys of other tools and what to write instead (shown for that unknown key);
    `check`: rules beyond types, run on the parsed settings (e.g. "at least one .bib file");
    `shorthand`: the field a plain value fills (`template_cache: .cache/templates` = `{folder: …}`);
    `free`: the field (a dict) that takes every undeclared key whose name matches `free_keys`
    (`stylesheets`: bundle -> its parts), so such keys need no declaration but are still type-checked.
    """

    name: str
    schema: type[T]
    hints: Mapping[str, str] = field(default_factory=dict)
    check: Callable[[T], list[str]] | None = None
    shorthand: str | None = None
    free: str | None = None
    free_keys: str = r".+"

    @property
    def where(self) -> str:
        return f"{ROOT}.{self.name}"


def unknown_key(where: str, key: object, known: list[str], hint: str | None = None) -> str:
    """`unknown key `extra.atlas.glossary.enable`; did you mean `enabled`?` (or the known keys)."""
    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
    advice = f"did you mean `{close[0]}`?" if close else f"known keys: {', '.join(known) or 'none'}."
    return f"unknown key `{where}.{key}`; {hint + ' ' if hint else ''}{advice}"


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "a flag"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return "nothing" if value is None else type(value).__name__


def _shown(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "(empty)"}[value]
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def describe(tp: Any) -> str:
    """A type in a contributor's words: `a list of text`, `true or false`, `one of: warn, info`."""
    origin, args = get_origin(tp), get_args(tp)
    if tp is Any:
        return "any value"
    if tp is bool:
        return "true or false"
    if tp is int:
        return "a whole number"
    if tp is float:
        return "a number"
    if tp is str:
        return "text"
    if tp is type(None):
        return "nothing"
    if origin is Literal:
        return "one of: " + ", ".join(str(a).lower() if isinstance(a, bool) else str(a) for a in args)
    if origin in (Union, types.UnionType):
        return " or ".join(describe(a) for a in args)
    if origin in (list, tuple):
        return f"a list of {describe(args[0])}" if args else "a list"
    if origin in (dict, Mapping, typing.Mapping):
        return f"a mapping of {describe(args[0])} to {describe(args[1])}" if args else "a mapping"
    if dataclasses.is_dataclass(tp):
        return f"a mapping with the keys {', '.join(f.name for f in dataclasses.fields(tp))}"
    return getattr(tp, "__name__", str(tp))


def _wrong(where: str, tp: Any, value: object) -> list[str]:
    return [f"`{where}`: expected {describe(tp)}, got {_kind(value)} {_shown(value)}."]


def _convert(value: object, tp: Any, where: str) -> tuple[Any, list[str]]:
    """`value` read as `tp`, with the problems found (value None when there are any)."""
    origin, args = get_origin(tp), get_args(tp)
    if tp is Any:
        return value, []
    if tp is bool:
        return (value, []) if isinstance(value, bool) else (None, _wrong(where, tp, value))
    if tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return (value, []) if ok else (None, _wrong(where, tp, value))
    if tp is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return (float(value), []) if ok else (None, _wrong(where, tp, value))  # type: ignore[arg-type]
    if tp is str or tp is type(None):
        return (value, []) if isinstance(value, tp) else (None, _wrong(where, tp, value))
    if origin is Literal:
        return (value, []) if value in args and type(value) in {type(a) for a in args} \
            else (None, _wrong(where, tp, value))
    if origin in (Union, types.UnionType):
        return _convert_union(value, args, tp, where)
    if origin in (list, tuple):
        return _convert_list(value, args, tp, where)
    if origin in (dict, Mapping, typing.Mapping):
        return _convert_mapping(value, args, tp, where)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _parse_fields(tp, value, where, Block(where, tp))
    raise TypeError(f"{where}: settings of type {tp!r} are not supported by atlas.settings")


def _convert_union(value: object, args: tuple[Any, ...], tp: Any, where: str) -> tuple[Any, list[str]]:
    for option in args:
        converted, problems = _convert(value, option, where)
        if not problems:
            return converted, []
    # a value of the right shape with a wrong part inside: say what is wrong inside
    for option in args:
        if ((dataclasses.is_dataclass(option) or get_origin(option) in (dict, Mapping, typing.Mapping)) \
                and isinstance(value, Mapping)) \
                or (get_origin(option) in (list, tuple) and isinstance(value, list)):
            return _convert(value, option, where)
    return None, _wrong(where, tp, value)


def _convert_list(value: object, args: tuple[Any, ...], tp: Any, where: str) -> tuple[Any, list[str]]:
    if not isinstance(value, list | tuple):
        return None, _wrong(where, tp, value)
    item_type = args[0] if args else Any
    items, problems = [], []
    for index, item in enumerate(value):
        converted, found = _convert(item, item_type, f"{where}[{index}]")
        items.append(converted)
        problems += found
    return (None if problems else tuple(items)), problems


def _convert_mapping(value: object, args: tuple[Any, ...], tp: Any, where: str) -> tuple[Any, list[str]]:
    if not isinstance(value, Mapping):
        return None, _wrong(where, tp, value)
    key_type, value_type = args if args else (Any, Any)
    result, problems = {}, []
    for key, item in value.items():
        _, key_problems = _convert(key, key_type, f"{where}.{key}")
        converted, found = _convert(item, value_type, f"{where}.{key}")
        result[key] = converted
        problems += key_problems + found
    return (None if problems else result), problems


def _is_free(key: object, block: Block[Any], declared: list[str]) -> bool:
    """An undeclared key the block takes as data (a marker kind, a bundle), unless it is a near miss of a
    declared key (`enable` for `enabled`), which is a typo."""
    return (isinstance(key, str) and re.fullmatch(block.free_keys, key) is not None
            and not difflib.get_close_matches(key, declared, n=1, cutoff=0.8))


def _parse_fields(schema: type[T], raw: object, where: str, block: Block[Any]) -> tuple[T, list[str]]:
    if not isinstance(raw, Mapping):
        return schema(), _wrong(where, schema, raw)
    fields = {f.name: f for f in dataclasses.fields(schema)}  # type: ignore[arg-type]
    hints = get_type_hints(schema)
    declared = [name for name in fields if name != block.free]
    values: dict[str, Any] = {}
    free: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in raw.items():
        if key in declared:
            converted, found = _convert(value, hints[key], f"{where}.{key}")
            problems += found
            if not found:
                values[key] = converted
        elif block.free and _is_free(key, block, declared):
            value_type = get_args(hints[block.free])[1]
            converted, found = _convert(value, value_type, f"{where}.{key}")
            problems += found
            free[key] = converted
        else:
            problems.append(unknown_key(where, key, declared, block.hints.get(str(key).lower())))
    if block.free:
        values[block.free] = free
    return schema(**values), problems


def parse(block: Block[T], raw: object) -> tuple[T, list[str]]:
    """The block's settings (defaults where a value is absent or wrong) and every problem, one line each."""
    if raw is None:
        raw = {}
    if block.shorthand is not None and not isinstance(raw, Mapping):  # `template_cache: .cache/x`
        value, problems = _convert(raw, get_type_hints(block.schema)[block.shorthand], block.where)
        if problems:
            return block.schema(), problems
        raw = {block.shorthand: value}
    settings, problems = _parse_fields(block.schema, raw, block.where, block)
    if not problems and block.check is not None:
        problems = block.check(settings)
    return settings, problems


def check_blocks(atlas: object, blocks: Mapping[str, Block[Any]]) -> list[str]:
    """Every problem of the whole `extra.atlas` mapping: unknown blocks and each block's own."""
    if atlas is None:
        return []
    if not isinstance(atlas, Mapping):
        return [f"`{ROOT}`: expected a mapping of feature settings, got {_kind(atlas)} {_shown(atlas)}."]
    problems: list[str] = []
    for name, raw in atlas.items():
        block = blocks.get(name)
        if block is None:
            problems.append(unknown_key(ROOT, name, sorted(blocks)))
            continue
        problems += parse(block, raw)[1]
    return problems
