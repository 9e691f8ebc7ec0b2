"""A small OpenID Connect issuer for the tests: discovery, an authorization endpoint that signs
the person in at once, a token endpoint that checks the PKCE verifier against the challenge
(S256) and issues an RS256 access token, and its keys (JWKS)."""

import base64
import hashlib
import json
import secrets
import time
from typing import Annotated, Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI, Form, HTTPException
from fastapi.responses import RedirectResponse

AUDIENCE = "meldpunt"
CLIENT_ID = "meldpunt-web"


def issuer_app(url: str, claims: dict[str, Any]) -> FastAPI:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update(kid="test-key", use="sig", alg="RS256")
    challenges: dict[str, str] = {}
    app = FastAPI()

    @app.get("/.well-known/openid-configuration")
    def discovery() -> dict[str, str]:
        return {
            "issuer": url,
            "authorization_endpoint": f"{url}/authorize",
            "token_endpoint": f"{url}/token",
            "jwks_uri": f"{url}/jwks",
        }

    @app.get("/jwks")
    def jwks() -> dict[str, Any]:
        return {"keys": [jwk]}

    @app.get("/authorize")
    def authorize(
        redirect_uri: str, state: str, code_challenge: str, code_challenge_method: str
    ) -> RedirectResponse:
        assert code_challenge_method == "S256"
        code = secrets.token_urlsafe(16)
        challenges[code] = code_challenge
        return RedirectResponse(f"{redirect_uri}?code={code}&state={state}", status_code=303)

    @app.post("/token")
    def token(
        code: Annotated[str, Form()], code_verifier: Annotated[str, Form()]
    ) -> dict[str, Any]:
        digest = hashlib.sha256(code_verifier.encode()).digest()
        expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        if challenges.pop(code, None) != expected:
            raise HTTPException(400, "invalid_grant")
        now = int(time.time())
        body = {"iss": url, "aud": AUDIENCE, "iat": now, "exp": now + 300, "azp": CLIENT_ID}
        access = jwt.encode({**body, **claims}, key, "RS256", headers={"kid": "test-key"})
        return {"access_token": access, "token_type": "Bearer", "expires_in": 300}

    return app
