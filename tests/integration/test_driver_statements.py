"""The hot path's statements run on the DB-API cursor (adapters/db/driver.py): they must read
and write exactly what SQLAlchemy would, and fail with the exceptions SQLAlchemy would raise."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import bindparam, exc, insert, select, text

from adapters.bootstrap import App
from adapters.db.driver import DriverStatement, driver_statement
from adapters.db.tables import cases, inbox, outbox
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


def test_a_value_written_on_the_driver_reads_back_through_sqlalchemy(app: App) -> None:
    moment = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # the night the clocks go forward
    row = {"message_id": "m-1", "handler": "h", "processed_at": moment}
    with app.engine.connect() as conn, conn.begin():
        add = driver_statement(conn, ("test insert", *row), lambda: insert(inbox), list(row))
        assert add.rowcount(conn, row) == 1
    with app.engine.connect() as conn:
        stored = conn.execute(select(inbox.c.processed_at)).scalar_one()
    assert stored == moment and stored.tzinfo is not None


def test_a_unique_violation_is_sqlalchemys_integrity_error(app: App) -> None:
    row = {"message_id": "m-1", "handler": "h", "processed_at": datetime.now(UTC)}
    with app.engine.connect() as conn:
        add = DriverStatement(insert(inbox), conn.dialect, list(row))
        with conn.begin():
            add.rowcount(conn, row)
        with conn.begin(), pytest.raises(exc.IntegrityError):
            add.rowcount(conn, row)
        assert not conn.invalidated
        count = conn.execute(select(inbox.c.message_id)).scalars().all()
    assert count == ["m-1"]


def test_a_statement_that_needs_python_defaults_is_refused_when_built(app: App) -> None:
    """The outbox's status and attempts have Python-side defaults the driver would not apply:
    building such an INSERT fails at once rather than writing rows without them."""
    with app.engine.connect() as conn, pytest.raises(ValueError, match="defaults"):
        DriverStatement(insert(outbox), conn.dialect, ["event_id", "event_type", "payload"])


@pytest.mark.postgres
def test_a_lost_connection_is_invalidated_like_sqlalchemy_does(postgres_app: App) -> None:
    engine = postgres_app.engine
    with engine.connect() as conn:
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar()
        with engine.connect() as killer:
            killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            killer.commit()
        with pytest.raises(exc.DBAPIError) as raised:
            DriverStatement(LOAD, conn.dialect).first(conn, {"id": "any"})
        assert raised.value.connection_invalidated and conn.invalidated

    with engine.connect() as conn:  # the pool hands out a working connection again
        assert conn.execute(text("SELECT 1")).scalar() == 1
