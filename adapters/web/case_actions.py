"""Running one action of the case page: the form validated as its model, the command through
the gate and the bus, and what came of it shown. Bad data shows every problem next to its field;
a refused step says why in Dutch; a conflict (someone changed the case meanwhile) says so and
shows the fresh case. In none of these cases anything changed. A case opened by breaking the
glass is worked on under the same stated reason, carried by a hidden field."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

from adapters.db.web_accounts import WebSession
from adapters.gate import break_glass_reason
from adapters.web.case_view import Outcome, render_case
from adapters.web.forms import data_from, said
from adapters.web.session import web_gate
from config import errors_said
from states import TriggerRefused
from workflow.access import Action
from workflow.commands import Command
from workflow.errors import CaseNotFound, ConcurrencyConflict, InvalidInput, validated

# The hidden field that carries the stated reason of a case opened by breaking the glass.
BROKEN = "break_glass_reason"


def case_of(case_id: str) -> str:
    """The case id of the path; one that is no UUID is a case that does not exist (a page)."""
    try:
        return str(UUID(case_id))
    except ValueError:
        raise CaseNotFound(case_id[:40]) from None


def _version(form: Any) -> int | None:
    value = form.get("version")
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 10 else None


async def act(
    request: Request,
    session: WebSession,
    case_id: str,
    key: str,
    action: Action,
    model: type[BaseModel],
    command: Callable[[Any, int | None], Command],
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
