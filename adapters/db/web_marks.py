"""What a person marks in the web application: the worklist filter they saved and the
notifications they have read (break-the-glass grants are reviewed in
adapters/break_glass_review.py)."""

import json
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine, delete, insert, select, update

from adapters.db.tables import notifications, web_filters

Clock = Callable[[], datetime]


class WebMarks:
    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock

    def saved_filter(self, name: str) -> dict[str, str]:
        query = select(web_filters.c.query).where(web_filters.c.user_name == name)
        with self.engine.connect() as conn:
            found = conn.execute(query).scalar()
        return dict(json.loads(found)) if found else {}

    def save_filter(self, name: str, values: dict[str, str]) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(web_filters).where(web_filters.c.user_name == name))
            row = {"user_name": name, "query": json.dumps(values), "saved_at": self.clock()}
            conn.execute(insert(web_filters), row)

    def mark_read(self, recipients: list[str], notification_id: int) -> bool:
        """Mark one of `recipients`' notifications read; False when it is not theirs."""
        query = (
            update(notifications)
            .where(
                notifications.c.id == notification_id,
                notifications.c.recipient.in_(recipients),
                notifications.c.read_at.is_(None),
            )
            .values(read_at=self.clock())
        )
        with self.engine.begin() as conn:
            return conn.execute(query).rowcount == 1
