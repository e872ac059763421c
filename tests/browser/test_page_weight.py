"""Every page stays within the page-weight budget: the gzip bytes a phone downloads on a first visit.

Bytes, not seconds: what the server sent for one page load in a fresh browser profile does not depend
on machine load, so this is a stable check of the cause behind Lighthouse's performance score
(`bench/bench_reader.py` reports the scores themselves).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import ROOT, ServedSite
from tests.browser.site_server import SentLog, serve_site, site_path_prefix

pytestmark = pytest.mark.browser

# The budget of the reader-quality issue for an article page, here held by every page.
PAGE_WEIGHT_BUDGET_BYTES = 90 * 1024


@pytest.fixture(scope="module")
def compressed_site(served_site: ServedSite) -> Iterator[tuple[str, SentLog]]:
    """The same build served gzip-compressed like GitHub Pages, logging every body sent."""
    sent: SentLog = []
    with serve_site(served_site.site.root, site_path_prefix(ROOT / "mkdocs.yml"), compress=True,
                    sent=sent) as base_url:
        yield base_url, sent


def test_every_page_loads_within_the_weight_budget(
    chromium: Browser, served_site: ServedSite, compressed_site: tuple[str, SentLog]
) -> None:
    base_url, sent = compressed_site
    over_budget = {}
    weights = {}
    for path in served_site.page_paths():
        context = chromium.new_context()  # empty cache, as on a first visit
        page = context.new_page()
        sent.clear()
        page.goto(base_url + path, wait_until="networkidle")
        weights[path] = sum(size for _, size in sent)
        context.close()
        if weights[path] > PAGE_WEIGHT_BUDGET_BYTES:
            over_budget[path] = sorted(sent, key=lambda item: -item[1])[:5]
    assert len(weights) > 20, "expected the whole bilingual site"
    assert not over_budget, "\n".join(
        f"/{path}: {weights[path] / 1024:.1f} KB gzip > {PAGE_WEIGHT_BUDGET_BYTES // 1024} KB; largest: "
        + ", ".join(f"{name} {size / 1024:.1f} KB" for name, size in largest)
        for path, largest in over_budget.items()
    )


def test_a_page_sends_one_project_stylesheet_and_no_search_machinery(
    chromium: Browser, compressed_site: tuple[str, SentLog]
) -> None:
    base_url, sent = compressed_site
    context = chromium.new_context()
    page = context.new_page()
    sent.clear()
    page.goto(base_url + "en/leucine/", wait_until="networkidle")
    context.close()
    paths = [path for path, _ in sent]
    stylesheets = [path.rsplit("/", 1)[-1] for path in paths if path.endswith(".css")]
    assert sorted(name.split(".")[0] for name in stylesheets) == ["atlas", "main", "palette"], stylesheets
    assert not [path for path in paths if "search_index" in path or "/workers/search" in path]
