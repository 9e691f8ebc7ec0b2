"""What the pages refuse, each in Dutch and changing nothing: a step whose condition fails, a
change based on a version someone else changed meanwhile, a session that is signed out (on
request and after the idle time), a form without its CSRF token, and an analyst at a case."""

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.web.conftest import sign_in
from tests.e2e.web.server import Served
from tests.e2e.web.test_journey import register_report, state_of

pytestmark = pytest.mark.e2e


def test_a_step_the_state_machine_refuses_says_why_and_changes_nothing(
    browser: Browser, served_sqlite: Served
) -> None:
    page = sign_in(browser, served_sqlite, "iris")
    register_report(page)
    page.locator("details.action summary", has_text="risicotaxatie").click()
    page.locator("#assess_risk-level").select_option("elevated")
    page.locator("#assess_risk-rationale").fill("signalen bevestigd")
    page.locator("details.action[open] button[type=submit]").click()
    version = page.locator("dl.facts dd").nth(7).inner_text()
    page.locator("details.action summary", has_text="casusregie starten").click()
    page.locator("#start_case_direction-case_director").fill("anna")
    page.locator("#start_case_direction-plan").fill("plan")
    page.locator("details.action[open] button[type=submit]").click()
    expect(page.get_by_role("alert")).to_contain_text("niet mogelijk")
    assert state_of(page) == "risicotaxatie gedaan"
    assert page.locator("dl.facts dd").nth(7).inner_text() == version


def test_bad_data_is_shown_at_its_field(browser: Browser, served_sqlite: Served) -> None:
    page = sign_in(browser, served_sqlite, "iris")
    register_report(page)
    page.locator("details.action summary", has_text="risicotaxatie").click()
    page.locator("details.action[open] button[type=submit]").click()
    level = page.locator("#assess_risk-level")
    expect(level).to_have_attribute("aria-invalid", "true")
    described = level.get_attribute("aria-describedby")
    expect(page.locator(f"#{described}")).to_contain_text("Fout:")
    assert state_of(page) == "melding ontvangen"


def test_the_intake_form_shows_every_problem_at_once(
    browser: Browser, served_sqlite: Served
) -> None:
    page = sign_in(browser, served_sqlite, "iris")
    page.get_by_role("link", name="Nieuwe melding").click()
    page.locator("[id='subject.bsn']").fill("123")
    page.get_by_role("button", name="Melding registreren").click()
    for field in ("channel", "reporter.kind", "subject.municipality", "subject.bsn"):
        expect(page.locator(f"[id='{field}']")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".field-error")).to_have_count(5)  # and the exploitation forms


def test_a_conflict_between_two_browsers_shows_the_fresh_case(
    browser: Browser, served_sqlite: Served
) -> None:
    first = sign_in(browser, served_sqlite, "iris")
    case_id = register_report(first)
    second = sign_in(browser, served_sqlite, "teun")
    second.goto(f"/casus/{case_id}")
    for page, level in ((first, "high"), (second, "elevated")):
        page.locator("details.action summary", has_text="risicotaxatie").click()
        page.locator("#assess_risk-level").select_option(level)
        page.locator("#assess_risk-rationale").fill(f"beoordeeld als {level}")
    first.locator("details.action[open] button[type=submit]").click()
    expect(first.get_by_text("Opgeslagen.")).to_be_visible()
    second.locator("details.action[open] button[type=submit]").click()
    expect(second.get_by_role("alert")).to_contain_text("intussen gewijzigd")
    assert state_of(second) == "risicotaxatie gedaan"
    expect(second.locator("#kop-risico + dl")).to_contain_text("beoordeeld als high")


def test_signed_out_on_request_and_after_the_idle_time(
    browser: Browser, served_sqlite: Served
) -> None:
    page = sign_in(browser, served_sqlite, "iris")
    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_text("U bent afgemeld.")).to_be_visible()
    page.goto("/werkvoorraad")
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()

    page = sign_in(browser, served_sqlite, "iris")
    served_sqlite.later(14)
    page.goto("/werkvoorraad")
    expect(page.get_by_role("heading", name="Werkvoorraad")).to_be_visible()
    served_sqlite.later(16)
    page.goto("/werkvoorraad")
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()


def test_wrong_password_and_missing_csrf_token_are_refused(
    browser: Browser, served_sqlite: Served
) -> None:
    page = browser.new_context(base_url=served_sqlite.url).new_page()
    page.goto("/aanmelden")
    page.get_by_label("Gebruikersnaam").fill("iris")
    page.get_by_label("Wachtwoord").fill("niet het wachtwoord")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("Naam of wachtwoord klopt niet.")
    page = sign_in(browser, served_sqlite, "iris")
    answer = page.request.post("/melding/nieuw", form={"channel": "phone"})
    assert answer.status == 403
    assert "verlopen" in answer.text()


def test_an_analyst_sees_figures_and_cannot_open_a_case(
    browser: Browser, served_sqlite: Served
) -> None:
    intake = sign_in(browser, served_sqlite, "iris")
    case_id = register_report(intake)
    analyst = sign_in(browser, served_sqlite, "aaltje")
    expect(analyst.get_by_role("heading", name="Cijfers")).to_be_visible()
    expect(analyst.get_by_role("link", name="Werkvoorraad")).to_have_count(0)
    answer = analyst.goto(f"/casus/{case_id}")
    assert answer is not None and answer.status == 403
    expect(analyst.get_by_role("heading", name="Niet toegestaan")).to_be_visible()
    expect(analyst.get_by_text("Fenna")).to_have_count(0)
    expect(analyst.get_by_label("Reden voor noodtoegang")).to_have_count(0)


def test_acting_on_a_case_opened_by_breaking_the_glass(
    browser: Browser, served_sqlite: Served
) -> None:
    intake = sign_in(browser, served_sqlite, "iris")
    case_id = register_report(intake)
    other = sign_in(browser, served_sqlite, "bram")
    other.goto(f"/casus/{case_id}")
    other.get_by_label("Reden voor noodtoegang").fill("melder belt terug, anna is ziek")
    other.get_by_role("button", name="Afscherming doorbreken").click()
    expect(other.get_by_text("U heeft de afscherming doorbroken")).to_be_visible()
    other.locator("details.action summary", has_text="Activiteit vastleggen").click()
    other.locator("#activity-kind").select_option("contact")
    other.locator("#activity-summary").fill("melder teruggebeld")
    other.locator("details.action[open] button[type=submit]").click()
    expect(other.get_by_text("Opgeslagen.")).to_be_visible()
    expect(other.locator("#kop-activities + ul")).to_contain_text("melder teruggebeld")
    lead = sign_in(browser, served_sqlite, "teun")
    lead.goto("/teamleider")
    rows = lead.locator("#kop-noodtoegang + table tbody tr", has_text="bram")
    expect(rows).to_have_count(1)  # one grant covers the read, the activity and the read after
