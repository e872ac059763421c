"""Content policy: what a page, an include, the glossary or front matter may carry to a reader's browser.

Why: pages come from pull requests by people who are not all fully trusted, and Markdown passes raw HTML
through unchanged. A `<img onerror=…>`, a `javascript:` link or a front-matter title holding
`</title><script>`
would run in every reader's browser (security review 2026-12-07, H1 and M1). This module decides, for
each piece of source, what is not allowed, with the line it is on; the content-policy hook reports each as
one warning (so `--strict` fails the build).

The decision is the sanitizer's, not ours: every raw HTML start tag is passed through `nh3` (ammonia) with
the allowlist below, and whatever the sanitizer drops (the tag, an attribute, a URL) is what is refused.
This module only finds the fragments (Python's HTML tokenizer over the Markdown with its code masked) and
puts into words what nh3 removed.

Pure: no MkDocs imports.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import nh3

from atlas.settings import Block

# The allowlist. The site's own pages use no raw HTML at all (only `<!-- -->` comments); these are the
# tags and attributes Markdown with `md_in_html` reasonably needs (a `<div markdown>` wrapper, a figure,
# inline markup Markdown has no syntax for). Anything else is written in Markdown.
DEFAULT_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "br",
        "cite",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "p",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "time",
        "u",
    }
)
_GLOBAL_ATTRIBUTES = frozenset({"class", "id", "lang", "title", "markdown"})
DEFAULT_ATTRIBUTES: Mapping[str, frozenset[str]] = {
    "*": _GLOBAL_ATTRIBUTES,
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
}
# Links may be relative or use these schemes: never javascript:, data: or vbscript:.
DEFAULT_URL_SCHEMES = frozenset({"http", "https", "mailto"})
# The one data: use the site makes itself: the "cite this page" downloads (citations/export.py), files a
# browser saves and never renders. Only on <a download>, only these types.
DOWNLOAD_DATA_TYPES = frozenset({"application/x-bibtex", "application/x-research-info-systems"})
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "poster",
        "cite",
        "background",
        "xlink:href",
        "data",
        "srcset",
        "longdesc",
        "manifest",
        "icon",
    }
)
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
# A start tag as HTML writes it (quoted or bare attribute values, which may hold `>`), and one that has
# an attribute carrying a URL: only those go through the parser (a page's own text cannot hold a tag:
# Markdown escapes it), which was most of this check's cost on a build.
_START_TAG = re.compile(
    r"<[A-Za-z][A-Za-z0-9:-]*(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>")
_URL_ATTRIBUTE = re.compile(r"\s(?:" + "|".join(sorted(URL_ATTRIBUTES)) + r")\s*=", re.IGNORECASE)
# What makes Python's HTML tokenizer see a start tag: `html.parser.starttagopen`, `<` and an ASCII letter.
_START_TAG_OPEN = re.compile(r"<[a-zA-Z]")
URL_VERDICTS_KEPT = 4096  # distinct (URL, schemes) verdicts remembered: a site has a few hundred links


@dataclass(frozen=True)
class Violation:
    """Something the policy does not allow, at a 1-based line of the file it came from."""

    line: int
    message: str


@dataclass(frozen=True)
class Policy:
    """Tags, attributes per tag ("*": on every tag) and URL schemes that raw HTML may use."""

    tags: frozenset[str] = DEFAULT_TAGS
    attributes: Mapping[str, frozenset[str]] = field(default_factory=lambda: dict(DEFAULT_ATTRIBUTES))
    url_schemes: frozenset[str] = DEFAULT_URL_SCHEMES

    def sanitize(self, fragment: str) -> str:
        """The fragment as nh3 leaves it under this policy (no rel= added, so only removals show)."""
        return nh3.clean(
            fragment,
            tags=set(self.tags),
            attributes={k: set(v) for k, v in self.attributes.items()},
            url_schemes=set(self.url_schemes),
            link_rel=None,
            strip_comments=False,
        )


def policy_from_settings(raw: object) -> tuple[Policy, list[str]]:
    """The policy of `extra.atlas.content_policy` (optional: `tags`, `attributes`, `url_schemes`, each
    replacing the default), and the problems of a bad setting (the default is used for that part)."""
    problems: list[str] = []
    if raw in (None, {}):
        return Policy(), problems
    if not isinstance(raw, Mapping):
        return Policy(), ["extra.atlas.content_policy: expected a mapping with tags, attributes, url_schemes"]
    tags = _string_set(raw.get("tags"), "tags", problems) or DEFAULT_TAGS
    schemes = _string_set(raw.get("url_schemes"), "url_schemes", problems) or DEFAULT_URL_SCHEMES
    attributes: dict[str, frozenset[str]] = dict(DEFAULT_ATTRIBUTES)
    if raw.get("attributes") is not None:
        if isinstance(raw["attributes"], Mapping):
            attributes = {
                str(tag): _string_set(names, f"attributes.{tag}", problems) or frozenset()
                for tag, names in raw["attributes"].items()
            }
        else:
            problems.append("extra.atlas.content_policy.attributes: expected tag: [attribute, ...]")
    handlers = sorted(
        name for names in attributes.values() for name in names if name.lower().startswith("on")
    )
    if handlers:
        problems.append(
            f"extra.atlas.content_policy.attributes: event handlers are never allowed ({handlers[0]})"
        )
        attributes = {
            tag: frozenset(n for n in names if not n.lower().startswith("on"))
            for tag, names in attributes.items()
        }
    unsafe = sorted(set(schemes) & {"javascript", "data", "vbscript"})
    if unsafe:
        problems.append(f"extra.atlas.content_policy.url_schemes: {unsafe[0]}: is never allowed")
        schemes = frozenset(schemes) - {"javascript", "data", "vbscript"}
    return Policy(frozenset(tags), attributes, frozenset(schemes)), problems


def _string_set(value: object, name: str, problems: list[str]) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return frozenset(item.lower() for item in value)
    problems.append(f"extra.atlas.content_policy.{name}: expected a list of names")
    return None


# ---- raw HTML in Markdown -------------------------------------------------------------------------------


def check_markdown(text: str, policy: Policy, first_line: int = 1) -> list[Violation]:
    """Every raw HTML start tag of a Markdown text that the policy refuses, with its line.

    `first_line` is the file line of `text`'s first line (a page body starts after its front matter).
    Code (fenced blocks, inline code spans) is masked first: HTML written there is shown, never run.
    """
    if not may_hold_start_tag(text):
        return []
    scanner = _StartTags()
    scanner.feed(mask_code(text))
    scanner.close()
    violations = []
    for (line, tag, attrs), raw in zip(scanner.found, scanner.raw, strict=True):
        for message in judge_start_tag(tag, attrs, policy, raw):
            violations.append(Violation(first_line + line - 1, message))
    return violations


def may_hold_start_tag(text: str) -> bool:
    """False only when Python's HTML tokenizer can find no start tag (and so no autolink) in `text`.

    Why: most pages hold no raw HTML, and tokenizing a whole page costs more than the rest of the check.
    Provably conservative: the tokenizer reports a start tag only where `<` is followed by an ASCII
    letter (`html.parser.starttagopen`), and `mask_code` only blanks characters or whole fence lines,
    so such a pair in the masked text is the same pair of one line of `text`. A `&lt;` stays text.
    """
    return _START_TAG_OPEN.search(text) is not None


def judge_start_tag(
    tag: str, attrs: list[tuple[str, str | None]], policy: Policy, raw: str = ""
) -> list[str]:
    """What nh3 drops from this start tag under the policy, in words (empty: allowed as written).
    `raw` is the tag as written (an autolink's URL is only there)."""
    if ":" in tag or "@" in tag:  # an autolink, <https://…> or <name@host>: only its URL matters
        url = raw[1:-1] if raw.startswith("<") else tag
        return (
            []
            if ("@" in tag and ":" not in tag) or url_allowed(url, policy)
            else [
                f"the link <{tag}…> uses a URL scheme that is not allowed "
                f"(use {_schemes(policy)} or a relative link)"
            ]
        )
    fragment = (
        f"<{tag}"
        + "".join(f' {name}="{html.escape(value or "", quote=True)}"' for name, value in attrs)
        + ">"
    )
    kept = _StartTags()
    kept.feed(policy.sanitize(fragment))
    kept.close()
    if not kept.found or kept.found[0][1] != tag:
        return [
            f"raw HTML <{tag}> is not allowed (allowed: {', '.join(sorted(policy.tags))}); "
            "write it in Markdown"
        ]
    kept_names = {name for name, _ in kept.found[0][2]}
    messages = []
    for name, value in attrs:
        if name.lower().startswith("on"):
            messages.append(f"event-handler attribute {name}= on <{tag}> is never allowed")
        elif name not in kept_names and name in URL_ATTRIBUTES and _allowed_attribute(tag, name, policy):
            messages.append(
                f'{name}="{_short(value)}" on <{tag}>: the URL scheme is not allowed '
                f"(use {_schemes(policy)} or a relative link)"
            )
        elif name not in kept_names:
            messages.append(f"attribute {name}= on <{tag}> is not allowed")
        elif name == "title" and value and "<" in value:
            messages.append(f'title="{_short(value)}" on <{tag}> holds markup; the tooltip would run it')
    return messages


def url_allowed(url: str, policy: Policy) -> bool:
    """Whether nh3 keeps `url` as a link target under the policy (relative URLs are kept)."""
    return _nh3_keeps_url(url, frozenset(policy.url_schemes))


@functools.lru_cache(maxsize=URL_VERDICTS_KEPT)  # the same links recur on every page and in every build
def _nh3_keeps_url(url: str, url_schemes: frozenset[str]) -> bool:
    """nh3's verdict on one URL (a pure function of its arguments, so it is asked once per URL)."""
    fragment = f'<a href="{html.escape(url, quote=True)}">x</a>'
    return "href=" in nh3.clean(
        fragment, tags={"a"}, attributes={"a": {"href"}}, url_schemes=set(url_schemes), link_rel=None
    )


def _allowed_attribute(tag: str, name: str, policy: Policy) -> bool:
    return name in policy.attributes.get(tag, frozenset()) or name in policy.attributes.get("*", frozenset())


def _schemes(policy: Policy) -> str:
    return ", ".join(f"{scheme}:" for scheme in sorted(policy.url_schemes))


def _short(value: str | None, limit: int = 40) -> str:
    value = value or ""
    return value if len(value) <= limit else value[: limit - 1] + "…"


class _StartTags(HTMLParser):
    """Collects (line, tag, attributes) of every start tag; comments and text are ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, list[tuple[str, str | None]]]] = []
        self.raw: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((self.getpos()[0], tag, attrs))
        self.raw.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def mask_code(text: str) -> str:
    """`text` with fenced code blocks and inline code spans blanked out (line breaks kept, so lines hold)."""
    lines = text.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
            lines[number] = ""
        elif fence is not None:
            closing = _FENCE.match(line)
            if (
                closing
                and closing.group(1)[0] == fence[0]
                and len(closing.group(1)) >= len(fence)
                and not line.strip().lstrip("`~>").strip()
            ):
                fence = None
            lines[number] = ""
    return _mask_code_spans("\n".join(lines))


def _mask_code_spans(text: str) -> str:
    """Blank the content of backtick code spans (a run of n backticks up to the next run of exactly n)."""
    out: list[str] = []
    position = 0
    for run in _backtick_runs(text):
        start, length = run
        if start < position:
            continue
        closing = _matching_run(text, start + length, length)
        if closing is None:
            continue
        out.append(text[position:start])
        out.append(re.sub(r"[^\n]", " ", text[start : closing + length]))
        position = closing + length
    out.append(text[position:])
    return "".join(out)


def _backtick_runs(text: str) -> Iterator[tuple[int, int]]:
    for found in re.finditer(r"`+", text):
        yield found.start(), len(found.group(0))


def _matching_run(text: str, start: int, length: int) -> int | None:
    for found in re.finditer(r"`+", text[start:]):
        if len(found.group(0)) == length:
            return start + found.start()
    return None


# ---- URLs in the rendered page (Markdown links and images too) ------------------------------------------


def check_rendered_urls(page_html: str, source: str, policy: Policy) -> list[Violation]:
    """Every link or image URL of a page's HTML that nh3 would drop, with the source line it comes from.

    This catches what raw-HTML scanning cannot see: `[text](javascript:…)`, `![](data:…)` and reference
    definitions, whose URL only becomes an attribute once Markdown is converted.
    """
    # Each distinct start tag that carries a URL, fed at once (a tag repeated on the page, such as a
    # reference's DOI link, has the same attributes every time: nh3's verdict cannot differ).
    with_url = dict.fromkeys(tag for found in _START_TAG.finditer(page_html)
                             if _URL_ATTRIBUTE.search(tag := found.group()))
    scanner = _StartTags()
    scanner.feed("".join(with_url))
    scanner.close()
    violations = []
    seen: set[str] = set()
    for _line, tag, attrs in scanner.found:
        if tag == "a" and _is_citation_download(attrs):
            continue
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value and value not in seen and not url_allowed(value, policy):
                seen.add(value)
                violations.append(
                    Violation(
                        _line_of(source, value),
                        f"the link {_short(value)} (in <{tag} "
                        f"{name}=…>) uses a URL scheme that is not allowed (use {_schemes(policy)} "
                        "or a relative link)",
                    )
                )
    return violations


def _is_citation_download(attrs: list[tuple[str, str | None]]) -> bool:
    names = dict(attrs)
    media_type = (names.get("href") or "").removeprefix("data:").split(";", 1)[0].split(",", 1)[0]
    return (
        "download" in names
        and (names.get("href") or "").startswith("data:")
        and media_type in DOWNLOAD_DATA_TYPES
    )


def _line_of(source: str, value: str) -> int:
    """The first line of `source` holding `value` (or its scheme), else 1."""
    for needle in (value, value.split(":", 1)[0] + ":"):
        index = source.find(needle)
        if index >= 0:
            return source.count("\n", 0, index) + 1
    return 1


# ---- plain-text fields (front matter, glossary explanations) --------------------------------------------


def markup_problem(value: str) -> str | None:
    """Why `value` is not free of markup (None when it is): a tag nh3 would strip (decided by nh3 with no
    tag allowed) or a character reference (which a tooltip's innerHTML would decode into markup)."""
    if nh3.clean(value, tags=set()) != html.escape(value, quote=False):
        return "holds HTML markup"
    if html.unescape(value) != value:
        return "holds an HTML character reference (&…;)"
    return None


def plain_text_problem(value: str) -> str | None:
    """Why `value` is not plain text (None when it is): markup, a character reference, or a double quote
    (front-matter values end up inside HTML attributes, which the theme does not escape)."""
    problem = markup_problem(value)
    if problem:
        return problem
    if '"' in value:
        return 'holds a double quote (") ; use „…“ or “…” instead'
    return None


def check_front_matter(meta: Mapping[str, object], lines: Mapping[str, int]) -> list[Violation]:
    """Every text field of the front matter (at any depth) that is not plain text; `lines` gives the
    file line of each top-level key."""
    violations = []
    for key, value in meta.items():
        for path, text in _strings(key, value):
            problem = plain_text_problem(text)
            if problem:
                violations.append(
                    Violation(
                        lines.get(key, 1),
                        f"front matter {path}: {problem}; front-matter fields are plain text",
                    )
                )
    return violations


def _strings(path: str, value: object) -> Iterable[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(f"{path}.{key}", item)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(f"{path}[{index}]", item)


def front_matter_lines(text: str) -> tuple[dict[str, int], int]:
    """The line of each top-level front-matter key, and the line the body starts on (1 without front
    matter). Only the `---` block at the very start counts, as MkDocs reads it."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, 1
    keys: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return keys, number + 1
        key = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if key:
            keys.setdefault(key.group(1), number)
    return {}, 1


@dataclass(frozen=True)
class ContentPolicySettings:
    """`extra.atlas.content_policy`: each list, when given, replaces the built-in allowlist."""

    enabled: bool = True
    tags: tuple[str, ...] | None = None
    attributes: dict[str, tuple[str, ...]] | None = None
    url_schemes: tuple[str, ...] | None = None


def _as_written(settings: ContentPolicySettings) -> dict[str, Any]:
    """The block as mkdocs.yml writes it (lists, tag: [attributes]), for `policy_from_settings`."""
    return {name: list(value) if isinstance(value, tuple) else
            {tag: list(names) for tag, names in value.items()} if isinstance(value, dict) else value
            for name, value in (("tags", settings.tags), ("attributes", settings.attributes),
                                ("url_schemes", settings.url_schemes)) if value is not None}


def policy_of(settings: ContentPolicySettings) -> Policy:
    """The policy a checked block sets (the built-in allowlist where it sets nothing)."""
    return policy_from_settings(_as_written(settings))[0]


def _settings_problems(settings: ContentPolicySettings) -> list[str]:
    """Rules beyond types (no event handler, no unsafe URL scheme), as `policy_from_settings` states them."""
    return [f"`{problem.split(':', 1)[0]}`:{problem.split(':', 1)[1]}" if ":" in problem else problem
            for problem in policy_from_settings(_as_written(settings))[1]]


SETTINGS = Block("content_policy", ContentPolicySettings, check=_settings_problems)
