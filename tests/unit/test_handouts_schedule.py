"""The handout scheduler with a fake renderer and an executor the test runs by hand: results in their
order whatever order the work finishes in, a booklet only after its own handouts, cached jobs without a
worker, failures and crashes reported with the page, an abandoned build that leaves nothing running."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from atlas.handouts.render import BookletJob, HandoutJob, Rendered
from atlas.handouts.schedule import InlineExecutor, Renderer, Scheduler, ordered_results
from atlas.handouts.source import ArticleFacts, BookletCover


class HandExecutor(Executor):
    """Holds every submitted job until the test runs it (in any order it likes)."""

    def __init__(self) -> None:
        self.queue: list[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]] = []
        self.broken = False

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if self.broken:
            raise BrokenProcessPool("a worker died")
        future: Future[Any] = Future()
        self.queue.append((future, fn, args))
        return future

    def names(self) -> list[str]:
        """What is waiting, by the page (or booklet) it renders."""
        return [_name(args[0]) for future, _fn, args in self.queue if not future.done()]

    def run(self, name: str) -> None:
        for future, fn, args in self.queue:
            if _name(args[0]) == name and not future.done():
                future.set_running_or_notify_cancel()
                future.set_result(fn(*args))
                return
        raise AssertionError(f"{name} was not submitted (waiting: {self.names()})")

    def run_all(self) -> None:
        for name in self.names():
            self.run(name)


def _name(job: HandoutJob | BookletJob) -> str:
    return job.page if isinstance(job, HandoutJob) else job.output.name


class Log:
    """The fake renderer: records what it rendered, fails pages named `broken`."""

    def __init__(self, cached: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        self.rendered: list[str] = []
        self.booklets: list[tuple[str, list[str], list[str]]] = []  # (booklet, bodies, pages)
        self.cached = cached

    def handout(self, job: HandoutJob) -> Rendered:
        self.rendered.append(job.page)
        error = "Typst refused it" if "broken" in job.page else None
        return Rendered(job.page, job.output, 0.1, f"body of {job.page}", error)

    def booklet(self, job: BookletJob, articles: list[tuple[ArticleFacts, str]],
                pages: list[str]) -> Rendered:
        self.booklets.append((job.output.name, [body for _facts, body in articles], list(pages)))
        return Rendered(job.output.name, job.output, 0.2)

    def reuse_handout(self, job: HandoutJob) -> Rendered | None:
        if job.page not in self.cached:
            return None
        return Rendered(job.page, job.output, 0.0, f"body of {job.page}")

    def reuse_booklet(self, job: BookletJob, articles: list[tuple[ArticleFacts, str]],
                      pages: list[str]) -> Rendered | None:
        if job.output.name not in self.cached:
            return None
        return Rendered(job.output.name, job.output, 0.0)

    def failed(self, job: HandoutJob | BookletJob, reason: str) -> Rendered:
        return Rendered(_name(job), job.output, 0.0, "", reason)

    def renderer(self) -> Renderer:
        return Renderer(self.handout, self.booklet, self.failed, self.reuse_handout, self.reuse_booklet)


FACTS = ArticleFacts("T", "Site", "en", "English", "Reviewed", "2026-11-21", "https://example.org/", "", "QR")
COVER = BookletCover("Atlas", "Site", "en", "English", "Contents", "https://example.org/", "", "D.", "QR")


def handout(page: str, tmp_path: Path) -> HandoutJob:
    return HandoutJob(page, "<h1>T</h1>", FACTS, "D.", tmp_path / f"{page}.pdf", "template")


def booklet(lang: str, tmp_path: Path) -> BookletJob:
    return BookletJob(COVER, tmp_path / f"atlas-{lang}.pdf", "template")


def scheduler(log: Log, executor: Executor, started: list[int] | None = None) -> Scheduler:
    def make() -> Executor:
        if started is not None:
            started.append(1)
        return executor

    return Scheduler(log.renderer(), make)


def test_results_come_in_page_order_whatever_order_the_workers_finish_in(tmp_path: Path) -> None:
    log, pool = Log(), HandExecutor()
    runner = scheduler(log, pool)
    runner.open("nl", booklet("nl", tmp_path))
    for order, page in [(2, "c.md"), (0, "a.md"), (1, "b.md")]:  # built in another order than the nav
        runner.add(handout(page, tmp_path), order)
    runner.close()
    for page in ["b.md", "c.md", "a.md"]:
        pool.run(page)
    runner.poll()
    assert pool.names() == ["atlas-nl.pdf"]  # every handout done: the booklet went in without a wait
    pool.run("atlas-nl.pdf")
    (group,) = runner.finish()
    assert [r.page for r in group.results] == ["a.md", "b.md", "c.md", "atlas-nl.pdf"]
    assert log.booklets == [("atlas-nl.pdf", ["body of a.md", "body of b.md", "body of c.md"],
                             ["a.md", "b.md", "c.md"])]
    assert group.name == "nl" and group.rendered == 4


def test_handouts_are_handed_in_as_pages_come_and_the_booklet_only_after_its_own(tmp_path: Path) -> None:
    log, pool = Log(), HandExecutor()
    runner = scheduler(log, pool)
    runner.open("nl", booklet("nl", tmp_path))
    runner.add(handout("a.md", tmp_path), 0)
    assert pool.names() == ["a.md"]  # at once, not at the end of the build
    pool.run("a.md")
    runner.add(handout("b.md", tmp_path), 1)
    assert pool.names() == ["b.md"]  # the group is still open: more handouts may come, no booklet yet
    runner.open("en", booklet("en", tmp_path))  # the next language starts: 'nl' is complete
    runner.add(handout("a.en.md", tmp_path), 0)
    assert pool.names() == ["b.md", "a.en.md"]
    pool.run("b.md")
    runner.poll()  # as the hook does at every page
    assert pool.names() == ["a.en.md", "atlas-nl.pdf"]  # nl's booklet while 'en' is still being built
    pool.run("atlas-nl.pdf")
    runner.close()
    assert pool.names() == ["a.en.md"]  # en's booklet waits for en's handout
    pool.run("a.en.md")
    runner.poll()
    assert pool.names() == ["atlas-en.pdf"]
    pool.run("atlas-en.pdf")
    groups = runner.finish()
    assert [g.name for g in groups] == ["nl", "en"]
    assert [r.page for r in ordered_results(groups)] == [
        "a.md", "b.md", "atlas-nl.pdf", "a.en.md", "atlas-en.pdf"]
    assert [b[1] for b in log.booklets] == [["body of a.md", "body of b.md"], ["body of a.en.md"]]


def test_finish_waits_for_the_work_still_running_and_starts_the_last_booklets(tmp_path: Path) -> None:
    log = Log()
    with_threads = ThreadPoolExecutor(max_workers=2)
    try:
        runner = scheduler(log, with_threads)
        for lang in ("nl", "en"):
            runner.open(lang, booklet(lang, tmp_path))
            for order, page in enumerate(["a", "b", "c"]):
                runner.add(handout(f"{page}.{lang}.md", tmp_path), order)
        groups = runner.finish()
    finally:
        with_threads.shutdown()
    assert [[r.page for r in g.results] for g in groups] == [
        ["a.nl.md", "b.nl.md", "c.nl.md", "atlas-nl.pdf"], ["a.en.md", "b.en.md", "c.en.md", "atlas-en.pdf"]]
    assert all(r.error is None for g in groups for r in g.results)
    assert not runner.busy  # the next build (mkdocs serve) starts afresh
    assert sorted(log.rendered) == sorted(f"{p}.{lang}.md" for p in "abc" for lang in ("nl", "en"))


def test_a_failed_handout_is_reported_with_its_page_and_its_language_gets_no_booklet(tmp_path: Path) -> None:
    log = Log()
    runner = Scheduler(log.renderer(), InlineExecutor)
    runner.open("nl", booklet("nl", tmp_path))
    runner.add(handout("fine.md", tmp_path), 0)
    runner.add(handout("broken.md", tmp_path), 1)
    runner.open("en", booklet("en", tmp_path))
    runner.add(handout("fine.en.md", tmp_path), 0)
    nl, en = runner.finish()
    assert [(r.page, r.error) for r in nl.results] == [("fine.md", None), ("broken.md", "Typst refused it")]
    assert [r.page for r in en.results] == ["fine.en.md", "atlas-en.pdf"]  # the other language is whole
    assert [b[0] for b in log.booklets] == ["atlas-en.pdf"]


def test_cached_handouts_and_booklets_need_no_worker(tmp_path: Path) -> None:
    log, started = Log(cached={"a.md", "b.md", "atlas-nl.pdf"}), []
    runner = scheduler(log, HandExecutor(), started)
    runner.open("nl", booklet("nl", tmp_path))
    runner.add(handout("a.md", tmp_path), 0)
    runner.add(handout("b.md", tmp_path), 1)
    (group,) = runner.finish()
    assert [r.page for r in group.results] == ["a.md", "b.md", "atlas-nl.pdf"]
    assert started == [] and log.rendered == [] and log.booklets == []
    assert group.rendered == 0


def test_only_the_jobs_the_cache_lacks_go_to_a_worker(tmp_path: Path) -> None:
    log, pool, started = Log(cached={"a.md"}), HandExecutor(), []
    runner = scheduler(log, pool, started)
    runner.open("nl", booklet("nl", tmp_path))
    runner.add(handout("a.md", tmp_path), 0)
    assert started == []
    runner.add(handout("b.md", tmp_path), 1)
    assert started == [1] and pool.names() == ["b.md"]
    pool.run("b.md")
    runner.close()
    pool.run("atlas-nl.pdf")
    (group,) = runner.finish()
    assert log.rendered == ["b.md"] and group.rendered == 2
    assert log.booklets[0][1] == ["body of a.md", "body of b.md"]  # the cached body is in the booklet


def test_warm_gets_the_executor_before_any_job(tmp_path: Path) -> None:
    started: list[int] = []
    runner = scheduler(Log(), HandExecutor(), started)
    runner.warm()
    runner.open("nl")
    runner.add(handout("a.md", tmp_path), 0)
    assert started == [1]  # once


def test_a_worker_that_dies_fails_its_page_and_the_broken_pool_is_replaced(tmp_path: Path) -> None:
    log, pool, forgotten = Log(), HandExecutor(), []
    runner = Scheduler(log.renderer(), lambda: pool, on_broken=lambda: forgotten.append(1))
    runner.open("nl", booklet("nl", tmp_path))
    runner.add(handout("a.md", tmp_path), 0)
    pool.queue[0][0].set_exception(BrokenProcessPool("A process in the process pool was terminated abruptly"))
    pool.broken = True
    runner.add(handout("b.md", tmp_path), 1)  # submitting to the broken pool: forgotten, and one retry
    (group,) = runner.finish()
    assert [r.page for r in group.results] == ["a.md", "b.md"]
    assert all("the PDF renderer process crashed" in (r.error or "") for r in group.results)
    assert forgotten  # the caller was told to drop the broken pool


def test_abandon_cancels_what_has_not_started_and_forgets_everything(tmp_path: Path) -> None:
    log, pool = Log(), HandExecutor()
    runner = scheduler(log, pool)
    runner.open("nl", booklet("nl", tmp_path))
    runner.add(handout("a.md", tmp_path), 0)
    runner.add(handout("b.md", tmp_path), 1)
    pool.run("a.md")
    runner.abandon()
    assert pool.queue[1][0].cancelled()
    assert not runner.busy and log.rendered == ["a.md"]
    runner.open("nl")  # a new build (mkdocs serve) works as the first
    runner.add(handout("c.md", tmp_path), 0)
    pool.run("c.md")
    assert [r.page for r in ordered_results(runner.finish())] == ["c.md"]


def test_adding_without_an_open_group_is_a_programming_error(tmp_path: Path) -> None:
    runner = scheduler(Log(), HandExecutor())
    with pytest.raises(RuntimeError, match="no open group"):
        runner.add(handout("a.md", tmp_path), 0)


def test_the_inline_executor_keeps_an_exception_in_the_future() -> None:
    future = InlineExecutor().submit(lambda: 1 / 0)
    assert isinstance(future.exception(), ZeroDivisionError)
