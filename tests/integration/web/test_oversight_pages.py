"""The retention and rights pages through the application on both databases: every read and
write in the access log as `web:password` (the access report under its own purpose), no
caching, and wrong input answered with a page that names the field, never a 500."""

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from adapters.bootstrap import App
from adapters.db.tables import access_log, cases
from tests.conftest import report_data, unique_bsn
from tests.integration.retention_helpers import closed_case, propose
from tests.integration.web.test_pages import signed_in
from workflow.access import Role
from workflow.commands import RegisterReport


def token_of(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found is not None
    return found.group(1)


def logged(app: App, actor: str) -> list[tuple[str, str, str, str | None, str | None]]:
    query = select(
        access_log.c.action,
        access_log.c.resource,
        access_log.c.outcome,
        access_log.c.case_id,
        access_log.c.purpose,
    ).where(access_log.c.actor == actor, access_log.c.via.like("web:password%"))
    with app.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]  # type: ignore[misc]


def test_retention_pages_are_logged_and_not_cached(app: App) -> None:
    case_id = closed_case(app, "Wies Logboek", unique_bsn())
    list_id = propose(app)["list_id"]
    lead = signed_in(app, "teun", Role.TEAM_LEAD)
    for path in ("/vernietiging", f"/vernietiging/{list_id}", f"/casus/{case_id}/bewaring"):
        page = lead.get(path)
        assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
        assert "Wies" not in page.text
    token = token_of(lead, f"/vernietiging/{list_id}/goedkeuren")
    approved = lead.post(f"/vernietiging/{list_id}/goedkeuren", data={"csrf_token": token})
    assert approved.status_code == 200 and "goedgekeurd" in approved.text
    done = lead.post("/vernietiging/uitvoeren", data={"csrf_token": token})
    assert "1 casussen geanonimiseerd" in done.text
    with app.engine.connect() as conn:
        gone = conn.execute(select(cases.c.anonymised_at).where(cases.c.id == case_id))
        assert gone.scalar_one() is not None
    rows = logged(app, "teun")
    assert ("read", "destruction_list", "ok", None, "case_work") in rows
    assert ("read", "case", "ok", case_id, "case_work") in rows
    assert ("write", "destruction_list", "ok", None, "case_work") in rows
    assert any(r[1] == "case" and r[0] == "write" and r[3] == case_id for r in rows)


def test_wrong_input_on_the_retention_pages_is_a_page_never_a_500(app: App) -> None:
    case_id = closed_case(app, "Mats Foutinvoer", unique_bsn())
    list_id = propose(app)["list_id"]
    lead = signed_in(app, "teun", Role.TEAM_LEAD)
    token = token_of(lead, "/vernietiging")
    assert lead.get("/vernietiging/onzin").status_code == 404
    assert lead.get("/casus/onzin/bewaring").status_code == 404
    short = lead.post(
        f"/casus/{case_id}/bewaring/bewaarplicht", data={"csrf_token": token, "reason": "x"}
    )
    assert short.status_code == 400 and 'id="fout-reden-bewaarplicht"' in short.text
    long = lead.post(
        f"/vernietiging/{list_id}/afvoeren",
        data={"csrf_token": token, "case_id": "geen-uuid", "reason": "y" * 3000},
    )
    assert long.status_code == 400 and "text/html" in long.headers["content-type"]
    intake = signed_in(app, "iris", Role.INTAKE)
    assert intake.get(f"/casus/{case_id}/bewaring").status_code == 403
    refused = [r for r in logged(app, "iris") if r[1:4] == ("case", "refused", case_id)]
    assert refused


def test_the_access_report_is_logged_under_its_purpose(app: App) -> None:
    bsn = unique_bsn()
    report = report_data(name="Saar Inzicht", bsn=bsn)
    case_id = app.bus.handle(RegisterReport(actor="teun", report=report)).case_id
    officer = signed_in(app, "petra", Role.PRIVACY_OFFICER)
    token = token_of(officer, "/privacy")
    found = officer.post("/privacy/inzage", data={"csrf_token": token, "bsn": bsn})
    assert found.status_code == 200 and "Saar Inzicht" in found.text
    assert found.headers["cache-control"] == "no-store"
    rows = logged(app, "petra")
    assert ("export", "subject_report", "ok", case_id, "subject_access_request") in rows
    by_name = officer.post(
        "/privacy/inzage",
        data={"csrf_token": token, "name": "Saar Inzicht", "date_of_birth": "gisteren"},
    )
    assert by_name.status_code == 400 and 'id="fout-date_of_birth"' in by_name.text
    both = officer.post(
        "/privacy/inzage", data={"csrf_token": token, "bsn": bsn, "name": "Saar Inzicht"}
    )
    assert both.status_code == 400 and 'id="fout-bsn"' in both.text
    assert officer.get("/werkvoorraad").status_code == 403
    assert officer.get(f"/casus/{case_id}").status_code == 403


def test_wrong_input_on_the_rights_pages_names_the_field(app: App) -> None:
    case_id = app.bus.handle(RegisterReport(actor="teun", report=report_data())).case_id
    officer = signed_in(app, "petra", Role.PRIVACY_OFFICER)
    token = token_of(officer, f"/privacy/casus/{case_id}")
    reason = "de betrokkene wees op een fout"
    for field, value, wrong in (
        ("subject.nose", "x", "field"),
        ("subject.age_estimate", "geen json", "value"),
        ("subject.bsn", "123", "subject"),
    ):
        answer = officer.post(
            f"/privacy/casus/{case_id}/correctie",
            data={"csrf_token": token, "field": field, "value": value, "reason": reason},
        )
        assert answer.status_code == 400, field
        assert "text/html" in answer.headers["content-type"]
        if wrong != "subject":
            assert f'id="fout-correctie-{wrong}"' in answer.text, field
    assert officer.get("/privacy/casus/onzin").status_code == 404
    missing = "00000000-0000-0000-0000-000000000000"
    assert officer.get(f"/privacy/casus/{missing}").status_code == 404
