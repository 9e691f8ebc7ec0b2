"""The case page's actions about people: handing a case to another case director, and the team
lead's confirmation of an assessment below the suggestion (four eyes)."""

from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, StringConstraints

from adapters.web.case_actions import act, case_of
from adapters.web.errors import WebRoute
from adapters.web.session import Posted
from workflow.access import Action
from workflow.commands import AssignCase, Command, ConfirmAssessment

router = APIRouter(route_class=WebRoute, include_in_schema=False)


class Assignment(BaseModel):
    case_director: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)
    ]
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""


@router.post("/casus/{case_id}/toewijzing")
async def assign(request: Request, case_id: str, session: Posted) -> Response:
    actor, cid = session.principal.name, case_of(case_id)

    def command(typed: Any, version: int | None) -> Command:
        return AssignCase(
            actor=actor,
            case_id=cid,
            case_director=typed.case_director,
            reason=typed.reason,
            expected_version=version,
        )

    return await act(request, session, cid, "assign", Action.ASSIGN_CASE, Assignment, command)


class Confirmation(BaseModel):
    confirm: bool
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""


@router.post("/casus/{case_id}/bevestiging")
async def confirm(request: Request, case_id: str, session: Posted) -> Response:
    """A team lead confirms or rejects an assessment below a high or acute suggestion."""
    actor, cid = session.principal.name, case_of(case_id)

    def command(typed: Any, version: int | None) -> Command:
        return ConfirmAssessment(
            actor=actor,
            case_id=cid,
            confirm=typed.confirm,
            reason=typed.reason,
            expected_version=version,
        )

    return await act(
        request, session, cid, "confirm", Action.CONFIRM_ASSESSMENT, Confirmation, command
    )
