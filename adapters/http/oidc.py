"""OIDC access tokens (production): a JWT signed by the configured issuer, checked against the
issuer's published keys (JWKS) with PyJWT: signature, issuer, audience and expiry; the role
comes from a configured claim and must name exactly one role of this service."""

from typing import Any

import jwt

from config.settings import Settings
from workflow.access import Principal, Role

ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"]


class InvalidToken(Exception):
    pass


def _claim(claims: dict[str, Any], path: str) -> Any:
    value: Any = claims
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


class OidcVerifier:
    def __init__(self, settings: Settings) -> None:
        assert settings.oidc_issuer and settings.oidc_jwks_url
        self.settings = settings
        # Keys are cached; an unknown `kid` makes PyJWT fetch the set again (key rotation).
        self.keys = jwt.PyJWKClient(settings.oidc_jwks_url, cache_keys=True, timeout=5)

    def verify(self, token: str) -> Principal:
        s = self.settings
        try:
            key = self.keys.get_signing_key_from_jwt(token)
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=ALGORITHMS,
                issuer=s.oidc_issuer,
                audience=s.oidc_audience,
                options={
                    "require": ["exp", "iss", "sub"],
                    "verify_aud": s.oidc_audience is not None,
                },
                leeway=30,
            )
        except (jwt.PyJWTError, jwt.PyJWKClientError) as error:
            raise InvalidToken(f"the access token is not valid: {error}") from None
        found = _claim(claims, s.oidc_roles_claim)
        names = [found] if isinstance(found, str) else list(found or [])
        roles = [Role(n) for n in names if n in Role.__members__.values()]
        if len(roles) != 1:
            raise InvalidToken(
                f"claim '{s.oidc_roles_claim}' must name exactly one role of: " + ", ".join(Role)
            )
        name = str(_claim(claims, s.oidc_username_claim) or claims["sub"])
        team = _claim(claims, s.oidc_team_claim)
        if not name.isprintable() or (team is not None and not str(team).isprintable()):
            raise InvalidToken("the user or team claim holds control characters")
        client = claims.get("azp") or claims.get("client_id") or "oidc"
        return Principal(name[:100], roles[0], str(team) if team else None, f"oidc:{client}"[:100])
