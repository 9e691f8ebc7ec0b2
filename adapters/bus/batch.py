"""Several events' handlers in one database transaction: how a worker keeps up with a busy queue.

A handler run on its own costs a connection check-out, a BEGIN, a handled-message look-up and a
COMMIT with its fsync, more than the handler's own work. A batch pays those once: each handler's
unit of work writes through the same writer as any other (adapters/db/commit.py) inside the one
shared transaction (adapters/db/shared_transaction.py), and the batch commits at the end. It is
all or nothing: when any handler in it fails, the batch rolls back and raises, and the worker
then handles those messages one at a time, where a failure stays with its own handler and
message: the plain path, which is also what every test of a single event exercises.

Measured 2026-12-02 on this project's 2-core machine, PostgreSQL 15 and RabbitMQ on loopback,
`python benchmarks/pipeline.py --cases 1000 --workers 2 --skip-sqlite --json`: 2,390 and 2,425
events/s with batches (the default prefetch of 50); with `MELDPUNT_BROKER_PREFETCH=1`, so every
message goes on its own, 707 events/s.
"""

from collections.abc import Callable, Sequence

import structlog
from sqlalchemy import Engine

from adapters.db.shared_transaction import SharedTransaction, shared_transaction
from workflow.events import Event
from workflow.messagebus import MessageBus
from workflow.unit_of_work import UnitOfWork

log = structlog.get_logger(__name__)

UnitOfWorkIn = Callable[[SharedTransaction], UnitOfWork]


class EventBatches:
    def __init__(self, bus: MessageBus, engine: Engine, uow_in: UnitOfWorkIn) -> None:
        self.bus = bus
        self.engine = engine
        self.uow_in = uow_in

    def handle(self, events: Sequence[Event]) -> int:
        """Run every handler of every event once in effect, in one transaction; returns how
        many handler runs took effect. Raises whatever a handler or the commit raised."""
        ran = 0
        with shared_transaction(self.engine) as shared:
            for event in events:
                for name in self.bus.handler_names(type(event)):
                    ran += self.bus.handle_event(event, name, self.uow_in(shared))
        return ran

    def try_handle(self, events: Sequence[Event]) -> bool:
        """`handle`, saying instead of raising: False when the batch rolled back, and the caller
        is to handle the events one by one, where a failure stays with its own event."""
        try:
            self.handle(events)
        except Exception as error:
            log.warning(
                "batch rolled back, handling its events one by one",
                events=len(events),
                error=f"{type(error).__name__}: {error}",
            )
            return False
        return True
