"""Many events' handlers in one transaction (the broker worker's batches), on SQLite and
PostgreSQL: once in effect, all or nothing, and a lost race with another worker leaves nothing."""

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from adapters.bootstrap import App
from adapters.db.tables import handled_messages, notifications
from tests.conftest import new_report
from tests.exactly_once import count
from workflow.activity_data import ActivityData
from workflow.commands import FireTrigger, RegisterReport
from workflow.consent import ConsentData
from workflow.events import Event, ReportReceived, RiskAssessed, event_from_json
from workflow.transition_data import transition_data
from workflow.unit_of_work import UnitOfWork

INTAKE = "handlers.notifications.notify_intake_of_new_report"


def committed_events(app: App, cases: int) -> list[Event]:
    """Cases registered and given a case director, and the events they committed."""
    for _ in range(cases):
        ref = app.bus.handle(RegisterReport(actor="intake", report=new_report()))
        for trigger, data in (
            ("assess_risk", {"level": "acute", "indicators": ["runs_away"], "rationale": "x"}),
            ("start_case_direction", {"case_director": "anna", "plan": "plan"}),
        ):
            app.bus.handle(
                FireTrigger(actor="anna", case_id=ref.case_id, data=transition_data(trigger, data))
            )
    rows = app.outbox.pending(1000)
    return [event_from_json(row.event_type, row.payload) for row in rows]


def handler_runs(app: App, events: list[Event]) -> int:
    return sum(len(app.bus.handler_names(type(e))) for e in events)


def test_a_batch_runs_every_handler_once_and_commits_once(app: App) -> None:
    events = committed_events(app, 3)

    assert app.batches.handle(events) == handler_runs(app, events)

    assert count(app, handled_messages) == handler_runs(app, events)
    assert count(app, notifications, notifications.c.kind == "new_report") == 3
    # Redelivered: the handled-message rows refuse the batch, which rolls back (the worker goes
    # one by one and skips each handler); nothing ran twice in effect.
    with pytest.raises(IntegrityError):
        app.batches.handle(events)
    assert count(app, handled_messages) == handler_runs(app, events)
    assert count(app, notifications, notifications.c.kind == "new_report") == 3


def test_an_event_twice_in_one_batch_runs_its_handlers_once(app: App) -> None:
    events = committed_events(app, 1)

    assert app.batches.handle(events + events) == handler_runs(app, events)

    assert count(app, notifications, notifications.c.kind == "new_report") == 1


def test_a_failing_handler_leaves_nothing_of_the_whole_batch(app: App) -> None:
    events = committed_events(app, 3)
    last_report = [e for e in events if isinstance(e, ReportReceived)][-1]

    def fails_on_the_last(event: ReportReceived, uow: UnitOfWork) -> None:
        if event.event_id == last_report.event_id:
            raise RuntimeError("partner system down")

    app.bus.event_handlers[ReportReceived].append(("tests.fails", fails_on_the_last))

    with pytest.raises(RuntimeError, match="partner system down"):
        app.batches.handle(events)

    assert count(app, handled_messages) == 0
    assert count(app, notifications) == 0


@pytest.mark.postgres
def test_losing_the_race_to_another_worker_leaves_nothing(postgres_app: App) -> None:
    """Another worker commits one of the batch's messages while the batch runs: the batch's
    handled-message insert clashes, everything rolls back, and the caller goes one by one."""
    app = postgres_app
    events = committed_events(app, 2)
    first = events[0]

    def other_worker_wins(event: ReportReceived, uow: UnitOfWork) -> None:
        if event.event_id == first.event_id:
            with app.engine.begin() as other:
                row = {"message_id": str(first.event_id), "handler": INTAKE}
                other.execute(insert(handled_messages).values(**row, processed_at=app.clock()))

    app.bus.event_handlers[ReportReceived].insert(0, ("tests.race", other_worker_wins))

    with pytest.raises(IntegrityError):
        app.batches.handle(events)

    assert count(app, handled_messages) == 1  # only the other worker's row
    assert count(app, notifications) == 0


def test_a_later_handler_in_the_batch_reads_what_an_earlier_one_saved(app: App) -> None:
    events = committed_events(app, 1)
    seen: list[int] = []

    def records_a_contact(event: ReportReceived, uow: UnitOfWork) -> None:
        case = uow.cases.get(event.case_id)
        case.record_activity(ActivityData(kind="contact", summary="called"), "anna", app.clock())

    def reads_the_version(event: RiskAssessed, uow: UnitOfWork) -> None:
        seen.append(uow.cases.get(event.case_id).version)

    app.bus.event_handlers[ReportReceived].append(("tests.contact", records_a_contact))
    app.bus.event_handlers[RiskAssessed].append(("tests.version", reads_the_version))
    before = app.queries.detail(events[0].case_id)["version"]

    app.batches.handle(events)

    assert seen == [before + 1]
    assert app.queries.detail(events[0].case_id)["version"] == before + 1


def test_consents_read_in_a_batch_are_read_again_after_the_case_changed(app: App) -> None:
    """A batch keeps what it read of a case; a save of the case (a consent recorded by a
    handler here) makes the next handler read the consents afresh."""
    events = committed_events(app, 1)
    case_id = events[0].case_id
    seen: list[int] = []
    given = ConsentData.model_validate(
        {"given_by": "subject", "scope": "registration", "given_at": "2026-11-01T10:00:00Z"}
    )

    def counts_consents(event: Event, uow: UnitOfWork) -> None:
        seen.append(len(uow.cases.consents(event.case_id)))

    def records_consent(event: ReportReceived, uow: UnitOfWork) -> None:
        uow.cases.get(event.case_id).record_consent(given, "anna", app.clock())

    app.bus.event_handlers[ReportReceived] += [
        ("tests.before", counts_consents),
        ("tests.consent", records_consent),
        ("tests.after", counts_consents),
    ]
    app.bus.event_handlers[RiskAssessed].append(("tests.later", counts_consents))

    app.batches.handle(events)

    assert seen == [0, 1, 1]
    assert len(app.queries.detail(case_id)["consents"]) == 1
