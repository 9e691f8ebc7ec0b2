"""The non-case work: advice questions (adviesvragen) and prevention activities and trainings.
Roles: docs/noncase.md. Every read and write is in the access log."""

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body, Query, Request, Response

from adapters import noncase_gate as work
from adapters.http.asking import Guarded
from adapters.http.noncase_schemas import (
    ActivityIn,
    ActivityOut,
    ActivityPage,
    AdviceIn,
    AdviceOut,
    AdvicePage,
    AdviceReportOut,
    HeldIn,
    ReportIn,
)
from adapters.http.paging import Limit, Offset, page
from adapters.http.problems import ProblemError
from workflow.plain_text import PRINTABLE
from workflow.prevention import Status

router = APIRouter(tags=["non-case work"])
Municipality = Annotated[str | None, Query(max_length=100, pattern=PRINTABLE)]


def _found(read: Any, gate: Guarded, record_id: str) -> dict[str, Any]:
    try:
        found: dict[str, Any] = read(gate, record_id)
    except work.NoSuchRecord as error:
        what = gate.app.texts(f"noncase.what.{error.resource}")
        raise ProblemError(
            404, "api.status.404", "noncase.not_found", what=what, id=error.record_id
        ) from None
    return found


@router.post("/advice-questions", status_code=201, response_model=AdviceOut)
def record_advice(
    advice: Annotated[AdviceIn, Body()], gate: Guarded, response: Response
) -> dict[str, Any]:
    """Record an advice question: no name of the person it is about. A refused one is 400
    naming every field that is wrong."""
    shown = work.record_advice(gate, advice)
    response.headers["Location"] = f"/api/v1/advice-questions/{shown['advice_id']}"
    return shown


@router.get("/advice-questions", response_model=AdvicePage)
def list_advice(
    request: Request,
    gate: Guarded,
    municipality: Municipality = None,
    case_id: Annotated[UUID | None, Query(alias="caseId")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Advice questions, the latest first, without the advice text; `caseId` finds the one
    that led to a case."""
    chosen = str(case_id) if case_id else None
    items, total = work.list_advice(gate, municipality, chosen, limit, offset)
    return page(request, items, total, limit, offset)


@router.get("/advice-questions/{advice_id}", response_model=AdviceOut)
def read_advice(advice_id: UUID, gate: Guarded) -> dict[str, Any]:
    """One advice question with the advice given."""
    return _found(work.show_advice, gate, str(advice_id))


@router.post(
    "/advice-questions/{advice_id}/report", status_code=201, response_model=AdviceReportOut
)
def advice_to_report(
    advice_id: UUID, report: Annotated[ReportIn, Body()], gate: Guarded, response: Response
) -> dict[str, Any]:
    """Register the report the advice question led to (the body is a report), linked both
    ways in one transaction."""
    shown = work.advice_to_report(gate, str(advice_id), report)
    response.headers["Location"] = f"/api/v1/cases/{shown['case_id']}"
    return shown


@router.post("/prevention-activities", status_code=201, response_model=ActivityOut)
def record_activity(
    activity: Annotated[ActivityIn, Body()], gate: Guarded, response: Response
) -> dict[str, Any]:
    """Record a prevention activity or training, planned (`held` false) or held."""
    shown = work.record_activity(gate, activity)
    response.headers["Location"] = f"/api/v1/prevention-activities/{shown['activity_id']}"
    return shown


@router.get("/prevention-activities", response_model=ActivityPage)
def list_activities(
    request: Request,
    gate: Guarded,
    municipality: Municipality = None,
    status: Status | None = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Prevention activities and trainings, the latest day first."""
    items, total = work.list_activities(gate, municipality, status, limit, offset)
    return page(request, items, total, limit, offset)


@router.get("/prevention-activities/{activity_id}", response_model=ActivityOut)
def read_activity(activity_id: UUID, gate: Guarded) -> dict[str, Any]:
    return _found(work.show_activity, gate, str(activity_id))


@router.post("/prevention-activities/{activity_id}/held", response_model=ActivityOut)
def mark_held(activity_id: UUID, held: Annotated[HeldIn, Body()], gate: Guarded) -> dict[str, Any]:
    """Mark a planned activity held, with the real participants (and hours and day)."""
    return work.mark_held(gate, str(activity_id), held)
