"""The HTTP conventions a client of another make relies on: CORS for configured origins only,
415 for a body type an operation does not take, 406 for an Accept it cannot meet, the version
header on every answer, and the renamed query keys still taken while deprecated."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from adapters.bootstrap import App
from adapters.http.app import create_app
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role

PORTAL = "https://portaal.example.nl"


@pytest.fixture
def portal_client(app: App) -> Iterator[TestClient]:
    app.settings.cors_origins = [PORTAL]
    with TestClient(create_app(app)) as client:
        yield client


def preflight(client: TestClient, origin: str, path: str = "/cases") -> object:
    return client.options(
        f"{BASE}{path}",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "Authorization, X-Purpose",
        },
    )


def test_a_preflight_from_a_configured_origin_is_allowed(portal_client: TestClient) -> None:
    answer = preflight(portal_client, PORTAL)
    assert answer.status_code == 200  # type: ignore[attr-defined]
    headers = answer.headers  # type: ignore[attr-defined]
    assert headers["access-control-allow-origin"] == PORTAL
    assert "authorization" in headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in headers
    assert headers["api-version"] == "1.0.0"


def test_another_origin_gets_no_cors_permission(portal_client: TestClient, api: Api) -> None:
    assert preflight(portal_client, "https://evil.example").status_code == 400  # type: ignore[attr-defined]
    answer = portal_client.get(
        f"{BASE}/me", headers={"Origin": "https://evil.example", **api.auth(Role.INTAKE)}
    )
    assert "access-control-allow-origin" not in answer.headers
    mine = portal_client.get(f"{BASE}/me", headers={"Origin": PORTAL, **api.auth(Role.INTAKE)})
    assert mine.headers["access-control-allow-origin"] == PORTAL
    assert "api-version" in mine.headers["access-control-expose-headers"].lower()


def test_without_configured_origins_no_origin_is_allowed_but_the_document_is_public(
    api: Api,
) -> None:
    assert preflight(api.client, PORTAL).status_code == 400  # type: ignore[attr-defined]
    document = api.client.get(f"{BASE}/openapi.json", headers={"Origin": PORTAL})
    assert document.headers["access-control-allow-origin"] == "*"


def test_a_body_of_another_type_is_415_and_changes_nothing(api: Api) -> None:
    headers = api.auth(Role.INTAKE)
    for content_type in ("text/plain", "application/xml", "application/json; charset=latin-1"):
        answer = api.client.post(
            f"{BASE}/reports", content=b"{}", headers={**headers, "Content-Type": content_type}
        )
        assert answer.status_code == 415, (content_type, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.headers["api-version"] == "1.0.0"
        assert answer.json()["status"] == 415
        assert "application/json" in answer.headers["accept-post"]
    form = api.client.post(f"{BASE}/reports", data={"a": "b"}, headers=headers)
    assert form.status_code == 415
    assert api.client.get(f"{BASE}/cases", headers=api.auth(Role.TEAM_LEAD)).json()["total"] == 0


def test_json_with_a_charset_is_taken(api: Api) -> None:
    answer = api.client.post(
        f"{BASE}/users",
        content=b'{"name": "nieuw", "roles": ["intake"]}',
        headers={
            **api.auth(Role.ADMIN, **{"X-Reason": "a new colleague"}),
            "Content-Type": "application/json; charset=UTF-8",
        },
    )
    assert answer.status_code == 201, answer.text


def test_an_accept_the_api_cannot_meet_is_406(api: Api) -> None:
    headers = api.auth(Role.INTAKE)
    refused = api.client.get(f"{BASE}/me", headers={**headers, "Accept": "application/xml"})
    assert refused.status_code == 406
    assert refused.headers["content-type"] == "application/problem+json"
    for accept in ("application/json", "*/*", "application/*", "text/html, application/json;q=0.5"):
        answer = api.client.get(f"{BASE}/me", headers={**headers, "Accept": accept})
        assert answer.status_code == 200, accept
    zero = api.client.get(f"{BASE}/me", headers={**headers, "Accept": "application/json;q=0"})
    assert zero.status_code == 406


def test_the_old_query_keys_still_work_and_say_they_are_deprecated(api: Api) -> None:
    api.directed_case()
    headers = api.auth(Role.TEAM_LEAD)
    new = api.client.get(f"{BASE}/cases", params={"riskLevel": "high"}, headers=headers)
    old = api.client.get(f"{BASE}/cases", params={"risk_level": "high"}, headers=headers)
    other = api.client.get(f"{BASE}/cases", params={"riskLevel": "low"}, headers=headers)
    assert new.status_code == old.status_code == 200
    assert new.json()["total"] == old.json()["total"] == 1
    assert other.json()["total"] == 0
    assert "deprecation" not in new.headers
    assert old.headers["deprecation"].startswith("@")
    assert old.headers["sunset"] == "Thu, 01 Jul 2027 00:00:00 GMT"
    both = api.client.get(
        f"{BASE}/cases", params={"risk_level": "high", "riskLevel": "low"}, headers=headers
    )
    assert both.status_code == 400
    assert [p["name"] for p in both.json()["invalid_params"]] == ["risk_level"]
    mine = api.client.get(f"{BASE}/cases", params={"assigned_to_me": "true"}, headers=headers)
    assert mine.status_code == 200
    assert mine.json()["total"] == 0  # the team lead directs none of them
