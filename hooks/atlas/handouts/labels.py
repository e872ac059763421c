"""Words the handouts and the PDF action use, per language, with an English fallback.

`extra.atlas.handouts.labels.<locale>` in mkdocs.yml overrides any of them. In the QR codes' alt
texts (`qr_alt`, `booklet_qr_alt`), `{url}` stands for the address the code leads to.
"""

from __future__ import annotations

from collections.abc import Mapping

FALLBACK_LOCALE = "en"

DEFAULT_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "action": "Download this page as a PDF handout",
        "booklet_action": "Download all articles as one PDF booklet",
        "reviewed": "Last reviewed",
        "contents": "Contents",
        "online_only": "This part is only shown in the online version of the page.",
        "qr_alt": "QR code that opens the online version of this page: {url}",
        "booklet_qr_alt": "QR code that opens the website online: {url}",
        "booklet_kind": "All articles of the website, as a booklet to print or share",
        "booklet_made_by": "Written and checked by the {site} editorial team",
        "booklet_checked": "Content last checked: {date}",
        "booklet_web": "The current version is online:",
        "disclaimer": (
            "This handout explains research; it is not medical advice. Discuss supplements, diets "
            "and treatment with a doctor or dietitian. The online page is the current version."
        ),
    },
    "nl": {
        "action": "Download deze pagina als pdf-handout",
        "booklet_action": "Download alle artikelen als één pdf-boekje",
        "reviewed": "Laatst beoordeeld",
        "contents": "Inhoud",
        "online_only": "Dit onderdeel staat alleen in de onlineversie van de pagina.",
        "qr_alt": "QR-code die de onlineversie van deze pagina opent: {url}",
        "booklet_qr_alt": "QR-code die de website online opent: {url}",
        "booklet_kind": "Alle artikelen van de website, als boekje om te printen of te delen",
        "booklet_made_by": "Geschreven en gecontroleerd door de redactie van {site}",
        "booklet_checked": "Inhoud laatst gecontroleerd: {date}",
        "booklet_web": "De actuele versie staat online:",
        "disclaimer": (
            "Deze handout legt onderzoek uit en is geen medisch advies. Bespreek supplementen, "
            "voeding en behandeling met een arts of diëtist. De onlinepagina is de actuele versie."
        ),
    },
}


def labels_for(locale: str, overrides: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, str]:
    """All labels for `locale`: configured ones, then built-in ones, then English."""
    merged = dict(DEFAULT_LABELS[FALLBACK_LOCALE])
    merged.update(DEFAULT_LABELS.get(locale, {}))
    if overrides:
        merged.update({k: str(v) for k, v in (overrides.get(locale) or {}).items()})
    return merged


def with_url(label: str, url: str) -> str:
    """A label with its `{url}` placeholder filled in (other braces are left as they are)."""
    return label.replace("{url}", url)
