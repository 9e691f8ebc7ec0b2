"""The case page and its actions: each action is one command through the gate and the bus, as
the API sends it. Bad data shows every problem next to its field; a refused step says why in
Dutch; a conflict (someone changed the case meanwhile) says so and shows the fresh case. In
none of these cases anything changed."""

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, StringConstraints

from adapters.db.web_accounts import WebSession
from adapters.gate import break_glass_reason
from adapters.web.case_view import Outcome, render_case
from adapters.web.errors import WebRoute, refusal
from adapters.web.forms import data_from, said
from adapters.web.session import Posted, SignedIn, web_gate
from config import errors_said
from states import Trigger, TriggerRefused
from workflow.access import Action
from workflow.activity_data import ActivityData, FollowUpData
from workflow.commands import (
    AssignCase,
    Command,
    ConfirmAssessment,
    FireTrigger,
    RecordActivity,
    RecordFollowUp,
)
from workflow.errors import CaseNotFound, ConcurrencyConflict, InvalidInput, validated
from workflow.transition_data import DATA_MODELS, transition_data

router = APIRouter(route_class=WebRoute, include_in_schema=False)
# The hidden field that carries the stated reason of a case opened by breaking the glass.
BROKEN = "break_glass_reason"


def _case(case_id: str) -> str:
    """The case id of the path; one that is no UUID is a case that does not exist (a page)."""
    try:
        return str(UUID(case_id))
    except ValueError:
        raise CaseNotFound(case_id[:40]) from None


@router.get("/casus/{case_id}")
def case_page(request: Request, case_id: str, session: SignedIn) -> Response:
    t = request.app.state.meldpunt.texts
    done = request.query_params.get("gedaan")
    notice = t("web.case.done") if done else ""
    if request.query_params.get("nieuw"):
        notice = t("web.case.registered")
    gate = web_gate(request, session)
    return render_case(request, session, gate, _case(case_id), Outcome(notice=notice))


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
    return render_case(request, session, gate, _case(case_id), Outcome())


def _version(form: Any) -> int | None:
    value = form.get("version")
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 10 else None


async def _act(
    request: Request,
    session: WebSession,
    case_id: str,
    key: str,
    action: Action,
    model: type[BaseModel],
    command: Any,
) -> Response:
    """Validate the form as `model`, send the command `command(data, version)` makes, and
    show what came of it."""
    form = await request.form()
    t = request.app.state.meldpunt.texts
    stated = form.get(BROKEN)
    reason = break_glass_reason(stated if isinstance(stated, str) else None, BROKEN)
    gate = web_gate(request, session, reason)
    data = data_from(model, form)
    values = {k: v for k, v in data.items()}
    try:
        typed = validated(model, data, key)
        gate.change_case(action, case_id, command(typed, _version(form)))
    except InvalidInput as error:
        problems = {name.split(".")[0]: why for name, why in said(t, error.problems)}
        outcome = Outcome(400, "", t("web.case.fix_fields"), key, values, problems)
        return render_case(request, session, gate, case_id, outcome)
    except TriggerRefused as error:
        outcome = Outcome(409, "", errors_said.sentence(t, error), key, values)
        return render_case(request, session, gate, case_id, outcome)
    except ConcurrencyConflict:
        outcome = Outcome(409, "", t("web.case.conflict"), key, values)
        return render_case(request, session, gate, case_id, outcome)
    if reason is not None:
        # Opened by breaking the glass: the case is shown again under the same stated reason
        # (a plain reload would be outside the person's cases).
        return render_case(request, session, gate, case_id, Outcome(notice=t("web.case.done")))
    return RedirectResponse(f"/casus/{case_id}?gedaan={key}#boven", status_code=303)


@router.post("/casus/{case_id}/stap/{trigger}")
async def fire(request: Request, case_id: str, trigger: str, session: Posted) -> Response:
    if trigger not in DATA_MODELS:
        return refusal(request, 404, "web.error.unknown_step")
    model = DATA_MODELS[Trigger(trigger)]
    actor = session.principal.name
    cid = _case(case_id)

    def command(typed: BaseModel, version: int | None) -> Command:
        data = transition_data(trigger, typed.model_dump(mode="json"))
        return FireTrigger(actor=actor, case_id=cid, data=data, expected_version=version)

    return await _act(request, session, cid, trigger, Action.FIRE_TRIGGER, model, command)


@router.post("/casus/{case_id}/activiteit")
async def activity(request: Request, case_id: str, session: Posted) -> Response:
    actor, cid = session.principal.name, _case(case_id)

    def command(typed: Any, version: int | None) -> Command:
        return RecordActivity(actor=actor, case_id=cid, activity=typed, expected_version=version)

    return await _act(
        request, session, cid, "activity", Action.RECORD_ACTIVITY, ActivityData, command
    )


@router.post("/casus/{case_id}/vervolgcontact")
async def follow_up(request: Request, case_id: str, session: Posted) -> Response:
    actor, cid = session.principal.name, _case(case_id)

    def command(typed: Any, version: int | None) -> Command:
        return RecordFollowUp(actor=actor, case_id=cid, follow_up=typed, expected_version=version)

    return await _act(
        request, session, cid, "follow_up", Action.RECORD_FOLLOW_UP, FollowUpData, command
    )


class Assignment(BaseModel):
    case_director: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)
    ]
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""


@router.post("/casus/{case_id}/toewijzing")
async def assign(request: Request, case_id: str, session: Posted) -> Response:
    actor, cid = session.principal.name, _case(case_id)

    def command(typed: Any, version: int | None) -> Command:
        return AssignCase(
            actor=actor,
            case_id=cid,
            case_director=typed.case_director,
            reason=typed.reason,
            expected_version=version,
        )

    return await _act(request, session, cid, "assign", Action.ASSIGN_CASE, Assignment, command)


class Confirmation(BaseModel):
    confirm: bool
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""


@router.post("/casus/{case_id}/bevestiging")
async def confirm(request: Request, case_id: str, session: Posted) -> Response:
    """A team lead confirms or rejects an assessment below a high or acute suggestion."""
    actor, cid = session.principal.name, _case(case_id)

    def command(typed: Any, version: int | None) -> Command:
        return ConfirmAssessment(
            actor=actor,
            case_id=cid,
            confirm=typed.confirm,
            reason=typed.reason,
            expected_version=version,
        )

    return await _act(
        request, session, cid, "confirm", Action.CONFIRM_ASSESSMENT, Confirmation, command
    )
