"""The case repository on SQLAlchemy Core: one SELECT to load, one versioned UPDATE to save
(sent with the commit's other writes by adapters/db/writes.py).

Core statements rather than the ORM keep the hot path at a handful of round trips with no
identity-map bookkeeping; the benchmark in `benchmarks/lifecycle.py` holds it to the raw driver.
"""

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, String, bindparam, or_, select

from adapters.crypto import FieldCipher
from adapters.db.case_parts import load_consents, persist_parts
from adapters.db.case_rows import case_from_row, case_values, new_case_values
from adapters.db.driver import driver_statement
from adapters.db.tables import case_history, case_links, cases, reports
from adapters.db.writes import Writes
from states import RiskLevel, State
from workflow.case import Case, HistoryEntry
from workflow.consent import Consent
from workflow.errors import CaseNotFound
from workflow.links import OPEN, POSSIBLE_DUPLICATE, EarlierCase
from workflow.report import Report
from workflow.subjects import SubjectIdentity
from workflow.unit_of_work import CaseRepository, Notification, NotificationRepository

T = TypeVar("T")

# Built once; the hot ones are compiled once and run on the driver (adapters/db/driver.py), the
# others found in SQLAlchemy's compiled cache instead of being built and hashed per command.
_LOAD = select(cases).where(cases.c.id == bindparam("id"))
_REPORT = select(reports.c.content).where(reports.c.case_id == bindparam("case_id"))
_EARLIER = select(
    cases.c.id,
    cases.c.state,
    cases.c.received_at,
    cases.c.state_entered_at,
    cases.c.risk_level,
    cases.c.case_director,
)
# Two keys at most (subject key, name and date of birth); one key is passed twice.
_KEYS = (bindparam("key_0", type_=String()), bindparam("key_1", type_=String()))
_SAME_SUBJECT = _EARLIER.where(or_(cases.c.subject_key.in_(_KEYS), cases.c.name_dob_key.in_(_KEYS)))
_SAME_BIRTH_DATE = (
    select(cases.c.id, reports.c.content)
    .join(reports, reports.c.case_id == cases.c.id)
    .where(cases.c.dob_key == bindparam("dob_key"))
)
_OTHER_SUBJECT = _SAME_BIRTH_DATE.where(
    or_(cases.c.subject_key.is_(None), cases.c.subject_key != bindparam("subject_key"))
)


class SqlCaseRepository(CaseRepository):
    def __init__(
        self,
        connection: Connection,
        cipher: FieldCipher,
        reads: dict[tuple[str, str], Any] | None = None,
    ) -> None:
        super().__init__()
        self.connection = connection
        self.cipher = cipher
        # In a worker's batch: what was already read of a case in this transaction, by (what,
        # case id). Several handlers of one batch often read the same case; a save of the case
        # drops its row and consents (its report never changes).
        self.reads = reads
        self._loaded_version: dict[str, int] = {}
        self._new_reports: dict[str, Report] = {}

    def _add(self, case: Case, report: Report) -> None:
        self._new_reports[case.id] = report

    def _get(self, case_id: str) -> Case:
        row = self._read("row", case_id, self._load_row)
        if row is None:
            raise CaseNotFound(case_id)
        case = case_from_row(row)
        self._loaded_version[case.id] = case.version
        return case

    def _load_row(self, case_id: str) -> Any:
        return driver_statement(self.connection, "load case", lambda: _LOAD).first(
            self.connection, {"id": case_id}
        )

    def _read(self, what: str, case_id: str, read: Callable[[str], T]) -> T:
        """`read(case_id)`, or what it gave earlier in this batch."""
        if self.reads is None:
            return read(case_id)
        key = (what, case_id)
        if key in self.reads:
            found: T = self.reads[key]
            return found
        value = self.reads[key] = read(case_id)
        return value

    def earlier_case(self, case_id: str) -> EarlierCase:
        found = self._earlier(cases.c.id == case_id)
        if not found:
            raise CaseNotFound(case_id)
        return found[0]

    def open_duplicates(self, case_id: str) -> list[str]:
        query = select(case_links.c.linked_case_id).where(
            case_links.c.case_id == case_id,
            case_links.c.kind == POSSIBLE_DUPLICATE,
            case_links.c.status == OPEN,
        )
        return list(self.connection.execute(query).scalars())

    def same_subject(self, identity: SubjectIdentity) -> list[EarlierCase]:
        keys = [k for k in (identity.subject_key, identity.name_dob_key) if k]
        if not keys:
            return []
        query = driver_statement(self.connection, "same subject", lambda: _SAME_SUBJECT)
        values = {"key_0": keys[0], "key_1": keys[-1]}
        return self._earlier_rows(query.all(self.connection, values))

    def _earlier(self, condition: ColumnElement[bool]) -> list[EarlierCase]:
        return self._earlier_rows(self.connection.execute(_EARLIER.where(condition)))

    def _earlier_rows(self, rows: Iterable[Any]) -> list[EarlierCase]:
        return [
            EarlierCase(
                row.id,
                State(row.state),
                row.received_at,
                row.state_entered_at if row.state == State.CLOSED else None,
                RiskLevel(row.risk_level) if row.risk_level else None,
                row.case_director,
            )
            for row in rows
        ]

    def same_birth_date(self, identity: SubjectIdentity) -> list[tuple[str, str | None]]:
        """(case id, subject name) of cases with the same date of birth but another subject key;
        names are decrypted here, in memory, only to be compared."""
        if identity.dob_key is None:
            return []
        if identity.subject_key is None:
            query = driver_statement(self.connection, "same birth date", lambda: _SAME_BIRTH_DATE)
            rows = query.all(self.connection, {"dob_key": identity.dob_key})
        else:
            query = driver_statement(
                self.connection, "same birth date, other subject", lambda: _OTHER_SUBJECT
            )
            params = {"dob_key": identity.dob_key, "subject_key": identity.subject_key}
            rows = query.all(self.connection, params)
        found = []
        for row in rows:
            report = Report.model_validate_json(self.cipher.decrypt(row.content))
            found.append((row.id, report.subject.name))
        return found

    def consents(self, case_id: str) -> list[Consent]:
        return list(self._read("consents", case_id, partial(load_consents, self.connection)))

    def report(self, case_id: str) -> Report:
        return self._read("report", case_id, self._load_report)

    def _load_report(self, case_id: str) -> Report:
        load = driver_statement(self.connection, "load report", lambda: _REPORT)
        content = load.scalar(self.connection, {"case_id": case_id})
        if content is None:
            raise CaseNotFound(case_id)
        return Report.model_validate_json(self.cipher.decrypt(content))

    def last_data(self, case_id: str, trigger: str) -> dict[str, Any] | None:
        data = self.connection.execute(
            select(case_history.c.data)
            .where(case_history.c.case_id == case_id, case_history.c.trigger == trigger)
            .order_by(case_history.c.seq.desc())
            .limit(1)
        ).scalar()
        return None if data is None else dict(json.loads(self.cipher.decrypt(data)))

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

    def persist(self, now: datetime, writes: Writes) -> None:
        """Add the writes of every seen case that changed: a new one's rows, or the others'
        version-checked update; then their history and parts."""
        for case in self.seen.values():
            if not case.new_history:
                continue
            loaded = self._loaded_version.get(case.id, 0)
            values = case_values(case, now)
            if self.reads is not None:
                self.reads.pop(("row", case.id), None)
                self.reads.pop(("consents", case.id), None)
            if loaded == 0:
                report = self._new_reports[case.id]
                writes.insert(cases, [{"created_at": now, **new_case_values(case), **values}])
                writes.insert(reports, [self._report_row(case.id, report)])
            else:
                writes.save_case(case.id, loaded, values)
            writes.insert(case_history, [self._history_row(case.id, e) for e in case.new_history])
            persist_parts(writes, case)

    def _report_row(self, case_id: str, report: Report) -> dict[str, object]:
        return {
            "case_id": case_id,
            "channel": report.channel.value,
            "received_at": report.received_at,
            "content": self.cipher.encrypt(report.model_dump_json()),
        }

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

    def rows(self) -> list[dict[str, object]]:
        """The rows to insert into `notifications` on commit."""
        return [
            {
                "recipient": n.recipient,
                "kind": n.kind,
                "case_id": n.case_id,
                "event_id": n.event_id,
                "message": n.message,
                "created_at": n.created_at,
            }
            for n in self.pending
        ]
