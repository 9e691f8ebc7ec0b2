"""Who is asking: a bearer token of our own (`mp_...`, looked up by its SHA-256) or, when an
issuer is configured, an OIDC access token. No token, or a bad one, is 401; a known user whose
role may not do the action is 403 (and is logged when the action touches case data)."""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from adapters.bootstrap import App
from adapters.db.users import TOKEN_PREFIX
from adapters.http.auth_failures import AuthFailures
from adapters.http.oidc import InvalidToken, OidcVerifier
from adapters.http.problems import ProblemError
from workflow.access import Principal

bearer = HTTPBearer(auto_error=False, description="A meldpunt token or an OIDC access token")


def meldpunt(request: Request) -> App:
    app: App = request.app.state.meldpunt
    return app


def oidc(request: Request) -> OidcVerifier | None:
    verifier: OidcVerifier | None = request.app.state.oidc
    return verifier


def authenticated(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    if credentials is None:
        raise ProblemError(401, "api.status.401", "api.send_token")
    failures: AuthFailures = request.app.state.auth_failures
    source = request.client.host if request.client else "(unknown)"
    if (seconds := failures.wait(source)) is not None:
        raise ProblemError(
            429, "api.status.429", "api.too_many_failures", headers={"Retry-After": str(seconds)}
        )
    token = credentials.credentials
    ours = token.startswith(TOKEN_PREFIX)
    found: Principal | None = None
    if ours:
        found = meldpunt(request).users.authenticate(token)
    elif (verifier := oidc(request)) is not None:
        try:
            found = verifier.verify(token)
        except InvalidToken as error:
            failures.failed(source, "invalid", "oidc")
            raise ProblemError(401, "api.status.401", "api.bad_token", said=str(error)) from None
    if found is None:
        # Ours: unknown, expired or revoked, or ours are switched off; else: no OIDC to ask.
        failures.failed(source, "unknown", "meldpunt" if ours else "other")
        raise ProblemError(401, "api.status.401", "api.unknown_token")
    return found


CurrentUser = Annotated[Principal, Depends(authenticated)]
