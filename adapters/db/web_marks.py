"""What a person marks in the web application: the worklist filter they saved, notifications
they have read, and the break-the-glass reads a team lead has reviewed."""

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update

from adapters.db.tables import access_log, break_glass_reviews, notifications, web_filters

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

    def to_review(self, limit: int) -> tuple[list[dict[str, Any]], int]:
        """Break-the-glass accesses no team lead has reviewed yet, oldest first."""
        reviewed = select(break_glass_reviews.c.access_log_id)
        where = (access_log.c.break_glass.is_(True), access_log.c.id.not_in(reviewed))
        query = select(access_log).where(*where).order_by(access_log.c.id).limit(limit)
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(access_log).where(*where))
            rows = [dict(r) for r in conn.execute(query).mappings()]
            return rows, total.scalar_one()

    def review(self, access_log_id: int, reviewer: str) -> bool:
        """Mark a break-the-glass access reviewed; False when there is no such unreviewed one."""
        with self.engine.begin() as conn:
            exists = conn.execute(
                select(access_log.c.id).where(
                    access_log.c.id == access_log_id, access_log.c.break_glass.is_(True)
                )
            ).first()
            done = conn.execute(
                select(break_glass_reviews.c.access_log_id).where(
                    break_glass_reviews.c.access_log_id == access_log_id
                )
            ).first()
            if exists is None or done is not None:
                return False
            row = {"access_log_id": access_log_id, "reviewed_by": reviewer}
            conn.execute(insert(break_glass_reviews), {**row, "reviewed_at": self.clock()})
            return True
