"""Cijfers: the figures for analysts and team leads as pages (docs/ui.md): an index, and per
figure a form (period, years, dimension), the table with a chart beside it, and the table as a
CSV or XLSX download. Each figure is made by the same functions as the API and the CLI and is
in the access log the same way; bad input is said at its field and counts nothing."""

from typing import Any

from fastapi import APIRouter, Request, Response

from adapters.figure_asking import figure
from adapters.figure_sheets import Sheet, as_csv, as_xlsx
from adapters.gate import Gate, verb
from adapters.prevalence_figures import prevalence
from adapters.web.bar_chart import bar_chart
from adapters.web.errors import WebRoute
from adapters.web.figure_asked import Asked, asked_from
from adapters.web.figure_pages import COUNTS, TABLES, chart_points, figure_sheet
from adapters.web.forms import said
from adapters.web.render import page
from adapters.web.session import SignedIn, web_gate
from workflow.access import Action, may
from workflow.calendar import AMSTERDAM
from workflow.cost_share import parse_budget
from workflow.cost_share_table import cost_share
from workflow.errors import InvalidInput

router = APIRouter(route_class=WebRoute, include_in_schema=False)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/cijfers")
def index(request: Request, session: SignedIn) -> Response:
    gate = web_gate(request, session)
    gate.allow(Action.READ_STATISTICS, "figures")
    return page(request, "figures_index.html", tables=TABLES)


def _may_unsuppress(session: SignedIn) -> bool:
    return may(session.principal.roles, Action.READ_UNSUPPRESSED_FIGURES)


def _made(gate: Gate, table: str, asked: Asked) -> dict[str, Any]:
    """The figure, through the functions the API uses (and their access log lines)."""
    if table == "cost-share":
        gate.allow(Action.READ_STATISTICS, "cost_share")
        with gate.logged(Action.READ_STATISTICS, "cost_share"):
            cents = parse_budget(asked.budget, "budget")
            return cost_share(gate.app.reference.municipalities, cents, asked.year, asked.method)
    if table == "prevalence":
        gate.allow(Action.READ_STATISTICS, "prevalence")
        with gate.logged(Action.READ_STATISTICS, "prevalence"):
            return prevalence(gate.app, asked.year)
    last = asked.year if asked.year is not None else gate.app.clock().astimezone(AMSTERDAM).year
    first = asked.from_year if asked.from_year is not None else last
    fields = ("from_year", "year")
    years = (first, last)
    return figure(gate, table, asked.by, asked.period, years, asked.unsuppressed, fields)


def _figure(request: Request, session: SignedIn, table: str) -> tuple[Asked, Any]:
    gate = web_gate(request, session)
    gate.allow(Action.READ_STATISTICS, "figures")
    try:
        asked = asked_from(dict(request.query_params))
    except InvalidInput:  # logged as the API logs its bad input
        resource = table.replace("-", "_") if table in ("cost-share", "prevalence") else "figures"
        gate.record(gate.entry(verb(Action.READ_STATISTICS), resource, "bad_input"))
        raise
    return asked, _made(gate, table, asked)


@router.get("/cijfers/{table}")
def one(request: Request, table: str, session: SignedIn) -> Response:
    t = request.app.state.meldpunt.texts
    if table not in TABLES:
        return page(request, "refused.html", 404, title=t("web.error.404"), said="")
    try:
        asked, found = _figure(request, session, table)
    except InvalidInput as error:
        problems = dict(said(t, error.problems))
        values = dict(request.query_params)
        return page(
            request, "figure.html", 400, table=table, problems=problems, values=values,
            counts=table in COUNTS, said=None, chart=None, query="",
            may_unsuppress=_may_unsuppress(session),
        )  # fmt: skip
    shown = figure_sheet(t, table, found)
    chart = bar_chart(
        t(f"web_figures.chart.{table}"),
        chart_points(t, table, found, shown),
        t("web_figures.suppressed"),
        t("web_figures.chart_empty"),
    )
    return page(
        request, "figure.html", table=table, problems={}, values=asked.values(),
        counts=table in COUNTS, said=shown, chart=chart, query=request.url.query,
        suppressed_word=t("figures.suppressed"), may_unsuppress=_may_unsuppress(session),
    )  # fmt: skip


@router.get("/cijfers/{table}/bestand")
def download(request: Request, table: str, session: SignedIn, format: str = "csv") -> Response:
    t = request.app.state.meldpunt.texts
    if table not in TABLES:
        return page(request, "refused.html", 404, title=t("web.error.404"), said="")
    try:
        _, found = _figure(request, session, table)
    except InvalidInput:
        return page(request, "refused.html", 400, title=t("web.error.400"), said="")
    shown: Sheet = figure_sheet(t, table, found)
    name = f"{table}.{'xlsx' if format == 'xlsx' else 'csv'}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    if format == "xlsx":
        return Response(as_xlsx(shown), media_type=XLSX, headers=headers)
    return Response(as_csv(shown), media_type="text/csv; charset=utf-8", headers=headers)
