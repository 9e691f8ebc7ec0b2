"""Every log line of a command's or handler's work carries its correlation id, case id and event
id, and the binding ends with the work: nothing leaks into the next command's lines."""

from typing import Any

from structlog.contextvars import bind_contextvars, clear_contextvars, get_contextvars

from tests.unit.fakes import FakeUnitOfWorkFactory
from tests.unit.test_messagebus import received
from workflow import events as ev
from workflow.commands import Command
from workflow.log_context import bound
from workflow.messagebus import MessageBus
from workflow.unit_of_work import UnitOfWork


class Ping(Command):
    pass


def test_bound_values_last_for_the_block_and_the_earlier_ones_come_back() -> None:
    clear_contextvars()
    bind_contextvars(case_id="outer")
    with bound(case_id="inner", event_id="e-1"):
        assert get_contextvars() == {"case_id": "inner", "event_id": "e-1"}
    assert get_contextvars() == {"case_id": "outer"}
    clear_contextvars()


def test_a_command_and_an_event_handler_run_with_their_ids_bound() -> None:
    clear_contextvars()
    seen: dict[str, dict[str, Any]] = {}

    def on_ping(command: Ping, uow: UnitOfWork) -> None:
        seen["command"] = get_contextvars()

    def on_received(event: ev.ReportReceived, uow: UnitOfWork) -> None:
        seen["event"] = get_contextvars()

    bus = MessageBus(
        FakeUnitOfWorkFactory(),
        {Ping: on_ping},
        {ev.ReportReceived: [("tests.on_received", on_received)]},
    )
    command = Ping(actor="anna")
    event = received()

    bus.handle(command)
    bus.handle_event(event, "tests.on_received")

    assert seen["command"]["correlation_id"] == command.correlation_id
    assert seen["event"]["event_id"] == str(event.event_id)
    assert seen["event"]["case_id"] == event.case_id
    assert get_contextvars() == {}  # nothing left for the next piece of work
