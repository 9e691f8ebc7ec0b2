"""A checkpoint of the access log: its row count and the last row's id, hash and time
(`access_log_head`). Kept outside the database (signed, by the scheduled job: adapters/
access_anchor.py; or beside each backup), it shows later that no row up to it was changed or
removed: `meldpunt accesslog verify` checks the chain, the checkpoint its end."""

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from adapters.db.tables import access_log, access_log_anchor, access_log_head


@dataclass(frozen=True)
class Checkpoint:
    last_id: int
    last_hash: str
    rows: int | None = None  # the rows the table held (fewer than last_id once pruned)
    at: datetime | None = None  # when it was taken
    last_at: datetime | None = None  # the last row's time: whether pruning it was due
    signature: str | None = None  # HMAC-SHA256 of the rest (adapters/access_anchor.py)

    def with_signature(self, signature: str) -> "Checkpoint":
        return replace(self, signature=signature)

    def to_json(self) -> dict[str, Any]:
        return {
            "last_id": self.last_id,
            "last_hash": self.last_hash,
            "rows": self.rows,
            "at": self.at.isoformat() if self.at else None,
            "last_at": self.last_at.isoformat() if self.last_at else None,
            "signature": self.signature,
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> "Checkpoint":
        """From `to_json` (or the two fields of an older checkpoint); ValueError or TypeError
        when it is none."""
        if (
            not isinstance(value, dict)
            or set(value) - FIELDS
            or not {"last_id", "last_hash"} <= set(value)
        ):
            raise TypeError("not a checkpoint")
        kept = cls(
            value["last_id"],
            value["last_hash"],
            value.get("rows"),
            _moment(value.get("at")),
            _moment(value.get("last_at")),
            value.get("signature"),
        )
        if not (_whole(kept.last_id) and isinstance(kept.last_hash, str)):
            raise TypeError("last_id and last_hash")
        if not (kept.rows is None or _whole(kept.rows)):
            raise TypeError("rows")
        if not (kept.signature is None or isinstance(kept.signature, str)):
            raise TypeError("signature")
        return kept


FIELDS = {"last_id", "last_hash", "rows", "at", "last_at", "signature"}


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _moment(value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("a moment")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("a moment without its offset")
    return moment


def checkpoint(engine: Engine, now: datetime | None = None) -> Checkpoint:
    with engine.connect() as conn:
        head = conn.execute(select(access_log_head.c.last_id, access_log_head.c.last_hash)).one()
        rows = conn.execute(
            select(func.count()).select_from(access_log).where(access_log.c.id <= head.last_id)
        ).scalar_one()
        last_at = conn.execute(select(access_log.c.at).where(access_log.c.id == head.last_id))
    at = now.astimezone(UTC) if now else None  # signed as text: one offset, always
    return Checkpoint(head.last_id, head.last_hash, rows, at, last_at.scalar())


def holds(engine: Engine, kept: Checkpoint) -> bool:
    """Whether the log still has the checkpoint's row with the checkpoint's hash."""
    if kept.last_id == 0:
        return True
    with engine.connect() as conn:
        found = conn.execute(
            select(access_log.c.row_hash).where(access_log.c.id == kept.last_id)
        ).scalar()
    return found == kept.last_hash


@dataclass(frozen=True)
class Mismatch:
    """How the log differs from a checkpoint: `missing` (it ends before the checkpoint's row),
    `changed` (that row, or one before it, is not what it was), `pruned_early` (removed before
    the access log's retention term was over)."""

    kind: str
    log_ends_at: int


def mismatch(engine: Engine, kept: Checkpoint, now: datetime, keep_days: int) -> Mismatch | None:
    """None when the log still holds `kept`: its row with its hash, or (pruned past it) an
    anchor that follows it, pruned no sooner than the retention term allows. With an intact
    chain this means every row up to the checkpoint is as it was."""
    with engine.connect() as conn:
        head = conn.execute(select(access_log_head.c.last_id)).scalar() or 0
        if kept.last_id == 0:
            return None
        anchor = conn.execute(select(access_log_anchor)).first()
        if anchor is None or kept.last_id >= anchor.first_id:
            found = _hash_of(conn, kept.last_id)
            if found is None:
                return Mismatch("missing", head)
            return None if found == kept.last_hash else Mismatch("changed", head)
    if kept.last_id == anchor.first_id - 1 and anchor.prev_hash != kept.last_hash:
        return Mismatch("changed", head)
    due = kept.last_at is not None and kept.last_at < now - timedelta(days=keep_days)
    return None if due else Mismatch("pruned_early", head)


def _hash_of(conn: Connection, row_id: int) -> str | None:
    return conn.execute(select(access_log.c.row_hash).where(access_log.c.id == row_id)).scalar()
