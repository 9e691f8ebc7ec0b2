"""The interactive API docs load Swagger UI from the service itself: in Chromium the page shows
the API's operations and asks no other host for anything."""

import pytest
from playwright.sync_api import Browser, Request, expect

from tests.e2e.web.server import Served

pytestmark = pytest.mark.e2e


def test_swagger_ui_comes_from_the_service(browser: Browser, served_sqlite: Served) -> None:
    page = browser.new_context(base_url=served_sqlite.url).new_page()
    asked: list[str] = []

    def note(request: Request) -> None:
        asked.append(request.url)

    page.on("request", note)
    page.goto("/api/v1/docs")
    expect(page.locator(".opblock-summary-path").first).to_be_visible(timeout=20_000)
    elsewhere = [url for url in asked if not url.startswith(served_sqlite.url)]
    assert elsewhere == []
