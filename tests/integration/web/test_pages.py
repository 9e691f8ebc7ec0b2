"""The pages through the application on both databases: the person's identity only for the
roles that see it, every read in the access log as `web:password`, no caching of personal
data, and wrong input answered with a page, never a 500."""

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from adapters.bootstrap import App
from adapters.db.tables import access_log
from adapters.db.web_accounts import WebAccounts
from adapters.http.app import create_app
from tests.conftest import report_data
from workflow.access import Role
from workflow.commands import FireTrigger, RegisterReport
from workflow.transition_data import transition_data

PASSWORD = "een lang genoeg wachtwoord"


def signed_in(app: App, name: str, role: Role) -> TestClient:
    if not app.users.roles_of(name):
        app.users.add(name, role)
    WebAccounts(app.engine, app.clock, app.users).set_password(name, PASSWORD)
    client = TestClient(create_app(app), base_url="http://127.0.0.1")
    form = client.get("/aanmelden").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token is not None
    data = {"name": name, "password": PASSWORD, "csrf_token": token.group(1), "back": "/"}
    assert client.post("/aanmelden", data=data, follow_redirects=False).status_code == 303
    return client


def case_in_direction(app: App) -> str:
    ref = app.bus.handle(RegisterReport(actor="teun", report=report_data(name="Fenna Zichtbaar")))
    for trigger, data in (
        ("assess_risk", {"level": "high", "indicators": ["runs_away"], "rationale": "weglopen"}),
        ("start_case_direction", {"case_director": "anna", "plan": "gesprek"}),
    ):
        command = FireTrigger(
            actor="teun", case_id=ref.case_id, data=transition_data(trigger, data)
        )
        app.bus.handle(command)
    return str(ref.case_id)


def test_the_care_coordinator_reads_the_case_without_the_name(app: App) -> None:
    case_id = case_in_direction(app)
    coordinator = signed_in(app, "cora", Role.CARE_COORDINATOR)
    page = coordinator.get(f"/casus/{case_id}")
    assert page.status_code == 200
    assert "Fenna Zichtbaar" not in page.text and "afgeschermd voor uw rol" in page.text
    assert page.headers["cache-control"] == "no-store"
    assert "style-src 'self'" in page.headers["content-security-policy"]
    director = signed_in(app, "anna", Role.CASE_DIRECTOR)
    assert "Fenna Zichtbaar" in director.get(f"/casus/{case_id}").text
    with app.engine.connect() as conn:
        rows = conn.execute(
            select(access_log.c.actor, access_log.c.via, access_log.c.action).where(
                access_log.c.case_id == case_id, access_log.c.resource == "case"
            )
        ).all()
    readers = {(actor, action) for actor, via, action in rows if via.startswith("web:password")}
    assert {("cora", "read"), ("anna", "read")} <= readers


def test_wrong_input_is_a_page_never_a_500(app: App) -> None:
    case_id = case_in_direction(app)
    lead = signed_in(app, "teun", Role.TEAM_LEAD)
    missing = lead.get("/casus/geen-uuid")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    listed = lead.get("/werkvoorraad?state=onzin&risk=high")
    assert listed.status_code == 200 and "kies een waarde uit de lijst" in listed.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', listed.text)
    assert token is not None
    unknown = lead.post(f"/casus/{case_id}/stap/vliegen", data={"csrf_token": token.group(1)})
    assert unknown.status_code == 404 and "Deze stap bestaat niet." in unknown.text
    no_token = lead.post(f"/casus/{case_id}/stap/close", data={"result": "other"})
    assert no_token.status_code == 403


def test_the_team_lead_confirms_an_assessment_below_the_suggestion(app: App) -> None:
    report = {**report_data(), "signals": ["runs_away", "older_boyfriend"]}
    ref = app.bus.handle(RegisterReport(actor="iris", report=report))
    data = {"level": "elevated", "indicators": report["signals"], "rationale": "valt mee"}
    app.bus.handle(
        FireTrigger(actor="iris", case_id=ref.case_id, data=transition_data("assess_risk", data))
    )
    assert app.queries.detail(ref.case_id)["awaiting_confirmation"]
    lead = signed_in(app, "teun", Role.TEAM_LEAD)
    page = lead.get(f"/casus/{ref.case_id}").text
    assert "Risicotaxatie onder het voorstel bevestigen of afwijzen" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    version = re.search(r'name="version" value="(\d+)"', page)
    assert token is not None and version is not None
    wrong = lead.post(
        f"/casus/{ref.case_id}/bevestiging",
        data={"csrf_token": token.group(1), "version": version.group(1), "confirm": "misschien"},
    )
    assert wrong.status_code == 400 and "kies een waarde uit de lijst" in wrong.text
    done = lead.post(
        f"/casus/{ref.case_id}/bevestiging",
        data={"csrf_token": token.group(1), "version": version.group(1), "confirm": "true"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert not app.queries.detail(ref.case_id)["awaiting_confirmation"]


def csrf(page: str) -> str:
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    return token.group(1)


def test_the_worklist_pages_and_keeps_a_saved_filter(app: App) -> None:
    for _ in range(app.settings.web_page_size + 1):
        app.bus.handle(RegisterReport(actor="iris", report=report_data()))
    lead = signed_in(app, "teun", Role.TEAM_LEAD)
    first = lead.get("/werkvoorraad").text
    assert first.count('href="/casus/') == app.settings.web_page_size
    assert "Volgende pagina" in first and "Vorige pagina" not in first
    second = lead.get("/werkvoorraad?pagina=2").text
    assert second.count('href="/casus/') == 1 and "Volgende pagina" not in second
    saved = lead.post(
        "/werkvoorraad/filter",
        data={"csrf_token": csrf(first), "risk": "high", "municipality": "Enschede"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    again = lead.get("/werkvoorraad").text  # no query: the saved filter applies
    assert '<option value="high" selected>' in again
    assert "Geen casussen met dit filter." in again  # none is assessed yet
    everything = lead.get("/werkvoorraad?alles=1").text
    assert everything.count('href="/casus/') == app.settings.web_page_size


def test_notifications_are_marked_read(app: App) -> None:
    app.bus.handle(RegisterReport(actor="iris", report=report_data()))
    app.dispatcher.drain()  # the event's handlers store the notification
    intake = signed_in(app, "iris", Role.INTAKE)
    page = intake.get("/meldingen").text
    found = re.search(r'action="/meldingen/(\d+)/gelezen"', page)
    assert found is not None and "Nieuwe melding om te beoordelen" in page
    done = intake.post(
        f"/meldingen/{found.group(1)}/gelezen",
        data={"csrf_token": csrf(page)},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert "/gelezen" not in intake.get("/meldingen").text
