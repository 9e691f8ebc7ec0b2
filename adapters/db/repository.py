"""The case repository on SQLAlchemy Core: one SELECT to load a case, and at commit the changes
of every case it handed out (adapters/db/commit.py sends them). Look-ups across cases (intake
matching, the sweeps) are in adapters/db/case_lookups.py.

Core statements rather than the ORM: one SELECT to load, one versioned UPDATE to save, no
identity map or flush (docs/architecture.md, decisions)."""

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from adapters.crypto import FieldCipher
from adapters.db import case_lookups, figure_facts
from adapters.db.case_rows import case_from_row, case_values, new_case_values
from adapters.db.commit import CaseSave, Changes
from adapters.db.corrections import correction_updates
from adapters.db.tables import (
    case_facts,
    case_forms,
    case_history,
    case_links,
    case_milestones,
    cases,
    consents,
    reports,
)
from states import State
from workflow.case import Case, HistoryEntry
from workflow.consent import Consent, ConsentGiver, ConsentScope
from workflow.errors import CaseNotFound
from workflow.links import EarlierCase
from workflow.report import Report
from workflow.subjects import SubjectIdentity
from workflow.unit_of_work import CaseRepository

_LOAD = select(cases).where(cases.c.id == bindparam("id"))
_REPORT = select(reports.c.content).where(reports.c.case_id == bindparam("case_id"))
_CONSENTS = (
    select(consents).where(consents.c.case_id == bindparam("case_id")).order_by(consents.c.given_at)
)


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

    def report(self, case_id: str) -> Report:
        content = self.connection.execute(_REPORT, {"case_id": case_id}).scalar()
        if content is None:
            raise CaseNotFound(case_id)
        return Report.model_validate_json(self.cipher.decrypt(content))

    def consents(self, case_id: str) -> list[Consent]:
        return [
            Consent(
                row.consent_id,
                row.case_id,
                ConsentGiver(row.given_by),
                ConsentScope(row.scope),
                row.partner,
                row.given_at,
                row.recorded_by,
                row.withdrawn_at,
                row.withdrawn_by,
            )
            for row in self.connection.execute(_CONSENTS, {"case_id": case_id})
        ]

    def last_entry(
        self, case_id: str, trigger: str, as_of: int | None = None
    ) -> HistoryEntry | None:
        return case_lookups.last_entry(self.connection, self.cipher, case_id, trigger, as_of)

    def state_at(self, case_id: str, version: int) -> State:
        return case_lookups.state_at(self.connection, case_id, version)

    def same_subject(self, identity: SubjectIdentity) -> list[EarlierCase]:
        return case_lookups.same_subject(self.connection, identity)

    def same_birth_date(self, identity: SubjectIdentity) -> list[tuple[str, str | None]]:
        return case_lookups.same_birth_date(self.connection, self.cipher, identity)

    def earlier_case(self, case_id: str) -> EarlierCase:
        return case_lookups.earlier_case(self.connection, case_id)

    def open_duplicates(self, case_id: str) -> list[str]:
        return case_lookups.open_duplicates(self.connection, case_id)

    def due_alerts(self, now: datetime, follow_ups: bool, limit: int) -> list[str]:
        return case_lookups.due_alerts(self.connection, now, follow_ups, limit)

    def feedback_due(self, now: datetime, limit: int) -> list[str]:
        return case_lookups.feedback_due(self.connection, now, limit)

    def changed_versions(self) -> dict[str, int]:
        """The version each changed case had when loaded (0: new)."""
        return {
            cid: self._loaded_version.get(cid, 0)
            for cid, case in self.seen.items()
            if case.new_history
        }

    def collect(self, changes: Changes, now: datetime) -> None:
        """Add what every changed case wrote: a new one's rows or the others' versioned save,
        then their history, links and consents."""
        for case in self.seen.values():
            if not case.new_history:
                continue
            loaded = self._loaded_version.get(case.id, 0)
            values = case_values(case, now)
            if loaded == 0:
                changes.insert(cases, [{"created_at": now, **new_case_values(case), **values}])
                report = self._new_reports[case.id]
                changes.insert(reports, [self._report_row(case.id, report)])
                changes.insert(case_facts, [figure_facts.fact_row(case.id, report)])
                changes.insert(case_forms, figure_facts.form_rows(case.id, report))
            else:
                changes.saves.append(CaseSave(case.id, loaded, values))
            changes.insert(case_history, [self._history_row(case.id, e) for e in case.new_history])
            changes.insert(case_milestones, figure_facts.milestone_rows(case.id, case.new_history))
            self._collect_parts(changes, case)
            if case.id in self.corrected:
                changes.updates.extend(
                    correction_updates(case, self.corrected[case.id], self.cipher)
                )

    def _collect_parts(self, changes: Changes, case: Case) -> None:
        changes.insert(case_links, [vars(link) for link in case.new_links])
        changes.insert(consents, [_consent_row(c) for c in case.new_consents])
        for decision in case.link_decisions:
            changes.updates.append(
                update(case_links)
                .where(
                    case_links.c.case_id == case.id,
                    case_links.c.linked_case_id == decision.linked_case_id,
                )
                .values(
                    status=decision.status,
                    decided_by=decision.decided_by,
                    decided_at=decision.decided_at,
                )
            )
        for withdrawal in case.consent_withdrawals:
            changes.updates.append(
                update(consents)
                .where(consents.c.consent_id == withdrawal.consent_id)
                .values(withdrawn_at=withdrawal.withdrawn_at, withdrawn_by=withdrawal.withdrawn_by)
            )

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


def _consent_row(consent: Consent) -> dict[str, Any]:
    row = vars(consent).copy()
    row["given_by"], row["scope"] = consent.given_by.value, consent.scope.value
    return row
