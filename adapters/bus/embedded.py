"""The embedded event path: the outbox in the database is the durable queue, and this dispatcher
runs each pending row's handlers in process. A row is done only when every handler has committed
(each with its handled-message row), so a crash anywhere loses nothing and repeats nothing in
effect.

The rows of one poll run their handlers in one transaction (adapters/bus/batch.py) and are then
marked done together; when anything in that batch fails it rolls back and the rows are handled
one by one, each handler in its own transaction, a failure kept to its own row."""

import threading

import structlog
from pydantic import ValidationError

from adapters.bus.batch import EventBatches
from adapters.db.outbox import DEAD, OutboxRow, OutboxStore
from adapters.polling import poll
from workflow.events import Event, event_from_json
from workflow.log_context import bound
from workflow.messagebus import MessageBus

log = structlog.get_logger(__name__)


class OutboxDispatcher:
    def __init__(
        self,
        store: OutboxStore,
        bus: MessageBus,
        max_attempts: int,
        backoff_seconds: float,
        batch_size: int = 100,
        batches: EventBatches | None = None,
    ) -> None:
        self.store = store
        self.bus = bus
        self.max_attempts = max_attempts
        self.backoff_seconds = backoff_seconds
        self.batch_size = batch_size
        self.batches = batches  # None: every row on its own

    def dispatch_once(self, ignore_backoff: bool = False) -> int:
        """Handle one batch of pending rows; returns how many rows were attempted."""
        rows = self.store.pending(self.batch_size, ignore_backoff=ignore_backoff)
        parsed = [(row, event) for row in rows if (event := self._parse(row)) is not None]
        batch = [event for _, event in parsed]
        if self.batches is not None and len(batch) > 1 and self.batches.try_handle(batch):
            self.store.mark_all_done([row.id for row, _ in parsed])
            return len(rows)
        for row, event in parsed:
            self._dispatch(row, event)
        return len(rows)

    def drain(self) -> int:
        """Handle every pending event, retrying failures at once, until each is done or dead."""
        total = 0
        while (count := self.dispatch_once(ignore_backoff=True)) > 0:
            total += count
        return total

    def run(self, stop: threading.Event, interval_seconds: float) -> None:
        poll(self.dispatch_once, stop, interval_seconds, "outbox dispatcher")

    def _parse(self, row: OutboxRow) -> Event | None:
        try:
            return event_from_json(row.event_type, row.payload)
        except (KeyError, ValidationError) as error:
            self.store.kill(row, f"malformed event {row.event_type}: {error}")
            log.error("malformed outbox row moved to dead", event_type=row.event_type)
            return None

    def _dispatch(self, row: OutboxRow, event: Event) -> None:
        with bound(event_id=row.event_id, case_id=row.case_id):
            failures = []
            for name in self.bus.handler_names(type(event)):
                try:
                    self.bus.handle_event(event, name)
                except Exception as error:  # isolate: one handler's failure stops no other
                    log.exception("event handler failed", handler=name)
                    failures.append(f"{name}: {type(error).__name__}: {error}")
            if not failures:
                self.store.mark_done(row.id)
                return
            status = self.store.record_failure(
                row, "; ".join(failures), self.max_attempts, self.backoff_seconds
            )
            if status == DEAD:
                log.error("event moved to dead after repeated failures", attempts=row.attempts + 1)
