"""The message bus: a command has one handler and its errors reach the caller; an event handler
runs in its own unit of work with a handled-message row, so a redelivery runs it no second time."""

from datetime import UTC, datetime
from typing import Any

import pytest

from handlers import cases, intake
from tests.conftest import REPORT
from tests.unit.fakes import (
    PEOPLE,
    REFERENCE,
    SUBJECT_KEYS,
    FakeStore,
    FakeUnitOfWork,
    FakeUnitOfWorkFactory,
    FixedClock,
    deadline_policy,
)
from workflow import events as ev
from workflow.commands import FireTrigger, RegisterReport
from workflow.errors import CaseNotFound
from workflow.messagebus import MessageBus, handler_name
from workflow.report import Report
from workflow.transition_data import transition_data
from workflow.unit_of_work import Notification, UnitOfWork

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def received() -> ev.ReportReceived:
    return ev.ReportReceived(case_id="c-1", occurred_at=AT, actor="intake", channel="phone")


def note(event: ev.Event, uow: UnitOfWork, kind: str) -> None:
    uow.notifications.add(Notification("anna", kind, event.case_id, AT, str(event.event_id)))


def first(event: Any, uow: UnitOfWork) -> None:
    note(event, uow, "first")


def second(event: Any, uow: UnitOfWork) -> None:
    note(event, uow, "second")


def broken(event: Any, uow: UnitOfWork) -> None:
    note(event, uow, "half-done")
    raise RuntimeError("partner down")


def make_bus(factory: FakeUnitOfWorkFactory, *handlers: Any) -> MessageBus:
    clock, deadlines = FixedClock(), deadline_policy()
    return MessageBus(
        factory,
        {
            RegisterReport: lambda c, uow: intake.register_report(
                c, uow, clock, deadlines, REFERENCE, SUBJECT_KEYS
            ),
            FireTrigger: lambda c, uow: cases.fire_trigger(
                c, uow, clock, deadlines, REFERENCE, PEOPLE
            ),
        },
        {ev.ReportReceived: [(handler_name(h), h) for h in handlers]},
    )


def test_a_command_goes_to_its_one_handler_and_returns_its_result() -> None:
    factory = FakeUnitOfWorkFactory()
    ref = make_bus(factory).handle(RegisterReport(actor="intake", report=Report.parse(REPORT)))
    assert ref.case_id in factory.store.cases
    assert factory.store.commits == 1
    assert [type(e) for e in factory.store.outbox] == [ev.ReportReceived]


def test_a_command_handler_error_reaches_the_caller_and_commits_nothing() -> None:
    factory = FakeUnitOfWorkFactory()
    bus = make_bus(factory)
    with pytest.raises(CaseNotFound):
        bus.handle(
            FireTrigger(
                actor="anna",
                case_id="nope",
                data=transition_data("close", {"result": "other", "reason": "r"}),
            )
        )
    assert factory.store.commits == 0
    assert factory.made[-1].rolled_back == 1


def test_handler_names_are_stable_module_and_function_names() -> None:
    assert handler_name(first) == "tests.unit.test_messagebus.first"
    bus = make_bus(FakeUnitOfWorkFactory(), first, second)
    assert bus.handler_names(ev.ReportReceived) == [handler_name(first), handler_name(second)]
    assert bus.handler_names(ev.CaseClosed) == []


def test_each_event_handler_runs_in_its_own_unit_of_work_with_its_handled_message_row() -> None:
    factory = FakeUnitOfWorkFactory()
    bus = make_bus(factory, first, second)
    event = received()
    for name in bus.handler_names(ev.ReportReceived):
        assert bus.handle_event(event, name) is True
    assert len(factory.made) == 2 and all(u.committed for u in factory.made)
    assert [n.kind for n in factory.store.notifications] == ["first", "second"]
    assert factory.store.handled == {
        (str(event.event_id), handler_name(first)),
        (str(event.event_id), handler_name(second)),
    }


def test_a_redelivered_event_runs_no_handler_twice() -> None:
    factory = FakeUnitOfWorkFactory()
    bus = make_bus(factory, first)
    event = received()
    assert bus.handle_event(event, handler_name(first)) is True
    assert bus.handle_event(event, handler_name(first)) is False
    assert [n.kind for n in factory.store.notifications] == ["first"]


def test_an_event_handled_concurrently_elsewhere_counts_as_already_handled() -> None:
    store = FakeStore()
    event = received()

    class RacingUnitOfWork(FakeUnitOfWork):
        def commit(self) -> None:
            # Another consumer commits the same (message, handler) between our check and commit.
            self.store.handled.add((str(event.event_id), handler_name(first)))
            super().commit()

    bus = MessageBus(
        lambda: RacingUnitOfWork(store), {}, {ev.ReportReceived: [(handler_name(first), first)]}
    )
    assert bus.handle_event(event, handler_name(first)) is False
    assert store.notifications == []


def test_a_failing_event_handler_raises_and_commits_nothing_of_its_own() -> None:
    factory = FakeUnitOfWorkFactory()
    bus = make_bus(factory, broken, second)
    event = received()
    with pytest.raises(RuntimeError, match="partner down"):
        bus.handle_event(event, handler_name(broken))
    assert bus.handle_event(event, handler_name(second)) is True
    assert [n.kind for n in factory.store.notifications] == ["second"]
    assert factory.store.handled == {(str(event.event_id), handler_name(second))}
