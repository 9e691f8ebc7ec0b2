"""kill -9 of `meldpunt worker --drain` in the middle of a drain, then a restart: nothing is lost
and every (event, handler) takes effect exactly once."""

import signal
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from adapters.bootstrap import bootstrap
from adapters.db.migrate import upgrade
from config.settings import Settings
from tests.conftest import new_report
from tests.e2e.cli import Cli
from workflow.commands import FireTrigger, RegisterReport

pytestmark = pytest.mark.e2e

CASES = 200
ACUTE = {"level": "acute", "indicators": ["runs_away"], "rationale": "r"}
START = {"case_director": "anna", "plan": "p"}
# Four events per case (ReportReceived, RiskAssessed, AcuteRiskDetected, CaseDirectionStarted),
# each with exactly one handler that stores one notification.
EVENTS = 4 * CASES


def fill(cli: Cli) -> None:
    """Register and advance the cases through the Python API: quicker than 600 processes."""
    settings = Settings(
        database_url=cli.env["MELDPUNT_DATABASE_URL"], key_file=Path(cli.env["MELDPUNT_KEY_FILE"])
    )
    app = bootstrap(settings)
    upgrade(app.engine)
    for _ in range(CASES):
        ref = app.bus.handle(RegisterReport(actor="intake", report=new_report()))
        for trigger, data in (("assess_risk", ACUTE), ("start_case_direction", START)):
            app.bus.handle(
                FireTrigger(actor="anna", case_id=ref.case_id, trigger=trigger, data=data)
            )
    app.engine.dispose()


def query(database: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(database, timeout=30)) as conn:
        return conn.execute(sql).fetchall()


def done_count(database: Path) -> int:
    return int(query(database, "SELECT count(*) FROM outbox WHERE status = 'done'")[0][0])


def test_kill_9_mid_drain_then_restart_handles_every_event_exactly_once(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    fill(cli)
    assert done_count(cli.database) == 0

    worker = cli.popen("worker", "--drain", "--json")
    try:
        while (done := done_count(cli.database)) < EVENTS // 10 and worker.poll() is None:
            time.sleep(0.01)
        worker.send_signal(signal.SIGKILL)
    finally:
        worker.wait(60)
    assert worker.returncode == -signal.SIGKILL, "the drain ended before it could be killed"
    done = done_count(cli.database)
    assert 0 < done < EVENTS, f"killed with {done} of {EVENTS} events done: not mid-drain"

    restarted = cli.json("worker", "--drain")
    assert (restarted["pending"], restarted["dead"], restarted["done"]) == (0, 0, EVENTS)
    status = cli.json("outbox", "status")
    assert (status["pending"], status["dead"], status["done"]) == (0, 0, EVENTS)

    # Every event took effect once: one inbox row per (event, handler) and one notification
    # per event, none missing and none doubled.
    events = {row[0] for row in query(cli.database, "SELECT event_id FROM outbox")}
    inbox = query(cli.database, "SELECT message_id, handler FROM inbox")
    assert len(inbox) == EVENTS and {m for m, _ in inbox} == events
    per_event = dict(
        query(cli.database, "SELECT event_id, count(*) FROM notifications GROUP BY event_id")
    )
    assert set(per_event) == events
    assert set(per_event.values()) == {1}
    kinds = dict(query(cli.database, "SELECT kind, count(*) FROM notifications GROUP BY kind"))
    # acute_risk: one for the team lead (RiskAssessed), one queued for the police (AcuteRisk...).
    assert kinds == {"new_report": CASES, "acute_risk": 2 * CASES, "case_assigned": CASES}
