"""Browser fixtures: the real built site served on localhost, one Debian Chromium for the whole session.

Playwright's own browser download does not work on our machines, so the tests drive the system
Chromium (`/usr/bin/chromium`, installed by `.ci/run`). Missing Chromium is an error, not a skip:
these tests must run in CI.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests.browser.site_server import serve_site, site_path_prefix
from tests.support.site import BuiltSite

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium"))
# Flags for headless Chromium on a closed network as root (see the machine notes): without the
# background-networking ones Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@dataclass(frozen=True)
class ServedSite:
    """The built site behind a localhost URL."""

    base_url: str  # ends with "/", e.g. http://127.0.0.1:4711/amino-atlas/
    site: BuiltSite

    def url(self, path: str) -> str:
        return self.base_url + path.lstrip("/")

    def page_paths(self) -> list[str]:
        """URL path of every HTML page, e.g. `en/leucine/` (directory URLs as readers see them)."""
        paths = []
        for html in self.site.html_files():
            relative = html.relative_to(self.site.root).as_posix()
            paths.append(relative.removesuffix("index.html"))
        return paths


@pytest.fixture(scope="session")
def reader_site(request: pytest.FixtureRequest) -> BuiltSite:
    """The session's real build; `ATLAS_BUILT_SITE=<folder>` reuses an existing build instead (local runs)."""
    prebuilt = os.environ.get("ATLAS_BUILT_SITE")
    if prebuilt:
        return BuiltSite(Path(prebuilt).resolve())
    return request.getfixturevalue("built_site")


@pytest.fixture(scope="session")
def served_site(reader_site: BuiltSite) -> Iterator[ServedSite]:
    """Serve the session's built site over http on an ephemeral localhost port, in a thread."""
    with serve_site(reader_site.root, site_path_prefix(ROOT / "mkdocs.yml")) as base_url:
        yield ServedSite(base_url, reader_site)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def chromium(playwright_driver: Playwright) -> Iterator[Browser]:
    """One headless Debian Chromium for every browser test."""
    assert CHROMIUM.exists(), (
        f"{CHROMIUM} is missing: install Debian's Chromium (`apt-get install chromium`, as `.ci/run` does)"
    )
    browser = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(chromium: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile (no stored palette, no cache) per test."""
    ctx = chromium.new_context(locale="nl-NL")
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture(scope="session")
def axe_source() -> str:
    assert AXE_SCRIPT.exists(), (
        f"{AXE_SCRIPT} is missing: run `make test` (it runs `npm ci --ignore-scripts`)"
    )
    return AXE_SCRIPT.read_text(encoding="utf-8")


def wait_until_settled(page: Page) -> None:
    """Wait for what renders after `load`: Material's components (on Material's pages: the 404 page is a
    standalone page without Material's scripts) and, where present, Mermaid diagrams."""
    page.wait_for_function(
        "() => !document.getElementById('__config') || document.documentElement.classList.contains('js')"
    )
    # Material swaps each `pre.mermaid` for a rendered `div.mermaid` (closed shadow root) when done.
    page.wait_for_function("() => !document.querySelector('pre.mermaid')", timeout=15_000)
