"""A database restart kills every pooled connection: the next command after a pause still
works, because a connection that sat idle is checked before use and replaced when dead."""

import time

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from adapters.bootstrap import bootstrap
from adapters.db.migrate import upgrade
from tests.conftest import fresh_postgres_database, make_settings, new_report
from workflow.commands import RegisterReport

pytestmark = pytest.mark.postgres


def test_a_command_after_the_pooled_connections_died_gets_a_fresh_one() -> None:
    url, drop = fresh_postgres_database()
    app = bootstrap(make_settings(url, db_ping_after_idle_seconds=0.05))
    killer = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        upgrade(app.engine)
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

        assert app.views.case_detail(ref.case_id)["state"] == "received"
    finally:
        killer.dispose()
        app.engine.dispose()
        drop()
