"""How the pages say what went wrong: a route class for every page route that turns a missing
session into the sign-in page and a refusal into a page in Dutch, never a 500 or JSON."""

from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute

from adapters.web.render import page
from adapters.web.session import BadCsrf, SignInNeeded
from config import errors_said
from workflow.errors import CaseNotFound, NotAllowed

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class WebRoute(APIRoute):
    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()

        async def said(request: Request) -> Response:
            try:
                return await handler(request)
            except SignInNeeded:
                back = quote(request.url.path) if request.method == "GET" else "/"
                return RedirectResponse(f"/aanmelden?terug={back}", status_code=303)
            except BadCsrf:
                return refusal(request, 403, "web.error.csrf")
            except NotAllowed as error:
                t = request.app.state.meldpunt.texts
                case_id = request.path_params.get("case_id") if error.outside_scope else None
                said = errors_said.sentence(t, error)
                return refusal(request, 403, "", said, str(case_id) if case_id else None)
            except CaseNotFound as error:
                t = request.app.state.meldpunt.texts
                return refusal(request, 404, "", errors_said.sentence(t, error))

        return said


def refusal(
    request: Request, status: int, key: str, said: str = "", break_glass: str | None = None
) -> Response:
    """A page that says why not; for a case outside one's scope, the form to break the glass."""
    t = request.app.state.meldpunt.texts
    return page(
        request,
        "refused.html",
        status,
        title=t(f"web.error.{status}"),
        said=said or t(key),
        break_glass_case=break_glass,
    )
