"""The access log (NEN 7513): who saw or did what to which case, when, from where, why, and with
what outcome. Append-only (adapters/db/access_chain.py): rows are added, never changed."""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, func, select

from adapters.db.access_chain import ChainReport, append, verify
from adapters.db.tables import access_log, cases
from workflow.access import AccessEntry
from workflow.errors import CaseNotFound

Clock = Callable[[], datetime]


class AccessLog:
    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock

    def record(self, entries: Sequence[AccessEntry]) -> None:
        """Append `entries` to the chain in a transaction of their own: for reads, and for
        refusals and failures, which have no command transaction to join."""
        if not entries:
            return
        with self.engine.begin() as conn:
            keys = self._subject_keys(conn, {e.case_id for e in entries if e.case_id})
            append(conn, [(e, keys.get(e.case_id or "")) for e in entries], self.clock())

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
            # An anonymised case's rows keep their key (the chain covers it), but the person
            # is no longer linked to it (docs/retention.md).
            anonymised = select(cases.c.id).where(cases.c.anonymised_at.is_not(None))
            same_key = access_log.c.subject_key == key.subject_key
            condition = condition | (same_key & access_log.c.case_id.not_in(anonymised))
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
            return [public_row(r) for r in rows], total


def public_row(row: Any) -> dict[str, Any]:
    shown = {k: row[k] for k in row if k not in ("prev_hash", "row_hash")}
    shown["at"] = row["at"].isoformat()
    shown["fields"] = row["fields"].split(",") if row["fields"] else []
    return shown
