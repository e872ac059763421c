"""HTML -> Typst: pandoc with the project's Lua filter (`handout.lua`), the one converter."""

from __future__ import annotations

import logging

from atlas.handouts.jobs import PACKAGE_DIR

LUA_FILTER = PACKAGE_DIR / "handout.lua"

__all__ = ["LUA_FILTER", "article_to_typst", "convert_article", "pandoc_article_to_typst"]


def pandoc_article_to_typst(article_html: str) -> str:
    """Convert cleaned article HTML to Typst markup with pandoc and the project's Lua filter."""
    import pypandoc  # only when pandoc is needed: importing it costs more than most conversions

    converted: str = pypandoc.convert_text(
        article_html, "typst", format="html", filters=[str(LUA_FILTER)], extra_args=["--wrap=none"]
    )
    return converted


def article_to_typst(article_html: str) -> str:
    """Convert cleaned article HTML to Typst markup (pandoc with `handout.lua`)."""
    return convert_article(article_html)[0]


class _PandocMessages(logging.Handler):
    """pypandoc logs pandoc's warnings to a console handler of its own, which would print them past
    MkDocs (and past --strict). This handler takes its place and keeps them for the render result."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()))


_pandoc_messages = _PandocMessages()
_pandoc_log = logging.getLogger("pypandoc")
_pandoc_log.addHandler(_pandoc_messages)  # a handler present: pypandoc adds no console handler
_pandoc_log.propagate = False


def convert_article(article_html: str) -> tuple[str, list[str]]:
    """The article's Typst body (pandoc with `handout.lua`), and the warnings pandoc gave."""
    del _pandoc_messages.messages[:]
    body = pandoc_article_to_typst(article_html)
    return body, [f"pandoc: {message}" for message in _pandoc_messages.messages]
