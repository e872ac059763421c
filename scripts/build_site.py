"""Build the site into a scratch folder and swap it in only when the build succeeds.

A failed build (a warning under --strict, a broken handout, a crash) leaves the
previous site folder exactly as it was, so nobody deploys a half-written site.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def build(site_dir: Path, strict: bool, config_file: Path) -> int:
    """Run `mkdocs build` into a sibling temp folder, then atomically replace `site_dir`."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file),
               "--site-dir", str(scratch)]
    if strict:
        command.append("--strict")
    result = subprocess.run(command, check=False)
    if result.returncode != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        print(f"build failed: {site_dir} was left untouched", file=sys.stderr)
        return result.returncode
    swap_in(scratch, site_dir)
    print(f"site written to {site_dir}")
    return 0


def swap_in(new: Path, target: Path) -> None:
    """Replace `target` by `new` with renames, so readers never see a mix of both."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()
    return build(args.site_dir, args.strict, args.config_file)


if __name__ == "__main__":
    sys.exit(main())
