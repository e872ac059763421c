"""Benchmark of the whole build (issues 15 and 21). Not a test: prints times and ratios measured in one run.

    .venv/bin/python bench/bench_build.py [--project DIR] [--runs 5] [--quick]
        [--skip-real] [--skip-serve] [--skip-site] [--skip-growth] [--timeout 180]

1. Real site HTML build (both languages, PDF handouts off) against the same build with none of the
   project's own code: a temporary copy of mkdocs.yml (beside it, so relative paths hold) without
   `hooks:`, without every `markdown_extensions` entry whose module file lives under the project, and
   without `extra_css` files that only a hook writes. Same pages, Material + static-i18n.
   The two builds alternate (a b a b …); each time is the median of `--runs`, each ratio the median
   of the rounds' ratios (a round's two builds share the machine's moment: see `paired_ratio`).
2. `make serve`: `mkdocs serve --livereload` on a free localhost port in the project, then saves of
   docs/leucine.md (a space appended, then the original put back, alternately); each time is from the
   save to the server's "Reloading browsers" line. The page is always restored and the server always
   stopped.
3. `make site` with every PDF: the real command (`ATLAS_HANDOUTS=1 scripts/build_site.py --strict`) into
   a temporary --site-dir, with the handout cache (warm) and without it (`ATLAS_HANDOUTS_CACHE=0`, every
   PDF rendered as on a fresh clone), alternating with the project's HTML-only build of 1.
4. Growth: a generated two-language site in a temporary folder with the project's hooks, extensions,
   overrides and references.bib, with generated glossaries of 100, 500 and 2,000 terms (at 200 pages),
   then 50, 100 and 200 pages (at 100 terms); `--pages` and `--terms` choose other sizes. The project's cost is (build with the project's code) −
   (the same generated site built plain), in CPU seconds (less inflated by load than wall time); growth
   is linear when, between the two largest sizes, cost ∝ size^e with e ≤ 1.3.
   A build slower than `--timeout` seconds is stopped and shown as such.
`--project DIR` measures another checkout (its .venv/bin/python when it has one). The targets are
issue 21's (HTML build ≤ 1.2× plain, serve rebuild ≤ 1.5 s, make site ≤ 1.5× the HTML-only build with a
warm handout cache and ≤ 4× with an empty one) and issue 15's growth; the last lines say which are met.
"""

# ruff: noqa: RUF001, RUF002, E501  (multiplication signs in printed labels; long printed lines)
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import math
import os
import queue
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TARGET_REAL_RATIO = 1.2
TARGET_SERVE_S = 1.5
TARGET_SITE_WARM_RATIO = 1.5  # make site with the handout cache / the project's HTML-only build
TARGET_SITE_COLD_RATIO = 4.0  # make site with an empty handout cache / the project's HTML-only build
QUIET_PLAIN_S = 1.05  # the plain build on the quiet 2-core machine of issue 15, to read loaded figures against
LINEAR_EXPONENT = 1.3  # cost ∝ size^e between the two largest sizes; up to this e counts as linear (noise, caches)
SERVE_PAGE = "leucine.md"
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
HTML_ENV = {**BUILD_ENV, "ATLAS_HANDOUTS": "0"}  # make_env() adds the Makefile's exports
PDF_ENV = {**BUILD_ENV, "ATLAS_HANDOUTS": "1"}
NO_TEMPLATE_CACHE = {"ATLAS_TEMPLATE_CACHE": "0"}
WATCH_POLL_S = 0.5  # mkdocs serve's file watcher: watchdog's PollingObserver, polling_interval=0.5  # hooks/template_cache_hook.py off
WORDS = ("cel", "eiwit", "spier", "signaal", "groei", "herstel", "voeding", "energie", "lever", "bloed",
         "studie", "effect", "dosis", "rust", "sport", "darm", "afweer", "stof", "reactie", "tekort")
SKIP = (".git", ".venv", ".venv-properdocs", "node_modules", "site", "docs", "tests", "bench", ".pytest_cache", ".cache")
MAKE_EXPORT = re.compile(r"^export\s+([A-Z_][A-Z0-9_]*)\s*:?=\s*(.*?)\s*(?:#.*)?$")
MAKE_UNEXPORT = re.compile(r"^unexport\s+([A-Z_][A-Z0-9_]*)\s*$")


class Timeout(Exception):
    """A build ran longer than --timeout."""


# ---------------------------------------------------------------- configuration


def load_config(path: Path) -> dict[str, Any]:
    # mkdocs.yml uses !!python/name tags (superfences' custom fences): the full loader keeps them.
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.Loader)


def write_config(config: dict[str, Any], path: Path) -> Path:
    path.write_text(yaml.dump(config, Dumper=yaml.Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def extension_name(entry: Any) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


def is_project_module(name: str, project: Path, config: dict[str, Any]) -> bool:
    """True when the Markdown extension `name` is the project's own code (its file lives under `project`).

    Looked up as Python-Markdown does (`name`, then `markdown.extensions.name`; `module:Class` allowed);
    the project's own package, `atlas`, is installed editable (pip install -e .), so it is found here too.
    """
    module = name.split(":", 1)[0]
    for candidate in (module, f"markdown.extensions.{module}"):
        try:
            spec = importlib.util.find_spec(candidate)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.origin:
            return _is_own_file(Path(spec.origin), project)
    return True  # not importable without the project's own set-up: the project's


def _is_own_file(path: Path, project: Path) -> bool:
    """A file of the project itself: under its folder, but not in an installed package (the project's
    `.venv` lives inside the project folder too)."""
    resolved = path.resolve()
    installed = (Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve())
    if "site-packages" in resolved.parts or any(resolved.is_relative_to(p) for p in installed):
        return False
    return resolved.is_relative_to(project.resolve())


def plain_config(config: dict[str, Any], project: Path) -> tuple[dict[str, Any], list[str]]:
    """`config` with none of the project's code; also what was taken out."""
    plain = dict(config)
    removed = [f"hook {h}" for h in plain.pop("hooks", None) or []]
    kept = []
    for entry in config.get("markdown_extensions") or []:
        name = extension_name(entry)
        if is_project_module(name, project, config):
            removed.append(f"extension {name}")
        else:
            kept.append(entry)
    plain["markdown_extensions"] = kept
    docs = project / str(config.get("docs_dir") or "docs")
    css = [c for c in config.get("extra_css") or [] if (docs / str(c)).exists()]
    removed += [f"extra_css {c} (a hook writes it)" for c in config.get("extra_css") or [] if c not in css]
    plain["extra_css"] = css
    return plain, removed


def locales(config: dict[str, Any]) -> list[str]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return [str(lang["locale"]) for lang in plugin["i18n"].get("languages") or []]
    return [str((config.get("theme") or {}).get("language") or "en")]


def glossary_template(config: Any) -> str:
    """The glossary file setting wherever the configuration keeps it (a string with 'glossary' and '{locale}')."""
    if isinstance(config, str):
        return config if "glossary" in config and "{locale}" in config else ""
    values = config.values() if isinstance(config, dict) else config if isinstance(config, list) else ()
    for value in values:
        if found := glossary_template(value):
            return found
    return ""


# ---------------------------------------------------------------- running builds


def apply_make_env(project: Path) -> None:
    """Run every command with the environment the project's Makefile exports (as `make serve` would),
    e.g. whether Python may write bytecode, and where."""
    makefile = project / "Makefile"
    lines = makefile.read_text(encoding="utf-8").splitlines() if makefile.exists() else []
    for env in (BUILD_ENV, HTML_ENV, PDF_ENV):
        for line in lines:
            if match := MAKE_EXPORT.match(line):
                env[match[1]] = match[2].replace("$(CURDIR)", str(project))
            elif match := MAKE_UNEXPORT.match(line):
                env.pop(match[1], None)


def project_python(project: Path) -> str:
    python = project / ".venv" / "bin" / "python"
    return str(python) if python.exists() else sys.executable


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(command: list[str], cwd: Path, env: dict[str, str], timeout: float, measure: str = "wall") -> float:
    """Wall time of the command, or with measure="cpu" the CPU time it and its children used (which a
    loaded machine inflates far less: the growth sweep compares small differences)."""
    start, cpu = time.perf_counter(), children_cpu()
    try:
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired as error:
        raise Timeout(f"{' '.join(command[-6:])}: over {timeout:.0f} s") from error
    elapsed, used = time.perf_counter() - start, children_cpu() - cpu
    if done.returncode != 0:
        sys.exit(f"failed ({' '.join(command)} in {cwd}):\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
    return used if measure == "cpu" else elapsed


def html_build(python: str, project: Path, config: Path, timeout: float, measure: str = "wall",
               env: dict[str, str] | None = None) -> float:
    with tempfile.TemporaryDirectory(prefix="bench-build-site-") as out:
        return run_timed([python, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", out], project,
                         {**HTML_ENV, **(env or {})}, timeout, measure)


def site_build(python: str, project: Path, timeout: float, cold: bool = False) -> float:
    """`make site`'s build; `cold`: with no handout cache (every PDF rendered, as on a fresh clone)."""
    env = {**PDF_ENV, "ATLAS_HANDOUTS_CACHE": "0"} if cold else PDF_ENV
    with tempfile.TemporaryDirectory(prefix="bench-build-pdf-") as out:
        return run_timed([python, "scripts/build_site.py", "--strict", "--site-dir", f"{out}/site"],
                         project, env, timeout)


def alternate(jobs: list[Any], runs: int) -> list[list[float]]:
    """Each job `runs` times, alternating (a b a b …) so machine load hits all alike; None marks a timeout."""
    times: list[list[float]] = [[] for _ in jobs]
    dead = [False] * len(jobs)
    for _ in range(runs):
        for index, job in enumerate(jobs):
            if dead[index]:
                continue
            try:
                times[index].append(job())
            except Timeout:
                dead[index] = True
    return [t if not d else [] for t, d in zip(times, dead, strict=True)]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else math.inf


def paired_ratio(numerators: list[float], denominators: list[float]) -> float:
    """The median of the ratios of the builds run one right after the other (rounds of `alternate`).

    Why pairs: the speed of this shared 2-core machine drifts by minutes (the same plain build took 1.3 s
    and 2.5 s within the same quarter of an hour), and the medians of two series can come from different
    phases of it; a pair shares its moment. Infinite when a series timed out."""
    if not numerators or len(numerators) != len(denominators):
        return math.inf
    return statistics.median(a / b for a, b in zip(numerators, denominators, strict=True))


def shown(seconds: float, timeout: float) -> str:
    return f"> {timeout:.0f} s" if math.isinf(seconds) else f"{seconds:.2f} s"


@contextlib.contextmanager
def beside(config: dict[str, Any], project: Path, stem: str):
    """A temporary configuration file beside mkdocs.yml (relative paths still hold), always removed."""
    path = project / f".bench-{stem}-{os.getpid()}.yml"
    try:
        yield write_config(config, path)
    finally:
        path.unlink(missing_ok=True)


# ---------------------------------------------------------------- 2. make serve


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_rebuilds(python: str, project: Path, edits: int, timeout: float,
                   config: str = "mkdocs.yml") -> list[tuple[float, float]]:
    """(save → browsers reloaded, save → change detected) per save; the second part is the file watcher's."""
    page = project / "docs" / SERVE_PAGE
    original = page.read_bytes()
    port = free_port()
    server = subprocess.Popen(
        [python, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}", "-f", config],
        cwd=project, env=HTML_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True)
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def read() -> None:
        assert server.stderr is not None
        for line in server.stderr:
            lines.put((time.monotonic(), line.rstrip()))

    threading.Thread(target=read, daemon=True).start()

    def wait_for(text: str, since: float) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                stamp, line = lines.get(timeout=0.5)
            except queue.Empty:
                if server.poll() is not None:
                    raise RuntimeError(f"mkdocs serve stopped (exit {server.returncode})") from None
                continue
            if "ERROR" in line or "Traceback" in line:
                print(f"   serve: {line}")
            if text in line and stamp >= since:
                return stamp
        raise Timeout(f"no '{text}' within {timeout:.0f} s")

    def settle(quiet: float = 1.5) -> None:
        """Wait until the server has logged nothing for `quiet` seconds: no rebuild is under way, so the
        next save's figure cannot end at the reload of a rebuild that started before it."""
        while True:
            try:
                lines.get(timeout=quiet)
            except queue.Empty:
                return

    times = []
    moments = random.Random(15)  # the same moments in every run of the script
    try:
        wait_for("Serving on", 0.0)
        for n in range(edits + edits % 2):
            settle()
            # MkDocs polls the watched folders every 0.5 s. Saving a fixed time after the last rebuild would
            # lock every save to one phase of that cycle; a person saves at any moment of it.
            time.sleep(moments.uniform(0.0, WATCH_POLL_S))
            saved = time.monotonic()
            page.write_bytes(original + b" " if n % 2 == 0 else original)
            detected = wait_for("Detected file changes", saved)
            done = wait_for("Reloading browsers", detected)
            if n < edits:
                times.append((done - saved, detected - saved))
    finally:
        page.write_bytes(original)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=15)
    return times


# ---------------------------------------------------------------- 4. growth


def term_name(n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    word = ""
    n += 26 * 26  # at least three letters
    while n:
        n, rest = divmod(n, 26)
        word = letters[rest] + word
    return f"glo{word}ine"


def synthetic_project(project: Path, work: Path, pages: int, terms: int) -> Path:
    """A copy of the project's set-up (hooks, overrides, assets, bib) with generated pages and glossaries."""
    target = work / f"site-{pages}p-{terms}t"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(project, target, ignore=lambda d, names: [n for n in names if Path(d) == project and (
        n in SKIP or n.startswith(".bench-"))], symlinks=True)
    config = load_config(project / "mkdocs.yml")
    docs = target / str(config.get("docs_dir") or "docs")
    if (project / "docs" / "assets").exists():
        shutil.copytree(project / "docs" / "assets", docs / "assets", ignore=shutil.ignore_patterns("vendor"))
    rng = random.Random(15)
    names = [term_name(n) for n in range(terms)]
    langs = locales(config)
    template = glossary_template(config) or "includes/glossary.{locale}.md"
    for locale in langs:
        path = target / template.replace("{locale}", locale)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"*[{name}]: Uitleg van {name}, in {locale}: {' '.join(rng.choices(WORDS, k=12))}.\n"
                                for name in names), encoding="utf-8")
    bib = (project / "references.bib").read_text(encoding="utf-8") if (project / "references.bib").exists() else ""
    keys = re.findall(r"^@\w+\{([^,\s]+),", bib, flags=re.MULTILINE)
    default = langs[0]
    for n in range(pages):
        cited = rng.sample(keys, k=min(3, len(keys)))  # a translation cites what its source cites
        for locale in langs:
            suffix = "" if locale == default else f".{locale}"
            paragraphs = []
            for p in range(6):
                words = rng.choices(WORDS, k=60) + rng.sample(names, k=min(8, len(names)))
                rng.shuffle(words)
                cite = f" [@{cited[p // 2]}]" if len(cited) > p // 2 and p % 2 == 0 else ""
                paragraphs.append(" ".join(words).capitalize() + "." + cite)
            body = "\n\n".join(paragraphs)
            (docs / f"page{n}{suffix}.md").write_text(
                f"---\ntitle: Pagina {n}\n---\n\n# Pagina {n}\n\n{body}\n\n## Meer\n\n"
                f"- {' '.join(rng.choices(WORDS, k=8))}\n- {' '.join(rng.choices(names + list(WORDS), k=8))}\n",
                encoding="utf-8")
    for locale in langs:
        suffix = "" if locale == default else f".{locale}"
        (docs / f"index{suffix}.md").write_text("# Start\n\nGegenereerde site.\n", encoding="utf-8")
    config.pop("nav", None)
    write_config(config, target / "mkdocs.yml")
    plain, _ = plain_config(config, target)
    write_config(plain, target / "plain.yml")
    return target


def growth(python: str, project: Path, work: Path, points: list[tuple[int, int]], runs: int,
           timeout: float) -> dict[tuple[int, int], tuple[float, float]]:
    """(pages, terms) -> (median CPU seconds with the project's code, median plain).

    Every build of every size alternates with all the others (round robin), so a burst of load elsewhere
    hits all sizes alike instead of one."""
    sites = [synthetic_project(project, work, pages, terms) for pages, terms in points]
    jobs = [job for site in sites for job in (
        lambda s=site: html_build(python, s, s / "mkdocs.yml", timeout, "cpu"),
        lambda s=site: html_build(python, s, s / "plain.yml", timeout, "cpu"))]
    times = alternate(jobs, runs)
    results = {}
    languages = len(locales(load_config(project / "mkdocs.yml")))
    for index, (pages, terms) in enumerate(points):
        own, plain = median(times[2 * index]), median(times[2 * index + 1])
        results[(pages, terms)] = (own, plain)
        print(f"     {pages:4d} pages × {languages}, {terms:5d} terms: project {shown(own, timeout)}, "
              f"plain {shown(plain, timeout)} (CPU)", flush=True)
    return results


def growth_table(label: str, sizes: list[int], costs: list[float], unit: str) -> bool | None:
    """Print cost per unit and the growth exponent between sizes; True if the last step grows linearly
    (exponent ≤ LINEAR_EXPONENT), None if the costs are too small to tell."""
    print(f"   {label:>6}   cost s   per {unit} ms   cost ratio / size ratio   exponent")
    exponents: list[float | None] = [None]
    for index, (size, cost) in enumerate(zip(sizes, costs, strict=True)):
        ratio, exponent = "", None
        if index and 0 < costs[index - 1] < math.inf and 0 < cost < math.inf:
            exponent = math.log(cost / costs[index - 1]) / math.log(size / sizes[index - 1])
            ratio = f"{cost / costs[index - 1]:.2f} / {size / sizes[index - 1]:.2f}"
        if index:
            exponents.append(exponent)
        cost_s = "timed out" if math.isinf(cost) else f"{cost:6.2f}"
        per = "-" if math.isinf(cost) else f"{1000 * cost / size:8.2f}"
        shown_exponent = "" if exponent is None else f"{exponent:.2f}"
        print(f"   {size:6d}   {cost_s:>8}   {per:>10}   {ratio:>23}   {shown_exponent:>8}")
    if any(math.isinf(c) for c in costs):
        print("   a build timed out: not linear")
        return False
    last = exponents[-1]
    if last is None:
        print("   costs too small (or negative) to compare: unclear")
        return None
    linear = last <= LINEAR_EXPONENT
    print(f"   last step grows as size^{last:.2f}: {'linear' if linear else 'faster than linear'} "
          f"(linear: exponent ≤ {LINEAR_EXPONENT}; the quadratic glossary gives about 2)")
    return linear


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT, help="the checkout to measure (default: this one)")
    parser.add_argument("--runs", type=int, default=5, help="builds per configuration (median)")
    parser.add_argument("--edits", type=int, default=3, help="page saves under `mkdocs serve` (median)")
    parser.add_argument("--quick", action="store_true", help="fewer runs and a smaller growth sweep")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds before one build counts as too slow")
    parser.add_argument("--pages", type=int, nargs="+", help="growth: pages per language (default 50 100 200)")
    parser.add_argument("--terms", type=int, nargs="+", help="growth: glossary sizes (default 100 500 2000)")
    for part in ("real", "serve", "site", "growth"):
        parser.add_argument(f"--skip-{part}", action="store_true")
    args = parser.parse_args()
    project = args.project.resolve()
    if not (project / "mkdocs.yml").exists():
        sys.exit(f"{project}: no mkdocs.yml here; pass --project with the folder of the site to measure")
    runs = 2 if args.quick else args.runs
    python = project_python(project)
    apply_make_env(project)
    config = load_config(project / "mkdocs.yml")
    plain, removed = plain_config(config, project)
    verdicts: list[tuple[str, bool | None]] = []
    print(f"Project {project} (Python {python}); {runs} alternating runs: medians, and ratios as the median "
          f"of each round's pair; load {os.getloadavg()[0]:.1f}")
    exported = {k: v for k, v in HTML_ENV.items() if k.startswith("PYTHON") and k != "PYTHONPATH"}
    print(f"Environment as the Makefile exports it: {exported or 'no PYTHON* variables'}")
    print(f"Plain build = mkdocs.yml without: {', '.join(removed) or 'nothing'}")

    with beside(plain, project, "plain") as plain_yml:
        plain_html = math.inf
        if not args.skip_real:
            print("1. Real site, HTML only (ATLAS_HANDOUTS=0)", flush=True)
            real_yml = project / "mkdocs.yml"
            html_build(python, project, real_yml, args.timeout)  # fills the template cache, as any first build does
            own, uncached, bare = alternate([
                lambda: html_build(python, project, real_yml, args.timeout),
                lambda: html_build(python, project, real_yml, args.timeout, env=NO_TEMPLATE_CACHE),
                lambda: html_build(python, project, plain_yml, args.timeout)], runs)
            own_m, uncached_m, plain_html = median(own), median(uncached), median(bare)
            ratio = paired_ratio(own, bare)
            print(f"   project's build {shown(own_m, args.timeout)}   plain {shown(plain_html, args.timeout)}   "
                  f"ratio {ratio:.2f}× (median of the {len(own)} pairs; of the medians {own_m / plain_html:.2f}×)"
                  f"   (target ≤ {TARGET_REAL_RATIO}×)")
            print(f"   the same without the template cache ({', '.join(NO_TEMPLATE_CACHE)}=0): "
                  f"{shown(uncached_m, args.timeout)} = {paired_ratio(uncached, bare):.2f}× plain: what the "
                  f"project's features cost before the cache takes Material's template compiling off both languages")
            verdicts.append((f"real build ≤ {TARGET_REAL_RATIO}× plain ({ratio:.2f}×)", ratio <= TARGET_REAL_RATIO))
        if not args.skip_serve:
            print(f"2. `make serve`: save docs/{SERVE_PAGE} → 'Reloading browsers' ({args.edits} saves)", flush=True)
            try:
                measured = serve_rebuilds(python, project, args.edits, args.timeout)
                saves = [total for total, _ in measured]
                rebuild, watcher = median(saves), median([seen for _, seen in measured])
                building = median([total - seen for total, seen in measured])
                print(f"   rebuilds {', '.join(f'{s:.2f}' for s in saves)} s   median {rebuild:.2f} s   "
                      f"(target ≤ {TARGET_SERVE_S} s)")
                print(f"   of which save → 'Detected file changes' (the file watcher, before MkDocs starts): median "
                      f"{watcher:.2f} s; detected → reloaded: median {building:.2f} s")
                bare_serve = serve_rebuilds(python, project, args.edits, args.timeout, config=plain_yml.name)
                bare_m = median([total for total, _ in bare_serve])
                bare_building = median([total - seen for total, seen in bare_serve])
                print(f"   the plain configuration served the same way: median {bare_m:.2f} s (detected → reloaded "
                      f"{bare_building:.2f} s); the project's rebuild is {building / bare_building:.2f}× the plain one")
            except (Timeout, RuntimeError) as error:
                rebuild = math.inf
                print(f"   {error}")
            verdicts.append((f"serve rebuild ≤ {TARGET_SERVE_S} s ({shown(rebuild, args.timeout)})",
                             rebuild <= TARGET_SERVE_S))
        if not args.skip_site:
            site_runs = max(1, min(runs, 3))
            print(f"3. `make site` with every PDF (scripts/build_site.py --strict, ATLAS_HANDOUTS=1; {site_runs} runs)",
                  flush=True)
            real_yml = project / "mkdocs.yml"
            site_build(python, project, args.timeout)  # fills the handout cache, as the previous build did
            full, html, cold = alternate([lambda: site_build(python, project, args.timeout),
                                          lambda: html_build(python, project, real_yml, args.timeout),
                                          lambda: site_build(python, project, args.timeout, cold=True)],
                                         site_runs)
            full_m, html_m, cold_m = median(full), median(html), median(cold)
            warm_ratio, cold_ratio = paired_ratio(full, html), paired_ratio(cold, html)
            print(f"   make site, warm handout cache {shown(full_m, args.timeout)}   HTML-only build "
                  f"{shown(html_m, args.timeout)}   ratio {warm_ratio:.2f}×   (target ≤ {TARGET_SITE_WARM_RATIO}×)")
            print(f"   make site, empty handout cache (every PDF rendered anew, as on a fresh clone) "
                  f"{shown(cold_m, args.timeout)}   ratio {cold_ratio:.2f}×   (target ≤ {TARGET_SITE_COLD_RATIO}×)")
            if not math.isinf(plain_html):
                print(f"   against the plain build of 1: warm {full_m / plain_html:.2f}×, empty {cold_m / plain_html:.2f}×")
            verdicts.append((f"make site, warm cache ≤ {TARGET_SITE_WARM_RATIO}× the HTML-only build "
                             f"({warm_ratio:.2f}×)", warm_ratio <= TARGET_SITE_WARM_RATIO))
            verdicts.append((f"make site, empty cache ≤ {TARGET_SITE_COLD_RATIO}× the HTML-only build "
                             f"({cold_ratio:.2f}×)", cold_ratio <= TARGET_SITE_COLD_RATIO))

    if not args.skip_growth:
        growth_runs = 1 if args.quick else max(1, min(runs, 3))
        page_sizes = sorted(args.pages or ([50, 100] if args.quick else [50, 100, 200]))
        term_sizes = sorted(args.terms or ([100, 500] if args.quick else [100, 500, 2000]))
        term_pages = page_sizes[-1]
        print(f"4. Growth: generated site with the project's code vs the same site plain, CPU seconds "
              f"({growth_runs} round-robin runs each; timeout {args.timeout:.0f} s)", flush=True)
        work = Path(tempfile.mkdtemp(prefix="bench-build-growth-"))
        try:
            points = [(term_pages, t) for t in term_sizes] + [(p, term_sizes[0]) for p in page_sizes if p != term_pages]
            results = growth(python, project, work, points, growth_runs, args.timeout)
        finally:
            shutil.rmtree(work, ignore_errors=True)

        def cost(key: tuple[int, int]) -> float:
            own, bare = results[key]
            return own - bare

        print(f"   Terms ({term_pages} pages per language):")
        linear_terms = growth_table("terms", term_sizes, [cost((term_pages, t)) for t in term_sizes], "term")
        print(f"   Pages ({term_sizes[0]} terms):")
        linear_pages = growth_table("pages", page_sizes, [cost((p, term_sizes[0])) for p in page_sizes], "page")
        verdicts.append(("growth linear in terms", linear_terms))
        verdicts.append(("growth linear in pages", linear_pages))

    print(f"Targets (issues 21 and 15; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
    for label, met in verdicts:
        print(f"   {'unclear' if met is None else 'met    ' if met else 'NOT met'}  {label}")


if __name__ == "__main__":
    main()
