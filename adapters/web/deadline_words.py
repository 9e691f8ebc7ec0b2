"""A deadline said in words, in working days: "nog 3 werkdagen", "vandaag", "2 werkdagen te
laat" (never only a colour). Counted on the Dutch working-day calendar in Amsterdam time."""

from datetime import date, datetime, timedelta

from config.texts import Texts
from workflow.calendar import WorkingDayCalendar

# A deadline further off than this many days is said as "nog meer dan ... werkdagen".
HORIZON = 400


def working_days_between(calendar: WorkingDayCalendar, first: date, last: date) -> int:
    """Working days after `first` up to and including `last` (0 when `last` <= `first`)."""
    count, day = 0, first
    for _ in range(min((last - first).days, HORIZON)):
        day += timedelta(days=1)
        count += calendar.is_working_day(day)
    return count


def deadline_words(
    t: Texts, calendar: WorkingDayCalendar, deadline_at: str | None, now: datetime
) -> str:
    if deadline_at is None:
        return t("web.deadline.none")
    # A deadline is the end of its day (the next local midnight): its day is the one before.
    due = calendar.local_date(datetime.fromisoformat(deadline_at) - timedelta(microseconds=1))
    today = calendar.local_date(now)
    if due == today:
        return t("web.deadline.today")
    if due > today:
        left = working_days_between(calendar, today, due)
        return t("web.deadline.left_one" if left == 1 else "web.deadline.left", count=left)
    late = max(working_days_between(calendar, due, today), 1)
    return t("web.deadline.late_one" if late == 1 else "web.deadline.late", count=late)
