"""Lead times in working days, nearest-rank percentiles, the norms judged, and periods in
Amsterdam time: pure, with dates worked out by hand on the Dutch calendar."""

from datetime import UTC, datetime

from config.reference import load_time_norms
from workflow.calendar import AMSTERDAM, WorkingDayCalendar
from workflow.figures.lead_times import (
    Moments,
    Move,
    nearest_rank,
    norm_phases,
    state_phases,
    summary,
    working_days_between,
)
from workflow.figures.periods import PeriodKind, periods

CALENDAR = WorkingDayCalendar()


def at(month: int, day: int, hour: int = 12, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, tzinfo=AMSTERDAM)


def test_working_days_skip_weekends_and_holidays() -> None:
    # Wednesday 23 December 2026 to Thursday 31 December: 24, 28, 29, 30, 31 (not Christmas).
    assert working_days_between(CALENDAR, at(12, 23), at(12, 31)) == 5
    assert working_days_between(CALENDAR, at(12, 23, 9), at(12, 23, 17)) == 0
    # Good Friday 2026 is 3 April, Easter Monday 6 April: Thursday 2 April to Tuesday 7 April.
    assert working_days_between(CALENDAR, at(4, 2), at(4, 7)) == 1


def test_nearest_rank_percentile() -> None:
    assert nearest_rank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert nearest_rank([4, 6], 0.9) == 6
    assert nearest_rank([7], 0.9) == 7


def test_norms_met_missed_and_pending() -> None:
    norms = load_time_norms()
    moments = [
        Moments("2026-12", at(12, 23), "high", at(12, 31), None, None, None),  # 5: met
        Moments("2026-12", at(12, 23), "acute", at(12, 24), None, None, None),  # acute: 0
        Moments("2026-12", at(12, 30), None, None, None, None, None),  # due 7 January 2027
    ]
    phases = norm_phases(moments, norms)
    found = summary(phases, CALENDAR, at(1, 5, year=2027))
    assessment = found["assessment", "2026-12"]
    assert (assessment["met"], assessment["missed"], assessment["pending"]) == (1, 1, 1)
    assert assessment["median"] == 3  # 5 and 1
    feedback = found["reporter_feedback", "2026-12"]
    assert (feedback["met"], feedback["missed"], feedback["pending"], feedback["ended"]) == (
        0,
        0,
        3,
        0,
    )
    late = summary(phases, CALENDAR, at(1, 8, 0, year=2027))  # 7 January has passed
    assert late["assessment", "2026-12"]["missed"] == 2


def test_the_time_in_each_state_ends_with_the_next_move() -> None:
    moves = [
        Move("a", "2026-02", "received", at(2, 2)),
        Move("a", "2026-02", "risk_assessed", at(2, 6)),
        Move("a", "2026-02", "closed", at(2, 9)),
        Move("b", "2026-02", "received", at(2, 3)),
    ]
    phases = state_phases(moves)
    assert [(p.name, p.began, p.ended) for p in phases] == [
        ("received", at(2, 2), at(2, 6)),
        ("risk_assessed", at(2, 6), at(2, 9)),
    ]


def test_periods_start_at_midnight_in_amsterdam() -> None:
    quarters = periods(PeriodKind.QUARTER, 2018, 2019)
    assert [q.key for q in quarters][:2] == ["2018-Q1", "2018-Q2"] and len(quarters) == 8
    assert quarters[1].start.astimezone(UTC) == datetime(2018, 3, 31, 22, tzinfo=UTC)  # CEST
    assert quarters[0].start.astimezone(UTC) == datetime(2017, 12, 31, 23, tzinfo=UTC)  # CET
    months = periods(PeriodKind.MONTH, 2018, 2018)
    assert months[-1].key == "2018-12" and months[-1].end == at(1, 1, 0, year=2019)
    assert [p.key for p in periods(PeriodKind.YEAR, 2016, 2018)] == ["2016", "2017", "2018"]
