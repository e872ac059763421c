"""The HTML readers see on translated pages: the staleness banner and the fallback wrapper.

Both carry `data-search-exclude` so Material's search does not index the notice itself.
"""

from __future__ import annotations

from html import escape


def stale_banner(
    notice: str, link_text: str, original_href: str, original_locale: str, changed_html: str = ""
) -> str:
    """A note at the top of a translation whose source changed after it was stamped (and, when known,
    which of its sections changed: `changed_sections`)."""
    return (
        '<div class="admonition warning atlas-translation-stale" role="note" data-search-exclude>'
        f"<p>{escape(notice)} "
        f'<a href="{escape(original_href)}" hreflang="{escape(original_locale)}">{escape(link_text)}</a></p>'
        f"{changed_html}</div>\n"
    )


def changed_sections(template: str, intro: str, sections: list[tuple[str, str | None]]) -> str:
    """`<p>Changed in the original: <a href="#id">Title</a>, the introduction.</p>` from a label with
    `{sections}` and (title, anchor) pairs (title "" is the text before the first section)."""
    if not sections:
        return ""
    links = [
        escape(intro) if not title else
        (f'<a href="#{escape(anchor)}">{escape(title)}</a>' if anchor else escape(title))
        for title, anchor in sections
    ]
    before, _, after = template.partition("{sections}")
    return f'<p class="atlas-translation-changed">{escape(before)}{", ".join(links)}{escape(after)}</p>'



def fallback_wrapper(content_html: str, notice: str, content_locale: str) -> str:
    """Untranslated content served in another language's site: notice first, content in its language.

    The notice is in the reader's language (the page's `<html lang>`); the wrapped content says
    which language it really is, so screen readers pronounce it and browsers hyphenate it right.
    """
    return (
        '<div class="admonition info atlas-translation-fallback" role="note" data-search-exclude>'
        f"<p>{escape(notice)}</p></div>\n"
        f'<div class="atlas-untranslated" lang="{escape(content_locale)}">\n{content_html}\n</div>'
    )
