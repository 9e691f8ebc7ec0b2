"""Headers on every response: the API version (NL API Design Rules) and the security headers.

A plain ASGI middleware rather than Starlette's BaseHTTPMiddleware: it only rewrites the start
of each response, with no extra task or buffering per request."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_VERSION = "1.0.0"
DOCS_PATHS = ("/api/v1/docs", "/api/v1/redoc")

# Data about minors' sexual exploitation: nothing is cached, framed, sniffed or referred.
COMMON = [
    (b"api-version", API_VERSION.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"strict-transport-security", b"max-age=31536000; includeSubDomains"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]
API_CSP = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")
# The interactive docs page runs FastAPI's inline bootstrap script and Swagger UI from this
# service's own files (adapters/http/swagger.py); only that page gets a policy that allows it.
DOCS_CSP = (
    b"content-security-policy",
    b"default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    b"img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
)


# The web application (adapters/web/): its own style sheet, forms to itself, nothing else.
WEB_CSP = (
    b"content-security-policy",
    b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    b"base-uri 'none'; frame-ancestors 'none'",
)


def _for(path: str) -> list[tuple[bytes, bytes]]:
    if path.startswith(DOCS_PATHS):
        return [*COMMON, DOCS_CSP]
    return [*COMMON, API_CSP if path.startswith("/api/") else WEB_CSP]


def security_headers(path: str) -> dict[str, str]:
    """The headers of every answer on `path`, for an answer given outside this middleware (a
    server error, which Starlette answers around every middleware)."""
    return {name.decode(): value.decode() for name, value in _for(path)}


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        ours = _for(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {b"cache-control", b"content-security-policy"}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = [*kept, *ours]
            await send(message)

        await self.app(scope, receive, send_with_headers)
