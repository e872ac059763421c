"""The page a static host serves for every missing URL (`404.html`), self-contained so it works anywhere.

Why: GitHub Pages answers every missing URL with the root `404.html`, served *at the missing URL*: its
depth below the site is unknown, and the site may be served under another base path than `site_url`'s
(a server's root, a fork's Pages under another repository name). Links relative to the page then point
into nowhere, and MkDocs's links from the configured root break under any other base. So the page needs
nothing from the site to look right: its stylesheet is inlined (Material's palette colours, resolved
here from the site's own stylesheets, so it follows the palette and the theme's contrast fixes), its
icon is a data: URI, and one small inline script (allowed by its SHA-256 in the CSP) finds the site's
home from the URL (`overrides/partials/not-found.js`). Without JavaScript the links lead to the home
under the configured site path, which is right wherever the site is served as configured.

Pure: texts in, texts and data out.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from atlas.minify import minify_css, minify_js


@dataclass(frozen=True)
class Notice:
    """One language's "page not found": what the page says, and where its links go without JavaScript."""

    lang: str
    title: str
    text: str
    home: str  # text of the link to the home page
    search: str  # label of the search field
    search_button: str
    home_url: str  # the language's home under the configured site path (the no-JavaScript target)


def site_path(site_url: str | None) -> str:
    """The path part of `site_url`, with slashes at both ends: `/amino-atlas/` (`/` when unset)."""
    path = urlsplit(site_url or "").path.strip("/")
    return f"/{path}/" if path else "/"


def language_home(root: str, locale: str, default: str) -> str:
    """Path of a language's home page: the site root for the default language, `<root><locale>/` else."""
    return root if locale == default else f"{root}{locale}/"


def first_folders(page_urls: Iterable[str], locales: Iterable[str]) -> list[str]:
    """The site's top-level page folders (`leucine`, `glutamine`), language folders left out: a missing
    URL holding one of them tells the script where the site's root lies under an unknown base path."""
    languages = set(locales)
    folders = set()
    for url in page_urls:
        parts = [part for part in url.split("/") if part not in ("", ".", "..")]
        if parts and parts[0] in languages:
            parts = parts[1:]
        if len(parts) > 1 or (parts and url.endswith("/")):
            folders.add(parts[0])
    return sorted(folders)


def ordered(notices: Sequence[Notice], first: str) -> list[Notice]:
    """The notices with `first`'s language at the top, the others in their configured order."""
    return sorted(notices, key=lambda notice: notice.lang != first)


def page_title(notices: Sequence[Notice], site_name: str) -> str:
    """`Pagina niet gevonden / Page not found - Amino Atlas`: every language's title, the first first."""
    return " / ".join(notice.title for notice in notices) + f" - {site_name}"


def script_data(root: str, default: str, locales: Sequence[str], folders: Sequence[str],
                site_name: str) -> str:
    """The JSON the page's script reads (a `type="application/json"` block: data, never executed)."""
    data = {"root": root, "default": default, "languages": list(locales), "folders": list(folders),
            "site": site_name}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def icon_data_uri(svg: str) -> str:
    """The site's SVG favicon as a `data:` URI (CSP `img-src data:`): no request that could miss."""
    text = " ".join(svg.split()).replace('"', "'")  # in an attribute: no &#34; for every quote
    return "data:image/svg+xml," + quote(text, safe="/:='(),.;-")  # a space is not allowed


# --- Material's palette colours, resolved from the site's stylesheets ----------------------------------

_VARIABLE = re.compile(r"var\(\s*(--[\w-]+)")
_ATTRIBUTE = re.compile(r"""\[data-md-color-(scheme|primary|accent)(?:=["']?([\w-]+)["']?)?\]""")
_GLOBAL_SELECTORS = {":root": (1, 0), "html": (0, 1), "body": (0, 1)}
_SCREEN = {"@media screen", "@media all"}
_KEPT_PROPERTIES = {"color-scheme"}  # besides custom properties: form controls follow the scheme


def palette_entry(entry: Mapping[str, object]) -> dict[str, str]:
    """Material's `theme.palette` entry as its page attributes: `deep orange` is `deep-orange`."""
    return {key: str(entry[key]).replace(" ", "-") for key in ("scheme", "primary", "accent")
            if entry.get(key)}


def _rules(css: str) -> Iterator[tuple[tuple[str, ...], str, str]]:
    """(enclosing at-rules, selector list, declarations) of each style rule of minified CSS.
    Braces inside strings are not expected (Material's and the site's stylesheets have none)."""
    stack: list[str] = []
    start = 0
    for brace in re.finditer(r"[{}]", css):
        if brace.group() == "{":
            stack.append(css[start:brace.start()].strip())
        elif stack:
            prelude = stack.pop()
            if not prelude.startswith("@"):
                yield tuple(stack), prelude, css[start:brace.start()]
        start = brace.end()


def _declarations(body: str) -> Iterator[tuple[str, str]]:
    """(property, value) pairs; a `;` inside quotes or parentheses does not end a value."""
    depth, quote_char, start = 0, "", 0
    for index, char in enumerate(body + ";"):
        if quote_char:
            quote_char = "" if char == quote_char else quote_char
        elif char in "'\"":
            quote_char = char
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == ";" and depth == 0:
            name, colon, value = body[start:index].partition(":")
            if colon:
                yield name.strip(), value.strip()
            start = index + 1


def _specificity(selector: str, palette: Mapping[str, str]) -> tuple[int, int] | None:
    """How strongly `selector` applies to a page with the palette's attributes; None when it does not,
    or when it selects anything but the page itself (only then do its variables hold page-wide)."""
    selector = selector.strip()
    if selector in _GLOBAL_SELECTORS:
        return _GLOBAL_SELECTORS[selector]
    attributes = _ATTRIBUTE.findall(selector)
    if not attributes or _ATTRIBUTE.sub("", selector):
        return None
    if any(value and palette.get(name) != value for name, value in attributes):
        return None
    return (len(attributes), 0)


def palette_values(stylesheets: Sequence[str], palette: Mapping[str, str]) -> dict[str, str]:
    """Custom properties (and `color-scheme`) as they hold on a page with this palette: the cascade of
    the rules that select the page by its palette attributes, over the stylesheets in link order.

    Memoised (a few entries): every language build and `mkdocs serve` rebuild asks again for the same
    stylesheets and palettes, and reading Material's 140 KB stylesheet took about 6 ms each time."""
    return dict(_palette_values(tuple(stylesheets), tuple(sorted(palette.items()))))


@functools.lru_cache(maxsize=8)
def _palette_values(stylesheets: tuple[str, ...], items: tuple[tuple[str, str], ...]) -> dict[str, str]:
    palette = dict(items)
    chosen: dict[str, tuple[tuple[int, int], int, str]] = {}
    order = 0
    for css in stylesheets:
        for context, selectors, body in _rules(minify_css(css)):
            if any(at_rule not in _SCREEN for at_rule in context):
                continue
            strengths = [s for s in (_specificity(one, palette) for one in selectors.split(",")) if s]
            if not strengths:
                continue
            for name, value in _declarations(body):
                order += 1
                if name.startswith("--") or name in _KEPT_PROPERTIES:
                    rank = (max(strengths), order, value.removesuffix("!important").strip())
                    if name not in chosen or rank[:2] >= chosen[name][:2]:
                        chosen[name] = rank
    return {name: rank[2] for name, rank in chosen.items()}


def used_values(css: str, values: Mapping[str, str]) -> dict[str, str]:
    """The part of `values` a stylesheet needs: the variables it uses, those their values use, and the
    kept properties, in a stable order."""
    wanted = set(_VARIABLE.findall(css)) | _KEPT_PROPERTIES
    pending = list(wanted)
    while pending:
        for name in _VARIABLE.findall(values.get(pending.pop(), "")):
            if name not in wanted:
                wanted.add(name)
                pending.append(name)
    return {name: values[name] for name in sorted(wanted) if name in values}


def _block(selector: str, values: Mapping[str, str]) -> str:
    return selector + "{" + ";".join(f"{name}:{value}" for name, value in values.items()) + "}"


@dataclass(frozen=True)
class Palette:
    """One of Material's palette toggles: when it applies by itself (`media`), the page attributes the
    reader's stored choice of it sets (`attributes`: scheme, primary, accent), and its values."""

    media: str | None
    attributes: Mapping[str, str]
    values: Mapping[str, str]


def _chosen(attributes: Mapping[str, str]) -> str:
    """`:root[data-md-color-scheme=slate][data-md-color-primary=teal]…`: the page after the script set
    the reader's stored choice (Material's `__palette`) on it."""
    return ":root" + "".join(f"[data-md-color-{name}={value}]" for name, value in attributes.items())


def stylesheet(css: str, palettes: Sequence[Palette]) -> str:
    """The page's whole inline stylesheet: the first palette's values on `:root`, each further palette's
    changes under its media query (Material's `media` of the palette toggle), each palette's own values
    where the reader chose it on the site (stronger than any media query), then the page's own rules."""
    if not palettes:
        return _closed(minify_css(css))
    used = [used_values(css, palette.values) for palette in palettes]
    parts = [_block(":root", used[0])]
    for palette, values in zip(palettes[1:], used[1:], strict=True):
        changed = {name: value for name, value in values.items() if used[0].get(name) != value}
        if palette.media and changed:
            parts.append(f"@media {palette.media}{{{_block(':root', changed)}}}")
    varying = {name for values in used for name in values if any(v.get(name) != values[name] for v in used)}
    for palette, values in zip(palettes, used, strict=True):
        own = {name: value for name, value in values.items() if name in varying}
        if len(palettes) > 1 and palette.attributes and own:
            parts.append(_block(_chosen(palette.attributes), own))
    return _closed(minify_css("".join(parts) + css))


def script(source: str) -> str:
    """The page's inline script as readers get it (its SHA-256 goes into the page's CSP)."""
    return _closed(minify_js(source).strip())


def _closed(text: str) -> str:
    """Text safe inside a `<style>` or `<script>` element: no `</` can end it early (`<\\/` means the
    same in CSS and JavaScript strings, the only places it can occur in our sources)."""
    return text.replace("</", "<\\/")
