"""Benchmark of the structure added after Typst (atlas.handouts.pdf_tags, issue 24). Not a test.

    PYTHONPATH=hooks .venv/bin/python -m bench.bench_pdf_tags <built site> [--runs 3]

For every article handout of a built site (`make site`), in this process, one after another: the CPU
time of Typst's compile (with PDF/UA-1 + PDF/A-2a; once, as in a build: Typst memoizes a source it has
compiled), of `pdf_tags.finish` (boxes as sections, links described) and of the independent PDF checks,
these two the fastest of `--runs`; the booklets (no Typst
source here) only through `finish` and the checks. CPU time (`time.process_time`) is the figure least
moved by other sessions on the machine; the ratio says what `finish` adds to the compile.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from atlas.handouts.compile import compile_pdf
from atlas.handouts.convert import article_to_typst
from atlas.handouts.jobs import typst_root
from atlas.handouts.pdf_check import check_pdf
from atlas.handouts.pdf_tags import finish
from atlas.handouts.source import handout_source

from bench.bench_handouts import jobs_from

LINK_TO = "Go to: {target}"


def _cpu(work: Callable[[], object], runs: int) -> float:
    """The least CPU seconds `work` took in `runs` runs."""
    spent = []
    for _ in range(runs):
        started = time.process_time()
        work()
        spent.append(time.process_time() - started)
    return min(spent)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    jobs = jobs_from(args.site, Path(tempfile.mkdtemp(prefix="bench-pdf-tags-")))  # nothing is written there
    compile_pdf("#set document(title: [x])\n= x")  # load the fonts once, as a warm worker has
    typst_cpu = finish_cpu = check_cpu = 0.0
    for job in jobs:
        source = handout_source(job.template, job.facts, job.disclaimer, article_to_typst(job.html))
        started = time.process_time()  # once: Typst memoizes, a second compile of one source is nearly free
        pdf, _ = compile_pdf(source, typst_root(job))
        typst_cpu += time.process_time() - started
        finished = finish(pdf, LINK_TO)
        finish_cpu += _cpu(lambda pdf=pdf: finish(pdf, LINK_TO), args.runs)
        check_cpu += _cpu(lambda finished=finished, page=job.page: check_pdf(finished, page), args.runs)
    print(f"{len(jobs)} handouts, CPU seconds in all: typst {typst_cpu:.2f}, "
          f"pdf_tags.finish {finish_cpu:.2f}, PDF checks {check_cpu:.2f}; "
          f"finish / typst = {finish_cpu / typst_cpu:.2f}")
    booklets = sorted(pdf for pdf in args.site.rglob("*.pdf") if pdf.parent in (args.site, args.site / "en"))
    for booklet in booklets:  # as jobs_from: the booklets sit in the site's top folder of each language
        data = booklet.read_bytes()
        finishing = _cpu(lambda data=data: finish(data, LINK_TO), args.runs)
        checking = _cpu(lambda data=data, name=booklet.name: check_pdf(data, name), args.runs)
        print(f"booklet {booklet.name}: finish {finishing:.2f} s, checks {checking:.2f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
