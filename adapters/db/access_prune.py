"""Pruning the access log past its term without breaking its chain: the rows up to the last one
older than the cut-off are deleted, and the anchor records the first kept id and the hash it
follows, from which `verify` starts (adapters/db/access_chain.py)."""

from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select, update

from adapters.db.tables import access_log, access_log_anchor, access_log_head


def prune_access_log(conn: Connection, before: datetime, now: datetime) -> int:
    """Delete the access-log rows from before `before`, in the caller's transaction."""
    conn.execute(select(access_log_head.c.last_id).with_for_update()).first()  # no append now
    cut = conn.execute(select(func.max(access_log.c.id)).where(access_log.c.at < before)).scalar()
    if cut is None:
        return 0
    last_hash = conn.execute(select(access_log.c.row_hash).where(access_log.c.id == cut)).scalar()
    gone = conn.execute(delete(access_log).where(access_log.c.id <= cut)).rowcount
    anchor = {"first_id": cut + 1, "prev_hash": last_hash, "pruned_at": now}
    if conn.execute(select(access_log_anchor.c.id)).first() is None:
        conn.execute(insert(access_log_anchor), {"id": 1, **anchor})
    else:
        conn.execute(update(access_log_anchor).where(access_log_anchor.c.id == 1).values(anchor))
    return int(gone)
