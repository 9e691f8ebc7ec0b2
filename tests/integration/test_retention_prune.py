"""The `retention` job prunes the inbox and the access log past their terms; the access log's
chain still verifies afterwards, and goes on from where it was."""

from datetime import UTC, datetime

from sqlalchemy import func, select

from adapters.bootstrap import App
from adapters.db.tables import access_log, notifications
from adapters.scheduler.jobs import JOBS
from tests.conftest import unique_bsn
from tests.integration.helpers import register
from tests.integration.retention_helpers import LATER, approve, closed_case, job
from workflow.access import AccessEntry


def count(app: App, table: object) -> int:
    with app.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_records_past_their_terms_are_pruned_and_the_chain_still_verifies(app: App) -> None:
    register(app)
    app.dispatcher.drain()
    app.access_log.record([AccessEntry("teun", "team_lead", "cli:test", "read", "case", "ok")])
    assert count(app, notifications) > 0 and count(app, access_log) > 0
    today = job(app, datetime.now(UTC))
    assert (today["notifications_pruned"], today["access_log_pruned"]) == (0, 0)
    done = job(app, LATER)
    assert done["notifications_pruned"] > 0 and done["access_log_pruned"] > 0
    assert count(app, notifications) == 0 and count(app, access_log) == 0
    assert app.access_log.verify().intact
    app.access_log.record([AccessEntry("teun", "team_lead", "cli:test", "read", "case", "ok")])
    report = app.access_log.verify()
    assert report.intact and report.rows_checked == 1


def test_the_scheduled_job_is_registered_and_idempotent(app: App) -> None:
    closed_case(app, "Job Persoon", unique_bsn())
    first = JOBS["retention"].run(app, LATER)
    assert first["listed"] == 1 and first["anonymised"] == 0  # waits for the team lead
    again = JOBS["retention"].run(app, LATER)
    assert again["listed"] == 0 and again["list_id"] is None
    approve(app, first["list_id"])
    assert JOBS["retention"].run(app, LATER)["anonymised"] == 1
    assert JOBS["retention"].run(app, LATER)["anonymised"] == 0
