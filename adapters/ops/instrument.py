"""The bus's handlers, counted and timed: each command handler and each event handler is wrapped
once, at bootstrap, so every entry point's commands and every worker's events are measured
without the domain knowing of Prometheus."""

import time
from collections.abc import Callable
from typing import Any

from adapters.ops.metrics import (
    COMMAND_SECONDS,
    COMMANDS,
    EVENTS_HANDLED,
    HANDLER_SECONDS,
    outcome,
)
from workflow.messagebus import MessageBus


def measured(
    handler: Callable[[Any, Any], Any], record: Callable[[Any, BaseException | None, float], None]
) -> Callable[[Any, Any], Any]:
    def timed(message: Any, uow: Any) -> Any:
        started = time.perf_counter()
        try:
            result = handler(message, uow)
        except BaseException as error:
            record(message, error, time.perf_counter() - started)
            raise
        record(message, None, time.perf_counter() - started)
        return result

    return timed


def record_command(message: Any, error: BaseException | None, seconds: float) -> None:
    name = type(message).__name__
    COMMANDS.labels(name, outcome(error)).inc()
    COMMAND_SECONDS.labels(name).observe(seconds)


def _event(handler: str) -> Callable[[Any, BaseException | None, float], None]:
    def record(event: Any, error: BaseException | None, seconds: float) -> None:
        EVENTS_HANDLED.labels(type(event).__name__, handler, outcome(error)).inc()
        HANDLER_SECONDS.labels(handler).observe(seconds)

    return record


def instrument(bus: MessageBus) -> None:
    bus.command_handlers = {
        kind: measured(handler, record_command) for kind, handler in bus.command_handlers.items()
    }
    bus.event_handlers = {
        kind: [(name, measured(handler, _event(name))) for name, handler in handlers]
        for kind, handlers in bus.event_handlers.items()
    }
