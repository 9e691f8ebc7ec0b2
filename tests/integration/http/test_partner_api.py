"""The partners' door in the API, and consent by API: a partner publishes as itself only."""

from uuid import uuid4

from tests.conftest import report_data
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role


def event(source: str, kind: str, data: object) -> dict[str, object]:
    return {
        "specversion": "1.0",
        "id": uuid4().hex,
        "source": source,
        "type": f"nl.meldpunt.{kind}",
        "data": data,
    }


def test_a_partner_event_is_taken_once_and_a_forged_one_refused(api: Api) -> None:
    good = event("urn:nl:twente:scholen", "report", report_data())
    first = api.client.post(f"{BASE}/partner-events", json=good, headers=api.auth(Role.PARTNER))
    again = api.client.post(f"{BASE}/partner-events", json=good, headers=api.auth(Role.PARTNER))
    assert (first.status_code, first.json()["outcome"]) == (202, "handled")
    assert (again.status_code, again.json()["outcome"]) == (202, "duplicate")
    forged = event("urn:nl:politie:mensenhandel", "signal", {"signals": []})
    refused = api.client.post(f"{BASE}/partner-events", json=forged, headers=api.auth(Role.PARTNER))
    assert refused.status_code == 400
    assert refused.headers["content-type"] == "application/problem+json"
    assert "belongs to police, published as school" in refused.json()["detail"]


def test_a_local_team_acting_on_a_case_not_handed_to_it_is_refused_with_400(api: Api) -> None:
    case_id = api.directed_case()
    api.fire(case_id, "scale_down", {"local_team": "Wijkteam Zuid", "handover": "overdracht"})
    team = api.user(f"wt-{uuid4().hex[:6]}", Role.PARTNER, "local_team")
    data = {"case_id": case_id, "local_team": "Wijkteam Noord", "outcome": "fine"}
    body = event("urn:nl:twente:lokale-teams", "followup_result", data)
    refused = api.client.post(f"{BASE}/partner-events", json=body, headers=team)
    assert refused.status_code == 400
    assert "not handed over to 'Wijkteam Noord'" in refused.json()["detail"]
    assert api.app.queries.detail(case_id)["follow_ups_done"] == 0


def test_a_partner_account_without_a_partner_is_refused(api: Api) -> None:
    nobody = api.user(f"p-{uuid4().hex[:6]}", Role.PARTNER)
    answer = api.client.get(f"{BASE}/partner/subscription", headers=nobody)
    assert answer.status_code == 403


def test_a_partner_sees_its_own_subscription(api: Api) -> None:
    answer = api.client.get(f"{BASE}/partner/subscription", headers=api.auth(Role.PARTNER))
    assert answer.status_code == 200
    assert answer.json()["source"] == "urn:nl:twente:scholen"


def test_consent_by_api_is_recorded_and_withdrawn(api: Api) -> None:
    case_id = api.directed_case()
    body = {
        "given_by": "parent_or_guardian",
        "scope": "sharing",
        "partner": "care_provider",
        "given_at": "2026-11-01T10:00:00+01:00",
    }
    headers = api.auth(Role.CASE_DIRECTOR)
    given = api.client.post(f"{BASE}/cases/{case_id}/consents", json=body, headers=headers)
    assert given.status_code == 201, given.text
    [consent] = api.app.queries.detail(case_id)["consents"]
    url = f"{BASE}/cases/{case_id}/consents/{consent['consent_id']}/withdrawal"
    assert api.client.post(url, headers=headers).status_code == 200
    assert api.client.post(url, headers=headers).status_code == 400  # already withdrawn
    missing = {**body, "partner": None}
    refused = api.client.post(f"{BASE}/cases/{case_id}/consents", json=missing, headers=headers)
    assert refused.status_code == 400
    assert [p["name"] for p in refused.json()["invalid_params"]] == ["partner"]


def test_a_partner_sees_what_was_sent_to_it_and_nothing_of_others(api: Api) -> None:
    case_id = api.register()
    acute = {"level": "acute", "indicators": ["runs_away"], "rationale": "loopt weg"}
    api.fire(case_id, "assess_risk", acute)
    api.app.dispatcher.drain()
    police = api.user(f"politie-{uuid4().hex[:6]}", Role.PARTNER, "police")
    since = {"since": "2026-01-01T00:00:00+01:00"}
    answer = api.client.get(f"{BASE}/partner/disclosures", params=since, headers=police)
    assert answer.status_code == 200, answer.text
    page = answer.json()
    assert page["total"] >= 1
    assert {(i["event_type"], i["case_id"]) for i in page["items"]} == {
        ("AcuteRiskDetected", case_id)
    }
    assert "payload" not in page["items"][0] and "Testpersoon" not in answer.text
    school = api.client.get(
        f"{BASE}/partner/disclosures", params=since, headers=api.auth(Role.PARTNER)
    )
    assert school.json()["total"] == 0
    later = {"since": "2999-01-01T00:00:00+01:00"}
    assert (
        api.client.get(f"{BASE}/partner/disclosures", params=later, headers=police).json()["items"]
        == []
    )
    naive = api.client.get(
        f"{BASE}/partner/disclosures", params={"since": "2026-01-01T00:00"}, headers=police
    )
    assert naive.status_code == 400
