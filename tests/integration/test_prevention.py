"""Prevention activities and trainings over the API on a real database (SQLite and PostgreSQL):
planned, then marked held with the real participants; held straight away; every wrong field
named; refused roles; the access log."""

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from adapters.db.tables import access_log, prevention_activities
from tests.integration.http import conftest as http
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role

api = http.api  # the API with a user and a token per role (a fixture)

# The API's clock is the real one: days around today.
TODAY = date.today()
LATER = (TODAY + timedelta(days=20)).isoformat()
EARLIER = (TODAY - timedelta(days=30)).isoformat()
YESTERDAY = (TODAY - timedelta(days=1)).isoformat()
LESSON: dict[str, Any] = {
    "on": LATER,
    "municipality": "RIJSSEN holten",
    "kind": "school_lesson",
    "audience": "pupils",
    "participants": 28,
    "partners": ["GGD Twente", "Politie Oost-Nederland"],
    "hours": 1.5,
}
URL = f"{BASE}/prevention-activities"


def record(api: Api, role: Role = Role.CASE_DIRECTOR, **changed: Any) -> Any:
    return api.client.post(URL, json={**LESSON, **changed}, headers=api.auth(role))


def test_a_planned_activity_is_marked_held_with_the_real_participants(api: Api) -> None:
    planned = record(api)
    assert planned.status_code == 201, planned.text
    made = planned.json()
    assert (made["status"], made["municipality"], made["participants"]) == (
        "planned",
        "Rijssen-Holten",
        28,
    )
    held_url = f"{URL}/{made['activity_id']}/held"
    early = api.client.post(held_url, json={"participants": 25}, headers=api.auth(Role.INTAKE))
    assert early.status_code == 400  # planned for a later day: say the day it was held
    assert [p["name"] for p in early.json()["invalid_params"]] == ["activity_id"]
    done = api.client.post(
        held_url,
        json={"participants": 25, "on": YESTERDAY, "hours": 2},
        headers=api.auth(Role.INTAKE),
    )
    assert done.status_code == 200, done.text
    held = done.json()
    assert (held["status"], held["participants"], held["hours"], held["on"]) == (
        "held",
        25,
        2.0,
        YESTERDAY,
    )
    assert held["held_by"] == "intake"
    again = api.client.post(held_url, json={"participants": 1}, headers=api.auth(Role.INTAKE))
    assert again.status_code == 400
    shown = api.client.get(f"{URL}/{made['activity_id']}", headers=api.auth(Role.TEAM_LEAD))
    assert shown.json()["participants"] == 25


def test_a_held_activity_is_recorded_at_once_and_not_in_the_future(api: Api) -> None:
    held = record(api, held=True, on=EARLIER, kind="training", audience="professionals")
    assert held.status_code == 201, held.text
    assert held.json()["status"] == "held"
    future = record(api, held=True)
    assert future.status_code == 400
    assert [p["name"] for p in future.json()["invalid_params"]] == ["on"]


def test_every_wrong_field_is_named_and_nothing_is_recorded(api: Api) -> None:
    answer = record(api, kind="party", participants=-1, hours=0, partners=["GGD\u0000"])
    assert answer.status_code == 400
    names = {p["name"] for p in answer.json()["invalid_params"]}
    assert names == {"kind", "participants", "hours", "partners.0"}
    answer = record(api, municipality="Zwolle", on="1999-12-31")
    assert {p["name"] for p in answer.json()["invalid_params"]} == {"municipality", "on"}
    missing = "00000000-0000-4000-8000-000000000000"
    unknown = api.client.post(
        f"{URL}/{missing}/held", json={"participants": 3}, headers=api.auth(Role.INTAKE)
    )
    assert unknown.status_code == 400
    assert api.client.get(f"{URL}/{missing}", headers=api.auth(Role.INTAKE)).status_code == 404
    with api.app.engine.connect() as conn:
        assert conn.execute(select(prevention_activities)).first() is None


def test_lists_filter_by_municipality_and_status(api: Api) -> None:
    record(api)
    record(api, municipality="Enschede", held=True, on=EARLIER)
    auth = api.auth(Role.TEAM_LEAD)
    every = api.client.get(URL, headers=auth).json()
    assert every["total"] == 2
    held = api.client.get(URL, params={"status": "held"}, headers=auth).json()
    assert [a["municipality"] for a in held["items"]] == ["Enschede"]
    local = api.client.get(URL, params={"municipality": "rijssen-holten"}, headers=auth).json()
    assert local["total"] == 1
    wrong = api.client.get(URL, params={"municipality": "Zwolle"}, headers=auth)
    assert wrong.status_code == 400
    paged = api.client.get(URL, params={"limit": 1}, headers=auth).json()
    assert len(paged["items"]) == 1 and paged["next"] is not None


def test_roles_that_may_not_are_refused_and_every_access_is_logged(api: Api) -> None:
    for role in (Role.ANALYST, Role.TEAM_LEAD, Role.PARTNER, Role.ADMIN):
        assert record(api, role).status_code == 403, role
    assert api.client.get(URL, headers=api.auth(Role.ANALYST)).status_code == 403
    activity_id = record(api).json()["activity_id"]
    api.client.get(f"{URL}/{activity_id}", headers=api.auth(Role.INTAKE))
    with api.app.engine.connect() as conn:
        rows = conn.execute(
            select(access_log.c.action, access_log.c.outcome, access_log.c.fields).where(
                access_log.c.resource == "prevention_activity"
            )
        ).all()
    assert ("write", "refused", None) in rows
    assert [(a, o) for a, o, f in rows if f == f"id:{activity_id}"] == [
        ("write", "ok"),
        ("read", "ok"),
    ]
