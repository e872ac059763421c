"""A sitemap per language folder.

The root `sitemap.xml` (from the last language built) lists every language with its alternates.
`<locale>/sitemap.xml` lists that locale's URLs only, as the sitemap protocol requires of a
sitemap inside a folder, so `/en/sitemap.xml` exists and is valid.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def sitemap_under(sitemap_xml: str, url_prefix: str) -> str:
    """The sitemap restricted to `<url>` entries whose `<loc>` starts with `url_prefix`."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.fromstring(sitemap_xml.encode("utf-8"))
    for url in list(root.findall(f"{{{SITEMAP_NS}}}url")):
        loc = (url.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip()
        if not loc.startswith(url_prefix):
            root.remove(url)
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def locations(sitemap_xml: str) -> list[str]:
    """Every `<loc>` of a sitemap (used by checks and tests)."""
    root = ET.fromstring(sitemap_xml.encode("utf-8"))
    return [(loc.text or "").strip() for loc in root.iter(f"{{{SITEMAP_NS}}}loc")]
