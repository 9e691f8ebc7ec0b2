"""The privacy officer's pages in a real browser: an access report asked for by BSN (posted,
never in the URL) shows everything held, the disclosures and who read it; bad input is said at
its field; a correction with a reason; a restriction, after which the intake worker cannot open
the case; and the privacy officer has no worklist and no case work."""

import pytest
from playwright.sync_api import Browser, Page, expect

from adapters.db.web_accounts import WebAccounts
from tests.conftest import report_data, unique_bsn
from tests.e2e.web.conftest import serious_violations, sign_in
from tests.e2e.web.server import PASSWORD, Served
from tests.integration.helpers import register
from workflow.access import Role
from workflow.report import Report

pytestmark = pytest.mark.e2e
OFFICER = "petra"


def privacy_officer(served: Served) -> None:
    served.app.users.add(OFFICER, Role.PRIVACY_OFFICER, None)
    WebAccounts(served.app.engine, served.clock, served.app.users).set_password(OFFICER, PASSWORD)


def rights_form(page: Page, title: str) -> Page:
    return page.locator("section", has=page.get_by_role("heading", name=title))


def test_the_privacy_officer_reports_corrects_and_restricts(
    browser: Browser, served: Served
) -> None:
    privacy_officer(served)
    bsn = unique_bsn()
    case_id = register(served.app, Report.parse(report_data(name="Noor Inzage", bsn=bsn))).case_id
    intake = sign_in(browser, served, "iris")
    intake.goto(f"/casus/{case_id}")
    expect(intake.locator("main")).to_contain_text("Noor Inzage")  # iris read it

    page = sign_in(browser, served, OFFICER)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inzageverzoek")
    expect(page.get_by_role("link", name="Werkvoorraad")).to_have_count(0)
    assert serious_violations(page) == []
    page.get_by_label("BSN").fill("123456789")
    page.get_by_role("button", name="Inzagerapport maken").click()
    expect(page.locator("#bsn")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#fout-bsn")).to_contain_text("elfproef")
    assert serious_violations(page) == []

    page.get_by_label("BSN").fill(bsn)
    page.get_by_role("button", name="Inzagerapport maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inzagerapport")
    assert bsn not in page.url and "Noor" not in page.url
    main = page.locator("main")
    expect(main).to_contain_text("Noor Inzage")
    expect(main).to_contain_text("Casussen over deze persoon: 1")
    readers = page.locator("section", has=page.get_by_role("heading", name="Wie de gegevens"))
    expect(readers).to_contain_text("iris")
    assert serious_violations(page) == []

    page.get_by_role("link", name=f"Corrigeren of beperken: casus {case_id[:8]}").click()
    correction = rights_form(page, "Gegeven van de melding corrigeren")
    correction.get_by_label("Gegeven", exact=True).select_option("subject.name")
    correction.get_by_label("Juiste waarde").fill("Noor Gecorrigeerd")
    correction.get_by_label("Reden van de correctie").fill("kort")
    correction.get_by_role("button").click()
    expect(page.locator("#correctie-reason")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#correctie-value")).to_have_value("Noor Gecorrigeerd")
    assert serious_violations(page) == []
    page.get_by_label("Reden van de correctie").fill("de betrokkene wees op een typefout")
    page.get_by_role("button", name="Gegeven van de melding corrigeren").click()
    expect(page.get_by_role("status")).to_contain_text("correctie is vastgelegd")

    restriction = rights_form(page, "Verwerking beperken")
    restriction.get_by_label("Reden").fill("betrokkene betwist de juistheid van de melding")
    restriction.get_by_role("button").click()
    expect(page.get_by_role("status")).to_contain_text("is beperkt")
    expect(page.locator("main")).to_contain_text("alleen de teamleider")
    assert serious_violations(page) == []

    response = page.goto("/werkvoorraad")
    assert response is not None and response.status == 403
    response = page.goto(f"/casus/{case_id}")
    assert response is not None and response.status in (403, 404)
    expect(page.locator("main")).not_to_contain_text("Noor")

    response = intake.goto(f"/casus/{case_id}")
    assert response is not None and response.status == 404
    expect(intake.locator("main")).not_to_contain_text("Noor")
    lead = sign_in(browser, served, "teun")
    lead.goto(f"/casus/{case_id}")
    expect(lead.locator("main")).to_contain_text("Noor Gecorrigeerd")
