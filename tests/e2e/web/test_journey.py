"""The journey of a case through the web pages, by three people: intake registers a report, the
team lead hands it to a case director, who assesses, directs, scales down, records a follow-up
and closes; another director breaks the glass to read it, and the team lead reviews that read.
On SQLite and on PostgreSQL."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.web.conftest import sign_in
from tests.e2e.web.server import Served

pytestmark = pytest.mark.e2e


def register_report(page: Page) -> str:
    page.get_by_role("link", name="Nieuwe melding").click()
    page.locator("#channel").select_option("phone")
    page.get_by_label("seksuele uitbuiting").check()
    page.get_by_label("wegloopgedrag").check()
    page.locator("#description").fill("Leerling verdwijnt in het weekend.")
    page.locator("[id='reporter.kind']").select_option("professional")
    page.locator("[id='reporter.organisation']").fill("Het Stedelijk Lyceum")
    page.locator("[id='subject.name']").fill("Fenna Testpersoon")
    page.locator("[id='subject.date_of_birth']").fill("2010-03-14")
    page.locator("[id='subject.municipality']").fill("Enschede")
    page.get_by_role("button", name="Melding registreren").click()
    expect(page.get_by_text("De melding is geregistreerd.")).to_be_visible()
    found = re.search(r"/casus/([0-9a-f-]{36})", page.url)
    assert found is not None
    return found.group(1)


def act(page: Page, title: str, fields: dict[str, str], selects: dict[str, str]) -> None:
    """Open the action `title` on the case page, fill it in and send it."""
    page.locator("details.action summary", has_text=title).click()
    for selector, value in selects.items():
        page.locator(selector).select_option(value)
    for selector, value in fields.items():
        page.locator(selector).fill(value)
    page.locator("details.action[open] button[type=submit]").click()
    expect(page.get_by_text("Opgeslagen.")).to_be_visible()


def state_of(page: Page) -> str:
    return page.locator("dl.facts dd").first.inner_text()


def test_a_case_from_report_to_closing_by_three_people(browser: Browser, served: Served) -> None:
    intake = sign_in(browser, served, "iris")
    expect(intake.get_by_role("heading", name="Werkvoorraad")).to_be_visible()
    case_id = register_report(intake)
    assert state_of(intake) == "melding ontvangen"
    expect(intake.get_by_text("Voorgesteld risiconiveau")).to_be_visible()

    lead = sign_in(browser, served, "teun")
    lead.get_by_role("link", name=f"Casus {case_id[:8]}").click()
    act(lead, "Casus toewijzen", {"#assign-case_director": "anna"}, {})

    director = sign_in(browser, served, "anna")
    director.get_by_role("link", name=f"Casus {case_id[:8]}").click()
    expect(director.get_by_text("Fenna Testpersoon")).to_be_visible()
    act(
        director,
        "Risicotaxatie",
        {"#assess_risk-rationale": "wegloopgedrag"},
        {"#assess_risk-level": "high"},
    )
    assert state_of(director) == "risicotaxatie gedaan"
    act(
        director,
        "casusregie",
        {
            "#start_case_direction-case_director": "anna",
            "#start_case_direction-plan": "gesprek met school en ouders",
        },
        {},
    )
    act(
        director,
        "fschalen",
        {
            "#scale_down-local_team": "Wijkteam Enschede-Noord",
            "#scale_down-handover": "warme overdracht gedaan",
        },
        {},
    )
    act(
        director,
        "Vervolgcontact vastleggen",
        {
            "#follow_up-notes": "gaat goed",
            "#follow_up-reason": "het lokale team belde eerder dan gepland",
        },
        {"#follow_up-outcome": "fine"},
    )
    act(
        director,
        "fsluiten",
        {"#close-reason": "overgedragen en stabiel"},
        {"#close-result": "handed_over_locally"},
    )
    assert state_of(director) == "afgesloten"
    timeline = director.locator("#kop-tijdlijn + table tbody tr")
    assert timeline.count() >= 7

    other = sign_in(browser, served, "bram")
    other.goto(f"/casus/{case_id}")
    expect(other.get_by_text("niet aan u of uw team toegewezen")).to_be_visible()
    other.get_by_label("Reden voor noodtoegang").fill("melder belt terug, anna is ziek")
    other.get_by_role("button", name="Afscherming doorbreken").click()
    expect(other.get_by_role("heading", name=f"Casus {case_id[:8]}")).to_be_visible()

    lead.get_by_role("link", name="Teamleider").click()
    row = lead.locator("#kop-noodtoegang + table tbody tr", has_text="bram")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("melder belt terug")
    row.get_by_label("Toelichting").fill("melder belde terug, terecht geopend")
    row.get_by_role("button", name="Terecht", exact=False).first.click()
    expect(lead.get_by_text("Beoordeling vastgelegd.")).to_be_visible()
    expect(lead.locator("#kop-noodtoegang + table tbody tr", has_text="bram")).to_have_count(0)
