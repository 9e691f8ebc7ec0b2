"""A deadline said in working days, never only as a colour: "vandaag", "nog 3 werkdagen",
"2 werkdagen te laat", across weekends and public holidays, in Amsterdam time."""

from datetime import UTC, datetime

from adapters.web.deadline_words import deadline_words
from config.texts import Texts
from workflow.calendar import WorkingDayCalendar

t = Texts("nl")
calendar = WorkingDayCalendar()
# Friday 20 November 2026, 10:00 in Amsterdam.
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def due(day: int, month: int = 11) -> str:
    """A deadline at the end of that local day (the next local midnight), as stored."""
    end = calendar.end_of_day(datetime(2026, month, day).date())
    return end.astimezone(UTC).isoformat()


def test_today_tomorrow_and_over_the_weekend() -> None:
    assert deadline_words(t, calendar, due(20), NOW) == "vandaag"
    assert deadline_words(t, calendar, due(23), NOW) == "nog 1 werkdag"  # Monday
    assert deadline_words(t, calendar, due(25), NOW) == "nog 3 werkdagen"


def test_late_in_working_days() -> None:
    assert deadline_words(t, calendar, due(19), NOW) == "1 werkdag te laat"
    assert deadline_words(t, calendar, due(18), NOW) == "2 werkdagen te laat"
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert deadline_words(t, calendar, due(20), monday) == "1 werkdag te laat"


def test_christmas_is_no_working_day() -> None:
    before = datetime(2026, 12, 23, 9, 0, tzinfo=UTC)  # Wednesday
    assert deadline_words(t, calendar, due(28, 12), before) == "nog 2 werkdagen"


def test_no_deadline() -> None:
    assert deadline_words(t, calendar, None, NOW) == "geen termijn"
