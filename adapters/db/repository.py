"""The case repository on SQLAlchemy Core: one SELECT to load, one versioned UPDATE to save
(sent with the commit's other writes by adapters/db/writes.py). Look-ups across cases (intake
matching, the sweeps) are in adapters/db/case_lookups.py.

Core statements rather than the ORM keep the hot path at a handful of round trips with no
identity-map bookkeeping; the benchmark in `benchmarks/lifecycle.py` holds it to the raw driver.
"""

import json
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import Connection, bindparam, select

from adapters.crypto import FieldCipher
from adapters.db.case_lookups import CaseLookups
from adapters.db.case_parts import load_consents, persist_parts
from adapters.db.case_rows import case_from_row, case_values, new_case_values
from adapters.db.driver import driver_statement
from adapters.db.tables import case_history, cases, reports
from adapters.db.writes import Writes
from workflow.case import Case, HistoryEntry
from workflow.consent import Consent
from workflow.errors import CaseNotFound
from workflow.report import Report
from workflow.unit_of_work import CaseRepository

T = TypeVar("T")

# Built once, compiled once and run on the driver (adapters/db/driver.py).
_LOAD = select(cases).where(cases.c.id == bindparam("id"))
_REPORT = select(reports.c.content).where(reports.c.case_id == bindparam("case_id"))


class SqlCaseRepository(CaseLookups, CaseRepository):
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
