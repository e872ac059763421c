"""The QR code that leads from paper back to the page."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import segno
from atlas.handouts.qr import qr_svg

URL = "https://amino-atlas.github.io/amino-atlas/leucine/"


def test_qr_svg_is_a_scalable_svg_of_the_code_for_the_url() -> None:
    svg = qr_svg(URL)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "width" not in root.attrib and "height" not in root.attrib  # the template sizes it
    code = segno.make(URL, error="m", micro=False)
    side = code.symbol_size(border=2)[0]
    assert root.attrib["viewBox"] == f"0 0 {side} {side}"
    assert root.find("{http://www.w3.org/2000/svg}path") is not None


def test_qr_svg_depends_on_the_url_and_nothing_else() -> None:
    assert qr_svg(URL) == qr_svg(URL)
    assert qr_svg(URL) != qr_svg(URL.replace("leucine", "mtor"))
