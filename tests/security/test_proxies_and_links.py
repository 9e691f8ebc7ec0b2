"""X-Forwarded-For and X-On-Behalf-Of are believed only from a configured proxy; `next` links
start with the configured public base URL, whatever the Host header says."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from adapters.bootstrap import App
from adapters.http.app import create_app
from tests.integration.http.conftest import BASE, Api
from workflow.access import Role

PROXY = "10.20.0.7"


@pytest.fixture
def behind_proxy(app: App) -> Iterator[tuple[App, dict[str, str]]]:
    app.settings = app.settings.model_copy(update={"api_trusted_proxies": ["10.20.0.0/24"]})
    app.users.add("lead", Role.TEAM_LEAD)
    yield app, {"Authorization": f"Bearer {app.users.issue('lead', 1).token}"}


def accesses(app: App) -> list[dict[str, object]]:
    from sqlalchemy import select

    from adapters.db.tables import access_log

    with app.engine.connect() as conn:
        return [
            dict(r) for r in conn.execute(select(access_log).order_by(access_log.c.id)).mappings()
        ]


def test_forwarded_headers_from_a_client_are_not_believed(api: Api) -> None:
    lead = api.auth(Role.TEAM_LEAD, **{"X-Forwarded-For": "192.0.2.99"})
    assert api.client.get(f"{BASE}/cases", headers=lead).status_code == 200
    assert accesses(api.app)[-1]["client"] == "testclient"  # the peer, not what it claimed
    claimed = api.auth(Role.TEAM_LEAD, **{"X-On-Behalf-Of": "anna"})
    answer = api.client.get(f"{BASE}/cases", headers=claimed)
    assert answer.status_code == 400
    assert answer.json()["invalid_params"][0]["name"] == "x-on-behalf-of"
    assert all(row["on_behalf_of"] is None for row in accesses(api.app))


def test_a_configured_proxy_is_believed(behind_proxy: tuple[App, dict[str, str]]) -> None:
    app, lead = behind_proxy
    headers = {**lead, "X-Forwarded-For": "192.0.2.99", "X-On-Behalf-Of": "anna"}
    with TestClient(create_app(app), client=(PROXY, 40000)) as client:
        assert client.get(f"{BASE}/cases", headers=headers).status_code == 200
    row = accesses(app)[-1]
    assert (row["client"], row["on_behalf_of"]) == ("192.0.2.99", "anna")
    with TestClient(create_app(app), client=("10.20.1.7", 40000)) as outside:
        answer = outside.get(f"{BASE}/cases", headers=headers)  # next door, not the proxy
    assert answer.status_code == 400


def test_next_links_start_with_the_public_base_url(api: Api) -> None:
    for _ in range(3):
        api.register()
    headers = api.auth(Role.TEAM_LEAD, Host="evil.example")
    found = api.client.get(f"{BASE}/cases?limit=2&state=received", headers=headers).json()
    base = api.app.settings.public_base_url
    assert found["next"].startswith(f"{base}{BASE}/cases?")
    assert "evil" not in found["next"]
    assert "offset=2" in found["next"] and "state=received" in found["next"]
