"""The embedded event path on a real database: retries, isolation of a failing handler, dead
rows and their requeue, and redelivery having one effect."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select, update

from adapters.bootstrap import App
from adapters.bus.batch import EventBatches
from adapters.bus.embedded import OutboxDispatcher
from adapters.db.outbox import DEAD, DONE, PENDING
from adapters.db.tables import handled_messages, notifications, outbox
from adapters.db.unit_of_work import SqlUnitOfWork
from tests.integration.helpers import ASSESS_HIGH, fire, notifications_for, register, row_counts
from workflow import events as ev
from workflow.messagebus import MessageBus, handler_name
from workflow.unit_of_work import Notification, UnitOfWork

MAX_ATTEMPTS = 3


class Flaky:
    """An event handler that fails its first `failures` calls, then stores a notification."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls = 0
        self.__qualname__ = f"Flaky{failures}"
        self.__module__ = __name__

    def __call__(self, event: ev.Event, uow: UnitOfWork) -> None:
        self.calls += 1
        # Written before failing: a failed attempt must leave none of it behind.
        uow.notifications.add(_note("flaky", event))
        if self.calls <= self.failures:
            raise RuntimeError(f"partner unreachable (call {self.calls})")


def steady(event: ev.Event, uow: UnitOfWork) -> None:
    uow.notifications.add(_note("steady", event))


def _note(kind: str, event: ev.Event) -> Notification:
    return Notification(kind, kind, event.case_id, event.occurred_at, str(event.event_id))


def dispatcher_for(
    app: App, *handlers: Callable[..., Any], batched: bool = False
) -> OutboxDispatcher:
    bus = MessageBus(
        lambda: SqlUnitOfWork(app.engine, app.cipher, app.clock),
        {},
        {ev.ReportReceived: [(handler_name(h), h) for h in handlers]},
    )
    batches = EventBatches(
        bus, app.engine, lambda shared: SqlUnitOfWork(app.engine, app.cipher, app.clock, shared)
    )
    return OutboxDispatcher(
        app.outbox, bus, MAX_ATTEMPTS, backoff_seconds=0, batches=batches if batched else None
    )


def outbox_row(app: App) -> Any:
    with app.engine.connect() as conn:
        return conn.execute(select(outbox)).mappings().one()


def kinds(app: App) -> list[str]:
    with app.engine.connect() as conn:
        return sorted(conn.execute(select(notifications.c.kind)).scalars())


def test_a_failing_handler_is_retried_and_the_others_commit_once(app: App) -> None:
    register(app)
    flaky = Flaky(failures=MAX_ATTEMPTS - 1)
    dispatcher = dispatcher_for(app, flaky, steady)
    assert dispatcher.dispatch_once() == 1
    row = outbox_row(app)
    assert (row["status"], row["attempts"]) == (PENDING, 1)
    assert "partner unreachable (call 1)" in row["last_error"]
    assert kinds(app) == ["steady"]
    dispatcher.drain()
    row = outbox_row(app)
    assert row["status"] == DONE and row["last_error"] is None
    assert flaky.calls == MAX_ATTEMPTS
    assert kinds(app) == ["flaky", "steady"]
    assert row_counts(app.engine)["handled_messages"] == 2


def test_in_batches_a_failing_row_falls_back_alone_and_the_others_commit_once(app: App) -> None:
    """The rows of a poll run in one transaction; one failing handler rolls that back and every
    row goes alone: the healthy ones are done once, the failing one is retried, then dead."""
    poisoned = register(app).case_id
    register(app)
    register(app)

    def fails_on_one(event: ev.ReportReceived, uow: UnitOfWork) -> None:
        if event.case_id == poisoned:
            raise RuntimeError("partner unreachable")
        uow.notifications.add(_note("flaky", event))

    dispatcher_for(app, fails_on_one, steady, batched=True).drain()

    assert kinds(app) == ["flaky", "flaky", "steady", "steady", "steady"]
    [dead] = app.outbox.dead()
    assert dead.case_id == poisoned
    assert app.outbox.status()["pending"] == 0
    assert row_counts(app.engine)["handled_messages"] == 5


def test_a_handler_that_keeps_failing_makes_the_row_dead_with_the_error(app: App) -> None:
    register(app)
    flaky = Flaky(failures=MAX_ATTEMPTS)
    dispatcher_for(app, flaky, steady).drain()
    row = outbox_row(app)
    assert (row["status"], row["attempts"]) == (DEAD, MAX_ATTEMPTS)
    assert handler_name(flaky) in row["last_error"]
    assert f"RuntimeError: partner unreachable (call {MAX_ATTEMPTS})" in row["last_error"]
    assert [r.event_id for r in app.outbox.dead()] == [row["event_id"]]
    assert app.outbox.status()["dead"] == 1
    assert kinds(app) == ["steady"]


def test_retry_dead_requeues_and_the_fixed_handler_then_runs_once(app: App) -> None:
    register(app)
    flaky = Flaky(failures=MAX_ATTEMPTS)
    dispatcher = dispatcher_for(app, flaky, steady)
    dispatcher.drain()
    assert app.outbox.retry_dead("not-an-event") == 0
    assert app.outbox.retry_dead() == 1
    row = outbox_row(app)
    assert (row["status"], row["attempts"]) == (PENDING, 0)
    dispatcher.drain()
    assert outbox_row(app)["status"] == DONE
    assert kinds(app) == ["flaky", "steady"]


def test_redelivering_an_event_has_one_effect(app: App) -> None:
    register(app)
    dispatcher = dispatcher_for(app, steady)
    event = ev.event_from_json(outbox_row(app)["event_type"], outbox_row(app)["payload"])
    assert dispatcher.bus.handle_event(event, handler_name(steady)) is True
    assert dispatcher.bus.handle_event(event, handler_name(steady)) is False
    assert kinds(app) == ["steady"]
    with app.engine.connect() as conn:
        assert conn.execute(
            select(handled_messages.c.message_id, handled_messages.c.handler)
        ).all() == [(str(event.event_id), handler_name(steady))]


def test_a_crash_before_the_row_is_marked_done_repeats_no_effect(app: App) -> None:
    register(app)
    app.dispatcher.drain()
    with app.engine.begin() as conn:  # as if the process died after the handlers committed
        conn.execute(update(outbox).values(status=PENDING, done_at=None))
    app.dispatcher.drain()
    assert app.outbox.status()["pending"] == 0
    assert [n["kind"] for n in notifications_for(app, "role:intake")] == ["new_report"]


def test_a_malformed_row_goes_dead_at_once_and_blocks_nothing(app: App) -> None:
    register(app)
    register(app)
    with app.engine.begin() as conn:
        first = conn.execute(select(outbox.c.id).order_by(outbox.c.id)).scalars().first()
        conn.execute(update(outbox).where(outbox.c.id == first).values(payload="{not json"))
    app.dispatcher.drain()
    status = app.outbox.status()
    assert (status["dead"], status["done"], status["pending"]) == (1, 1, 0)
    [dead] = app.outbox.dead()
    assert "malformed event ReportReceived" in (dead.last_error or "")


@pytest.mark.parametrize("level", ["acute", "high"])
def test_the_real_handlers_alert_the_team_lead_only_on_acute_risk(app: App, level: str) -> None:
    ref = register(app)
    fire(app, ref.case_id, "assess_risk", {**ASSESS_HIGH, "level": level})
    app.dispatcher.drain()
    alerts = [n["kind"] for n in notifications_for(app, "role:team_lead")]
    assert alerts == (["acute_risk"] if level == "acute" else [])


def test_the_same_event_handled_twice_at_once_has_one_effect(app: App) -> None:
    """Two workers take the same event at the same moment (a redelivery racing the original).
    SQLite serialises them: the second sees the handled-message row. On PostgreSQL both are made
    to pass the check and run the handler; the second commit then hits the handled-message key and
    is told it was already handled, and its work is rolled back."""
    register(app)
    inside = threading.Barrier(2, timeout=20)
    on_postgres = app.engine.dialect.name == "postgresql"

    def racing(event: ev.Event, uow: UnitOfWork) -> None:
        steady(event, uow)
        if on_postgres:
            inside.wait()  # both handlers are past the handled messages check before either commits

    racing.__qualname__ = "racing"
    dispatcher = dispatcher_for(app, racing)
    row = outbox_row(app)
    event = ev.event_from_json(row["event_type"], row["payload"])
    start = threading.Barrier(2)
    outcomes: list[bool | BaseException] = []

    def work() -> None:
        start.wait()
        try:
            outcomes.append(dispatcher.bus.handle_event(event, handler_name(racing)))
        except BaseException as error:  # reported to the main thread
            outcomes.append(error)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes, key=str) == [False, True]
    assert kinds(app) == ["steady"]
    assert row_counts(app.engine)["handled_messages"] == 1
