"""axe-core in the same headless Chromium on every page of the web application, in the states a
person meets (a form with its errors too): no serious or critical violation."""

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.web.conftest import serious_violations, sign_in
from tests.e2e.web.server import Served
from tests.e2e.web.test_journey import register_report

pytestmark = pytest.mark.e2e


def checked(page: Page, path: str | None = None) -> tuple[str, list[str]]:
    if path is not None:
        page.goto(path)
    return page.url, serious_violations(page)


def test_every_page_has_no_serious_accessibility_violation(
    browser: Browser, served_sqlite: Served
) -> None:
    found = []
    anonymous = browser.new_context(base_url=served_sqlite.url).new_page()
    found.append(checked(anonymous, "/aanmelden"))
    intake = sign_in(browser, served_sqlite, "iris")
    found.append(checked(intake, "/werkvoorraad"))
    found.append(checked(intake, "/melding/nieuw"))
    intake.get_by_role("button", name="Melding registreren").click()
    found.append(checked(intake))  # the form with every problem shown
    case_id = register_report(intake)
    found.append(checked(intake))
    intake.locator("details.action summary", has_text="risicotaxatie").click()
    intake.locator("details.action[open] button[type=submit]").click()
    found.append(checked(intake))  # the case page with a form's problems
    found.append(checked(intake, "/meldingen"))
    lead = sign_in(browser, served_sqlite, "teun")
    found.append(checked(lead, "/teamleider"))
    found.append(checked(lead, "/werkvoorraad?state=onzin"))
    other = sign_in(browser, served_sqlite, "bram")
    found.append(checked(other, f"/casus/{case_id}"))  # refused, with the break-glass form
    analyst = sign_in(browser, served_sqlite, "aaltje")
    found.append(checked(analyst, "/cijfers"))
    bad = [(url, v) for url, v in found if v]
    assert not bad, bad
