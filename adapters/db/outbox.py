"""The outbox table as a durable queue: rows are claimed, marked done, retried with back-off, or
moved to dead with the error. Both the embedded dispatcher and the RabbitMQ relay use it."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Select, Update, and_, func, select, update

from adapters.db.tables import outbox
from workflow.events import Event

Clock = Callable[[], datetime]

PENDING, DONE, DEAD = "pending", "done", "dead"


@dataclass(frozen=True)
class OutboxRow:
    id: int
    event_id: str
    event_type: str
    case_id: str
    payload: str
    attempts: int
    last_error: str | None = None
    created_at: datetime | None = None


_COLUMNS = (
    outbox.c.id,
    outbox.c.event_id,
    outbox.c.event_type,
    outbox.c.case_id,
    outbox.c.payload,
    outbox.c.attempts,
    outbox.c.last_error,
    outbox.c.created_at,
)


@dataclass
class Claim:
    """Rows held by one relay transaction; only the ids in `published` are marked done."""

    rows: list[OutboxRow]
    published: list[int] = field(default_factory=list)


def outbox_row(event: Event, now: datetime) -> dict[str, Any]:
    """The outbox row of one event, as the unit of work writes it on commit."""
    return {
        "event_id": str(event.event_id),
        "event_type": type(event).__name__,
        "case_id": event.case_id,
        "payload": event.model_dump_json(),
        "created_at": now,
        "status": PENDING,
        "attempts": 0,
        "available_at": now,
    }


def claim_query(now: datetime, limit: int, lock: bool) -> Select[Any]:
    """The oldest `limit` pending rows whose back-off has passed; with `lock`, locked for the
    claiming transaction and skipped by the others (PostgreSQL)."""
    query = (
        select(*_COLUMNS)
        .where(outbox.c.status == PENDING, outbox.c.available_at <= now)
        .order_by(outbox.c.id)
        .limit(limit)
    )
    return query.with_for_update(skip_locked=True) if lock else query


def oldest_first(conn: Connection) -> None:
    """On PostgreSQL, have this transaction read pending rows through the (status, id) index in
    order, stopping at the limit. Without fresh statistics (a new or fast-growing outbox) the
    planner otherwise picks a bitmap scan of every pending row and a sort, so each claim costs
    as much as the whole backlog, just when a backlog must drain fast (after a broker outage)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL enable_bitmapscan = off")


class OutboxStore:
    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock

    def pending(self, limit: int, ignore_backoff: bool = False) -> list[OutboxRow]:
        """The oldest pending rows whose back-off has passed, in commit order."""
        condition = outbox.c.status == PENDING
        if not ignore_backoff:
            condition = and_(condition, outbox.c.available_at <= self.clock())
        query = select(*_COLUMNS).where(condition).order_by(outbox.c.id).limit(limit)
        with self.engine.connect() as conn, conn.begin():
            oldest_first(conn)
            return [OutboxRow(*row) for row in conn.execute(query)]

    @contextmanager
    def claim_for_publish(self, limit: int) -> Iterator[Claim]:
        """Hold up to `limit` pending rows in one transaction; on a clean exit mark the published
        ones done in that same transaction and commit. PostgreSQL locks them with FOR UPDATE SKIP
        LOCKED, so concurrent relays take disjoint rows; SQLite's BEGIN IMMEDIATE serialises them.
        An exception rolls everything back: the rows stay pending and are published again."""
        with self.engine.connect() as conn, conn.begin():
            oldest_first(conn)
            query = claim_query(self.clock(), limit, conn.dialect.name == "postgresql")
            claim = Claim([OutboxRow(*row) for row in conn.execute(query)])
            yield claim
            if claim.published:
                conn.execute(self._done(claim.published))

    def mark_done(self, row_id: int) -> None:
        self._update(row_id, status=DONE, done_at=self.clock(), last_error=None)

    def mark_all_done(self, row_ids: list[int]) -> None:
        with self.engine.connect() as conn, conn.begin():
            conn.execute(self._done(row_ids))

    def _done(self, row_ids: list[int]) -> Update:
        return (
            update(outbox)
            .where(outbox.c.id.in_(row_ids))
            .values(status=DONE, done_at=self.clock(), last_error=None)
        )

    def record_failure(
        self, row: OutboxRow, error: str, max_attempts: int, backoff_seconds: float
    ) -> str:
        """Count a failed attempt; after `max_attempts` the row is dead. Returns the new status."""
        attempts = row.attempts + 1
        status = DEAD if attempts >= max_attempts else PENDING
        delay = timedelta(seconds=backoff_seconds * 2 ** (attempts - 1))
        self._update(
            row.id,
            status=status,
            attempts=attempts,
            last_error=error[:4000],
            available_at=self.clock() + delay,
        )
        return status

    def kill(self, row: OutboxRow, error: str) -> None:
        """A row that can never succeed (malformed): dead at once."""
        self._update(row.id, status=DEAD, attempts=row.attempts + 1, last_error=error[:4000])

    def retry_dead(self, event_id: str | None = None) -> int:
        """Put dead rows back in the queue with a fresh count; returns how many."""
        condition = outbox.c.status == DEAD
        if event_id is not None:
            condition = and_(condition, outbox.c.event_id == event_id)
        statement = (
            update(outbox)
            .where(condition)
            .values(status=PENDING, attempts=0, available_at=self.clock())
        )
        with self.engine.connect() as conn, conn.begin():
            return conn.execute(statement).rowcount

    def dead(self, limit: int = 100, offset: int = 0) -> list[OutboxRow]:
        query = (
            select(*_COLUMNS)
            .where(outbox.c.status == DEAD)
            .order_by(outbox.c.id)
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn, conn.begin():
            return [OutboxRow(*row) for row in conn.execute(query)]

    def status(self) -> dict[str, Any]:
        counts = {PENDING: 0, DONE: 0, DEAD: 0}
        with self.engine.connect() as conn, conn.begin():
            for status, count in conn.execute(
                select(outbox.c.status, func.count()).group_by(outbox.c.status)
            ):
                counts[status] = count
            oldest = conn.execute(
                select(func.min(outbox.c.created_at)).where(outbox.c.status == PENDING)
            ).scalar()
        age = (self.clock() - oldest).total_seconds() if oldest else None
        return {**counts, "oldest_pending_age_seconds": age}

    def _update(self, row_id: int, **values: Any) -> None:
        with self.engine.connect() as conn, conn.begin():
            conn.execute(update(outbox).where(outbox.c.id == row_id).values(**values))
