"""Render handouts and booklets: HTML -> Typst (`convert`, pandoc) -> PDF (`compile`, Typst), reusing
results by content (`cache`), in worker processes (`workers`) ordered by `schedule`.

Every handout is written to a temporary file beside its destination and renamed into place only
when complete, so a failed render leaves no half-written PDF. Failures come back as values naming
the page, never as tracebacks from a worker process.
"""

from __future__ import annotations

import bisect
import os
import time
from collections.abc import Callable, Sequence

from atlas.handouts import cache, workers
from atlas.handouts.compile import PDF_STANDARDS, TypstFailed, compile_pdf, describe
from atlas.handouts.convert import LUA_FILTER, article_to_typst, convert_article
from atlas.handouts.jobs import (
    DEFAULT_TEMPLATE,
    BookletJob,
    HandoutFailed,
    HandoutJob,
    Problem,
    Rendered,
    failed_render,
    typst_root,
)
from atlas.handouts.pdf_tags import DEFAULT_LINK_TO
from atlas.handouts.schedule import InlineExecutor, Renderer, Scheduler, ordered_results
from atlas.handouts.source import ArticleFacts, article_starts, booklet_source, handout_source

__all__ = [  # the renderer's public face (the jobs, converter and compiler are re-exported for callers)
    "DEFAULT_TEMPLATE", "LUA_FILTER", "PDF_STANDARDS", "RENDERER", "BookletJob", "HandoutFailed",
    "HandoutJob", "Problem", "Rendered", "TypstFailed", "article_to_typst", "compile_pdf", "convert_article",
    "failed_render", "render_all", "render_booklet", "render_handout", "reuse_booklet", "reuse_handout",
    "scheduler", "shutdown_pools",
]

shutdown_pools = workers.shutdown_pools


def _booklet_images(articles: Sequence[tuple[ArticleFacts, str]]) -> list[str]:
    return [found for _facts, body in articles for found in cache.image_references(body)]


def _link_to(label: str) -> str:
    """How internal links are described (`pdf_tags`): the label, or the heading's text alone."""
    return label or DEFAULT_LINK_TO


def reuse_handout(job: HandoutJob) -> Rendered | None:
    """The handout from the cache alone (no pandoc, no Typst, no worker process), or None."""
    if job.cache is None:
        return None
    started = time.perf_counter()
    root = typst_root(job)
    try:
        body, pandoc_warnings = cache.read_body(job.cache, job.html)
        source = handout_source(job.template, job.facts, job.disclaimer, body)
        key = cache.pdf_key(source, root, cache.image_references(body), _link_to(job.facts.link_to))
        pdf, warnings = cache.read_pdf(job.cache, key)
        cache.write_atomically(job.output, pdf)
    except (OSError, ValueError):  # absent, or not as recorded (render_handout says so)
        return None
    described = (*pandoc_warnings, *(w.describe() for w in warnings))
    return Rendered(job.page, job.output, time.perf_counter() - started, body, None, described)


def render_handout(job: HandoutJob) -> Rendered:
    """Render one article; any failure is returned, and no file is left at `job.output`."""
    started = time.perf_counter()
    body = ""
    notes: list[str] = []
    root = typst_root(job)
    try:
        body, pandoc_warnings = cache.cached_convert(job.html, job.cache, notes)
        source = handout_source(job.template, job.facts, job.disclaimer, body)
        pdf, warnings = cache.cached_compile(source, job.cache, root, cache.image_references(body), notes,
                                             _link_to(job.facts.link_to))
        cache.write_atomically(job.output, pdf)
    except Exception as problem:  # pandoc, typst or the disk: reported with the page's name
        job.output.unlink(missing_ok=True)
        return Rendered(job.page, job.output, time.perf_counter() - started, body, describe(problem),
                        notes=tuple(notes))
    described = (*pandoc_warnings, *(w.describe() for w in warnings))
    return Rendered(job.page, job.output, time.perf_counter() - started, body, None, described, tuple(notes))


def render_booklet(
    job: BookletJob, articles: Sequence[tuple[ArticleFacts, str]], pages: Sequence[str] = ()
) -> Rendered:
    """Render the booklet; a problem inside an article names that article's page (from `pages`)."""
    started = time.perf_counter()
    source = ""
    notes: list[str] = []
    try:
        source = booklet_source(job.template, job.cover, articles)
        images = _booklet_images(articles)
        pdf, warnings = cache.cached_compile(source, job.cache, typst_root(job), images, notes,
                                             _link_to(job.cover.link_to))
        cache.write_atomically(job.output, pdf)
    except Exception as problem:
        job.output.unlink(missing_ok=True)
        where = _article_at(source, pages, problem.problem.line) if isinstance(problem, TypstFailed) else ""
        message = problem.problem.describe(where) if isinstance(problem, TypstFailed) else describe(problem)
        return Rendered(job.output.name, job.output, time.perf_counter() - started, "", message,
                        notes=tuple(notes))
    described = tuple(w.describe(_article_at(source, pages, w.line)) for w in warnings)
    return Rendered(job.output.name, job.output, time.perf_counter() - started, "", None, described,
                    tuple(notes))


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
        key = cache.pdf_key(source, typst_root(job), _booklet_images(articles), _link_to(job.cover.link_to))
        pdf, warnings = cache.read_pdf(job.cache, key)
        cache.write_atomically(job.output, pdf)
    except Exception:  # not in the cache, or a problem render_booklet will report in full
        return None
    described = tuple(w.describe(_article_at(source, pages, w.line)) for w in warnings)
    return Rendered(job.output.name, job.output, time.perf_counter() - started, "", None, described)


# The real renderer for the scheduler (atlas.handouts.schedule): module-level functions, so that a
# process pool can send them to its workers.
RENDERER = Renderer(
    handout=render_handout,
    booklet=render_booklet,
    failed=failed_render,
    reuse_handout=reuse_handout,
    reuse_booklet=reuse_booklet,
)


def scheduler(count: int | None = None, renderer: Renderer = RENDERER) -> Scheduler:
    """A scheduler rendering with `count` processes (one: in this process, no pool at all)."""
    processes = max(1, count or os.cpu_count() or 1)
    if processes == 1:
        return Scheduler(renderer, InlineExecutor)
    return Scheduler(renderer, lambda: workers.pool(processes),
                     on_broken=lambda: workers.forget_pool(processes))


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
