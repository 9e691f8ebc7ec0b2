"""`GET /api/v1/figures/{table}`: figures for the municipalities (docs/figures.md), as JSON
(codes), CSV or XLSX (words in the service's language), chosen by `format` or else by the
Accept header. Analysts and team leads; `unsuppressed=true` for the team lead only."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from adapters.figure_asking import figure
from adapters.figure_sheets import as_csv, as_xlsx, sheet
from adapters.http.asking import Guarded
from workflow.calendar import AMSTERDAM
from workflow.figures.dimensions import Dimension
from workflow.figures.periods import PeriodKind

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ANSWERS = (CSV, XLSX)  # besides JSON (adapters/http/negotiation.py)

router = APIRouter(tags=["figures"])


class FigureTable(StrEnum):
    REPORTS = "reports"
    CASES = "cases"
    AGES = "ages"
    LEAD_TIMES = "lead-times"
    ENSCHEDE_SHARE = "enschede-share"
    ADVICE = "advice"
    ACTIVITIES = "activities"


class Format(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


def _format(asked: Format | None, accept: str) -> Format:
    if asked is not None:
        return asked
    kinds = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    if CSV in kinds:
        return Format.CSV
    return Format.XLSX if XLSX in kinds else Format.JSON


Year = Annotated[int | None, Query(ge=2000, le=2100, description="The (last) year; default: now.")]


@router.get(
    "/figures/{table}",
    response_model=dict[str, Any],
    responses={200: {"content": {CSV: {}, XLSX: {}}}},
)
def figures(
    table: FigureTable,
    request: Request,
    gate: Guarded,
    by: Dimension = Dimension.MUNICIPALITY,
    across: Dimension | None = None,
    period: PeriodKind = PeriodKind.QUARTER,
    year: Year = None,
    from_year: Annotated[
        int | None, Query(alias="fromYear", ge=2000, le=2100, description="The first year.")
    ] = None,
    unsuppressed: bool = False,
    format: Format | None = None,
) -> Any:
    """Counts of reports or cases per period by a dimension (`by`, for reports and cases; with
    `across`, the cross-table of `by` and `across` over the years asked),
    ages, lead times with the time norms met, Enschede's share, or advice questions asked and
    prevention activities held per municipality; small cells suppressed
    (docs/figures.md). Every request is in the access log."""
    last = year if year is not None else datetime.now(AMSTERDAM).year
    first = from_year if from_year is not None else last
    fields = ("fromYear", "year")
    years = (first, last)
    found = figure(gate, table.value, by, period, years, unsuppressed, fields, across)
    chosen = _format(format, request.headers.get("accept", ""))
    if chosen is Format.JSON:
        return found
    said = sheet(gate.app.texts, found)
    name = f"{table.value}-{first}-{last}"
    if chosen is Format.CSV:
        disposition = {"Content-Disposition": f'attachment; filename="{name}.csv"'}
        return Response(as_csv(said), media_type=f"{CSV}; charset=utf-8", headers=disposition)
    disposition = {"Content-Disposition": f'attachment; filename="{name}.xlsx"'}
    return Response(as_xlsx(said), media_type=XLSX, headers=disposition)
