"""Preventie en trainingen in the web app (docs/ui.md): the list (planned and held), a form to
record one (every problem at its field), the page of one and marking a planned one held. Intake
staff and case directors record; all through adapters/noncase_gate.py (bus and access log)."""

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData

from adapters import noncase_gate as work
from adapters.web.errors import WebRoute
from adapters.web.forms import said
from adapters.web.render import page
from adapters.web.session import Posted, SignedIn, web_gate
from config.texts import AMSTERDAM
from workflow.access import Action, may
from workflow.errors import InvalidInput
from workflow.noncase_store import PREVENTION_ACTIVITY
from workflow.prevention import Audience, PreventionKind

router = APIRouter(route_class=WebRoute, include_in_schema=False)
SHOWN = 50


def _text(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value.strip() or None if isinstance(value, str) else None


def _number(form: FormData, name: str) -> Any:
    """A whole or decimal number (a comma taken as the decimal sign), else the text as given
    for the validation to name."""
    text = (_text(form, name) or "").replace(",", ".")
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return text or None


def _activity_from(form: FormData) -> dict[str, Any]:
    partners = [p.strip() for p in (_text(form, "partners") or "").split(",") if p.strip()]
    return {
        "on": _text(form, "on"),
        "municipality": _text(form, "municipality"),
        "kind": _text(form, "kind"),
        "audience": _text(form, "audience"),
        "participants": _number(form, "participants"),
        "partners": partners,
        "hours": _number(form, "hours"),
        "held": form.get("held") == "on",
    }


def _problems(request: Request, error: InvalidInput) -> dict[str, str]:
    problems: dict[str, str] = {}
    for name, why in said(request.app.state.meldpunt.texts, error.problems):
        field = name.split(".")[0]
        problems[field] = f"{problems[field]}; {why}" if field in problems else why
    return problems


def _form(
    request: Request, values: dict[str, Any], problems: dict[str, str], status: int
) -> Response:
    t = request.app.state.meldpunt.texts
    return page(
        request,
        "activity_form.html",
        status,
        values=values,
        problems=problems,
        kinds=[(k.value, t.label("prevention_kind", k.value)) for k in PreventionKind],
        audiences=[(a.value, t.label("audience", a.value)) for a in Audience],
        municipalities=[(m, m) for m in request.app.state.meldpunt.reference.municipality_names()],
    )


@router.get("/preventie")
def activity_list(request: Request, session: SignedIn, pagina: int = 1) -> Response:
    gate = web_gate(request, session)
    number = max(pagina, 1)
    rows, total = work.list_activities(gate, None, None, SHOWN, (number - 1) * SHOWN)
    more = number * SHOWN < total
    may_record = may(session.principal.roles, Action.RECORD_NONCASE_WORK)
    return page(
        request, "activity_list.html", rows=rows, total=total, number=number, more=more,
        may_record=may_record,
    )  # fmt: skip


@router.get("/preventie/nieuw")
def activity_form(request: Request, session: SignedIn) -> Response:
    web_gate(request, session).allow(Action.RECORD_NONCASE_WORK, PREVENTION_ACTIVITY)
    today = request.app.state.meldpunt.clock().astimezone(AMSTERDAM).date().isoformat()
    return _form(request, {"on": today}, {}, 200)


@router.post("/preventie/nieuw")
async def record(request: Request, session: Posted) -> Response:
    gate = web_gate(request, session)
    form = await request.form()
    data = _activity_from(form)
    try:
        shown = work.record_activity(gate, data)
    except InvalidInput as error:
        values = {k: v for k, v in form.items() if isinstance(v, str)}
        values["held"] = data["held"]
        return _form(request, values, _problems(request, error), 400)
    return RedirectResponse(f"/preventie/{shown['activity_id']}?opgeslagen=1", status_code=303)


def _shown(
    request: Request, session: SignedIn, activity_id: str, problems: dict[str, str], status: int
) -> Response:
    t = request.app.state.meldpunt.texts
    try:
        found = work.show_activity(web_gate(request, session), activity_id)
    except work.NoSuchRecord:
        what = t("noncase.what.prevention_activity")
        why = t("noncase.not_found", what=what, id=activity_id)
        return page(request, "refused.html", 404, title=t("web.error.404"), said=why)
    values = {"participants": str(found["participants"])}
    may_record = may(session.principal.roles, Action.RECORD_NONCASE_WORK)
    return page(
        request, "activity.html", status, activity=found, problems=problems, values=values,
        may_record=may_record,
    )  # fmt: skip


@router.get("/preventie/{activity_id}")
def activity_page(request: Request, activity_id: str, session: SignedIn) -> Response:
    return _shown(request, session, activity_id, {}, 200)


@router.post("/preventie/{activity_id}/gehouden")
async def held(request: Request, activity_id: str, session: Posted) -> Response:
    gate = web_gate(request, session)
    form = await request.form()
    data: dict[str, Any] = {"participants": _number(form, "participants")}
    for name in ("hours", "on"):
        if _text(form, name):
            data[name] = _number(form, name) if name == "hours" else _text(form, name)
    try:
        work.mark_held(gate, activity_id, data)
    except InvalidInput as error:
        return _shown(request, session, activity_id, _problems(request, error), 400)
    return RedirectResponse(f"/preventie/{activity_id}?opgeslagen=1", status_code=303)
