"""The sweeps on a real database: a case left alone is flagged once, reminded once and
escalated once, however often and however concurrently the sweep runs."""

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from adapters.bootstrap import App, bootstrap
from adapters.db.migrate import upgrade
from adapters.db.tables import notifications
from adapters.scheduler.jobs import JOBS
from tests.conftest import REPORT, ManualClock, make_settings, with_people
from tests.integration.helpers import notifications_for
from workflow.activity_data import ActivityData, FollowUpData
from workflow.commands import FireTrigger, RecordActivity, RecordFollowUp, RegisterReport
from workflow.report import Report
from workflow.transition_data import transition_data

RECEIVED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # Monday; assessment due end of Mon 9 Nov


@pytest.fixture
def timed_app(database_url: str) -> Iterator[tuple[App, ManualClock]]:
    clock = ManualClock(RECEIVED)
    app = bootstrap(make_settings(database_url), clock=clock)
    upgrade(app.engine)
    with_people(app)
    yield app, clock
    app.engine.dispose()


def register(app: App) -> str:
    report = Report.parse({**REPORT, "received_at": RECEIVED.isoformat()})
    return str(app.bus.handle(RegisterReport(actor="intake", report=report)).case_id)


def run(app: App, clock: ManualClock, job: str, at: datetime, times: int = 1) -> int:
    clock.now = at
    flagged = sum(JOBS[job].run(app, at)["flagged"] for _ in range(times))
    app.dispatcher.drain()
    return flagged


def kinds(app: App, recipient: str) -> list[str]:
    return sorted(n["kind"] for n in notifications_for(app, recipient))


def test_a_case_left_alone_is_flagged_once_then_escalated_once(timed_app) -> None:  # type: ignore[no-untyped-def]
    app, clock = timed_app
    register(app)
    assert run(app, clock, "stalled_sweep", datetime(2026, 11, 9, 22, tzinfo=UTC), 3) == 0
    assert run(app, clock, "stalled_sweep", datetime(2026, 11, 10, 8, tzinfo=UTC), 3) == 1
    assert kinds(app, "role:intake") == ["case_stalled", "new_report"]
    # The grace is two working days after the due day (Mon 9): it ends with Wed 11 November.
    assert run(app, clock, "stalled_sweep", datetime(2026, 11, 11, 20, tzinfo=UTC), 3) == 0
    assert run(app, clock, "stalled_sweep", datetime(2026, 11, 12, 8, tzinfo=UTC), 3) == 1
    assert kinds(app, "role:team_lead") == ["stalled_case_escalated"]
    assert run(app, clock, "stalled_sweep", datetime(2027, 3, 1, 8, tzinfo=UTC), 5) == 0
    assert kinds(app, "role:intake") == ["case_stalled", "new_report"]
    assert kinds(app, "role:team_lead") == ["stalled_case_escalated"]


def test_a_new_step_resets_the_deadline_and_its_alerts(timed_app) -> None:  # type: ignore[no-untyped-def]
    app, clock = timed_app
    case_id = register(app)
    run(app, clock, "stalled_sweep", datetime(2026, 11, 10, 8, tzinfo=UTC))
    clock.now = datetime(2026, 11, 10, 9, tzinfo=UTC)
    app.bus.handle(
        FireTrigger(
            actor="anna",
            case_id=case_id,
            data=transition_data(
                "assess_risk", {"level": "low", "indicators": ["runs_away"], "rationale": "r"}
            ),
        )
    )
    detail = app.queries.detail(case_id)
    assert (detail["deadline_kind"], detail["alert_stage"]) == ("next_step", 0)
    # Next step due end of Tue 17 November: the next flag comes after that, not before.
    assert run(app, clock, "stalled_sweep", datetime(2026, 11, 17, 12, tzinfo=UTC)) == 0
    assert run(app, clock, "stalled_sweep", datetime(2026, 11, 18, 8, tzinfo=UTC)) == 1


def test_concurrent_sweeps_flag_a_case_once(timed_app) -> None:  # type: ignore[no-untyped-def]
    app, clock = timed_app
    for _ in range(20):
        register(app)
    at = datetime(2026, 11, 10, 8, tzinfo=UTC)
    clock.now = at
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: JOBS["stalled_sweep"].run(app, at), range(4)))
    assert sum(r["flagged"] for r in results) == 20
    app.dispatcher.drain()
    with app.engine.connect() as conn:
        stalled = conn.execute(
            select(func.count()).where(notifications.c.kind == "case_stalled")
        ).scalar()
    assert stalled == 20


def test_follow_ups_remind_the_director_and_new_signals_suggest_escalation(timed_app) -> None:  # type: ignore[no-untyped-def]
    app, clock = timed_app
    case_id = register(app)
    for trigger, data in [
        ("assess_risk", {"level": "high", "indicators": ["runs_away"], "rationale": "r"}),
        ("start_case_direction", {"case_director": "anna", "plan": "p"}),
        ("scale_down", {"local_team": "Wijkteam Enschede-Zuid", "handover": "h"}),
    ]:
        app.bus.handle(
            FireTrigger(actor="anna", case_id=case_id, data=transition_data(trigger, data))
        )
    # Scaled down on 2 November: the first check-in is on Wednesday 2 December.
    assert run(app, clock, "follow_up_reminders", datetime(2026, 12, 1, 12, tzinfo=UTC)) == 0
    assert run(app, clock, "follow_up_reminders", datetime(2026, 12, 2, 8, tzinfo=UTC), 3) == 1
    assert "follow_up_due" in kinds(app, "anna")
    app.bus.handle(
        RecordFollowUp(
            actor="anna",
            case_id=case_id,
            follow_up=FollowUpData(outcome="new_signals", notes="weer weggelopen"),
        )
    )
    app.dispatcher.drain()
    assert "escalation_suggested" in kinds(app, "anna")
    assert app.queries.detail(case_id)["follow_ups_done"] == 1


def test_feedback_to_the_reporter_is_reminded_once_unless_given(timed_app) -> None:  # type: ignore[no-untyped-def]
    app, clock = timed_app
    reminded, given = register(app), register(app)
    app.bus.handle(
        RecordActivity(
            actor="anna",
            case_id=given,
            activity=ActivityData(kind="reporter_feedback", summary="called back"),
        )
    )
    late = datetime(2026, 11, 17, 8, tzinfo=UTC)
    assert run(app, clock, "reporter_feedback", late, 3) == 1
    assert app.queries.detail(reminded)["history"][-1]["trigger"] == "ReporterFeedbackDue"
    assert app.queries.detail(given)["history"][-1]["trigger"] == "record_activity"


def test_housekeeping_prunes_the_handled_messages_past_the_retention(timed_app) -> None:  # type: ignore[no-untyped-def]
    app, _ = timed_app
    register(app)
    app.dispatcher.drain()
    keep = JOBS["housekeeping"].run(app, RECEIVED + timedelta(days=29))
    prune = JOBS["housekeeping"].run(app, RECEIVED + timedelta(days=31))
    assert (keep["handled_messages_pruned"], prune["handled_messages_pruned"]) == (0, 1)
