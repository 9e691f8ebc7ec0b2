"""Query keys renamed to lower camelCase (NL API Design Rules, /core/query-keys-camel-case),
with the old snake_case names still taken until the sunset date (docs/api.md): the request is
read as if it used the new name, and the answer says so in `Deprecation`, `Sunset` and `Link`.
Both names in one request is bad input: which one was meant cannot be guessed."""

from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from adapters.http.document import BASE
from adapters.http.problems import problem
from config.texts import Texts

# old name -> new name
RENAMED = {"risk_level": "riskLevel", "assigned_to_me": "assignedToMe"}
SINCE = datetime(2026, 12, 7, tzinfo=UTC)
SUNSET = datetime(2027, 7, 1, tzinfo=UTC)
DEPRECATION_HEADERS = [
    (b"deprecation", f"@{int(SINCE.timestamp())}".encode()),  # RFC 9745
    (b"sunset", format_datetime(SUNSET, usegmt=True).encode()),  # RFC 8594
    (b"link", f'<{BASE}/docs>; rel="deprecation"; type="text/html"'.encode()),
]


class DeprecatedQueryKeys:
    def __init__(self, app: ASGIApp, texts: Texts) -> None:
        self.app = app
        self.texts = texts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(BASE):
            await self.app(scope, receive, send)
            return
        pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
        old = [key for key, _ in pairs if key in RENAMED]
        if not old:
            await self.app(scope, receive, send)
            return
        given = {key for key, _ in pairs}
        both = [key for key in old if RENAMED[key] in given]
        if both:
            t = self.texts
            listed = [
                {"name": key, "reason": t("api.renamed_query_key_twice", new=RENAMED[key])}
                for key in both
            ]
            answer = problem(
                400, t("error.title.bad_input"), t("api.bad_query"), invalid_params=listed
            )
            await answer(scope, receive, send)
            return
        renamed = [(RENAMED.get(key, key), value) for key, value in pairs]
        scope = {**scope, "query_string": urlencode(renamed).encode("latin-1")}

        async def send_deprecated(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *DEPRECATION_HEADERS]
            await send(message)

        await self.app(scope, receive, send_deprecated)
