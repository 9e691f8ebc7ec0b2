"""Cases through the API: a case with its history, links and deadline; filters; assignment to
another case director with both told; notifications for a user and their role; statistics with
small cells suppressed."""

from datetime import timedelta

from sqlalchemy import select, update

from adapters.db.tables import access_log, cases
from tests.conftest import unique_bsn
from tests.integration.http.conftest import ASSESS_HIGH, BASE, Api
from workflow.access import Role


def test_a_case_shows_its_history_links_and_deadline(api: Api) -> None:
    bsn = unique_bsn()
    first = api.register(bsn=bsn)
    second = api.register(bsn=bsn)
    detail = api.client.get(f"{BASE}/cases/{second}", headers=api.auth(Role.TEAM_LEAD)).json()
    assert detail["state"] == "received"
    assert detail["deadline_kind"] == "assessment" and detail["deadline_at"]
    assert detail["history"][0]["trigger"] == "register"
    assert [link["case_id"] for link in detail["linked_cases"]] == [first]
    assert detail["allowed_triggers"] == ["assess_risk", "close"]


def test_filters(api: Api) -> None:
    lead = api.auth(Role.TEAM_LEAD)
    assessed = api.register()
    api.fire(assessed, "assess_risk", ASSESS_HIGH)
    mine = api.directed_case("team_lead")
    almelo = api.register(municipality="Almelo")
    with api.app.engine.begin() as conn:
        past = api.app.clock() - timedelta(days=1)
        conn.execute(update(cases).where(cases.c.id == almelo).values(next_alert_at=past))

    def ids(query: str) -> set[str]:
        answer = api.client.get(f"{BASE}/cases?{query}", headers=lead)
        assert answer.status_code == 200, answer.text
        return {c["case_id"] for c in answer.json()["items"]}

    assert ids("state=risk_assessed") == {assessed}
    assert ids("risk_level=high") == {assessed, mine}
    assert ids("municipality=Almelo") == {almelo}
    assert ids("stalled=true") == {almelo}
    assert almelo not in ids("stalled=false")
    assert ids("assigned_to_me=true") == {mine}


def test_assignment_moves_the_case_and_tells_both_directors(api: Api) -> None:
    case_id = api.directed_case("case_director")
    api.app.dispatcher.drain()  # the first assignment is told before the handover
    other = api.user("dirk", Role.CASE_DIRECTOR, "zuid")
    director = api.auth(Role.CASE_DIRECTOR)
    body = {"case_director": "dirk", "reason": "caseload"}
    moved = api.client.post(f"{BASE}/cases/{case_id}/assignment", json=body, headers=director)
    assert moved.status_code == 200, moved.text
    again = api.client.post(f"{BASE}/cases/{case_id}/assignment", json=body, headers=other)
    assert again.status_code == 400  # dirk directs it already
    assert api.client.get(f"{BASE}/cases/{case_id}", headers=other).status_code == 200
    assert api.client.get(f"{BASE}/cases/{case_id}", headers=director).status_code == 403
    history = api.app.queries.detail(case_id)["history"]
    assert (history[-1]["trigger"], history[-1]["data"]["previous"]) == ("assign", "case_director")
    api.app.dispatcher.drain()
    told = api.client.get(f"{BASE}/notifications", headers=other).json()["items"]
    assert [(n["kind"], n["case_id"]) for n in told] == [("case_assigned", case_id)]
    before = api.client.get(f"{BASE}/notifications", headers=director).json()["items"]
    assert ("case_handed_over", case_id) in [(n["kind"], n["case_id"]) for n in before]


def test_notifications_include_the_role_notifications(api: Api) -> None:
    case_id = api.register()
    api.app.dispatcher.drain()
    answer = api.client.get(f"{BASE}/notifications", headers=api.auth(Role.INTAKE)).json()
    assert [(n["recipient"], n["kind"], n["case_id"]) for n in answer["items"]] == [
        ("role:intake", "new_report", case_id)
    ]


def test_statistics_suppress_small_cells(api: Api) -> None:
    for _ in range(6):
        api.register()
    api.register(municipality="Almelo")
    answer = api.client.get(f"{BASE}/statistics", headers=api.auth(Role.ANALYST))
    assert answer.status_code == 200
    figures = answer.json()
    assert figures["total"] == 7
    # Almelo's 1 is hidden, and so is Enschede's 6: with the total it would give Almelo away.
    assert figures["by"]["municipality"] == {"Enschede": None, "Almelo": None}
    assert figures["by"]["state"] == {"received": 7}


def test_the_case_file_holds_the_report_and_its_read_is_logged(api: Api) -> None:
    case_id = api.directed_case()
    director = api.auth(Role.CASE_DIRECTOR, **{"X-Purpose": "overleg met school"})

    answer = api.client.get(f"{BASE}/cases/{case_id}/file", headers=director)

    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert found["report"]["subject"]["name"].startswith("Testpersoon")
    assert found["report"]["reporter"]["phone"] == "+31 53 000 0000"
    assert found["assessment"]["level"] == "high"
    assert found["plan"]["at_start"]["plan"] == "plan"
    assert [e["trigger"] for e in found["timeline"]][:3] == [
        "register",
        "assess_risk",
        "start_case_direction",
    ]
    assert answer.headers["ETag"] == f'"{found["case"]["version"]}"'
    with api.app.engine.connect() as conn:
        row = conn.execute(select(access_log).order_by(access_log.c.id.desc())).mappings().first()
    assert row is not None
    assert (row["actor"], row["case_id"], row["purpose"]) == (
        "case_director",
        case_id,
        "overleg met school",
    )
    assert {"report", "timeline"} <= set(row["fields"].split(","))


def test_the_case_file_is_refused_outside_the_role_and_the_scope(api: Api) -> None:
    case_id = api.directed_case()
    analyst = api.client.get(f"{BASE}/cases/{case_id}/file", headers=api.auth(Role.ANALYST))
    other = api.user("olga", Role.CASE_DIRECTOR, "zuid")
    outside = api.client.get(f"{BASE}/cases/{case_id}/file", headers=other)
    assert (analyst.status_code, outside.status_code) == (403, 403)
    assert "X-Break-Glass-Reason" in outside.json()["detail"]
