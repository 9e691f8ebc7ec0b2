"""The NL API Design Rules: problem+json errors naming the fields, 400 not 422, 409 on a stale
version or a refused transition, the API-Version and security headers, and pagination."""

from urllib.parse import parse_qs, urlsplit

from tests.integration.http.conftest import BASE, Api
from workflow.access import Role

PROBLEM = "application/problem+json"


def test_invalid_input_is_400_naming_every_field(api: Api) -> None:
    body = {"trigger": "assess_risk", "data": {"level": "very", "indicators": "x"}}
    case_id = api.register()
    answer = api.client.post(
        f"{BASE}/cases/{case_id}/transitions", json=body, headers=api.auth(Role.TEAM_LEAD)
    )
    assert answer.status_code == 400
    assert answer.headers["content-type"] == PROBLEM
    problem = answer.json()
    assert {problem["status"], problem["title"]} == {400, "Onjuiste invoer"}
    names = {p["name"] for p in problem["invalid_params"]}
    assert names == {"data.level", "data.indicators", "data.rationale"}
    assert all(p["reason"] for p in problem["invalid_params"])


def test_a_malformed_body_and_query_are_400_not_422(api: Api) -> None:
    lead = api.auth(Role.TEAM_LEAD)
    report = api.client.post(f"{BASE}/reports", json={"channel": "fax"}, headers=lead)
    assert report.status_code == 400
    names = {p["name"] for p in report.json()["invalid_params"]}
    assert {"channel", "received_at", "reporter", "subject", "exploitation_forms"} <= names
    listed = api.client.get(f"{BASE}/cases?limit=1000&state=lost", headers=lead)
    assert listed.status_code == 400
    assert {p["name"] for p in listed.json()["invalid_params"]} == {"limit", "state"}
    bad_id = api.client.get(f"{BASE}/cases/not-a-uuid", headers=lead)
    assert bad_id.status_code == 400
    assert bad_id.json()["invalid_params"][0]["name"] == "case_id"


def test_a_report_with_an_unknown_municipality_changes_nothing(api: Api) -> None:
    from tests.conftest import report_data

    body = report_data(municipality="Atlantis")
    answer = api.client.post(f"{BASE}/reports", json=body, headers=api.auth(Role.INTAKE))
    assert answer.status_code == 400
    assert [p["name"] for p in answer.json()["invalid_params"]] == ["subject.municipality"]
    listed = api.client.get(f"{BASE}/cases", headers=api.auth(Role.TEAM_LEAD)).json()
    assert listed["total"] == 0


def test_a_stale_version_is_409_and_changes_nothing(api: Api) -> None:
    case_id = api.register()
    lead = api.auth(Role.TEAM_LEAD)
    seen = api.client.get(f"{BASE}/cases/{case_id}", headers=lead)
    etag = seen.headers["etag"]
    assert etag == '"1"'
    note = {"kind": "note", "summary": "first"}
    first = api.client.post(
        f"{BASE}/cases/{case_id}/activities", json=note, headers={**lead, "If-Match": etag}
    )
    assert first.status_code == 201
    assert first.headers["etag"] == '"2"'
    body = {"trigger": "close", "data": {"result": "other", "reason": "x"}}
    second = api.client.post(
        f"{BASE}/cases/{case_id}/transitions", json=body, headers={**lead, "If-Match": etag}
    )
    assert second.status_code == 409
    assert second.headers["content-type"] == PROBLEM
    assert second.json()["title"] == "Intussen gewijzigd"
    in_body = api.client.post(
        f"{BASE}/cases/{case_id}/transitions", json={**body, "expected_version": 1}, headers=lead
    )
    assert in_body.status_code == 409
    after = api.client.get(f"{BASE}/cases/{case_id}", headers=lead).json()
    assert (after["state"], after["version"]) == ("received", 2)


def test_a_refused_transition_is_409_with_the_allowed_triggers(api: Api) -> None:
    case_id = api.register()
    body = {"trigger": "scale_down", "data": {"local_team": "x", "handover": "y"}}
    answer = api.client.post(
        f"{BASE}/cases/{case_id}/transitions", json=body, headers=api.auth(Role.TEAM_LEAD)
    )
    assert answer.status_code == 409
    problem = answer.json()
    assert problem["title"] == "Stap niet mogelijk"
    assert problem["state"] == "received"
    assert problem["allowed_triggers"] == ["assess_risk", "close"]


def test_unknown_case_and_route_are_404_problems(api: Api) -> None:
    lead = api.auth(Role.TEAM_LEAD)
    missing = api.client.get(f"{BASE}/cases/00000000-0000-4000-8000-000000000000", headers=lead)
    assert missing.status_code == 404
    assert missing.headers["content-type"] == PROBLEM
    nowhere = api.client.get(f"{BASE}/nowhere", headers=lead)
    assert (nowhere.status_code, nowhere.headers["content-type"]) == (404, PROBLEM)


def test_every_response_carries_the_version_and_security_headers(api: Api) -> None:
    for path, headers in [
        ("/me", api.auth(Role.ANALYST)),
        ("/cases", {}),
        ("/openapi.json", {}),
        ("/docs", {}),
    ]:
        answer = api.client.get(f"{BASE}{path}", headers=headers)
        assert answer.headers["api-version"] == "1.0.0"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["strict-transport-security"].startswith("max-age=")
        assert answer.headers["cache-control"] == "no-store"
        csp = answer.headers["content-security-policy"]
        assert csp.startswith("default-src 'none'")
        assert ("script-src" in csp) == (path == "/docs")


def test_lists_are_paged_with_total_and_next(api: Api) -> None:
    made = [api.register() for _ in range(3)]
    lead = api.auth(Role.TEAM_LEAD)
    first = api.client.get(f"{BASE}/cases?limit=2", headers=lead).json()
    assert (first["total"], first["limit"], first["offset"]) == (3, 2, 0)
    next_url = urlsplit(first["next"])
    assert next_url.path == "/api/v1/cases"
    assert parse_qs(next_url.query) == {"limit": ["2"], "offset": ["2"]}
    rest = api.client.get(first["next"], headers=lead).json()
    assert rest["next"] is None
    # Same received_at for all three: the order is by id then, and each comes exactly once.
    assert sorted(c["case_id"] for c in first["items"] + rest["items"]) == sorted(made)


def test_the_openapi_document_says_400_problem_and_never_422(api: Api) -> None:
    document = api.client.get(f"{BASE}/openapi.json").json()
    assert document["openapi"].startswith("3.")
    for ops in document["paths"].values():
        for operation in ops.values():
            assert "422" not in operation["responses"]
            problem = operation["responses"]["400"]["content"]["application/problem+json"]
            assert problem["schema"] == {"$ref": "#/components/schemas/Problem"}


def test_control_characters_are_refused_before_they_reach_a_column(api: Api) -> None:
    """PostgreSQL refuses NUL in text: found by schemathesis as a 500, now a 400 everywhere."""
    from tests.conftest import report_data

    lead, admin = api.auth(Role.TEAM_LEAD), api.auth(Role.ADMIN)
    body = report_data(municipality="Ens\x00chede", outside_twente=True)
    report = api.client.post(f"{BASE}/reports", json=body, headers=lead)
    assert report.status_code == 400
    assert report.json()["invalid_params"][0]["name"] == "subject.municipality"
    user = api.client.post(
        f"{BASE}/users", json={"name": "\x00", "roles": ["intake"]}, headers=admin
    )
    assert (user.status_code, user.json()["invalid_params"][0]["name"]) == (400, "name")
    search = api.client.get(f"{BASE}/cases", params={"municipality": "\x00"}, headers=lead)
    assert search.status_code == 400


def test_problems_are_in_english_when_the_settings_ask_for_it(database_url: str) -> None:
    from fastapi.testclient import TestClient

    from adapters.bootstrap import bootstrap
    from adapters.db.migrate import upgrade
    from adapters.http.app import create_app
    from tests.conftest import make_settings

    english = bootstrap(make_settings(database_url, language="en"))
    upgrade(english.engine)
    english.users.add("lead", Role.TEAM_LEAD)
    token = english.users.issue("lead", 1).token
    with TestClient(create_app(english)) as client:
        answer = client.get(
            f"{BASE}/cases/00000000-0000-4000-8000-000000000000",
            headers={"Authorization": f"Bearer {token}"},
        )
    english.engine.dispose()
    assert (answer.status_code, answer.json()["title"]) == (404, "Not found")
    assert "does not exist" in answer.json()["detail"]
