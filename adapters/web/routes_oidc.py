"""Signing in with the OIDC issuer (adapters/web/oidc_sign_in.py): the start, which sends the
person to the issuer, and the way back, which gives them a web session. A way back that does not
add up (another state, a refused code, a token the API would not take) signs no one in."""

import secrets

import httpx
from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from adapters.http.oidc import InvalidToken
from adapters.web.errors import WebRoute
from adapters.web.oidc_sign_in import FLOW_COOKIE, FLOW_SECONDS, WebOidc
from adapters.web.render import page
from adapters.web.routes_sign_in import home
from adapters.web.session import COOKIE, SIGN_IN_COOKIE, accounts, set_cookie

router = APIRouter(route_class=WebRoute, include_in_schema=False)


def _redirect_uri(request: Request) -> str:
    return str(request.url_for("oidc_back"))


@router.get("/aanmelden/oidc")
def oidc_start(request: Request) -> Response:
    oidc: WebOidc | None = request.app.state.web_oidc
    if oidc is None:
        return RedirectResponse("/aanmelden", status_code=303)
    url, flow = oidc.start(_redirect_uri(request))
    response = RedirectResponse(url, status_code=303)
    # Lax: the issuer's redirect back is a navigation from another site.
    path = "/aanmelden/oidc"
    set_cookie(request, response, FLOW_COOKIE, flow, "lax", FLOW_SECONDS, path)
    return response


@router.get("/aanmelden/oidc/terug", name="oidc_back")
def oidc_back(request: Request, code: str = "", state: str = "") -> Response:
    oidc: WebOidc | None = request.app.state.web_oidc
    flow = request.cookies.get(FLOW_COOKIE, "")
    principal = None
    if oidc is not None and flow:
        try:
            principal = oidc.finish(_redirect_uri(request), flow, code[:2000], state[:200])
        except (InvalidToken, httpx.HTTPError, KeyError, ValueError):
            principal = None
    if principal is None:
        request.state.sign_in_csrf = secrets.token_urlsafe(32)
        t = request.app.state.meldpunt.texts
        response = page(
            request,
            "sign_in.html",
            400,
            back="/",
            oidc=oidc is not None,
            problem=t("web.sign_in.oidc_failed"),
        )
        set_cookie(request, response, SIGN_IN_COOKIE, request.state.sign_in_csrf)
        return response
    session_id, _ = accounts(request).start(principal)
    # The issuer's redirect is a navigation from another site: a SameSite=Strict cookie set
    # now is sent from the next navigation on this site, which this page starts.
    response = page(request, "signed_in.html", onward=home(principal))
    set_cookie(request, response, COOKIE, session_id)
    response.delete_cookie(FLOW_COOKIE, path="/aanmelden/oidc")
    return response
