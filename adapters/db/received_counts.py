"""How many reports the Meldpunt received in a calendar year (Amsterdam time), and how many of
them about a minor (age at the report under 18): counted by the database, never a person."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, case, func, select

from adapters.db.tables import cases
from workflow.calendar import AMSTERDAM

ADULT_AGE = 18


@dataclass(frozen=True)
class Received:
    year: int
    reports: int
    minors: int


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """From 1 January 00:00 up to (not including) the next 1 January, in Amsterdam time."""
    return datetime(year, 1, 1, tzinfo=AMSTERDAM), datetime(year + 1, 1, 1, tzinfo=AMSTERDAM)


def received_in(engine: Engine, year: int) -> Received:
    start, end = year_bounds(year)
    minor = case((cases.c.age_at_report < ADULT_AGE, 1), else_=0)
    query = select(func.count(), func.coalesce(func.sum(minor), 0)).where(
        cases.c.received_at >= start, cases.c.received_at < end
    )
    with engine.connect() as conn:
        reports, minors = conn.execute(query).one()
    return Received(year, int(reports), int(minors))
