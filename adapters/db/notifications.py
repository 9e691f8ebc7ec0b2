"""Notifications for people: collected by a unit of work and inserted with its other writes on
commit; read back per person (and their role), newest first."""

import json
from typing import Any

from sqlalchemy import Engine, func, select

from adapters.db.tables import notifications
from workflow.unit_of_work import Notification, NotificationRepository


class SqlNotificationRepository(NotificationRepository):
    def __init__(self) -> None:
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
                "details": json.dumps(dict(n.details), sort_keys=True),
                "created_at": n.created_at,
            }
            for n in self.pending
        ]


class NotificationQueries:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def page(
        self, recipients: list[str], limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], int]:
        """Notifications for any of `recipients` (a user and their role), newest first, and how
        many there are."""
        mine = notifications.c.recipient.in_(recipients)
        query = select(notifications).where(mine).order_by(notifications.c.id.desc())
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(notifications).where(mine))
            rows = conn.execute(query.limit(limit).offset(offset)).mappings()
            return [
                {
                    "id": r["id"],
                    "recipient": r["recipient"],
                    "kind": r["kind"],
                    "case_id": r["case_id"],
                    "details": json.loads(r["details"]),
                    "created_at": r["created_at"].isoformat(),
                    "read_at": r["read_at"].isoformat() if r["read_at"] else None,
                }
                for r in rows
            ], total.scalar_one()
