"""The OpenAPI document as the NL API Design Rules ask it (tools/api-linter, 0 errors): the
server with the major version, a contact, the `API-Version` header on every answer, errors as
problem+json with a 400 for every operation that takes input, paths relative to the server."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from adapters.http import problems
from adapters.http.headers import API_VERSION
from config.settings import Settings

BASE = "/api/v1"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
VERSION_HEADER = {"API-Version": {"$ref": "#/components/headers/API-Version"}}
ERRORS = {
    "400": "Invalid input: `invalid_params` names each field and what is wrong",
    "401": "No token, or an unknown, expired or revoked one",
    "403": "The role may not do this, or the case is outside your scope",
    "404": "Not found",
    "406": "The Accept header allows none of the media types of the answer",
    "409": "Conflict: the case changed (version), or the transition is refused",
    "415": "The body's Content-Type is not one the operation takes",
    "429": "Too many failed authentications from this address, or a partner token over its "
    "budget of events a minute: wait `Retry-After` seconds",
}
# Said of every operation too, with the headers the answer carries.
ALLOW_HEADER = {"Allow": {"schema": {"type": "string"}, "description": "e.g. GET, HEAD, POST"}}
RETRY_AFTER_HEADER = {
    "Retry-After": {"schema": {"type": "integer"}, "description": "seconds to wait (RFC 9110)"}
}
METHOD_NOT_ALLOWED = {
    "description": "The path has no such method: `Allow` lists those it has",
    "content": {problems.PROBLEM_JSON: {"schema": PROBLEM_REF}},
}
TOO_LARGE = {
    "description": "The body is larger than MELDPUNT_API_MAX_BODY_BYTES (`limit` says it)",
    "content": {problems.PROBLEM_JSON: {"schema": PROBLEM_REF}},
}
HEADERS = {
    "API-Version": {
        "description": "the full version of the API (NL API Design Rules, /core/version-header)",
        "schema": {"type": "string", "example": API_VERSION},
    },
    # On an answer to a request that used a deprecated query key (docs/api.md).
    "Deprecation": {
        "description": "a query key of the request is deprecated (RFC 9745); see Link",
        "schema": {"type": "string"},
    },
}
TAGS = [
    {"name": "cases", "description": "reports, cases and the case file"},
    {"name": "changes", "description": "transitions, activities, follow-ups, assignment"},
    {"name": "consent", "description": "consent on a case, which decides what partners get"},
    {"name": "partners", "description": "the partners' own door: events in, what went out"},
    {"name": "oversight", "description": "who am I, notifications, the access log, figures"},
    {"name": "users", "description": "users and their tokens (admin)"},
]


def document(api: FastAPI, settings: Settings) -> dict[str, Any]:
    made = get_openapi(
        title=api.title,
        version=api.version,
        description=api.description,
        routes=api.routes,
        contact={
            "name": settings.api_contact_name,
            "email": settings.api_contact_email,
            "url": settings.api_contact_url,
        },
        # Relative to where the document was fetched, so it is true on every deployment.
        servers=[{"url": BASE, "description": "this service, version 1"}],
        tags=TAGS,
    )
    components = made.setdefault("components", {})
    components["headers"] = HEADERS
    schemas = components.setdefault("schemas", {})
    schemas["Problem"] = problems.Problem.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    schemas.update(problems.Problem.model_json_schema()["$defs"])
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    named = {tag["name"] for tag in TAGS}
    used = {
        tag for item in made["paths"].values() for op in item.values() for tag in op.get("tags", [])
    }
    made["tags"] = [*TAGS, *({"name": tag} for tag in sorted(used - named))]
    made["paths"] = dict(_relative(path, item) for path, item in made["paths"].items())
    for item in made["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and "responses" in operation:
                _answers(operation)
    return made


def _relative(path: str, item: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A path under the server's /api/v1, or one outside it (from the root) with its own."""
    if path == BASE or path.startswith(f"{BASE}/"):
        return path.removeprefix(BASE) or "/", item
    return path, {**item, "servers": [{"url": "/", "description": "outside the versioned API"}]}


def _answers(operation: dict[str, Any]) -> None:
    """FastAPI's 422 becomes the 400 problem this API gives; every error it can give is listed
    as problem+json (405 with `Allow`, 413 where a body is taken); every answer names the
    version header."""
    answers: dict[str, Any] = operation["responses"]
    answers.pop("422", None)
    for status, text in ERRORS.items():
        answers[status] = {
            "description": answers.get(status, {}).get("description", text),
            "content": {problems.PROBLEM_JSON: {"schema": PROBLEM_REF}},
        }
    answers["405"] = {**METHOD_NOT_ALLOWED, "headers": dict(ALLOW_HEADER)}
    answers["429"]["headers"] = dict(RETRY_AFTER_HEADER)
    if "requestBody" in operation:
        answers["413"] = dict(TOO_LARGE)
    for answer in answers.values():
        answer["headers"] = {**VERSION_HEADER, **answer.get("headers", {})}
