"""Adviesvragen in the web app (docs/ui.md): the list, a form to record one (every problem at
its field, the values kept), the page of one, and turning it into a report with the intake form
(the case and the advice question linked both ways). Intake staff and case directors record;
everything goes through adapters/noncase_gate.py, as the API and the CLI do (bus and access
log)."""

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData

from adapters import noncase_gate as work
from adapters.web.errors import WebRoute
from adapters.web.forms import said
from adapters.web.render import page
from adapters.web.routes_intake import intake_page, intake_refused, report_from
from adapters.web.session import Posted, SignedIn, web_gate
from config.texts import AMSTERDAM
from workflow.access import Action, may
from workflow.advice import ProfessionalKind
from workflow.errors import InvalidInput
from workflow.noncase_store import ADVICE_QUESTION
from workflow.report import Channel, ExploitationForm

router = APIRouter(route_class=WebRoute, include_in_schema=False)
SHOWN = 50
TEXTS = ("asked_on", "channel", "organisation", "professional", "municipality", "advice")


def _advice_from(form: FormData) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in TEXTS:
        value = form.get(name)
        found[name] = value.strip() if isinstance(value, str) and value.strip() else None
    minutes = form.get("minutes")
    text = minutes.strip() if isinstance(minutes, str) else ""
    found["minutes"] = int(text) if text.isdigit() and len(text) < 6 else text or None
    found["topics"] = [v for v in form.getlist("topics") if v]
    found["led_to_report"] = form.get("led_to_report") == "on"
    return found


def _options(request: Request) -> dict[str, Any]:
    app = request.app.state.meldpunt
    t = app.texts
    english = t.language == "en"
    topics = [(f.value, t.label("exploitation_form", f.value)) for f in ExploitationForm]
    topics += [
        (i.code, i.label_en if english else i.label_nl) for i in app.reference.instrument.indicators
    ]
    return {
        "channels": [(c.value, t.label("channel", c.value)) for c in Channel],
        "professionals": [(p.value, t.label("professional", p.value)) for p in ProfessionalKind],
        "municipalities": [(m, m) for m in app.reference.municipality_names()],
        "topics": topics,
    }


@router.get("/adviesvragen")
def advice_list(request: Request, session: SignedIn, pagina: int = 1) -> Response:
    gate = web_gate(request, session)
    number = max(pagina, 1)
    rows, total = work.list_advice(gate, None, None, SHOWN, (number - 1) * SHOWN)
    more = number * SHOWN < total
    may_record = may(session.principal.roles, Action.RECORD_NONCASE_WORK)
    return page(
        request, "advice_list.html", rows=rows, total=total, number=number, more=more,
        may_record=may_record,
    )  # fmt: skip


def _form(
    request: Request, values: dict[str, Any], problems: dict[str, str], status: int
) -> Response:
    return page(
        request, "advice_form.html", status, values=values, problems=problems, **_options(request)
    )


@router.get("/adviesvragen/nieuw")
def advice_form(request: Request, session: SignedIn) -> Response:
    web_gate(request, session).allow(Action.RECORD_NONCASE_WORK, ADVICE_QUESTION)
    today = request.app.state.meldpunt.clock().astimezone(AMSTERDAM).date().isoformat()
    return _form(request, {"asked_on": today, "topics": []}, {}, 200)


@router.post("/adviesvragen/nieuw")
async def record(request: Request, session: Posted) -> Response:
    gate = web_gate(request, session)
    form = await request.form()
    data = _advice_from(form)
    try:
        shown = work.record_advice(gate, data)
    except InvalidInput as error:
        t = request.app.state.meldpunt.texts
        problems: dict[str, str] = {}
        for name, why in said(t, error.problems):
            field = name.split(".")[0]
            problems[field] = f"{problems[field]}; {why}" if field in problems else why
        values = {**{k: v or "" for k, v in data.items()}, "topics": data["topics"]}
        values["led_to_report"] = data["led_to_report"]
        return _form(request, values, problems, 400)
    return RedirectResponse(f"/adviesvragen/{shown['advice_id']}?opgeslagen=1", status_code=303)


def _found(request: Request, session: SignedIn, advice_id: str) -> dict[str, Any] | None:
    try:
        return work.show_advice(web_gate(request, session), advice_id)
    except work.NoSuchRecord:
        return None


def _missing(request: Request, advice_id: str) -> Response:
    t = request.app.state.meldpunt.texts
    why = t("noncase.not_found", what=t("noncase.what.advice_question"), id=advice_id)
    return page(request, "refused.html", 404, title=t("web.error.404"), said=why)


@router.get("/adviesvragen/{advice_id}")
def advice_page(request: Request, advice_id: str, session: SignedIn) -> Response:
    found = _found(request, session, advice_id)
    if found is None:
        return _missing(request, advice_id)
    words = dict(_options(request)["topics"])
    may_report = may(session.principal.roles, Action.REGISTER_REPORT)
    return page(request, "advice.html", advice=found, topic_words=words, may_report=may_report)


@router.get("/adviesvragen/{advice_id}/melding")
def report_form(request: Request, advice_id: str, session: SignedIn) -> Response:
    """The intake form filled in from the advice question: its channel, municipality, forms
    of exploitation and signals (the person it is about is not in the advice question)."""
    web_gate(request, session).allow(Action.REGISTER_REPORT, "report")
    found = _found(request, session, advice_id)
    if found is None:
        return _missing(request, advice_id)
    forms = {f.value for f in ExploitationForm}
    now = request.app.state.meldpunt.clock().astimezone(AMSTERDAM).strftime("%Y-%m-%dT%H:%M")
    values = {
        "received_at": now,
        "channel": found["channel"],
        "subject.municipality": found["municipality"],
        "reporter.organisation": found["organisation"],
        "exploitation_forms": [c for c in found["topics"] if c in forms],
        "signals": [c for c in found["topics"] if c not in forms],
    }
    return intake_page(request, values, {}, 200, f"/adviesvragen/{advice_id}/melding")


@router.post("/adviesvragen/{advice_id}/melding")
async def to_report(request: Request, advice_id: str, session: Posted) -> Response:
    gate = web_gate(request, session)
    form = await request.form()
    try:
        made = work.advice_to_report(gate, advice_id, report_from(form))
    except InvalidInput as error:
        return intake_refused(request, form, error, f"/adviesvragen/{advice_id}/melding")
    return RedirectResponse(f"/casus/{made['case_id']}?nieuw=1", status_code=303)
