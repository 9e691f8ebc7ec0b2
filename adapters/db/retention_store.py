"""Legal holds, destruction lists and their anonymisation on SQLAlchemy Core. Each method is one
transaction, and writes the access-log rows of what it did in it (adapters/db/access_chain.py).
A batch is one transaction too: killed halfway, each of its cases is untouched or anonymised."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from uuid import uuid4

from sqlalchemy import (
    Connection,
    Engine,
    String,
    and_,
    delete,
    exists,
    func,
    insert,
    literal,
    select,
    update,
)

from adapters.crypto import FieldCipher
from adapters.db.access_chain import append
from adapters.db.access_prune import prune_access_log
from adapters.db.anonymise import anonymise_cases
from adapters.db.tables import (
    cases,
    destruction_items,
    destruction_lists,
    legal_holds,
    notifications,
)
from states import State
from workflow.access import AccessEntry
from workflow.errors import CaseNotFound, InvalidInput
from workflow.errors import reason as say
from workflow.retention import Nomination
from workflow.retention_store import Batch, CaseStanding

PROPOSED, APPROVED = "proposed", "approved"
REMOVED, ANONYMISED = "removed", "anonymised"
RETENTION, ERASURE = "retention", "erasure"
PROPOSE_CHUNK = 5000

_HELD = exists().where(legal_holds.c.case_id == cases.c.id, legal_holds.c.lifted_at.is_(None))
_PENDING = exists().where(
    destruction_items.c.case_id == cases.c.id, destruction_items.c.status == PROPOSED
)


class SqlRetentionStore:
    def __init__(self, engine: Engine, cipher: FieldCipher) -> None:
        self.engine = engine
        self.cipher = cipher

    def place_hold(self, case_id: str, reason: str, now: datetime, access: AccessEntry) -> str:
        hold_id = str(uuid4())
        with self.engine.begin() as conn:
            self._exists(conn, case_id)
            row = {"id": hold_id, "case_id": case_id, "reason": reason}
            conn.execute(insert(legal_holds), {**row, "placed_by": access.actor, "placed_at": now})
            _log(conn, access, [case_id], now)
        return hold_id

    def lift_holds(self, case_id: str, reason: str, now: datetime, access: AccessEntry) -> int:
        with self.engine.begin() as conn:
            self._exists(conn, case_id)
            lifted = conn.execute(
                update(legal_holds)
                .where(legal_holds.c.case_id == case_id, legal_holds.c.lifted_at.is_(None))
                .values(lifted_by=access.actor, lifted_at=now, lift_reason=reason)
            ).rowcount
            if lifted:
                _log(conn, access, [case_id], now)
        return int(lifted)

    def standing(self, case_id: str) -> CaseStanding:
        query = select(cases, _HELD.label("held")).where(cases.c.id == case_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise CaseNotFound(case_id)
        closed = row.state == State.CLOSED.value
        return CaseStanding(
            case_id,
            closed,
            row.anonymised_at is not None,
            bool(row.held),
            row.retention_rule,
            row.archive_action_date,
        )

    def propose_due(self, today: date, now: datetime, actor: str) -> dict[str, Any]:
        """A new list of the closed cases past their date, not held, anonymised or listed yet:
        INSERT ... SELECT in chunks, so memory does not grow with the number of cases, and
        each chunk is planned knowing the rows the chunks before it added."""
        with self.engine.begin() as conn:
            list_id = self._new_list(conn, now, actor)
            due = (
                select(
                    literal(list_id, String(36)),
                    cases.c.id,
                    literal(RETENTION, String(20)),
                    cases.c.retention_rule,
                    cases.c.archive_action_date,
                    literal(PROPOSED, String(20)),
                )
                .where(
                    cases.c.state == State.CLOSED.value,
                    cases.c.archive_nomination == Nomination.DESTROY.value,
                    cases.c.archive_action_date <= today,
                    cases.c.anonymised_at.is_(None),
                    ~_HELD,
                    ~_PENDING,
                )
                .limit(PROPOSE_CHUNK)
            )
            columns = ["list_id", "case_id", "why", "rule", "due_on", "status"]
            on_it = destruction_items.c.list_id == list_id
            listed = 0
            while True:
                conn.execute(insert(destruction_items).from_select(columns, due))
                now_listed = conn.execute(select(func.count()).where(on_it)).scalar_one()
                if now_listed == listed:
                    break
                listed = now_listed
            if not listed:
                conn.execute(delete(destruction_lists).where(destruction_lists.c.id == list_id))
                return {"list_id": None, "listed": 0}
        return {"list_id": list_id, "listed": int(listed)}

    def propose_erasure(self, case_id: str, now: datetime, access: AccessEntry) -> str:
        with self.engine.begin() as conn:
            row = conn.execute(select(cases.c.retention_rule).where(cases.c.id == case_id)).one()
            list_id = self._new_list(conn, now, access.actor)
            item = {"case_id": case_id, "why": ERASURE, "rule": row.retention_rule}
            _add_items(conn, list_id, [item | {"due_on": None, "requested_by": access.actor}])
            _log(conn, access, [case_id], now)
        return list_id

    def approve(self, list_id: str, now: datetime, access: AccessEntry) -> int:
        with self.engine.begin() as conn:
            self._list(conn, list_id)
            conn.execute(
                update(destruction_lists)
                .where(destruction_lists.c.id == list_id, destruction_lists.c.status == PROPOSED)
                .values(status=APPROVED, approved_by=access.actor, approved_at=now)
            )
            on_it = (destruction_items.c.list_id == list_id, destruction_items.c.status == PROPOSED)
            listed = conn.execute(select(func.count()).where(*on_it)).scalar_one()
            # One row for the approval, naming the list (each case gets its own row when it
            # is anonymised); a list of 100,000 cases is one statement, not one per case.
            append(conn, [(replace(access, fields=(*access.fields, list_id)), None)], now)
        return int(listed)

    def take_off(
        self, list_id: str, case_id: str, reason: str, now: datetime, access: AccessEntry
    ) -> None:
        with self.engine.begin() as conn:
            self._list(conn, list_id)
            taken = conn.execute(
                update(destruction_items)
                .where(
                    destruction_items.c.list_id == list_id,
                    destruction_items.c.case_id == case_id,
                    destruction_items.c.status == PROPOSED,
                )
                .values(status=REMOVED, removed_by=access.actor, removed_at=now)
                .values(removed_reason=reason)
            ).rowcount
            if not taken:
                why = say(
                    "retention.not_on_list", "the case is not proposed on this list (any more)"
                )
                raise InvalidInput([("case_id", why)])
            _log(conn, access, [case_id], now)

    def anonymise_batch(self, size: int, now: datetime, access: AccessEntry) -> Batch:
        ready = and_(
            destruction_items.c.status == PROPOSED,
            destruction_lists.c.status == APPROVED,
            cases.c.state == State.CLOSED.value,
            cases.c.anonymised_at.is_(None),
            ~_HELD,
        )
        joined = destruction_items.join(
            destruction_lists, destruction_lists.c.id == destruction_items.c.list_id
        ).join(cases, cases.c.id == destruction_items.c.case_id)
        # No order: the scan of the proposed items stops at `size`, so a batch costs its own
        # size, not the length of the list (which case comes first does not matter).
        eligible = select(destruction_items.c.case_id).select_from(joined).where(ready).limit(size)
        approved_items = destruction_items.join(
            destruction_lists, destruction_lists.c.id == destruction_items.c.list_id
        )
        waiting = (
            select(func.count())
            .select_from(approved_items)
            .where(destruction_items.c.status == PROPOSED, destruction_lists.c.status == APPROVED)
        )
        with self.engine.begin() as conn:
            if conn.dialect.name == "sqlite":  # freed space is zeroed, not left readable
                conn.exec_driver_sql("PRAGMA secure_delete = ON")
            chosen = list(dict.fromkeys(conn.scalars(eligible)))  # a case on two lists: once
            anonymise_cases(conn, self.cipher, chosen, now)
            if chosen:
                conn.execute(
                    update(destruction_items)
                    .where(
                        destruction_items.c.case_id.in_(chosen),
                        destruction_items.c.status == PROPOSED,
                    )
                    .values(status=ANONYMISED, anonymised_at=now)
                )
                _log(conn, access, chosen, now)
            remaining = conn.execute(waiting).scalar_one()
        return Batch(chosen, remaining)

    def sweep_free_space(self) -> None:
        """After anonymising, PostgreSQL's VACUUM frees the old row versions for reuse. (SQLite
        zeroes freed space itself: secure_delete above; its write-ahead log is folded into the
        file at its next checkpoint.)"""
        if self.engine.dialect.name == "sqlite":
            return
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM reports, case_history, disclosures, cases")

    def prune(
        self, access_log_before: datetime, notifications_before: datetime, now: datetime
    ) -> dict[str, int]:
        with self.engine.begin() as conn:
            gone = conn.execute(
                delete(notifications).where(notifications.c.created_at < notifications_before)
            ).rowcount
            pruned = prune_access_log(conn, access_log_before, now)
        return {"notifications_pruned": int(gone), "access_log_pruned": pruned}

    def _new_list(self, conn: Connection, now: datetime, actor: str) -> str:
        list_id = str(uuid4())
        row = {"id": list_id, "created_at": now, "created_by": actor, "status": PROPOSED}
        conn.execute(insert(destruction_lists), row)
        return list_id

    def _exists(self, conn: Connection, case_id: str) -> None:
        if conn.execute(select(cases.c.id).where(cases.c.id == case_id)).first() is None:
            raise CaseNotFound(case_id)

    def _list(self, conn: Connection, list_id: str) -> None:
        query = select(destruction_lists.c.id).where(destruction_lists.c.id == list_id)
        if conn.execute(query).first() is None:
            why = say("retention.unknown_list", "no destruction list '{list_id}'", list_id=list_id)
            raise InvalidInput([("list_id", why)])


def _add_items(conn: Connection, list_id: str, items: list[dict[str, Any]]) -> None:
    rows = [{"list_id": list_id, "status": PROPOSED, **item} for item in items]
    conn.execute(insert(destruction_items), rows)


def _log(conn: Connection, access: AccessEntry, case_ids: Sequence[str], now: datetime) -> None:
    """One access-log row per case, with its subject key (None once anonymised)."""
    keys = dict(
        conn.execute(select(cases.c.id, cases.c.subject_key).where(cases.c.id.in_(case_ids))).all()
    )
    rows = [(replace(access, case_id=cid), keys.get(cid)) for cid in case_ids]
    append(conn, rows or [(access, None)], now)
