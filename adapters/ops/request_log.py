"""Every HTTP request: a request id (a trusted proxy's X-Request-ID, else a new one) in the
response header and on every log line of its work, one access line when it is answered (method,
route template, status, duration: never the path with its ids nor the query string), and the
HTTP metrics by route template."""

import re
import time
import uuid

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from adapters.http.proxies import networks, trusted
from adapters.ops.metrics import HTTP_REQUESTS, HTTP_SECONDS
from workflow.log_context import bound

log = structlog.get_logger("meldpunt.http")

HEADER = b"x-request-id"
# What a proxy's id may look like; anything else is replaced (it lands in every log line).
ACCEPTABLE = re.compile(r"[A-Za-z0-9._:-]{1,128}")
UNMATCHED = "unmatched"  # a path no route knows: not its text, which could be anything
# Asked every few seconds by probes and the scraper: their lines at debug, not to drown the rest.
PROBES = {"/health/live", "/health/ready", "/metrics"}


def route_template(scope: Scope) -> str:
    """The matched route's template with the prefix it was included under: the path as
    requested, its last part (the route's own, ids filled in) put back as the template."""
    route = scope.get("route")
    template = getattr(route, "path_format", None)
    if not isinstance(template, str):
        return UNMATCHED
    path: str = scope.get("path", "")
    try:
        filled = template.format(**scope.get("path_params", {}))
    except (KeyError, IndexError, ValueError):
        return template
    return path[: -len(filled)] + template if filled and path.endswith(filled) else template


class RequestLog:
    def __init__(self, app: ASGIApp, proxies: list[str]) -> None:
        self.app = app
        self.proxies = networks(proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        peer = (scope.get("client") or ("",))[0]
        given = dict(scope.get("headers", [])).get(HEADER, b"").decode("latin-1")
        rid = given if trusted(peer, self.proxies) and ACCEPTABLE.fullmatch(given) else None
        rid = rid or uuid.uuid4().hex
        started = time.perf_counter()
        status = 500  # unless an answer starts: a crash below is a server error

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (HEADER, rid.encode())]
            await send(message)

        with bound(request_id=rid):
            try:
                await self.app(scope, receive, send_with_id)
            finally:
                seconds = time.perf_counter() - started
                route, method = route_template(scope), scope["method"]
                HTTP_REQUESTS.labels(method, route, str(status)).inc()
                HTTP_SECONDS.labels(method, route).observe(seconds)
                said = log.debug if route in PROBES and status < 500 else log.info
                said(
                    "request",
                    method=method,
                    route=route,
                    status=status,
                    duration_ms=round(seconds * 1000, 1),
                )
