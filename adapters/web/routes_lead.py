"""The team lead's page (cases overdue, stalled and acute, break-the-glass grants to review,
partner disclosures stuck) and Meldingen aan mij (notifications, marked read); Cijfers, the
analysts' pages, are in routes_figures.py."""

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from adapters.break_glass_review import list_grants, review_grant
from adapters.db.case_queries import CaseFilter
from adapters.web.deadline_words import deadline_words
from adapters.web.errors import WebRoute, refusal
from adapters.web.render import page
from adapters.web.session import Posted, SignedIn, web_gate
from config import errors_said
from workflow.access import Action
from workflow.errors import InvalidInput

router = APIRouter(route_class=WebRoute, include_in_schema=False)
SHOWN = 20


@router.get("/teamleider")
def team_lead(request: Request, session: SignedIn) -> Response:
    app = request.app.state.meldpunt
    gate = web_gate(request, session)
    gate.allow(Action.REVIEW_BREAK_GLASS, "break_glass_review")
    now = app.clock()
    lists = {}
    for key, where in (
        ("overdue", CaseFilter(overdue=True)),
        ("stalled", CaseFilter(stalled=True)),
        ("acute", CaseFilter(risk_level="acute")),
    ):
        rows, more = gate.browse_cases(where, SHOWN, 0)
        for row in rows:
            row["deadline_words"] = deadline_words(
                app.texts, app.deadlines.calendar, row["deadline_at"], now
            )
        lists[key] = (rows, more)
    reads, unreviewed = list_grants(gate, True, 50)
    stuck_after = timedelta(minutes=app.settings.disclosure_stuck_minutes)
    stuck = app.deliveries.stuck(now - stuck_after, SHOWN)
    return page(request, "lead.html", lists=lists, reads=reads, unreviewed=unreviewed, stuck=stuck)


@router.post("/teamleider/noodtoegang/{grant_id}")
def reviewed(
    request: Request,
    grant_id: str,
    session: Posted,
    verdict: Annotated[str, Form(max_length=20)] = "",
    reason: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """The team lead's verdict on a break-the-glass grant: justified or not, saying why."""
    gate = web_gate(request, session)
    try:
        review_grant(gate, grant_id, verdict, reason)
    except InvalidInput as error:
        t = request.app.state.meldpunt.texts
        return refusal(request, 400, "", errors_said.sentence(t, error))
    return RedirectResponse("/teamleider?beoordeeld=1", status_code=303)


@router.get("/meldingen")
def notifications(request: Request, session: SignedIn) -> Response:
    gate = web_gate(request, session)
    items, total = gate.notifications(50, 0)
    t = request.app.state.meldpunt.texts
    for item in items:
        item["message"] = t.notification(item["kind"], item["details"])
    return page(request, "notifications.html", items=items, total=total)


@router.post("/meldingen/{notification_id}/gelezen")
def mark_read(
    request: Request,
    notification_id: int,
    session: Posted,
) -> Response:
    gate = web_gate(request, session)
    gate.allow(Action.READ_NOTIFICATIONS, "notifications")
    p = session.principal
    mine = [p.name, *(f"role:{role}" for role in sorted(p.roles))]
    request.app.state.web_marks.mark_read(mine, notification_id)
    return RedirectResponse("/meldingen", status_code=303)
