"""Restriction (AVG art. 18) on both databases: a restricted case is read only by the team lead
and, for the rights work, the privacy officer; everyone else, its own case director breaking the
glass included, gets the API's not-found answer and no longer sees it in lists; each refusal is
in the access log; restricting and lifting are on the timeline with who and why."""

from typing import Any

from sqlalchemy import select

from adapters.db.tables import access_log
from tests.integration.http import conftest as http_api
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role

api = http_api.api  # the API fixture, reused
WHY = "the person contests the report's accuracy"
LIFTED = "the report was corrected; the person agrees"
GLASS = {"X-Break-Glass-Reason": "urgent call from the police about this person"}


def _post(api: Api, path: str, role: Role, why: str) -> Any:
    return api.client.post(f"{BASE}{path}", json={"reason": why}, headers=api.auth(role))


def _listed(api: Api, role: Role, **headers: str) -> set[str]:
    answer = api.client.get(f"{BASE}/cases?limit=100", headers=api.auth(role, **headers))
    assert answer.status_code == 200, answer.text
    return {item["case_id"] for item in answer.json()["items"]}


def test_a_restricted_case_is_gone_for_all_but_the_team_lead(api: Api) -> None:
    case_id = api.directed_case()  # directed by the user "case_director"
    other = api.directed_case()
    director = Role.CASE_DIRECTOR
    assert api.client.get(f"{BASE}/cases/{case_id}", headers=api.auth(director)).status_code == 200

    answer = _post(api, f"/cases/{case_id}/restriction", Role.PRIVACY_OFFICER, WHY)
    assert answer.status_code == 200, answer.text

    for path in ("", "/file"):
        url = f"{BASE}/cases/{case_id}{path}"
        assert api.client.get(url, headers=api.auth(director)).status_code == 404
        assert api.client.get(url, headers=api.auth(director, **GLASS)).status_code == 404
        assert api.client.get(url, headers=api.auth(Role.TEAM_LEAD)).status_code == 200
    note = {"kind": "note", "summary": "called"}
    changed = api.client.post(
        f"{BASE}/cases/{case_id}/activities", json=note, headers=api.auth(director)
    )
    assert changed.status_code == 404
    assert case_id not in _listed(api, director) and other in _listed(api, director)
    assert case_id not in _listed(api, Role.CARE_COORDINATOR, **GLASS)
    assert case_id in _listed(api, Role.TEAM_LEAD)
    # The privacy officer's rights work reaches it.
    officer = api.auth(Role.PRIVACY_OFFICER)
    report = api.client.get(f"{BASE}/subjects/report?caseId={case_id}", headers=officer)
    assert [f["case"]["case_id"] for f in report.json()["cases"]] == [case_id]
    with api.app.engine.connect() as conn:
        refused = conn.execute(
            select(access_log.c.actor, access_log.c.outcome).where(
                access_log.c.case_id == case_id, access_log.c.outcome == "restricted"
            )
        ).all()
    assert len(refused) == 5 and {actor for actor, _ in refused} == {"case_director"}


def test_lifting_brings_it_back_and_both_are_on_the_timeline(api: Api) -> None:
    case_id = api.directed_case()
    assert _post(api, f"/cases/{case_id}/restriction", Role.TEAM_LEAD, WHY).status_code == 200
    again = _post(api, f"/cases/{case_id}/restriction", Role.TEAM_LEAD, WHY)
    assert again.status_code == 400
    assert again.json()["invalid_params"][0]["name"] == "case_id"
    lifted = _post(api, f"/cases/{case_id}/restriction/lifting", Role.PRIVACY_OFFICER, LIFTED)
    assert lifted.status_code == 200, lifted.text
    director = api.auth(Role.CASE_DIRECTOR)
    assert api.client.get(f"{BASE}/cases/{case_id}", headers=director).status_code == 200
    file = api.client.get(f"{BASE}/cases/{case_id}/file", headers=director).json()
    said = [(e["trigger"], e["actor"], e["data"]) for e in file["timeline"][-2:]]
    assert said == [
        ("restrict", "team_lead", {"reason": WHY}),
        ("lift_restriction", "privacy_officer", {"reason": LIFTED}),
    ]
    not_now = _post(api, f"/cases/{case_id}/restriction/lifting", Role.TEAM_LEAD, LIFTED)
    assert not_now.status_code == 400


def test_only_the_team_lead_and_the_privacy_officer_restrict(api: Api) -> None:
    case_id = api.directed_case()
    for role in set(Role) - {Role.TEAM_LEAD, Role.PRIVACY_OFFICER}:
        answer = _post(api, f"/cases/{case_id}/restriction", role, WHY)
        assert answer.status_code == 403, (role, answer.text)
    short = _post(api, f"/cases/{case_id}/restriction", Role.TEAM_LEAD, "because")
    assert short.status_code == 400
    assert short.json()["invalid_params"][0]["name"] == "reason"
    missing = "00000000-0000-4000-8000-000000000000"
    assert _post(api, f"/cases/{missing}/restriction", Role.TEAM_LEAD, WHY).status_code == 404
    with api.app.engine.connect() as conn:
        refused = conn.execute(
            select(access_log.c.role).where(
                access_log.c.case_id == case_id, access_log.c.outcome == "refused"
            )
        ).scalars()
        assert set(refused) == {r.value for r in Role} - {"team_lead", "privacy_officer"}
