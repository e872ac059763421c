"""The PDF workers never outlive the build: a `mkdocs serve` stopped with SIGTERM runs no clean-up."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

STARTS_A_POOL_AND_IS_KILLED = textwrap.dedent(
    """
    import os, signal
    from atlas.handouts import workers

    pool = workers.pool(2)
    pids = {pool.submit(os.getpid).result() for _ in range(8)}
    print(" ".join(str(pid) for pid in pids), flush=True)
    os.kill(os.getpid(), signal.SIGTERM)  # as an editor's stop button does: no atexit, no shutdown
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a worker that has exited but is not yet reaped by its fork server counts as gone
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text(encoding="utf-8"))


def test_workers_exit_when_the_build_process_is_killed(tmp_path: Path) -> None:
    script = STARTS_A_POOL_AND_IS_KILLED
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    # files, not pipes: workers left behind would hold a pipe open and keep this test waiting
    with out.open("w") as stdout, err.open("w") as stderr:
        done = subprocess.run([sys.executable, "-c", script], stdout=stdout, stderr=stderr, timeout=120,
                              check=False)
    assert done.returncode == -15, err.read_text()  # killed by SIGTERM, as intended
    workers = [int(pid) for pid in out.read_text().split()]
    assert workers and os.getpid() not in workers
    deadline = time.monotonic() + 30  # generous: the workers notice within a moment
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if _alive(pid)], "PDF workers outlived the build process"
