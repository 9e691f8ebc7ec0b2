"""`make screenshots`: a picture of each page of the web application in docs/ui/, made in
headless Chromium against the service on a fresh SQLite database, so docs/ui.md can be made
again after a change to the pages."""

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, ViewportSize, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from screenshots_oversight import oversight_shots  # noqa: E402

from tests.e2e.web.conftest import CHROMIUM, sign_in  # noqa: E402
from tests.e2e.web.server import serve  # noqa: E402
from tests.e2e.web.test_figures_pages import record_advice  # noqa: E402
from tests.e2e.web.test_journey import act, register_report  # noqa: E402

OUT = ROOT / "docs" / "ui"


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
    print(f"docs/ui/{name}.png")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as folder,
        serve(f"sqlite:///{folder}/ui.db") as served,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=CHROMIUM)
        viewport: ViewportSize = {"width": 1280, "height": 800}
        anonymous = browser.new_context(base_url=served.url, viewport=viewport).new_page()
        anonymous.goto("/aanmelden")
        shot(anonymous, "aanmelden")
        intake = sign_in(browser, served, "iris")
        intake.set_viewport_size(viewport)
        intake.goto("/melding/nieuw")
        intake.get_by_role("button", name="Melding registreren").click()
        shot(intake, "nieuwe-melding-fouten")
        case_id = register_report(intake)
        register_report(intake)
        shot(intake, "casus-nieuw")
        lead = sign_in(browser, served, "teun")
        lead.set_viewport_size(viewport)
        lead.goto(f"/casus/{case_id}")
        act(lead, "Casus toewijzen", {"#assign-case_director": "anna"}, {})
        director = sign_in(browser, served, "anna")
        director.set_viewport_size(viewport)
        shot(director, "werkvoorraad")
        director.goto(f"/casus/{case_id}")
        director.locator("details.action summary", has_text="risicotaxatie").click()
        shot(director, "casus-actie")
        director.goto("/meldingen")
        shot(director, "meldingen")
        other = sign_in(browser, served, "bram")
        other.set_viewport_size(viewport)
        other.goto(f"/casus/{case_id}")
        shot(other, "buiten-uw-casussen")
        other.get_by_label("Reden voor noodtoegang").fill("melder belt terug, anna is ziek")
        other.get_by_role("button", name="Afscherming doorbreken").click()
        lead.goto("/teamleider")
        shot(lead, "teamleider")
        analyst = sign_in(browser, served, "aaltje")
        analyst.set_viewport_size(viewport)
        shot(analyst, "cijfers")
        analyst.goto("/cijfers/reports")
        shot(analyst, "cijfers-meldingen")
        analyst.goto("/cijfers/cost-share?year=2019")
        shot(analyst, "cijfers-kostenverdeling")
        intake.goto("/adviesvragen/nieuw")
        intake.get_by_role("button", name="Opslaan").click()
        shot(intake, "adviesvraag-fouten")
        record_advice(intake)
        shot(intake, "adviesvraag")
        intake.goto("/preventie")
        shot(intake, "preventie")
        oversight_shots(browser, served, viewport, shot)
        browser.close()


if __name__ == "__main__":
    main()
