"""Signing in with the configured OIDC issuer (authorization code with PKCE): not built yet;
with no client configured (MELDPUNT_WEB_OIDC_CLIENT_ID) only local accounts sign in."""

from config.settings import Settings


def web_oidc(settings: Settings) -> object | None:
    return None
