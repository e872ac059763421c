"""Content-Security-Policy for every page, as a `<meta http-equiv>` tag (GitHub Pages sets no headers).

Why: the content policy (atlas.content_policy) refuses unsafe HTML at build time; the CSP is the second
line: should markup ever slip through (a theme feature that turns text into HTML, a future extension), the
browser still runs only the site's own script files and the inline scripts the build itself wrote. Those
inline scripts (Material's few lines that restore the palette and the scroll position, the 404 page's
language redirect) are allowed by their SHA-256, computed here from the finished HTML, so a change to a
template keeps working without anyone updating a list. Nothing allows 'unsafe-inline' for scripts, so an
injected `<script>` or `onerror=` does not run.

Pure: HTML text in, HTML text out.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser

# Script types a browser executes (an absent or empty type is JavaScript); JSON data blocks never run.
_EXECUTABLE_TYPES = frozenset(
    {"", "text/javascript", "application/javascript", "module", "application/ecmascript", "text/ecmascript"}
)
_EXISTING_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', re.IGNORECASE)
_CHARSET_META = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)

# Everything else the pages load comes from the site itself. Images may be data: URIs (Material's icons in
# CSS) and styles may be inline (Material sets style attributes); scripts may not.
BASE_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


_SCRIPT_ELEMENT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)


class _InlineScripts(HTMLParser):
    """The text of every executable inline `<script>` (one without src), exactly as written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        names = {name: (value or "") for name, value in attrs}
        executable = "src" not in names and names.get("type", "").strip().lower() in _EXECUTABLE_TYPES
        self._current = [] if executable else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-…') of the page's executable inline scripts, first seen first."""
    parser = _InlineScripts()
    # only the script elements go through the parser: the rest of a page cannot hold one (text and
    # attribute values are escaped), and parsing whole pages was a fifth of the build's own cost
    for element in _SCRIPT_ELEMENT.finditer(html):
        parser.feed(element.group())
    parser.close()
    hashes: list[str] = []
    for script in parser.scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        expression = f"'sha256-{digest}'"
        if expression not in hashes:
            hashes.append(expression)
    return hashes


def policy(script_hashes: Iterable[str]) -> str:
    """The policy text: the base directives and `script-src 'self'` plus the given hashes."""
    directives = [*BASE_DIRECTIVES, ("script-src", " ".join(["'self'", *script_hashes]))]
    return "; ".join(f"{name} {value}" for name, value in directives)


def with_csp(html: str) -> str:
    """The page with its CSP meta tag (replacing an older one), placed right after `<meta charset>` so it
    applies before the first script; a document without a `<head>` is returned unchanged."""
    html = _EXISTING_META.sub("", html)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(html))}">'
    charset = _CHARSET_META.search(html)
    if charset:
        return html[: charset.end()] + "\n    " + tag + html[charset.end() :]
    head = re.search(r"<head[^>]*>", html, re.IGNORECASE)
    if head:
        return html[: head.end()] + "\n    " + tag + html[head.end() :]
    return html
