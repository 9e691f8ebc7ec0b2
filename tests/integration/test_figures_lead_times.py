"""Lead times in Dutch working days and the time norms met, on both databases, with a clock
the test moves: every expectation worked out by hand on the 2026 calendar (no holidays in
February), and Enschede's share of the reports as the seed gives it (80 %)."""

from collections.abc import Iterator
from datetime import datetime

import pytest

from adapters.bootstrap import App, bootstrap
from adapters.db.migrate import upgrade
from adapters.figure_service import Ask, Figures
from tests.conftest import ManualClock, make_settings, with_people
from tests.integration.figure_reports import report
from tests.integration.helpers import ASSESS_HIGH, START, fire
from workflow.activity_data import ActivityData
from workflow.calendar import AMSTERDAM
from workflow.commands import RecordActivity
from workflow.figures.periods import PeriodKind

MONTHS = Ask(PeriodKind.MONTH, 2026, 2026, None)


@pytest.fixture
def moved() -> ManualClock:
    return ManualClock(datetime(2026, 2, 2, 12, 0, tzinfo=AMSTERDAM))


@pytest.fixture
def timed_app(database_url: str, moved: ManualClock) -> Iterator[App]:
    application = bootstrap(make_settings(database_url), clock=moved)
    upgrade(application.engine)
    yield with_people(application)
    application.engine.dispose()


def at(clock: ManualClock, day: int, hour: int = 12) -> None:
    clock.now = datetime(2026, 2, day, hour, 0, tzinfo=AMSTERDAM)


def row(found: dict, phase: str, period: str = "2026-02") -> dict:  # type: ignore[type-arg]
    return next(r for r in found["rows"] if r["phase"] == phase and r["period"] == period)


def test_lead_times_and_norms_met(timed_app: App, moved: ManualClock) -> None:
    app = timed_app
    received = "2026-02-02T10:00:00+01:00"  # Monday
    quick, slow, _idle = (report(app, received) for _ in range(3))
    at(moved, 6)  # Friday: 4 working days, within the 5 of the norm
    fire(app, quick, "assess_risk", ASSESS_HIGH)
    fire(app, quick, "advise", {"advice": "bel de school", "advised_party": "reporter"})
    at(moved, 10)  # Tuesday a week later: 6 working days, the norm missed
    fire(app, slow, "assess_risk", ASSESS_HIGH)
    at(moved, 13)  # 9 working days: feedback in time
    feedback = ActivityData(kind="reporter_feedback", summary="melder gebeld")
    app.bus.handle(RecordActivity(actor="anna", case_id=slow, activity=feedback))
    at(moved, 16)  # case direction with its plan of approach: 0 working days
    fire(app, slow, "start_case_direction", START)
    at(moved, 20)  # the idle case: assessment due 9 Feb, feedback due 16 Feb, both passed

    found = Figures(app).lead_times(MONTHS)
    assessment = row(found, "assessment")
    assert (assessment["met"], assessment["missed"], assessment["pending"]) == (1, 2, 0)
    assert assessment["ended"] == 2 and assessment["median"] == 5 and assessment["p90"] == 6
    assert assessment["met_percent"] == 33.3
    feedback_row = row(found, "reporter_feedback")
    assert (feedback_row["met"], feedback_row["missed"]) == (2, 1)
    assert feedback_row["median"] == 6.5  # 4 and 9 working days
    plan = row(found, "plan_of_approach")
    assert (plan["met"], plan["missed"], plan["median"]) == (1, 0, 0)
    received_state = row(found, "received")  # the stays in `received` that ended: 4 and 6
    assert (received_state["ended"], received_state["median"], received_state["p90"]) == (2, 5, 6)
    risk_assessed = row(found, "risk_assessed")  # quick: 0 days, slow: 10 Feb to 16 Feb = 4
    assert (risk_assessed["median"], risk_assessed["p90"]) == (2, 4)


def test_an_analyst_sees_no_lead_time_of_fewer_than_the_threshold(
    timed_app: App, moved: ManualClock
) -> None:
    case_id = report(timed_app, "2026-02-02T10:00:00+01:00")
    at(moved, 6)
    fire(timed_app, case_id, "assess_risk", ASSESS_HIGH)
    found = Figures(timed_app).lead_times(Ask(PeriodKind.MONTH, 2026, 2026, 5))
    assessment = row(found, "assessment")
    assert assessment["median"] is None and assessment["p90"] is None
    assert assessment["met"] is None and assessment["met_percent"] is None


def test_the_seeds_figures_come_out_of_its_data(app: App) -> None:
    """The seed: 200 reports from late 2016 to 2018, 80 % from Enschede and 20 % from the other
    13 municipalities, the youngest 9 and the oldest 35: registered here as 160 and 40 (and one
    from outside Twente, which the seed's share leaves out)."""
    others = [m for m in app.reference.municipality_names() if m != "Enschede"]
    days = [f"2016-{m:02d}-15" for m in (11, 12)] + [
        f"{y}-{m:02d}-15" for y in (2017, 2018) for m in range(1, 13)
    ]
    for i in range(200):
        place = "Enschede" if i % 5 else others[(i // 5) % len(others)]
        age = 9 + (i * 7) % 27  # 9 to 35
        report(app, f"{days[i % len(days)]}T10:00:00+01:00", place, age=age)
    report(app, "2018-03-01T10:00:00+01:00", "Zwolle", outside_twente=True)
    figures = Figures(app)
    span = Ask(PeriodKind.YEAR, 2016, 2018, 5)
    found = figures.enschede_share(span)
    assert found["enschede_percent"]["total"] == 80.0
    enschede, rest = (row["counts"]["total"] for row in found["rows"])
    assert (enschede, rest) == (160, 40)
    ages = Figures(app).ages(Ask(PeriodKind.YEAR, 2016, 2018, None))["rows"]
    assert min(r["youngest"] for r in ages if r["youngest"] is not None) == 9
    assert max(r["oldest"] for r in ages if r["oldest"] is not None) == 35
    assert sum(r["known"] for r in ages) == 201
