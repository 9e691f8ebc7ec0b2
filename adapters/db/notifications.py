"""Notifications a unit of work collects; inserted with its other writes on commit."""

from sqlalchemy import Connection

from workflow.unit_of_work import Notification, NotificationRepository


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
