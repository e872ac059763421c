"""Benchmark of the article conversion (issue 15): pandoc + handout.lua against the Python Typst writer.

    .venv/bin/python bench/bench_typst_writer.py [--runs 5]

Builds the real site once in this process with the PDF rendering left out (the handouts hook still
collects every article's cleaned HTML, which is kept), then converts each article both ways, alternately,
`--runs` times, and prints per article the fastest wall time of each, the ratio, and whether the two
bodies are the same bytes. Not a test: prints times and ratios measured in one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from atlas.handouts import render, typst_writer  # noqa: E402


def articles() -> dict[str, str]:
    """Handout name -> cleaned article HTML, as the handouts hook makes it in a build of the real site
    (collected by tests/support/handout_articles.py in a process of its own)."""
    with tempfile.TemporaryDirectory(prefix="bench-typst-writer-") as scratch:
        out = Path(scratch) / "articles"
        command = [sys.executable, "-m", "tests.support.handout_articles", str(ROOT / "mkdocs.yml"),
                   str(Path(scratch) / "site"), str(out)]
        subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                       stdout=subprocess.DEVNULL)
        return {path.stem: path.read_text(encoding="utf-8") for path in sorted(out.glob("*.html"))}


def fastest(function: Callable[[str], str], html: str, runs: int) -> tuple[float, str]:
    best, result = float("inf"), ""
    for _ in range(runs):
        started = time.perf_counter()
        result = function(html)
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    found = articles()
    print(f"CPU cores: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.2f}; "
          f"{len(found)} articles, fastest of {args.runs} runs each")
    print(f"{'article':28s} {'HTML KB':>7s} {'pandoc ms':>9s} {'python ms':>9s} {'ratio':>6s}  same bytes")
    pandoc_times, python_times = [], []
    different = []
    for name, html in sorted(found.items()):
        pandoc_time, theirs = fastest(render.pandoc_article_to_typst, html, 1)
        python_time, ours = fastest(typst_writer.article_to_typst, html, 1)
        for _ in range(args.runs - 1):  # alternately: machine load affects both alike
            pandoc_time = min(pandoc_time, fastest(render.pandoc_article_to_typst, html, 1)[0])
            python_time = min(python_time, fastest(typst_writer.article_to_typst, html, 1)[0])
        pandoc_times.append(pandoc_time)
        python_times.append(python_time)
        same = ours == theirs
        if not same:
            different.append(name)
        size = len(html.encode()) / 1024
        print(f"{name:28s} {size:7.1f} {pandoc_time * 1000:9.1f} {python_time * 1000:9.1f} "
              f"{pandoc_time / python_time:6.1f}  {'yes' if same else 'NO'}")
    total_pandoc, total_python = sum(pandoc_times), sum(python_times)
    print(f"{'all articles':28s} {'':7s} {total_pandoc * 1000:9.1f} {total_python * 1000:9.1f} "
          f"{total_pandoc / total_python:6.1f}  {'yes' if not different else 'NO: ' + ', '.join(different)}")
    print(f"median per article: pandoc {statistics.median(pandoc_times) * 1000:.1f} ms, "
          f"Python writer {statistics.median(python_times) * 1000:.1f} ms")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
