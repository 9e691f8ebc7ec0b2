"""A case's retention page, reached from the case page (team lead): its archive terms (ZGW),
its legal holds, and the forms to place or lift a hold and to request erasure, each with a
reason. A refused erasure says why in Dutch (a hold, an open case, a term that forbids it)."""

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from adapters.db.retention_queries import RetentionQueries
from adapters.web.case_actions import case_of
from adapters.web.errors import WebRoute
from adapters.web.render import page
from adapters.web.retention_forms import ReasonForm, Result, attempt, posted, read_logged
from adapters.web.session import Posted, SignedIn, web_gate
from workflow.access import Action
from workflow.retention_commands import LiftLegalHold, PlaceLegalHold, RequestErasure

router = APIRouter(route_class=WebRoute, include_in_schema=False)
MANAGE = Action.MANAGE_RETENTION
TERMS = ("state", "archiefnominatie", "archiefactiedatum", "archiefstatus", "retention_rule")
# form key: the command, the access log's resource and field
FORMS: dict[str, tuple[Any, str, str]] = {
    "bewaarplicht": (PlaceLegalHold, "legal_hold", "place"),
    "opheffen": (LiftLegalHold, "legal_hold", "lift"),
    "wissen": (RequestErasure, "erasure", "erasure"),
}


def _show(
    request: Request, session: Any, cid: str, form: str = "", result: Result | None = None
) -> Response:
    gate = web_gate(request, session)
    app = request.app.state.meldpunt

    def read() -> tuple[dict[str, Any], list[dict[str, Any]]]:
        detail = app.queries.detail(cid)
        terms = {k: detail.get(k) for k in (*TERMS, "anonymised_at", "legal_hold")}
        return terms, RetentionQueries(app.engine).holds(cid)

    gate.open_case(MANAGE, cid)
    with read_logged(gate, "case", cid, ("archive", "legal_holds")):
        terms, holds = read()
    shown = result or Result()
    done = request.query_params.get("gedaan", "")
    status = 200 if shown.ok else 400
    return page(
        request,
        "case_retention.html",
        status,
        case_id=cid,
        terms=terms,
        holds=holds,
        form=form,
        result=shown,
        done=done,
    )


@router.get("/casus/{case_id}/bewaring")
def retention_of_case(request: Request, case_id: str, session: SignedIn) -> Response:
    return _show(request, session, case_of(case_id))


@router.post("/casus/{case_id}/bewaring/{form}")
async def act(request: Request, case_id: str, form: str, session: Posted) -> Response:
    cid = case_of(case_id)
    if form not in FORMS:
        return _show(request, session, cid)
    make, resource, field = FORMS[form]
    gate = web_gate(request, session)
    gate.allow(MANAGE, resource, cid)
    data = await posted(request)

    def send(typed: ReasonForm) -> Any:
        command = make(actor=session.principal.name, case_id=cid, reason=typed.reason)
        return gate.handle(command, MANAGE, resource, cid, (field,))

    result = attempt(request, ReasonForm, data, {"reason"}, send)
    if not result.ok:
        return _show(request, session, cid, form, result)
    return RedirectResponse(f"/casus/{cid}/bewaring?gedaan={form}", status_code=303)
