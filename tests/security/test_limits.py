"""Bodies and lists have limits: a body over MELDPUNT_API_MAX_BODY_BYTES is 413 naming the limit
(whether it says its length or not), a list over its maximum is 400 naming the field."""

from collections.abc import Iterator

from adapters.bootstrap import App
from adapters.http.app import create_app
from tests.conftest import report_data
from tests.integration.http.conftest import ASSESS_HIGH, BASE, Api
from workflow.access import Role


def test_a_body_over_the_limit_is_413_naming_it(api: Api) -> None:
    limit = api.app.settings.api_max_body_bytes
    case_id = api.register()
    body = b'{"kind": "note", "summary": "' + b"x" * limit + b'"}'
    headers = {**api.auth(Role.TEAM_LEAD), "Content-Type": "application/json"}
    answer = api.client.post(f"{BASE}/cases/{case_id}/activities", content=body, headers=headers)
    assert answer.status_code == 413
    problem = answer.json()
    assert problem["limit"] == limit
    assert str(limit) in problem["detail"]
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.headers["cache-control"] == "no-store"  # the headers of every answer

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it comes
        yield b'{"kind": "note", "summary": "'
        for _ in range(limit // 1000 + 1):
            yield b"x" * 1000
        yield b'"}'

    streamed = api.client.post(
        f"{BASE}/cases/{case_id}/activities", content=chunks(), headers=headers
    )
    assert streamed.status_code == 413
    assert api.client.get(f"{BASE}/cases/{case_id}", headers=headers).json()["version"] == 1


def test_the_limit_is_a_setting(app: App) -> None:
    from fastapi.testclient import TestClient

    app.settings = app.settings.model_copy(update={"api_max_body_bytes": 2048})
    app.users.add("iris", Role.INTAKE)
    token = app.users.issue("iris", 1).token
    report = {**report_data(), "description": "x" * 3000}
    with TestClient(create_app(app)) as client:
        answer = client.post(
            f"{BASE}/reports", json=report, headers={"Authorization": f"Bearer {token}"}
        )
    assert answer.status_code == 413
    assert answer.json()["limit"] == 2048


def test_lists_over_their_maximum_are_400_naming_the_field(api: Api) -> None:
    report = report_data()
    report["signals"] = ["runs_away"] * 61
    report["exploitation_forms"] = ["sexual", "labour", "criminal", "organ_removal", "sexual"]
    answer = api.client.post(f"{BASE}/reports", json=report, headers=api.auth(Role.INTAKE))
    assert answer.status_code == 400
    named = {p["name"]: p["reason"] for p in answer.json()["invalid_params"]}
    assert set(named) == {"signals", "exploitation_forms"}
    assert "60" in named["signals"] and "4" in named["exploitation_forms"]
    case_id = api.register()
    data = {**ASSESS_HIGH, "indicators": ["runs_away"] * 61}
    answer = api.client.post(
        f"{BASE}/cases/{case_id}/transitions",
        json={"trigger": "assess_risk", "data": data},
        headers=api.auth(Role.TEAM_LEAD),
    )
    assert answer.status_code == 400
    assert [p["name"] for p in answer.json()["invalid_params"]] == ["data.indicators"]


def test_a_partner_signal_with_too_many_signals_is_refused(api: Api) -> None:
    case_id = api.register()
    event = {
        "specversion": "1.0",
        "id": "many",
        "source": "urn:nl:twente:scholen",
        "type": "nl.meldpunt.signal",
        "data": {"case_id": case_id, "signals": ["runs_away"] * 61},
    }
    answer = api.client.post(f"{BASE}/partner-events", json=event, headers=api.auth(Role.PARTNER))
    assert answer.status_code == 400
    assert "data.signals" in answer.json()["detail"]
