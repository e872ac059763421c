"""What may be published: only real files inside the docs folder (security review M3), and no static
file that a browser would run as code.

A symbolic link in `docs/` is followed by MkDocs and its target copied into the site, so a committed link
to `/etc/hostname` or `../../.git/config` would publish that file. Links are refused, by name, and left
out of the site; writers copy the file in instead.

Pure: paths in, paths out.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from xml.parsers import expat


def symlinks_under(root: Path) -> list[Path]:
    """Every symbolic link (to a file or a folder) under `root`, without following any, sorted."""
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root, followlinks=False):
        for name in [*subfolders, *files]:
            path = Path(folder) / name
            if path.is_symlink():
                found.append(path)
    return sorted(found)


def is_inside(path: Path, folders: list[Path]) -> bool:
    """Whether `path` is one of `folders` or lies under one of them (paths compared as given)."""
    return any(path == folder or folder in path.parents for folder in folders)


# --- static files that a browser would run (security review, follow-up) ----------------------------------
#
# MkDocs copies every file of docs/ that is not a page into the site as it is. Pages get the content policy
# and a Content-Security-Policy; a static file gets neither. An SVG opened directly is a document of the
# site's own origin and runs its scripts and event handlers; an HTML file is a page without the site's
# CSP. So: SVG files may hold drawing only, and HTML files are not published (pages are Markdown).

UNPUBLISHED_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
SVG_SUFFIX = ".svg"
# Elements that run code or embed another document; `set`/`animate*` can rewrite a link into javascript:.
SVG_REFUSED_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
SVG_ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform"}
SAFE_LINK_SCHEMES = {"", "http", "https"}


def _local(name: str) -> str:
    """`{http://www.w3.org/2000/svg}script` or `svg:script` -> `script` (namespaces do not matter here)."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _scheme(value: str) -> str:
    """The URL scheme a browser would see: control characters and whitespace inside it are ignored."""
    squeezed = "".join(ch for ch in value if ch > " " and ch != "\x7f")
    head, colon, _rest = squeezed.partition(":")
    return head.lower() if colon and "/" not in head and "#" not in head else ""


CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)


def _addresses(element: str, attribute: str, value: str) -> list[str]:
    """The addresses an attribute holds: a link's target, every CSS `url(…)`, an animation's values."""
    found = [match.group(1) for match in CSS_URL.finditer(value)]
    if attribute in {"href", "src"}:
        found.append(value)
    if element in SVG_ANIMATIONS and attribute in {"to", "from", "by", "values"}:
        found += value.split(";")
    return found


def svg_problems(text: str) -> list[tuple[int, str]]:
    """What in an SVG file could run code, as (line, what) pairs; empty for a drawing.

    Refused: a DOCTYPE (entities), script and embedding elements, event-handler attributes (`on…`),
    links and references whose scheme is not http(s) (`javascript:`, `data:`…; `#id` and relative paths
    are fine), and animations that target a link or a handler. A file that is not well-formed XML is
    refused too: a browser's reading of it cannot be checked.
    """
    parser = expat.ParserCreate(namespace_separator="}")
    problems: list[tuple[int, str]] = []

    def doctype(name: str, *_: object) -> None:
        problems.append((parser.CurrentLineNumber, "a DOCTYPE (it can declare entities); remove it"))

    def start(name: str, attributes: dict[str, str]) -> None:
        line, element = parser.CurrentLineNumber, _local(name)
        if element in SVG_REFUSED_ELEMENTS:
            problems.append((line, f"a <{element}> element (it runs code or embeds a document)"))
        for raw_name, value in attributes.items():
            attribute = _local(raw_name)
            if attribute.startswith("on"):
                problems.append((line, f"an event handler `{attribute}` on <{element}>"))
            for scheme in {_scheme(address) for address in _addresses(element, attribute, value)}:
                if scheme not in SAFE_LINK_SCHEMES:
                    problems.append((line, f"a `{scheme}:` address in `{attribute}` of <{element}>"))
        target = _local(attributes.get("attributeName", ""))
        if element in SVG_ANIMATIONS and (target in {"href", "src"} or target.startswith("on")):
            problems.append((line, f"<{element}> changing `{target}`"))

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = start
    try:
        parser.Parse(text, True)
    except expat.ExpatError as error:
        reason = expat.errors.messages.get(error.code, str(error))
        problems.append((error.lineno, f"not well-formed XML ({reason})"))
    return problems


def static_file_problems(name: str, content: bytes) -> list[tuple[int, str]]:
    """Why a static file of docs/ must not be published, as (line, what) pairs; empty when it may be.

    `name` decides which rule applies (only its suffix is read), so unrelated files cost nothing."""
    suffix = Path(name).suffix.lower()
    if suffix in UNPUBLISHED_SUFFIXES:
        return [(1, "an HTML file is published without the site's Content-Security-Policy; write the page "
                    "in Markdown (a `.md` file) instead")]
    if suffix != SVG_SUFFIX:
        return []
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        return [(content.count(b"\n", 0, error.start) + 1, "not UTF-8; save the SVG as UTF-8")]
    return svg_problems(text)


def needs_checking(name: str) -> bool:
    """Whether `static_file_problems` has a rule for this file (so the hook reads only those files)."""
    return Path(name).suffix.lower() in {SVG_SUFFIX, *UNPUBLISHED_SUFFIXES}
