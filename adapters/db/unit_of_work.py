"""The SQL unit of work: one transaction that writes cases, history, notifications, one outbox
row per new event and, for an event handler, its inbox row; all of it or none of it.

On SQLite that is a BEGIN IMMEDIATE transaction around the unit. On PostgreSQL the unit reads in
autocommit and sends its writes as one statement (adapters/db/writes.py), which is a transaction
of its own; the version check in it refuses a write based on a stale read.

A unit may instead join a SharedTransaction (the worker's batch): then its commit writes its rows
and leaves the inbox row and the real COMMIT to the batch."""

from collections.abc import Callable
from datetime import datetime
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine, RootTransaction, bindparam, exists, select
from sqlalchemy.exc import IntegrityError

from adapters.crypto import FieldCipher
from adapters.db.disclosures import SqlDisclosureRepository
from adapters.db.notifications import SqlNotificationRepository
from adapters.db.outbox import outbox_row
from adapters.db.repository import SqlCaseRepository
from adapters.db.shared_transaction import SharedTransaction
from adapters.db.tables import disclosures, inbox, notifications, outbox
from adapters.db.writes import Writes
from workflow.errors import ConcurrencyConflict
from workflow.events import Event
from workflow.unit_of_work import AlreadyHandled, UnitOfWork

Clock = Callable[[], datetime]

_HANDLED = select(
    exists().where(
        inbox.c.message_id == bindparam("message_id"), inbox.c.handler == bindparam("handler")
    )
)


class SqlUnitOfWork(UnitOfWork):
    cases: SqlCaseRepository
    notifications: SqlNotificationRepository
    disclosures: SqlDisclosureRepository

    def __init__(
        self,
        engine: Engine,
        cipher: FieldCipher,
        clock: Clock,
        shared: SharedTransaction | None = None,
    ) -> None:
        self.engine = engine
        self.cipher = cipher
        self.clock = clock
        self.shared = shared

    def __enter__(self) -> Self:
        super().__enter__()
        self.connection: Connection
        self.transaction: RootTransaction | None
        if self.shared is None and self.engine.dialect.name == "postgresql":
            # Reads outside a transaction (the version check guards the write), and the writes
            # as one statement, itself a transaction: no BEGIN and COMMIT round trips.
            self.connection = self.engine.connect()
            self.connection.execution_options(isolation_level="AUTOCOMMIT")
            self.transaction = None
        elif self.shared is None:
            self.connection = self.engine.connect()
            self.transaction = self.connection.begin()
        else:
            self.connection, self.transaction = self.shared.connection, None
        reads = self.shared.case_reads if self.shared is not None else None
        self.cases = SqlCaseRepository(self.connection, self.cipher, reads)
        self.notifications = SqlNotificationRepository(self.connection)
        self.disclosures = SqlDisclosureRepository(self.connection, self.cipher)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            super().__exit__(exc_type, exc, tb)
        finally:
            if self.shared is None:
                self.connection.close()

    def already_handled(self, message_id: str, handler: str) -> bool:
        if self.shared is not None:
            return self.shared.already_handled(message_id, handler)
        found = self.connection.execute(_HANDLED, {"message_id": message_id, "handler": handler})
        return bool(found.scalar())

    def commit(self) -> None:
        now = self.clock()
        changed = self.cases.changed_versions()
        try:
            writes = Writes()
            self.cases.persist(now, writes)
            events = [e for e in self.collect_new_events() if isinstance(e, Event)]
            unread = [  # rows nothing in this transaction reads back
                (notifications, self.notifications.rows()),
                (disclosures, self.disclosures.rows()),
                (outbox, [outbox_row(e, now) for e in events]),
            ]
            if self.handling is not None:
                message_id, handler = self.handling
                row = {"message_id": message_id, "handler": handler, "processed_at": now}
                unread.append((inbox, [row]))
            for table, rows in unread:
                if self.shared is None:
                    writes.insert(table, rows)
                elif rows:  # a batch inserts them together when it ends
                    self.shared.insert_later(table, rows)
            if self.shared is not None and self.handling is not None:
                self.shared.record_handled(*self.handling)
            writes.send(
                self.connection,
                in_transaction=self.shared is not None or self.transaction is not None,
            )
            if self.transaction is not None:
                self.transaction.commit()
        except IntegrityError:
            if self.shared is not None:
                raise  # the batch rolls back whole and its messages are handled one by one
            self.rollback()
            self._explain_integrity_error(changed)
            raise

    def rollback(self) -> None:
        # In a batch there is nothing of this unit's own to undo: it writes only in commit, and
        # a commit that fails breaks the whole batch, which rolls back.
        if self.transaction is not None and self.transaction.is_active:
            self.transaction.rollback()

    def _explain_integrity_error(self, changed: dict[str, int]) -> None:
        """Turn a unique-key clash into the domain's words: a redelivery or a lost race."""
        if self.handling is not None:
            with self.engine.connect() as probe, probe.begin():
                message_id, handler = self.handling
                params = {"message_id": message_id, "handler": handler}
                if probe.execute(_HANDLED, params).scalar():
                    raise AlreadyHandled(f"{handler} already handled {message_id}")
        for case_id, version in changed.items():
            if version > 0:
                raise ConcurrencyConflict(case_id, version)
