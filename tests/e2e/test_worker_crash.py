"""kill -9 of `meldpunt worker --drain` in the middle of a drain, then a restart: nothing is lost
and every (event, handler) takes effect exactly once."""

import signal
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from adapters.bootstrap import App, bootstrap
from adapters.db.migrate import upgrade
from config.settings import Settings
from tests.conftest import new_report, with_people
from tests.e2e.cli import Cli
from workflow.commands import FireTrigger, RegisterReport
from workflow.events import EVENT_TYPES
from workflow.transition_data import transition_data

pytestmark = pytest.mark.e2e

CASES = 200
ACUTE = {"level": "acute", "indicators": ["runs_away"], "rationale": "r"}
START = {"case_director": "anna", "plan": "p"}
# Four events per case: ReportReceived, RiskAssessed, AcuteRiskDetected, CaseDirectionStarted.
EVENTS = 4 * CASES


def fill(cli: Cli) -> None:
    """Register and advance the cases through the Python API: quicker than 600 processes."""
    app = same_app(cli)
    upgrade(app.engine)
    with_people(app)
    for _ in range(CASES):
        ref = app.bus.handle(RegisterReport(actor="intake", report=new_report()))
        for trigger, data in (("assess_risk", ACUTE), ("start_case_direction", START)):
            app.bus.handle(
                FireTrigger(actor="anna", case_id=ref.case_id, data=transition_data(trigger, data))
            )
    app.engine.dispose()


def same_app(cli: Cli) -> App:
    """The service as the CLI processes see it: same database, same keys."""
    env = cli.env
    return bootstrap(
        Settings(
            database_url=env["MELDPUNT_DATABASE_URL"],
            key_file=Path(env["MELDPUNT_KEY_FILE"]),
            subject_key_file=Path(env["MELDPUNT_SUBJECT_KEY_FILE"]),
        )
    )


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

    # Every event took effect once: one handled-message row per (event, handler), no notification
    # and no disclosure twice, none missing.
    app = same_app(cli)
    rows = query(cli.database, "SELECT event_id, event_type FROM outbox")
    expected = {
        (event_id, name)
        for event_id, event_type in rows
        for name in app.bus.handler_names(EVENT_TYPES[str(event_type)])
    }
    app.engine.dispose()
    handled = query(cli.database, "SELECT message_id, handler FROM handled_messages")
    assert len(handled) == len(expected) and set(handled) == expected
    copies = query(
        cli.database, "SELECT count(*) FROM notifications GROUP BY event_id, recipient, kind"
    )
    assert {c for (c,) in copies} == {1}
    kinds = dict(query(cli.database, "SELECT kind, count(*) FROM notifications GROUP BY kind"))
    assert kinds == {"new_report": CASES, "acute_risk": CASES, "case_assigned": CASES}
    partners = dict(
        query(cli.database, "SELECT partner, count(*) FROM disclosures GROUP BY partner")
    )
    assert partners == {"police": CASES, "comensha": CASES}  # acute risk; case direction
