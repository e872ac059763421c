"""Fuzz the citation engine: syntax, loader and formatter. Not a test: prints crash and slow-input counts.

    .venv/bin/python bench/fuzz_citations.py [--inputs 100000] [--seed 1] [--slow 1.0] [--targets syntax,loader,formatter]

Each target gets `--inputs` generated inputs (deterministic for a seed): mutations of real-world-shaped
entries (tests/fixtures/bib_corpus) and of citation Markdown, and pathological shapes issue 14 names
(1,000 nested braces, 250 nested `\\emph{`, 40,000 spaces in an entry, a 16,000-character key, comma-
separated author lists, unbalanced braces, crossref loops, random LaTeX commands and Unicode).

* syntax:    `atlas.citations.syntax.scan` and `cited_keys` on the Markdown;
* markdown:  the Markdown rendered by the citations extension (with the site's Markdown extensions); the
             HTML must hold no Python-Markdown placeholder (STX/ETX, `klzzwxh`, `wzxhzdk`) and no NUL
             the input did not have, in its text or attribute values (attr_list makes attribute
             *names* of raw HTML inside `{…}`, with or without citations: Python-Markdown's own);
* loader:    `parse_bibliography` on the .bib text (caches cleared, so every input is really parsed);
* formatter: the loader, then every entry formatted in English and Dutch (no NUL or other control
             character, no placeholder in the HTML).

A crash is any exception escaping the target; a leak is output holding what must never reach a page; a slow input is one taking more than `--slow` seconds of
CPU time (the thread's own time: on a machine shared with other jobs, wall time measures the neighbours;
the slowest input's wall time is printed too).
Target of issues 14 and 23: 0 crashes, 0 leaks, 0 slow inputs. The first crashes and the slowest inputs are printed
(shortened) so they can be turned into tests.
"""

# ruff: noqa: E501  (long literal snippets)
from __future__ import annotations

import argparse
import random
import re
import sys
import time
import traceback
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import markdown
from atlas.citations import bibfile
from atlas.citations.bibfile import parse_bibliography
from atlas.citations.extension import CitationsExtension
from atlas.citations.style import Formatter
from atlas.citations.syntax import cited_keys, scan

ROOT = Path(__file__).resolve().parent.parent

CORPUS = ROOT / "tests" / "fixtures" / "bib_corpus"
LATEX = [r"\'", r"\"", r"\^", r"\`", r"\~", r"\=", r"\.", r"\u", r"\v", r"\H", r"\c", r"\k", r"\r", r"\d", r"\b", r"\t",
         r"\i", r"\o", r"\ss", r"\emph{", r"\textbf{", r"{\it ", r"{\bf ", r"\textsc{", r"$^+$", r"$_2$", r"$\alpha$",
         r"\_", r"\%", r"\&", r"\url{", r"\href{", r"\apj", r"\mnras", r"\unknownmacro", r"\\", "\\", "$", "^", "_", "~",
         "--", "---", "``", "''", "{", "}", "{}", "#", "%", "@", ",", "=", '"', " and ", " and others", "\n", "\t", "é", "İ",
         "ǅ", "\u200b", "\x00", "\ufeff", "\U0001d518", "ß"]
FIELDS = ["author", "editor", "title", "journal", "journaltitle", "year", "date", "urldate", "month", "volume", "number",
          "pages", "doi", "pmid", "pmcid", "url", "eprint", "eprinttype", "archiveprefix", "crossref", "xdata", "howpublished",
          "note", "langid", "location", "publisher", "edition", "booktitle", "subtitle", "titleaddon", "entryset", "eventdate",
          "holder", "type", "version", "organization", "institution", "school", "address", "chapter"]
TYPES = ["article", "book", "inproceedings", "proceedings", "online", "misc", "patent", "dataset", "software", "set",
         "thesis", "report", "unpublished", "periodical", "mvbook", "inbook", "collection", "incollection", "xdata",
         "string", "comment", "preamble", "weird", "ARTICLE", "Conference"]
VALUES = ["{Smith, J. and Jones, K.}", "{Dong Yang, Fei Jiang, Wei Wu}", "{Smith, J., Jones, K., Lee, M.}",
          "{A and others}", "{2013-01-05/2013-02-01}", "{2019/..}", "{20xx}", "{https://doi.org/10.1000/x}", "{doi:10.1/x}",
          "{PMID: 123}", "{1234567}", r"{\url{https://e.org/a\_b}}", "{arXiv:2101.00001}", "{parent}", "{child}",
          "{p1,p2}", "jan", "2020", '"quoted {x} value"', "{a} # {b}", "jn", "{{{x}}}", "{x}}", "{{x}", r"{\emph{\emph{x}}}"]
MARKDOWN = ["[@key]", "[@a; @b]", "@key", "[-@key]", "[@{odd key}]", "[@a][@b]", "[see @k, p. 3]", "`[@k]`", "```\n[@k]\n```",
            "<!--", "-->", "\\@k", "[", "]", "@", "[@", "@{", "{", "}", "\n\n", "    ", "<a href='[@k]'>", "![alt [@k]](x.png)",
            "*[abbr]: [@k]", "a@b.org", "[@k]{.x}", "[@Tèst]", "[@a.b:c/d+e]", ";", ",", "\\", "`", "~~~",
            "[see `x; y` @k, p. `3`]", "[<b>x</b> @k, p. \\*3]", "[*see* @k, p. **32**]", "@k  \n[p. 3]",
            "[@k\\; @a]", "<a href='x'>[@k]</a>", "<http://x.org/[@k]>", "[see @k and @a]", "{p. 3}", "\x00",
            "[@k, p. [3]]", "@k [see @a]", "-@k", "  \n"]


def seeds() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.bib"))]
    entries: list[str] = []
    for text in texts:
        entries += ["@" + chunk for chunk in text.split("\n@") if chunk.strip()]
    return entries


def pathological(rng: random.Random) -> str:
    kind = rng.randrange(9)
    if kind == 0:
        depth = rng.choice([100, 1000, 2000])
        return "@article{deep, author = {" + "{" * depth + "Name" + "}" * depth + "}, title = {T}, year = 2020}"
    if kind == 1:
        depth = rng.choice([250, 500])
        return "@article{emph, title = {" + r"\emph{" * depth + "x" + "}" * depth + "}, year = 2020}"
    if kind == 2:
        spaces = " " * rng.choice([40_000, 60_000])
        return rng.choice(["@article{k," + spaces, "@article{k, title = {x" + spaces + "x}",
                           "@a{k, t = {x}," + spaces + ", x", "@article{k, title = {x}" + spaces + "}",
                           "@article{k, author = {" + spaces.replace("  ", " and ") + "}}"])
    if kind == 3:
        return "@article{" + "k" * rng.choice([16_000, 30_000]) + rng.choice([", title = {x}}", " ", "}"])
    if kind == 4:
        return "".join(f"@misc{{c{i}, crossref = {{c{(i + 1) % 50}}}, title = {{T}}}}\n" for i in range(50))
    if kind == 5:
        return "@misc{x, title = {" + "{" * 5000 + "}"
    if kind == 6:
        return "@article{many, author = {" + " and ".join(f"Name{i}, A." for i in range(3000)) + "}, title={T}}"
    if kind == 7:
        return "@string{a = " + " # ".join(["{x}"] * 5000) + "}\n@misc{k, title = a}"
    return "@misc{k, title = {" + "".join(rng.choice(LATEX) for _ in range(20_000)) + "}}"


def mutate(text: str, rng: random.Random, pieces: list[str]) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(4)
        pos = rng.randrange(len(chars) + 1)
        if op == 0 and chars:
            del chars[pos % len(chars): pos % len(chars) + rng.randint(1, 5)]
        elif op == 1:
            chars[pos:pos] = list(rng.choice(pieces))
        elif op == 2 and chars:
            chars[pos % len(chars)] = chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x3000)]))
        else:
            chars[pos:pos] = list(rng.choice(pieces) * rng.randint(1, 30))
    return "".join(chars)


def random_entry(rng: random.Random) -> str:
    fields = ",\n".join(f"  {rng.choice(FIELDS)} = {rng.choice(VALUES) if rng.random() < 0.5 else '{' + ''.join(rng.choice([*LATEX, 'x', 'y ', 'Z']) for _ in range(rng.randint(0, 12))) + '}'}"
                        for _ in range(rng.randint(0, 10)))
    key = rng.choice(["parent", "child", "p1", "p2", "k", "Tèst", "a.b:c", "x" * rng.randint(1, 40)])
    return f"@{rng.choice(TYPES)}{{{key},\n{fields}\n}}\n"


def bib_input(rng: random.Random, corpus: list[str]) -> str:
    roll = rng.random()
    if roll < 0.02:
        return pathological(rng)
    if roll < 0.5:
        return "\n".join(mutate(rng.choice(corpus), rng, LATEX + VALUES) for _ in range(rng.randint(1, 3)))
    return "".join(random_entry(rng) for _ in range(rng.randint(1, 4)))


def markdown_input(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.02:
        return rng.choice(["[" * 5000 + "@k" + "]" * 5000, "[@" + "k" * 20_000 + "]", " " * 50_000 + "[@k]",
                           "<!--" * 5000 + "[@k]", "`" * 9999 + "[@k]", "[@k]" * 5000, "@" * 40_000])
    return "".join(rng.choice([*MARKDOWN, "text ", "word", "\n"]) for _ in range(rng.randint(1, 40)))


def clear_caches() -> None:
    bibfile.SCANS.clear()
    bibfile.CACHE.clear()


def target_syntax(text: str) -> None:
    scan(text)
    cited_keys(text)


class Leak(Exception):
    """Output holding what must never reach a page (a placeholder, a NUL)."""


LEAKS = re.compile("[\x02\x03]|klzzwxh|wzxhzdk")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
FUZZ_BIB = "\n".join(f"@article{{{k}, author={{Zed, Z}}, title={{T}}, journal={{J}}, year={{2020}}}}"
                     for k in ("k", "a", "Tèst", "a.b:c/d+e"))
SITE_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
                   "pymdownx.superfences"]
_MARKDOWN: list[markdown.Markdown] = []


def target_markdown(text: str) -> None:
    if not _MARKDOWN:
        citations = CitationsExtension(bibliography=parse_bibliography(FUZZ_BIB, "fuzz.bib"), locale="en")
        _MARKDOWN.append(markdown.Markdown(extensions=[*SITE_EXTENSIONS, citations]))
    md = _MARKDOWN[0]
    md.reset()
    html = md.convert(text)
    if LEAKS.search(html) or ("\x00" in html and "\x00" not in text):
        # Python-Markdown's own leak (attr_list turns raw HTML inside `{…}` into attribute *names*, with or
        # without citations) is not ours: what a reader sees is text and attribute values
        seen = _Seen()
        seen.feed(html)
        shown = "".join(seen.parts)
        if LEAKS.search(shown) or ("\x00" in shown and "\x00" not in text):
            raise Leak(f"leaked into the HTML: {html[:160]!r}")


class _Seen(HTMLParser):
    """The text and attribute values of an HTML page (what reaches a reader, a search index, a PDF)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts += [value or "" for _name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def target_loader(text: str) -> None:
    clear_caches()
    bib = parse_bibliography(text, "fuzz.bib")
    for diagnostic in bib.diagnostics:
        str(diagnostic)


FORMATTERS = {locale: Formatter(locale) for locale in ("en", "nl")}


def target_formatter(text: str) -> None:
    clear_caches()
    bib = parse_bibliography(text, "fuzz.bib")
    for record in bib.records.values():
        entry = bib.entry(record.key)
        for formatter in FORMATTERS.values():
            html = formatter.html(entry)
            if LEAKS.search(html) or CONTROL.search(html):
                raise Leak(f"a control character in a formatted entry: {html[:160]!r}")


def run(name: str, target: Callable[[str], None], make: Callable[[random.Random], str], inputs: int,
        seed: int, slow_limit: float) -> tuple[int, int, int, float]:
    rng = random.Random(f"{seed}-{name}")
    crashes, leaks, slow, worst = 0, 0, 0, 0.0
    worst_input, worst_wall = "", 0.0
    started = time.perf_counter()
    for number in range(inputs):
        text = make(rng)
        begin, begin_cpu = time.perf_counter(), time.thread_time()
        try:
            target(text)
        except Leak as leak:
            leaks += 1
            if leaks <= 5:
                print(f"   leak #{leaks} on input {number}: {text[:120]!r}…\n   {leak}")
        except Exception:  # a crash: what the fuzzer is looking for
            crashes += 1
            if crashes <= 5:
                print(f"   crash #{crashes} on input {number}: {text[:120]!r}…")
                print("   " + traceback.format_exc().strip().splitlines()[-1])
        elapsed, wall = time.thread_time() - begin_cpu, time.perf_counter() - begin
        if elapsed > slow_limit:
            slow += 1
            if slow <= 5:
                print(f"   slow ({elapsed:.2f} s CPU, {wall:.2f} s wall) input {number}: {text[:80]!r}… "
                      f"({len(text)} chars)")
        if elapsed > worst:
            worst, worst_input, worst_wall = elapsed, text, wall
        if (number + 1) % 20_000 == 0:
            print(f"   {name}: {number + 1:,} inputs, {crashes} crashes, {leaks} leaks, {slow} slow "
                  f"({time.perf_counter() - started:.0f} s)", flush=True)
    print(f"   slowest {name} input: {worst:.3f} s CPU ({worst_wall:.3f} s wall), {len(worst_input):,} chars: "
          f"{worst_input[:60]!r}…")
    return crashes, leaks, slow, worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slow", type=float, default=1.0, help="seconds above which an input counts as slow")
    parser.add_argument("--targets", default="syntax,markdown,loader,formatter")
    args = parser.parse_args()
    sys.setrecursionlimit(1000)  # the default: a recursion that would fail a build fails here too
    corpus = seeds()
    targets = {
        "syntax": (target_syntax, markdown_input),
        "markdown": (target_markdown, markdown_input),
        "loader": (target_loader, lambda rng: bib_input(rng, corpus)),
        "formatter": (target_formatter, lambda rng: bib_input(rng, corpus)),
    }
    print(f"Fuzzing {args.inputs:,} inputs per target, seed {args.seed}, slow = over {args.slow} s")
    results = {}
    for name in args.targets.split(","):
        print(f"{name}:")
        target, make = targets[name]
        start = time.perf_counter()
        crashes, leaks, slow, worst = run(name, target, make, args.inputs, args.seed, args.slow)
        results[name] = (crashes, leaks, slow, worst, time.perf_counter() - start)
    print(f"\ntarget      inputs    crashes  leaks  slow (>{args.slow:.1f} s)  slowest s  total s")
    for name, (crashes, leaks, slow, worst, total) in results.items():
        print(f"{name:10s} {args.inputs:8,d} {crashes:9d} {leaks:6d} {slow:14d} {worst:10.3f} {total:8.0f}")
    print("target: 0 crashes, 0 leaks, 0 slow inputs")


if __name__ == "__main__":
    main()
