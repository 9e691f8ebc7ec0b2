"""Signing in with the configured OIDC issuer, the one the API trusts: authorization code with
PKCE (S256) through authlib. The state and the code verifier travel in a short-lived cookie
(HttpOnly, SameSite=Lax so that the issuer's redirect back brings it); the access token that
comes back is checked as the API checks one (adapters/http/oidc.py: signature, issuer, audience,
expiry, roles from the configured claim), and the person gets a web session like any other.
On only when MELDPUNT_WEB_OIDC_CLIENT_ID is set as well as the API's MELDPUNT_OIDC_*."""

import json
from dataclasses import dataclass
from typing import Any

import httpx
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import OAuth2Client

from adapters.http.oidc import OidcVerifier
from config.settings import Settings
from workflow.access import Principal

FLOW_COOKIE = "meldpunt_oidc"
FLOW_SECONDS = 600


@dataclass
class WebOidc:
    settings: Settings
    verifier: OidcVerifier

    def _client(self, redirect_uri: str) -> OAuth2Client:
        secret = self.settings.web_oidc_client_secret
        return OAuth2Client(
            client_id=self.settings.web_oidc_client_id,
            client_secret=secret.get_secret_value() if secret else None,
            scope="openid",
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
            token_endpoint_auth_method="client_secret_post" if secret else "none",
            timeout=10,
        )

    def _metadata(self) -> dict[str, Any]:
        issuer = str(self.settings.oidc_issuer).rstrip("/")
        found = httpx.get(f"{issuer}/.well-known/openid-configuration", timeout=10)
        found.raise_for_status()
        metadata: dict[str, Any] = found.json()
        return metadata

    def start(self, redirect_uri: str) -> tuple[str, str]:
        """Where to send the person, and the flow cookie's value (state and verifier)."""
        verifier = generate_token(64)
        with self._client(redirect_uri) as client:
            url, state = client.create_authorization_url(
                self._metadata()["authorization_endpoint"], code_verifier=verifier
            )
        return url, json.dumps({"state": state, "verifier": verifier})

    def finish(self, redirect_uri: str, flow: str, code: str, state: str) -> Principal | None:
        """The person the issuer vouches for, or None when the flow does not add up."""
        try:
            started = json.loads(flow)
        except ValueError:
            return None
        if not isinstance(started, dict) or started.get("state") != state or not code:
            return None
        with self._client(redirect_uri) as client:
            token = client.fetch_token(
                self._metadata()["token_endpoint"],
                code=code,
                code_verifier=started.get("verifier"),
                grant_type="authorization_code",
            )
        principal = self.verifier.verify(str(token["access_token"]))
        return Principal(principal.name, principal.roles, principal.team, "web:oidc")


def web_oidc(settings: Settings) -> WebOidc | None:
    if not (settings.web_oidc_client_id and settings.oidc_issuer and settings.oidc_jwks_url):
        return None
    return WebOidc(settings, OidcVerifier(settings))
