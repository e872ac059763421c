"""Build the site into a scratch folder and swap it in only when the build succeeds.

A failed build (a warning under --strict, a broken handout, a crash) leaves the
previous site folder exactly as it was, so nobody deploys a half-written site.

Also (security review 2026-12-07, L4-L6, L8):
- one build at a time per site folder (a lock file beside it), so two builds never collide in the swap;
- scratch folders of killed builds are removed at the next build, and SIGTERM/SIGINT/SIGHUP stop mkdocs
  and remove this build's scratch folder before exiting;
- the site is readable by any web server: folders 0755, files 0644 (mkdtemp and mkstemp make them 0700
  and 0600);
- an output location that cannot be written is one line saying which and what to do, not a traceback.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

SCRATCH_PREFIX = ".site-build-"
FOLDER_MODE, FILE_MODE = 0o755, 0o644
_STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class OutputNotWritable(Exception):
    """The site folder or its parent cannot be written: said in one line by `main`."""


def build(site_dir: Path, strict: bool, config_file: Path) -> int:
    """Run `mkdocs build` into a sibling temp folder, then atomically replace `site_dir`."""
    site_dir = site_dir.resolve()
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with _one_build_at_a_time(site_dir):
            remove_stale_scratch(site_dir)
            scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=site_dir.parent))
            return _build_into(scratch, site_dir, strict, config_file)
    except OSError as error:
        raise OutputNotWritable(_not_writable(error, site_dir)) from error


def _build_into(scratch: Path, site_dir: Path, strict: bool, config_file: Path) -> int:
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--config-file",
        str(config_file),
        "--site-dir",
        str(scratch),
    ]
    if strict:
        command.append("--strict")
    try:
        with _stopped_cleanly(scratch) as start:
            returncode = start(command)
        if returncode != 0:
            print(f"build failed: {site_dir} was left untouched", file=sys.stderr)
            return returncode
        make_readable(scratch)
        swap_in(scratch, site_dir)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)  # gone after a swap; a failed build's leftovers
    print(f"site written to {site_dir}")
    return 0


@contextmanager
def _one_build_at_a_time(site_dir: Path) -> Iterator[None]:
    """An exclusive lock on `.<site>.lock` beside the site for the whole build and swap."""
    lock_path = site_dir.with_name(f".{site_dir.name}.lock")
    with open(lock_path, "a", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another build of {site_dir} to finish", file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def remove_stale_scratch(site_dir: Path) -> list[Path]:
    """Remove scratch and old-site folders that killed builds left beside `site_dir` (safe under the lock:
    no other build of this site is running)."""
    stale = [*site_dir.parent.glob(f"{SCRATCH_PREFIX}*"), *site_dir.parent.glob(f".{site_dir.name}-old-*")]
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)
    return stale


@contextmanager
def _stopped_cleanly(scratch: Path) -> Iterator[object]:
    """Yields a runner for the build command; a stop signal meanwhile ends mkdocs, removes the scratch
    folder and exits with 128 + the signal number, as a shell reports it."""
    child: list[subprocess.Popen[bytes]] = []

    def stop(signum: int, _frame: FrameType | None) -> None:
        for process in child:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(scratch, ignore_errors=True)
        print(f"build stopped by signal {signum}: the site was left untouched", file=sys.stderr)
        sys.exit(128 + signum)

    previous = {signum: signal.signal(signum, stop) for signum in _STOP_SIGNALS}

    def start(command: list[str]) -> int:
        child.append(subprocess.Popen(command))
        return child[-1].wait()

    try:
        yield start
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def make_readable(root: Path) -> None:
    """Folders 0755 and files 0644 throughout: what any web server serving a copy needs."""
    root.chmod(FOLDER_MODE)
    for folder, subfolders, files in os.walk(root):
        for name in subfolders:
            Path(folder, name).chmod(FOLDER_MODE)
        for name in files:
            path = Path(folder, name)
            if not path.is_symlink():
                path.chmod(FILE_MODE)


def swap_in(new: Path, target: Path) -> None:
    """Replace `target` by `new` with renames, so readers never see a mix of both; if the second rename
    fails, the previous site is put back."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old.exists() and not target.exists():
            old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _not_writable(error: OSError, site_dir: Path) -> str:
    where = error.filename or site_dir
    return (
        f"cannot write the site: {error.strerror or error} ({where}). The previous site, if any, was "
        f"left as it was; make {site_dir.parent} and {site_dir.name}/ writable, or choose another "
        "folder with --site-dir."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()
    try:
        return build(args.site_dir, args.strict, args.config_file)
    except OutputNotWritable as problem:
        print(f"ERROR: {problem}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
