"""Cross-origin calls from browsers (CORS, by Starlette's middleware): the API only from the
origins in MELDPUNT_CORS_ORIGINS, with the headers a client of this API sends and reads; the
OpenAPI document from anywhere, as the NL API Design Rules ask (/core/publish-openapi)."""

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from adapters.http.document import BASE

DOCUMENT = f"{BASE}/openapi.json"
SENT = [
    "Authorization",
    "Content-Type",
    "Accept",
    "Accept-Language",
    "If-Match",
    "X-Break-Glass-Reason",
    "X-Purpose",
    "X-On-Behalf-Of",
    "X-Request-Id",
    "ce-specversion",
    "ce-id",
    "ce-source",
    "ce-type",
    "ce-time",
    "ce-subject",
]
READ = ["API-Version", "ETag", "Location", "Deprecation", "Sunset", "Link", "X-Request-Id"]


class Cors:
    def __init__(self, app: ASGIApp, origins: list[str]) -> None:
        # Bearer tokens, not cookies: no credentials mode, so no origin is trusted with a cookie.
        self.api = CORSMiddleware(
            app,
            allow_origins=origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=SENT,
            expose_headers=READ,
            max_age=600,
        )
        self.document = CORSMiddleware(app, allow_origins=["*"], allow_methods=["GET"])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == DOCUMENT:
            await self.document(scope, receive, send)
        else:
            await self.api(scope, receive, send)
