"""HTML -> Typst (pandoc with a Lua filter) -> PDF (the typst compiler), in parallel.

Every handout is written to a temporary file beside its destination and renamed into place only
when complete, so a failed render leaves no half-written PDF. Failures come back as values naming
the page, never as tracebacks from a worker process.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import multiprocessing
import os
import re
import site
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import pypandoc
import typst

from atlas.handouts.source import ArticleFacts, BookletCover, booklet_source, handout_source

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_TEMPLATE = PACKAGE_DIR / "template.typ"
LUA_FILTER = PACKAGE_DIR / "handout.lua"
HOOKS_DIR = PACKAGE_DIR.parent.parent  # the folder that holds the `atlas` package

# Image paths in the converted article are absolute file paths; Typst resolves them from here.
TYPST_ROOT = Path(os.path.abspath(os.sep))


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


def article_to_typst(article_html: str) -> str:
    """Convert cleaned article HTML to Typst markup with pandoc and the project's Lua filter."""
    return pypandoc.convert_text(
        article_html, "typst", format="html", filters=[str(LUA_FILTER)], extra_args=["--wrap=none"]
    )


_compiler: typst.Compiler | None = None


def compile_pdf(source: str) -> tuple[bytes, list[str]]:
    """Compile a Typst document to PDF bytes with embedded fonts only; returns warnings too."""
    global _compiler
    if _compiler is None:  # one per process: fonts are loaded once
        _compiler = typst.Compiler(root=str(TYPST_ROOT), ignore_system_fonts=True)
    pdf, warnings = _compiler.compile_with_warnings(
        input=source.encode("utf-8"), format="pdf", timestamp=_timestamp()
    )
    assert isinstance(pdf, bytes)
    return pdf, [_describe(w) for w in warnings]


def _timestamp() -> int | None:
    """Reproducible builds: honour SOURCE_DATE_EPOCH when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(epoch) if epoch.isdigit() else None


def _describe(problem: BaseException) -> str:
    message = getattr(problem, "message", None) or str(problem)
    hints = getattr(problem, "hints", None) or []
    return " ".join([message.strip(), *(f"(hint: {h})" for h in hints)])


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
# or compiled again (pandoc's start-up and Typst's compile are most of `make site`). Every input is in the
# key: the HTML, the Lua filter and pandoc binary for the Typst body; the whole Typst source, the files it
# embeds (images by absolute path), the Typst version and SOURCE_DATE_EPOCH for the PDF.
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
    try:
        return _file_state(pypandoc.get_pandoc_path())
    except OSError:
        return "pandoc:unknown"


def _typst_key(article_html: str) -> str:
    return _fingerprint("typst", _pandoc_state(), LUA_FILTER.read_bytes(), article_html)


def _pdf_key(source: str) -> str:
    embedded = [(found, Path(found).read_bytes() if Path(found).is_file() else b"")
                for found in sorted(set(_IMAGE_PATH.findall(source)))]
    tools = (str(getattr(typst, "__version__", "")), os.environ.get("SOURCE_DATE_EPOCH", ""))
    return _fingerprint("pdf", *tools, source, *(part for pair in embedded for part in pair))


def cached_typst_body(article_html: str, cache: Path | None) -> str:
    """`article_to_typst`, reusing an earlier conversion of the same article with the same tools."""
    if cache is None:
        return article_to_typst(article_html)
    path = cache / f"{_typst_key(article_html)}.typ"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        body = article_to_typst(article_html)
        write_atomically(path, body.encode("utf-8"))
        return body


def cached_pdf(source: str, cache: Path | None) -> tuple[bytes, list[str]]:
    """`compile_pdf`, reusing an earlier PDF (and its warnings) of the same source and embedded files."""
    if cache is None:
        return compile_pdf(source)
    key = _pdf_key(source)
    pdf_path, notes_path = cache / f"{key}.pdf", cache / f"{key}.warnings"
    try:
        notes = notes_path.read_text(encoding="utf-8")
        return pdf_path.read_bytes(), [line for line in notes.split("\n") if line]
    except OSError:
        pdf, warnings = compile_pdf(source)
        write_atomically(notes_path, "\n".join(warnings).encode("utf-8"))
        write_atomically(pdf_path, pdf)
        return pdf, warnings


def reuse_handout(job: HandoutJob) -> Rendered | None:
    """The handout from the cache alone (no pandoc, no Typst, no worker process), or None."""
    if job.cache is None:
        return None
    started = time.perf_counter()
    try:
        body = (job.cache / f"{_typst_key(job.html)}.typ").read_text(encoding="utf-8")
        key = _pdf_key(handout_source(job.template, job.facts, job.disclaimer, body))
        pdf = (job.cache / f"{key}.pdf").read_bytes()
        notes = (job.cache / f"{key}.warnings").read_text(encoding="utf-8")
        write_atomically(job.output, pdf)
    except OSError:
        return None
    warnings = tuple(line for line in notes.split("\n") if line)
    return Rendered(job.page, job.output, time.perf_counter() - started, body, None, warnings)


def render_handout(job: HandoutJob) -> Rendered:
    """Render one article; any failure is returned, and no file is left at `job.output`."""
    started = time.perf_counter()
    body = ""
    try:
        body = cached_typst_body(job.html, job.cache)
        pdf, warnings = cached_pdf(handout_source(job.template, job.facts, job.disclaimer, body), job.cache)
        write_atomically(job.output, pdf)
    except Exception as problem:  # pandoc, typst or the disk: reported with the page's name
        job.output.unlink(missing_ok=True)
        return Rendered(job.page, job.output, time.perf_counter() - started, body, _describe(problem))
    return Rendered(job.page, job.output, time.perf_counter() - started, body, None, tuple(warnings))


def render_booklet(job: BookletJob, articles: Sequence[tuple[ArticleFacts, str]]) -> Rendered:
    started = time.perf_counter()
    try:
        pdf, warnings = cached_pdf(booklet_source(job.template, job.cover, articles), job.cache)
        write_atomically(job.output, pdf)
    except Exception as problem:
        job.output.unlink(missing_ok=True)
        return Rendered(job.output.name, job.output, time.perf_counter() - started, "", _describe(problem))
    return Rendered(job.output.name, job.output, time.perf_counter() - started, "", None, tuple(warnings))


def _booklet_task(job: BookletJob, articles: list[tuple[ArticleFacts, str]]) -> Rendered:
    return render_booklet(job, articles)


def render_all(
    jobs: Sequence[HandoutJob],
    booklet: BookletJob | None = None,
    workers: int | None = None,
    on_done: Callable[[Rendered], None] | None = None,
) -> list[Rendered]:
    """Render every handout (in parallel when there is more than one worker), then the booklet.

    Results come back in the order of `jobs`, the booklet last. The booklet is only made when every
    handout succeeded: it reuses their Typst, and a booklet missing an article would be a silent loss.
    """
    report = on_done or (lambda _result: None)
    reused = [reuse_handout(job) for job in jobs]
    if all(result is not None for result in reused):  # nothing changed: no worker process is started
        results = [result for result in reused if result is not None]
        for result in results:
            report(result)
        if booklet is not None:
            results.append(render_booklet(booklet, _articles(jobs, results)))
            report(results[-1])
        return results
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs) or 1))
    if workers == 1:
        results = [render_handout(job) for job in jobs]
        for result in results:
            report(result)
        if booklet is not None and all(r.error is None for r in results):
            results.append(render_booklet(booklet, _articles(jobs, results)))
            report(results[-1])
        return results
    pool = _pool(workers)
    results: list[Rendered] = []
    try:
        futures = [pool.submit(render_handout, job) for job in jobs]
        for future in futures:
            results.append(future.result())
            report(results[-1])
        if booklet is not None and all(r.error is None for r in results):
            results.append(pool.submit(_booklet_task, booklet, _articles(jobs, results)).result())
            report(results[-1])
    except BrokenProcessPool as crash:  # a worker died (out of memory, a crash in a native library)
        _pools.pop(workers, None)
        for job in jobs[len(results):]:
            job.output.unlink(missing_ok=True)
            problem = f"the PDF renderer process crashed ({crash})"
            results.append(Rendered(job.page, job.output, 0.0, "", problem))
    return results


def _articles(jobs: Sequence[HandoutJob], results: Sequence[Rendered]) -> list[tuple[ArticleFacts, str]]:
    return [(job.facts, result.typst_body) for job, result in zip(jobs, results, strict=True)]


_pools: dict[int, ProcessPoolExecutor] = {}


def _pool(workers: int) -> ProcessPoolExecutor:
    """A pool kept for the whole process: static-i18n builds once per language, serve rebuilds often.

    Workers come from a fork server, not a plain fork: the typst compiler runs threads, and a
    process forked from one that has used it can deadlock.
    """
    if workers not in _pools:
        _pools[workers] = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_process_context(),
            # MkDocs puts hooks/ on sys.path only while it imports a hook: give it to the workers
            initializer=site.addsitedir,
            initargs=(str(HOOKS_DIR),),
        )
        atexit.register(_pools[workers].shutdown, wait=True, cancel_futures=True)
    return _pools[workers]


def _process_context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")
