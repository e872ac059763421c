"""Benchmark of the PDF handouts (issue 6). Not a test: prints times and ratios measured in one run.

    .venv/bin/python bench/bench_handouts.py [--runs 3] [--workers N]

1. The real site built with and without handouts (`ATLAS_HANDOUTS=1` / `0`), alternately so machine
   load affects both alike; each figure is the fastest of `--runs` builds (wall time of `mkdocs build`
   in a subprocess). The difference, divided by the number of PDFs, is the cost per handout in a build.
2. Per handout, in this process, on the HTML of that build: cleaning, conversion to Typst (pandoc with
   `handout.lua`) and typst, one after another (one core), with
   the CPU time they took (pandoc's included: the figure least moved by other load on the machine),
   then all handouts through the same process pool the hook uses (all cores).
3. What PDF/UA-1 + PDF/A-2a cost: every handout's Typst compiled with and without the standards,
   alternately, each run in a fresh process (Typst memoizes layout across compiles in one process).
Target: at most 0.15 s per handout.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from atlas.handouts.clean import (
    DEFAULT_STRIP,
    CleanOptions,
    clean_article,
    extract_article,
    image_resolver,
)
from atlas.handouts.jobs import typst_root
from atlas.handouts.qr import qr_svg
from atlas.handouts.render import (
    DEFAULT_TEMPLATE,
    PDF_STANDARDS,
    HandoutJob,
    article_to_typst,
    compile_pdf,
    render_all,
)
from atlas.handouts.source import ArticleFacts, handout_source

ROOT = Path(__file__).resolve().parent.parent

TARGET_SECONDS = 0.15


def build(site_dir: Path, handouts: bool) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ATLAS_HANDOUTS": "1" if handouts else "0",
           "ATLAS_HANDOUTS_CACHE": "0"}  # every PDF rendered anew: the cost of a fresh build
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "--config-file", str(ROOT / "mkdocs.yml"),
               "--site-dir", str(site_dir)]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"build failed:\n{done.stdout}{done.stderr}")
    return elapsed


def configured_strip() -> tuple[str, ...]:
    """What the hook leaves out of every article: the defaults and `extra.atlas.handouts.strip`."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    handouts = ((config.extra or {}).get("atlas") or {}).get("handouts") or {}
    return (*DEFAULT_STRIP, *handouts.get("strip", ()))


def jobs_from(site: Path, output: Path) -> list[HandoutJob]:
    """One job per PDF the build made, from the built page next to it."""
    template = DEFAULT_TEMPLATE.read_text(encoding="utf-8")
    strip = configured_strip()
    jobs = []
    for pdf in sorted(site.rglob("*.pdf")):
        page = pdf.parent / "index.html"
        if not page.exists() or pdf.parent == site or pdf.parent == site / "en":
            continue  # booklets
        url = f"https://example.org/{page.parent.relative_to(site)}/"
        options = CleanOptions(id_prefix="p--", strip=strip,
                               resolve_image=image_resolver(str(page.parent), str(site)))
        html = clean_article(extract_article(page.read_text(encoding="utf-8")), options)
        lang = pdf.stem.rsplit("-", 1)[-1]
        facts = ArticleFacts(pdf.stem, "Amino Atlas", lang, lang, "Reviewed", "2026-11-21", url, qr_svg(url),
                             f"QR code: {url}")
        page_name = str(page.relative_to(site))
        jobs.append(HandoutJob(page_name, html, facts, "Disclaimer.", output / pdf.name, template))
    return jobs


def stages(site: Path, jobs: list[HandoutJob]) -> dict[str, list[float]]:
    """Seconds per handout for each stage, one after another in this process."""
    times: dict[str, list[float]] = {"clean": [], "convert": [], "typst": [], "total": [], "cpu": []}
    for job in jobs:
        cpu = _cpu_seconds()
        page = site / job.page
        start = time.perf_counter()
        clean_article(extract_article(page.read_text(encoding="utf-8")), CleanOptions(id_prefix="p--"))
        qr_svg(job.facts.url)
        cleaned = time.perf_counter()
        body = article_to_typst(job.html)
        converted = time.perf_counter()
        pdf, _ = compile_pdf(handout_source(job.template, job.facts, job.disclaimer, body), typst_root(job))
        job.output.write_bytes(pdf)
        compiled = time.perf_counter()
        times["clean"].append(cleaned - start)
        times["convert"].append(converted - cleaned)
        times["typst"].append(compiled - converted)
        times["total"].append(compiled - start)
        times["cpu"].append(_cpu_seconds() - cpu)
    return times


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (pandoc): other sessions' load barely moves it."""
    spent = os.times()
    return spent.user + spent.system + spent.children_user + spent.children_system


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-handouts-"))
    with_pdf, without_pdf = [], []
    for run in range(args.runs):
        without_pdf.append(build(scratch / f"plain-{run}", handouts=False))
        with_pdf.append(build(scratch / f"pdf-{run}", handouts=True))
    site = scratch / "pdf-0"
    pdfs = len(list(site.rglob("*.pdf")))
    base, full = min(without_pdf), min(with_pdf)
    print(f"CPU cores: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.2f}")
    print(f"1. site build, fastest of {args.runs}: without handouts {base:.2f} s, "
          f"with {pdfs} PDFs {full:.2f} s (ratio {full / base:.2f}); "
          f"extra per PDF {(full - base) / pdfs:.3f} s")

    output = scratch / "out"
    output.mkdir()
    jobs = jobs_from(site, output)
    stages(site, jobs[:1])  # warm the typst compiler, as a worker is warm after its first page
    times = stages(site, jobs)
    print(f"2. {len(jobs)} article handouts, one after another (median / max seconds per handout):")
    for stage, values in times.items():
        print(f"   {stage:7s} {statistics.median(values):.3f} / {max(values):.3f}")
    render_all(jobs[:args.workers], workers=args.workers)  # start the pool, as the first build does
    started = time.perf_counter()
    results = render_all(jobs, workers=args.workers)
    parallel = time.perf_counter() - started
    failed = [r.page for r in results if r.error]
    per_handout = parallel / len(jobs)
    print(f"   all {len(jobs)} on {args.workers} workers: {parallel:.2f} s wall, "
          f"{per_handout:.3f} s per handout (target ≤ {TARGET_SECONDS} s: "
          f"{'met' if per_handout <= TARGET_SECONDS else 'NOT met'})"
          + (f"; failed: {failed}" if failed else ""))
    sequential = sum(times["total"])
    print(f"   parallel speed-up vs one after another: {sequential / parallel:.2f} times")

    sources = [handout_source(job.template, job.facts, job.disclaimer, article_to_typst(job.html))
               for job in jobs]
    plain, standard = [], []
    for _ in range(args.runs):  # alternately, each in a fresh process: Typst memoizes across compiles
        plain.append(_in_fresh_process(_compile_all, sources, ()))
        standard.append(_in_fresh_process(_compile_all, sources, PDF_STANDARDS))
    print(f"3. typst per handout without / with {' + '.join(PDF_STANDARDS)}, fastest of {args.runs}: "
          f"{min(plain) / len(sources):.3f} / {min(standard) / len(sources):.3f} s "
          f"(ratio {min(standard) / min(plain):.2f})")
    return 0


def _compile_all(sources: list[str], standards: tuple[str, ...]) -> float:
    """Seconds to compile every source once, after a warm-up that loads the fonts."""
    compile_pdf("#set document(title: [x])\n= x", standards=standards)
    started = time.perf_counter()
    for source in sources:
        compile_pdf(source, standards=standards)
    return time.perf_counter() - started


def _in_fresh_process(function: Callable[..., float], *args: object) -> float:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(function, *args).result()


if __name__ == "__main__":
    sys.exit(main())
