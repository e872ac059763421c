"""Shared fixtures: the real site is built once per test session, with --strict, into a temp folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from tests.support.site import BuiltSite, build_site

# CI (.ci/run sets HYPOTHESIS_PROFILE=ci) tries the same examples in every run, so a pull request never
# fails on an input that has nothing to do with it; a contributor's `make test` keeps exploring new
# inputs, and Hypothesis remembers each failure it finds (in .hypothesis/) until it is fixed.
hypothesis_settings.register_profile("ci", derandomize=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real site, built once for the whole session (HTML and handouts)."""
    out = tmp_path_factory.mktemp("site") / "site"
    # ATLAS_HANDOUTS=1: the handouts are built even when a developer's shell skips them for `mkdocs serve`
    env = {"NO_MKDOCS_2_WARNING": "1", **os.environ, "ATLAS_HANDOUTS": "1"}
    result = build_site(ROOT / "mkdocs.yml", out, env=env)
    assert result.returncode == 0, f"the real site must build with --strict:\n{result.log}"
    return result.site
