"""Real headless Chromium (Debian's package at /usr/bin/chromium, driven by Playwright) against
the service in a thread; each person in a browser context of their own."""

import os
from collections.abc import Callable, Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from tests.e2e.web.server import PASSWORD, Served, serve

CHROMIUM = os.environ.get("MELDPUNT_CHROMIUM", "/usr/bin/chromium")
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        found = p.chromium.launch(executable_path=CHROMIUM)
        yield found
        found.close()


@pytest.fixture
def served(database_url: str) -> Iterator[Served]:
    with serve(database_url) as found:
        yield found


@pytest.fixture
def served_sqlite(tmp_path: "os.PathLike[str]") -> Iterator[Served]:
    with serve(f"sqlite:///{tmp_path}/web.db") as found:
        yield found


def sign_in(browser: Browser, served: Served, name: str) -> Page:
    page = browser.new_context(base_url=served.url).new_page()
    page.goto("/aanmelden")
    page.get_by_label("Gebruikersnaam").fill(name)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    return page


_axe = Axe()


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations of the page, as "rule: target" lines."""
    results = _axe.run(page)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


People = Callable[[str], Page]
