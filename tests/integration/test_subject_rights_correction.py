"""Correction (AVG art. 16) on both databases: the new value in the report, the old one kept in
the history (encrypted: not in the database's bytes) with who, when and why; a bad value changes
nothing and names its field; the person is recognised by the corrected BSN; other roles are
refused; each correction is in the access log."""

from typing import Any

from sqlalchemy import select

from adapters.db.tables import access_log, case_history, cases, reports
from tests.conftest import unique_bsn
from tests.integration.http import conftest as http_api
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role

api = http_api.api  # the API fixture, reused
WHY = "the person called: the name was misspelt"


def _correct(api: Api, case_id: str, role: Role = Role.PRIVACY_OFFICER, **body: Any) -> Any:
    return api.client.post(
        f"{BASE}/cases/{case_id}/correction", json={"reason": WHY, **body}, headers=api.auth(role)
    )


def _file(api: Api, case_id: str) -> dict[str, Any]:
    answer = api.client.get(f"{BASE}/cases/{case_id}/file", headers=api.auth(Role.TEAM_LEAD))
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


def test_a_correction_puts_the_new_value_in_place_and_keeps_the_old_in_the_history(
    api: Api,
) -> None:
    case_id = api.register(name="Fena Oldspelling")
    answer = _correct(api, case_id, field="subject.name", value="Fenna Rightspelling")
    assert answer.status_code == 200, answer.text
    assert answer.json()["version"] == 2 and answer.headers["ETag"] == '"2"'

    found = _file(api, case_id)
    assert found["report"]["subject"]["name"] == "Fenna Rightspelling"
    last = found["timeline"][-1]
    assert (last["trigger"], last["actor"]) == ("correct_report", "privacy_officer")
    assert last["data"] == {
        "field": "subject.name",
        "old": "Fena Oldspelling",
        "new": "Fenna Rightspelling",
        "reason": WHY,
    }
    with api.app.engine.connect() as conn:
        stored = [
            *conn.execute(select(case_history.c.data).where(case_history.c.case_id == case_id)),
            *conn.execute(select(reports.c.content).where(reports.c.case_id == case_id)),
        ]
        [row] = conn.execute(
            select(access_log).where(
                access_log.c.case_id == case_id,
                access_log.c.resource == "report",
                access_log.c.actor == "privacy_officer",
            )
        )
    assert not any(b"Oldspelling" in bytes(data) for (data,) in stored)  # encrypted at rest
    assert (row.actor, row.action, row.outcome, row.fields) == (
        "privacy_officer",
        "write",
        "ok",
        "report.subject.name",
    )


def test_a_bad_value_changes_nothing_and_names_the_field(api: Api) -> None:
    case_id = api.register()
    before = _file(api, case_id)
    for body, field in [
        ({"field": "subject.bsn", "value": "123456789"}, "subject.bsn"),
        ({"field": "subject.municipality", "value": "Enshede"}, "subject.municipality"),
        ({"field": "subject.date_of_birth", "value": "2031-01-01"}, "subject.date_of_birth"),
        ({"field": "reporter.email", "value": "not an address"}, "reporter.email"),
        ({"field": "exploitation_forms", "value": []}, "exploitation_forms"),
        ({"field": "received_at", "value": "2026-11-01T10:00:00Z"}, "field"),
        ({"field": "subject.name", "value": before["report"]["subject"]["name"]}, "value"),
    ]:
        answer = _correct(api, case_id, **body)
        assert answer.status_code == 400, (body, answer.text)
        assert field in {p["name"] for p in answer.json()["invalid_params"]}, (body, answer.text)
    short = _correct(api, case_id, field="subject.name", value="X Y", reason="no")
    assert short.status_code == 400
    assert _file(api, case_id)["report"] == before["report"]
    assert len(_file(api, case_id)["timeline"]) == len(before["timeline"])


def test_a_corrected_bsn_is_how_the_person_is_found_from_then_on(api: Api) -> None:
    wrong, right = unique_bsn(), unique_bsn()
    case_id = api.register(bsn=wrong)
    assert _correct(api, case_id, field="subject.bsn", value=right).status_code == 200
    officer = api.auth(Role.PRIVACY_OFFICER)
    by_right = api.client.post(f"{BASE}/subjects/report", json={"bsn": right}, headers=officer)
    by_wrong = api.client.post(f"{BASE}/subjects/report", json={"bsn": wrong}, headers=officer)
    assert [f["case"]["case_id"] for f in by_right.json()["cases"]] == [case_id]
    assert by_wrong.json()["cases"] == []
    later = api.register(bsn=right)  # a new report about the person links to the corrected case
    links = _file(api, later)["related_cases"]
    assert case_id in {link["case_id"] for link in links}


def test_the_municipality_and_age_follow_the_corrected_report(api: Api) -> None:
    case_id = api.register(municipality="Enschede", date_of_birth="2010-03-14")
    assert _correct(api, case_id, field="subject.municipality", value="hengelo").status_code == 200
    assert _correct(api, case_id, field="subject.date_of_birth", value="2000-03-14").status_code
    with api.app.engine.connect() as conn:
        row = conn.execute(select(cases).where(cases.c.id == case_id)).one()
    assert (row.municipality, row.age_at_report) == ("Hengelo", 26)


def test_other_roles_are_refused_and_a_stale_version_is_a_conflict(api: Api) -> None:
    case_id = api.directed_case()
    for role in set(Role) - {Role.PRIVACY_OFFICER, Role.TEAM_LEAD}:
        answer = _correct(api, case_id, role, field="description", value="anders")
        assert answer.status_code == 403, (role, answer.text)
    stale = _correct(api, case_id, field="description", value="anders", expected_version=1)
    assert stale.status_code == 409
    lead = _correct(api, case_id, Role.TEAM_LEAD, field="description", value="anders")
    assert lead.status_code == 200, lead.text
    writes = select(access_log.c.outcome, access_log.c.fields).where(
        access_log.c.case_id == case_id, access_log.c.action == "write"
    )
    with api.app.engine.connect() as conn:
        outcomes = [tuple(row) for row in conn.execute(writes)]
    corrected = [o for o, fields in outcomes if fields == "report.description"]
    assert corrected == ["conflict", "ok"]
    assert [o for o, _ in outcomes].count("refused") == len(Role) - 2
