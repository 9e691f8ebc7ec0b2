"""The data subject's rights (docs/subject_rights.md): the access report (AVG art. 15),
correcting a report field (art. 16), restricting a case and lifting it (art. 18). The report is
asked for with POST so that a BSN or a name never sits in a URL (or a server's log of them); GET
takes one of the person's cases."""

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response

from adapters import subject_rights
from adapters.gate import Gate
from adapters.http.asking import Guarded
from adapters.http.schemas import CaseRefOut
from adapters.http.subject_schemas import (
    CorrectionIn,
    PersonIn,
    RestrictionIn,
    SubjectReportOut,
)
from workflow.person import person_named
from workflow.rights_commands import CorrectReport, LiftRestriction, RestrictCase

router = APIRouter(tags=["subject rights"])


def _report(gate: Gate, body: PersonIn) -> dict[str, Any]:
    person = person_named(
        body.bsn, body.name, body.date_of_birth, str(body.case_id) if body.case_id else None
    )
    return subject_rights.subject_report(gate, person)


@router.post("/subjects/report", response_model=SubjectReportOut)
def subject_report(body: PersonIn, gate: Guarded) -> dict[str, Any]:
    """Everything held about a person across cases, what was disclosed to whom on which legal
    basis and when, and who read their cases (privacy officer, team lead)."""
    return _report(gate, body)


@router.get("/subjects/report", response_model=SubjectReportOut)
def subject_report_of_case(
    case_id: Annotated[UUID, Query(alias="caseId", description="one of the person's cases")],
    gate: Guarded,
) -> dict[str, Any]:
    """The same report, for the person of one of their cases."""
    return _report(gate, PersonIn(case_id=case_id))


def _ref(ref: Any, response: Response) -> dict[str, Any]:
    response.headers["ETag"] = f'"{ref.version}"'
    return {"case_id": ref.case_id, "state": ref.state.value, "version": ref.version}


@router.post("/cases/{case_id}/correction", response_model=CaseRefOut)
def correct_report(
    case_id: UUID, body: CorrectionIn, gate: Guarded, response: Response
) -> dict[str, Any]:
    """Correct a field of the case's report: the new value in its place, the old one kept
    (encrypted) in the history with who, when and why."""
    command = CorrectReport(
        actor=gate.principal.name,
        case_id=str(case_id),
        field=body.field,
        value=body.value,
        reason=body.reason,
        expected_version=body.expected_version,
    )
    return _ref(subject_rights.correct(gate, command), response)


@router.post("/cases/{case_id}/restriction", response_model=CaseRefOut)
def restrict_case(
    case_id: UUID, body: RestrictionIn, gate: Guarded, response: Response
) -> dict[str, Any]:
    """Restrict the case: from now on only the team lead reads it (and the privacy officer,
    for the rights work); for everyone else it is not there."""
    command = RestrictCase(
        actor=gate.principal.name,
        case_id=str(case_id),
        reason=body.reason,
        expected_version=body.expected_version,
    )
    return _ref(subject_rights.restrict(gate, command), response)


@router.post("/cases/{case_id}/restriction/lifting", response_model=CaseRefOut)
def lift_restriction(
    case_id: UUID, body: RestrictionIn, gate: Guarded, response: Response
) -> dict[str, Any]:
    """Lift the case's restriction; the lifting is on the timeline with who, when and why."""
    command = LiftRestriction(
        actor=gate.principal.name,
        case_id=str(case_id),
        reason=body.reason,
        expected_version=body.expected_version,
    )
    return _ref(subject_rights.restrict(gate, command), response)
