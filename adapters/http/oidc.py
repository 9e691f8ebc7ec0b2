"""OIDC access tokens (production): a JWT signed by the configured issuer, checked against the
issuer's published keys (JWKS) with PyJWT: signature, issuer, audience (always) and expiry;
the roles come from a configured claim, which must name at least one role of this service (the
person acts with all it names)."""

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
        assert settings.oidc_issuer and settings.oidc_jwks_url and settings.oidc_audience
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
                # The audience is always checked (settings refuse OIDC without one).
                options={"require": ["exp", "iss", "sub", "aud"], "verify_aud": True},
                leeway=30,
            )
        except (jwt.PyJWTError, jwt.PyJWKClientError) as error:
            raise InvalidToken(f"the access token is not valid: {error}") from None
        found = _claim(claims, s.oidc_roles_claim)
        names = [found] if isinstance(found, str) else list(found or [])
        # Every role of this service the claim names; the issuer's other roles are not ours.
        roles = frozenset(Role(n) for n in names if n in Role.__members__.values())
        if not roles:
            raise InvalidToken(
                f"claim '{s.oidc_roles_claim}' must name a role of: " + ", ".join(Role)
            )
        if Role.PARTNER in roles and len(roles) > 1:
            raise InvalidToken("the partner role is held alone")
        name = str(_claim(claims, s.oidc_username_claim) or claims["sub"])
        team = _claim(claims, s.oidc_team_claim)
        if not name.isprintable() or (team is not None and not str(team).isprintable()):
            raise InvalidToken("the user or team claim holds control characters")
        client = claims.get("azp") or claims.get("client_id") or "oidc"
        return Principal(name[:100], roles, str(team) if team else None, f"oidc:{client}"[:100])
