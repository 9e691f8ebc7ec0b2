"""The non-case records past their term on SQLAlchemy Core (docs/retention.md#non-case-records):
advice questions and prevention activities removed a calendar year at a time, and the free text
of advice questions destroyed (the advice encrypted anew as empty, the organisation emptied; the
countable fields stay). One batch is one transaction with one access-log row naming its records.
Idempotent: a destroyed text has an empty organisation, which no recorded question has."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, or_, select, update

from adapters.crypto import FieldCipher
from adapters.db.access_chain import append
from adapters.db.tables import advice_questions, cases, legal_holds, prevention_activities
from workflow.access import AccessEntry
from workflow.record_store import RecordBatch, RecordStep
from workflow.record_terms import Cutoffs

ADVICE, ACTIVITY = "advice_question", "prevention_activity"


class SqlRecordStore:
    def __init__(self, engine: Engine, cipher: FieldCipher) -> None:
        self.engine = engine
        self.cipher = cipher

    def prune_batch(
        self, cut: Cutoffs, size: int, now: datetime, access: AccessEntry
    ) -> RecordBatch:
        advice, activity = advice_questions.c, prevention_activities.c
        anonymised = select(cases.c.id).where(cases.c.anonymised_at.is_not(None))
        held = select(legal_holds.c.case_id).where(legal_holds.c.lifted_at.is_(None))
        # A legal hold on the case a question led to stops everything done to the question.
        free = or_(advice.case_id.is_(None), advice.case_id.not_in(held))
        text_due = (
            advice.organisation != "",
            or_(advice.asked_on <= cut.advice_text_until, advice.case_id.in_(anonymised)),
            free,
        )
        advice_gone = [advice.asked_on < cut.advice_before, free]
        activities_gone = [activity.day < cut.activities_before]
        steps: list[tuple[RecordStep, Any, Any, Sequence[Any]]] = [
            (RecordStep.ADVICE_DELETED, advice_questions, advice.id, advice_gone),
            (RecordStep.ACTIVITIES_DELETED, prevention_activities, activity.id, activities_gone),
            (RecordStep.ADVICE_TEXT_DESTROYED, advice_questions, advice.id, text_due),
        ]
        with self.engine.begin() as conn:
            if conn.dialect.name == "sqlite":  # freed space is zeroed, not left readable
                conn.exec_driver_sql("PRAGMA secure_delete = ON")
            for step, table, key, due in steps:
                chosen = list(conn.scalars(select(key).where(*due).limit(size)))
                if not chosen:
                    continue
                if step is RecordStep.ADVICE_TEXT_DESTROYED:
                    emptied = {"advice": self.cipher.encrypt(""), "organisation": ""}
                    conn.execute(update(table).where(key.in_(chosen)).values(emptied))
                else:
                    conn.execute(delete(table).where(key.in_(chosen)))
                _log(conn, access, table.name, step, chosen, now)
                left = conn.execute(select(func.count()).select_from(table).where(*due))
                return RecordBatch(step, len(chosen), int(left.scalar_one()))
        return RecordBatch(None, 0, 0)

    def sweep_free_space(self) -> None:
        """PostgreSQL's VACUUM frees the old row versions that still hold the destroyed text
        (SQLite zeroes freed space itself: secure_delete above)."""
        if self.engine.dialect.name == "sqlite":
            return
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM advice_questions, prevention_activities")


def _log(
    conn: Connection,
    access: AccessEntry,
    table: str,
    step: RecordStep,
    ids: Sequence[str],
    now: datetime,
) -> None:
    """One access-log row for the batch, naming each record as the non-case records do."""
    resource = ADVICE if table == advice_questions.name else ACTIVITY
    what = "destroy_text" if step is RecordStep.ADVICE_TEXT_DESTROYED else "delete"
    fields = (what, *(f"id:{record_id}" for record_id in ids))
    entry = replace(access, action="write", resource=resource, case_id=None, fields=fields)
    append(conn, [(entry, None)], now)
