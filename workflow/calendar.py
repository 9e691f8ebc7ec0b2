"""Dutch working days: no Saturdays, Sundays or public holidays (Algemene termijnenwet).

The `holidays` package lists 5 May as PUBLIC only every fifth year and as OPTIONAL every year,
and Good Friday as OPTIONAL; the Meldpunt counts both as closed, so both categories are taken.
"""

from calendar import monthrange
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@lru_cache(maxsize=64)
def _dutch_holidays(year: int) -> frozenset[date]:
    found = holidays.country_holidays("NL", years=year, categories=("public", "optional"))
    return frozenset(found)


class WorkingDayCalendar:
    def __init__(self, extra_closed_days: Iterable[date] = (), tz: ZoneInfo = AMSTERDAM) -> None:
        self.extra_closed_days = frozenset(extra_closed_days)
        self.tz = tz

    def is_working_day(self, day: date) -> bool:
        return (
            day.weekday() < 5
            and day not in _dutch_holidays(day.year)
            and day not in self.extra_closed_days
        )

    def add_working_days(self, start: date, days: int) -> date:
        """The `days`-th working day after `start`; 0 gives `start` itself.

        "Within 5 working days" of a report on Wednesday 23 December 2026 ends on Thursday
        31 December: the 24th, 28th, 29th, 30th and 31st count; Christmas and the weekend not.
        """
        if days < 0:
            raise ValueError("days must not be negative")
        current = start
        counted = 0
        while counted < days:
            current += timedelta(days=1)
            if self.is_working_day(current):
                counted += 1
        return current

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()

    def end_of_day(self, day: date) -> datetime:
        """The moment a deadline on `day` has passed: the next local midnight."""
        return datetime.combine(day + timedelta(days=1), time(0), tzinfo=self.tz)

    def working_days_after(self, moment: datetime, days: int) -> datetime:
        """End of the `days`-th working day after the local day of `moment`."""
        return self.end_of_day(self.add_working_days(self.local_date(moment), days))


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clipped to the month's end (31 January + 1 = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))
