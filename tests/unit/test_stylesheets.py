"""Stylesheet bundles: settings, joining in cascade order, rules that would break inside a bundle."""

from __future__ import annotations

import re

import pytest
from atlas.stylesheets import (
    SettingsError,
    Stylesheet,
    hashed_name,
    join,
    linked_part,
    links_to,
    missing_part,
    problems_in,
    read_bundles,
    relink,
    top_only_at_rules,
    unlinked_bundle,
)


def test_settings_map_each_bundle_to_its_parts_in_order() -> None:
    raw = {"assets/site.css": ["./assets/b.css", "assets/a.css"]}
    assert read_bundles(raw) == {"assets/site.css": ["assets/b.css", "assets/a.css"]}


def test_no_settings_means_no_bundles() -> None:
    assert read_bundles(None) == {}


@pytest.mark.parametrize("raw", [["assets/a.css"], {"assets/site.css": []}, {"assets/site.css": "a.css"},
                                 {"assets/site.css": [1]}])
def test_malformed_settings_are_explained(raw: object) -> None:
    with pytest.raises(SettingsError, match=r"extra\.atlas\.stylesheets"):
        read_bundles(raw)


def test_a_part_in_two_bundles_is_refused_naming_both() -> None:
    with pytest.raises(SettingsError, match=r"assets/a\.css is listed twice \(in one\.css and two\.css\)"):
        read_bundles({"one.css": ["assets/a.css"], "two.css": ["assets/a.css"]})


def test_join_keeps_the_order_and_names_each_source() -> None:
    bundle = join([Stylesheet("b.css", ".b { color: red; }\n\n"), Stylesheet("a.css", ".a { color: blue; }")])
    assert bundle == ("/* ---- b.css ---- */\n.b { color: red; }\n\n"
                      "/* ---- a.css ---- */\n.a { color: blue; }\n")
    assert bundle.index(".b {") < bundle.index(".a {")


def test_import_and_charset_are_found_with_their_lines() -> None:
    sheet = Stylesheet("x.css", '.a {}\n@IMPORT url("y.css");\n.b {}\n@charset "utf-8";\n')
    assert top_only_at_rules(sheet) == [(2, "@import"), (4, "@charset")]


def test_at_rules_inside_comments_do_not_count_but_keep_line_numbers() -> None:
    sheet = Stylesheet("x.css", "/* we never\n @import anything */\n.a {}\n@import 'z.css';\n")
    assert top_only_at_rules(sheet) == [(4, "@import")]


def test_media_and_supports_at_rules_are_fine_in_a_bundle() -> None:
    sheet = Stylesheet("x.css", "@media print { .a { display: none; } }\n@supports (display: grid) {}\n")
    assert problems_in([sheet], "site.css", "docs") == []


def test_an_import_is_reported_at_its_file_and_line_with_the_fix() -> None:
    parts = [Stylesheet("assets/a.css", ".a {}\n"), Stylesheet("assets/b.css", "\n\n@import 'c.css';\n")]
    [problem] = problems_in(parts, "assets/site.css", "docs")
    assert problem.where == "docs/assets/b.css:3"
    assert "@import only works at the very top of a stylesheet" in str(problem)
    assert "assets/site.css" in problem.message and "delete the line" in problem.message


def test_configuration_problems_name_mkdocs_yml_and_the_fix() -> None:
    missing = str(missing_part("assets/site.css", "assets/gone.css", "docs"))
    assert missing.startswith("mkdocs.yml: extra.atlas.stylesheets lists assets/gone.css")
    assert "docs/assets/gone.css does not exist" in missing
    assert "Add `- assets/site.css` to extra_css" in str(unlinked_bundle("assets/site.css"))
    assert "Remove it from extra_css" in str(linked_part("assets/a.css", "assets/site.css"))


def test_the_served_name_carries_a_hash_of_the_content() -> None:
    first = hashed_name("assets/stylesheets/atlas.css", ".a { color: red; }")
    assert re.fullmatch(r"assets/stylesheets/atlas\.[0-9a-f]{8}\.css", first)
    assert hashed_name("assets/stylesheets/atlas.css", ".a { color: red; }") == first
    assert hashed_name("assets/stylesheets/atlas.css", ".a { color: blue; }") != first


def test_extra_css_is_pointed_at_the_served_name_in_every_language_build() -> None:
    configured = ["https://example.org/x.css", "assets/atlas.css", "assets/other.css"]
    first_build = relink(configured, "assets/atlas.css", "assets/atlas.0123abcd.css")
    assert first_build == ["https://example.org/x.css", "assets/atlas.0123abcd.css", "assets/other.css"]
    assert links_to("assets/atlas.0123abcd.css", "assets/atlas.css")
    second_build = relink(first_build, "assets/atlas.css", "assets/atlas.0123abcd.css")
    assert second_build == first_build


def test_only_the_bundle_itself_counts_as_a_link_to_it() -> None:
    assert not links_to("assets/atlas.print.css", "assets/atlas.css")
    assert not links_to("other/atlas.0123abcd.css", "assets/atlas.css")
    assert not links_to("assets/atlas.css.map", "assets/atlas.css")
