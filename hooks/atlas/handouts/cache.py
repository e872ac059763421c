"""Content-addressed results: a handout whose article, template and tools are unchanged is not converted
or compiled again (Typst's compile is most of `make site`).

Every input is in the key: the HTML, the pandoc binary and the Lua filter for the Typst body; the whole
Typst source, the images it really embeds, the Typst version, the PDF standards, SOURCE_DATE_EPOCH, and
the code and words of what `pdf_tags` adds after Typst for the PDF. Warnings are kept in each result's
record, so a reused result reports them again (and --strict fails again) instead of hiding them.

A cache folder may come from elsewhere (CI restores it with actions/cache), so nothing in it is trusted:
a body, PDF or QR code is reused only when it matches the SHA-256 its record noted when it was written
(and a PDF starts with `%PDF-` and ends with `%%EOF`); anything else is rendered again, with a note for
the info log. The key reads only files that are real image references of the document, below the build
folder; `image("...")` written as text or code in an article is not one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import typst

from atlas.cache_folders import write_atomically
from atlas.handouts import compile as typst_compile
from atlas.handouts import convert, pdf_tags
from atlas.handouts.jobs import Problem
from atlas.handouts.pdf_tags import DEFAULT_LINK_TO

PDF_START, PDF_END = b"%PDF-", b"%%EOF"
_FINISHING = Path(pdf_tags.__file__)  # its code is part of every PDF's key, as the Lua filter is of a body's

__all__ = ["Stale", "body_key", "cached_compile", "cached_convert", "fingerprint", "image_references",
           "load", "pdf_key", "read_body", "read_pdf", "store", "write_atomically"]


class Stale(ValueError):
    """A cached file is there but does not check out; the message says which, for the info log."""


def fingerprint(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


# -- entries: a data file and its record (`<name>.json`: key, SHA-256, and what else the result needs) --

def store(cache: Path, name: str, key: str, data: bytes, **extra: Any) -> None:
    """Keep `data` as `name` in the cache, with a record of its key and SHA-256."""
    record = {"key": key, "sha256": hashlib.sha256(data).hexdigest(), **extra}
    write_atomically(cache / name, data)
    write_atomically(cache / f"{name}.json", json.dumps(record).encode("utf-8"))


def load(cache: Path, name: str, key: str) -> tuple[bytes, dict[str, Any]]:
    """`name` and its record; OSError when either is absent, Stale when they do not match each other
    or the key they were written for."""
    record_bytes = (cache / f"{name}.json").read_bytes()
    data = (cache / name).read_bytes()
    try:
        record = json.loads(record_bytes)
    except ValueError:
        raise Stale(f"{name}: its record is not readable") from None
    if not isinstance(record, dict) or record.get("key") != key:
        raise Stale(f"{name}: its record belongs to another entry")
    if record.get("sha256") != hashlib.sha256(data).hexdigest():
        raise Stale(f"{name}: the file does not match the SHA-256 recorded when it was written")
    return data, record


# -- keys --------------------------------------------------------------------------------------------

def _file_state(path: str | Path) -> str:
    try:
        stat = os.stat(path)
    except OSError:
        return f"{path}:missing"
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


@functools.lru_cache(maxsize=1)
def _pandoc_state() -> str:
    import pypandoc

    try:
        return _file_state(pypandoc.get_pandoc_path())
    except OSError:
        return "pandoc:unknown"


def body_key(article_html: str) -> str:
    return fingerprint("typst", _pandoc_state(), convert.LUA_FILTER.read_bytes(), article_html)


_IMAGE_CALL = re.compile(r'#(?:pdf\.artifact\()?box\(image\("((?:[^"\\]|\\.)*)"')
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_T = TypeVar("_T")
_TYPST_ESCAPES = {"n": "\n", "r": "\r", "t": "\t"}


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _TYPST_ESCAPES.get(m.group(1), m.group(1)), text)


def image_references(body: str) -> list[str]:
    """The image files a converted article embeds: the `#box(image("…"))` calls `handout.lua` writes.

    Read as Typst reads pandoc's output: an escaped character (`\\#`) is text, a raw span (`` `…` ``,
    ```` ``` ````) and a string (`"…"`) are skipped whole, so `image("…")` quoted in an article's text or
    code is no reference.
    """
    found: list[str] = []
    at, end = 0, len(body)
    while at < end:
        char = body[at]
        if char == "\\":
            at += 2
        elif char == "`":
            fence = re.match(r"`+", body[at:]).group(0)  # type: ignore[union-attr]
            closing = body.find(fence, at + len(fence))
            at = end if closing < 0 else closing + len(fence)
        elif char == '"':
            string = _STRING.match(body, at)
            at = string.end() if string else end
        elif char == "#" and (call := _IMAGE_CALL.match(body, at)):
            found.append(_unescape(call.group(1)))
            at = call.end()
        else:
            at += 1
    return found


def _image_state(reference: str, root: Path) -> bytes:
    """An image's bytes, read only when it is a regular file below `root` (Typst's root)."""
    path = (root / reference.lstrip("/")).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return b"(not readable)"
    return path.read_bytes()


def pdf_key(source: str, root: Path, images: Iterable[str], link_to: str = DEFAULT_LINK_TO) -> str:
    """The PDF's key: its Typst source, the files it embeds, the tools, and the words `pdf_tags` adds."""
    embedded = [(found, _image_state(found, root)) for found in sorted(set(images))]
    tools = (str(getattr(typst, "__version__", "")), ",".join(typst_compile.PDF_STANDARDS),
             os.environ.get("SOURCE_DATE_EPOCH", ""),
             *sorted(hashlib.sha256(f.read_bytes()).hexdigest() for f in typst_compile.FONTS.glob("*.ttf")))
    finishing = (_FINISHING.read_bytes(), link_to)  # what pdf_tags adds after Typst, and in which words
    return fingerprint("pdf", *tools, *finishing, source, *(part for pair in embedded for part in pair))


# -- Typst bodies ------------------------------------------------------------------------------------

def read_body(cache: Path, article_html: str) -> tuple[str, list[str]]:
    """An earlier conversion and its pandoc warnings; OSError when there is none, Stale when it is bad."""
    key = body_key(article_html)
    data, record = load(cache, f"{key}.typ", key)
    warnings = record.get("warnings")
    if not isinstance(warnings, list):
        raise Stale(f"{key}.typ: its record has no warnings list")
    try:
        return data.decode("utf-8"), [str(warning) for warning in warnings]
    except UnicodeDecodeError:
        raise Stale(f"{key}.typ: not UTF-8 text") from None


def _earlier(read: Callable[[], _T], notes: list[str], again: str) -> _T | None:
    """A result from the cache, or None: none there, or one that does not match its record (noted,
    so the build says why it did the work again)."""
    try:
        return read()
    except Stale as stale:
        notes.append(f"handouts cache: {stale}; {again}")
    except OSError:
        pass
    return None


def cached_convert(article_html: str, cache: Path | None, notes: list[str]) -> tuple[str, list[str]]:
    """`convert_article`, reusing an earlier conversion of the same article with the same tools."""
    if cache is None:
        return convert.convert_article(article_html)
    earlier = _earlier(lambda: read_body(cache, article_html), notes, "converted again")
    if earlier is not None:
        return earlier
    body, warnings = convert.convert_article(article_html)
    key = body_key(article_html)
    store(cache, f"{key}.typ", key, body.encode("utf-8"), warnings=warnings)
    return body, warnings


# -- PDFs --------------------------------------------------------------------------------------------

def read_pdf(cache: Path, key: str) -> tuple[bytes, list[Problem]]:
    """An earlier PDF and its Typst warnings; OSError when there is none, Stale when it is bad."""
    pdf, record = load(cache, f"{key}.pdf", key)
    if not pdf.startswith(PDF_START) or not pdf.rstrip().endswith(PDF_END):
        raise Stale(f"{key}.pdf: not a whole PDF file")
    try:
        return pdf, [Problem(str(m), int(line), str(excerpt)) for m, line, excerpt in record["warnings"]]
    except (KeyError, TypeError, ValueError):
        raise Stale(f"{key}.pdf: its record has no readable warnings") from None


def cached_compile(source: str, cache: Path | None, root: Path, images: Iterable[str],
                   notes: list[str], link_to: str = DEFAULT_LINK_TO) -> tuple[bytes, list[Problem]]:
    """`checked_compile`, reusing an earlier PDF (and its warnings) of the same source and embedded files.
    The PDF kept is the finished one (after `pdf_tags`): its recorded SHA-256 is that of the file served."""
    if cache is None:
        return typst_compile.checked_compile(source, root, link_to)
    key = pdf_key(source, root, images, link_to)
    earlier = _earlier(lambda: read_pdf(cache, key), notes, "compiled again")
    if earlier is not None:
        return earlier
    pdf, warnings = typst_compile.checked_compile(source, root, link_to)
    store(cache, f"{key}.pdf", key, pdf, warnings=[[w.message, w.line, w.excerpt] for w in warnings])
    return pdf, warnings
