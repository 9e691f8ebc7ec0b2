"""The message bus. A command has one handler and its errors reach the caller; a command that must
take effect once per outside message (a partner's event: its `idempotency_key`) is refused as
AlreadyHandled when it did. An event has many handlers; each runs in its own unit of work with
a handled-message row, so one failing does not undo or stop the others, and a redelivered event
runs no handler twice. Both rules rest on the same handled-message rows."""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import structlog

from workflow.commands import Command
from workflow.events import Event
from workflow.log_context import bound
from workflow.unit_of_work import AlreadyHandled, UnitOfWork

log = structlog.get_logger(__name__)

CommandHandler = Callable[[Any, UnitOfWork], Any]
EventHandler = Callable[[Any, UnitOfWork], None]


def handler_name(fn: Callable[..., Any]) -> str:
    """The stable name a handled-message row records; it survives restarts and deployments."""
    target = getattr(fn, "func", fn)  # unwrap functools.partial from bootstrap
    return f"{target.__module__}.{target.__qualname__}"


class MessageBus:
    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        command_handlers: Mapping[type[Command], CommandHandler],
        event_handlers: Mapping[type[Event], Sequence[tuple[str, EventHandler]]],
    ) -> None:
        self.uow_factory = uow_factory
        self.command_handlers = dict(command_handlers)
        self.event_handlers = {k: list(v) for k, v in event_handlers.items()}

    def handle(self, command: Command) -> Any:
        """Run the command's one handler in a fresh unit of work (commands may run on several
        threads at once); its errors are the caller's to report."""
        handler = self.command_handlers[type(command)]
        name = type(command).__name__
        with bound(correlation_id=command.correlation_id, command=name):
            uow = self.uow_factory()
            if command.idempotency_key is not None:
                key, done_by = command.idempotency_key, f"command.{name}"
                with uow:
                    if uow.already_handled(key, done_by):
                        raise AlreadyHandled(f"{done_by} already took effect for {key}")
                uow.handling_message(key, done_by)
            uow.access = command.access
            result = handler(command, uow)
            log.info("command handled")
            return result

    def handler_names(self, event_type: type[Event]) -> list[str]:
        return [name for name, _ in self.event_handlers.get(event_type, [])]

    def handle_event(self, event: Event, name: str, uow: UnitOfWork | None = None) -> bool:
        """Run one event handler exactly once in effect. False if it had already run.
        `uow`: a unit of work to run in instead of a fresh one (the worker's batches)."""
        handler = dict(self.event_handlers[type(event)])[name]
        message_id = str(event.event_id)
        with bound(
            event_id=message_id,
            case_id=event.case_id,
            correlation_id=event.correlation_id,
            handler=name,
        ):
            with uow or self.uow_factory() as uow:
                if uow.already_handled(message_id, name):
                    log.info("event already handled, skipped")
                    return False
                uow.handling_message(message_id, name)
                handler(event, uow)
                try:
                    uow.commit()
                except AlreadyHandled:
                    log.info("event handled concurrently elsewhere, skipped")
                    return False
            log.info("event handled")
            return True
