"""QR codes that lead from the paper handout back to the page online."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str) -> str:
    """A standalone SVG QR code for `url` (error correction M, a quiet zone of two modules).

    Dark modules only, no fixed size: the template scales it.
    """
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", border=2, xmldecl=False, svgclass=None, lineclass=None, omitsize=True)
    return buffer.getvalue().decode("utf-8")
