"""Typst source for a handout or a booklet: the template, the page's facts, the converted article."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


def typst_string(text: str) -> str:
    """`text` as a Typst string literal (safe for any input, including quotes and newlines)."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def typst_args(values: Mapping[str, str | None]) -> str:
    """Named Typst arguments from Python strings; None becomes Typst's `none`."""
    return ", ".join(
        f"{name}: {'none' if value is None else typst_string(value)}" for name, value in values.items()
    )


@dataclass(frozen=True)
class ArticleFacts:
    """What the handout says about an article besides its text."""

    title: str
    site: str
    lang: str
    language: str
    reviewed_label: str
    reviewed: str
    url: str
    qr_svg: str
    qr_alt: str  # what the QR code is for, read aloud: "QR code to the online page: https://..."
    notes_title: str = ""  # the heading over the notes that explain the markers ("Notes"); "": a rule
    link_to: str = ""      # how an internal link is described, `{target}` its heading ("Go to: {target}")

    def article_call(self) -> str:
        """`#article(...)`: the facts shown under the article's heading."""
        facts = {
            "site": self.site,
            "language": self.language,
            "reviewed-label": self.reviewed_label,
            "reviewed": self.reviewed,
            "url": self.url,
            "qr": self.qr_svg,
            "qr-alt": self.qr_alt,
            "notes-title": self.notes_title,
        }
        return f"#article({typst_args(facts)})"


_TITLE = re.compile(r"^= ")
_LABEL = re.compile(r"^<[^>\s]+>$")


def facts_after_title(body: str) -> str:
    """The article's body with `#article-facts()` right after its level-1 heading (and that heading's
    label line): the facts are shown outside the heading, so its PDF tag holds only the title."""
    lines = body.strip().splitlines()
    title = next((i for i, line in enumerate(lines) if _TITLE.match(line)), None)
    if title is None:
        return "\n".join(["#article-facts()", *lines])
    after = title + 1
    if after < len(lines) and _LABEL.match(lines[after].strip()):
        after += 1
    return "\n".join([*lines[:after], "#article-facts()", *lines[after:]])


def handout_source(template: str, facts: ArticleFacts, disclaimer: str, body: str) -> str:
    """The whole Typst document for one article."""
    settings = {
        "title": facts.title,
        "site": facts.site,
        "lang": facts.lang,
        "url": facts.url,
        "disclaimer": disclaimer,
    }
    return "\n".join([
        template.rstrip(),
        "",
        f"#show: handout.with({typst_args(settings)})",
        facts.article_call(),
        "",
        facts_after_title(body),
        "",
    ])


@dataclass(frozen=True)
class BookletCover:
    title: str
    site: str
    lang: str
    language: str
    contents_label: str
    url: str
    qr_svg: str
    disclaimer: str
    qr_alt: str
    kind: str = ""           # what the booklet is ("All articles of the website, to print or share")
    made_by: str = ""        # who made it: the editorial team, never a person
    checked_label: str = ""  # "Content last checked: {date}"; {date} is the latest check of any article
    web: str = ""            # where the web version lives ("The current version is online:")
    link_to: str = ""        # how an internal link is described, `{target}` its heading ("Go to: {target}")


def booklet_source(template: str, cover: BookletCover, articles: Iterable[tuple[ArticleFacts, str]]) -> str:
    """The whole Typst document for all articles of one language, in the given order."""
    articles = list(articles)
    latest = max((facts.reviewed for facts, _ in articles if facts.reviewed), default="")
    settings = {
        "title": cover.title,
        "site": cover.site,
        "lang": cover.lang,
        "language": cover.language,
        "contents-label": cover.contents_label,
        "url": cover.url,
        "qr": cover.qr_svg,
        "qr-alt": cover.qr_alt,
        "disclaimer": cover.disclaimer,
        "kind": cover.kind,
        "made-by": cover.made_by,
        "checked": cover.checked_label.replace("{date}", latest) if latest else "",
        "web": cover.web,
    }
    parts = [template.rstrip(), "", f"#show: booklet.with({typst_args(settings)})", ""]
    for facts, body in articles:
        # each article in its own language (a page without translation keeps its source language)
        parts += [f"#set text(lang: {typst_string(facts.lang)})", facts.article_call(), "",
                  facts_after_title(body), ""]
    return "\n".join(parts)


def article_starts(source: str) -> list[int]:
    """The 1-based line of each article's `#article(...)` call in a handout or booklet source, in order."""
    return [number for number, line in enumerate(source.splitlines(), 1) if line.startswith("#article(")]
