"""The team lead's retention pages in a real browser: a legal hold placed from the case page
keeps a case off the destruction list; the list shows why and which rule and no names; the
team lead approves it after a confirmation step, anonymises it, and the case page no longer
shows the person; erasure of a held case is refused with the reason in Dutch."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import unique_bsn
from tests.e2e.web.conftest import serious_violations, sign_in
from tests.e2e.web.server import Served
from tests.integration.retention_helpers import closed_case, propose

pytestmark = pytest.mark.e2e


def retention_page_of(page: Page, case_id: str) -> None:
    page.goto(f"/casus/{case_id}")
    page.get_by_role("link", name="Bewaring, juridische bewaarplicht").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bewaring van casus")


def use_form(page: Page, title: str, reason: str) -> None:
    details = page.locator("details.action", has=page.locator("summary", has_text=title))
    if details.get_attribute("open") is None:  # a form with problems is shown open
        details.locator("summary").click()
    details.locator("textarea[name=reason]").fill(reason)
    details.locator("button[type=submit]").click()


def test_a_lead_approves_a_list_and_the_case_is_anonymised(
    browser: Browser, served: Served
) -> None:
    app = served.app
    due = closed_case(app, "Fenneke Webvernietigd", unique_bsn())
    held = closed_case(app, "Harm Vastgehouden", unique_bsn())
    page = sign_in(browser, served, "teun")
    page.goto(f"/casus/{due}")
    expect(page.locator("main")).to_contain_text("Fenneke Webvernietigd")

    retention_page_of(page, held)
    use_form(page, "plaatsen", "te kort")  # a reason of 10 characters at least
    reason = page.locator("#reden-bewaarplicht")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#fout-reden-bewaarplicht")).to_contain_text("Fout:")
    use_form(page, "plaatsen", "politie vraagt het dossier op voor een strafzaak")
    expect(page.get_by_role("status")).to_contain_text("bewaarplicht is geplaatst")
    assert serious_violations(page) == []
    use_form(page, "Vernietiging aanvragen", "de betrokkene vraagt om vernietiging")
    expect(page.get_by_role("alert")).to_contain_text("juridische bewaarplicht")

    listed = propose(app)  # the nightly job
    assert listed["listed"] == 1
    page.get_by_role("link", name="Vernietiging", exact=True).click()
    assert serious_violations(page) == []
    page.get_by_role("link", name=f"Lijst {listed['list_id'][:8]}").click()
    table = page.locator("table")
    expect(table).to_contain_text(due[:8])
    expect(table).to_contain_text("bewaartermijn verstreken")
    expect(table).to_contain_text("default")
    expect(table).not_to_contain_text(held[:8])
    expect(page.locator("main")).not_to_contain_text("Fenneke")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Lijst goedkeuren").click()
    expect(page.get_by_role("status")).to_contain_text("worden 1 casussen geanonimiseerd")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Ja, lijst goedkeuren").click()
    expect(page.get_by_role("status")).to_contain_text("De lijst is goedgekeurd")
    expect(table).to_contain_text("goedgekeurd, nog te anonimiseren")

    page.get_by_role("link", name="Terug naar de vernietigingslijsten").click()
    page.get_by_role("button", name="Goedgekeurde casussen nu anonimiseren").click()
    expect(page.get_by_role("status")).to_contain_text("1 casussen geanonimiseerd")
    expect(page.locator("table")).to_contain_text("geanonimiseerd: 1")

    page.goto(f"/casus/{due}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(due[:8])
    expect(page.locator("main")).not_to_contain_text("Fenneke")
    page.goto(f"/casus/{held}")
    expect(page.locator("main")).to_contain_text("Harm Vastgehouden")


def test_a_case_is_taken_off_a_list_with_a_reason(browser: Browser, served_sqlite: Served) -> None:
    app = served_sqlite.app
    kept = closed_case(app, "Joost Blijftstaan", unique_bsn())
    listed = propose(app)
    page = sign_in(browser, served_sqlite, "teun")
    page.goto(f"/vernietiging/{listed['list_id']}")
    page.get_by_label(f"Reden om casus {kept[:8]}").fill("kort")
    page.get_by_role("button", name="Van de lijst halen").click()
    expect(page.get_by_label(f"Reden om casus {kept[:8]}")).to_have_attribute(
        "aria-invalid", "true"
    )
    page.get_by_label(f"Reden om casus {kept[:8]}").fill("politie vraagt dossier op")
    page.get_by_role("button", name="Van de lijst halen").click()
    expect(page.get_by_role("status")).to_contain_text("van de lijst gehaald")
    expect(page.locator("table")).to_contain_text("politie vraagt dossier op")


def test_an_intake_worker_has_no_retention_pages(browser: Browser, served_sqlite: Served) -> None:
    page = sign_in(browser, served_sqlite, "iris")
    expect(page.get_by_role("link", name="Vernietiging", exact=True)).to_have_count(0)
    response = page.goto("/vernietiging")
    assert response is not None and response.status == 403


def test_erasure_from_the_case_page_goes_the_approval_path(
    browser: Browser, served_sqlite: Served
) -> None:
    app = served_sqlite.app
    case_id = closed_case(app, "Julia Gewist", unique_bsn())
    police = {"result": "referred_to_police", "reason": "aangifte gedaan bij de politie"}
    kept = closed_case(app, "Roos Politiezaak", unique_bsn(), police)
    page = sign_in(browser, served_sqlite, "teun")
    retention_page_of(page, kept)
    use_form(page, "Vernietiging aanvragen", "de betrokkene vraagt om vernietiging")
    expect(page.get_by_role("alert")).to_contain_text("bewaarregel 'police_referral'")
    retention_page_of(page, case_id)
    use_form(page, "plaatsen", "klacht van de betrokkene loopt nog")
    use_form(page, "opheffen", "klacht is afgehandeld door de commissie")
    expect(page.get_by_role("status")).to_contain_text("bewaarplicht is opgeheven")
    expect(page.locator("main")).to_contain_text("opgeheven door teun")
    use_form(page, "Vernietiging aanvragen", "de betrokkene vraagt om vernietiging")
    expect(page.get_by_role("status")).to_contain_text("eigen vernietigingslijst")

    page.goto("/vernietiging")
    page.locator("table a").first.click()
    expect(page.locator("table")).to_contain_text("verzoek om vernietiging")
    page.get_by_role("link", name="Lijst goedkeuren").click()
    page.get_by_role("button", name="Ja, lijst goedkeuren").click()
    page.goto("/vernietiging")
    page.get_by_role("button", name="Goedgekeurde casussen nu anonimiseren").click()
    expect(page.get_by_role("status")).to_contain_text("1 casussen geanonimiseerd")
    page.goto(f"/casus/{case_id}")
    expect(page.locator("main")).not_to_contain_text("Julia")


def test_a_form_without_its_csrf_token_changes_nothing(
    browser: Browser, served_sqlite: Served
) -> None:
    app = served_sqlite.app
    case_id = closed_case(app, "Kees Zondertoken", unique_bsn())
    list_id = propose(app)["list_id"]
    page = sign_in(browser, served_sqlite, "teun")
    for path in (f"/vernietiging/{list_id}/goedkeuren", f"/casus/{case_id}/bewaring/wissen"):
        response = page.request.post(path, form={"reason": "zonder csrf-token verstuurd"})
        assert response.status == 403
    page.goto(f"/vernietiging/{list_id}")
    expect(page.locator("dl.facts")).to_contain_text("wacht op goedkeuring")
    missing = page.goto("/vernietiging/00000000-0000-0000-0000-000000000000")
    assert missing is not None and missing.status == 404
