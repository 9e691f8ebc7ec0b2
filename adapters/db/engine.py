"""Engines for SQLite (embedded) and PostgreSQL (production), with the settings each needs."""

import os
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, exc
from sqlalchemy.engine import make_url

from config.settings import Settings


def make_engine(url: str, settings: Settings | None = None) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    s = settings or Settings()
    engine = create_engine(
        url,
        hide_parameters=True,  # errors and logs never carry the values of a statement
        pool_size=s.db_pool_size,
        max_overflow=s.db_max_overflow,
        pool_timeout=s.db_pool_timeout_seconds,
    )
    _ping_after_idle(engine, s.db_ping_after_idle_seconds)
    return engine


def _ping_after_idle(engine: Engine, idle_seconds: float) -> None:
    """Check a pooled connection before use only when it sat idle for a while (HikariCP's
    "alive bypass window"): one that died with a database restart is replaced instead of failing
    a command, and a busy process does not pay a round trip per checkout (pool_pre_ping would)."""

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < idle_seconds:
            return  # new, or used a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            # The pool discards this connection and checks out another (up to three times).
            raise exc.DisconnectionError(f"stale connection: {error}") from error


def _owner_only(database: Path) -> None:
    """The database file readable by its owner only, like the key files: created 0600 before
    SQLite opens it, which then creates its WAL and shared-memory files with the same mode
    (and a file made before this rule is brought to it)."""
    database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(database, os.O_RDWR | os.O_CREAT, 0o600))
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        if path.exists() and path.stat().st_mode & 0o077:
            path.chmod(0o600)


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        _owner_only(Path(database))
    engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed transaction survives power loss, not only a process crash.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Take the write lock up front: a read-then-write transaction that upgrades later can
        # fail with SQLITE_BUSY_SNAPSHOT, which waiting does not cure. (SQLAlchemy's recipe for
        # pysqlite's transactions, with IMMEDIATE.)
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
