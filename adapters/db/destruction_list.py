"""One destruction list by its id, in the shape `RetentionQueries.lists` gives each (the web
page of a list, however old it is). No personal data: ids, staff names, counts."""

from typing import Any

from sqlalchemy import Engine, func, select

from adapters.db.retention_queries import LIST_COLUMNS
from adapters.db.tables import destruction_items, destruction_lists


def destruction_list(engine: Engine, list_id: str) -> dict[str, Any] | None:
    """The list with how many cases it holds by status, or None when there is no such list."""
    counts = (
        select(destruction_items.c.status, func.count())
        .where(destruction_items.c.list_id == list_id)
        .group_by(destruction_items.c.status)
    )
    with engine.connect() as conn:
        row = conn.execute(
            select(destruction_lists).where(destruction_lists.c.id == list_id)
        ).first()
        if row is None:
            return None
        cases = {status: n for status, n in conn.execute(counts)}
    return {"list_id": row.id, **{c: getattr(row, c) for c in LIST_COLUMNS[1:]}, "cases": cases}
