"""Retention in the API (team lead): destruction lists, approving them and taking cases off,
anonymising the approved cases now, legal holds, erasure requests (docs/retention.md)."""

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from adapters.db.retention_queries import RetentionQueries
from adapters.http.asking import Guarded
from adapters.record_run import prune_noncase_records
from adapters.retention_run import anonymise_approved
from workflow.access import Action
from workflow.retention_commands import (
    ApproveDestructionList,
    LiftLegalHold,
    PlaceLegalHold,
    Reason,
    RequestErasure,
    TakeOffDestructionList,
)

router = APIRouter(prefix="/retention", tags=["retention"])
MANAGE = Action.MANAGE_RETENTION


class ReasonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: Reason


class RemovalIn(ReasonIn):
    case_id: UUID


class DestructionList(BaseModel):
    list_id: str
    status: str = Field(description="proposed, or approved by the team lead")
    created_at: datetime
    created_by: str
    approved_by: str | None
    approved_at: datetime | None
    cases: dict[str, int] = Field(description="how many cases by status: proposed, removed, ...")


class DestructionItem(BaseModel):
    case_id: str
    why: str = Field(description="retention (its archive action date passed) or erasure")
    rule: str | None
    due_on: date | None = Field(description="the archive action date (archiefactiedatum)")
    status: str = Field(description="proposed, removed or anonymised")
    requested_by: str | None
    removed_reason: str | None
    anonymised_at: datetime | None


class Done(BaseModel):
    list_id: str | None = None
    case_id: str | None = None
    count: int = Field(default=0, description="cases approved, anonymised or holds lifted")
    hold_id: str | None = None
    records: dict[str, int] | None = Field(
        default=None,
        description="a run: the advice questions and prevention activities past their term "
        "(advice_questions_deleted, prevention_activities_deleted, advice_texts_destroyed)",
    )


@router.get("/lists", response_model=list[DestructionList])
def lists(gate: Guarded) -> Any:
    """The destruction lists, newest first (the latest hundred)."""
    gate.allow(MANAGE, "destruction_list")
    with gate.logged(MANAGE, "destruction_list", fields=("lists",)):
        return RetentionQueries(gate.app.engine).lists()


@router.get("/lists/{list_id}", response_model=list[DestructionItem])
def items(list_id: UUID, gate: Guarded) -> Any:
    """The cases on one destruction list, why, which rule and their status."""
    gate.allow(MANAGE, "destruction_list")
    with gate.logged(MANAGE, "destruction_list", fields=("items",)):
        return RetentionQueries(gate.app.engine).items(str(list_id))


@router.post("/lists/{list_id}/approval", response_model=Done)
def approve(list_id: UUID, gate: Guarded) -> Any:
    """Approve the list: its proposed cases are anonymised by the next run."""
    command = ApproveDestructionList(actor=gate.principal.name, list_id=str(list_id))
    gate.allow(MANAGE, "destruction_list")
    count = gate.handle(command, MANAGE, "destruction_list", fields=("approve",))
    return {"list_id": str(list_id), "count": count}


@router.post("/lists/{list_id}/removals", response_model=Done)
def remove(list_id: UUID, body: RemovalIn, gate: Guarded) -> Any:
    """Take a case off the list, saying why."""
    cid = str(body.case_id)
    command = TakeOffDestructionList(
        actor=gate.principal.name, list_id=str(list_id), case_id=cid, reason=body.reason
    )
    gate.allow(MANAGE, "destruction_list", cid)
    gate.handle(command, MANAGE, "destruction_list", cid, ("remove",))
    return {"list_id": str(list_id), "case_id": cid}


@router.post("/runs", response_model=Done)
def run(gate: Guarded) -> Any:
    """Anonymise the approved cases now, then the advice questions and prevention activities
    past their term, batch by batch (the `retention` job does it nightly)."""
    gate.allow(MANAGE, "retention")
    entry = gate.entry("write", "case", "ok", fields=("anonymise",))
    now = datetime.now(UTC)
    count = anonymise_approved(gate.app.bus, now, gate.principal.name, entry)
    records = prune_noncase_records(gate.app.bus, now, gate.principal.name, entry)
    return {"count": count, "records": records}


@router.post("/cases/{case_id}/holds", status_code=201, response_model=Done)
def place_hold(case_id: UUID, body: ReasonIn, gate: Guarded) -> Any:
    """Place a legal hold: the case is listed for nothing and destroyed by nothing."""
    cid = str(case_id)
    command = PlaceLegalHold(actor=gate.principal.name, case_id=cid, reason=body.reason)
    gate.allow(MANAGE, "legal_hold", cid)
    hold_id = gate.handle(command, MANAGE, "legal_hold", cid, ("place",))
    return {"case_id": cid, "hold_id": hold_id, "count": 1}


@router.post("/cases/{case_id}/release", response_model=Done)
def release(case_id: UUID, body: ReasonIn, gate: Guarded) -> Any:
    """Lift every legal hold of the case, saying why."""
    cid = str(case_id)
    command = LiftLegalHold(actor=gate.principal.name, case_id=cid, reason=body.reason)
    gate.allow(MANAGE, "legal_hold", cid)
    lifted = gate.handle(command, MANAGE, "legal_hold", cid, ("lift",))
    return {"case_id": cid, "count": lifted}


@router.post("/cases/{case_id}/erasure", status_code=201, response_model=Done)
def erasure(case_id: UUID, body: ReasonIn, gate: Guarded) -> Any:
    """A request for erasure (AVG art. 17): a destruction list of its own, for approval; or
    a 400 saying why not (a legal hold, an open case, a term that forbids it)."""
    cid = str(case_id)
    command = RequestErasure(actor=gate.principal.name, case_id=cid, reason=body.reason)
    gate.allow(MANAGE, "erasure", cid)
    list_id = gate.handle(command, MANAGE, "erasure", cid, ("erasure",))
    return {"case_id": cid, "list_id": list_id, "count": 1}
