"""One scheduler in the region. On PostgreSQL the leader holds a session advisory lock on its own
connection: when the process dies the session ends and the lock is free for the next one. On
SQLite (one machine) an exclusive file lock next to the database does the same."""

import fcntl
import hashlib
import os
from pathlib import Path
from typing import IO, Protocol

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url

LOCK_NAME = "meldpunt.scheduler"
LOCK_KEY = int.from_bytes(hashlib.sha256(LOCK_NAME.encode()).digest()[:8], "big", signed=True)


class Leadership(Protocol):
    def try_acquire(self) -> bool: ...
    def still_held(self) -> bool: ...
    def release(self) -> None: ...


class PostgresLeadership:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.connection: Connection | None = None

    def try_acquire(self) -> bool:
        try:
            if self.connection is None:
                self.connection = self.engine.connect()
            query = text("SELECT pg_try_advisory_lock(:key)")
            got = bool(self.connection.execute(query, {"key": LOCK_KEY}).scalar())
            self.connection.commit()
        except Exception:
            self._drop()
            return False
        return got

    def still_held(self) -> bool:
        if self.connection is None:
            return False
        try:
            self.connection.execute(text("SELECT 1"))
            self.connection.commit()
            return True
        except Exception:  # the session is gone, and with it the lock
            self._drop()
            return False

    def release(self) -> None:
        self._drop()

    def _drop(self) -> None:
        if self.connection is not None:
            try:
                self.connection.invalidate()
                self.connection.close()
            except Exception:  # closing a broken connection may fail too; it is gone either way
                pass
            self.connection = None


class FileLeadership:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: IO[str] | None = None

    def try_acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a")  # noqa: SIM115 - held open for as long as we lead
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self.handle = handle
        return True

    def still_held(self) -> bool:
        return self.handle is not None

    def release(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def leadership_for(engine: Engine) -> Leadership:
    url = make_url(str(engine.url))
    if url.get_backend_name() == "postgresql":
        return PostgresLeadership(engine)
    database = url.database or "meldpunt.db"
    return FileLeadership(Path(database).with_suffix(".scheduler.lock"))
