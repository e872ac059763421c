"""Turn a built page into the HTML a handout is made from.

The handout starts from the final HTML of the article (after citations, glossary and evidence notes
are rendered), so it says exactly what the web page says. What only makes sense on a screen is left
out: permalinks, buttons, the edit and PDF actions, scripts, form controls. A few structures pandoc
would flatten are rewritten into shapes its HTML reader keeps (collapsible notes become plain notes,
an admonition's title becomes a `div` a Lua filter can find).
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

VOID_TAGS = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)

# Web-only parts of a Material page; `tag`, `.class` or `tag.class`.
DEFAULT_STRIP: tuple[str, ...] = (
    "a.headerlink",
    "a.footnote-backref",
    ".md-content__button",
    ".md-source-file",
    ".md-feedback",
    ".md-tags",
    ".tabbed-labels",
    "button",
    "form",
    "input",
    "label",
    "nav",
    "script",
    "style",
    "svg",
    "template",
    "noscript",
)

# Elements the handout cannot show; replaced by a short note pointing to the web page.
DEFAULT_ONLINE_ONLY: tuple[str, ...] = (".mermaid", "iframe", "video", "audio")

ARTICLE_CLASS = "md-content__inner"


@dataclass(frozen=True)
class Selector:
    """A tiny CSS selector: a tag name, a class, or both (`a.headerlink`)."""

    tag: str | None
    css_class: str | None

    @classmethod
    def parse(cls, text: str) -> Selector:
        tag, _, css_class = text.strip().partition(".")
        return cls(tag.lower() or None, css_class or None)

    def matches(self, tag: str, classes: Iterable[str]) -> bool:
        if self.tag and self.tag != tag:
            return False
        return not self.css_class or self.css_class in classes


class ArticleNotFound(ValueError):
    """The page has no `<article class="md-content__inner">`: the theme or the template changed."""


def extract_article(page_html: str) -> str:
    """The inner HTML of the page's `<article class="md-content__inner">`, unchanged."""
    finder = _ArticleFinder()
    finder.feed(page_html)
    finder.close()
    if finder.start is None or finder.end is None:
        raise ArticleNotFound(f'no <article class="{ARTICLE_CLASS}"> in the page')
    return page_html[finder.start:finder.end]


class _ArticleFinder(HTMLParser):
    """Finds the character span of the article's content (nested `<article>`s are allowed)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.start: int | None = None
        self.end: int | None = None
        self._depth = 0
        self._line_offsets: list[int] = []

    def feed(self, data: str) -> None:
        offset = 0
        self._line_offsets = [0]
        for line in data.splitlines(keepends=True):
            offset += len(line)
            self._line_offsets.append(offset)
        super().feed(data)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_offsets[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "article" or self.end is not None:
            return
        if self._depth:
            self._depth += 1
            return
        classes = (dict(attrs).get("class") or "").split()
        if ARTICLE_CLASS in classes and self.start is None:
            self._depth = 1
            self.start = self._offset() + len(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag != "article" or not self._depth or self.end is not None:
            return
        self._depth -= 1
        if self._depth == 0:
            self.end = self._offset()


@dataclass(frozen=True)
class CleanOptions:
    """How to clean one article.

    `id_prefix` keeps anchors unique when several articles share one document (the booklet).
    `resolve_image` maps an `<img src>` to a file the PDF engine may read, or None to drop it.
    `online_only_note` replaces what cannot be printed (diagrams drawn by JavaScript, videos).
    """

    id_prefix: str = ""
    strip: tuple[str, ...] = DEFAULT_STRIP
    online_only: tuple[str, ...] = DEFAULT_ONLINE_ONLY
    online_only_note: str = "See the online version."
    resolve_image: Callable[[str], str | None] | None = None


def clean_article(article_html: str, options: CleanOptions | None = None) -> str:
    """Article HTML without its web-only parts, in shapes pandoc's HTML reader keeps."""
    cleaner = _Cleaner(options or CleanOptions())
    cleaner.feed(article_html)
    cleaner.close()
    return "".join(cleaner.out).strip() + "\n"


class _Cleaner(HTMLParser):
    def __init__(self, options: CleanOptions) -> None:
        super().__init__(convert_charrefs=False)
        self.options = options
        self.strip = [Selector.parse(s) for s in options.strip]
        self.online_only = [Selector.parse(s) for s in options.online_only]
        self.out: list[str] = []
        self._skip_depth = 0
        self._open: list[str] = []  # what each open tag was rewritten to

    # -- structure ---------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> None:
        void = tag in VOID_TAGS or self_closing
        if self._skip_depth:
            if not void:
                self._skip_depth += 1
            return
        classes = (dict(attrs).get("class") or "").split()
        if any(s.matches(tag, classes) for s in self.strip):
            self._skip_depth = 0 if void else 1
            return
        if any(s.matches(tag, classes) for s in self.online_only):
            self.out.append(f"<p><em>{html.escape(self.options.online_only_note)}</em></p>")
            self._skip_depth = 0 if void else 1
            return
        if tag == "img":
            self._image(attrs)
            return
        name, attrs = self._rewrite(tag, attrs, classes)
        self.out.append(_start_tag(name, attrs, void))
        if not void:
            self._open.append(name)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        if self._skip_depth:
            self._skip_depth -= 1
            return
        if self._open:
            self.out.append(f"</{self._open.pop()}>")

    def _rewrite(
        self, tag: str, attrs: list[tuple[str, str | None]], classes: list[str]
    ) -> tuple[str, list[tuple[str, str | None]]]:
        """Rename what pandoc would lose and prefix anchors."""
        if tag == "details":
            tag = "div"
            attrs = [(k, v) for k, v in attrs if k != "class" and k != "open"]
            attrs.append(("class", " ".join(["admonition", *classes])))
        elif tag == "summary" or (tag == "p" and "admonition-title" in classes):
            tag = "div"
            attrs = [(k, v) for k, v in attrs if k != "class"] + [("class", "admonition-title")]
        return tag, [self._prefixed(k, v) for k, v in attrs]

    def _prefixed(self, key: str, value: str | None) -> tuple[str, str | None]:
        prefix = self.options.id_prefix
        if not prefix or value is None:
            return key, value
        if key == "id":
            return key, prefix + value
        if key == "href" and value.startswith("#") and len(value) > 1:
            return key, "#" + prefix + value[1:]
        return key, value

    def _image(self, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        src = values.get("src") or ""
        resolved = self.options.resolve_image(src) if self.options.resolve_image else None
        if resolved is None:
            alt = values.get("alt") or ""
            if alt:
                self.out.append(f"<em>{html.escape(alt)}</em>")
            return
        kept = [(k, v) for k, v in attrs if k in ("alt", "title")] + [("src", resolved)]
        self.out.append(_start_tag("img", kept, void=True))

    # -- text --------------------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        if not self._skip_depth:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self._skip_depth:
            self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        """Comments never reach the handout."""


def _start_tag(tag: str, attrs: list[tuple[str, str | None]], void: bool) -> str:
    rendered = "".join(
        f" {key}" if value is None else f' {key}="{html.escape(value, quote=True)}"'
        for key, value in attrs
    )
    return f"<{tag}{rendered}{' /' if void else ''}>"


def image_resolver(page_dir: str, site_root: str) -> Callable[[str], str | None]:
    """Map an `<img src>` relative to the page to the file's path below the built site, written from
    the site's top (`/assets/figure.svg`): Typst's root is the build folder, and reads nothing above it.

    Remote images and data URIs are refused (None): a handout never downloads anything.
    """

    def resolve(src: str) -> str | None:
        src = src.split("#", 1)[0].split("?", 1)[0]
        if not src or ":" in src.split("/", 1)[0] or src.startswith("//"):
            return None
        base = site_root if src.startswith("/") else page_dir
        path = posixpath.normpath(posixpath.join(base, src.lstrip("/")))
        root = posixpath.normpath(site_root)
        if not path.startswith(root + "/"):
            return None
        return "/" + posixpath.relpath(path, root)

    return resolve
