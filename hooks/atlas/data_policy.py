"""The content policy for data files that flow into pages: risk-group texts, evidence quotes and addresses,
reader-facing labels (security review 2026-12-07, follow-up of H1 and M1; issue 22).

Why: a pull request can change `includes/risk-groups.yml`, `evidence/<key>.yml` or the labels in
mkdocs.yml as easily as a page, and their texts reach every reader. The page policy (atlas.content_policy)
scans pages, includes, the glossary and front matter at their source; this module applies the same rule,
through the same functions (nh3 decides; nothing here is a second sanitizer), to the texts of those data
files, so each refused value is named at its own file:line instead of surfacing, if at all, on a page.

What each kind of text may hold follows from how it is rendered:

- Markdown texts (a risk group, its topic's lead-in and link, the box title, the precaution footnotes)
  become Markdown lines of the page (atlas.risks_extension), so they need Markdown (emphasis, `[@key]`
  citations, `[^voorzorg]` markers, `[words]({page}#anchor)` links) and nothing more: no raw HTML and no
  character reference (a data file's one list item has no use for a tag, and a tag there is on every page
  of the topic); and what Markdown makes of the text must pass the page policy: link schemes, and no
  event handler written through attribute lists (`{: onclick=…}`).
- Plain texts (an evidence quote, where it was seen) are escaped where they are rendered: they must be
  free of markup, so that what readers see is what the file says (and no later innerHTML, such as a
  tooltip's, can turn them back into markup).
- An address in `seen_at` is linked only when it is http(s) (atlas.evidence.render); any other scheme is
  refused at its source.
- Labels (`extra.atlas.<feature>.labels`, the handout disclaimer, the team's name, marker names) are
  printed unescaped by the theme's templates, some inside attributes: plain text without a double quote,
  as front matter, and Markdown-safe (some are placed in a page's Markdown).

One gap of the page policy is closed here too: an attribute list (`{: onclick=…}`) writes an event
handler with Markdown syntax, which only the rendered page shows (`rendered_handler_violations`).

Pure: no MkDocs imports.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import replace
from html.parser import HTMLParser

import markdown

from atlas.content_policy import (
    Policy,
    Violation,
    judge_start_tag,
    markup_problem,
    plain_text_problem,
    url_allowed,
)

WEB_ONLY = Policy(url_schemes=frozenset({"http", "https"}))
# Identifiers `seen_at` may name beside addresses (atlas.evidence.render links them to doi.org and PubMed).
IDENTIFIER_PREFIXES = frozenset({"doi", "pmid"})
# What a risk text may use of Markdown that writes attributes: the site's attribute lists.
# The block tags Markdown itself makes (the page policy's allowlist is about raw HTML).
MARKDOWN_TAGS = frozenset({"p", "ul", "ol", "li", "blockquote", "pre", "hr", "h1", "h2", "h3", "h4", "h5",
                           "h6", "table", "thead", "tbody", "tr", "th", "td"})
RENDER_EXTENSIONS = ("attr_list",)
# Markdown's escapable punctuation (Python-Markdown's ESCAPED_CHARS), so an inert text shows as written.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()>#+\-.!])")
# Without raw HTML, Markdown writes an attribute only from a bracket (links, images, footnotes, abbreviations)
# or a brace (attribute lists): a text with neither needs no rendering.
_MAKES_ATTRIBUTES = re.compile(r"[\[{]")
_SCHEMED_WORD = re.compile(r"(?<![\w.+-])([A-Za-z][A-Za-z0-9+.-]*):(\S+)")

_renderer: markdown.Markdown | None = None
_judged: dict[tuple[object, ...], list[str]] = {}


def _render(text: str) -> str:
    """The HTML Python-Markdown makes of one text written as a list item, as a risk group is (there an
    attribute list at the end of the line applies: the widest context a one-line text can have)."""
    global _renderer
    if _renderer is None:
        _renderer = markdown.Markdown(extensions=list(RENDER_EXTENSIONS))
    _renderer.reset()
    return _renderer.convert(f"- {' '.join(text.split())}")


def markdown_text_problems(text: str, policy: Policy) -> list[str]:
    """Why a Markdown text that is rendered into pages is refused (empty: allowed).

    Raw HTML and character references are refused outright, code spans included (Markdown and a
    scanner can disagree on where a code span ends; a data text has no need to show a tag). The HTML
    Markdown makes of the text then goes through the page policy tag by tag, so a link scheme or an
    event handler written with Markdown syntax is refused too; the tags Markdown itself makes (a
    paragraph, a list item) are its own, only their attributes are judged."""
    key = (text, policy_key(policy))
    if key not in _judged:  # the same texts come back in every language build and every serve rebuild
        markup = markup_problem(text)
        if markup:
            _judged[key] = [f"{markup}; write this text in Markdown (a link as [words](https://…)), "
                            "without HTML tags or &…; references"]
        else:
            _judged[key] = judge_html(_render(text), policy) if _MAKES_ATTRIBUTES.search(text) else []
    return list(_judged[key])


def policy_key(policy: Policy) -> tuple[object, ...]:
    """A policy as a hashable value, for caches keyed by what was judged and under which rules."""
    return policy.tags, tuple(sorted(policy.attributes.items())), policy.url_schemes


def judge_html(rendered: str, policy: Policy) -> list[str]:
    """What the policy refuses in HTML that Markdown made, tag by tag (nothing masked: in HTML a backtick
    is text, not the start of a code span)."""
    markdown_policy = _with_markdown_tags(policy)
    return [message for tag, attrs, raw in _start_tags(rendered)
            for message in judge_start_tag(tag, attrs, markdown_policy, raw)]


class _StartTags(HTMLParser):
    """Every start tag of an HTML text: name, attributes and the tag as written (a tokenizer only)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs, self.get_starttag_text() or ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _start_tags(rendered: str) -> list[tuple[str, list[tuple[str, str | None]], str]]:
    scanner = _StartTags()
    scanner.feed(rendered)
    scanner.close()
    return scanner.found


def _with_markdown_tags(policy: Policy) -> Policy:
    """The policy judging Markdown's output: the blocks Markdown makes are its own, their attributes are
    judged as on any allowed tag."""
    return replace(policy, tags=policy.tags | MARKDOWN_TAGS)


def plain_text_problems(text: str) -> list[str]:
    """Why a text shown to readers as plain text (a quote, a label) is refused (empty: allowed)."""
    markup = markup_problem(text)
    return [f"{markup}; it is shown as plain text: write the characters themselves (< and & are fine "
            "between words), not HTML tags or &…; references"] if markup else []


def address_problems(text: str) -> list[str]:
    """Why a `seen_at` text is refused: markup, or an address whose scheme is not http(s) (a doi: or
    PMID: identifier is fine). Addresses without a scheme are shown as text, never linked."""
    problems = plain_text_problems(text)
    for scheme, rest in _SCHEMED_WORD.findall(text):
        url = f"{scheme}:{rest}".rstrip(".,;")
        if scheme.lower() in IDENTIFIER_PREFIXES or url_allowed(url, WEB_ONLY):
            continue
        problems.append(f"the address {_short(url)} is not http(s); give addresses as https://… "
                        "(or an identifier: PMID 123, doi:10.…)")
    return problems


def inert_markdown(text: str) -> str:
    """`text` as Markdown that shows it literally: no tag, no reference, no link, no attribute list.
    A refused data text is shown like this until it is fixed (a reader still sees the risk group)."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False))


def label_text_problems(text: str, policy: Policy) -> list[str]:
    """Why a label is refused: labels are plain text (the theme's templates print them unescaped, some
    inside an attribute, so a double quote is refused as in front matter), and some are placed in a
    page's Markdown (a notice, a marker's name), so what Markdown makes of them must pass too."""
    problem = plain_text_problem(text)
    if problem:
        return [f"{problem}; labels are plain text"]
    return markdown_text_problems(text, policy)


def label_problems(labels: Mapping[str, object], where: str, policy: Policy) -> list[tuple[str, str]]:
    """(setting path, problem) for every text of a labels mapping, at any depth, that is refused (keys
    too: certainty levels are named by their text)."""
    found: list[tuple[str, str]] = []
    for key, value in labels.items():
        path = f"{where}.{key}"
        found += [(path, problem) for problem in label_text_problems(str(key), policy)]
        if isinstance(value, str):
            found += [(path, problem) for problem in label_text_problems(value, policy)]
        elif isinstance(value, Mapping):
            found += label_problems(value, path, policy)
    return found


# Reader-facing texts of `extra.atlas` beyond its `labels` blocks: block -> keys holding texts per locale.
READER_TEXTS = {"handouts": ("disclaimer",), "metadata": ("team",)}


def settings_text_problems(atlas: object, policy: Policy | None = None) -> list[str]:
    """Every reader-facing text of `extra.atlas` (each block's `labels`, the handout disclaimer, the
    editorial team's name, the markers' names) that is not allowed, one line each as settings say it."""
    if not isinstance(atlas, Mapping):
        return []
    policy = policy or Policy()
    found: list[tuple[str, str]] = []
    for name, block in atlas.items():
        if not isinstance(block, Mapping):
            continue
        where = f"extra.atlas.{name}"
        texts = {key: block[key] for key in ("labels", *READER_TEXTS.get(str(name), ())) if key in block}
        if name == "markers":
            texts = {f"{marker}.{locale}.label": entry.get("label")
                     for marker, per_locale in block.items() if isinstance(per_locale, Mapping)
                     for locale, entry in per_locale.items() if isinstance(entry, Mapping)}
        for key, value in texts.items():
            if isinstance(value, Mapping):
                found += label_problems(value, f"{where}.{key}", policy)
            elif isinstance(value, str):
                found += [(f"{where}.{key}", problem) for problem in label_text_problems(value, policy)]
    return [f"`{path}`: {problem}." for path, problem in found]


def _short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


# ---- attributes Markdown writes into a page -----------------------------------------------------------

_HANDLER_WORD = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
_HANDLER_IN_TAG = re.compile(r"<[A-Za-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def rendered_handler_violations(page_html: str, source: str, policy: Policy) -> list[Violation]:
    """Event-handler attributes in a page's converted HTML, at the source line that wrote them.

    Raw HTML is judged at its source (atlas.content_policy.check_markdown), and link URLs once rendered
    (check_rendered_urls); an attribute list (`{: onclick="…" }`, the attr_list extension) writes any
    attribute with Markdown syntax, so only the rendered page shows it. A handler raw HTML wrote is found
    again here with the same message and line (the hook reports each once)."""
    violations: list[Violation] = []
    if not _HANDLER_WORD.search(page_html):  # the usual page: one quick pass, no tag scanning
        return violations
    for found in _HANDLER_IN_TAG.finditer(page_html):
        end = page_html.find(">", found.end())
        tag_text = page_html[found.start() : end + 1 if end >= 0 else len(page_html)]
        for message in judge_html(tag_text, policy):
            if message.startswith("event-handler attribute "):
                name = message.removeprefix("event-handler attribute ").split("=", 1)[0]
                violations.append(Violation(_line_ignoring_case(source, f"{name}="), message))
    return violations


def _line_ignoring_case(source: str, text: str) -> int:
    index = source.lower().find(text.lower())
    return source.count("\n", 0, index) + 1 if index >= 0 else 1


# ---- mkdocs.yml's own texts: site name, description, navigation titles, copyright ------------------------

SITE_TEXT_HINT = "site and navigation texts are plain text (the theme prints them unescaped)"


def nav_titles(nav: object, where: str = "nav") -> list[tuple[str, str]]:
    """(setting path, title) of every title of a MkDocs `nav` (sections and pages, at any depth)."""
    found: list[tuple[str, str]] = []
    if isinstance(nav, list):
        for index, item in enumerate(nav):
            found += nav_titles(item, f"{where}[{index}]")
    elif isinstance(nav, Mapping):
        for title, value in nav.items():
            found.append((f"{where}.{title}", str(title)))
            found += nav_titles(value, f"{where}.{title}")
    return found


def site_text_problems(plain: list[tuple[str, object]], html_texts: list[tuple[str, object]],
                       policy: Policy) -> list[tuple[str, str]]:
    """(setting path, problem) for mkdocs.yml's reader-facing texts: `plain` ones (site name and
    description, navigation titles, language names) are plain text as front matter is; `html_texts`
    (the copyright line, which the theme prints as HTML) may hold the raw HTML the page policy allows."""
    found: list[tuple[str, str]] = []
    for path, text in plain:
        problem = plain_text_problem(text) if isinstance(text, str) else None
        if problem:
            found.append((path, f"{problem}; {SITE_TEXT_HINT}"))
    for path, text in html_texts:
        if isinstance(text, str):
            found += [(path, message) for message in judge_html_text(text, policy)]
    return found


def judge_html_text(text: str, policy: Policy) -> list[str]:
    """What the page policy refuses in a text the theme prints as HTML (raw tags judged as in a page)."""
    return [message for tag, attrs, raw in _start_tags(text)
            for message in judge_start_tag(tag, attrs, policy, raw)]


def as_plain_text(text: str) -> str:
    """A refused plain text as the theme may print it: escaped, so it shows as written and runs nothing."""
    return html.escape(text, quote=True)


def nav_with_plain_titles(nav: object, refused: set[str]) -> object:
    """`nav` with each refused title escaped (the theme prints titles unescaped)."""
    if isinstance(nav, list):
        return [nav_with_plain_titles(item, refused) for item in nav]
    if isinstance(nav, Mapping):
        return {as_plain_text(str(title)) if str(title) in refused else title:
                nav_with_plain_titles(value, refused) for title, value in nav.items()}
    return nav
