"""Dutch working days: no Saturdays, Sundays or public holidays (Algemene termijnenwet).

The `holidays` package lists 5 May as PUBLIC only every fifth year and as OPTIONAL every year,
and Good Friday as OPTIONAL; the Meldpunt counts both as closed, so both categories are taken.
"""

import threading
from calendar import monthrange
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class WorkingDayCalendar:
    def __init__(self, extra_closed_days: Iterable[date] = (), tz: ZoneInfo = AMSTERDAM) -> None:
        self.extra_closed_days = frozenset(extra_closed_days)
        self.tz = tz
        # One object for the life of the calendar: it adds a year's holidays the first time a
        # date in that year is asked about (expand), and the configured closed days join them.
        self._closed = holidays.country_holidays("NL", categories=("public", "optional"))
        self._closed.update({day: "closed (time norms)" for day in self.extra_closed_days})
        # Adding a year is not atomic (the year is marked before its holidays are in), and
        # handlers, sweeps and API requests share this calendar across threads.
        self._lock = threading.Lock()

    def is_working_day(self, day: date) -> bool:
        with self._lock:
            return bool(self._closed.is_working_day(day))

    def add_working_days(self, start: date, days: int) -> date:
        """The `days`-th working day after `start`; 0 gives `start` itself.

        "Within 5 working days" of a report on Wednesday 23 December 2026 ends on Thursday
        31 December: the 24th, 28th, 29th, 30th and 31st count; Christmas and the weekend not.
        """
        if days < 0:
            raise ValueError("days must not be negative")
        if days == 0:  # the holidays package would move a closed `start` to the next working day
            return start
        with self._lock:
            found: date = self._closed.get_nth_working_day(start, days)
            return found

    def working_days_before(self, day: date, days: int) -> date:
        """The `days`-th working day before `day`; 0 gives `day` itself."""
        if days < 0:
            raise ValueError("days must not be negative")
        if days == 0:
            return day
        with self._lock:
            found: date = self._closed.get_nth_working_day(day, -days)
            return found

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
