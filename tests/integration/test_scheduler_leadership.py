"""One scheduler in the region: the lock that elects it, on PostgreSQL and on a file."""

from pathlib import Path

from sqlalchemy import create_engine, text

from adapters.scheduler.leader import FileLeadership, PostgresLeadership
from tests.conftest import fresh_postgres_database


def test_only_one_process_holds_the_postgres_lock_and_it_passes_on_when_the_holder_dies() -> None:
    url, drop = fresh_postgres_database()
    first_engine, second_engine = create_engine(url), create_engine(url)
    try:
        first, second = PostgresLeadership(first_engine), PostgresLeadership(second_engine)
        assert first.try_acquire()
        assert not second.try_acquire()
        assert first.still_held()
        assert first.connection is not None
        pid = first.connection.execute(text("SELECT pg_backend_pid()")).scalar()
        with second_engine.connect() as killer:  # the leader's session dies, as with kill -9
            killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        assert not first.still_held()
        assert second.try_acquire()
        second.release()
    finally:
        first_engine.dispose()
        second_engine.dispose()
        drop()


def test_only_one_process_holds_the_file_lock(tmp_path: Path) -> None:
    first, second = FileLeadership(tmp_path / "s.lock"), FileLeadership(tmp_path / "s.lock")
    assert first.try_acquire()
    assert not second.try_acquire()
    first.release()
    assert second.try_acquire()
    second.release()
