"""QR codes that lead from the paper handout back to the page online."""

from __future__ import annotations

import functools
import hashlib
import io
import os
import tempfile
from pathlib import Path

import segno


@functools.lru_cache(maxsize=512)
def qr_svg(url: str) -> str:
    """A standalone SVG QR code for `url` (error correction M, a quiet zone of two modules).

    Dark modules only, no fixed size: the template scales it.
    """
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", border=2, xmldecl=False, svgclass=None, lineclass=None, omitsize=True)
    return buffer.getvalue().decode("utf-8")


def cached_qr_svg(url: str, cache: Path | None) -> str:
    """`qr_svg`, kept in the handouts cache folder (segno takes ~10 ms per code: most of a repeat
    `make site` once the PDFs themselves are reused)."""
    if cache is None:
        return qr_svg(url)
    key = hashlib.sha256(f"qr\n{segno.__version__}\n{url}".encode()).hexdigest()
    path = cache / f"qr-{key}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        svg = qr_svg(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(svg)
        os.replace(temporary, path)
        return svg
