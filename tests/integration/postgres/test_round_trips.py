"""On PostgreSQL a command's writes travel together: the case's versioned UPDATE, its history
and its outbox rows are one statement (data-modifying CTEs), so a transition costs two
statements, load and save, whatever it writes."""

from collections.abc import Callable
from typing import Any, Self

import psycopg
import pytest
from sqlalchemy import event, select

from adapters.bootstrap import App
from adapters.db.tables import case_history, cases, outbox
from adapters.db.writes import Writes
from tests.conftest import new_report
from workflow.commands import FireTrigger, RegisterReport
from workflow.errors import ConcurrencyConflict

pytestmark = pytest.mark.postgres


def statements_of(app: App, run: Callable[[], object]) -> list[str]:
    """The first word of each statement sent on a cursor, recorded by the driver itself: the
    hot path runs its statements on the DB-API cursor, past SQLAlchemy's events."""
    sent: list[str] = []

    class Recording(psycopg.Cursor[Any]):
        def execute(self, query: Any, *args: Any, **kwargs: Any) -> Self:
            sent.append(str(query).split()[0])
            return super().execute(query, *args, **kwargs)

    def on_connect(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.cursor_factory = Recording

    app.engine.dispose()  # the pool's next connection records
    event.listen(app.engine, "connect", on_connect)
    try:
        with app.engine.connect():
            pass  # opened (and set up) before, not during, the run
        sent.clear()
        run()
    finally:
        event.remove(app.engine, "connect", on_connect)
        app.engine.dispose()
    return sent


def test_a_transition_is_one_read_and_one_write(postgres_app: App) -> None:
    ref = postgres_app.bus.handle(RegisterReport(actor="intake", report=new_report()))
    data = {"level": "acute", "indicators": ["runs_away"], "rationale": "signals"}
    fire = FireTrigger(actor="anna", case_id=ref.case_id, trigger="assess_risk", data=data)

    sent = statements_of(postgres_app, lambda: postgres_app.bus.handle(fire))

    assert sent == ["SELECT", "WITH"]
    with postgres_app.engine.connect() as conn:
        history = conn.execute(select(case_history.c.trigger).where(case_history.c.seq == 2))
        assert history.scalars().all() == ["assess_risk"]
        kinds = conn.execute(select(outbox.c.event_type).where(outbox.c.case_id == ref.case_id))
        assert set(kinds.scalars()) == {"ReportReceived", "RiskAssessed", "AcuteRiskDetected"}


def test_writes_that_need_several_statements_are_still_all_or_nothing(postgres_app: App) -> None:
    """A commit with more than one statement (here two saves, the second one stale) runs in a
    transaction of its own: the conflict undoes the save that went before it."""
    first = postgres_app.bus.handle(RegisterReport(actor="intake", report=new_report()))
    second = postgres_app.bus.handle(RegisterReport(actor="intake", report=new_report()))
    writes = Writes()
    writes.save_case(first.case_id, first.version, {"case_director": "bob"})
    writes.save_case(second.case_id, 99, {"case_director": "bob"})  # version 99 is stale

    with postgres_app.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT")
        with pytest.raises(ConcurrencyConflict):
            writes.send(conn, in_transaction=False)

    with postgres_app.engine.connect() as conn:
        directors = conn.execute(select(cases.c.case_director)).scalars().all()
    assert directors == [None, None]
