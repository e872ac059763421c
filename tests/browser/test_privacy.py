"""No page asks any host but the site's own, and no page logs an error to the console."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Route

from tests.browser.conftest import ServedSite, wait_until_settled

pytestmark = pytest.mark.browser


def test_every_page_requests_only_its_own_host_and_logs_no_error(
    chromium: Browser, served_site: ServedSite
) -> None:
    """Intercept every request (documents, styles, scripts, workers' fetches, images) on every page."""
    own_host = urlsplit(served_site.base_url).netloc
    context = chromium.new_context()
    foreign: list[str] = []
    errors: list[str] = []
    current = {"path": ""}

    def guard(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("data", "blob") or urlsplit(url).netloc == own_host:
            route.continue_()
        else:
            foreign.append(f"/{current['path']}: {route.request.resource_type} {url}")
            route.abort()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"/{current['path']}: {message.text} ({message.location.get('url', '')})")

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"/{current['path']}: uncaught {error}"))
    for path in served_site.page_paths():
        current["path"] = path
        page.goto(served_site.url(path), wait_until="networkidle")
        wait_until_settled(page)
    context.close()
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)
    assert not errors, "console errors:\n" + "\n".join(errors)
