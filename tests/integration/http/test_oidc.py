"""OIDC access tokens, checked against a JWKS served on loopback from a key made for the test:
a good token is accepted with the role from the configured claim; a wrong issuer, audience or
signature, an expired token, or one without exactly one role is refused with 401."""

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient

from adapters.bootstrap import bootstrap
from adapters.db.migrate import upgrade
from adapters.http.app import create_app
from tests.conftest import make_settings, with_people
from tests.integration.http.conftest import BASE

ISSUER = "https://login.example.test/realms/meldpunt"
AUDIENCE = "meldpunt-api"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def jwks_url() -> Iterator[str]:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key()))
    body = json.dumps({"keys": [{**jwk, "kid": "test-key", "use": "sig", "alg": "RS256"}]})

    class Keys(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Keys)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/certs"
    server.shutdown()


@pytest.fixture
def client(database_url: str, jwks_url: str) -> Iterator[TestClient]:
    settings = make_settings(
        database_url,
        oidc_issuer=ISSUER,
        oidc_audience=AUDIENCE,
        oidc_jwks_url=jwks_url,
        oidc_roles_claim="realm_access.roles",
    )
    app = bootstrap(settings)
    upgrade(app.engine)
    with_people(app)
    with TestClient(create_app(app)) as test_client:
        yield test_client
    app.engine.dispose()


def token(key: Any = KEY, **changes: Any) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "f3a1",
        "preferred_username": "bram",
        "team": "zuid",
        "azp": "meldpunt-web",
        "realm_access": {"roles": ["case_director", "offline_access"]},
        "iat": now,
        "exp": now + 300,
        **changes,
    }
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "test-key"})


def me(client: TestClient, bearer: str) -> Any:
    return client.get(f"{BASE}/me", headers={"Authorization": f"Bearer {bearer}"})


def test_several_roles_in_the_claim_are_all_held(client: TestClient) -> None:
    body = me(client, token(realm_access={"roles": ["team_lead", "intake", "x"]})).json()
    assert body["roles"] == ["intake", "team_lead"]
    assert "register_report" in body["actions"] and "confirm_assessment" in body["actions"]


def test_a_valid_token_is_accepted_with_its_role_and_team(client: TestClient) -> None:
    answer = me(client, token())
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["name"], body["roles"], body["team"]) == ("bram", ["case_director"], "zuid")
    assert body["via"] == "oidc:meldpunt-web"


@pytest.mark.parametrize(
    "bad",
    [
        token(iss="https://evil.example.test"),
        token(aud="another-api"),
        token(exp=int(time.time()) - 3600),
        token(OTHER_KEY),
        token(realm_access={"roles": ["offline_access"]}),
        token(realm_access={"roles": ["partner", "case_director"]}),
        token() + "x",
        token(aud=None),
    ],
    ids=[
        "issuer",
        "audience",
        "expired",
        "signature",
        "no-role",
        "partner-and-more",
        "mangled",
        "no-audience",
    ],
)
def test_a_bad_token_is_refused(client: TestClient, bad: str) -> None:
    answer = me(client, bad)
    assert answer.status_code == 401, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.headers["www-authenticate"] == "Bearer"
