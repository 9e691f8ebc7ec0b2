"""The hot path's statements run on the DB-API cursor (adapters/db/driver.py): they must read
and write exactly what SQLAlchemy would, and fail with the exceptions SQLAlchemy would raise."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import String, bindparam, cast, exc, func, insert, select, text

from adapters.bootstrap import App
from adapters.db.driver import DriverStatement, driver_statement
from adapters.db.engine import make_engine
from adapters.db.tables import cases, inbox, outbox
from config.settings import Settings
from tests.conftest import new_report
from workflow.commands import FireTrigger, RegisterReport

LOAD = select(cases).where(cases.c.id == bindparam("id"))


def test_a_row_read_on_the_driver_equals_sqlalchemys(app: App) -> None:
    ref = app.bus.handle(RegisterReport(actor="intake", report=new_report()))
    data = {"level": "high", "indicators": ["runs_away"], "rationale": "signals"}
    app.bus.handle(FireTrigger(actor="anna", case_id=ref.case_id, trigger="assess_risk", data=data))

    with app.engine.connect() as conn:
        expected = conn.execute(LOAD, {"id": ref.case_id}).one()
        row = DriverStatement(LOAD, conn.dialect).first(conn, {"id": ref.case_id})
        missing = DriverStatement(LOAD, conn.dialect).first(conn, {"id": "no such case"})

    assert tuple(row) == tuple(expected)  # every column, types processed alike
    assert row.received_at.tzinfo is not None and row.needs_plan is expected.needs_plan
    assert row.risk_level == "high"
    assert missing is None


def test_a_value_is_stored_exactly_as_sqlalchemy_stores_it(app: App) -> None:
    moment = datetime(2026, 3, 29, 3, 30, tzinfo=timezone(timedelta(hours=2)))  # clocks go forward
    by_driver = {"message_id": "m-driver", "handler": "h", "processed_at": moment}
    with app.engine.connect() as conn, conn.begin():
        keys = list(by_driver)
        add = driver_statement(conn, ("test insert", *keys), lambda: insert(inbox), keys)
        assert add.rowcount(conn, by_driver) == 1
        conn.execute(insert(inbox), {**by_driver, "message_id": "m-sqlalchemy"})
    with app.engine.connect() as conn:
        as_text = select(inbox.c.message_id, cast(inbox.c.processed_at, String))
        stored = {row.message_id: row[1] for row in conn.execute(as_text)}
        read = conn.execute(select(inbox.c.processed_at)).scalars().all()
    assert stored["m-driver"] == stored["m-sqlalchemy"]  # the same text: in UTC, same format
    assert read == [moment, moment] and all(r.tzinfo is not None for r in read)


def test_a_value_the_column_type_refuses_is_refused(app: App) -> None:
    """The column type's own check runs: UtcDateTime refuses a naive datetime."""
    naive = {"message_id": "m-1", "handler": "h", "processed_at": datetime(2026, 1, 5, 9, 0)}
    with app.engine.connect() as conn, conn.begin():
        add = DriverStatement(insert(inbox), conn.dialect, list(naive))
        with pytest.raises(ValueError, match="naive"):
            add.rowcount(conn, naive)


def test_a_unique_violation_is_sqlalchemys_integrity_error_without_the_values(app: App) -> None:
    moment = datetime(2026, 11, 28, 12, 34, 56, 789012, tzinfo=UTC)
    row = {"message_id": "m-1", "handler": "h", "processed_at": moment}
    with app.engine.connect() as conn:
        add = DriverStatement(insert(inbox), conn.dialect, list(row))
        with conn.begin():
            add.rowcount(conn, row)
        with conn.begin(), pytest.raises(exc.IntegrityError) as raised:
            add.rowcount(conn, row)
        assert not conn.invalidated
        # Errors get logged: the statement's values stay out (the database may name the key).
        assert "parameters hidden" in str(raised.value) and "789012" not in str(raised.value)
        count = conn.execute(select(inbox.c.message_id)).scalars().all()
    assert count == ["m-1"]


def test_a_statement_that_needs_python_defaults_is_refused_when_built(app: App) -> None:
    """The outbox's status and attempts have Python-side defaults the driver would not apply:
    building such an INSERT fails at once rather than writing rows without them, also inside
    a data-modifying CTE as the PostgreSQL unit of work builds them."""
    given = {k: bindparam(k) for k in ("event_id", "event_type", "payload")}
    nested = select(func.count()).add_cte(insert(outbox).values(given).cte("w0"))
    with app.engine.connect() as conn:
        with pytest.raises(ValueError, match="defaults"):
            DriverStatement(insert(outbox), conn.dialect, list(given))
        if conn.dialect.name == "postgresql":
            with pytest.raises(ValueError, match="defaults"):
                DriverStatement(nested, conn.dialect)


@pytest.mark.postgres
def test_a_lost_connection_is_invalidated_with_the_rest_of_the_pool(postgres_app: App) -> None:
    """A database restart kills every pooled connection: the first statement that meets a dead
    one fails, and the pool then replaces the others instead of failing on each in turn."""
    engine = make_engine(postgres_app.settings.database_url, never_ping(postgres_app))
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
                DriverStatement(LOAD, conn.dialect).first(conn, {"id": "any"})
            assert raised.value.connection_invalidated and conn.invalidated
        with engine.connect() as conn:  # not the other dead one: a fresh connection
            assert conn.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()


def never_ping(app: App) -> Settings:
    return app.settings.model_copy(update={"db_ping_after_idle_seconds": 3600.0})
