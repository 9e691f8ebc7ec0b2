"""Whether some scheduler process leads now, asked from any process: on PostgreSQL the advisory
lock of adapters/scheduler/leader.py is granted to a session (pg_locks), on SQLite its lock file
is held (a shared lock on it cannot be had)."""

import fcntl
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from adapters.scheduler.leader import LOCK_KEY

# A bigint advisory key shows in pg_locks as classid (high 32 bits) and objid (low 32 bits).
HELD = text(
    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
    " AND classid = CAST(:high AS oid) AND objid = CAST(:low AS oid) AND objsubid = 1"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
)


def leader_known(engine: Engine) -> bool:
    url = make_url(str(engine.url))
    if url.get_backend_name() == "postgresql":
        key = LOCK_KEY & 0xFFFF_FFFF_FFFF_FFFF
        with engine.connect() as connection:
            found = connection.execute(HELD, {"high": key >> 32, "low": key & 0xFFFF_FFFF})
            return bool(found.scalar())
    path = Path(url.database or "meldpunt.db").with_suffix(".scheduler.lock")
    if not path.exists():
        return False
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return True  # the leader holds it exclusively
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False
