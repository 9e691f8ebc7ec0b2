"""A request body larger than the configured limit (MELDPUNT_API_MAX_BODY_BYTES) is answered 413,
naming the limit, before any of it is parsed: by its Content-Length when it says one, else by
counting as it arrives. The body is read here, up to the limit, and handed on as it came.

FastAPI's own `max_body_size` answers a plain-text 413 from around every middleware: without
the security headers, not as problem+json, and without saying the limit."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from adapters.http.problems import problem
from config.texts import Texts


class BodyLimit:
    def __init__(self, app: ASGIApp, limit: int, texts: Texts) -> None:
        self.app = app
        self.limit = limit
        self.texts = texts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._too_large(scope, receive, send)
            return
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                await self.app(scope, _replay([], message, receive), send)
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                await self._too_large(scope, receive, send)
                return
            more = message.get("more_body", False)
        await self.app(scope, _replay(chunks, None, receive), send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        t = self.texts
        detail = t("api.body_too_large", limit=self.limit)
        await problem(413, t("api.status.413"), detail, limit=self.limit)(scope, receive, send)


def _replay(chunks: list[bytes], last: Message | None, then: Receive) -> Receive:
    """The body as one message (or what ended it), then what the client sends after it."""
    pending: list[Message] = (
        [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]
        if last is None
        else [last]
    )

    async def receive() -> Message:
        if pending:
            return pending.pop(0)
        return await then()

    return receive
