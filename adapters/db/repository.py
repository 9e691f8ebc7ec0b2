"""The case repository on SQLAlchemy Core: one SELECT to load, one versioned UPDATE to save.

Core statements rather than the ORM keep the hot path at a handful of round trips with no
identity-map bookkeeping; the benchmark in `benchmarks/lifecycle.py` holds it to the raw driver.
"""

import json
from datetime import datetime

from sqlalchemy import Connection, bindparam, insert, select, update

from adapters.crypto import FieldCipher
from adapters.db.case_rows import case_from_row, case_values
from adapters.db.tables import case_history, cases, notifications, reports
from workflow.case import Case, HistoryEntry
from workflow.errors import CaseNotFound, ConcurrencyConflict
from workflow.report import Report
from workflow.unit_of_work import CaseRepository, Notification, NotificationRepository

_LOAD = select(cases).where(cases.c.id == bindparam("id"))


class SqlCaseRepository(CaseRepository):
    def __init__(self, connection: Connection, cipher: FieldCipher) -> None:
        super().__init__()
        self.connection = connection
        self.cipher = cipher
        self._loaded_version: dict[str, int] = {}
        self._new_reports: dict[str, Report] = {}

    def _add(self, case: Case, report: Report) -> None:
        self._new_reports[case.id] = report

    def _get(self, case_id: str) -> Case:
        row = self.connection.execute(_LOAD, {"id": case_id}).first()
        if row is None:
            raise CaseNotFound(case_id)
        case = case_from_row(row)
        self._loaded_version[case.id] = case.version
        return case

    def due_alerts(self, now: datetime, follow_ups: bool, limit: int) -> list[str]:
        kind = cases.c.deadline_kind == "follow_up"
        query = (
            select(cases.c.id)
            .where(cases.c.next_alert_at <= now, kind if follow_ups else ~kind)
            .order_by(cases.c.next_alert_at)
            .limit(limit)
        )
        return list(self.connection.execute(query).scalars())

    def feedback_due(self, now: datetime, limit: int) -> list[str]:
        query = (
            select(cases.c.id)
            .where(cases.c.feedback_alert_at <= now)
            .order_by(cases.c.feedback_alert_at)
            .limit(limit)
        )
        return list(self.connection.execute(query).scalars())

    def changed_versions(self) -> dict[str, int]:
        """The version each changed case had when loaded (0: new)."""
        return {
            cid: self._loaded_version.get(cid, 0)
            for cid, case in self.seen.items()
            if case.new_history
        }

    def persist(self, now: datetime) -> None:
        """Write every seen case that changed: insert new ones, version-check the others."""
        for case in self.seen.values():
            if not case.new_history:
                continue
            loaded = self._loaded_version.get(case.id, 0)
            values = case_values(case, now)
            if loaded == 0:
                self._insert(case, values, now, self._new_reports[case.id])
            else:
                result = self.connection.execute(
                    update(cases)
                    .where(cases.c.id == case.id, cases.c.version == loaded)
                    .values(**values)
                )
                if result.rowcount != 1:
                    raise ConcurrencyConflict(case.id, loaded)
            self.connection.execute(
                insert(case_history), [self._history_row(case.id, e) for e in case.new_history]
            )

    def _insert(self, case: Case, values: dict[str, object], now: datetime, report: Report) -> None:
        self.connection.execute(
            insert(cases).values(
                id=case.id,
                received_at=case.received_at,
                municipality=case.municipality,
                created_at=now,
                **values,
            )
        )
        self.connection.execute(
            insert(reports).values(
                case_id=case.id,
                channel=report.channel.value,
                received_at=report.received_at,
                content=self.cipher.encrypt(report.model_dump_json()),
            )
        )

    def _history_row(self, case_id: str, entry: HistoryEntry) -> dict[str, object]:
        return {
            "case_id": case_id,
            "seq": entry.seq,
            "trigger": entry.trigger,
            "from_state": entry.from_state.value if entry.from_state else None,
            "to_state": entry.to_state.value,
            "actor": entry.actor,
            "occurred_at": entry.occurred_at,
            "data": self.cipher.encrypt(json.dumps(entry.data, ensure_ascii=False)),
            "correlation_id": entry.correlation_id,
        }


class SqlNotificationRepository(NotificationRepository):
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.pending: list[Notification] = []

    def add(self, notification: Notification) -> None:
        self.pending.append(notification)

    def persist(self) -> None:
        if self.pending:
            self.connection.execute(
                insert(notifications),
                [
                    {
                        "recipient": n.recipient,
                        "kind": n.kind,
                        "case_id": n.case_id,
                        "event_id": n.event_id,
                        "message": n.message,
                        "created_at": n.created_at,
                    }
                    for n in self.pending
                ],
            )
