"""Periods of figures (month, quarter, year) in Amsterdam time: each a key and the UTC moments
it starts and ends, so that a database buckets by comparing moments (the same on every
database, and able to use the index on `received_at`)."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from workflow.calendar import AMSTERDAM


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@dataclass(frozen=True)
class Period:
    key: str  # 2018, 2018-Q3, 2018-07
    start: datetime
    end: datetime  # exclusive


def _start(year: int, month: int) -> datetime:
    return datetime(year, month, 1, tzinfo=AMSTERDAM)


def periods(kind: PeriodKind, first_year: int, last_year: int) -> list[Period]:
    """The periods of `kind` from 1 January `first_year` to 31 December `last_year`."""
    step = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}[kind]
    found: list[Period] = []
    for year in range(first_year, last_year + 1):
        for month in range(1, 13, step):
            following = (year + 1, 1) if month + step > 12 else (year, month + step)
            if kind is PeriodKind.YEAR:
                key = str(year)
            elif kind is PeriodKind.QUARTER:
                key = f"{year}-Q{(month - 1) // 3 + 1}"
            else:
                key = f"{year}-{month:02d}"
            found.append(Period(key, _start(year, month), _start(*following)))
    return found
