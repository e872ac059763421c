"""QR codes that lead from the paper handout back to the page online."""

from __future__ import annotations

import functools
import hashlib
import io
from pathlib import Path

import segno

from atlas.handouts.cache import load, store


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
    `make site` once the PDFs themselves are reused). A kept code is used only when it matches the
    SHA-256 recorded for this URL's entry: a code swapped in the cache is drawn again, never printed."""
    if cache is None:
        return qr_svg(url)
    key = hashlib.sha256(f"qr\n{segno.__version__}\n{url}".encode()).hexdigest()
    name = f"qr-{key}.svg"
    try:
        return load(cache, name, key)[0].decode("utf-8")
    except (OSError, ValueError):  # absent, or not as recorded (Stale is a ValueError)
        svg = qr_svg(url)
        store(cache, name, key, svg.encode("utf-8"), url=url)
        return svg
