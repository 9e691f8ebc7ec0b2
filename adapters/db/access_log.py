"""The access log (NEN 7513): who saw or did what to which case, when, from where, why, and with
what outcome. Append-only: rows are added under a lock on the chain head, never changed."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, func, insert, select, text, update

from adapters.db.access_chain import GENESIS, ChainReport, row_hash, verify
from adapters.db.tables import access_log, access_log_head, cases
from workflow.errors import CaseNotFound

Clock = Callable[[], datetime]
_LOCK_KEY = 7513  # the PostgreSQL advisory lock that serialises writers of the chain


@dataclass(frozen=True)
class AccessEntry:
    actor: str
    role: str
    via: str
    action: str  # read, list, search, write, export
    resource: str  # case, case_list, access_log, statistics, ...
    outcome: str  # ok, refused, not_found, bad_input, conflict, ...
    case_id: str | None = None
    fields: Sequence[str] = field(default_factory=tuple)
    purpose: str | None = None
    on_behalf_of: str | None = None
    client: str | None = None
    break_glass: bool = False
    reason: str | None = None


class AccessLog:
    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock

    def record(self, entries: Sequence[AccessEntry]) -> None:
        """Append `entries` to the chain in one transaction."""
        if not entries:
            return
        now = self.clock().astimezone(UTC)  # hashed as text: one offset, always
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
            # On SQLite every transaction begins IMMEDIATE: writers are serialised already.
            head = conn.execute(select(access_log_head).with_for_update()).mappings().first()
            if head is None:
                conn.execute(insert(access_log_head), {"id": 1, "last_id": 0, "last_hash": GENESIS})
                last_id, last_hash = 0, GENESIS
            else:
                last_id, last_hash = head["last_id"], head["last_hash"]
            keys = self._subject_keys(conn, {e.case_id for e in entries if e.case_id})
            rows = []
            for entry in entries:
                last_id += 1
                row = _row(entry, last_id, now, keys.get(entry.case_id or ""), last_hash)
                row["row_hash"] = last_hash = row_hash(row)
                rows.append(row)
            conn.execute(insert(access_log), rows)
            conn.execute(
                update(access_log_head)
                .where(access_log_head.c.id == 1)
                .values(last_id=last_id, last_hash=last_hash)
            )

    def _subject_keys(self, conn: Any, case_ids: set[str]) -> dict[str, str | None]:
        if not case_ids:
            return {}
        query = select(cases.c.id, cases.c.subject_key).where(cases.c.id.in_(case_ids))
        return {row.id: row.subject_key for row in conn.execute(query)}

    def verify(self) -> ChainReport:
        with self.engine.connect() as conn, conn.begin():
            return verify(conn)

    def for_case(self, case_id: str, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
        return self._page(access_log.c.case_id == case_id, limit, offset)

    def break_glass(self, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
        return self._page(access_log.c.break_glass.is_(True), limit, offset)

    def for_subject_of(
        self, case_id: str, limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], int, list[str]]:
        """A data-subject access report: every access to any case of the same person (same
        subject key), and which cases those are."""
        with self.engine.connect() as conn, conn.begin():
            key = conn.execute(select(cases.c.subject_key).where(cases.c.id == case_id)).first()
            if key is None:
                raise CaseNotFound(case_id)
            if key.subject_key is None:
                case_ids = [case_id]
            else:
                same = select(cases.c.id).where(cases.c.subject_key == key.subject_key)
                case_ids = sorted(conn.execute(same).scalars())
        condition = access_log.c.case_id.in_(case_ids)
        if key.subject_key is not None:
            condition = condition | (access_log.c.subject_key == key.subject_key)
        rows, total = self._page(condition, limit, offset)
        return rows, total, case_ids

    def _page(
        self, condition: ColumnElement[bool], limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], int]:
        query = select(access_log).where(condition).order_by(access_log.c.id)
        with self.engine.connect() as conn, conn.begin():
            total = conn.execute(
                select(func.count()).select_from(access_log).where(condition)
            ).scalar_one()
            rows = conn.execute(query.limit(limit).offset(offset)).mappings()
            return [_public(r) for r in rows], total


def _row(
    entry: AccessEntry, row_id: int, at: datetime, subject_key: str | None, prev_hash: str
) -> dict[str, Any]:
    return {
        "id": row_id,
        "at": at,
        "actor": entry.actor,
        "role": entry.role,
        "on_behalf_of": entry.on_behalf_of,
        "via": entry.via,
        "client": entry.client,
        "action": entry.action,
        "resource": entry.resource,
        "case_id": entry.case_id,
        "subject_key": subject_key,
        "fields": ",".join(entry.fields) or None,
        "purpose": entry.purpose,
        "outcome": entry.outcome,
        "break_glass": entry.break_glass,
        "reason": entry.reason,
        "prev_hash": prev_hash,
    }


def _public(row: Any) -> dict[str, Any]:
    shown = {k: row[k] for k in row if k not in ("prev_hash", "row_hash")}
    shown["at"] = row["at"].isoformat()
    shown["fields"] = row["fields"].split(",") if row["fields"] else []
    return shown
