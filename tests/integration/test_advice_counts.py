"""Counts of the non-case work per municipality and period on a real database (SQLite and
PostgreSQL), against hand-computed expectations: every one of the 14 municipalities in every
period, zeros included; planned activities not counted; months folded into quarters and years."""

from datetime import date
from typing import Any

import pytest

from adapters.bootstrap import App
from adapters.db.noncase_counts import NonCaseCounts, Period, periods
from workflow.noncase_commands import RecordAdviceQuestion, RecordPreventionActivity


def advise(app: App, on: str, municipality: str, minutes: int, led: bool = False) -> None:
    form = {
        "asked_on": on,
        "channel": "phone",
        "organisation": "School",
        "professional": "teacher",
        "municipality": municipality,
        "topics": ["sexual"],
        "advice": "advice",
        "minutes": minutes,
        "led_to_report": led,
    }
    app.bus.handle(RecordAdviceQuestion(actor="anna", advice=form))


def activity(app: App, on: str, municipality: str, kind: str, people: int, hours: float) -> None:
    form: dict[str, Any] = {
        "on": on,
        "municipality": municipality,
        "kind": kind,
        "audience": "pupils",
        "participants": people,
        "hours": hours,
        "held": date.fromisoformat(on) <= date(2026, 11, 1),
    }
    app.bus.handle(RecordPreventionActivity(actor="anna", activity=form))


def test_periods_cover_the_range_in_order() -> None:
    assert periods(date(2025, 11, 15), date(2026, 2, 1), Period.MONTH) == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    assert periods(date(2025, 11, 15), date(2026, 4, 1), Period.QUARTER) == [
        "2025-Q4",
        "2026-Q1",
        "2026-Q2",
    ]
    assert periods(date(2025, 1, 1), date(2026, 12, 31), Period.YEAR) == ["2025", "2026"]


@pytest.fixture
def counted(app: App) -> App:
    advise(app, "2026-01-15", "Enschede", 30)
    advise(app, "2026-02-03", "enschede", 10, led=True)
    advise(app, "2026-04-20", "Enschede", 5)
    advise(app, "2026-03-31", "Hengelo (O.)", 20, led=True)
    advise(app, "2025-12-31", "Almelo", 60)  # before the range
    activity(app, "2026-02-10", "Almelo", "school_lesson", 25, 1.5)
    activity(app, "2026-03-10", "Almelo", "school_lesson", 30, 2)
    activity(app, "2026-03-11", "Almelo", "training", 12, 4)
    activity(app, "2027-01-10", "Almelo", "training", 99, 9)  # planned: not counted
    return app


def test_advice_questions_per_municipality_and_quarter(counted: App) -> None:
    names = counted.reference.municipality_names()
    rows = NonCaseCounts(counted.engine).advice(
        names, Period.QUARTER, date(2026, 1, 1), date(2026, 12, 31)
    )
    assert len(rows) == 14 * 4
    assert {r["municipality"] for r in rows} == set(names)
    table = {(r["period"], r["municipality"]): r for r in rows}
    q1 = table["2026-Q1", "Enschede"]
    assert (q1["advice_questions"], q1["led_to_report"], q1["minutes"]) == (2, 1, 40)
    assert table["2026-Q2", "Enschede"]["advice_questions"] == 1
    hengelo = table["2026-Q1", "Hengelo"]
    assert (hengelo["advice_questions"], hengelo["led_to_report"]) == (1, 1)
    almelo = table["2026-Q1", "Almelo"]
    assert (almelo["advice_questions"], almelo["led_to_report"], almelo["minutes"]) == (0, 0, 0)
    assert sum(r["advice_questions"] for r in rows) == 4


def test_held_activities_per_municipality_kind_and_month_and_year(counted: App) -> None:
    names = counted.reference.municipality_names()
    counts = NonCaseCounts(counted.engine)
    months = counts.activities(names, Period.MONTH, date(2026, 1, 1), date(2026, 3, 31))
    assert len(months) == 3 * 14 * 3  # months x municipalities x kinds
    table = {(r["period"], r["municipality"], r["kind"]): r for r in months}
    lesson = table["2026-03", "Almelo", "school_lesson"]
    assert (lesson["held"], lesson["participants"], lesson["hours"]) == (1, 30, 2)
    assert table["2026-01", "Almelo", "school_lesson"]["held"] == 0
    years = counts.activities(names, Period.YEAR, date(2026, 1, 1), date(2027, 12, 31))
    by_year = {(r["period"], r["municipality"], r["kind"]): r for r in years}
    lessons = by_year["2026", "Almelo", "school_lesson"]
    assert (lessons["held"], lessons["participants"], lessons["hours"]) == (2, 55, 3.5)
    assert by_year["2026", "Almelo", "training"]["participants"] == 12
    assert by_year["2027", "Almelo", "training"]["held"] == 0  # only planned
    assert by_year["2026", "Wierden", "information_session"]["held"] == 0
