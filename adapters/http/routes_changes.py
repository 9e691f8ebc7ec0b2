"""Changes to a case, each one command on the bus: transitions, activities and notes, follow-ups,
and the assignment to a case director. A stale version is 409, as is a refused transition."""

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Header, Response

from adapters.gate import Gate
from adapters.http.asking import Guarded
from adapters.http.schemas import (
    ActivityIn,
    AssignmentIn,
    CaseRefOut,
    ConfirmationIn,
    FollowUpIn,
    TransitionIn,
)
from workflow.access import Action
from workflow.commands import (
    AssignCase,
    Command,
    ConfirmAssessment,
    FireTrigger,
    RecordActivity,
    RecordFollowUp,
)
from workflow.errors import InvalidInput, reason
from workflow.transition_data import transition_data

router = APIRouter(tags=["changes"])

IfMatch = Annotated[
    str | None,
    Header(max_length=40, description='the version the change is based on: "7" (the ETag)'),
]


def expected(if_match: str | None, in_body: int | None) -> int | None:
    """The version the client saw, from If-Match or the body; both must agree."""
    if if_match is None:
        return in_body
    text = if_match.strip().removeprefix("W/").strip('"')
    if not text.isdigit() or not 0 < int(text) < 2**31:
        raise InvalidInput([("If-Match", reason("api.if_match", 'must be a version such as "7"'))])
    if in_body is not None and in_body != int(text):
        raise InvalidInput(
            [("expected_version", reason("api.if_match_differs", "differs from If-Match"))]
        )
    return int(text)


def _run(gate: Gate, action: Action, case_id: str, command: Command, response: Response) -> Any:
    ref = gate.change_case(action, case_id, command)
    response.headers["ETag"] = f'"{ref.version}"'
    return {
        "case_id": ref.case_id,
        "state": ref.state.value,
        "version": ref.version,
        "awaiting_confirmation": ref.awaiting_confirmation,
    }


@router.post(
    "/cases/{case_id}/transitions",
    response_model=CaseRefOut,
    responses={409: {"description": "version conflict, or the trigger is refused"}},
)
def fire_transition(
    case_id: UUID, body: TransitionIn, gate: Guarded, response: Response, if_match: IfMatch = None
) -> Any:
    """Fire `trigger` with its `data`. A trigger not allowed from the case's state, or whose
    guard fails, is 409 with `allowed_triggers`; bad data is 400 naming the fields."""
    try:
        data = transition_data(body.trigger, body.data)
    except InvalidInput as error:
        # The data's fields are named as inside `data`; the body nests them there.
        named = [(n if n in ("trigger", "data") else f"data.{n}", r) for n, r in error.problems]
        raise InvalidInput(named, f"data for '{body.trigger}'") from None
    command = FireTrigger(
        actor=gate.principal.name,
        case_id=str(case_id),
        data=data,
        expected_version=expected(if_match, body.expected_version),
    )
    try:
        return _run(gate, Action.FIRE_TRIGGER, str(case_id), command, response)
    except InvalidInput as error:  # the case's own checks (indicators, the risk floor)
        named = [(n if n in ("trigger", "data") else f"data.{n}", r) for n, r in error.problems]
        raise InvalidInput(named, f"data for '{body.trigger}'") from None


@router.post("/cases/{case_id}/activities", status_code=201, response_model=CaseRefOut)
def record_activity(
    case_id: UUID, body: ActivityIn, gate: Guarded, response: Response, if_match: IfMatch = None
) -> Any:
    """A contact, meeting, plan of approach, feedback to the reporter, partner update or note."""
    command = RecordActivity(
        actor=gate.principal.name,
        case_id=str(case_id),
        activity=body.activity(),
        expected_version=expected(if_match, body.expected_version),
    )
    return _run(gate, Action.RECORD_ACTIVITY, str(case_id), command, response)


@router.post("/cases/{case_id}/follow-ups", status_code=201, response_model=CaseRefOut)
def record_follow_up(
    case_id: UUID, body: FollowUpIn, gate: Guarded, response: Response, if_match: IfMatch = None
) -> Any:
    """A check-in with the local team on a case scaled down locally."""
    command = RecordFollowUp(
        actor=gate.principal.name,
        case_id=str(case_id),
        follow_up=body.follow_up(),
        expected_version=expected(if_match, body.expected_version),
    )
    return _run(gate, Action.RECORD_FOLLOW_UP, str(case_id), command, response)


@router.post("/cases/{case_id}/assignment", response_model=CaseRefOut)
def assign(
    case_id: UUID, body: AssignmentIn, gate: Guarded, response: Response, if_match: IfMatch = None
) -> Any:
    """Hand the case to another case director; both are told."""
    command = AssignCase(
        actor=gate.principal.name,
        case_id=str(case_id),
        case_director=body.case_director,
        reason=body.reason,
        expected_version=expected(if_match, body.expected_version),
    )
    return _run(gate, Action.ASSIGN_CASE, str(case_id), command, response)


@router.post("/cases/{case_id}/assessment-confirmation", response_model=CaseRefOut)
def confirm_assessment(
    case_id: UUID,
    body: ConfirmationIn,
    gate: Guarded,
    response: Response,
    if_match: IfMatch = None,
) -> Any:
    """A team lead confirms (or rejects) an assessment that lowered a high or acute
    suggestion; the assessor cannot confirm their own (four eyes)."""
    command = ConfirmAssessment(
        actor=gate.principal.name,
        case_id=str(case_id),
        confirm=body.confirm,
        reason=body.reason,
        expected_version=expected(if_match, body.expected_version),
    )
    return _run(gate, Action.CONFIRM_ASSESSMENT, str(case_id), command, response)
