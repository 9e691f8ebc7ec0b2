"""Housekeeping on the store: prune inbox rows past the redelivery window."""

from datetime import datetime

from sqlalchemy import Engine, delete

from adapters.db.tables import inbox


def prune_inbox(engine: Engine, before: datetime) -> int:
    """Delete inbox rows processed before `before`. Safe once no redelivery can be that old."""
    with engine.connect() as conn, conn.begin():
        return conn.execute(delete(inbox).where(inbox.c.processed_at < before)).rowcount
