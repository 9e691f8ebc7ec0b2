"""kill -9 of the relay and the workers at random moments while cases keep changing: in the end
every event is handled exactly once in effect (PostgreSQL + RabbitMQ, real processes)."""

import os
import random
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from adapters.bootstrap import App
from adapters.db.tables import handled_messages, outbox
from tests.conftest import new_report
from tests.e2e.production import (
    Process,
    assert_handled_exactly_once,
    environment,
    expected_handled,
    production_app,
    wait_until,
)
from workflow.commands import FireTrigger, RegisterReport
from workflow.transition_data import transition_data

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.rabbitmq]

# The issue asks for 500 cases: `MELDPUNT_CRASH_CASES=500` runs that (45 s on a quiet machine,
# about 140 s while two other engineers' suites share its two cores); 300 keeps `make test` short.
CASES = int(os.environ.get("MELDPUNT_CRASH_CASES", "300"))
# A crash returns a worker's unacknowledged messages, and the quorum queue counts that as a
# delivery; killing the workers more often than the delivery limit could dead-letter a healthy
# message. That is the poison-message guard working as designed, so the test stays below it.
MAX_WORKER_KILLS = 8
MIN_KILLS = 5  # the faults must really happen: cases keep coming until there were this many
PATH = [
    ("assess_risk", {"level": "acute", "indicators": ["runs_away"], "rationale": "signals"}),
    ("start_case_direction", {"case_director": "anna", "plan": "plan van aanpak"}),
    ("close", {"result": "handed_over_locally", "reason": "handed over"}),
]


def advance_cases(app: App, cases: int) -> None:
    for _ in range(cases):
        ref = app.bus.handle(RegisterReport(actor="intake", report=new_report()))
        for trigger, data in PATH:
            app.bus.handle(
                FireTrigger(actor="anna", case_id=ref.case_id, data=transition_data(trigger, data))
            )


def kill_at_random(relay: Process, workers: list[Process], stop: threading.Event) -> None:
    chance = random.Random()
    while not stop.wait(chance.uniform(0.5, 2.0)):
        worker_kills = sum(w.kills for w in workers)
        victim = relay if worker_kills >= MAX_WORKER_KILLS else chance.choice([relay, *workers])
        victim.kill()
        victim.start()


def test_every_event_is_handled_once_while_relay_and_workers_are_killed(tmp_path: Path) -> None:
    with production_app() as app:
        env = environment(app.settings)
        relay = Process(["relay"], env, tmp_path / "relay.log")
        workers = [Process(["worker"], env, tmp_path / f"worker{n}.log") for n in (1, 2)]
        processes = [relay, *workers]
        stop = threading.Event()
        killer = threading.Thread(target=kill_at_random, args=(relay, workers, stop))
        try:
            for process in processes:
                process.start()
            killer.start()
            advanced = 0
            # Bounded: a fast machine gets through CASES before enough kills, a slow one not.
            while advanced < CASES or (
                relay.kills + sum(w.kills for w in workers) < MIN_KILLS and advanced < 10 * CASES
            ):
                advance_cases(app, 10)
                advanced += 10
            stop.set()
            killer.join()

            def all_handled() -> bool:
                with app.engine.connect() as conn:
                    pending = conn.execute(
                        select(func.count()).where(outbox.c.status == "pending")
                    ).scalar_one()
                    handled = conn.execute(
                        select(func.count()).select_from(handled_messages)
                    ).scalar_one()
                return pending == 0 and handled >= len(expected_handled(app))

            wait_until(all_handled, "every event to be handled")
        finally:
            stop.set()
            for process in processes:
                process.stop()
        kills = {"relay": relay.kills, "workers": [w.kills for w in workers]}
        print(f"kills: {kills}")  # shown with -s, for the record
        assert relay.kills + sum(w.kills for w in workers) >= MIN_KILLS, kills  # faults happened
        assert_handled_exactly_once(app)
        assert "events published" in relay.log_text()
