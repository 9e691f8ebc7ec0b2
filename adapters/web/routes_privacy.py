"""The privacy officer's pages (docs/subject_rights.md): the access report a person may ask for
(AVG art. 15: the BSN, or the name with the date of birth, posted and never in a URL), the
correction of a report field with a reason (art. 16) and restricting a case or lifting it
(art. 18). The same gate, commands and access log as the API (adapters/subject_rights.py);
the privacy officer has no worklist and no case work, only these pages."""

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from adapters import subject_rights
from adapters.http.subject_schemas import PersonIn
from adapters.web.case_actions import case_of
from adapters.web.errors import WebRoute
from adapters.web.privacy_forms import CorrectionForm, RestrictionForm, correction_fields
from adapters.web.render import page
from adapters.web.retention_forms import Result, attempt, posted, read_logged
from adapters.web.session import Posted, SignedIn, web_gate
from workflow.access import Action, Role, may
from workflow.correction import typed_value
from workflow.person import person_named
from workflow.rights_commands import CorrectReport, LiftRestriction, RestrictCase

router = APIRouter(route_class=WebRoute, include_in_schema=False)
PERSON = {"bsn", "name", "date_of_birth"}


def may_do(roles: frozenset[Role], action: str) -> bool:
    """For the templates: whether these roles may do `action` (a value of Action)."""
    return may(roles, Action(action))


def _gate(request: Request, session: Any) -> Any:
    return replace(web_gate(request, session), purpose="subject_access_request")


@router.get("/privacy")
def search(request: Request, session: SignedIn) -> Response:
    _gate(request, session).allow(Action.SUBJECT_ACCESS_REPORT, subject_rights.REPORT)
    return page(request, "privacy_search.html", values={}, result=Result())


@router.post("/privacy/inzage")
async def report(request: Request, session: Posted) -> Response:
    gate = _gate(request, session)
    gate.allow(Action.SUBJECT_ACCESS_REPORT, subject_rights.REPORT)
    data = await posted(request)
    values = {k: v for k, v in data.items() if k in PERSON}

    def send(typed: PersonIn) -> dict[str, Any]:
        person = person_named(typed.bsn, typed.name, typed.date_of_birth)
        return subject_rights.subject_report(gate, person)

    result = attempt(request, PersonIn, values, PERSON, send)
    if not result.ok:
        return page(request, "privacy_search.html", 400, values=values, result=result)
    return page(request, "privacy_report.html", found=result.value)


def _case(request: Request, session: Any, cid: str, form: str, result: Result) -> Response:
    gate = _gate(request, session)
    subject_rights.open_for_rights(gate, Action.RESTRICT_CASE, cid)
    with read_logged(gate, "case", cid, ("restriction",)):
        standing = request.app.state.meldpunt.queries.standing(cid)
    t = request.app.state.meldpunt.texts
    status = 200 if result.ok else 400
    return page(
        request,
        "privacy_case.html",
        status,
        case_id=cid,
        restricted=standing.restricted,
        fields=correction_fields(t),
        form=form,
        result=result,
        done=request.query_params.get("gedaan", ""),
    )


@router.get("/privacy/casus/{case_id}")
def rights_of_case(request: Request, case_id: str, session: SignedIn) -> Response:
    return _case(request, session, case_of(case_id), "", Result())


@router.post("/privacy/casus/{case_id}/correctie")
async def correct(request: Request, case_id: str, session: Posted) -> Response:
    cid, gate = case_of(case_id), _gate(request, session)
    data = await posted(request)

    def send(typed: CorrectionForm) -> Any:
        value = typed_value(typed.field, typed.value)
        command = CorrectReport(
            actor=session.principal.name,
            case_id=cid,
            field=typed.field,
            value=value,
            reason=typed.reason,
        )
        return subject_rights.correct(gate, command)

    result = attempt(request, CorrectionForm, data, {"field", "value", "reason"}, send)
    if not result.ok:
        result.value = data
        return _case(request, session, cid, "correctie", result)
    return RedirectResponse(f"/privacy/casus/{cid}?gedaan=correctie", status_code=303)


@router.post("/privacy/casus/{case_id}/{form}")
async def restrict(request: Request, case_id: str, form: str, session: Posted) -> Response:
    cid, gate = case_of(case_id), _gate(request, session)
    if form not in ("beperken", "opheffen"):
        return _case(request, session, cid, "", Result())
    make = RestrictCase if form == "beperken" else LiftRestriction
    data = await posted(request)

    def send(typed: RestrictionForm) -> Any:
        command = make(actor=session.principal.name, case_id=cid, reason=typed.reason)
        return subject_rights.restrict(gate, command)

    result = attempt(request, RestrictionForm, data, {"reason"}, send)
    if not result.ok:
        return _case(request, session, cid, form, result)
    return RedirectResponse(f"/privacy/casus/{cid}?gedaan={form}", status_code=303)
