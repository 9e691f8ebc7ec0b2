"""The team lead's retention pages (docs/retention.md): the destruction lists, each case on a
list with why and by which rule (never a name), taking a case off with a reason, approving a
list after a confirmation step, and anonymising the approved cases now with its progress. The
same commands, gate and access log as the API (adapters/http/routes_retention.py)."""

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

from adapters.db.destruction_list import destruction_list
from adapters.db.retention_queries import RetentionQueries
from adapters.gate import Gate
from adapters.retention_run import anonymise_approved
from adapters.web.errors import WebRoute, refusal
from adapters.web.render import page
from adapters.web.retention_forms import NoFields, Result, attempt, posted, read_logged
from adapters.web.session import Posted, SignedIn, web_gate
from workflow.access import Action
from workflow.retention_commands import ApproveDestructionList, Reason, TakeOffDestructionList

router = APIRouter(route_class=WebRoute, include_in_schema=False)
MANAGE = Action.MANAGE_RETENTION
BASE = "/vernietiging"


class RemovalForm(BaseModel):
    case_id: UUID
    reason: Reason


def _lists(gate: Gate) -> list[dict[str, Any]]:
    gate.allow(MANAGE, "destruction_list")
    with read_logged(gate, "destruction_list", fields=("lists",)):
        return RetentionQueries(gate.app.engine).lists()


def _list(gate: Gate, list_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The list and its cases; a list that is not there is a page that says so."""
    gate.allow(MANAGE, "destruction_list")
    found = destruction_list(gate.app.engine, list_id[:36])
    if found is None:
        gate.record(gate.entry("read", "destruction_list", "not_found", fields=("items",)))
        raise LookupError(list_id)
    with read_logged(gate, "destruction_list", fields=("items",)):
        return found, RetentionQueries(gate.app.engine).items(list_id[:36])


@router.get(BASE)
def lists(request: Request, session: SignedIn) -> Response:
    gate = web_gate(request, session)
    done = request.query_params.get("geanonimiseerd")
    return page(request, "retention_lists.html", lists=_lists(gate), anonymised=done)


def _show(request: Request, session: Any, list_id: str, result: Result, status: int) -> Response:
    gate = web_gate(request, session)
    try:
        found, items = _list(gate, list_id)
    except LookupError:
        t = request.app.state.meldpunt.texts
        return refusal(request, 404, "", t("retention.unknown_list", list_id=list_id[:40]))
    notice = request.query_params.get("gedaan", "")
    return page(
        request,
        "retention_list.html",
        status,
        found=found,
        items=items,
        result=result,
        notice=notice,
    )


@router.get(BASE + "/{list_id}")
def one_list(request: Request, list_id: str, session: SignedIn) -> Response:
    return _show(request, session, list_id, Result(), 200)


@router.get(BASE + "/{list_id}/goedkeuren")
def confirm(request: Request, list_id: str, session: SignedIn) -> Response:
    """The confirmation step: how many cases will be anonymised, and the button that does it."""
    gate = web_gate(request, session)
    try:
        found, items = _list(gate, list_id)
    except LookupError:
        t = request.app.state.meldpunt.texts
        return refusal(request, 404, "", t("retention.unknown_list", list_id=list_id[:40]))
    if found["status"] == "approved":
        return RedirectResponse(f"{BASE}/{found['list_id']}", status_code=303)
    proposed = [item for item in items if item["status"] == "proposed"]
    return page(request, "retention_confirm.html", found=found, proposed=proposed)


@router.post(BASE + "/{list_id}/goedkeuren")
def approve(request: Request, list_id: str, session: Posted) -> Response:
    gate = web_gate(request, session)
    gate.allow(MANAGE, "destruction_list")
    command = ApproveDestructionList(actor=session.principal.name, list_id=list_id[:36])
    result = attempt(
        request,
        NoFields,
        {},
        set(),
        lambda _: gate.handle(command, MANAGE, "destruction_list", fields=("approve",)),
    )
    if not result.ok:
        return _show(request, session, list_id, result, 409)
    return RedirectResponse(f"{BASE}/{list_id}?gedaan=goedgekeurd", status_code=303)


@router.post(BASE + "/{list_id}/afvoeren")
async def remove(request: Request, list_id: str, session: Posted) -> Response:
    """Take a case off the list, saying why."""
    gate = web_gate(request, session)
    gate.allow(MANAGE, "destruction_list")
    data = await posted(request)

    def send(typed: RemovalForm) -> Any:
        cid = str(typed.case_id)
        command = TakeOffDestructionList(
            actor=session.principal.name, list_id=list_id[:36], case_id=cid, reason=typed.reason
        )
        return gate.handle(command, MANAGE, "destruction_list", cid, ("remove",))

    result = attempt(request, RemovalForm, data, {"reason", "case_id"}, send)
    if not result.ok:
        result.value = data.get("case_id", "")
        return _show(request, session, list_id, result, 400)
    return RedirectResponse(f"{BASE}/{list_id}?gedaan=afgevoerd", status_code=303)


@router.post(BASE + "/uitvoeren")
def run(request: Request, session: Posted) -> Response:
    """Anonymise the approved cases now, batch by batch (the `retention` job does it nightly)."""
    gate = web_gate(request, session)
    gate.allow(MANAGE, "retention")
    entry = gate.entry("write", "case", "ok", fields=("anonymise",))
    app = request.app.state.meldpunt
    count = anonymise_approved(app.bus, app.clock(), session.principal.name, entry)
    return RedirectResponse(f"{BASE}?geanonimiseerd={count}", status_code=303)
