"""The retention and subject-rights pages for `make screenshots` (tools/screenshots.py): the
team lead's destruction lists, a list, its confirmation step and a case's retention page; the
privacy officer's access request, report and rights page."""

from collections.abc import Callable

from playwright.sync_api import Browser, Page, ViewportSize

from adapters.db.web_accounts import WebAccounts
from tests.conftest import report_data, unique_bsn
from tests.e2e.web.conftest import sign_in
from tests.e2e.web.server import PASSWORD, Served
from tests.integration.helpers import register
from tests.integration.retention_helpers import closed_case, propose
from workflow.access import Role
from workflow.report import Report


def oversight_shots(
    browser: Browser, served: Served, viewport: ViewportSize, shot: Callable[[Page, str], None]
) -> None:
    app = served.app
    closed_case(app, "Fenneke Voorbeeld", unique_bsn())
    held = closed_case(app, "Harm Voorbeeld", unique_bsn())
    lead = sign_in(browser, served, "teun")
    lead.set_viewport_size(viewport)
    lead.goto(f"/casus/{held}/bewaring")
    lead.locator("details.action summary", has_text="plaatsen").click()
    lead.locator("#reden-bewaarplicht").fill("politie vraagt het dossier op")
    lead.locator("details.action[open] button[type=submit]").click()
    lead.locator("details.action summary", has_text="Vernietiging aanvragen").click()
    lead.locator("#reden-wissen").fill("de betrokkene vraagt om vernietiging")
    lead.locator("details.action[open] button[type=submit]").click()
    shot(lead, "casus-bewaring")
    list_id = propose(app)["list_id"]
    lead.goto("/vernietiging")
    shot(lead, "vernietigingslijsten")
    lead.goto(f"/vernietiging/{list_id}")
    shot(lead, "vernietigingslijst")
    lead.goto(f"/vernietiging/{list_id}/goedkeuren")
    shot(lead, "vernietigingslijst-goedkeuren")

    app.users.add("petra", Role.PRIVACY_OFFICER, None)
    WebAccounts(app.engine, served.clock, app.users).set_password("petra", PASSWORD)
    bsn = unique_bsn()
    case_id = register(app, Report.parse(report_data(name="Noor Voorbeeld", bsn=bsn))).case_id
    officer = sign_in(browser, served, "petra")
    officer.set_viewport_size(viewport)
    shot(officer, "inzageverzoek")
    officer.get_by_label("BSN").fill(bsn)
    officer.get_by_role("button", name="Inzagerapport maken").click()
    shot(officer, "inzagerapport")
    officer.goto(f"/privacy/casus/{case_id}")
    shot(officer, "rechten-betrokkene")
