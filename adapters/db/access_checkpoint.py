"""A checkpoint of the access log: the last row's id and hash (`access_log_head`). Kept outside
the database (beside each backup, or in a note), it shows later that no row up to it was
changed or removed: `meldpunt accesslog verify` checks the chain, the checkpoint its end."""

from dataclasses import dataclass

from sqlalchemy import Engine, select

from adapters.db.tables import access_log, access_log_head


@dataclass(frozen=True)
class Checkpoint:
    last_id: int
    last_hash: str


def checkpoint(engine: Engine) -> Checkpoint:
    with engine.connect() as conn:
        head = conn.execute(select(access_log_head.c.last_id, access_log_head.c.last_hash)).one()
    return Checkpoint(head.last_id, head.last_hash)


def holds(engine: Engine, kept: Checkpoint) -> bool:
    """Whether the log still has the checkpoint's row with the checkpoint's hash."""
    if kept.last_id == 0:
        return True
    with engine.connect() as conn:
        found = conn.execute(
            select(access_log.c.row_hash).where(access_log.c.id == kept.last_id)
        ).scalar()
    return found == kept.last_hash
