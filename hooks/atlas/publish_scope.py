"""What may be published: only real files inside the docs folder (security review M3).

A symbolic link in `docs/` is followed by MkDocs and its target copied into the site, so a committed link
to `/etc/hostname` or `../../.git/config` would publish that file. Links are refused, by name, and left
out of the site; writers copy the file in instead.

Pure: paths in, paths out.
"""

from __future__ import annotations

import os
from pathlib import Path


def symlinks_under(root: Path) -> list[Path]:
    """Every symbolic link (to a file or a folder) under `root`, without following any, sorted."""
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root, followlinks=False):
        for name in [*subfolders, *files]:
            path = Path(folder) / name
            if path.is_symlink():
                found.append(path)
    return sorted(found)


def is_inside(path: Path, folders: list[Path]) -> bool:
    """Whether `path` is one of `folders` or lies under one of them (paths compared as given)."""
    return any(path == folder or folder in path.parents for folder in folders)
