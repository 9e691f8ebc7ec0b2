"""A database restart kills every pooled connection: the next command after a pause still
works, because a connection that sat idle is checked before use and replaced when dead."""

import time

import pytest
from sqlalchemy import create_engine, exc, select, text
from sqlalchemy.engine import make_url

from adapters.bootstrap import App, bootstrap
from adapters.db.engine import make_engine
from adapters.db.migrate import upgrade
from adapters.db.tables import cases
from tests.conftest import fresh_postgres_database, make_settings, new_report, with_people
from workflow.commands import RegisterReport

pytestmark = pytest.mark.postgres


def test_a_command_after_the_pooled_connections_died_gets_a_fresh_one() -> None:
    url, drop = fresh_postgres_database()
    app = bootstrap(make_settings(url, db_ping_after_idle_seconds=0.05))
    killer = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        upgrade(app.engine)
        with_people(app)
        app.bus.handle(RegisterReport(actor="intake", report=new_report()))
        with killer.connect() as conn:  # what a restart does to the pool's connections
            killed = conn.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = :db AND pid <> pg_backend_pid()"
                ),
                {"db": make_url(url).database},
            ).scalar()
        assert killed >= 1
        time.sleep(0.1)  # longer than the idle window: the pool checks before use

        ref = app.bus.handle(RegisterReport(actor="intake", report=new_report()))

        assert app.queries.detail(ref.case_id)["state"] == "received"
    finally:
        killer.dispose()
        app.engine.dispose()
        drop()


def test_a_lost_connection_is_invalidated_with_the_rest_of_the_pool(postgres_app: App) -> None:
    """A database restart kills every pooled connection: the first statement that meets a dead
    one fails as SQLAlchemy's DBAPIError, and the pool then replaces the others (SQLAlchemy's own
    disconnect handling) instead of failing on each in turn."""
    settings = postgres_app.settings.model_copy(update={"db_ping_after_idle_seconds": 3600.0})
    engine = make_engine(settings.database_url, settings)  # never pings: sees the dead ones
    try:
        first, second = engine.connect(), engine.connect()
        pids = [c.execute(text("SELECT pg_backend_pid()")).scalar() for c in (first, second)]
        first.close()
        second.close()  # both back in the pool, alive as far as it knows
        with postgres_app.engine.connect() as killer:
            for pid in pids:
                killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            killer.commit()

        with engine.connect() as conn:
            with pytest.raises(exc.DBAPIError) as raised:
                conn.execute(select(cases).where(cases.c.id == "any"))
            assert raised.value.connection_invalidated and conn.invalidated
        with engine.connect() as conn:  # not the other dead one: a fresh connection
            assert conn.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()
