"""Signing in with a local account's password, and signing out. A wrong name or password is
one message for both, so the form tells no one which names exist."""

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from adapters.web.errors import WebRoute
from adapters.web.render import page
from adapters.web.session import (
    COOKIE,
    SIGN_IN_COOKIE,
    Posted,
    accounts,
    current,
    set_cookie,
)
from workflow.access import Action, Principal, may

router = APIRouter(route_class=WebRoute, include_in_schema=False)


def _safe(back: str | None) -> str:
    """Only a path of this site: never a redirect to another host."""
    if back and back.startswith("/") and not back.startswith("//") and "\\" not in back:
        return back
    return "/"


@router.get("/aanmelden")
def sign_in_form(request: Request, terug: str | None = None) -> Response:
    token = secrets.token_urlsafe(32)
    request.state.sign_in_csrf = token
    oidc = request.app.state.web_oidc is not None
    response = page(request, "sign_in.html", back=_safe(terug), oidc=oidc, problem=None)
    set_cookie(request, response, SIGN_IN_COOKIE, token)
    return response


@router.post("/aanmelden")
def sign_in(
    request: Request,
    name: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
    back: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    expected = request.cookies.get(SIGN_IN_COOKIE, "")
    principal = accounts(request).check_password(name.strip(), password)
    fresh = bool(expected) and secrets.compare_digest(expected, csrf_token)
    if principal is None or not fresh:
        token = secrets.token_urlsafe(32)
        request.state.sign_in_csrf = token
        t = request.app.state.meldpunt.texts
        problem = t("web.sign_in.failed" if fresh else "web.error.csrf")
        oidc = request.app.state.web_oidc is not None
        response = page(
            request, "sign_in.html", 400, back=_safe(back), oidc=oidc, problem=problem, name=name
        )
        set_cookie(request, response, SIGN_IN_COOKIE, token)
        return response
    return signed_in_as(request, principal, _safe(back))


def signed_in_as(request: Request, principal: Principal, back: str) -> Response:
    session_id, _ = accounts(request).start(principal)
    if back == "/":
        back = home(principal)
    response = RedirectResponse(back, status_code=303)
    set_cookie(request, response, COOKIE, session_id)
    response.delete_cookie(SIGN_IN_COOKIE, path="/")
    return response


def home(principal: Principal) -> str:
    if may(principal.roles, Action.LIST_CASES):
        return "/werkvoorraad"
    if may(principal.roles, Action.READ_STATISTICS):
        return "/cijfers"
    if may(principal.roles, Action.SUBJECT_ACCESS_REPORT):
        return "/privacy"
    return "/aanmelden"


@router.get("/")
def start(request: Request) -> Response:
    session = current(request)
    if session is None:
        return RedirectResponse("/aanmelden", status_code=303)
    return RedirectResponse(home(session.principal), status_code=303)


@router.post("/afmelden")
def sign_out(request: Request, session: Posted) -> Response:
    session_id = request.cookies.get(COOKIE)
    if session_id:
        accounts(request).end(session_id)
    response = RedirectResponse("/aanmelden?afgemeld=1", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response
