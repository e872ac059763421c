"""Reader-side figures per page type: Lighthouse scores, gzip page weight, request count, axe violations.

Usage: .venv/bin/python -m bench.bench_reader [--site DIR] [--runs 3] [--no-lighthouse]

Builds the site (unless --site names a build), serves it like GitHub Pages does (under the
`site_url` path, gzip for text), then for each page type in both languages:
- loads the page in headless Debian Chromium (fresh profile, empty cache) and sums every response body
  the server sent until the network is idle (gzip-compressed, as GitHub Pages sends them; web worker
  scripts included), and the request count; prints the weight against the 90 KB budget;
- runs axe-core (WCAG 2.2 AA + best practice) in the light and dark palette: violated rules / nodes;
- runs npm Lighthouse (mobile, simulated throttling) `--runs` times: the median of each category score.
Needs node_modules (`make test` runs `npm ci`) and /usr/bin/chromium (`.ci/run` installs it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from tests.browser.conftest import AXE_SCRIPT, CHROMIUM, CHROMIUM_ARGS
from tests.browser.site_server import SentLog, serve_site, site_path_prefix
from tests.browser.test_accessibility import AXE_TAGS
from tests.browser.test_page_weight import PAGE_WEIGHT_BUDGET_BYTES
from tests.support.site import build_site

# run as a module from the project folder (python -m bench.bench_reader), so `tests` is importable
ROOT = Path(__file__).resolve().parent.parent

PAGE_TYPES = {
    "home": "",
    "article": "leucine/",
    "glutamine subpage": "glutamine/sport/",
    "glossary": "glossary/",
    "references": "references/",
}
LANGUAGE_PREFIXES = {"nl": "", "en": "en/"}
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# The performance metrics that moved the score here: first paint (render-blocking CSS/JS) and main-thread
# blocking (script work), in milliseconds of Lighthouse's simulated phone.
METRICS = {"fcp": "first-contentful-paint", "lcp": "largest-contentful-paint", "tbt": "total-blocking-time"}
SCHEMES = ("light", "dark")


@dataclass
class PageFigures:
    label: str
    path: str
    gzip_bytes: int = 0
    search_bytes: int = 0
    requests: int = 0
    axe: dict[str, tuple[int, int]] = field(default_factory=dict)  # scheme -> (rules, nodes)
    lighthouse: dict[str, float] = field(default_factory=dict)
    lighthouse_failures: list[str] = field(default_factory=list)


def is_search_machinery(path: str) -> bool:
    """Material's search machinery: worker, per-language index, lunr languages.

    `search-on-demand.js` defers it to the first intent to search, so on page load this should be 0;
    the column shows at a glance if a change brings the eager download back."""
    return "/search/search_index" in path or "/workers/search" in path or "/lunr/" in path


def measure_weight(browser: Browser, url: str, sent: SentLog) -> tuple[int, int, int]:
    """Body bytes the server sent (gzip where it compresses), of which search machinery, and the
    request count, until the network is idle."""
    context = browser.new_context()
    page = context.new_page()
    sent.clear()
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    total, count = sum(size for _, size in sent), len(sent)
    search = sum(size for path, size in sent if is_search_machinery(path))
    context.close()
    return total, search, count


def measure_axe(browser: Browser, url: str, scheme: str, axe_source: str) -> tuple[int, int]:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.evaluate(axe_source + "\n;undefined")  # via DevTools: the CSP forbids inline scripts
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => v.nodes.length)",
        AXE_TAGS,
    )
    context.close()
    return len(violations), sum(violations)


def run_lighthouse(url: str) -> tuple[dict[str, float], list[str]]:
    """One Lighthouse run (mobile defaults) against Debian Chromium: category scores, FCP/LCP/TBT in ms
    and the failed audits."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report.name}",
             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
            check=True, env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, capture_output=True,
        )
        data = json.loads(Path(report.name).read_text(encoding="utf-8"))
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    scores.update({short: data["audits"][audit]["numericValue"] for short, audit in METRICS.items()})
    failed = []
    for name in CATEGORIES[1:]:
        for ref in data["categories"][name]["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                failed.append(ref["id"])
    return scores, failed


def median_lighthouse(url: str, runs: int) -> tuple[dict[str, float], list[str]]:
    results = [run_lighthouse(url) for _ in range(runs)]
    names = [*CATEGORIES, *METRICS]
    medians = {name: statistics.median(scores[name] for scores, _ in results) for name in names}
    failed = sorted({audit for _, failures in results for audit in failures})
    return medians, failed


def build(site_dir: Path) -> Path:
    result = build_site(ROOT / "mkdocs.yml", site_dir, env=dict(os.environ))
    if result.returncode != 0:
        sys.exit(f"site build failed:\n{result.log}")
    return site_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an existing build to measure (default: build now)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        site = args.site or build(Path(scratch) / "site")
        axe_source = AXE_SCRIPT.read_text(encoding="utf-8")
        figures = [
            PageFigures(f"{label} ({lang})", prefix + path)
            for lang, prefix in LANGUAGE_PREFIXES.items()
            for label, path in PAGE_TYPES.items()
        ]
        started = time.perf_counter()
        sent: SentLog = []
        prefix = site_path_prefix(ROOT / "mkdocs.yml")
        with serve_site(site, prefix, compress=True, sent=sent) as base_url, \
                sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for fig in figures:
                url = base_url + fig.path
                fig.gzip_bytes, fig.search_bytes, fig.requests = measure_weight(browser, url, sent)
                fig.axe = {scheme: measure_axe(browser, url, scheme, axe_source) for scheme in SCHEMES}
            browser.close()
            if not args.no_lighthouse:
                for fig in figures:
                    url = base_url + fig.path
                    fig.lighthouse, fig.lighthouse_failures = median_lighthouse(url, args.runs)
        report(figures, args.runs, time.perf_counter() - started)
    return 0


def report(figures: list[PageFigures], runs: int, seconds: float) -> None:
    print(f"{'page':26} {'gzip KB':>8} {'search':>7} {'/budget':>8} {'reqs':>5}"
          f" {'axe light':>10} {'axe dark':>9}  lighthouse perf/a11y/bp/seo, fcp/lcp/tbt ms"
          f" (median of {runs})")
    for fig in figures:
        light, dark = fig.axe["light"], fig.axe["dark"]
        scores = "-"
        if fig.lighthouse:
            scores = ("/".join(f"{fig.lighthouse[c]:g}" for c in CATEGORIES) + ", "
                      + "/".join(f"{fig.lighthouse[m]:.0f}" for m in METRICS))
        print(f"{fig.label:26} {fig.gzip_bytes / 1024:8.1f} {fig.search_bytes / 1024:7.1f}"
              f" {fig.gzip_bytes / PAGE_WEIGHT_BUDGET_BYTES:8.2f}"
              f" {fig.requests:5d} {light[0]:4d}r/{light[1]:<4d} {dark[0]:3d}r/{dark[1]:<4d}  {scores}"
              + (f"  failing: {', '.join(fig.lighthouse_failures)}" if fig.lighthouse_failures else ""))
    print("(gzip KB: every response body until the network is idle, of which `search` is Material's search")
    print(" worker, index and lunr languages (0 = loaded on demand only); budget ratio = gzip bytes / 90 KB;")
    print(" axe: violated rules r / nodes;")
    print(f" {seconds:.0f} s)")


if __name__ == "__main__":
    sys.exit(main())
