"""The SQL unit of work: one transaction that writes cases, history, notifications, one outbox
row per new event and, for an event handler, its inbox row; all of it or none of it."""

from collections.abc import Callable
from datetime import datetime
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine, RootTransaction, bindparam, exists, insert, select
from sqlalchemy.exc import IntegrityError

from adapters.crypto import FieldCipher
from adapters.db.disclosures import SqlDisclosureRepository
from adapters.db.outbox import outbox_row
from adapters.db.repository import SqlCaseRepository, SqlNotificationRepository
from adapters.db.tables import inbox, outbox
from workflow.errors import ConcurrencyConflict
from workflow.events import Event
from workflow.unit_of_work import AlreadyHandled, UnitOfWork

Clock = Callable[[], datetime]

# Built once: executing a prepared construct with values hits SQLAlchemy's compiled cache.
_ADD_OUTBOX = insert(outbox)
_ADD_INBOX = insert(inbox)
_HANDLED = select(
    exists().where(
        inbox.c.message_id == bindparam("message_id"), inbox.c.handler == bindparam("handler")
    )
)


class SqlUnitOfWork(UnitOfWork):
    cases: SqlCaseRepository
    notifications: SqlNotificationRepository
    disclosures: SqlDisclosureRepository

    def __init__(self, engine: Engine, cipher: FieldCipher, clock: Clock) -> None:
        self.engine = engine
        self.cipher = cipher
        self.clock = clock

    def __enter__(self) -> Self:
        super().__enter__()
        self.connection: Connection = self.engine.connect()
        self.transaction: RootTransaction = self.connection.begin()
        self.cases = SqlCaseRepository(self.connection, self.cipher)
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
            self.connection.close()

    def already_handled(self, message_id: str, handler: str) -> bool:
        found = self.connection.execute(_HANDLED, {"message_id": message_id, "handler": handler})
        return bool(found.scalar())

    def commit(self) -> None:
        now = self.clock()
        changed = self.cases.changed_versions()
        try:
            self.cases.persist(now)
            self.notifications.persist()
            self.disclosures.persist()
            self._write_outbox(now)
            if self.handling is not None:
                message_id, handler = self.handling
                self.connection.execute(
                    _ADD_INBOX, {"message_id": message_id, "handler": handler, "processed_at": now}
                )
            self.transaction.commit()
        except IntegrityError:
            self.rollback()
            self._explain_integrity_error(changed)
            raise

    def rollback(self) -> None:
        if self.transaction.is_active:
            self.transaction.rollback()

    def _write_outbox(self, now: datetime) -> None:
        new_events = [e for e in self.collect_new_events() if isinstance(e, Event)]
        if not new_events:
            return
        rows = [outbox_row(e, now) for e in new_events]
        # One row, the usual case, is one plain INSERT rather than the executemany path.
        self.connection.execute(_ADD_OUTBOX, rows[0] if len(rows) == 1 else rows)

    def _explain_integrity_error(self, changed: dict[str, int]) -> None:
        """Turn a unique-key clash into the domain's words: a redelivery or a lost race."""
        if self.handling is not None:
            with self.engine.connect() as probe, probe.begin():
                message_id, handler = self.handling
                query = select(
                    exists().where(inbox.c.message_id == message_id, inbox.c.handler == handler)
                )
                if probe.execute(query).scalar():
                    raise AlreadyHandled(f"{handler} already handled {message_id}")
        for case_id, version in changed.items():
            if version > 0:
                raise ConcurrencyConflict(case_id, version)
