"""When handouts and booklets are rendered: alongside the HTML build instead of after it.

A `Scheduler` takes each article's handout as soon as its page is built and hands it to an executor
(the hook: a pool of worker processes) at once, so PDFs are rendered while MkDocs builds the remaining
pages and the other languages. Handouts come in groups (one per language build); a group's booklet
needs the Typst body of every handout of the group, so it is handed in as soon as the group is closed
and all of its handouts are done, without waiting for anything else. Only `finish`, at the end of the
whole build, waits; it gives every group's results in a fixed order (handouts by their `order`, the
booklet last), whatever order the workers finished them in.

Nothing here renders, imports MkDocs or starts a process: the render functions (`Renderer`) and the
executor are passed in, so the scheduling is tested with fakes. A result the cache already holds
(`Renderer.reuse_*`) is taken at once, in this process, and needs no executor at all; the executor is
only asked for at the first job that needs one (or by `warm`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from atlas.handouts.jobs import BookletJob, HandoutJob, Rendered
from atlas.handouts.source import ArticleFacts

Articles = list[tuple[ArticleFacts, str]]


def _no_reuse(*_args: object) -> None:
    return None


@dataclass(frozen=True)
class Renderer:
    """The work itself. `handout` and `booklet` run in the executor (for a process pool: functions
    defined at module level); `reuse_handout` and `reuse_booklet` run here and return None when the
    cache cannot give the result."""

    handout: Callable[[HandoutJob], Rendered]
    booklet: Callable[[BookletJob, Articles, list[str]], Rendered]
    failed: Callable[[Any, str], Rendered]  # the result of a job that never came back, with the reason
    reuse_handout: Callable[[HandoutJob], Rendered | None] = _no_reuse
    reuse_booklet: Callable[[BookletJob, Articles, list[str]], Rendered | None] = _no_reuse


class InlineExecutor(Executor):
    """Runs each job when it is submitted, in this thread (one worker: no process to start)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as problem:  # kept in the future, as a pool would
            future.set_exception(problem)
        return future


@dataclass
class _Slot:
    order: int
    job: Any  # HandoutJob or BookletJob
    outcome: Future[Rendered] | Rendered
    started_at: float
    done_at: float = 0.0
    by_worker: bool = False


@dataclass
class _Group:
    name: str
    booklet: BookletJob | None
    slots: list[_Slot] = field(default_factory=list)
    closed: bool = False
    booklet_slot: _Slot | None = None
    booklet_skipped: bool = False  # a handout failed or there were none: no booklet

    def all_slots(self) -> Iterator[_Slot]:
        yield from self.slots
        if self.booklet_slot is not None:
            yield self.booklet_slot


@dataclass(frozen=True)
class GroupResult:
    """One group's results: handouts in their order, then the booklet (if one was made)."""

    name: str
    results: list[Rendered]
    seconds: float  # from the first job handed in to the last result in (0 without jobs)
    rendered: int  # how many of the results a worker made (the others came from the cache)


class Scheduler:
    """Renders handouts as they come and each group's booklet as soon as its handouts are done.

    `executor` is called (once, when first needed) for the executor jobs are submitted to; `on_broken`
    is called when that executor turns out to be broken (a worker process died), so that the caller can
    forget it. `clock` gives the times in the results.
    """

    def __init__(
        self,
        renderer: Renderer,
        executor: Callable[[], Executor],
        on_broken: Callable[[], None] | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self._renderer = renderer
        self._make_executor = executor
        self._on_broken = on_broken or (lambda: None)
        self._clock = clock
        self._executor: Executor | None = None
        self._groups: list[_Group] = []

    # -- handing work in -------------------------------------------------------------------------

    def warm(self) -> None:
        """Get the executor now (its workers start while the caller does other work)."""
        self._pool()

    def open(self, name: str, booklet: BookletJob | None = None) -> None:
        """Start a group (closing the one before): the handouts added next belong to it."""
        self.close()
        self._groups.append(_Group(name, booklet))

    def add(self, job: Any, order: int = 0) -> None:  # a HandoutJob, or what the renderer prepares
        """Hand in one handout of the open group: from the cache at once, or to the executor."""
        if not self._groups or self._groups[-1].closed:
            raise RuntimeError("Scheduler.add: no open group (call open first)")
        group = self._groups[-1]
        group.slots.append(self._start(order, job, self._renderer.reuse_handout, self._renderer.handout, job))
        self.poll()

    def close(self) -> None:
        """The open group gets no more handouts; its booklet follows as soon as they are done."""
        if self._groups:
            self._groups[-1].closed = True
        self.poll()

    def poll(self) -> None:
        """Hand in the booklet of every closed group whose handouts are all done (never waits)."""
        for group in self._groups:
            if (group.closed and group.booklet is not None and group.booklet_slot is None
                    and not group.booklet_skipped and all(_done(slot) for slot in group.slots)):
                self._start_booklet(group)

    # -- the end -----------------------------------------------------------------------------------

    def finish(self) -> list[GroupResult]:
        """Close the open group, wait for every job and booklet, and give each group's results."""
        self.close()
        try:
            while True:
                self.poll()
                pending = [slot.outcome for group in self._groups for slot in group.all_slots()
                           if isinstance(slot.outcome, Future) and not slot.outcome.done()]
                if not pending:
                    break
                wait(pending, return_when=FIRST_COMPLETED)
            return [self._collect(group) for group in self._groups]
        finally:
            self._groups = []

    def abandon(self) -> None:
        """The build failed: cancel what has not started and wait for what has (so nothing is still
        being written once the build is over), then forget everything."""
        futures = [slot.outcome for group in self._groups for slot in group.all_slots()
                   if isinstance(slot.outcome, Future)]
        wait([future for future in futures if not future.cancel()])  # those running (or done)
        self._groups = []

    @property
    def busy(self) -> bool:
        """Whether anything was handed in and not yet collected by `finish` or `abandon`."""
        return bool(self._groups)

    # -- inside --------------------------------------------------------------------------------------

    def _pool(self) -> Executor:
        if self._executor is None:
            self._executor = self._make_executor()
        return self._executor

    def _start(
        self, order: int, job: Any, reuse: Callable[..., Rendered | None], render: Callable[..., Rendered],
        *args: Any,
    ) -> _Slot:
        started = self._clock()
        reused = reuse(*args)
        if reused is not None:
            return _Slot(order, job, reused, started, self._clock())
        future = self._submit(render, *args)
        slot = _Slot(order, job, future, started, by_worker=True)
        future.add_done_callback(lambda _future: setattr(slot, "done_at", self._clock()))
        return slot

    def _submit(self, render: Callable[..., Rendered], *args: Any) -> Future[Rendered]:
        try:
            return self._pool().submit(render, *args)
        except BrokenProcessPool:  # broken by an earlier crash: one new executor, one more try
            self._forget_executor()
            try:
                return self._pool().submit(render, *args)
            except BrokenProcessPool as problem:
                self._forget_executor()
                future: Future[Rendered] = Future()
                future.set_exception(problem)
                return future

    def _forget_executor(self) -> None:
        self._executor = None
        self._on_broken()

    def _start_booklet(self, group: _Group) -> None:
        assert group.booklet is not None
        ordered = sorted(group.slots, key=lambda slot: slot.order)
        results = [self._result(slot) for slot in ordered]
        if not results or any(result.error for result in results):  # a booklet missing an article
            group.booklet_skipped = True                                # would be a silent loss
            return
        articles = [(slot.job.facts, result.typst_body)
                    for slot, result in zip(ordered, results, strict=True)]
        pages = [slot.job.page for slot in ordered]
        group.booklet_slot = self._start(len(ordered), group.booklet, self._renderer.reuse_booklet,
                                         self._renderer.booklet, group.booklet, articles, pages)

    def _result(self, slot: _Slot) -> Rendered:
        if not isinstance(slot.outcome, Future):
            return slot.outcome
        try:
            result = slot.outcome.result()
            # a waiter can wake before the future's callbacks ran: then the result is in by now
            slot.done_at = slot.done_at or self._clock()
        except Exception as problem:  # the job never returned: a worker died, or it could not be sent
            if isinstance(problem, BrokenProcessPool) and self._executor is not None:
                self._forget_executor()
            result = self._crashed(slot.job, problem)
            slot.done_at = slot.done_at or self._clock()
        slot.outcome = result
        return result

    def _crashed(self, job: Any, problem: Exception) -> Rendered:
        what = "crashed" if isinstance(problem, BrokenProcessPool) else "failed"
        reason = f"the PDF renderer process {what} ({type(problem).__name__}: {problem})"
        return self._renderer.failed(job, reason)

    def _collect(self, group: _Group) -> GroupResult:
        slots = sorted(group.slots, key=lambda slot: slot.order)
        if group.booklet_slot is not None:
            slots.append(group.booklet_slot)
        results = [self._result(slot) for slot in slots]
        if not slots:
            return GroupResult(group.name, results, 0.0, 0)
        first = min(slot.started_at for slot in slots)
        last = max(slot.done_at for slot in slots)
        return GroupResult(group.name, results, max(0.0, last - first), sum(slot.by_worker for slot in slots))


def _done(slot: _Slot) -> bool:
    return not isinstance(slot.outcome, Future) or slot.outcome.done()


def ordered_results(groups: Sequence[GroupResult]) -> list[Rendered]:
    """Every result of every group, in the order the groups were opened."""
    return [result for group in groups for result in group.results]
