"""The bounds of a report's dates (docs/risk.md). Beyond them a date is a typing error, and
at the edge of the calendar (year 1 or 9999 with an offset) it would overflow where it is
converted to UTC or deadlines are counted from it."""

from datetime import UTC, date, datetime, timedelta

from workflow import intake_messages as say

RECEIVED_FLOOR = datetime(2000, 1, 1, tzinfo=UTC)
# A sender's clock may run a little ahead of ours; more than that is a report from the future.
CLOCK_SKEW = timedelta(minutes=5)
BIRTH_FLOOR = date(1900, 1, 1)


def received_at_problem(received_at: datetime, now: datetime) -> str | None:
    if received_at < RECEIVED_FLOOR:
        return say.received_before(RECEIVED_FLOOR)
    if received_at > now + CLOCK_SKEW:
        return say.received_in_future(CLOCK_SKEW)
    return None


def date_of_birth_problem(born: date, received_at: datetime | None) -> str | None:
    """`received_at` is None when it is unknown or itself wrong: then only the floor counts."""
    if born < BIRTH_FLOOR:
        return say.born_before(BIRTH_FLOOR)
    if received_at is not None and born > received_at.date():
        return say.BORN_AFTER_REPORT
    return None
