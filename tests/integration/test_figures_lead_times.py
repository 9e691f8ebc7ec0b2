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


def test_the_seeds_share_of_reports_from_enschede(app: App) -> None:
    """The seed: 80 % of the reports from Enschede, 20 % from the other 13 (here 40 and 10)."""
    others = ["Almelo", "Hengelo", "Borne", "Losser", "Oldenzaal"]
    for i in range(40):
        report(app, f"2017-{i % 12 + 1:02d}-15T10:00:00+01:00", "Enschede")
    for i in range(10):
        report(app, f"2018-{i % 12 + 1:02d}-15T10:00:00+01:00", others[i % 5])
    report(app, "2018-03-01T10:00:00+01:00", "Zwolle", outside_twente=True)  # not in Twente
    figures = Figures(app)
    found = figures.enschede_share(Ask(PeriodKind.YEAR, 2016, 2018, None))
    assert found["enschede_percent"]["total"] == 80.0
    assert found["rows"][0]["counts"] == {"2016": 0, "2017": 40, "2018": 0, "total": 40}
    assert found["rows"][1]["counts"]["total"] == 10
    analyst = figures.enschede_share(Ask(PeriodKind.YEAR, 2016, 2018, 5))
    assert analyst["enschede_percent"]["total"] == 80.0
