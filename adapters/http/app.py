"""The FastAPI application: routes under /api/v1, the OpenAPI document beside them, errors as
problem+json, and the headers every response carries."""

from typing import Any

from fastapi import FastAPI
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from adapters.bootstrap import App
from adapters.http import (
    document,
    problems,
    routes_admin,
    routes_break_glass,
    routes_cases,
    routes_changes,
    routes_consent,
    routes_cost_share,
    routes_figures,
    routes_noncase,
    routes_oversight,
    routes_partners,
    routes_retention,
    routes_subject_rights,
    swagger,
)
from adapters.http.auth_failures import AuthFailures
from adapters.http.body_limit import BodyLimit
from adapters.http.cors import Cors
from adapters.http.deprecated import DeprecatedQueryKeys
from adapters.http.document import BASE
from adapters.http.headers import API_VERSION, SecurityHeaders
from adapters.http.negotiation import ContentNegotiation
from adapters.http.oidc import OidcVerifier
from adapters.http.partner_budget import PartnerBudget
from adapters.http.proxies import FromProxy
from adapters.ops import http as operations
from adapters.web import mount as web


def create_app(meldpunt: App) -> FastAPI:
    api = FastAPI(
        title="meldpunt",
        version=API_VERSION,
        description="Case workflow of the Meldpunt Loverboyproblematiek / Mensenhandel. "
        "Roles and the access log: docs/api.md.",
        openapi_url=f"{BASE}/openapi.json",
        docs_url=None,  # served from the installed Swagger UI: adapters/http/swagger.py
        redoc_url=None,
    )
    api.state.meldpunt = meldpunt
    settings = meldpunt.settings
    api.state.oidc = (
        OidcVerifier(settings) if settings.oidc_issuer and settings.oidc_jwks_url else None
    )
    api.state.auth_failures = AuthFailures(settings.api_auth_failures_per_minute)
    api.state.partner_budget = PartnerBudget(settings.partner_signals_per_minute)
    for module in (
        routes_cases,
        routes_changes,
        routes_consent,
        routes_partners,
        routes_oversight,
        routes_admin,
        routes_cost_share,
        routes_figures,
        routes_noncase,
        routes_subject_rights,
        routes_retention,
        routes_break_glass,
    ):
        api.include_router(module.router, prefix=BASE)
    problems.install(api)
    swagger.install(api)
    web.install(api, meldpunt)
    # The last added is the outermost: every answer, a refusal at the door too, gets the headers;
    # the proxy is noted before its forwarded client takes its place.
    api.add_middleware(DeprecatedQueryKeys, texts=meldpunt.texts)
    api.add_middleware(ContentNegotiation, texts=meldpunt.texts)
    api.add_middleware(BodyLimit, limit=settings.api_max_body_bytes, texts=meldpunt.texts)
    api.add_middleware(Cors, origins=settings.cors_origins)
    api.add_middleware(SecurityHeaders)
    api.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.api_trusted_proxies)
    api.add_middleware(FromProxy, proxies=settings.api_trusted_proxies)
    # Health, metrics and the request log (adapters/ops/): outermost of all.
    operations.install(api, meldpunt)
    api.openapi = lambda: _openapi(api)  # type: ignore[method-assign]
    return api


def _openapi(api: FastAPI) -> dict[str, Any]:
    if not api.openapi_schema:
        api.openapi_schema = document.document(api, api.state.meldpunt.settings)
    return api.openapi_schema
