"""Inzage (AVG art. 15): the privacy officer's report of everything held about a person, across
cases, on both databases: the reports decrypted, states, history, consents, what was disclosed
to which partner on which legal basis and when, and who read the cases; the report itself in the
access log; every other role refused; a person named in anything but exactly one way refused
with the fields named."""

from typing import Any

from sqlalchemy import select

from tests.conftest import unique_bsn
from tests.integration.http import conftest as http_api
from tests.integration.http.conftest import ASSESS_HIGH, BASE, Api
from workflow.access import Role

api = http_api.api  # the API fixture, reused

ACUTE = {**ASSESS_HIGH, "level": "acute"}
CONSENT = {"given_by": "subject", "scope": "registration", "given_at": "2026-11-01T10:00:00Z"}


def _log(api: Api, actor: str) -> list[Any]:
    from adapters.db.tables import access_log

    query = select(access_log).where(access_log.c.actor == actor).order_by(access_log.c.id)
    with api.app.engine.connect() as conn:
        return list(conn.execute(query))


def _person_with_two_cases(api: Api) -> tuple[str, str, str]:
    bsn = unique_bsn()
    first = api.register(bsn=bsn, name="Fenna Voorbeeld")
    second = api.register(bsn=bsn, name="Fenna Voorbeeld")
    api.fire(first, "assess_risk", ACUTE)  # the police are told of an acute risk
    api.app.dispatcher.drain()
    lead = api.auth(Role.TEAM_LEAD)
    given = api.client.post(f"{BASE}/cases/{first}/consents", json=CONSENT, headers=lead)
    assert given.status_code == 201, given.text
    assert api.client.get(f"{BASE}/cases/{second}/file", headers=lead).status_code == 200
    return bsn, first, second


def test_the_report_holds_everything_about_the_person_and_who_read_it(api: Api) -> None:
    bsn, first, second = _person_with_two_cases(api)
    someone_else = api.register()
    officer = api.auth(Role.PRIVACY_OFFICER)

    answer = api.client.post(f"{BASE}/subjects/report", json={"bsn": bsn}, headers=officer)

    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert found["person"] == {"bsn": bsn}
    files = {f["case"]["case_id"]: f for f in found["cases"]}
    assert set(files) == {first, second}
    assert someone_else not in files
    assert files[first]["report"]["subject"]["name"] == "Fenna Voorbeeld"  # decrypted
    assert files[first]["case"]["state"] == "risk_assessed"
    assert [e["trigger"] for e in files[first]["timeline"]] == [
        "register",
        "assess_risk",
        "record_consent",
    ]
    assert files[first]["consents"][0]["scope"] == "registration"
    [told] = [d for d in found["disclosures"] if d["partner"] == "police"]
    assert told["case_id"] == first and told["legal_basis"] and told["created_at"]
    read = [a for a in found["accesses"] if a["resource"] == "case" and a["action"] == "read"]
    assert {(a["actor"], a["case_id"]) for a in read} >= {("team_lead", second)}
    # The report is in the access log: one row per case it showed, with the subject's key.
    rows = [r for r in _log(api, "privacy_officer") if r.resource == "subject_report"]
    assert {r.case_id for r in rows} == {first, second}
    assert {(r.action, r.outcome, r.role) for r in rows} == {("export", "ok", "privacy_officer")}
    assert all(r.subject_key for r in rows)
    assert "report" in rows[0].fields and rows[0].purpose == "case_work"


def test_the_person_is_found_by_name_and_birth_date_or_by_a_case(api: Api) -> None:
    first = api.register(name="Sanne de Boer", date_of_birth="2009-05-06")
    officer = api.auth(Role.PRIVACY_OFFICER)
    by_name = api.client.post(
        f"{BASE}/subjects/report",
        json={"name": "de Boer, Sanne", "date_of_birth": "2009-05-06"},  # as intake matches
        headers=officer,
    )
    assert by_name.status_code == 200, by_name.text
    assert [f["case"]["case_id"] for f in by_name.json()["cases"]] == [first]
    by_case = api.client.get(f"{BASE}/subjects/report?caseId={first}", headers=officer)
    assert by_case.status_code == 200, by_case.text
    assert [f["case"]["case_id"] for f in by_case.json()["cases"]] == [first]


def test_no_one_found_is_an_empty_answer_and_is_logged_too(api: Api) -> None:
    answer = api.client.post(
        f"{BASE}/subjects/report", json={"bsn": unique_bsn()}, headers=api.auth(Role.TEAM_LEAD)
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["cases"] == [] and answer.json()["accesses"] == []
    [row] = [r for r in _log(api, "team_lead") if r.resource == "subject_report"]
    assert (row.case_id, row.outcome) == (None, "ok")


def test_every_other_role_is_refused_and_the_refusal_is_logged(api: Api) -> None:
    bsn, _, _ = _person_with_two_cases(api)
    allowed = {Role.PRIVACY_OFFICER, Role.TEAM_LEAD}
    for role in set(Role) - allowed:
        answer = api.client.post(
            f"{BASE}/subjects/report", json={"bsn": bsn}, headers=api.auth(role)
        )
        assert answer.status_code == 403, (role, answer.text)
        refused = [r for r in _log(api, role.value) if r.resource == "subject_report"]
        assert [r.outcome for r in refused] == ["refused"], role


def _problems(answer: Any) -> set[str]:
    assert answer.status_code == 400, answer.text
    return {p["name"] for p in answer.json()["invalid_params"]}


def test_a_person_named_in_anything_but_one_way_is_refused_naming_the_fields(api: Api) -> None:
    officer = api.auth(Role.PRIVACY_OFFICER)
    url = f"{BASE}/subjects/report"
    bsn = unique_bsn()
    both = {"bsn": bsn, "name": "Fenna", "date_of_birth": "2010-03-14"}
    assert _problems(api.client.post(url, json=both, headers=officer)) == {"bsn", "name"}
    assert _problems(api.client.post(url, json={}, headers=officer)) == {"bsn", "name", "case_id"}
    assert _problems(api.client.post(url, json={"name": "Fenna"}, headers=officer)) == {
        "date_of_birth"
    }
    assert _problems(api.client.post(url, json={"bsn": "123456789"}, headers=officer)) == {"bsn"}
    unknown = api.client.post(url, json={"case_id": bsn_case()}, headers=officer)
    assert unknown.status_code == 404
    assert [r.outcome for r in _log(api, "privacy_officer")] == ["not_found"]


def bsn_case() -> str:
    return "00000000-0000-4000-8000-000000000000"


def test_the_privacy_officer_does_none_of_the_case_work(api: Api) -> None:
    case_id = api.directed_case()
    officer = api.auth(Role.PRIVACY_OFFICER)
    assert api.client.get(f"{BASE}/cases", headers=officer).status_code == 403
    assert api.client.get(f"{BASE}/cases/{case_id}", headers=officer).status_code == 403
    note = {"kind": "note", "summary": "a note"}
    answer = api.client.post(f"{BASE}/cases/{case_id}/activities", json=note, headers=officer)
    assert answer.status_code == 403
    me = api.client.get(f"{BASE}/me", headers=officer).json()
    assert set(me["actions"]) == {
        "read_self",
        "subject_access_report",
        "correct_report",
        "restrict_case",
    }
