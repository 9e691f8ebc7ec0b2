"""The retention API as a team lead uses it: a legal hold, an erasure refused with the reason in
Dutch as a problem, an erasure approved and run; each step in the access log."""

from sqlalchemy import select

from adapters.db.tables import access_log, cases
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role

CLOSE = {"result": "no_exploitation_found", "reason": "geen aanwijzingen na gesprek"}


def test_hold_refused_erasure_then_erasure_approved_and_run(api: Api) -> None:
    lead = api.auth(Role.TEAM_LEAD)
    case_id = api.register()
    api.fire(case_id, "close", CLOSE)
    hold = api.client.post(
        f"{BASE}/retention/cases/{case_id}/holds", json={"reason": "strafzaak loopt"}, headers=lead
    )
    assert hold.status_code == 201, hold.text
    shown = api.client.get(f"{BASE}/cases/{case_id}", headers=lead).json()
    assert shown["legal_hold"] is True and shown["archiefnominatie"] == "vernietigen"
    erase = {"reason": "verzoek van betrokkene zelf"}
    refused = api.client.post(f"{BASE}/retention/cases/{case_id}/erasure", json=erase, headers=lead)
    assert refused.status_code == 400
    assert refused.headers["content-type"] == "application/problem+json"
    assert "juridische bewaarplicht" in refused.text
    released = api.client.post(
        f"{BASE}/retention/cases/{case_id}/release", json={"reason": "zaak afgerond"}, headers=lead
    )
    assert released.json()["count"] == 1
    asked = api.client.post(f"{BASE}/retention/cases/{case_id}/erasure", json=erase, headers=lead)
    assert asked.status_code == 201, asked.text
    list_id = asked.json()["list_id"]
    items = api.client.get(f"{BASE}/retention/lists/{list_id}", headers=lead).json()
    assert [(i["case_id"], i["why"], i["status"]) for i in items] == [
        (case_id, "erasure", "proposed")
    ]
    approved = api.client.post(f"{BASE}/retention/lists/{list_id}/approval", headers=lead)
    assert approved.json()["count"] == 1
    assert api.client.post(f"{BASE}/retention/runs", headers=lead).json()["count"] == 1
    with api.app.engine.connect() as conn:
        done = conn.execute(select(cases.c.anonymised_at).where(cases.c.id == case_id)).scalar()
        logged = conn.execute(
            select(access_log.c.fields).where(
                access_log.c.case_id == case_id, access_log.c.actor == "team_lead"
            )
        ).scalars()
        fields = set(logged)
    assert done is not None
    assert {"place", "lift", "erasure", "anonymise"} <= fields
