"""Advice questions over the API on a real database (SQLite and PostgreSQL): recorded with the
municipality by its canonical name, every wrong field named at once, refused roles, the access
log, and an advice question turned into a report with the link both ways."""

from typing import Any

from sqlalchemy import delete, select

from adapters.db.tables import access_log, advice_questions, cases, metadata
from tests.conftest import report_data
from tests.integration.http import conftest as http
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role

ADVICE: dict[str, Any] = {
    "asked_on": "2026-10-30",
    "channel": "phone",
    "organisation": "Het Stedelijk Lyceum",
    "professional": "teacher",
    "municipality": "hengelo (o.)",
    "topics": ["sexual", "runs_away"],
    "advice": "Talk with the pupil's mentor;\nphone us again when she stays away.",
    "minutes": 25,
}

api = http.api  # the API with a user and a token per role (a fixture)


def record(api: Api, role: Role = Role.INTAKE, **changed: Any) -> Any:
    return api.client.post(
        f"{BASE}/advice-questions", json={**ADVICE, **changed}, headers=api.auth(role)
    )


def test_an_advice_question_is_recorded_and_read_back(api: Api) -> None:
    answer = record(api)
    assert answer.status_code == 201, answer.text
    made = answer.json()
    assert made["municipality"] == "Hengelo"  # any spelling, the canonical name kept
    assert made["led_to_report"] is False and made["case_id"] is None
    assert answer.headers["Location"].endswith(made["advice_id"])
    read = api.client.get(
        f"{BASE}/advice-questions/{made['advice_id']}", headers=api.auth(Role.TEAM_LEAD)
    )
    assert read.status_code == 200
    assert read.json()["advice"] == ADVICE["advice"]
    listed = api.client.get(f"{BASE}/advice-questions", headers=api.auth(Role.CASE_DIRECTOR))
    assert listed.json()["total"] == 1
    assert "advice" not in listed.json()["items"][0] or listed.json()["items"][0]["advice"] is None


def test_the_advice_text_is_encrypted_at_rest(api: Api) -> None:
    assert record(api).status_code == 201
    with api.app.engine.connect() as conn:
        stored = conn.execute(select(advice_questions.c.advice)).scalar_one()
    assert b"mentor" not in bytes(stored)


def test_every_wrong_field_is_named_and_nothing_is_recorded(api: Api) -> None:
    answer = record(
        api,
        asked_on="2099-01-01",
        municipality="Amsterdam",
        topics=["sexual", "no_such_signal"],
        minutes=0,
        organisation="School\u202e",
        advice="",
    )
    assert answer.status_code == 400, answer.text
    names = {p["name"] for p in answer.json()["invalid_params"]}
    # pydantic's own problems first: the reference data is checked on a well-formed form
    assert {"minutes", "organisation", "advice"} <= names
    answer = record(api, asked_on="2099-01-01", municipality="Amsterdam", topics=["x_y"])
    names = {p["name"] for p in answer.json()["invalid_params"]}
    assert names == {"asked_on", "municipality", "topics.0"}
    unknown = record(api, name="Fenna")  # no field for a name of the person
    assert unknown.status_code == 400
    assert {p["name"] for p in unknown.json()["invalid_params"]} == {"name"}
    with api.app.engine.connect() as conn:
        assert conn.execute(select(advice_questions)).first() is None


def test_roles_that_may_not_record_or_read_are_refused_and_logged(api: Api) -> None:
    for role in (Role.ANALYST, Role.TEAM_LEAD, Role.CARE_COORDINATOR, Role.PARTNER):
        assert record(api, role).status_code == 403, role
    for role in (Role.ANALYST, Role.PARTNER, Role.ADMIN):
        got = api.client.get(f"{BASE}/advice-questions", headers=api.auth(role))
        assert got.status_code == 403, role
    with api.app.engine.connect() as conn:
        refused = conn.execute(
            select(access_log.c.role, access_log.c.action).where(
                access_log.c.resource == "advice_question", access_log.c.outcome == "refused"
            )
        ).all()
    assert ("analyst", "write") in refused and ("analyst", "read") in refused


def test_every_read_and_write_is_in_the_access_log(api: Api) -> None:
    advice_id = record(api).json()["advice_id"]
    api.client.get(f"{BASE}/advice-questions/{advice_id}", headers=api.auth(Role.INTAKE))
    api.client.get(f"{BASE}/advice-questions", headers=api.auth(Role.INTAKE))
    with api.app.engine.connect() as conn:
        rows = conn.execute(
            select(access_log.c.action, access_log.c.fields, access_log.c.outcome).where(
                access_log.c.resource == "advice_question"
            )
        ).all()
    mine = f"id:{advice_id}"
    assert [(a, o) for a, f, o in rows if f == mine] == [
        ("write", "ok"),
        ("read", "ok"),
        ("list", "ok"),
    ]
    assert api.app.access_log.verify().intact


def test_an_unknown_advice_question_is_404(api: Api) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    got = api.client.get(f"{BASE}/advice-questions/{missing}", headers=api.auth(Role.INTAKE))
    assert got.status_code == 404
    assert missing in got.json()["detail"]


def test_an_advice_question_becomes_a_report_linked_both_ways(api: Api) -> None:
    advice_id = record(api).json()["advice_id"]
    url = f"{BASE}/advice-questions/{advice_id}/report"
    answer = api.client.post(url, json=report_data(), headers=api.auth(Role.INTAKE))
    assert answer.status_code == 201, answer.text
    case_id = answer.json()["case_id"]
    assert answer.headers["Location"] == f"/api/v1/cases/{case_id}"
    shown = api.client.get(
        f"{BASE}/advice-questions/{advice_id}", headers=api.auth(Role.INTAKE)
    ).json()
    assert (shown["case_id"], shown["led_to_report"]) == (case_id, True)
    back = api.client.get(
        f"{BASE}/advice-questions", params={"caseId": case_id}, headers=api.auth(Role.TEAM_LEAD)
    ).json()
    assert [q["advice_id"] for q in back["items"]] == [advice_id]
    case = api.client.get(f"{BASE}/cases/{case_id}", headers=api.auth(Role.TEAM_LEAD))
    assert case.status_code == 200
    again = api.client.post(url, json=report_data(), headers=api.auth(Role.INTAKE))
    assert again.status_code == 400
    assert [p["name"] for p in again.json()["invalid_params"]] == ["advice_id"]
    with api.app.engine.connect() as conn:
        assert len(conn.execute(select(cases.c.id)).all()) == 1


def test_a_refused_report_links_nothing(api: Api) -> None:
    advice_id = record(api).json()["advice_id"]
    bad = {**report_data(), "channel": "pigeon"}
    url = f"{BASE}/advice-questions/{advice_id}/report"
    answer = api.client.post(url, json=bad, headers=api.auth(Role.INTAKE))
    assert answer.status_code == 400
    # A case director records advice questions but does not register reports.
    refused = api.client.post(url, json=report_data(), headers=api.auth(Role.CASE_DIRECTOR))
    assert refused.status_code == 403
    with api.app.engine.connect() as conn:
        assert conn.execute(select(advice_questions.c.case_id)).scalar_one() is None
        assert conn.execute(select(cases.c.id)).first() is None


def test_an_erased_case_leaves_its_advice_question_counted_as_led_to_a_report(api: Api) -> None:
    advice_id = record(api).json()["advice_id"]
    url = f"{BASE}/advice-questions/{advice_id}/report"
    case_id = api.client.post(url, json=report_data(), headers=api.auth(Role.INTAKE)).json()[
        "case_id"
    ]
    with api.app.engine.begin() as conn:  # what erasing a case after its retention does
        for table in reversed(metadata.sorted_tables):
            refers = any(fk.column.table is cases for fk in table.foreign_keys)
            if refers and table is not advice_questions:
                conn.execute(delete(table).where(table.c.case_id == case_id))
        conn.execute(delete(cases).where(cases.c.id == case_id))
    shown = api.client.get(
        f"{BASE}/advice-questions/{advice_id}", headers=api.auth(Role.INTAKE)
    ).json()
    assert (shown["case_id"], shown["led_to_report"]) == (None, True)
