"""Content negotiation at the door of the API: a body in a media type an operation does not
take is 415, an `Accept` that allows none of the answer's types is 406 (RFC 9110), both as
problem+json before anything else is done. The web pages and the docs page are not the API."""

from starlette.types import ASGIApp, Receive, Scope, Send

from adapters.http.document import BASE
from adapters.http.problems import PROBLEM_JSON, problem
from adapters.http.routes_figures import ANSWERS as FIGURE_ANSWERS
from adapters.media_types import media_type
from config.texts import Texts

ANSWERS = ("application/json", PROBLEM_JSON)
TAKES = ("application/json",)
# The partners' door takes CloudEvents in every content mode of the HTTP binding.
TAKES_AT = {
    f"{BASE}/partner-events": (
        "application/json",
        "application/cloudevents+json",
        "application/cloudevents-batch+json",
    )
}
# Figures come as CSV and XLSX too (adapters/http/routes_figures.py).
ANSWERS_UNDER = {f"{BASE}/figures/": (*ANSWERS, *FIGURE_ANSWERS)}
NOT_THE_API = (f"{BASE}/docs",)
WITH_BODY = {"POST", "PUT", "PATCH"}


def acceptable(accept: str, answers: tuple[str, ...] = ANSWERS) -> bool:
    """Does any range of the Accept header (without q=0) cover an answer of ours?"""
    for part in accept.split(","):
        kind, _, rest = part.strip().partition(";")
        params = dict(p.strip().partition("=")[::2] for p in rest.split(";") if p.strip())
        try:
            weight = float(params.get("q", "1"))
        except ValueError:
            weight = 1.0
        if weight == 0:  # "not this one"
            continue
        if kind.strip().lower() in ("*/*", "application/*", *answers):
            return True
    return False


class ContentNegotiation:
    def __init__(self, app: ASGIApp, texts: Texts) -> None:
        self.app = app
        self.texts = texts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(BASE) or path.startswith(NOT_THE_API):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        t = self.texts
        accept = headers.get("accept", "").strip()
        answers = next((a for p, a in ANSWERS_UNDER.items() if path.startswith(p)), ANSWERS)
        if accept and not acceptable(accept, answers):
            detail = t("api.not_acceptable", types=", ".join(answers))
            await problem(406, t("api.status.406"), detail)(scope, receive, send)
            return
        if scope["method"] in WITH_BODY and _has_body(headers):
            takes = TAKES_AT.get(path.rstrip("/"), TAKES)
            kind, params = media_type(headers.get("content-type", ""))
            charset = params.get("charset", "utf-8")
            if "content-type" not in headers or kind not in takes or charset != "utf-8":
                detail = t("api.unsupported_media_type", types=", ".join(takes))
                answer = problem(415, t("api.status.415"), detail)
                answer.headers["Accept-Post"] = ", ".join(takes)
                await answer(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _has_body(headers: dict[str, str]) -> bool:
    length = headers.get("content-length", "").strip()
    return "transfer-encoding" in headers or (length.isdigit() and int(length) > 0)
