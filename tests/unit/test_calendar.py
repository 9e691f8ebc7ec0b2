"""Working days on real Dutch dates, worked out by hand from the calendar."""

from datetime import UTC, date, datetime

import pytest

from workflow.calendar import WorkingDayCalendar, add_months

calendar = WorkingDayCalendar()


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # Wed 23 Dec 2026: Christmas (Fri 25), Boxing Day (Sat 26) and the weekend skipped.
        (date(2026, 12, 23), 5, date(2026, 12, 31)),
        # Thu 31 Dec 2026: New Year's Day (Fri 1 Jan 2027) and the weekend skipped.
        (date(2026, 12, 31), 1, date(2027, 1, 4)),
        # Wed 1 Apr 2026: Good Friday (3 Apr) and Easter Monday (6 Apr) skipped.
        (date(2026, 4, 1), 5, date(2026, 4, 10)),
        # Fri 24 Apr 2026: the weekend and King's Day (Mon 27 Apr) skipped.
        (date(2026, 4, 24), 1, date(2026, 4, 28)),
        # Fri 23 Apr 2027: King's Day on Tue 27 Apr 2027 skipped.
        (date(2027, 4, 23), 5, date(2027, 5, 3)),
        # Thu 30 Apr 2026: Liberation Day, Tue 5 May 2026 (not a lustrum year), skipped.
        (date(2026, 4, 30), 5, date(2026, 5, 8)),
        # Mon 11 May 2026: Ascension Day (Thu 14 May) skipped.
        (date(2026, 5, 11), 5, date(2026, 5, 19)),
        # Wed 20 May 2026: Whit Monday (25 May) skipped.
        (date(2026, 5, 20), 5, date(2026, 5, 28)),
        # Mon 2 Nov 2026: an ordinary week.
        (date(2026, 11, 2), 5, date(2026, 11, 9)),
        # Acute: the same day.
        (date(2026, 11, 4), 0, date(2026, 11, 4)),
        # Acute on a Saturday or a holiday: still the same day, not the next working day.
        (date(2026, 11, 7), 0, date(2026, 11, 7)),
        (date(2026, 12, 25), 0, date(2026, 12, 25)),
        # A report on a Saturday: counting starts on Monday.
        (date(2026, 11, 7), 1, date(2026, 11, 9)),
        # Ten working days for the reporter's feedback, over Christmas.
        (date(2026, 12, 21), 10, date(2027, 1, 6)),
    ],
)
def test_working_days_after_a_report(received: date, days: int, due: date) -> None:
    assert calendar.add_working_days(received, days) == due


def test_weekends_and_holidays_are_not_working_days() -> None:
    assert not calendar.is_working_day(date(2026, 11, 28))  # Saturday
    assert not calendar.is_working_day(date(2026, 5, 5))  # Liberation Day, a non-lustrum year
    assert not calendar.is_working_day(date(2026, 4, 3))  # Good Friday
    assert calendar.is_working_day(date(2026, 11, 30))  # an ordinary Monday


def test_extra_closed_days_from_configuration_are_skipped() -> None:
    closed = WorkingDayCalendar(extra_closed_days=[date(2026, 11, 3)])
    assert closed.add_working_days(date(2026, 11, 2), 1) == date(2026, 11, 4)


def test_a_deadline_passes_at_the_next_local_midnight() -> None:
    received = datetime(2026, 12, 23, 10, 0, tzinfo=UTC)
    assert calendar.working_days_after(received, 5) == datetime(2026, 12, 31, 23, 0, tzinfo=UTC)


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        calendar.add_working_days(date(2026, 1, 5), -1)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 8, 15), 6, date(2027, 2, 15)),
    ],
)
def test_follow_up_months_clip_to_the_end_of_the_month(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected
