"""The FastAPI application: routes under /api/v1, the OpenAPI document beside them, errors as
problem+json, and the headers every response carries."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from adapters.bootstrap import App
from adapters.http import (
    problems,
    routes_admin,
    routes_cases,
    routes_changes,
    routes_oversight,
    routes_partners,
)
from adapters.http.auth_failures import AuthFailures
from adapters.http.body_limit import BodyLimit
from adapters.http.headers import API_VERSION, SecurityHeaders
from adapters.http.oidc import OidcVerifier
from adapters.http.proxies import FromProxy

BASE = "/api/v1"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
ERRORS = {
    "400": "Invalid input: `invalid_params` names each field and what is wrong",
    "401": "No token, or an unknown, expired or revoked one",
    "403": "The role may not do this, or the case is outside your scope",
    "404": "Not found",
    "409": "Conflict: the case changed (version), or the transition is refused",
    "429": "Too many failed authentications from this address: wait `Retry-After` seconds",
}
# Said of every operation too, with the headers the answer carries.
METHOD_NOT_ALLOWED = {
    "description": "The path has no such method: `Allow` lists those it has",
    "headers": {"Allow": {"schema": {"type": "string"}, "description": "e.g. GET, HEAD, POST"}},
    "content": {problems.PROBLEM_JSON: {"schema": PROBLEM_REF}},
}
TOO_LARGE = {
    "description": "The body is larger than MELDPUNT_API_MAX_BODY_BYTES (`limit` says it)",
    "content": {problems.PROBLEM_JSON: {"schema": PROBLEM_REF}},
}


def create_app(meldpunt: App) -> FastAPI:
    api = FastAPI(
        title="meldpunt",
        version=API_VERSION,
        description="Case workflow of the Meldpunt Loverboyproblematiek / Mensenhandel. "
        "Roles and the access log: docs/api.md.",
        openapi_url=f"{BASE}/openapi.json",
        docs_url=f"{BASE}/docs",
        redoc_url=None,
    )
    api.state.meldpunt = meldpunt
    settings = meldpunt.settings
    api.state.oidc = (
        OidcVerifier(settings) if settings.oidc_issuer and settings.oidc_jwks_url else None
    )
    api.state.auth_failures = AuthFailures(settings.api_auth_failures_per_minute)
    for module in (routes_cases, routes_changes, routes_partners, routes_oversight, routes_admin):
        api.include_router(module.router, prefix=BASE)
    problems.install(api)
    # The last added runs first: the headers go on every answer, the 413 too; the proxy is
    # noted before its forwarded client takes its place.
    api.add_middleware(BodyLimit, limit=settings.api_max_body_bytes, texts=meldpunt.texts)
    api.add_middleware(SecurityHeaders)
    api.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.api_trusted_proxies)
    api.add_middleware(FromProxy, proxies=settings.api_trusted_proxies)
    api.openapi = lambda: _openapi(api)  # type: ignore[method-assign]
    return api


def _openapi(api: FastAPI) -> dict[str, Any]:
    """FastAPI's document, with its 422 replaced by the 400 problem this API gives, and the
    error answers every operation can give listed as problem+json."""
    if api.openapi_schema:
        return api.openapi_schema
    document = get_openapi(
        title=api.title, version=api.version, description=api.description, routes=api.routes
    )
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = problems.Problem.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    schemas.update(problems.Problem.model_json_schema()["$defs"])
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    for operations in document["paths"].values():
        for operation in operations.values():
            answers = operation.setdefault("responses", {})
            answers.pop("422", None)
            for status, text in ERRORS.items():
                answers[status] = {
                    "description": answers.get(status, {}).get("description", text),
                    "content": {problems.PROBLEM_JSON: {"schema": PROBLEM_REF}},
                }
            answers["405"] = METHOD_NOT_ALLOWED
            if "requestBody" in operation:
                answers["413"] = TOO_LARGE
    api.openapi_schema = document
    return document
