"""Pandoc as the oracle of citation syntax (issue 23): which citations a snippet holds, as the bundled
pandoc reads it (`pandoc -f markdown -t json`, its `Cite` elements) and as our grammar reads it
(`atlas.citations.syntax.scan`, the grammar the Markdown extension uses too).

A citation is compared as (key, mode, prefix, locator): mode is Pandoc's NormalCitation, SuppressAuthor
or AuthorInText; prefix and locator as plain text, normalized alike on both sides (white space, a
locator's leading comma, the braces that may delimit a locator, emphasis markers, which only change the
look). Citations inside a group's prefixes or locators follow the group, item by item.

Many snippets go to one pandoc run: each becomes its own paragraph, separated by a marker paragraph,
and the answer is mapped back by those markers.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
from collections.abc import Iterable

from atlas.citations.syntax import scan

from tests.support.pandoc import pandoc_path

Cite = tuple[str, str, str, str]  # key, mode, prefix, locator
# Pandoc's example lists (`(@label)`) are a Pandoc construct the project does not have: off in the oracle
READER = "markdown-example_lists"
SEPARATOR = "zzsnippetzz"


def _plain(inlines: list[dict]) -> str:
    out = []
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind == "Code" or kind == "RawInline":
            out.append(content[1])
        elif kind in ("Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Underline"):
            out.append(_plain(content))
        elif kind == "Quoted" or kind in ("Link", "Image", "Span"):
            out.append(_plain(content[1]))
        elif kind == "Cite":  # a nested citation's text is its source: escapes as written
            out.append(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", _plain(content[1])))
        elif kind == "Note":
            out.append("")
    return "".join(out)


def _cites(node: object, found: list[Cite]) -> None:
    if isinstance(node, dict):
        if node.get("t") == "Cite":
            citations = node["c"][0]
            found += [(citation["citationId"], citation["citationMode"]["t"],
                       _plain(citation["citationPrefix"]), _plain(citation["citationSuffix"]))
                      for citation in citations]
            for citation in citations:  # then those inside its prefixes and locators, as `scan` lists them
                _cites(citation["citationPrefix"], found)
                _cites(citation["citationSuffix"], found)
            return
        for value in node.values():
            _cites(value, found)
    elif isinstance(node, list):
        for value in node:
            _cites(value, found)


def normalize(cite: Cite) -> Cite:
    key, mode, prefix, locator = cite

    def text(value: str) -> str:
        # Pandoc's smart punctuation (quotes, dashes) and the text it keeps for a nested `-@key` (`@key`)
        for written, pandoc in (("\u00a0", " "), ("*", ""), ("\u2019", "'"), ("\u2018", "'"),
                                ("\u2014", "---"), ("\u2013", "--"), ("-@", "@")):
            value = value.replace(written, pandoc)
        return " ".join(value.split())

    locator = text(locator.replace("{", "").replace("}", ""))
    return key, mode, text(prefix), locator[1:].strip() if locator.startswith(",") else locator


def pandoc_cites(snippets: list[str], chunk: int = 1500) -> list[list[Cite]]:
    """Pandoc's citations of each snippet (one pandoc run per `chunk` snippets)."""
    pandoc = pandoc_path()
    assert pandoc, "pandoc is needed"
    answers: list[list[Cite]] = []
    for first in range(0, len(snippets), chunk):
        part = snippets[first:first + chunk]
        document = "\n\n".join(f"{SEPARATOR}{index}\n\n{snippet}" for index, snippet in enumerate(part))
        result = subprocess.run([pandoc, "-f", READER, "-t", "json"], input=document, capture_output=True,
                                text=True, check=True)
        per: list[list[Cite]] = [[] for _ in part]
        current = -1
        for block in json.loads(result.stdout)["blocks"]:
            marker = block["t"] == "Para" and len(block["c"]) == 1 and block["c"][0]["t"] == "Str" \
                and re.fullmatch(rf"{SEPARATOR}(\d+)", block["c"][0]["c"])
            if marker:
                current = int(marker.group(1))
                continue
            assert current >= 0, "a snippet's text came before its marker"
            found: list[Cite] = []
            _cites(block, found)
            per[current] += [normalize(cite) for cite in found]
        answers += per
    return answers


def mode_of(item: object) -> str:
    if getattr(item, "in_text", False):
        return "AuthorInText"
    return "SuppressAuthor" if getattr(item, "suppress_author", False) else "NormalCitation"


def grammar_cites(snippet: str) -> list[Cite]:
    """Our grammar's citations of a snippet, as the oracle reports them."""
    return [normalize((item.key, mode_of(item), item.prefix, item.locator))
            for group in scan(snippet).groups for item in group.items]


# --- snippets -------------------------------------------------------------------------------------------

# Pieces generated snippets are made of: keys in every form, prefixes and locators with Markdown in them
# (code, emphasis, raw HTML, links, escapes), separators and brackets in every position.
KEYS = ["@a", "@b", "@Xu2020", "@a:b", "@a.b", "-@a", "@{a/b}", "@c_d", "@smith04", "@Tèst"]
WORDS = ["see", "p. 3", "pp. 3-5", "and", "x", "chap. 2", "also", "1", "cf.", "ii"]
PUNCTUATION = [";", ",", ".", "!", "[", "]", "[", "]", "\\;", "\\[", "\\]", "\\@", "-", "?"]
MARKUP = ["`x`", "`;`", "`]`", "`@a`", "*see*", "**32**", "<b>x</b>", "<span>y</span>",
          "[x](http://e.org)", "<http://e.org/[@a]>", "{p. 3}", "{ii, A}", "a@b.org"]
SPACES = [" ", " ", " ", "  ", "\n", "  \n"]
PIECES = KEYS * 3 + WORDS * 2 + PUNCTUATION * 2 + MARKUP + SPACES * 4

# Text where Python-Markdown and Pandoc part ways on purpose (DELIBERATE below), or where a line would
# start a block (a list, heading, quote, reference definition): not generated.
EXCLUDED = re.compile(
    r"\]\s?[\[{(]"                   # `[@a][@b]`, `[@a]{.class}`, `[x] (y)`: adjacent groups, attribute lists
    r"|[/:@]-?@"                      # the URL rule: `medium.com/@author`
    r"|(?m:^\s*(?:[-*+]\s|[-*+]$|\d+[.)]\s|#|>|\[[^\]]*\]:|\*\*?[^*\s]|--|==))"  # a block (list, heading,
    # quote, reference definition, Pandoc's tables), or emphasis at a line start
    r"|\*[^*]*[;\]\[][^*]*\*"          # `;` or a bracket inside emphasis
    r"|`[^`]*\n"                       # a code span across lines
    r"|\w<"                            # a key running into raw HTML: `@a<b>x</b>`
    r"|\*-?@"                          # an `@` right after emphasis markers
    r"|\]-?@"                          # `[text]@key …]`: Pandoc's prefix may end in `]`
)


def acceptable(snippet: str) -> bool:
    return bool(snippet.strip()) and not EXCLUDED.search(snippet) and not re.search(r"\n[ \t]*\n", snippet)


def tidy(snippet: str) -> str:
    return snippet.strip()


def random_snippets(rng: random.Random, count: int) -> Iterable[str]:
    """`count` acceptable snippets from PIECES (for the benchmark-sized run: bench/oracle_citations.py)."""
    made = 0
    while made < count:
        snippet = tidy("".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14))))
        if acceptable(snippet):
            made += 1
            yield snippet


# --- the table: the Pandoc manual's citation section and issue 23's edge cases ---------------------------

MANUAL_AND_EDGES = [
    # the Pandoc manual (Citation syntax)
    "Blah blah [see @doe99, pp. 33-35; also @smith04, chap. 1].",
    "Blah blah [@doe99, pp. 33-35, 38-39 and *passim*].",
    "Blah blah [@smith04; @doe99].",
    "[@smith{ii, A, D-Z}, with a suffix]",
    "[@smith, {pp. iv, vi-xi, (xv)-(xvii)} with suffix here]",
    "[@smith{}, 99 years later]",
    "Smith says blah [-@smith04].",
    "@smith04 says blah.",
    "@smith04 [p. 33] says blah.",
    "@{https://example.com/bib?name=foobar&date=2000}, p. 33",
    # issue 23's edge cases and the grammar's corners
    "[see @a and @b]",
    "[*see* @a, p. **32**]",
    "[@a,  p. 3]",
    "[@a\n p. 3]",
    "@a  \n[p. 3]",
    "@a\n[p. 3]",
    "[@a,  \np. 3]",
    "[@a\\; @b]",
    "[@a, {p. 3}]",
    "<http://x.org/[@a]>",
    '<a href="x">[@a]</a>',
    '<a href="x">see @a</a>',
    "[see `x; y` @a]",
    "[@a, `x; y]`]",
    "[<b>x</b> @a]",
    "[see [x](http://y.org) @a]",
    "[see [x] @a]",
    "[@a, p. [3]]",
    "[@a, p. 3 [@b]]",
    "@a [p. 3; @b]",
    "@a [see @b]",
    "@a[p. 3]",
    "@a [p. 3](http://y.org)",
    "[see; @a]",
    "[see@a]",
    "[see -@a]",
    "-@a says",
    "x-@b",
    "[@a;@b]",
    "[@a ; @b]",
    "[@a;\n@b]",
    "[ @a ]",
    "[@a.]",
    "[@a!]",
    "@a. and @b: and @c's @d_ @e--f",
    "[@{a b}] [@{a}] [@{{a}}] @{x}y",
    "\\[@a]",
    "[@a\\]",
    "mail info@example.org or x@y.org",
    "\\@a is not cited",
    "`[@a]` and `@b` are code",
    "[@a](http://x.org)",
    "w !@a \"@b (@c) *@d* _@e ~@f",
    "w x.@a x1@b xé@c",
    "[@Tèst2020; @Jöhnsón2013]",
    "[@a, p. 3, and elsewhere]",
    "[see @a, pp. 3-5; @b, ch. 2]",
    "[@a, p. \\*3]",
]

# Where the project reads differently on purpose: (snippet, ours, pandoc's, why). Tested as such, and
# listed in CONTRIBUTING.md ("Citation syntax: deliberate differences from Pandoc").
DELIBERATE: list[tuple[str, list[Cite], list[Cite], str]] = [
    ("medium.com/@author", [], [("author", "AuthorInText", "", "")],
     "an `@` after `/`, `:` or `@` is part of an address (the URL rule), never a citation"),
    ("mailto:@x", [], [("x", "AuthorInText", "", "")],
     "an `@` after `/`, `:` or `@` is part of an address (the URL rule), never a citation"),
    ("x@@b", [], [("b", "AuthorInText", "", "")],
     "an `@` after `/`, `:` or `@` is part of an address (the URL rule), never a citation"),
    ("[@a][@b]", [("a", "NormalCitation", "", ""), ("b", "NormalCitation", "", "")],
     [("a", "AuthorInText", "", ""), ("b", "NormalCitation", "", "")],
     "adjacent groups are two citations (Pandoc tries `[@a]` as a reference link and keeps it as text)"),
    ("[@a]{.note}", [("a", "NormalCitation", "", "")], [("a", "AuthorInText", "", "")],
     "`{…}` after a group is Python-Markdown's attribute list, not Pandoc's bracketed span"),
    ("[@a, *x; y*]", [("a", "AuthorInText", "", "")], [("a", "NormalCitation", "", "x; y")],
     "`;` and `]` end a prefix or locator even inside emphasis (write `\\;`): the grammar reads "
     "emphasis as text, as Python-Markdown renders it after citations are found"),
    ("[@a, 'x; y']", [("a", "AuthorInText", "", "")], [("a", "NormalCitation", "", "x; y")],
     "likewise inside Pandoc's smart quotes `'…'`"),
    ("**32**@a", [("a", "AuthorInText", "", "")], [],
     "an `@` right after emphasis markers starts a citation (Pandoc: not after closing markers)"),
    ("[see]@a, p. 3]", [("a", "AuthorInText", "", "")], [("a", "NormalCitation", "see", "p. 3")],
     "`[text]@key …]` is literal text and an author-in-text citation (Pandoc lets a prefix end in `]`)"),
    ("@a<b>x</b>", [("a", "AuthorInText", "", "")], [("a<b>x", "AuthorInText", "", "")],
     "a key ends where raw HTML begins (Pandoc reads `<` between letters as part of the key)"),
]
