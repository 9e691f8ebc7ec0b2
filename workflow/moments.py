"""Moments taken from outside (an API body, a CLI option, a partner's event) lie within bounds.

The service converts every moment to UTC, stores it and counts working days from it; at the edge
of the calendar (year 1 with +14:00, year 9999 with -14:00) that overflows. So a moment whose
year lies outside 2000 to 2099 is bad input, said with its field like any other, before anything
converts it. The bound is on the year as written, so the OpenAPI document can state it exactly
(a pattern). Each field's own rules (a report from the future, a consent after now) come on top;
a report's dates have narrower ones of their own (workflow/report_dates.py)."""

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, Field
from pydantic_core import PydanticCustomError

from workflow.errors import Reason, reason

FIRST_YEAR, LAST_YEAR = 2000, 2099
YEARS = {"first": FIRST_YEAR, "last": LAST_YEAR}
OUTSIDE = "the year lies outside {first} to {last}"


def moment_problem(moment: datetime) -> Reason | None:
    """Why `moment` is out of bounds, or None."""
    if FIRST_YEAR <= moment.year <= LAST_YEAR:
        return None
    return reason("validation.moment_range", OUTSIDE, **YEARS)


def _bounded(moment: datetime) -> datetime:
    if moment_problem(moment) is not None:
        raise PydanticCustomError("moment_range", OUTSIDE, YEARS)
    return moment


# An aware date-time of the years 2000 to 2099.
Moment = Annotated[
    AwareDatetime,
    AfterValidator(_bounded),
    Field(
        description=f"ISO 8601 with an offset, in the years {FIRST_YEAR} to {LAST_YEAR}",
        json_schema_extra={"pattern": "^20[0-9]{2}-"},
    ),
]
