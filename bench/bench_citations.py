"""Benchmark of the citation hook (issue 3). Not a test: prints times and ratios measured in one run.

    .venv/bin/python bench/bench_citations.py [--runs 3] [--skip-bibtex] [--skip-real] [--skip-growth] [--skip-load]

1. Generated corpus: 200 pages × 2 languages, a 5,000-entry .bib, 2,000 citations, built
   (a) with hooks/citations_hook.py, (b) with mkdocs-bibtex 4.4.0 (installed by this script into a
   throwaway venv under /tmp, never into the project), (c) with no citation processing.
   The configurations are built alternately (a c b a c b …), so machine load affects them alike.
2. The real site, built with and without the hook, PDF handouts off (not --strict: pages in progress may cite keys
   that are not in references.bib yet).
3. Growth: the generated corpus at 50, 200 and 500 pages per language, with and without the hook.
4. Loading: the 5,000-entry .bib read by the engine's loader (`load_bibliography`: scan, normalise,
   inherit, check; caches cleared) against pybtex's own `parse_file` on the same file, in-process.
   Target of issue 14: loading ≤ 0.5× pybtex's parse_file.
Each figure is the fastest of `--runs` builds (wall time of `mkdocs build` in a subprocess).
"""

# ruff: noqa: RUF001, RUF002, E501  (multiplication signs in printed labels; long f-strings of generated BibTeX)
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "hooks" / "citations_hook.py"
BIBTEX_VENV = Path(tempfile.gettempdir()) / "amino-atlas-bench-mkdocs-bibtex"
BIBTEX_PINS = ["mkdocs==1.6.1", "mkdocs-material==9.7.6", "mkdocs-static-i18n==1.3.1", "pybtex==0.26.1",
               "latexcodec==3.0.1", "mkdocs-bibtex==4.4.0"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# The PDF handouts (typst, worker processes) would add seconds of unrelated noise to the real-site ratio.
REAL_SITE_ENV = {**ENV, "ATLAS_HANDOUTS": "0"}
WORDS = ["mTOR", "leucine", "autophagy", "glutamine", "signalling", "protein", "muscle", "cell", "growth", "repair", "amino", "acid", "kinase", "complex", "nutrient", "lysosome", "insulin"]


def write_bib(path: Path, entries: int, rng: random.Random) -> list[str]:
    keys, chunks = [], []
    for n in range(entries):
        key = f"author{n}{1990 + n % 35}"
        keys.append(key)
        authors = " and ".join(f"Surname{rng.randrange(900)}, Given{rng.choice('ABCDEFG')}. {rng.choice('HIJKL')}."
                               for _ in range(rng.randint(1, 9)))
        chunks.append(
            f"@article{{{key},\n  author = {{{authors}}},\n  title = {{{' '.join(rng.choices(WORDS, k=9))}}},\n"
            f"  journal = {{J {rng.choice(WORDS).title()}}},\n  year = {{{1990 + n % 35}}},\n"
            f"  volume = {{{rng.randint(1, 300)}}},\n  number = {{{rng.randint(1, 12)}}},\n"
            f"  pages = {{{(p := rng.randint(1, 900))}--{p + rng.randint(2, 30)}}},\n"
            f"  doi = {{10.{1000 + n % 8000}/bench.{n}}},\n  pmid = {{{10_000_000 + n}}}\n}}\n")
    path.write_text("\n".join(chunks), encoding="utf-8")
    return keys


def write_corpus(root: Path, pages: int, citations: int, entries: int, processor: str) -> Path:
    """A two-language site; `processor` is `hook`, `bibtex` or `none`."""
    rng = random.Random(42)
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    docs.mkdir(parents=True)
    keys = write_bib(root / "refs.bib", entries, rng)
    per_page = max(1, citations // (pages * 2))
    for n in range(pages):
        for suffix, lang in (("", "Tekst"), (".en", "Text")):
            paragraphs = []
            for c in range(per_page):
                cite = "; ".join(f"@{k}" for k in rng.sample(keys, rng.choice((1, 1, 2))))
                paragraphs.append(f"{lang} {c}: {' '.join(rng.choices(WORDS, k=40))} [{cite}].")
            (docs / f"page{n}{suffix}.md").write_text(
                f"---\ntitle: Page {n}\n---\n\n# Page {n}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    for suffix in ("", ".en"):
        (docs / f"index{suffix}.md").write_text("# Home\n\nBench.\n", encoding="utf-8")
    config = [
        "site_name: Bench", "site_url: https://example.org/", "theme:", "  name: material", "  language: nl",
        "  font: false", "plugins:", "  - i18n:", "      docs_structure: suffix", "      languages:",
        "        - {locale: nl, name: Nederlands, default: true, build: true}",
        "        - {locale: en, name: English, build: true}",
    ]
    if processor == "bibtex":
        config += ["  - bibtex:", "      bib_file: refs.bib"]
    if processor == "hook":
        config += ["hooks:", f"  - {HOOK}",
                   "extra:", "  atlas:", "    citations:", "      bib: refs.bib", "      unused: info"]
    config += ["markdown_extensions:", "  - footnotes", "  - attr_list", "  - toc"]
    (root / "mkdocs.yml").write_text("\n".join(config) + "\n", encoding="utf-8")
    return root / "mkdocs.yml"


def interleaved(builds: list[tuple[Path, Path]], runs: int, env: dict[str, str] = ENV) -> list[float]:
    """Best time of each (python, config), runs alternating A B A B so machine load hits all alike."""
    best = [float("inf")] * len(builds)
    for _ in range(runs):
        for index, (python, config) in enumerate(builds):
            best[index] = min(best[index], timed_build(python, config, 1, env))
    return best


def timed_build(python: Path, config: Path, runs: int, env: dict[str, str] = ENV) -> float:
    best = float("inf")
    for _ in range(runs):
        out = Path(tempfile.mkdtemp(prefix="bench-cite-site-"))
        start = time.perf_counter()
        done = subprocess.run([str(python), "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)],
                              env=env, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        shutil.rmtree(out, ignore_errors=True)
        if done.returncode != 0:
            sys.exit(f"build failed ({config}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
        best = min(best, elapsed)
    return best


def bibtex_python() -> Path:
    python = BIBTEX_VENV / "bin" / "python"
    if not python.exists():
        base = getattr(sys, "_base_executable", sys.executable)
        subprocess.run([base, "-m", "venv", str(BIBTEX_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *BIBTEX_PINS],
                       check=True)
    return python


def real_site(runs: int) -> tuple[float, float]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    without = ROOT / f".bench-citations-{os.getpid()}.yml"  # beside mkdocs.yml: relative paths still hold
    without.write_text(text.replace("  - hooks/citations_hook.py\n", ""), encoding="utf-8")
    try:
        python = Path(sys.executable)
        with_hook, without_hook = interleaved([(python, ROOT / "mkdocs.yml"), (python, without)], runs, REAL_SITE_ENV)
        return with_hook, without_hook
    finally:
        without.unlink()


def loading(runs: int, work: Path) -> tuple[float, float]:
    """Best-of-`runs` seconds to load the 5,000-entry .bib: the engine's loader, then pybtex's parse_file."""
    from atlas.citations import bibfile
    from pybtex.database import parse_file

    path = work / "load.bib"
    write_bib(path, 5000, random.Random(42))
    ours = theirs = float("inf")
    for _ in range(runs):
        bibfile.SCANS.clear()
        bibfile.CACHE.clear()
        start = time.perf_counter()
        bib = bibfile.load_bibliography(path, "load.bib")
        ours = min(ours, time.perf_counter() - start)
        start = time.perf_counter()
        data = parse_file(str(path), bib_format="bibtex")
        theirs = min(theirs, time.perf_counter() - start)
    if len(bib.records) != len(data.entries) or bib.errors:
        sys.exit(f"loaders disagree: {len(bib.records)} vs {len(data.entries)} entries, {bib.errors[:3]}")
    return ours, theirs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-bibtex", action="store_true")
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--skip-growth", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-citations-"))
    python = Path(sys.executable)
    try:
        if not args.skip_load:
            ours, theirs = loading(max(args.runs, 3), work)
            print(f"4. Loading a 5,000-entry .bib (best of {max(args.runs, 3)}): engine {ours:.3f} s, "
                  f"pybtex parse_file {theirs:.3f} s, ratio {ours / theirs:.3f}   (target ≤ 0.5)")
        print("1. Generated corpus: 200 pages × 2 languages, 5,000-entry .bib, 2,000 citations "
              f"(best of {args.runs})")
        builds = [(python, write_corpus(work / "hook", 200, 2000, 5000, "hook")),
                  (python, write_corpus(work / "none", 200, 2000, 5000, "none"))]
        if not args.skip_bibtex:
            builds.append((bibtex_python(), write_corpus(work / "bibtex", 200, 2000, 5000, "bibtex")))
        times = interleaved(builds, args.runs)
        hook, none = times[0], times[1]
        print(f"   (a) citations hook        {hook:7.2f} s")
        if not args.skip_bibtex:
            bibtex = times[2]
            print(f"   (b) mkdocs-bibtex 4.4.0   {bibtex:7.2f} s")
        print(f"   (c) no citations          {none:7.2f} s")
        if not args.skip_bibtex:
            print(f"   hook / mkdocs-bibtex      {hook / bibtex:7.3f}   (whole builds)")
            print(f"   citation cost only        {(hook - none) / (bibtex - none):7.3f}   "
                  "((a-c)/(b-c); target ≤ 0.25)")
        print(f"   hook / none               {hook / none:7.3f}   (hook's own cost: {hook - none:.2f} s)")
        if not args.skip_real:
            with_hook, without_hook = real_site(args.runs)
            print(f"2. Real site (best of {args.runs}): with hook {with_hook:.2f} s, without {without_hook:.2f} s, "
                  f"ratio {with_hook / without_hook:.3f}   (target ≤ 1.05)")
        if not args.skip_growth:
            print("3. Growth (pages per language; 10 citations per page; 5,000-entry .bib; best of 2)")
            print("   pages   hook s   none s   hook-none s   per 100 pages")
            for pages in (50, 200, 500):
                h, n = interleaved([(python, write_corpus(work / f"g{pages}h", pages, pages * 20, 5000, "hook")),
                                    (python, write_corpus(work / f"g{pages}n", pages, pages * 20, 5000, "none"))], 2)
                print(f"   {pages:5d}  {h:7.2f}  {n:7.2f}  {h - n:11.2f}   {100 * (h - n) / pages:9.3f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
