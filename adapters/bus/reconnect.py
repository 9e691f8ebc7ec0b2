"""Trying again after a broker (or database) failure, for the worker and the relay: the same
attempt after a pause that doubles from half a second up to a maximum, until it succeeds or the
process is asked to stop. A stop request ends a pause at once."""

import threading
from collections.abc import Callable
from typing import TypeVar

import structlog
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_when_event_set,
    wait_exponential,
)

log = structlog.get_logger(__name__)

FIRST_PAUSE_SECONDS = 0.5

T = TypeVar("T")


class Reconnect:
    """Each `call` starts again at the first pause: a success resets the back-off."""

    def __init__(self, stop: threading.Event, max_pause_seconds: float, message: str) -> None:
        self.stop = stop
        self.message = message
        self._retrying = Retrying(
            retry=retry_if_exception_type(Exception),  # KeyboardInterrupt and the like end it
            stop=stop_when_event_set(stop),
            wait=wait_exponential(multiplier=FIRST_PAUSE_SECONDS, max=max_pause_seconds),
            sleep=self._pause,
            before_sleep=self._warn,
            retry_error_callback=lambda state: None,  # stopped while failing: nothing to return
        )

    def call(self, attempt: Callable[[], T]) -> T | None:
        """`attempt()`'s result once it succeeds, or None when `stop` was set first."""
        return self._retrying(self._unless_stopped, attempt)

    def _unless_stopped(self, attempt: Callable[[], T]) -> T | None:
        # tenacity tries again when a pause ends, also when a stop request ended it early.
        return None if self.stop.is_set() else attempt()

    def _pause(self, seconds: float) -> None:
        self.stop.wait(seconds)  # a stop request ends the pause at once

    def _warn(self, state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome is not None else None
        log.warning(
            self.message,
            error=f"{type(error).__name__}: {error}",
            retry_in_seconds=state.upcoming_sleep,
        )
