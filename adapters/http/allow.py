"""The `Allow` header of a 405: every method the OpenAPI document lists for the path asked for
(its paths read under their `servers` URL).
Starlette's own names only the first route of that path (GET /users, not POST /users), and the
document is what the service declares, built from the same routes."""

import re

from fastapi import FastAPI, Request
from starlette.routing import compile_path

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
Paths = list[tuple[re.Pattern[str], frozenset[str]]]


def _paths(api: FastAPI) -> Paths:
    """Each path of the document as a pattern, with its methods; worked out once per app."""
    known: Paths | None = getattr(api.state, "allow", None)
    if known is not None:
        return known
    found = []
    made = api.openapi()
    base = made.get("servers", [{"url": ""}])[0]["url"]
    for template, operations in made["paths"].items():
        methods = {m.upper() for m in operations if m in METHODS}
        if "GET" in methods:
            methods.add("HEAD")  # Starlette answers HEAD wherever GET is
        # A path is relative to its own servers entry, else to the document's.
        server = operations.get("servers", [{"url": base}])[0]["url"].rstrip("/")
        found.append((compile_path(f"{server}{template}")[0], frozenset(methods)))
    api.state.allow = found
    return found


def allowed_methods(request: Request) -> str:
    methods: set[str] = set()
    for pattern, listed in _paths(request.app):
        if pattern.match(request.url.path):
            methods |= listed
    return ", ".join(sorted(methods))
