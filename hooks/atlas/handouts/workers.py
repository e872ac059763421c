"""The PDF worker processes: one pool per process, kept across builds, never outliving the build."""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor

__all__ = ["forget_pool", "pool", "shutdown_pools"]

_pools: dict[int, ProcessPoolExecutor] = {}


def pool(workers: int) -> ProcessPoolExecutor:
    """A pool kept for the whole process: static-i18n builds once per language, serve rebuilds often.

    Workers come from a fork server, not a plain fork: the typst compiler runs threads, and a
    process forked from one that has used it can deadlock. They start when the pool is made (one
    small task each), so their start-up overlaps whatever the build does next.
    """
    if workers not in _pools:
        made = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_process_context(),  # workers import `atlas` as the installed package it is
        )
        for _ in range(workers):  # each submit to a pool without an idle worker starts one
            made.submit(_ready)
        _pools[workers] = made
        atexit.register(made.shutdown, wait=True, cancel_futures=True)
    return _pools[workers]


def forget_pool(workers: int) -> None:
    """A worker died and the pool is broken: the next job gets a new one."""
    broken = _pools.pop(workers, None)
    if broken is not None:
        broken.shutdown(wait=False, cancel_futures=True)


def _ready() -> bool:
    """A worker's first task: by now it has imported the renderer (typst, pypandoc) to run it."""
    import atlas.handouts.render  # noqa: F401  (what every later task needs)

    return True


def shutdown_pools() -> None:
    """Stop every worker (at the end of `mkdocs serve`; a plain exit does the same through atexit)."""
    while _pools:
        _workers, stopped = _pools.popitem()
        stopped.shutdown(wait=True, cancel_futures=True)


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
