"""The SQL unit of work: one transaction around a command or one event handler.

It reads through its repository, collects what the work wrote (adapters/db/commit.py: the
changed cases with their version check, history, outbox rows for the new events, the
handled-message row of an event handler or a partner message, notifications, disclosures, and
the access-log rows of a command made for a person) and writes it all with `commit.write` in
its one transaction: all of it or none of it. On SQLite the transaction begins IMMEDIATE
(adapters/db/engine.py).

A unit may instead join a `SharedTransaction`, the worker's batch (adapters/bus/batch.py): its
commit writes the same changes the same way and leaves the COMMIT to the batch."""

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine, RootTransaction, bindparam, exists, select
from sqlalchemy.exc import IntegrityError

from adapters.crypto import FieldCipher
from adapters.db.commit import Changes, write
from adapters.db.disclosure_repository import SqlDisclosureRepository
from adapters.db.noncase_repository import SqlNonCaseRepository
from adapters.db.notifications import SqlNotificationRepository
from adapters.db.outbox import outbox_row
from adapters.db.repository import SqlCaseRepository
from adapters.db.shared_transaction import SharedTransaction
from adapters.db.tables import disclosures, handled_messages, notifications, outbox
from workflow.errors import ConcurrencyConflict
from workflow.events import Event
from workflow.unit_of_work import AlreadyHandled, UnitOfWork

Clock = Callable[[], datetime]

_HANDLED = select(
    exists().where(
        handled_messages.c.message_id == bindparam("message_id"),
        handled_messages.c.handler == bindparam("handler"),
    )
)


class SqlUnitOfWork(UnitOfWork):
    cases: SqlCaseRepository
    notifications: SqlNotificationRepository
    disclosures: SqlDisclosureRepository
    noncase: SqlNonCaseRepository

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
        if self.shared is None:
            self.connection = self.engine.connect()
            self.transaction = self.connection.begin()
        else:
            self.connection, self.transaction = self.shared.connection, None
        self.cases = SqlCaseRepository(self.connection, self.cipher)
        self.notifications = SqlNotificationRepository()
        self.disclosures = SqlDisclosureRepository(self.connection, self.cipher)
        self.noncase = SqlNonCaseRepository(self.connection, self.cipher)
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
        changes = self.changes()
        try:
            write(self.connection, changes)
            if self.shared is not None and self.handling is not None:
                self.shared.record_handled(*self.handling)
            if self.transaction is not None:
                self.transaction.commit()
        except IntegrityError:
            if self.shared is not None:
                raise  # the batch rolls back whole and its messages are handled one by one
            self.rollback()
            self._explain_integrity_error()
            raise

    def changes(self) -> Changes:
        """Everything this unit wrote, as the writer sends it."""
        now = self.clock()
        changes = Changes()
        self.cases.collect(changes, now)
        events = [e for e in self.collect_new_events() if isinstance(e, Event)]
        changes.insert(outbox, [outbox_row(e, now) for e in events])
        changes.insert(notifications, self.notifications.rows())
        changes.insert(disclosures, self.disclosures.rows())
        changes.updates.extend(self.disclosures.updates)
        if self.handling is not None:
            message_id, handler = self.handling
            row = {"message_id": message_id, "handler": handler, "processed_at": now}
            changes.insert(handled_messages, [row])
        if self.access is not None:
            for case in self.cases.seen.values():
                if case.new_history:
                    key = case.identity.subject_key if case.identity else None
                    changes.log_access(replace(self.access, case_id=case.id), key, now)
        for entry, subject_key in self.accesses:
            changes.log_access(entry, subject_key, now)
        self.noncase.collect(changes, self.access, now)
        return changes

    def rollback(self) -> None:
        # In a batch there is nothing of this unit's own to undo: a failed commit breaks the
        # whole batch, which rolls back.
        if self.transaction is not None and self.transaction.is_active:
            self.transaction.rollback()

    def _explain_integrity_error(self) -> None:
        """Turn a unique-key clash into the domain's words: a redelivery or a lost race."""
        if self.handling is not None:
            message_id, handler = self.handling
            with self.engine.connect() as probe, probe.begin():
                params = {"message_id": message_id, "handler": handler}
                if probe.execute(_HANDLED, params).scalar():
                    raise AlreadyHandled(f"{handler} already handled {message_id}")
        for case_id, version in self.cases.changed_versions().items():
            if version > 0:
                raise ConcurrencyConflict(case_id, version)
