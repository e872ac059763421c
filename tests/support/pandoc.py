"""pandoc, used as an oracle: tests that compare with it are skipped without it."""

from __future__ import annotations

import shutil

import pytest


def pandoc_path() -> str | None:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


needs_pandoc = pytest.mark.skipif(pandoc_path() is None, reason="pandoc (the oracle) is not installed")
