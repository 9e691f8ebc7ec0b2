"""Asking for a figure, from the CLI or the API: the years checked, the gate passed (analysts
and team leads; unsuppressed only for the team lead), the figure made and the access log told
which figure went out, whatever the outcome (docs/figures.md)."""

from collections.abc import Callable
from typing import Any

from adapters.figure_service import Ask, Figures
from adapters.gate import Gate
from adapters.noncase_figures import noncase_figure
from workflow.access import Action
from workflow.errors import InvalidInput, reason
from workflow.figures.dimensions import Dimension
from workflow.figures.periods import PeriodKind

TABLES = ("reports", "cases", "ages", "lead-times", "enschede-share", "advice", "activities")
MAX_YEARS = 25
RESOURCE = "figures"


FIRST_YEAR, LAST_YEAR = 2000, 2100  # reports before 2000 are refused at intake


def checked_years(first: int, last: int, fields: tuple[str, str]) -> None:
    for year, field in ((last, fields[1]), (first, fields[0])):  # --from-year defaults to --year
        if not FIRST_YEAR <= year <= LAST_YEAR:
            why = reason(
                "figures.year_out_of_range",
                "a year from {low} to {high}",
                low=FIRST_YEAR,
                high=LAST_YEAR,
            )
            raise InvalidInput([(field, why)])
    if first > last:
        why = reason(
            "figures.years_reversed",
            "the first year {first} is after the last year {last}",
            first=first,
            last=last,
        )
        raise InvalidInput([(fields[0], why)])
    if last - first >= MAX_YEARS:
        why = reason("figures.too_many_years", "at most {count} years at once", count=MAX_YEARS)
        raise InvalidInput([(fields[0], why)])


def figure(
    gate: Gate,
    table: str,
    dimension: Dimension,
    period: PeriodKind,
    years: tuple[int, int],
    unsuppressed: bool,
    year_fields: tuple[str, str],
    across: Dimension | None = None,
    across_field: str = "across",
) -> dict[str, Any]:
    """The figure `table` for the asker; NotAllowed when their roles do not allow it,
    InvalidInput naming `year_fields` for years that make no span; logged either way."""
    gate.allow(Action.READ_STATISTICS, RESOURCE)
    action = Action.READ_STATISTICS
    if unsuppressed:
        gate.allow(Action.READ_UNSUPPRESSED_FIGURES, RESOURCE)
        action = Action.READ_UNSUPPRESSED_FIGURES
    threshold = None if unsuppressed else gate.app.settings.api_small_cell
    ask = Ask(period, years[0], years[1], threshold)
    figures = Figures(gate.app)
    made: dict[str, Callable[[], dict[str, Any]]] = {
        "reports": lambda: figures.counts("reports", dimension, ask, across),
        "cases": lambda: figures.counts("cases", dimension, ask, across),
        "ages": lambda: figures.ages(ask),
        "lead-times": lambda: figures.lead_times(ask),
        "enschede-share": lambda: figures.enschede_share(ask),
        "advice": lambda: noncase_figure(gate.app, "advice", ask),
        "activities": lambda: noncase_figure(gate.app, "activities", ask),
    }
    by = [dimension.value] if table in ("reports", "cases") else []
    by += [f"across:{across.value}"] if across is not None and by else []
    fields = (table, *by, period.value, f"{years[0]}-{years[1]}")
    with gate.logged(action, RESOURCE, fields=fields):
        checked_years(years[0], years[1], year_fields)
        if across is not None and across is dimension:
            why = reason("figures.across_itself", "a dimension cannot be crossed with itself")
            raise InvalidInput([(across_field, why)])
        return made[table]()
