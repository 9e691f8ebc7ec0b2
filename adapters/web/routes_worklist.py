"""Werkvoorraad: the cases in the person's scope (their own, their team's; the region for a
team lead), the most urgent first, filtered and paged; the filter can be saved per person.
A page costs what it shows: no count of the scope, one row more tells whether more follow."""

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from adapters.db.case_queries import CaseFilter
from adapters.web.deadline_words import deadline_words
from adapters.web.errors import WebRoute
from adapters.web.render import page
from adapters.web.session import Posted, SignedIn, web_gate
from states import RiskLevel, State

router = APIRouter(route_class=WebRoute, include_in_schema=False)
KEYS = ("state", "municipality", "risk", "director", "overdue", "mine")


def _filter(request: Request, values: dict[str, str], me: str) -> tuple[CaseFilter, dict[str, str]]:
    """The filter the form asks for, and each field's problem (a wrong value is left out)."""
    t = request.app.state.meldpunt.texts
    municipalities = request.app.state.meldpunt.reference.municipality_names()
    problems: dict[str, str] = {}
    state, municipality, risk = values.get("state"), values.get("municipality"), values.get("risk")
    if state and state not in State.__members__.values():
        problems["state"], state = t("web.worklist.bad_choice"), None
    if municipality and municipality not in municipalities:
        problems["municipality"], municipality = t("web.worklist.bad_choice"), None
    if risk and risk not in RiskLevel.__members__.values():
        problems["risk"], risk = t("web.worklist.bad_choice"), None
    director = (values.get("director") or "").strip()[:100] or None
    if values.get("mine"):
        director = me
    where = CaseFilter(
        state=state or None,
        municipality=municipality or None,
        risk_level=risk or None,
        case_director=director,
        overdue=True if values.get("overdue") else None,
    )
    return where, problems


@router.get("/werkvoorraad")
def worklist(request: Request, session: SignedIn) -> Response:
    app = request.app.state.meldpunt
    me = session.principal.name
    asked = {k: v for k, v in request.query_params.items() if k in KEYS and v}
    marks = request.app.state.web_marks
    saved = marks.saved_filter(me)
    if not request.query_params and saved:
        asked = saved
    where, problems = _filter(request, asked, me)
    number = request.query_params.get("pagina", "1")
    number_ok = number.isdigit() and 0 < int(number) < 100_000
    page_number = int(number) if number_ok else 1
    size = app.settings.web_page_size
    gate = web_gate(request, session)
    rows, more = gate.browse_cases(where, size, (page_number - 1) * size)
    now = app.clock()
    calendar = app.deadlines.calendar
    for row in rows:
        row["deadline_words"] = deadline_words(app.texts, calendar, row["deadline_at"], now)
    query = urlencode(asked)
    return page(
        request,
        "worklist.html",
        rows=rows,
        asked=asked,
        problems=problems,
        saved=saved,
        page_number=page_number,
        more=more,
        query=query,
        state_options=[(s.value, app.texts.label("state", s.value)) for s in State],
        risk_options=[(r.value, app.texts.label("risk", r.value)) for r in RiskLevel],
        municipality_options=[(n, n) for n in app.reference.municipality_names()],
    )


@router.post("/werkvoorraad/filter")
def save_filter(
    request: Request,
    session: Posted,
    state: Annotated[str, Form(max_length=40)] = "",
    municipality: Annotated[str, Form(max_length=100)] = "",
    risk: Annotated[str, Form(max_length=20)] = "",
    director: Annotated[str, Form(max_length=100)] = "",
    overdue: Annotated[str, Form(max_length=5)] = "",
    mine: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    given = dict(
        state=state,
        municipality=municipality,
        risk=risk,
        director=director,
        overdue=overdue,
        mine=mine,
    )
    asked = {k: v for k, v in given.items() if v}
    _, problems = _filter(request, asked, session.principal.name)
    if problems:
        return RedirectResponse("/werkvoorraad?" + urlencode(asked), 303)
    request.app.state.web_marks.save_filter(session.principal.name, asked)
    return RedirectResponse("/werkvoorraad?" + urlencode({**asked, "opgeslagen": "1"}), 303)
