"""The loop of every background worker that polls the database: work while there is work,
wait when there is none, and live through a failure (the database may be away for a moment)."""

import threading
from collections.abc import Callable

import structlog

log = structlog.get_logger(__name__)


def poll(
    work: Callable[[], int], stop: threading.Event, interval_seconds: float, name: str
) -> None:
    """Call `work` (it returns how much it did) until `stop` is set."""
    log.info(f"{name} started")
    while not stop.is_set():
        try:
            busy = work() > 0
        except Exception:  # keep the loop alive; the next round tries again
            log.exception(f"{name} failed, will retry")
            busy = False
        if not busy:
            stop.wait(interval_seconds)
    log.info(f"{name} stopped")
