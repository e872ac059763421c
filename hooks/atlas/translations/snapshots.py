"""The source text each translation stamp matched, kept so a later change can be shown as a diff.

A stamp is a prefix of the source's fingerprint, so it cannot say what the source said. When a
translation is stamped, the source file's text is saved as `<folder>/<source page>/<stamp>.md` in a
committed folder (`.translations/` by default). Named by the stamp, one file serves every language that
matched the same source, and a snapshot is trusted only when its own fingerprint still gives the stamp:
an edited or mismatched snapshot is ignored rather than shown as a wrong diff. Git blobs (`git
hash-object -w`) were the alternative; they are lost on clone unless a commit refers to them, and a
contributor without git history (a tarball, a shallow CI checkout) would have no diff.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from atlas.translations.hashing import body_hash


def snapshot_path(folder: Path, source: str, stamp: str) -> Path:
    """`.translations/glutamine/sport/3f2a9c0d41be.md` for `glutamine/sport.md` stamped `3f2a9c0d41be`."""
    return folder / PurePosixPath(source).with_suffix("").as_posix() / f"{stamp.lower()}.md"


def read_snapshot(folder: Path, source: str, stamp: str | None, watched: Iterable[str] = ()) -> str | None:
    """The source text the stamp matched, or None when none was kept (or it no longer matches)."""
    if not stamp:
        return None
    path = snapshot_path(folder, source, stamp)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return text if body_hash(text, watched).startswith(stamp.lower()) else None


def write_snapshot(folder: Path, source: str, stamp: str, source_text: str) -> Path:
    """Keep `source_text` as the text `stamp` matched; returns the file written."""
    path = snapshot_path(folder, source, stamp)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source_text, encoding="utf-8")
    return path


def prune_snapshots(folder: Path, source: str, keep: Iterable[str]) -> list[Path]:
    """Delete the snapshots of `source` no stamp refers to any more; returns the deleted files."""
    directory = snapshot_path(folder, source, "x").parent
    wanted = {stamp.lower() for stamp in keep}
    removed = []
    for path in sorted(directory.glob("*.md")) if directory.is_dir() else []:
        if path.stem not in wanted:
            path.unlink()
            removed.append(path)
    return removed
