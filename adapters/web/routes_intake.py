"""Nieuwe melding: the intake form, every field of the report. A refused report shows every
problem at once next to its field, the values kept; a registered one opens its case page, with
a notice when the person is known from an earlier report and the suggested risk level."""

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData

from adapters.web.errors import WebRoute
from adapters.web.forms import said
from adapters.web.render import page
from adapters.web.session import Posted, SignedIn, web_gate
from config.texts import AMSTERDAM
from workflow.access import Action
from workflow.commands import RegisterReport
from workflow.errors import InvalidInput
from workflow.report import Channel, ExploitationForm, ReporterKind, Sex

router = APIRouter(route_class=WebRoute, include_in_schema=False)
REPORTER = ("organisation", "name", "phone", "email")
SUBJECT = ("name", "date_of_birth", "municipality", "country_of_origin", "bsn")


def _text(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value.strip() or None if isinstance(value, str) else None


def report_from(form: FormData) -> dict[str, Any]:
    """The report's JSON form from the posted fields (named by their place in it)."""
    received = _text(form, "received_at")
    moment: Any = received
    if received:
        try:
            moment = datetime.fromisoformat(received).replace(tzinfo=AMSTERDAM).isoformat()
        except ValueError:
            moment = received
    age = _text(form, "subject.age_estimate")
    subject: dict[str, Any] = {k: _text(form, f"subject.{k}") for k in SUBJECT}
    subject["age_estimate"] = int(age) if age and age.isdigit() and len(age) < 4 else age
    subject["sex"] = _text(form, "subject.sex") or "unknown"
    subject["outside_twente"] = form.get("subject.outside_twente") == "on"
    reporter = {k: _text(form, f"reporter.{k}") for k in REPORTER}
    return {
        "received_at": moment,
        "channel": _text(form, "channel"),
        "reporter": {"kind": _text(form, "reporter.kind"), **reporter},
        "subject": {k: v for k, v in subject.items() if v is not None},
        "exploitation_forms": [v for v in form.getlist("exploitation_forms") if v],
        "signals": [v for v in form.getlist("signals") if v],
        "description": _text(form, "description") or "",
    }


def intake_page(
    request: Request,
    values: dict[str, Any],
    problems: dict[str, str],
    status: int,
    action: str = "/melding/nieuw",
) -> Response:
    """The intake form; `action` where it posts (an advice question's own report posts to
    its page, adapters/web/routes_advice.py)."""
    app = request.app.state.meldpunt
    english = app.texts.language == "en"
    signals = [
        (i.code, i.label_en if english else i.label_nl) for i in app.reference.instrument.indicators
    ]
    return page(
        request,
        "intake.html",
        status,
        values=values,
        problems=problems,
        channels=list(Channel),
        reporter_kinds=list(ReporterKind),
        sexes=list(Sex),
        forms=list(ExploitationForm),
        signals=signals,
        municipalities=app.reference.municipality_names(),
        action=action,
    )


@router.get("/melding/nieuw")
def intake_form(request: Request, session: SignedIn) -> Response:
    app = request.app.state.meldpunt
    web_gate(request, session).allow(Action.REGISTER_REPORT, "report")
    now = app.clock().astimezone(AMSTERDAM).strftime("%Y-%m-%dT%H:%M")
    return intake_page(request, {"received_at": now}, {}, 200)


def _field(name: str) -> str:
    """The form field a problem of the report belongs to ("signals.2" is the signals')."""
    parts = name.split(".")
    if parts[0] in ("subject", "reporter") and len(parts) > 1:
        return ".".join(parts[:2])
    return parts[0]


@router.post("/melding/nieuw")
async def register(request: Request, session: Posted) -> Response:
    gate = web_gate(request, session)
    gate.allow(Action.REGISTER_REPORT, "report")
    form = await request.form()
    report = report_from(form)
    command = RegisterReport(actor=session.principal.name, report=report)
    try:
        ref = gate.handle(command, Action.REGISTER_REPORT, "report", fields=("report",))
    except InvalidInput as error:
        return intake_refused(request, form, error, "/melding/nieuw")
    return RedirectResponse(f"/casus/{ref.case_id}?nieuw=1", status_code=303)


def intake_refused(request: Request, form: FormData, error: InvalidInput, action: str) -> Response:
    """The intake form again with the values kept and every problem at its field."""
    t = request.app.state.meldpunt.texts
    problems: dict[str, str] = {}
    for name, why in said(t, error.problems):
        field = _field(name)
        problems[field] = f"{problems[field]}; {why}" if field in problems else why
    values: dict[str, Any] = {
        k: v for k, v in form.multi_items() if k not in ("signals", "exploitation_forms")
    }
    values["signals"] = form.getlist("signals")
    values["exploitation_forms"] = form.getlist("exploitation_forms")
    return intake_page(request, values, problems, 400, action)
