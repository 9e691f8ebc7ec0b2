"""Housekeeping on the store: prune handled-message rows past the redelivery window."""

from datetime import datetime

from sqlalchemy import Engine, delete

from adapters.db.tables import handled_messages


def prune_handled_messages(engine: Engine, before: datetime) -> int:
    """Delete handled-message rows processed before `before`: safe once no redelivery can be
    that old."""
    with engine.connect() as conn, conn.begin():
        return conn.execute(
            delete(handled_messages).where(handled_messages.c.processed_at < before)
        ).rowcount
