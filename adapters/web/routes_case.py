"""The case page, breaking the glass to open one outside one's cases, and the actions on the
case's course: a step of the lifecycle, an activity, a follow-up (adapters/web/case_actions.py
runs each one)."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from pydantic import BaseModel

from adapters.gate import break_glass_reason
from adapters.web.case_actions import act, case_of
from adapters.web.case_view import Outcome, render_case
from adapters.web.errors import WebRoute, refusal
from adapters.web.session import Posted, SignedIn, web_gate
from config import errors_said
from states import Trigger
from workflow.access import Action
from workflow.activity_data import ActivityData, FollowUpData
from workflow.commands import (
    Command,
    FireTrigger,
    RecordActivity,
    RecordFollowUp,
)
from workflow.errors import InvalidInput
from workflow.transition_data import DATA_MODELS, transition_data

router = APIRouter(route_class=WebRoute, include_in_schema=False)


@router.get("/casus/{case_id}")
def case_page(request: Request, case_id: str, session: SignedIn) -> Response:
    t = request.app.state.meldpunt.texts
    done = request.query_params.get("gedaan")
    notice = t("web.case.done") if done else ""
    if request.query_params.get("nieuw"):
        notice = t("web.case.registered")
    gate = web_gate(request, session)
    return render_case(request, session, gate, case_of(case_id), Outcome(notice=notice))


@router.post("/casus/{case_id}/noodtoegang")
def break_glass(
    request: Request,
    case_id: str,
    session: Posted,
    reason: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Open a case outside one's scope with a stated reason: logged, reviewed by the team lead."""
    try:
        stated = break_glass_reason(reason, "reason") or break_glass_reason("-", "reason")
    except InvalidInput as error:
        t = request.app.state.meldpunt.texts
        said = errors_said.problems(t, error)[0][1]
        return refusal(request, 400, "", said)
    gate = web_gate(request, session, stated)
    return render_case(request, session, gate, case_of(case_id), Outcome())


@router.post("/casus/{case_id}/stap/{trigger}")
async def fire(request: Request, case_id: str, trigger: str, session: Posted) -> Response:
    if trigger not in DATA_MODELS:
        return refusal(request, 404, "web.error.unknown_step")
    model = DATA_MODELS[Trigger(trigger)]
    actor = session.principal.name
    cid = case_of(case_id)

    def command(typed: BaseModel, version: int | None) -> Command:
        data = transition_data(trigger, typed.model_dump(mode="json"))
        return FireTrigger(actor=actor, case_id=cid, data=data, expected_version=version)

    return await act(request, session, cid, trigger, Action.FIRE_TRIGGER, model, command)


@router.post("/casus/{case_id}/activiteit")
async def activity(request: Request, case_id: str, session: Posted) -> Response:
    actor, cid = session.principal.name, case_of(case_id)

    def command(typed: Any, version: int | None) -> Command:
        return RecordActivity(actor=actor, case_id=cid, activity=typed, expected_version=version)

    return await act(
        request, session, cid, "activity", Action.RECORD_ACTIVITY, ActivityData, command
    )


@router.post("/casus/{case_id}/vervolgcontact")
async def follow_up(request: Request, case_id: str, session: Posted) -> Response:
    actor, cid = session.principal.name, case_of(case_id)

    def command(typed: Any, version: int | None) -> Command:
        return RecordFollowUp(actor=actor, case_id=cid, follow_up=typed, expected_version=version)

    return await act(
        request, session, cid, "follow_up", Action.RECORD_FOLLOW_UP, FollowUpData, command
    )
