"""Signing in with the configured OIDC issuer, the one the API trusts: authorization code with
PKCE (S256), the challenge and the authorization URL made by authlib's RFC 7636 and 6749 parts
(its httpx client warns on import). The state and the code verifier travel in a short-lived
cookie (HttpOnly, SameSite=Lax so that the issuer's redirect back brings it); the access token that
comes back is checked as the API checks one (adapters/http/oidc.py: signature, issuer, audience,
expiry, roles from the configured claim), and the person gets a web session like any other.
On only when MELDPUNT_WEB_OIDC_CLIENT_ID is set as well as the API's MELDPUNT_OIDC_*."""

import json
from dataclasses import dataclass
from typing import Any

import httpx
from authlib.common.security import generate_token
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from adapters.http.oidc import OidcVerifier
from config.settings import Settings
from workflow.access import Principal

FLOW_COOKIE = "meldpunt_oidc"
FLOW_SECONDS = 600


@dataclass
class WebOidc:
    settings: Settings
    verifier: OidcVerifier

    def _metadata(self) -> dict[str, Any]:
        issuer = str(self.settings.oidc_issuer).rstrip("/")
        found = httpx.get(f"{issuer}/.well-known/openid-configuration", timeout=10)
        found.raise_for_status()
        metadata: dict[str, Any] = found.json()
        return metadata

    def start(self, redirect_uri: str) -> tuple[str, str]:
        """Where to send the person, and the flow cookie's value (state and verifier)."""
        state, verifier = generate_token(32), generate_token(64)
        url = prepare_grant_uri(
            self._metadata()["authorization_endpoint"],
            client_id=self.settings.web_oidc_client_id,
            response_type="code",
            redirect_uri=redirect_uri,
            scope="openid",
            state=state,
            code_challenge=create_s256_code_challenge(verifier),
            code_challenge_method="S256",
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
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": self.settings.web_oidc_client_id,
            "code_verifier": started.get("verifier"),
        }
        if (secret := self.settings.web_oidc_client_secret) is not None:
            form["client_secret"] = secret.get_secret_value()
        answer = httpx.post(self._metadata()["token_endpoint"], data=form, timeout=10)
        if answer.status_code != 200:
            return None
        principal = self.verifier.verify(str(answer.json()["access_token"]))
        return Principal(principal.name, principal.roles, principal.team, "web:oidc")


def web_oidc(settings: Settings) -> WebOidc | None:
    if not (settings.web_oidc_client_id and settings.oidc_issuer and settings.oidc_jwks_url):
        return None
    return WebOidc(settings, OidcVerifier(settings))
