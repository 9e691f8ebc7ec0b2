"""The Cijfers pages and the non-case pages in real headless Chromium: an analyst opens the
figures, sees a suppressed cell said as such beside a chart, and downloads the table as CSV; an
intake worker records an advice question (its problems first) and turns it into a report; axe on
every new page with 0 serious or critical violations."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.web.conftest import serious_violations, sign_in
from tests.e2e.web.server import Served
from tests.integration.figure_reports import report

pytestmark = pytest.mark.e2e


def counted(served: Served) -> None:
    for _ in range(6):
        report(served.app, "2018-02-01T10:00:00+01:00", "Almelo")
    report(served.app, "2018-02-01T10:00:00+01:00", "Hengelo")


def test_an_analyst_sees_a_suppressed_cell_and_downloads_csv(
    browser: Browser, served: Served
) -> None:
    counted(served)
    analyst = sign_in(browser, served, "aaltje")
    expect(analyst.get_by_role("heading", name="Cijfers", exact=True)).to_be_visible()
    analyst.get_by_role("link", name="Meldingen", exact=True).click()
    analyst.get_by_label("Tot en met jaar").fill("2018")
    analyst.get_by_role("button", name="Tonen").click()
    table = analyst.get_by_role("table", name="Meldingen per gemeente")
    expect(table).to_be_visible()
    almelo = table.get_by_role("row", name="Almelo")
    expect(almelo.locator("td.suppressed").first).to_contain_text("onderdrukt")
    expect(table.get_by_role("row", name=re.compile("^Totaal 7 0 0 0 7$"))).to_be_visible()
    chart = analyst.get_by_role("img", name="Totaal aantal meldingen per categorie")
    expect(chart).to_be_visible()
    with analyst.expect_download() as downloading:
        analyst.get_by_role("link", name="CSV-bestand").click()
    path = downloading.value.path()
    text = path.read_text("utf-8")
    assert "Almelo,x,0,0,0,x" in text and "Totaal,7,0,0,0,7" in text


def record_advice(page: Page) -> None:
    page.get_by_role("link", name="Advies en preventie").click()
    page.get_by_role("link", name="Nieuwe adviesvraag").click()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#fout-organisation")).to_be_visible()
    page.locator("#channel").select_option("phone")
    page.locator("#organisation").fill("Het Stedelijk Lyceum")
    page.locator("#professional").select_option("teacher")
    page.locator("#municipality").select_option("Enschede")
    page.get_by_label("seksuele uitbuiting").check()
    page.get_by_label("wegloopgedrag").check()
    page.locator("#advice").fill("Bespreek het met de zorgcoördinator; meld bij twijfel.")
    page.locator("#minutes").fill("20")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Opgeslagen.")).to_be_visible()


def test_an_intake_worker_turns_an_advice_question_into_a_report(
    browser: Browser, served: Served
) -> None:
    intake = sign_in(browser, served, "iris")
    record_advice(intake)
    intake.get_by_role("link", name="Melding maken van deze adviesvraag").click()
    expect(intake.locator("[id='subject.municipality']")).to_have_value("Enschede")
    expect(intake.get_by_label("seksuele uitbuiting")).to_be_checked()
    intake.locator("#description").fill("Leerling verdwijnt in het weekend.")
    intake.locator("[id='reporter.kind']").select_option("professional")
    intake.locator("[id='subject.name']").fill("Fenna Testpersoon")
    intake.locator("[id='subject.date_of_birth']").fill("2010-03-14")
    intake.get_by_role("button", name="Melding registreren").click()
    expect(intake.get_by_text("De melding is geregistreerd.")).to_be_visible()
    case_url = intake.url
    intake.go_back()
    intake.goto("/adviesvragen")
    intake.locator("table a").first.click()
    expect(intake.get_by_text("Deze adviesvraag is een melding geworden")).to_be_visible()
    assert case_url.split("?")[0].endswith(
        intake.get_by_role("link", name="casus", exact=False).first.get_attribute("href") or "-"
    )


def test_the_new_pages_have_no_serious_accessibility_violation(
    browser: Browser, served_sqlite: Served
) -> None:
    counted(served_sqlite)
    found: list[tuple[str, list[str]]] = []

    def checked(page: Page, path: str | None = None) -> None:
        if path is not None:
            page.goto(path)
        found.append((page.url, serious_violations(page)))

    analyst = sign_in(browser, served_sqlite, "aaltje")
    checked(analyst, "/cijfers")
    for table in ("reports", "advice", "ages", "lead-times", "enschede-share", "prevalence"):
        checked(analyst, f"/cijfers/{table}?year=2018")
    checked(analyst, "/cijfers/cost-share?year=2019")
    checked(analyst, "/cijfers/ages?year=twintig")  # a problem at its field
    intake = sign_in(browser, served_sqlite, "iris")
    checked(intake, "/adviesvragen/nieuw")
    intake.get_by_role("button", name="Opslaan").click()
    checked(intake)  # the form with its problems
    record_advice(intake)
    checked(intake)  # an advice question
    checked(intake, "/adviesvragen")
    checked(intake, "/preventie/nieuw")
    intake.locator("#municipality").select_option("Hengelo")
    intake.locator("#kind").select_option("training")
    intake.locator("#audience").select_option("professionals")
    intake.locator("#participants").fill("12")
    intake.locator("#hours").fill("3")
    intake.locator("#on").fill("2026-11-20")
    intake.get_by_role("button", name="Opslaan").click()
    expect(intake.get_by_text("Opgeslagen.")).to_be_visible()
    checked(intake)  # a planned activity with the form to mark it held
    checked(intake, "/preventie")
    bad = [(url, v) for url, v in found if v]
    assert not bad, bad
