"""The self-contained 404 page's pure parts (atlas.not_found): paths, texts, data, inlined palette colours."""

from __future__ import annotations

import json
from pathlib import Path

import material
from atlas.not_found import (
    Notice,
    Palette,
    first_folders,
    icon_data_uri,
    language_home,
    ordered,
    page_title,
    palette_entry,
    palette_values,
    script,
    script_data,
    site_path,
    stylesheet,
    used_values,
)

ROOT = Path(__file__).resolve().parents[2]
MATERIAL_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def _notice(lang: str, title: str) -> Notice:
    return Notice(lang, title, "text", "home", "search", "go", f"/site/{lang}/")


def test_the_site_path_is_the_path_of_site_url_with_slashes_at_both_ends() -> None:
    assert site_path("https://amino-atlas.github.io/amino-atlas/") == "/amino-atlas/"
    assert site_path("https://example.org/a/b") == "/a/b/"
    assert site_path("https://example.org") == "/"
    assert site_path(None) == "/"


def test_language_homes_are_the_root_for_the_default_and_a_folder_for_the_others() -> None:
    assert language_home("/atlas/", "nl", "nl") == "/atlas/"
    assert language_home("/atlas/", "en", "nl") == "/atlas/en/"
    assert language_home("/", "en", "nl") == "/en/"


def test_first_folders_are_the_page_folders_without_language_folders() -> None:
    urls = ["./", "", "leucine/", "glutamine/", "glutamine/functions/", "en/", "en/mtor/",
            "en/glutamine/sport/", "about.html"]
    assert first_folders(urls, ["nl", "en"]) == ["glutamine", "leucine", "mtor"]


def test_the_readers_language_comes_first_and_the_title_names_every_language() -> None:
    notices = [_notice("nl", "Pagina niet gevonden"), _notice("en", "Page not found")]
    english_first = ordered(notices, "en")
    assert [notice.lang for notice in english_first] == ["en", "nl"]
    assert [notice.lang for notice in ordered(notices, "nl")] == ["nl", "en"]
    assert page_title(english_first, "Amino Atlas") == "Page not found / Pagina niet gevonden - Amino Atlas"


def test_the_script_data_is_json_that_cannot_end_its_script_element() -> None:
    text = script_data("/atlas/", "nl", ["nl", "en"], ["leucine"], "A </script> site")
    assert "</" not in text
    assert json.loads(text) == {"root": "/atlas/", "default": "nl", "languages": ["nl", "en"],
                                "folders": ["leucine"], "site": "A </script> site"}


def test_the_script_is_minified_and_cannot_end_its_element() -> None:
    assert script("/* note */\nvar a = '</b>';\n") == "var a='<\\/b>';"


def test_the_icon_is_a_data_uri_of_the_svg() -> None:
    uri = icon_data_uri('<svg xmlns="http://www.w3.org/2000/svg">\n  <rect fill="#00796b"/></svg>')
    assert uri.startswith("data:image/svg+xml,")
    assert "%23" in uri and "\n" not in uri and "<" not in uri and '"' not in uri and " " not in uri


# --- palette colours ------------------------------------------------------------------------------------

SHEET = """
:root{--md-primary-fg-color:#4051b5;--md-accent-fg-color:#526cfe}
:root,[data-md-color-scheme=default]{--md-hue:225deg;--md-default-bg-color:#fff;--md-typeset-a-color:var(--md-primary-fg-color)}
body{--md-text-font-family:var(--md-text-font,_),Helvetica,sans-serif}
[data-md-color-primary=teal]{--md-primary-fg-color:#009485}
[data-md-color-accent=deep-orange]{--md-accent-fg-color:#ff6e42}
[data-md-color-scheme=default] img{--md-not-page-wide:1}
@media print{[data-md-color-primary=teal]{--md-primary-fg-color:#000}}
@media screen{[data-md-color-scheme=slate]{--md-hue:232deg;
  --md-default-bg-color:hsla(var(--md-hue),15%,14%,1);color-scheme:dark}}
[data-md-color-scheme=slate][data-md-color-primary=teal]{--md-typeset-a-color:#00ccb8}
:root{--md-icon:url('data:image/svg+xml;charset=utf-8,<svg/>')}
"""
THEME = """
/* the site's fixes win by specificity, quoted or not */
[data-md-color-scheme="default"][data-md-color-primary="teal"]{--md-primary-fg-color:#00695c}
[data-md-color-scheme]{--md-footer:#fff}
"""
LIGHT = {"scheme": "default", "primary": "teal", "accent": "deep-orange"}
DARK = {"scheme": "slate", "primary": "teal", "accent": "deep-orange"}


def test_palette_values_follow_the_cascade_of_the_rules_that_select_the_page() -> None:
    light = palette_values([SHEET, THEME], LIGHT)
    assert light["--md-primary-fg-color"] == "#00695c"  # theme fix (2 attributes) over Material's teal
    assert light["--md-accent-fg-color"] == "#ff6e42"
    assert light["--md-default-bg-color"] == "#fff"
    assert light["--md-text-font-family"].endswith("Helvetica,sans-serif")
    assert light["--md-icon"] == "url('data:image/svg+xml;charset=utf-8,<svg/>')"  # `;` in quotes kept
    assert light["--md-footer"] == "#fff"
    assert "--md-not-page-wide" not in light  # selects images, not the page
    dark = palette_values([SHEET, THEME], DARK)
    assert dark["--md-primary-fg-color"] == "#009485"  # the light-only fix does not apply
    assert dark["--md-typeset-a-color"] == "#00ccb8"
    assert dark["--md-default-bg-color"] == "hsla(var(--md-hue),15%,14%,1)"  # @media screen counts
    assert dark["--md-hue"] == "232deg" and dark["color-scheme"] == "dark"


def test_a_palette_entry_names_its_colours_as_material_writes_them() -> None:
    entry = {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "teal",
             "accent": "deep orange", "toggle": {"icon": "x"}}
    assert palette_entry(entry) == DARK


def test_only_the_variables_the_page_uses_are_kept_with_what_they_refer_to() -> None:
    values = palette_values([SHEET, THEME], DARK)
    used = used_values("body{background:var(--md-default-bg-color)}", values)
    assert used == {"--md-default-bg-color": "hsla(var(--md-hue),15%,14%,1)", "--md-hue": "232deg",
                    "color-scheme": "dark"}


def test_the_stylesheet_puts_the_first_palette_on_root_and_the_others_changes_under_their_media() -> None:
    css = "a{color:var(--md-typeset-a-color)}body{background:var(--md-default-bg-color)}"
    light, dark = palette_values([SHEET, THEME], LIGHT), palette_values([SHEET, THEME], DARK)
    text = stylesheet(css, [Palette("(prefers-color-scheme: light)", LIGHT, light),
                            Palette("(prefers-color-scheme: dark)", DARK, dark)])
    base, media = text.split("@media", 1)
    assert base.startswith(":root{") and "--md-primary-fg-color:#00695c" in base
    media, chosen = media.split("}}", 1)
    assert "(prefers-color-scheme:dark)" in media.replace(" ", "")
    assert "--md-typeset-a-color:#00ccb8" in media
    assert "--md-primary-fg-color" not in media  # light links refer to it; dark links have their own colour
    # the reader's choice on the site (Material's stored palette, set on the page by its script) wins
    light_chosen = ":root[data-md-color-scheme=default][data-md-color-primary=teal]" \
                   "[data-md-color-accent=deep-orange]{"
    dark_chosen = light_chosen.replace("default", "slate")
    assert chosen.startswith(light_chosen) and dark_chosen in chosen
    assert "--md-typeset-a-color:var(--md-primary-fg-color)" in chosen.split(dark_chosen)[0]
    assert "--md-typeset-a-color:#00ccb8" in chosen.split(dark_chosen)[1]
    assert text.endswith(css)


def test_one_palette_needs_neither_media_nor_choice() -> None:
    css = "a{color:var(--md-typeset-a-color)}"
    text = stylesheet(css, [Palette(None, LIGHT, palette_values([SHEET, THEME], LIGHT))])
    assert "@media" not in text and "data-md-color" not in text
    assert stylesheet(css, []) == css


def test_the_real_palette_gives_the_sites_contrast_fixed_colours() -> None:
    """Material's own stylesheets and the site's theme.css, as the build reads them."""
    sheets = [path.read_text(encoding="utf-8") for path in sorted(MATERIAL_CSS.glob("*.min.css"))]
    sheets.append((ROOT / "docs" / "assets" / "stylesheets" / "theme.css").read_text(encoding="utf-8"))
    light, dark = palette_values(sheets, LIGHT), palette_values(sheets, DARK)
    assert light["--md-primary-fg-color"] == "#00695c" and light["--md-typeset-a-color"] == "#00695c"
    assert light["--md-accent-fg-color"] == "#bf360c"
    assert light["--md-default-fg-color"] == "#000000de" and light["--md-primary-bg-color"] == "#fff"
    assert dark["--md-typeset-a-color"] == "#5fd3c6" and dark["color-scheme"] == "dark"
    assert "sans-serif" in light["--md-text-font-family"]
