"""HTML -> Typst (pandoc with the Lua filter `handout.lua`) -> PDF (the typst compiler), in parallel.

Pandoc is the one HTML -> Typst converter: its bodies are cached by article, filter and pandoc binary,
so a build converts only the articles that changed.

Every PDF is compiled as PDF/UA-1 (accessible) and PDF/A-2a (archival): Typst then refuses a document
without title or language, an image without alt text, or skipped heading levels, and the failure
names the page. Typst's warnings come back with the page (for the booklet: the article) and the text
they are about, for the hook to log as warnings.

Every handout is written to a temporary file beside its destination and renamed into place only
when complete, so a failed render leaves no half-written PDF. Failures come back as values naming
the page, never as tracebacks from a worker process.
"""

from __future__ import annotations

import atexit
import bisect
import functools
import hashlib
import json
import logging
import multiprocessing
import os
import re
import site
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typst

from atlas.handouts.schedule import InlineExecutor, Renderer, Scheduler, ordered_results
from atlas.handouts.source import ArticleFacts, BookletCover, article_starts, booklet_source, handout_source

log = logging.getLogger("mkdocs.hooks.handouts.render")

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_TEMPLATE = PACKAGE_DIR / "template.typ"
LUA_FILTER = PACKAGE_DIR / "handout.lua"
HOOKS_DIR = PACKAGE_DIR.parent.parent  # the folder that holds the `atlas` package

# Image paths in the converted article are absolute file paths; Typst resolves them from here.
TYPST_ROOT = Path(os.path.abspath(os.sep))
# The handouts' text font (Atkinson Hyperlegible, OFL), shipped beside the template: see fonts/README.md.
FONTS = Path(__file__).resolve().parent / "fonts"

# Accessible (ISO 14289-1) and archival, level A (ISO 19005-2: tagged, Unicode text).
PDF_STANDARDS: tuple[str, ...] = ("a-2a", "ua-1")

EXCERPT_CHARS = 60  # how much of the Typst line a message quotes before the spot it is about


@dataclass(frozen=True)
class HandoutJob:
    """Everything one article's handout needs, collected while the site is built."""

    page: str  # the source file, for messages: `docs/leucine.md`
    html: str  # the cleaned article HTML
    facts: ArticleFacts
    disclaimer: str
    output: Path
    template: str
    cache: Path | None = None  # folder of earlier results by content (None: always render)


@dataclass(frozen=True)
class BookletJob:
    cover: BookletCover
    output: Path
    template: str
    cache: Path | None = None


@dataclass(frozen=True)
class Problem:
    """A Typst error or warning: its message and hints, and where in the Typst source it is (0: unknown)."""

    message: str
    line: int = 0
    excerpt: str = ""

    def describe(self, where: str = "") -> str:
        place = f" ({where})" if where else ""
        near = f", near \u201c{self.excerpt}\u201d" if self.excerpt else ""
        return f"{self.message}{near}{place}"


@dataclass(frozen=True)
class Rendered:
    """The outcome of one render: `error` is None on success."""

    page: str
    output: Path
    seconds: float
    typst_body: str = ""
    error: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


class HandoutFailed(RuntimeError):
    """A handout could not be rendered; the message names the page."""


def pandoc_article_to_typst(article_html: str) -> str:
    """Convert cleaned article HTML to Typst markup with pandoc and the project's Lua filter."""
    import pypandoc  # only when pandoc is needed: importing it costs more than most conversions

    return pypandoc.convert_text(
        article_html, "typst", format="html", filters=[str(LUA_FILTER)], extra_args=["--wrap=none"]
    )


def article_to_typst(article_html: str) -> str:
    """Convert cleaned article HTML to Typst markup (pandoc with `handout.lua`)."""
    return convert_article(article_html)[0]


class _PandocMessages(logging.Handler):
    """pypandoc logs pandoc's warnings to a console handler of its own, which would print them past
    MkDocs (and past --strict). This handler takes its place and keeps them for the render result."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()))


_pandoc_messages = _PandocMessages()
_pandoc_log = logging.getLogger("pypandoc")
_pandoc_log.addHandler(_pandoc_messages)  # a handler present: pypandoc adds no console handler
_pandoc_log.propagate = False


def convert_article(article_html: str) -> tuple[str, list[str]]:
    """The article's Typst body (pandoc with `handout.lua`), and the warnings pandoc gave."""
    del _pandoc_messages.messages[:]
    body = pandoc_article_to_typst(article_html)
    return body, [f"pandoc: {message}" for message in _pandoc_messages.messages]


_compiler: typst.Compiler | None = None


class TypstFailed(RuntimeError):
    """Typst refused the document; `problem` says why and where."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.describe())
        self.problem = problem


def compile_pdf(source: str, standards: Sequence[str] = PDF_STANDARDS) -> tuple[bytes, list[Problem]]:
    """Compile a Typst document to a PDF/UA-1 and PDF/A-2a file with embedded fonts only.

    Returns the PDF and Typst's warnings; raises TypstFailed when Typst refuses the document.
    (`standards` is there for the benchmark, which measures what the standards cost.)
    """
    global _compiler
    if _compiler is None:  # one per process: fonts are loaded once
        _compiler = typst.Compiler(root=str(TYPST_ROOT), ignore_system_fonts=True, font_paths=[str(FONTS)])
    try:
        pdf, warnings = _compiler.compile_with_warnings(
            input=source.encode("utf-8"), format="pdf", timestamp=_timestamp(),
            pdf_standards=list(standards),
        )
    except typst.TypstError as error:
        raise TypstFailed(_problem(error, source)) from None
    assert isinstance(pdf, bytes)
    return pdf, [_problem(w, source) for w in warnings]


def _timestamp() -> int | None:
    """Reproducible builds: honour SOURCE_DATE_EPOCH when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(epoch) if epoch.isdigit() else None


def _describe(problem: BaseException) -> str:
    if isinstance(problem, TypstFailed):
        return problem.problem.describe()
    message = getattr(problem, "message", None) or str(problem)
    hints = getattr(problem, "hints", None) or []
    return " ".join([message.strip(), *(f"(hint: {h})" for h in hints)])


_LOCATION = re.compile(r"\u250c\u2500 [^\n]*?:(\d+):(\d+)")  # "┌─ file.typ:216:331" in Typst's diagnostic


def _problem(diagnostic: BaseException, source: str) -> Problem:
    """Typst's error or warning with the text of the source line it points at."""
    found = _LOCATION.search(getattr(diagnostic, "diagnostic", "") or "")
    if not found:
        return Problem(_describe(diagnostic))
    line, column = int(found.group(1)), int(found.group(2))
    lines = source.splitlines()
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    excerpt = " ".join(text[max(0, column - 1 - EXCERPT_CHARS):column + 20].split())
    return Problem(_describe(diagnostic), line, excerpt)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# Content-addressed results: a handout whose article, template and tools are unchanged is not converted
# or compiled again (Typst's compile is most of `make site`). Every input is in the key: the HTML, the
# pandoc binary and the Lua filter for the Typst body; the whole
# Typst source, the files it embeds (images by absolute path), the Typst version, the PDF standards and
# SOURCE_DATE_EPOCH for the PDF. Warnings are kept beside each result, so a reused result reports them
# again (and --strict fails again) instead of hiding them.
_IMAGE_PATH = re.compile(r'image\("([^"]+)"')


def _fingerprint(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _file_state(path: str | Path) -> str:
    try:
        stat = os.stat(path)
    except OSError:
        return f"{path}:missing"
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


@functools.lru_cache(maxsize=1)
def _pandoc_state() -> str:
    import pypandoc

    try:
        return _file_state(pypandoc.get_pandoc_path())
    except OSError:
        return "pandoc:unknown"


def _typst_key(article_html: str) -> str:
    return _fingerprint("typst", _pandoc_state(), LUA_FILTER.read_bytes(), article_html)


def _pdf_key(source: str) -> str:
    embedded = [(found, Path(found).read_bytes() if Path(found).is_file() else b"")
                for found in sorted(set(_IMAGE_PATH.findall(source)))]
    tools = (str(getattr(typst, "__version__", "")), ",".join(PDF_STANDARDS),
             os.environ.get("SOURCE_DATE_EPOCH", ""), *sorted(_file_state(f) for f in FONTS.glob("*.ttf")))
    return _fingerprint("pdf", *tools, source, *(part for pair in embedded for part in pair))


def _read_body(cache: Path, article_html: str) -> tuple[str, list[str]]:
    """An earlier conversion and its pandoc warnings; OSError or ValueError when there is none."""
    key = _typst_key(article_html)
    body = (cache / f"{key}.typ").read_text(encoding="utf-8")
    notes = json.loads((cache / f"{key}.pandoc.json").read_text(encoding="utf-8"))
    if not isinstance(notes, dict) or not isinstance(notes.get("warnings"), list):
        raise ValueError("not a conversion record")
    return body, [str(warning) for warning in notes["warnings"]]


def cached_convert(article_html: str, cache: Path | None) -> tuple[str, list[str]]:
    """`convert_article`, reusing an earlier conversion of the same article with the same tools."""
    if cache is None:
        return convert_article(article_html)
    try:
        return _read_body(cache, article_html)
    except (OSError, ValueError):
        body, warnings = convert_article(article_html)
        key = _typst_key(article_html)
        notes = {"warnings": warnings}
        write_atomically(cache / f"{key}.pandoc.json", json.dumps(notes).encode("utf-8"))
        write_atomically(cache / f"{key}.typ", body.encode("utf-8"))
        return body, warnings


def _read_pdf(cache: Path, source: str) -> tuple[bytes, list[Problem]]:
    """An earlier PDF of the same source and its Typst warnings; OSError when there is none."""
    key = _pdf_key(source)
    notes = json.loads((cache / f"{key}.warnings.json").read_text(encoding="utf-8"))
    return (cache / f"{key}.pdf").read_bytes(), [Problem(*note) for note in notes]


def cached_compile(source: str, cache: Path | None) -> tuple[bytes, list[Problem]]:
    """`compile_pdf`, reusing an earlier PDF (and its warnings) of the same source and embedded files."""
    if cache is None:
        return compile_pdf(source)
    try:
        return _read_pdf(cache, source)
    except (OSError, ValueError, TypeError):
        pdf, warnings = compile_pdf(source)
        key = _pdf_key(source)
        notes = [[w.message, w.line, w.excerpt] for w in warnings]
        write_atomically(cache / f"{key}.warnings.json", json.dumps(notes).encode("utf-8"))
        write_atomically(cache / f"{key}.pdf", pdf)
        return pdf, warnings


def reuse_handout(job: HandoutJob) -> Rendered | None:
    """The handout from the cache alone (no pandoc, no Typst, no worker process), or None."""
    if job.cache is None:
        return None
    started = time.perf_counter()
    try:
        body, pandoc_warnings = _read_body(job.cache, job.html)
        pdf, warnings = _read_pdf(job.cache, handout_source(job.template, job.facts, job.disclaimer, body))
        write_atomically(job.output, pdf)
    except (OSError, ValueError, TypeError):
        return None
    described = (*pandoc_warnings, *(w.describe() for w in warnings))
    return Rendered(job.page, job.output, time.perf_counter() - started, body, None, described)


def render_handout(job: HandoutJob) -> Rendered:
    """Render one article; any failure is returned, and no file is left at `job.output`."""
    started = time.perf_counter()
    body = ""
    try:
        body, pandoc_warnings = cached_convert(job.html, job.cache)
        source = handout_source(job.template, job.facts, job.disclaimer, body)
        pdf, warnings = cached_compile(source, job.cache)
        write_atomically(job.output, pdf)
    except Exception as problem:  # pandoc, typst or the disk: reported with the page's name
        job.output.unlink(missing_ok=True)
        return Rendered(job.page, job.output, time.perf_counter() - started, body, _describe(problem))
    described = (*pandoc_warnings, *(w.describe() for w in warnings))
    return Rendered(job.page, job.output, time.perf_counter() - started, body, None, described)


def render_booklet(
    job: BookletJob, articles: Sequence[tuple[ArticleFacts, str]], pages: Sequence[str] = ()
) -> Rendered:
    """Render the booklet; a problem inside an article names that article's page (from `pages`)."""
    started = time.perf_counter()
    source = ""
    try:
        source = booklet_source(job.template, job.cover, articles)
        pdf, warnings = cached_compile(source, job.cache)
        write_atomically(job.output, pdf)
    except Exception as problem:
        job.output.unlink(missing_ok=True)
        where = _article_at(source, pages, problem.problem.line) if isinstance(problem, TypstFailed) else ""
        message = problem.problem.describe(where) if isinstance(problem, TypstFailed) else _describe(problem)
        return Rendered(job.output.name, job.output, time.perf_counter() - started, "", message)
    described = tuple(w.describe(_article_at(source, pages, w.line)) for w in warnings)
    return Rendered(job.output.name, job.output, time.perf_counter() - started, "", None, described)


def _article_at(source: str, pages: Sequence[str], line: int) -> str:
    """The page whose article holds `line` of a booklet's source ("" before the first or if unknown)."""
    starts = article_starts(source)
    index = bisect.bisect_right(starts, line) - 1
    return f"in the article of {pages[index]}" if line and 0 <= index < len(pages) else ""


def reuse_booklet(
    job: BookletJob, articles: Sequence[tuple[ArticleFacts, str]], pages: Sequence[str] = ()
) -> Rendered | None:
    """The booklet from the cache alone (no Typst, no worker process), or None."""
    if job.cache is None:
        return None
    started = time.perf_counter()
    try:
        source = booklet_source(job.template, job.cover, articles)
        pdf, warnings = _read_pdf(job.cache, source)
        write_atomically(job.output, pdf)
    except Exception:  # not in the cache, or a problem render_booklet will report in full
        return None
    described = tuple(w.describe(_article_at(source, pages, w.line)) for w in warnings)
    return Rendered(job.output.name, job.output, time.perf_counter() - started, "", None, described)


def failed_render(job: HandoutJob | BookletJob | Any, reason: str) -> Rendered:
    """The result of a job whose worker never answered: no file is left at its output."""
    job.output.unlink(missing_ok=True)
    page = getattr(job, "page", "") or job.output.name  # a booklet is named by its file
    return Rendered(page, job.output, 0.0, "", reason)


# The real renderer for the scheduler (atlas.handouts.schedule): module-level functions, so that a
# process pool can send them to its workers.
RENDERER = Renderer(
    handout=render_handout,
    booklet=render_booklet,
    failed=failed_render,
    reuse_handout=reuse_handout,
    reuse_booklet=reuse_booklet,
)


def scheduler(workers: int | None = None, renderer: Renderer = RENDERER) -> Scheduler:
    """A scheduler rendering with `workers` processes (one: in this process, no pool at all)."""
    count = max(1, workers or os.cpu_count() or 1)
    if count == 1:
        return Scheduler(renderer, InlineExecutor)
    return Scheduler(renderer, lambda: _pool(count), on_broken=lambda: _forget_pool(count))


def render_all(
    jobs: Sequence[HandoutJob],
    booklet: BookletJob | None = None,
    workers: int | None = None,
    on_done: Callable[[Rendered], None] | None = None,
) -> list[Rendered]:
    """Render every handout (in parallel when there is more than one worker), then the booklet.

    Results come back in the order of `jobs`, the booklet last. The booklet is only made when every
    handout succeeded: it reuses their Typst, and a booklet missing an article would be a silent loss.
    A handout the cache holds needs no worker: when every one is cached, no process is started.
    """
    runner = scheduler(max(1, min(workers or os.cpu_count() or 1, len(jobs) or 1)))
    runner.open("", booklet)
    for index, job in enumerate(jobs):
        runner.add(job, index)
    results = ordered_results(runner.finish())
    for result in results:
        (on_done or (lambda _result: None))(result)
    return results


_pools: dict[int, ProcessPoolExecutor] = {}


def _pool(workers: int) -> ProcessPoolExecutor:
    """A pool kept for the whole process: static-i18n builds once per language, serve rebuilds often.

    Workers come from a fork server, not a plain fork: the typst compiler runs threads, and a
    process forked from one that has used it can deadlock. They start when the pool is made (one
    small task each), so their start-up overlaps whatever the build does next.
    """
    if workers not in _pools:
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_process_context(),
            # MkDocs puts hooks/ on sys.path only while it imports a hook: give it to the workers
            initializer=site.addsitedir,
            initargs=(str(HOOKS_DIR),),
        )
        for _ in range(workers):  # each submit to a pool without an idle worker starts one
            pool.submit(_ready)
        _pools[workers] = pool
        atexit.register(pool.shutdown, wait=True, cancel_futures=True)
    return _pools[workers]


def _forget_pool(workers: int) -> None:
    """A worker died and the pool is broken: the next job gets a new one."""
    broken = _pools.pop(workers, None)
    if broken is not None:
        broken.shutdown(wait=False, cancel_futures=True)


def _ready() -> bool:
    """A worker's first task: by now it has imported this module (typst, pypandoc) to run it."""
    return True


def shutdown_pools() -> None:
    """Stop every worker (at the end of `mkdocs serve`; a plain exit does the same through atexit)."""
    while _pools:
        _workers, pool = _pools.popitem()
        pool.shutdown(wait=True, cancel_futures=True)


def _process_context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _end_with_the_build() -> None:
    """In a worker: exit as soon as the process that started the pool is gone.

    A `mkdocs serve` stopped with SIGTERM (an editor's stop button, `timeout`) runs no clean-up, and
    a pool's workers would otherwise wait for work for ever (each holds its own end of the task queue,
    so it never sees the queue close). In the build process itself this does nothing.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def wait_for_parent() -> None:
        parent.join()
        os._exit(0)

    threading.Thread(target=wait_for_parent, name="atlas-end-with-build", daemon=True).start()


_end_with_the_build()  # every worker imports this module to run its first task
