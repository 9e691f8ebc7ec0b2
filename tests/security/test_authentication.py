"""Failed authentications are logged without the token and limited per source (429 with
Retry-After); OIDC needs its audience; our own tokens can be switched off."""

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from structlog.testing import capture_logs

from adapters.bootstrap import App
from adapters.http.app import create_app
from tests.conftest import make_settings
from tests.e2e.cli import Cli
from tests.integration.http.conftest import BASE
from workflow.access import Role

BAD = "mp_" + "x" * 43


@pytest.fixture
def client(app: App) -> Iterator[TestClient]:
    app.settings = app.settings.model_copy(update={"api_auth_failures_per_minute": 3})
    app.users.add("lead", Role.TEAM_LEAD)
    with TestClient(create_app(app), client=("192.0.2.10", 5000)) as test_client:
        yield test_client


def me(client: TestClient, token: str) -> object:
    return client.get(f"{BASE}/me", headers={"Authorization": f"Bearer {token}"})


def test_bad_tokens_are_logged_without_the_token_and_limited(app: App, client: TestClient) -> None:
    good = app.users.issue("lead", 1).token
    with capture_logs() as logs:
        assert [me(client, BAD).status_code for _ in range(3)] == [401, 401, 401]  # type: ignore[attr-defined]
    failed = [e for e in logs if e["event"] == "authentication failed"]
    assert len(failed) == 3
    assert failed[0]["source"] == "192.0.2.10" and failed[0]["token_kind"] == "meldpunt"
    assert BAD not in json.dumps(logs, default=str) and "x" * 20 not in str(logs)
    blocked = me(client, good)  # over the limit: even a good token waits
    assert blocked.status_code == 429  # type: ignore[attr-defined]
    assert 1 <= int(blocked.headers["retry-after"]) <= 60  # type: ignore[attr-defined]
    assert blocked.headers["content-type"] == "application/problem+json"  # type: ignore[attr-defined]
    with TestClient(create_app(app), client=("192.0.2.11", 5000)) as elsewhere:
        assert me(elsewhere, good).status_code == 200  # type: ignore[attr-defined]


def test_oidc_needs_its_audience_and_its_keys() -> None:
    oidc = {"oidc_issuer": "https://login.example/realms/m", "oidc_jwks_url": "https://x/certs"}
    with pytest.raises(ValidationError, match="MELDPUNT_OIDC_AUDIENCE is required"):
        make_settings("sqlite://", **oidc)
    with pytest.raises(ValidationError, match="go together"):
        make_settings("sqlite://", oidc_issuer=oidc["oidc_issuer"])
    make_settings("sqlite://", **oidc, oidc_audience="meldpunt-api")


def test_our_own_tokens_can_be_switched_off(app: App) -> None:
    app.users.add("lead", Role.TEAM_LEAD)
    token = app.users.issue("lead", 1).token
    with pytest.raises(ValidationError, match="needs OIDC"):
        make_settings("sqlite://", api_local_tokens=False)
    app.users.local_tokens = False  # as bootstrap makes it with MELDPUNT_API_LOCAL_TOKENS=false
    with TestClient(create_app(app)) as client:
        assert me(client, token).status_code == 401  # type: ignore[attr-defined]
    from adapters.db.users import LocalTokensOff

    with pytest.raises(LocalTokensOff):
        app.users.issue("lead", 1)


def test_the_command_line_says_so_too(cli: Cli) -> None:
    cli.settings.update(
        MELDPUNT_API_LOCAL_TOKENS="false",
        MELDPUNT_OIDC_ISSUER="https://login.example/realms/m",
        MELDPUNT_OIDC_JWKS_URL="https://login.example/certs",
        MELDPUNT_OIDC_AUDIENCE="meldpunt-api",
    )
    done = cli.run("tokens", "issue", "teun", expect=2)
    assert "MELDPUNT_API_LOCAL_TOKENS" in done.stderr
    cli.settings.pop("MELDPUNT_OIDC_AUDIENCE")
    done = cli.run("tokens", "issue", "teun", expect=2)
    assert "MELDPUNT_OIDC_AUDIENCE" in done.stderr
