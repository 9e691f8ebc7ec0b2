"""Who is signed in: the session cookie (HttpOnly, SameSite=Strict, Secure outside loopback)
names a live web session; every form carries the session's CSRF token, and a POST without the
right one changes nothing. Before sign-in, a token of its own in a cookie guards the form."""

import secrets
from datetime import timedelta
from typing import Annotated, Literal

from fastapi import Depends, Request
from fastapi.responses import Response

from adapters.db.web_accounts import WebAccounts, WebSession
from adapters.gate import Gate

COOKIE = "meldpunt_session"
SIGN_IN_COOKIE = "meldpunt_sign_in"
CSRF_FIELD = "csrf_token"


class SignInNeeded(Exception):
    """No live session: the person is sent to the sign-in page."""


class BadCsrf(Exception):
    """A form without this session's CSRF token: refused, nothing changed."""


def accounts(request: Request) -> WebAccounts:
    found: WebAccounts = request.app.state.web_accounts
    return found


def current(request: Request) -> WebSession | None:
    """The session of this request, once looked up (None before or without sign-in)."""
    if not hasattr(request.state, "web_session"):
        session_id = request.cookies.get(COOKIE)
        idle = timedelta(minutes=request.app.state.meldpunt.settings.web_idle_minutes)
        request.state.web_session = (
            accounts(request).resume(session_id, idle) if session_id else None
        )
    found: WebSession | None = request.state.web_session
    return found


def signed_in(request: Request) -> WebSession:
    session = current(request)
    if session is None:
        raise SignInNeeded()
    return session


async def checked(request: Request) -> WebSession:
    """A signed-in person's form, its CSRF token checked."""
    session = signed_in(request)
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    if not isinstance(sent, str) or not secrets.compare_digest(sent, session.csrf_token):
        raise BadCsrf()
    return session


def web_gate(request: Request, session: WebSession, reason: str | None = None) -> Gate:
    """The gate for the person signed in, as the API builds it for a token's holder."""
    return Gate(
        request.app.state.meldpunt,
        session.principal,
        request.client.host if request.client else None,
        "case_work",
        None,
        reason,
    )


def set_cookie(
    request: Request,
    response: Response,
    name: str,
    value: str,
    samesite: Literal["strict", "lax"] = "strict",
    max_age: int | None = None,
    path: str = "/",
) -> None:
    """A cookie only this site's pages read: HttpOnly, Secure unless the site is on loopback."""
    host = request.url.hostname or ""
    loopback = host in ("localhost", "127.0.0.1", "::1") or host.startswith("127.")
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite=samesite,
        secure=not loopback,
        path=path,
    )


SignedIn = Annotated[WebSession, Depends(signed_in)]
Posted = Annotated[WebSession, Depends(checked)]
