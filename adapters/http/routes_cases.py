"""Cases: list with filters, one case with its history, links and deadline; registering reports."""

from functools import partial
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body, Query, Request, Response

from adapters.db.case_file import PARTS
from adapters.db.case_queries import CaseFilter
from adapters.http.asking import Guarded
from adapters.http.paging import Limit, Offset, page
from adapters.http.schemas import CaseDetail, CaseFile, CasePage, CaseRefOut
from states import RiskLevel, State
from workflow.access import Action
from workflow.commands import RegisterReport
from workflow.plain_text import PRINTABLE
from workflow.report import ReportForm

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


DEPRECATED_KEYS: dict[int | str, dict[str, Any]] = {
    200: {"headers": {"Deprecation": {"$ref": "#/components/headers/Deprecation"}}}
}


@router.get("/cases", response_model=CasePage, responses=DEPRECATED_KEYS)
def list_cases(
    request: Request,
    gate: Guarded,
    state: State | None = None,
    municipality: Annotated[str | None, Query(max_length=100, pattern=PRINTABLE)] = None,
    risk_level: Annotated[RiskLevel | None, Query(alias="riskLevel")] = None,
    stalled: Annotated[bool | None, Query(description="an alert is due or has been raised")] = None,
    assigned_to_me: Annotated[bool, Query(alias="assignedToMe")] = False,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Cases in your scope (yours or your team's; the region for a team lead), oldest first.
    With X-Break-Glass-Reason, the whole region, flagged in the access log. The keys
    `risk_level` and `assigned_to_me` are still taken for `riskLevel` and `assignedToMe`
    until 1 July 2027, with a `Deprecation` header in the answer."""
    where = CaseFilter(
        state.value if state else None,
        municipality,
        risk_level.value if risk_level else None,
        stalled,
        gate.principal.name if assigned_to_me else None,
    )
    items, total = gate.list_cases(where, limit, offset)
    return page(request, items, total, limit, offset)


@router.get("/cases/{case_id}", response_model=CaseDetail)
def read_case(case_id: UUID, gate: Guarded, response: Response) -> dict[str, Any]:
    """One case: state, version, deadline, allowed triggers, history and linked cases."""
    cid = str(case_id)
    detail = gate.read_case(
        Action.READ_CASE, cid, DETAIL_FIELDS, partial(gate.app.queries.detail, cid)
    )
    response.headers["ETag"] = f'"{detail["version"]}"'
    return detail


@router.get("/cases/{case_id}/file", response_model=CaseFile)
def read_case_file(case_id: UUID, gate: Guarded, response: Response) -> dict[str, Any]:
    """The case file: the report (the person, the reporter and their contact details, the
    description), the risk assessment with its explanation, the plan of approach, activities,
    follow-ups, consents, disclosures, the cases of the same person and the timeline."""
    cid = str(case_id)
    case_file = gate.read_case(Action.READ_CASE, cid, PARTS, partial(gate.app.files.read, cid))
    response.headers["ETag"] = f'"{case_file["case"]["version"]}"'
    return case_file
