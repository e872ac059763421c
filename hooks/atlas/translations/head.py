"""Changes to a built page's HTML: absolute hreflang alternates and the per-language search base."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from html import escape
from urllib.parse import urljoin

# Material's relative alternates: `<link rel="alternate" href="../" hreflang="en">`.
MATERIAL_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
MATERIAL_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def hreflang_links(
    site_url: str, urls: Mapping[str, str], default: str, x_default: str | None = None
) -> list[tuple[str, str]]:
    """(hreflang, absolute href) for each locale's version of a page, then `x-default`.

    `urls` maps locale → site-relative URL of the page in that locale (translations only);
    `x-default` points to the default locale's version (or `x_default` when given).
    """
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    ordered = sorted(urls, key=lambda locale: (locale != default, locale))
    links = [(locale, urljoin(base, urls[locale].lstrip("/"))) for locale in ordered]
    fallback = x_default if x_default is not None else urls.get(default)
    if fallback is not None:
        links.append(("x-default", urljoin(base, fallback.lstrip("/"))))
    return links


def render_links(links: list[tuple[str, str]]) -> str:
    return "".join(
        f'    <link rel="alternate" hreflang="{escape(lang)}" href="{escape(href)}">\n'
        for lang, href in links
    )


def replace_alternates(html: str, links: list[tuple[str, str]]) -> str:
    """Put absolute alternates where Material wrote its relative ones (or before `</head>`)."""
    rendered = render_links(links)
    end = html.find("</head>")
    head, rest = (html[:end], html[end:]) if end >= 0 else (html, "")  # alternates live in the head only
    first = MATERIAL_ALTERNATE.search(head)
    if first is None:
        return head + rendered + rest if end >= 0 else html
    stripped = MATERIAL_ALTERNATE.sub("", head)
    return stripped[: first.start()] + rendered + stripped[first.start():] + rest


def _html_safe_json(value: object) -> str:
    """JSON as Jinja's `tojson` writes it: safe inside a <script> element."""
    text = json.dumps(value, separators=(", ", ": "))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(char, escaped)
    return text


def rebase_search(html: str, locale: str) -> str:
    """Point Material's `__config.base` at the locale's folder.

    Material fetches `search/search_index.json` relative to `base`, and resolves result links
    against it, so a page under `en/` then searches `en/search/search_index.json`.
    """
    match = MATERIAL_CONFIG.search(html)
    if match is None:
        return html
    config = json.loads(match.group(2))
    base = str(config.get("base", "."))
    config["base"] = f"{base.rstrip('/')}/{locale}/"
    return html[: match.start(2)] + _html_safe_json(config) + html[match.end(2):]
