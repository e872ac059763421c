"""Words of the handouts and the PDF action: the built-in texts are in `atlas/labels.yml` (feature
`handouts`), read with `atlas.labels.labels_for`. In the QR codes' alt texts (`qr_alt`,
`booklet_qr_alt`), `{url}` stands for the address the code leads to.
"""

from __future__ import annotations


def with_url(label: str, url: str) -> str:
    """A label with its `{url}` placeholder filled in (other braces are left as they are)."""
    return label.replace("{url}", url)
