"""Cases: list with filters, one case with its history, links and deadline; registering reports."""

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body, Query, Request, Response

from adapters.db.case_queries import CaseFilter
from adapters.http.asking import Guarded
from adapters.http.paging import Limit, Offset, page
from adapters.http.schemas import CaseDetail, CaseRefOut, CaseSummary, Page
from states import RiskLevel, State
from workflow.access import Action, Scope, scope_of
from workflow.commands import RegisterReport
from workflow.report import PRINTABLE, ReportForm

router = APIRouter(tags=["cases"])
DETAIL_FIELDS = ("state", "risk", "director", "deadline", "history", "links")


@router.post("/reports", status_code=201, response_model=CaseRefOut)
def register_report(
    report: Annotated[ReportForm, Body()], gate: Guarded, response: Response
) -> dict[str, Any]:
    """Register a report (melding); the body is the report's JSON form (docs/risk.md). A
    refused one is 400 naming every field that is wrong, in one answer."""
    gate.allow(Action.REGISTER_REPORT, "report")
    command = RegisterReport(actor=gate.principal.name, report=report)
    ref = gate.handle(command, Action.REGISTER_REPORT, "report", fields=("report",))
    response.headers["Location"] = f"/api/v1/cases/{ref.case_id}"
    response.headers["ETag"] = f'"{ref.version}"'
    return {"case_id": ref.case_id, "state": ref.state.value, "version": ref.version}


@router.get("/cases", response_model=Page[CaseSummary])
def list_cases(
    request: Request,
    gate: Guarded,
    state: State | None = None,
    municipality: Annotated[str | None, Query(max_length=100, pattern=PRINTABLE)] = None,
    risk_level: RiskLevel | None = None,
    stalled: Annotated[bool | None, Query(description="an alert is due or has been raised")] = None,
    assigned_to_me: bool = False,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Cases in your scope (yours or your team's; the region for a team lead), oldest first.
    With X-Break-Glass-Reason, the whole region, flagged in the access log."""
    gate.allow(Action.LIST_CASES, "case_list")
    where = CaseFilter(
        state.value if state else None,
        municipality,
        risk_level.value if risk_level else None,
        stalled,
        gate.principal.name if assigned_to_me else None,
    )
    scope = scope_of(gate.principal)
    broken = gate.reason is not None and not scope.everything  # a team lead breaks nothing
    if broken:
        scope = Scope(everything=True)
    items, total = gate.app.queries.page(scope, where, gate.app.clock(), limit, offset)
    action = "search" if where.given() else "list"
    fields = ("summary", *where.given())
    shown = [item["case_id"] for item in items] or [None]  # an empty list is logged too
    gate.record(*[gate.entry(action, "case_list", "ok", cid, fields, broken) for cid in shown])
    return page(request, items, total, limit, offset)


@router.get("/cases/{case_id}", response_model=CaseDetail)
def read_case(case_id: UUID, gate: Guarded, response: Response) -> dict[str, Any]:
    """One case: state, version, deadline, allowed triggers, history and linked cases."""
    cid = str(case_id)
    broken = gate.open_case(Action.READ_CASE, cid)
    with gate.logged(Action.READ_CASE, "case", cid, DETAIL_FIELDS, broken):
        detail = gate.app.queries.detail(cid)
    response.headers["ETag"] = f'"{detail["version"]}"'
    return detail
