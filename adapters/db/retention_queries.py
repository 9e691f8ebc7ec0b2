"""What the team lead reads of retention: destruction lists with their items, and legal holds.
No personal data: case ids, rules, dates, names of staff."""

from typing import Any

from sqlalchemy import Connection, Engine, func, select

from adapters.db.tables import destruction_items, destruction_lists, legal_holds

LIST_COLUMNS = ["list_id", "status", "created_at", "created_by", "approved_by", "approved_at"]
ITEM_COLUMNS = ["case_id", "why", "rule", "due_on", "status", "requested_by", "removed_reason"]


def archive_of(conn: Connection, row: Any) -> dict[str, Any]:
    """A case's archive terms under their ZGW names, and whether a legal hold is on it."""
    held = select(func.count()).where(
        legal_holds.c.case_id == row["id"], legal_holds.c.lifted_at.is_(None)
    )
    action_date = row["archive_action_date"]
    anonymised = row["anonymised_at"]
    return {
        "archiefnominatie": row["archive_nomination"],
        "archiefactiedatum": action_date.isoformat() if action_date else None,
        "archiefstatus": row["archive_status"],
        "retention_rule": row["retention_rule"],
        "anonymised_at": anonymised.isoformat() if anonymised else None,
        "legal_hold": conn.execute(held).scalar_one() > 0,
    }


class RetentionQueries:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def lists(self, limit: int = 100) -> list[dict[str, Any]]:
        """The newest destruction lists first, with how many cases each holds by status."""
        query = (
            select(destruction_lists)
            .order_by(destruction_lists.c.created_at.desc(), destruction_lists.c.id)
            .limit(limit)
        )
        counts = select(
            destruction_items.c.list_id, destruction_items.c.status, func.count()
        ).group_by(destruction_items.c.list_id, destruction_items.c.status)
        with self.engine.connect() as conn:
            found: dict[str, dict[str, int]] = {}
            for list_id, status, n in conn.execute(counts):
                found.setdefault(list_id, {})[status] = n
            return [
                {
                    "list_id": r.id,
                    **{c: getattr(r, c) for c in LIST_COLUMNS[1:]},
                    "cases": found.get(r.id, {}),
                }
                for r in conn.execute(query)
            ]

    def items(self, list_id: str) -> list[dict[str, Any]]:
        query = (
            select(destruction_items)
            .where(destruction_items.c.list_id == list_id)
            .order_by(destruction_items.c.due_on, destruction_items.c.case_id)
        )
        with self.engine.connect() as conn:
            return [
                {c: row[c] for c in ITEM_COLUMNS} | {"anonymised_at": row["anonymised_at"]}
                for row in conn.execute(query).mappings()
            ]

    def holds(self, case_id: str) -> list[dict[str, Any]]:
        query = (
            select(legal_holds)
            .where(legal_holds.c.case_id == case_id)
            .order_by(legal_holds.c.placed_at)
        )
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]
